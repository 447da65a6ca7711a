// ANSI SGR escape codes (colours, bold) in stream output: parsed into styled spans for display,
// or stripped. Other CSI sequences (cursor movement, erase) are dropped, never shown raw.
#pragma once
#include <QString>
#include <QVector>

class QTextCursor;

namespace kusari::widgets {

class Theme;

struct AnsiSpan {
  QString text;
  int foreground = -1;  // 0..15 (ANSI colour index), -1 = default
  int background = -1;
  bool bold = false;
  bool operator==(const AnsiSpan&) const = default;
};

QVector<AnsiSpan> parseAnsi(const QString& text);
QString stripAnsi(const QString& text);
bool containsAnsi(const QString& text);
// Inserts the spans at the cursor with the theme's ANSI colours.
void insertAnsi(QTextCursor& cursor, const QString& text, const Theme& theme);

}  // namespace kusari::widgets
