// The notebook as a vertical list of cells over a studio::Notebook, with Jupyter's command and
// edit modes. Editing commands change the Notebook (the view follows its signals); running is
// only requested (runRequested): whoever owns the view decides how cells run.
#pragma once
#include "widgets/editor/code_assist.h"
#include "widgets/notebook/cell_widget.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QScrollArea>

class QVBoxLayout;

namespace kusari::studio {
class Notebook;
}

namespace kusari::widgets {

class BreakpointMarkers;
class NoticeBanner;

class NotebookView : public QScrollArea {
  Q_OBJECT
 public:
  enum class Mode { Command, Edit };
  Q_ENUM(Mode)

  explicit NotebookView(studio::Notebook* notebook, QWidget* parent = nullptr);

  studio::Notebook* notebook() const { return notebook_; }
  BreakpointMarkers* breakpoints() const { return breakpoints_; }
  int cellCount() const { return static_cast<int>(cells_.size()); }
  CellWidget* cellWidget(int index) const { return cells_.value(index); }

  Mode mode() const { return mode_; }
  int currentIndex() const { return current_; }
  QVector<int> selectedIndexes() const;  // ascending
  void setCurrentIndex(int index, bool extendSelection = false);
  void enterEditMode();
  void enterCommandMode();

  void setCellRunState(int index, CellRunState state);
  void setCodeAssist(const CodeAssistProvider& provider);
  void applyTheme();

  // Commands (keys, menus and toolbar all come here).
  void runSelected();            // Ctrl+Enter
  void runSelectedAndAdvance();  // Shift+Enter
  void runSelectedAndInsert();   // Alt+Enter
  void runAll();
  void insertCell(bool below, studio::CellType type = studio::CellType::Code);
  void deleteSelected();
  void undoDelete();
  void setSelectedType(studio::CellType type);
  void splitAtCursor();
  void mergeSelected();
  void moveSelected(int delta);  // -1 up, +1 down
  void revealLine(const QString& cellId, int line);  // a traceback link
  // The line a paused debugger stands on, marked in its cell's editor and scrolled into view;
  // an empty cellId (or line 0) clears the mark.
  void setPausedLine(const QString& cellId, int line);
  QString pausedCellId() const { return paused_cell_; }
  // A notice above the cells (a dead kernel, say) with one action; hidden by hideNotice().
  void showNotice(const QString& message, const QString& actionText);
  void hideNotice();
  NoticeBanner* notice() const { return notice_; }

 signals:
  void runRequested(const QVector<int>& indexes);  // code cells only, ascending
  void interruptRequested();
  void restartRequested();
  void currentCellChanged(int index);
  void modeChanged(kusari::widgets::NotebookView::Mode mode);
  void tensorOpenRequested(const QJsonObject& summary);
  void noticeActionTriggered();
  // The mouse rests over a name in a code cell (the cell's id, the name or dotted name).
  void identifierHovered(const QString& cellId, const QString& text, const QPoint& globalPos);
  void hoverEnded();

 protected:
  bool event(QEvent* event) override;
  bool eventFilter(QObject* watched, QEvent* event) override;
  void keyPressEvent(QKeyEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;

 private:
  // notebook_keys.cpp
  bool isViewShortcut(const QKeyEvent* event) const;
  bool handleCommandKey(QKeyEvent* event);
  bool handleEditKey(QKeyEvent* event);

  void cellInserted(int index);
  void cellRemoved(int index);
  void cellMoved(int from, int to);
  void connectCell(CellWidget* cell);
  int indexOf(const CellWidget* cell) const;
  void requestRun(const QVector<int>& indexes);
  void refreshSelection();
  void setMode(Mode mode);
  void layoutNotice();

  studio::Notebook* notebook_;
  BreakpointMarkers* breakpoints_;
  QWidget* content_;
  NoticeBanner* notice_;
  QVBoxLayout* list_;
  QVector<CellWidget*> cells_;
  CodeAssistProvider assist_;
  Mode mode_ = Mode::Command;
  int current_ = -1;
  int anchor_ = -1;
  QVector<QVector<std::pair<int, studio::Cell>>> deleted_;  // batches, for Z
  // Two-key commands (D D, I I, 0 0): the first key and when it came.
  int pending_key_ = 0;
  QElapsedTimer pending_since_;
  QString paused_cell_;
};

}  // namespace kusari::widgets
