#include "outbox.h"

#include "protocol/execution_messages.h"

namespace kusari::kernel {

void Outbox::post(const QString& parent, protocol::Message message) {
  message.id = QStringLiteral("k%1").arg(next_id_++);
  message.parent = parent;
  {
    std::lock_guard lock(mutex_);
    pending_.push_back({std::move(message), QString(), QString()});
  }
  if (wake_up_) wake_up_();
}

void Outbox::writeStream(const QString& parent, const QString& name, const QString& text) {
  // Huge writes are cut into chunks so that no frame nears the reader's size limit.
  for (qsizetype at = 0; at < text.size(); at += kMaxStreamChunk) appendStream(parent, name, text.mid(at, kMaxStreamChunk));
}

void Outbox::appendStream(const QString& parent, const QString& name, const QString& text) {
  std::lock_guard lock(mutex_);
  // Join the latest pending text of this stream, if no other kind of message came after it.
  for (auto it = pending_.rbegin(); it != pending_.rend() && !it->streamName.isEmpty(); ++it) {
    if (it->streamName == name && it->message.parent == parent) {
      if (it->text.size() + text.size() > kMaxStreamChunk) break;
      it->text += text;
      return;
    }
  }
  protocol::Message envelope;
  envelope.type = QString::fromLatin1(protocol::Stream::kType);
  envelope.id = QStringLiteral("k%1").arg(next_id_++);
  envelope.parent = parent;
  pending_.push_back({std::move(envelope), name, text});
}

std::vector<protocol::Message> Outbox::take() {
  std::vector<Pending> pending;
  {
    std::lock_guard lock(mutex_);
    pending.swap(pending_);
  }
  std::vector<protocol::Message> messages;
  messages.reserve(pending.size());
  for (Pending& p : pending) {
    if (!p.streamName.isEmpty()) p.message.content = protocol::Stream{p.streamName, p.text}.toCbor();
    messages.push_back(std::move(p.message));
  }
  return messages;
}

}  // namespace kusari::kernel
