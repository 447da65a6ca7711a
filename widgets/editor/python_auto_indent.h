// Python indentation on Enter: QScintilla keeps the previous line's indent; this adds one level
// after a line ending in ':' and removes one after return/pass/break/continue/raise.
#pragma once
#include "widgets/editor/editor_decorator.h"

namespace kusari::widgets {

class PythonAutoIndent : public EditorDecorator {
  Q_OBJECT
 public:
  explicit PythonAutoIndent(CodeEditor* editor);

 private:
  void charAdded(int ch);
};

}  // namespace kusari::widgets
