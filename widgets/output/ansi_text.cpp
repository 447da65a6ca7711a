#include "widgets/output/ansi_text.h"

#include "widgets/theme/theme.h"

#include <QTextCharFormat>
#include <QTextCursor>

namespace kusari::widgets {
namespace {

constexpr QChar kEsc = QChar(0x1b);

// Applies one SGR parameter list ("1;31", "38;5;9", "") to the running style.
void applySgr(const QString& params, AnsiSpan& style) {
  const QStringList parts = params.isEmpty() ? QStringList{QStringLiteral("0")} : params.split(u';');
  for (int i = 0; i < parts.size(); ++i) {
    const int code = parts[i].toInt();
    if (code == 0) style = AnsiSpan{};
    else if (code == 1) style.bold = true;
    else if (code == 22) style.bold = false;
    else if (code >= 30 && code <= 37) style.foreground = code - 30;
    else if (code >= 90 && code <= 97) style.foreground = code - 90 + 8;
    else if (code == 39) style.foreground = -1;
    else if (code >= 40 && code <= 47) style.background = code - 40;
    else if (code >= 100 && code <= 107) style.background = code - 100 + 8;
    else if (code == 49) style.background = -1;
    else if ((code == 38 || code == 48) && i + 1 < parts.size()) {
      // 256-colour (5;n) keeps the 16 base colours; true colour (2;r;g;b) is skipped.
      const int mode = parts[i + 1].toInt();
      int& target = code == 38 ? style.foreground : style.background;
      if (mode == 5 && i + 2 < parts.size()) {
        const int n = parts[i + 2].toInt();
        target = n < 16 ? n : -1;
        i += 2;
      } else if (mode == 2) {
        i += 4;
      }
    }
  }
}

}  // namespace

bool containsAnsi(const QString& text) { return text.contains(kEsc); }

QVector<AnsiSpan> parseAnsi(const QString& text) {
  QVector<AnsiSpan> spans;
  AnsiSpan style;
  QString pending;
  auto flush = [&] {
    if (pending.isEmpty()) return;
    AnsiSpan span = style;
    span.text = pending;
    spans.append(span);
    pending.clear();
  };
  for (qsizetype i = 0; i < text.size(); ++i) {
    if (text[i] != kEsc) {
      pending += text[i];
      continue;
    }
    if (i + 1 < text.size() && text[i + 1] == u'[') {
      qsizetype j = i + 2;  // parameters, then one final byte in @..~
      while (j < text.size() && !(text[j] >= u'@' && text[j] <= u'~')) ++j;
      if (j < text.size() && text[j] == u'm') {
        flush();
        applySgr(text.mid(i + 2, j - i - 2), style);
      }
      i = j;
    } else {
      ++i;  // a two-character escape: drop both
    }
  }
  flush();
  return spans;
}

QString stripAnsi(const QString& text) {
  if (!containsAnsi(text)) return text;
  QString out;
  for (const AnsiSpan& s : parseAnsi(text)) out += s.text;
  return out;
}

void insertAnsi(QTextCursor& cursor, const QString& text, const Theme& theme) {
  const QTextCharFormat base;
  for (const AnsiSpan& span : parseAnsi(text)) {
    QTextCharFormat f = base;
    if (span.foreground >= 0) f.setForeground(theme.ansi(span.foreground));
    if (span.background >= 0) f.setBackground(theme.ansi(span.background));
    if (span.bold) f.setFontWeight(QFont::Bold);
    cursor.insertText(span.text, f);
  }
}

}  // namespace kusari::widgets
