// The error every failure to read or save a notebook raises: what went wrong and where, in
// words a user can act on ("cell 3: 'source' must be a string or a list of strings").
// Cells and outputs are numbered from 1 in messages, as a person counts them.
#pragma once
#include <QString>
#include <stdexcept>

namespace kusari::studio {

class IpynbError : public std::runtime_error {
 public:
  enum class Kind {
    Io,                  // the file cannot be read or written
    NotJson,             // line() and column() say where parsing stopped
    NotNotebook,         // JSON, but not shaped like a notebook
    UnsupportedVersion,  // nbformat other than 4 (e.g. 3)
    InvalidContent,      // a notebook with a field of the wrong type or a missing key
  };

  IpynbError(Kind kind, const QString& message, int line = 0, int column = 0)
      : std::runtime_error(message.toStdString()), kind_(kind), message_(message), line_(line), column_(column) {}

  Kind kind() const { return kind_; }
  const QString& message() const { return message_; }
  int line() const { return line_; }      // 1-based, 0 when not a parse error
  int column() const { return column_; }  // 1-based, in characters

 private:
  Kind kind_;
  QString message_;
  int line_;
  int column_;
};

}  // namespace kusari::studio
