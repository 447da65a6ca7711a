// Shows one cell's line breakpoints from a BreakpointMarkers model in the editor's margin and
// toggles them on a margin click or F9. Markers follow edits: a line inserted above a marker
// moves it (Scintilla moves the marker; the model is updated from the marker positions).
#pragma once
#include "widgets/editor/editor_decorator.h"

#include <QPointer>
#include <functional>

namespace kusari::widgets {

class BreakpointMarkers;

class BreakpointMargin : public EditorDecorator {
  Q_OBJECT
 public:
  // cellId is asked each time: a cell keeps its id, but the decorator need not know it.
  BreakpointMargin(CodeEditor* editor, BreakpointMarkers* markers, std::function<QString()> cellId);

  void toggleAtCursor();
  void toggleLine(int line);  // 1-based
  void redraw();              // after the editor's text was replaced wholesale

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void redrawCell(const QString& cellId);
  void syncModelFromMarkers();

  QPointer<BreakpointMarkers> markers_;
  std::function<QString()> cell_id_;
  bool syncing_ = false;
};

}  // namespace kusari::widgets
