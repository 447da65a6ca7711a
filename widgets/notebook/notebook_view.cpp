#include "widgets/notebook/notebook_view.h"

#include "document/notebook.h"
#include "widgets/editor/breakpoint_markers.h"
#include "widgets/editor/code_editor.h"
#include "widgets/notebook/notice_banner.h"
#include "widgets/theme/theme.h"

#include <QApplication>
#include <QResizeEvent>
#include <QVBoxLayout>

namespace kusari::widgets {

using studio::Cell;
using studio::CellType;

NotebookView::NotebookView(studio::Notebook* notebook, QWidget* parent)
    : QScrollArea(parent), notebook_(notebook), breakpoints_(new BreakpointMarkers(this)),
      content_(new QWidget), notice_(new NoticeBanner(this)), list_(new QVBoxLayout(content_)) {
  connect(notice_, &NoticeBanner::actionTriggered, this, &NotebookView::noticeActionTriggered);
  list_->setContentsMargins(0, 8, 0, 200);  // room below the last cell, as in JupyterLab
  list_->setSpacing(2);
  list_->addStretch(1);  // spare height goes below the last cell, never into a cell
  setWidget(content_);
  setWidgetResizable(true);
  setFrameShape(QFrame::NoFrame);
  setFocusPolicy(Qt::StrongFocus);
  content_->setAutoFillBackground(true);
  for (int i = 0; i < notebook->cellCount(); ++i) cellInserted(i);
  connect(notebook, &studio::Notebook::cellInserted, this, &NotebookView::cellInserted);
  connect(notebook, &studio::Notebook::cellRemoved, this, &NotebookView::cellRemoved);
  connect(notebook, &studio::Notebook::cellMoved, this, &NotebookView::cellMoved);
  connect(notebook, &studio::Notebook::sourceChanged, this,
          [this](int i) { cells_[i]->setSource(notebook_->cell(i).source); });
  connect(notebook, &studio::Notebook::cellTypeChanged, this, [this](int i) {
    cells_[i]->setCell(notebook_->cell(i));
    refreshSelection();
  });
  connect(notebook, &studio::Notebook::outputsChanged, this,
          [this](int i) { cells_[i]->setOutputs(notebook_->cell(i).outputs); });
  connect(notebook, &studio::Notebook::executionCountChanged, this,
          [this](int i) { cells_[i]->setExecutionCount(notebook_->cell(i).executionCount); });
  connect(ThemeNotifier::instance(), &ThemeNotifier::changed, this, &NotebookView::applyTheme);
  applyTheme();
  if (!cells_.isEmpty()) setCurrentIndex(0);
  setFocus();  // command mode: the window's first focus is the notebook, not a cell editor
}

// ---- following the model -------------------------------------------------------------

void NotebookView::cellInserted(int index) {
  auto* cell = new CellWidget(notebook_->cell(index), breakpoints_, content_);
  cell->setCodeAssist(assist_);
  connectCell(cell);
  cells_.insert(index, cell);
  list_->insertWidget(index, cell);
  if (current_ >= index) ++current_;
  if (anchor_ >= index) ++anchor_;
  if (current_ < 0) current_ = anchor_ = index;
  refreshSelection();
}

void NotebookView::cellRemoved(int index) {
  CellWidget* cell = cells_.takeAt(index);
  const bool hadFocus = cell->isAncestorOf(QApplication::focusWidget());
  cell->deleteLater();
  cell->hide();
  if (cells_.isEmpty()) {
    current_ = anchor_ = -1;
  } else {
    if (current_ > index || current_ >= cellCount()) --current_;
    if (anchor_ > index || anchor_ >= cellCount()) anchor_ = current_;
  }
  if (hadFocus) setFocus();
  refreshSelection();
}

void NotebookView::cellMoved(int from, int to) {
  CellWidget* cell = cells_.takeAt(from);
  cells_.insert(to, cell);
  list_->removeWidget(cell);
  list_->insertWidget(to, cell);
  auto remap = [&](int i) {
    if (i == from) return to;
    if (from < to && i > from && i <= to) return i - 1;
    if (from > to && i >= to && i < from) return i + 1;
    return i;
  };
  current_ = remap(current_);
  anchor_ = remap(anchor_);
  refreshSelection();
}

void NotebookView::connectCell(CellWidget* cell) {
  connect(cell, &CellWidget::identifierHovered, this, [this, cell](const QString& text, const QPoint& globalPos) {
    emit identifierHovered(cell->cellId(), text, globalPos);
  });
  connect(cell, &CellWidget::hoverEnded, this, &NotebookView::hoverEnded);
  connect(cell, &CellWidget::sourceEdited, this, [this, cell](const QString& source) {
    const int i = indexOf(cell);
    if (i >= 0) notebook_->setSource(i, source);
  });
  connect(cell, &CellWidget::clicked, this, [this, cell](Qt::KeyboardModifiers modifiers) {
    const int i = indexOf(cell);
    if (i < 0) return;
    const bool extend = modifiers & Qt::ShiftModifier;
    if (!extend && mode_ == Mode::Edit && i != current_) enterCommandMode();
    setCurrentIndex(i, extend);
    if (mode_ == Mode::Command) setFocus();
  });
  connect(cell, &CellWidget::editRequested, this, [this, cell] {
    const int i = indexOf(cell);
    if (i < 0) return;
    if (i != current_) setCurrentIndex(i);
    enterEditMode();
  });
  connect(cell, &CellWidget::cellLinkActivated, this, &NotebookView::revealLine);
  connect(cell, &CellWidget::tensorOpenRequested, this, &NotebookView::tensorOpenRequested);
  cell->editor()->installEventFilter(this);
}

int NotebookView::indexOf(const CellWidget* cell) const {
  return static_cast<int>(cells_.indexOf(const_cast<CellWidget*>(cell)));
}

// ---- selection and modes -------------------------------------------------------------

QVector<int> NotebookView::selectedIndexes() const {
  QVector<int> out;
  if (current_ < 0) return out;
  for (int i = std::min(current_, anchor_); i <= std::max(current_, anchor_); ++i) out.append(i);
  return out;
}

void NotebookView::setCurrentIndex(int index, bool extendSelection) {
  if (cells_.isEmpty()) return;
  index = std::clamp(index, 0, cellCount() - 1);
  const bool changed = index != current_;
  if (changed && mode_ == Mode::Edit) enterCommandMode();
  current_ = index;
  if (!extendSelection || anchor_ < 0) anchor_ = index;
  refreshSelection();
  ensureWidgetVisible(cells_[index], 0, 24);
  if (changed) emit currentCellChanged(index);
}

void NotebookView::refreshSelection() {
  const QVector<int> selected = selectedIndexes();
  for (int i = 0; i < cellCount(); ++i) {
    cells_[i]->setCurrent(i == current_);
    cells_[i]->setSelected(selected.size() > 1 ? selected.contains(i) : i == current_);
    cells_[i]->setEditing(mode_ == Mode::Edit && i == current_);
  }
}

void NotebookView::setMode(Mode mode) {
  if (mode_ == mode) return;
  mode_ = mode;
  refreshSelection();
  emit modeChanged(mode);
}

void NotebookView::enterEditMode() {
  if (current_ < 0) return;
  anchor_ = current_;
  setMode(Mode::Edit);
  CellWidget* cell = cells_[current_];
  cell->setEditing(true);
  cell->editor()->setFocus();
  ensureWidgetVisible(cell, 0, 24);
}

void NotebookView::enterCommandMode() {
  if (current_ >= 0) cells_[current_]->setEditing(false);
  setMode(Mode::Command);
  setFocus();
}

void NotebookView::setCellRunState(int index, CellRunState state) {
  if (index >= 0 && index < cellCount()) cells_[index]->setRunState(state);
}

void NotebookView::setCodeAssist(const CodeAssistProvider& provider) {
  assist_ = provider;
  for (CellWidget* cell : cells_) cell->setCodeAssist(provider);
}

void NotebookView::applyTheme() {
  QPalette p = content_->palette();
  p.setColor(QPalette::Window, Theme::current().color(ThemeRole::Base));
  content_->setPalette(p);
  for (CellWidget* cell : cells_) cell->applyTheme();
}

// ---- commands --------------------------------------------------------------------------

void NotebookView::requestRun(const QVector<int>& indexes) {
  QVector<int> code;
  for (int i : indexes) {
    if (notebook_->cell(i).type == CellType::Code) code.append(i);
    else cells_[i]->setEditing(false);  // "running" markdown renders it
  }
  if (!code.isEmpty()) emit runRequested(code);
}

void NotebookView::runSelected() {
  if (current_ < 0) return;
  requestRun(selectedIndexes());
  enterCommandMode();
}

void NotebookView::runSelectedAndAdvance() {
  if (current_ < 0) return;
  const QVector<int> selected = selectedIndexes();
  requestRun(selected);
  const int next = selected.last() + 1;
  if (next >= cellCount()) {
    notebook_->insertCell(next, Cell{});
    setCurrentIndex(next);
    enterEditMode();
  } else {
    enterCommandMode();
    setCurrentIndex(next);
  }
}

void NotebookView::runSelectedAndInsert() {
  if (current_ < 0) return;
  const QVector<int> selected = selectedIndexes();
  requestRun(selected);
  const int next = selected.last() + 1;
  notebook_->insertCell(next, Cell{});
  setCurrentIndex(next);
  enterEditMode();
}

void NotebookView::runAll() {
  QVector<int> all;
  for (int i = 0; i < cellCount(); ++i) all.append(i);
  requestRun(all);
}

void NotebookView::insertCell(bool below, CellType type) {
  const int at = current_ < 0 ? 0 : (below ? current_ + 1 : current_);
  if (mode_ == Mode::Edit) enterCommandMode();
  Cell cell;
  cell.type = type;
  notebook_->insertCell(at, cell);
  setCurrentIndex(at);
}

void NotebookView::deleteSelected() {
  if (current_ < 0) return;
  const QVector<int> selected = selectedIndexes();
  QVector<std::pair<int, Cell>> batch;
  for (auto it = selected.rbegin(); it != selected.rend(); ++it) batch.prepend({*it, notebook_->removeCell(*it)});
  deleted_.append(batch);
  if (cells_.isEmpty()) notebook_->insertCell(0, Cell{});  // a notebook always has a cell to type in
  setCurrentIndex(std::min(selected.first(), cellCount() - 1));
}

void NotebookView::undoDelete() {
  if (deleted_.isEmpty()) return;
  const auto batch = deleted_.takeLast();
  for (const auto& [index, cell] : batch) notebook_->insertCell(index, cell);
  setCurrentIndex(batch.first().first);
}

void NotebookView::setSelectedType(CellType type) {
  for (int i : selectedIndexes()) notebook_->setCellType(i, type);
}

void NotebookView::splitAtCursor() {
  if (current_ < 0) return;
  const QString source = notebook_->cell(current_).source;
  const int at = mode_ == Mode::Edit ? cells_[current_]->editor()->cursorOffset() : static_cast<int>(source.size());
  QString head = source.left(at), tail = source.mid(at);
  if (head.endsWith(u'\n')) head.chop(1);
  if (tail.startsWith(u'\n')) tail.remove(0, 1);
  const int index = current_;
  enterCommandMode();
  notebook_->setSource(index, head);
  Cell second;
  second.type = notebook_->cell(index).type;
  second.source = tail;
  notebook_->insertCell(index + 1, second);
  setCurrentIndex(index + 1);
}

void NotebookView::mergeSelected() {
  QVector<int> selected = selectedIndexes();
  if (selected.size() == 1 && selected.first() + 1 < cellCount()) selected.append(selected.first() + 1);
  if (selected.size() < 2) return;
  QStringList parts;
  for (int i : selected) parts << notebook_->cell(i).source;
  const int first = selected.first();
  enterCommandMode();
  for (int k = static_cast<int>(selected.size()) - 1; k >= 1; --k) notebook_->removeCell(selected[k]);
  notebook_->setSource(first, parts.join(QStringLiteral("\n\n")));
  notebook_->clearOutputs(first);
  setCurrentIndex(first);
}

void NotebookView::moveSelected(int delta) {
  const QVector<int> selected = selectedIndexes();
  if (selected.isEmpty()) return;
  if (delta < 0 && selected.first() == 0) return;
  if (delta > 0 && selected.last() == cellCount() - 1) return;
  // Moving the neighbour across the block keeps the selection's own order.
  if (delta < 0) notebook_->moveCell(selected.first() - 1, selected.last());
  else notebook_->moveCell(selected.last() + 1, selected.first());
}

void NotebookView::revealLine(const QString& cellId, int line) {
  const int index = notebook_->indexOfId(cellId);
  if (index < 0) return;
  setCurrentIndex(index);
  enterEditMode();
  if (line > 0) cells_[index]->editor()->goToLine(line);
}

void NotebookView::setPausedLine(const QString& cellId, int line) {
  const int index = line > 0 ? notebook_->indexOfId(cellId) : -1;
  paused_cell_ = index >= 0 ? cellId : QString();
  for (CellWidget* cell : cells_)
    if (cell->editor()) cell->editor()->setPausedLine(cell->cellId() == paused_cell_ ? line : 0);
  if (index < 0) return;
  setCurrentIndex(index);
  // Scrolled into view by the notebook; the editor's caret stays where the person left it.
  CodeEditor* editor = cells_[index]->editor();
  if (!editor) return;
  const int lineHeight = int(editor->SendScintilla(QsciScintilla::SCI_TEXTHEIGHT, 0));
  const QPoint at = editor->mapTo(content_, QPoint(0, (line - 1) * lineHeight));
  ensureVisible(at.x(), at.y() + lineHeight / 2, 0, std::max(lineHeight * 3, viewport()->height() / 3));
}

void NotebookView::showNotice(const QString& message, const QString& actionText) {
  notice_->show(message, actionText);
  layoutNotice();
}

void NotebookView::hideNotice() {
  notice_->hide();
  setViewportMargins(0, 0, 0, 0);
}

void NotebookView::resizeEvent(QResizeEvent* event) {
  QScrollArea::resizeEvent(event);
  if (notice_->isVisible()) layoutNotice();
}

// The banner sits in the viewport's top margin, so it never scrolls away or covers a cell.
void NotebookView::layoutNotice() {
  const int h = notice_->hasHeightForWidth() ? notice_->heightForWidth(width()) : notice_->sizeHint().height();
  setViewportMargins(0, h, 0, 0);
  notice_->setGeometry(frameWidth(), frameWidth(), width() - 2 * frameWidth(), h);
  notice_->raise();
}

}  // namespace kusari::widgets
