#include "widgets/editor/python_auto_indent.h"

#include "widgets/editor/code_editor.h"

#include <QRegularExpression>

namespace kusari::widgets {

PythonAutoIndent::PythonAutoIndent(CodeEditor* editor) : EditorDecorator(editor) {
  connect(editor, &QsciScintilla::SCN_CHARADDED, this, &PythonAutoIndent::charAdded);
}

void PythonAutoIndent::charAdded(int ch) {
  if (ch != '\n') return;
  int line = 0, index = 0;
  editor()->getCursorPosition(&line, &index);
  if (line == 0) return;
  const QString previous = editor()->text(line - 1);
  const QString code = previous.section(u'#', 0, 0).trimmed();  // good enough: '#' in strings is rare at line end
  const int base = editor()->indentation(line - 1);
  static const QRegularExpression dedent(QStringLiteral("^(return|pass|break|continue|raise)\\b"));
  int wanted = base;
  if (code.endsWith(u':')) wanted = base + editor()->indentationWidth();
  else if (dedent.match(code).hasMatch()) wanted = std::max(0, base - editor()->indentationWidth());
  if (wanted == editor()->indentation(line)) return;
  editor()->setIndentation(line, wanted);
  editor()->setCursorPosition(line, wanted);
}

}  // namespace kusari::widgets
