// Completion and inspection against the kernel's live namespace.
// Cursor positions count Unicode code points from the start of `code` (as Jupyter's protocol).
#pragma once

#include <QCborMap>
#include <QString>
#include <QStringList>

namespace kusari::protocol {

struct CompleteRequest {
  static constexpr const char* kType = "complete_request";
  QString code;
  qint64 cursorPos = 0;
  QCborMap toCbor() const;
  static CompleteRequest fromCbor(const QCborMap& map);
  bool operator==(const CompleteRequest&) const = default;
};

// Replacing code[cursorStart, cursorEnd) with a match completes the text.
struct CompleteReply {
  static constexpr const char* kType = "complete_reply";
  QStringList matches;
  qint64 cursorStart = 0;
  qint64 cursorEnd = 0;
  QCborMap toCbor() const;
  static CompleteReply fromCbor(const QCborMap& map);
  bool operator==(const CompleteReply&) const = default;
};

struct InspectRequest {
  static constexpr const char* kType = "inspect_request";
  QString code;
  qint64 cursorPos = 0;
  QCborMap toCbor() const;
  static InspectRequest fromCbor(const QCborMap& map);
  bool operator==(const InspectRequest&) const = default;
};

struct InspectReply {
  static constexpr const char* kType = "inspect_reply";
  bool found = false;
  QString name;       // the dotted name at the cursor, e.g. "np.linalg.norm"
  QString typeName;   // "function", "Variable", ...
  QString signature;  // "(x, ord=None, axis=None)"; "" when there is none
  QString docstring;
  QCborMap toCbor() const;
  static InspectReply fromCbor(const QCborMap& map);
  bool operator==(const InspectReply&) const = default;
};

}  // namespace kusari::protocol
