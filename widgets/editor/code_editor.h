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
  // Breakpoint markers, one per BreakpointMarkerState; the paused line: an arrow in the margin
  // and a tinted background.
  enum Marker {
    BreakpointMarker = 1, DisabledBreakpointMarker, ConditionalBreakpointMarker, LogpointMarker,
    PausedArrowMarker, PausedLineMarker
  };
  static constexpr int kBreakpointMarkerMask = (1 << BreakpointMarker) | (1 << DisabledBreakpointMarker) |
                                               (1 << ConditionalBreakpointMarker) | (1 << LogpointMarker);
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
  // The line (1-based) a paused debugger stands on, marked until cleared with 0.
  void setPausedLine(int line);
  int pausedLine() const { return paused_line_; }

 signals:
  void focusReceived();
  // The mouse rests over a name or dotted name (emitted by an IdentifierHover decorator);
  // hoverEnded: it moved on.
  void identifierHovered(const QString& text, const QPoint& globalPos);
  void hoverEnded();

 protected:
  void focusInEvent(QFocusEvent* event) override;
  void wheelEvent(QWheelEvent* event) override;
  // Refits the height when the horizontal scroll bar appears or goes (a long line), so it never
  // covers the last line.
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  Language language_;
  int paused_line_ = 0;
};

}  // namespace kusari::widgets
