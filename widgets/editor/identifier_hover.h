// Hover to inspect: when the mouse rests over a name or an attribute chain (`self.l1.W`) in a
// Python editor, the editor emits CodeEditor::identifierHovered(text, globalPos); when it
// moves on, CodeEditor::hoverEnded(). Only plain names and dotted names are offered, never a
// call, subscript, keyword, number, string or comment: evaluating one must have no effects.
// What the text means (a debugger evaluates it) is up to whoever listens.
#pragma once
#include "widgets/editor/editor_decorator.h"

#include <QString>

namespace kusari::widgets {

class IdentifierHover : public EditorDecorator {
  Q_OBJECT
 public:
  static constexpr int kDwellMs = 500;
  explicit IdentifierHover(CodeEditor* editor);

  // The name or dotted name that `offset` (a character offset into `code`) stands on, up to
  // the end of the hovered part (`self.l1` over `l1` in `self.l1.W`); "" when there is none
  // or it hangs off a call or subscript (`f().x`, `a[0].b`) or is a Python keyword.
  static QString identifierAt(const QString& code, int offset);

 private:
  void dwellStarted(int position, int x, int y);
  bool inStringOrComment(int position);
};

}  // namespace kusari::widgets
