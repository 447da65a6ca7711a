// Jupyter's keyboard model for NotebookView. Command mode: Enter edit, A/B insert, D D delete,
// Z undo delete, M/Y markdown/code, Shift+M merge, Up/Down (K/J) move, Shift+Up/Down extend
// the selection, Alt+Up/Down move cells, I I interrupt, 0 0 restart. Both modes: Shift+Enter,
// Ctrl+Enter, Alt+Enter run; edit mode: Esc to command mode, Ctrl+Shift+- split at the cursor.
#include "document/notebook.h"
#include "widgets/editor/code_editor.h"
#include "widgets/notebook/notebook_view.h"

#include <QKeyEvent>

namespace kusari::widgets {
namespace {

constexpr int kDoubleKeyMs = 800;

bool isEnter(int key) { return key == Qt::Key_Return || key == Qt::Key_Enter; }

Qt::KeyboardModifiers mods(const QKeyEvent* e) { return e->modifiers() & ~Qt::KeypadModifier; }

bool isRunKey(const QKeyEvent* e) {
  const auto m = mods(e);
  return isEnter(e->key()) && (m == Qt::ShiftModifier || m == Qt::ControlModifier || m == Qt::AltModifier);
}

bool isSplitKey(const QKeyEvent* e) {
  return (e->key() == Qt::Key_Minus || e->key() == Qt::Key_Underscore) &&
         mods(e) == (Qt::ControlModifier | Qt::ShiftModifier);
}

}  // namespace

bool NotebookView::isViewShortcut(const QKeyEvent* e) const {
  if (isRunKey(e) || isSplitKey(e)) return true;
  if (mode_ == Mode::Edit) return e->key() == Qt::Key_Escape && mods(e) == Qt::NoModifier;
  // Command mode: letters and digits are commands here, never window shortcuts; function keys
  // (F5 continue, F9 breakpoint, F10 step, ...) stay the window's.
  if (e->key() >= Qt::Key_F1 && e->key() <= Qt::Key_F35) return false;
  return mods(e) == Qt::NoModifier || mods(e) == Qt::ShiftModifier;
}

bool NotebookView::event(QEvent* e) {
  if (e->type() == QEvent::ShortcutOverride && isViewShortcut(static_cast<QKeyEvent*>(e))) {
    e->accept();
    return true;
  }
  return QScrollArea::event(e);
}

bool NotebookView::eventFilter(QObject* watched, QEvent* e) {
  // Keys typed in a cell editor: the few that belong to the notebook are taken here.
  if (e->type() == QEvent::ShortcutOverride || e->type() == QEvent::KeyPress) {
    auto* key = static_cast<QKeyEvent*>(e);
    auto* editor = qobject_cast<CodeEditor*>(watched);
    const bool popupOpen = editor && (editor->isListActive() || editor->isCallTipActive());
    const bool ours = isRunKey(key) || isSplitKey(key) || (key->key() == Qt::Key_Escape && !popupOpen);
    if (ours) {
      e->accept();
      if (e->type() == QEvent::KeyPress) handleEditKey(key);
      return true;
    }
  }
  return QScrollArea::eventFilter(watched, e);
}

void NotebookView::keyPressEvent(QKeyEvent* e) {
  const bool handled = mode_ == Mode::Edit ? handleEditKey(e) : handleCommandKey(e);
  if (!handled) QScrollArea::keyPressEvent(e);
}

bool NotebookView::handleEditKey(QKeyEvent* e) {
  const auto m = mods(e);
  if (isEnter(e->key()) && m == Qt::ShiftModifier) runSelectedAndAdvance();
  else if (isEnter(e->key()) && m == Qt::ControlModifier) runSelected();
  else if (isEnter(e->key()) && m == Qt::AltModifier) runSelectedAndInsert();
  else if (isSplitKey(e)) splitAtCursor();
  else if (e->key() == Qt::Key_Escape) enterCommandMode();
  else return false;
  return true;
}

bool NotebookView::handleCommandKey(QKeyEvent* e) {
  const auto m = mods(e);
  const int key = e->key();
  // A second D (I, 0) within the window completes a two-key command; any other key resets.
  const bool repeated = pending_key_ == key && pending_since_.isValid() && pending_since_.elapsed() < kDoubleKeyMs;
  pending_key_ = 0;
  if (isRunKey(e) || isSplitKey(e)) return handleEditKey(e);
  if (m == Qt::AltModifier && (key == Qt::Key_Up || key == Qt::Key_Down)) {
    moveSelected(key == Qt::Key_Up ? -1 : 1);
    return true;
  }
  if (m == Qt::ShiftModifier) {
    if (key == Qt::Key_Up || key == Qt::Key_K) setCurrentIndex(current_ - 1, true);
    else if (key == Qt::Key_Down || key == Qt::Key_J) setCurrentIndex(current_ + 1, true);
    else if (key == Qt::Key_M) mergeSelected();
    else return false;
    return true;
  }
  if (m != Qt::NoModifier) return false;
  switch (key) {
    case Qt::Key_Return:
    case Qt::Key_Enter: enterEditMode(); break;
    case Qt::Key_Up:
    case Qt::Key_K: setCurrentIndex(current_ - 1); break;
    case Qt::Key_Down:
    case Qt::Key_J: setCurrentIndex(current_ + 1); break;
    case Qt::Key_A: insertCell(false); break;
    case Qt::Key_B: insertCell(true); break;
    case Qt::Key_Z: undoDelete(); break;
    case Qt::Key_M: setSelectedType(studio::CellType::Markdown); break;
    case Qt::Key_Y: setSelectedType(studio::CellType::Code); break;
    case Qt::Key_D:
    case Qt::Key_I:
    case Qt::Key_0:
      if (!repeated) {
        pending_key_ = key;
        pending_since_.start();
      } else if (key == Qt::Key_D) {
        deleteSelected();
      } else if (key == Qt::Key_I) {
        emit interruptRequested();
      } else {
        emit restartRequested();
      }
      break;
    default: return false;
  }
  return true;
}

}  // namespace kusari::widgets
