#include "widgets/editor/breakpoint_margin.h"

#include "widgets/editor/breakpoint_markers.h"
#include "widgets/editor/code_editor.h"

#include <QKeyEvent>

namespace kusari::widgets {
namespace {

int markerFor(BreakpointMarkerState state) {
  switch (state) {
    case BreakpointMarkerState::Disabled: return CodeEditor::DisabledBreakpointMarker;
    case BreakpointMarkerState::Conditional: return CodeEditor::ConditionalBreakpointMarker;
    case BreakpointMarkerState::Logpoint: return CodeEditor::LogpointMarker;
    default: return CodeEditor::BreakpointMarker;
  }
}

}  // namespace

BreakpointMargin::BreakpointMargin(CodeEditor* editor, BreakpointMarkers* markers, std::function<QString()> cellId)
    : EditorDecorator(editor), markers_(markers), cell_id_(std::move(cellId)) {
  connect(editor, &QsciScintilla::marginClicked, this, [this](int margin, int line, Qt::KeyboardModifiers) {
    if (margin == CodeEditor::BreakpointMargin || margin == CodeEditor::LineNumberMargin) toggleLine(line + 1);
  });
  connect(markers, &BreakpointMarkers::changed, this, &BreakpointMargin::redrawCell);
  connect(editor, &QsciScintilla::linesChanged, this, &BreakpointMargin::syncModelFromMarkers);
  editor->installEventFilter(this);
  redrawCell(cell_id_());
}

void BreakpointMargin::toggleAtCursor() {
  int line = 0, index = 0;
  editor()->getCursorPosition(&line, &index);
  toggleLine(line + 1);
}

void BreakpointMargin::toggleLine(int line) {
  if (markers_ && line >= 1 && line <= editor()->lines()) markers_->toggle(cell_id_(), line);
}

bool BreakpointMargin::eventFilter(QObject* watched, QEvent* event) {
  if (event->type() == QEvent::KeyPress && static_cast<QKeyEvent*>(event)->key() == Qt::Key_F9 &&
      static_cast<QKeyEvent*>(event)->modifiers() == Qt::NoModifier) {
    toggleAtCursor();
    return true;
  }
  return EditorDecorator::eventFilter(watched, event);
}

void BreakpointMargin::redraw() { redrawCell(cell_id_()); }

void BreakpointMargin::redrawCell(const QString& cellId) {
  if (syncing_ || !markers_ || cellId != cell_id_()) return;
  for (int marker : {CodeEditor::BreakpointMarker, CodeEditor::DisabledBreakpointMarker,
                     CodeEditor::ConditionalBreakpointMarker, CodeEditor::LogpointMarker})
    editor()->markerDeleteAll(marker);
  for (int line : markers_->lines(cellId)) editor()->markerAdd(line - 1, markerFor(markers_->state(cellId, line)));
}

void BreakpointMargin::syncModelFromMarkers() {
  if (!markers_) return;
  const QString id = cell_id_();
  QList<int> now;
  for (int line = editor()->markerFindNext(0, CodeEditor::kBreakpointMarkerMask); line >= 0;
       line = editor()->markerFindNext(line + 1, CodeEditor::kBreakpointMarkerMask))
    now.append(line + 1);
  if (now == markers_->lines(id)) return;
  syncing_ = true;
  markers_->relocate(id, now);
  syncing_ = false;
}

}  // namespace kusari::widgets
