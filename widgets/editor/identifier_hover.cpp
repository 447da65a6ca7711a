#include "widgets/editor/identifier_hover.h"

#include "widgets/editor/code_editor.h"

#include <Qsci/qscilexerpython.h>

#include <QSet>

namespace kusari::widgets {
namespace {

bool isNameChar(QChar c) { return c.isLetterOrNumber() || c == u'_'; }

bool isKeyword(const QString& word) {
  static const QSet<QString> keywords = {
      "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
      "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in",
      "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield"};
  return keywords.contains(word);
}

}  // namespace

IdentifierHover::IdentifierHover(CodeEditor* editor) : EditorDecorator(editor) {
  editor->SendScintilla(QsciScintilla::SCI_SETMOUSEDWELLTIME, kDwellMs);
  connect(editor, &QsciScintilla::SCN_DWELLSTART, this, &IdentifierHover::dwellStarted);
  connect(editor, &QsciScintilla::SCN_DWELLEND, editor, [editor](int, int, int) { emit editor->hoverEnded(); });
}

QString IdentifierHover::identifierAt(const QString& code, int offset) {
  if (offset < 0 || offset > code.size()) return {};
  int end = offset;
  if (end < code.size() && !isNameChar(code[end]) && end > 0 && isNameChar(code[end - 1])) --end;  // just past a word
  if (end >= code.size() || !isNameChar(code[end])) return {};
  while (end < code.size() && isNameChar(code[end])) ++end;
  int start = end;
  // Back over `name(.name)*`, each part a name that does not start with a digit.
  while (true) {
    int partStart = start;
    while (partStart > 0 && isNameChar(code[partStart - 1])) --partStart;
    if (partStart == start || code[partStart].isDigit() || isKeyword(code.mid(partStart, start - partStart))) return {};
    start = partStart;
    int before = start - 1;
    while (before >= 0 && (code[before] == u' ' || code[before] == u'\t')) --before;
    if (before < 0 || code[before] != u'.') break;
    int prev = before - 1;
    while (prev >= 0 && (code[prev] == u' ' || code[prev] == u'\t')) --prev;
    if (prev < 0 || !isNameChar(code[prev])) return {};  // `f().x`, `a[0].b`, `"s".x`, `1 .x`
    start = prev + 1;
  }
  QString text = code.mid(start, end - start);
  text.remove(u' ');
  text.remove(u'\t');
  return text;
}

bool IdentifierHover::inStringOrComment(int position) {
  if (!qobject_cast<QsciLexerPython*>(editor()->lexer())) return false;
  editor()->SendScintilla(QsciScintilla::SCI_COLOURISE, 0, position + 1);
  switch (editor()->SendScintilla(QsciScintilla::SCI_GETSTYLEAT, position)) {
    case QsciLexerPython::Comment:
    case QsciLexerPython::CommentBlock:
    case QsciLexerPython::Number:
    case QsciLexerPython::DoubleQuotedString:
    case QsciLexerPython::SingleQuotedString:
    case QsciLexerPython::TripleSingleQuotedString:
    case QsciLexerPython::TripleDoubleQuotedString:
    case QsciLexerPython::UnclosedString:
    case QsciLexerPython::DoubleQuotedFString:
    case QsciLexerPython::SingleQuotedFString:
    case QsciLexerPython::TripleSingleQuotedFString:
    case QsciLexerPython::TripleDoubleQuotedFString:
      return true;
    default:
      return false;
  }
}

void IdentifierHover::dwellStarted(int position, int x, int y) {
  if (position < 0 || editor()->language() != CodeEditor::Language::Python) return;
  if (inStringOrComment(position)) return;
  const QString code = editor()->text();
  const int offset = static_cast<int>(QString::fromUtf8(code.toUtf8().left(position)).size());
  const QString text = identifierAt(code, offset);
  if (!text.isEmpty()) emit editor()->identifierHovered(text, editor()->viewport()->mapToGlobal(QPoint(x, y)));
}

}  // namespace kusari::widgets
