#include "protocol/frame_reader.h"

#include <QCborParserError>
#include <QtEndian>

namespace kusari::protocol {

void FrameReader::append(QByteArrayView bytes) {
  if (hasError()) return;
  // Drop consumed bytes only once they dominate, so many small frames cost linear time.
  if (offset_ > 0 && offset_ * 2 >= buffer_.size()) {
    buffer_.remove(0, offset_);
    offset_ = 0;
  }
  buffer_.append(bytes.data(), bytes.size());
}

std::optional<Message> FrameReader::fail(const QString& why) {
  error_ = why;
  buffer_.clear();
  offset_ = 0;
  return std::nullopt;
}

std::optional<Message> FrameReader::next() {
  if (hasError() || bufferedBytes() < 4) return std::nullopt;
  const quint32 length = qFromBigEndian<quint32>(buffer_.constData() + offset_);
  if (length == 0) return fail(QStringLiteral("empty frame"));
  if (qsizetype(length) > max_frame_bytes_)
    return fail(QStringLiteral("frame of %1 bytes exceeds the limit of %2 bytes").arg(length).arg(max_frame_bytes_));
  if (bufferedBytes() < 4 + qsizetype(length)) return std::nullopt;

  const QByteArray payload = buffer_.mid(offset_ + 4, length);
  offset_ += 4 + qsizetype(length);
  QCborParserError parseError;
  const QCborValue value = QCborValue::fromCbor(payload, &parseError);
  if (parseError.error != QCborError::NoError)
    return fail(QStringLiteral("invalid CBOR in frame: %1").arg(parseError.errorString()));
  QString why;
  std::optional<Message> message = Message::fromCbor(value, &why);
  if (!message) return fail(why);
  return message;
}

}  // namespace kusari::protocol
