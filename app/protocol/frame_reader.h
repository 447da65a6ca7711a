// Reassembles messages from a byte stream that arrives in arbitrary pieces.
#pragma once

#include "protocol/message.h"

#include <QByteArrayView>

namespace kusari::protocol {

class FrameReader {
 public:
  // Frames longer than this are refused: a corrupt or hostile length must not allocate gigabytes.
  static constexpr qsizetype kDefaultMaxFrameBytes = qsizetype(64) << 20;

  explicit FrameReader(qsizetype maxFrameBytes = kDefaultMaxFrameBytes) : max_frame_bytes_(maxFrameBytes) {}

  void append(QByteArrayView bytes);
  // The next complete message; nullopt when more bytes are needed or the stream is broken.
  // A broken stream stays broken (the framing is lost): check hasError() after nullopt.
  std::optional<Message> next();

  bool hasError() const { return !error_.isEmpty(); }
  const QString& errorString() const { return error_; }
  qsizetype bufferedBytes() const { return buffer_.size() - offset_; }

 private:
  std::optional<Message> fail(const QString& why);

  QByteArray buffer_;
  qsizetype offset_ = 0;  // start of the unread bytes in buffer_
  qsizetype max_frame_bytes_;
  QString error_;
};

}  // namespace kusari::protocol
