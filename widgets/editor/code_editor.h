// A cell's source editor: QScintilla with the Python lexer, line numbers, a breakpoint margin,
// brace matching, and a height that follows its lines (the notebook scrolls, not the cell).
// Behaviours beyond that (breakpoints, auto-indent, completion) are decorators attached to it.
#pragma once
#include <Qsci/qsciscintilla.h>

namespace kusari::widgets {

class CodeEditor : public QsciScintilla {
  Q_OBJECT
 public:
  enum Margin { LineNumberMargin = 0, BreakpointMargin = 1 };
  enum Marker { BreakpointMarker = 1 };
  enum class Language { Python, Markdown };

  explicit CodeEditor(Language language = Language::Python, QWidget* parent = nullptr);

  Language language() const { return language_; }
  void applyTheme();
  // Cursor as a character offset into text() (QScintilla positions are UTF-8 bytes).
  int cursorOffset() const;
  void setCursorOffset(int offset);
  // The line (1-based) that should be visible and hold the cursor.
  void goToLine(int line);
  QSize sizeHint() const override;
  QSize minimumSizeHint() const override { return sizeHint(); }
  void fitHeight();  // the height of all lines: the notebook scrolls, not the editor

 signals:
  void focusReceived();

 protected:
  void focusInEvent(QFocusEvent* event) override;
  void wheelEvent(QWheelEvent* event) override;

 private:
  Language language_;
};

}  // namespace kusari::widgets
