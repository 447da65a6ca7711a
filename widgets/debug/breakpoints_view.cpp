#include "widgets/debug/breakpoints_view.h"

#include "widgets/debug/breakpoint_list.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>

namespace kusari::widgets {

BreakpointsView::BreakpointsView(QWidget* parent)
    : QWidget(parent), list_(nullptr), own_list_(new BreakpointList(this)), tree_(new QTreeView(this)),
      kind_(new QComboBox(this)), target_(new QLineEdit(this)), add_(new QToolButton(this)),
      remove_(new QToolButton(this)), enable_all_(new QToolButton(this)), disable_all_(new QToolButton(this)),
      non_finite_(new QCheckBox(tr("Stop on first NaN/Inf"), this)),
      exceptions_(new QCheckBox(tr("Uncaught exceptions"), this)), error_(new QLabel(this)) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->setSpacing(4);

  auto* top = new QHBoxLayout;
  non_finite_->setToolTip(tr("Pause at the first op whose output contains NaN or Inf"));
  top->addWidget(non_finite_);
  exceptions_->setToolTip(tr("Pause where an exception that nothing caught was raised, before it ends the cell"));
  top->addWidget(exceptions_);
  top->addStretch(1);
  enable_all_->setText(tr("Enable all"));
  disable_all_->setText(tr("Disable all"));
  remove_->setText(tr("Remove"));
  remove_->setToolTip(tr("Remove the selected breakpoints (Delete)"));
  top->addWidget(enable_all_);
  top->addWidget(disable_all_);
  top->addWidget(remove_);
  layout->addLayout(top);

  tree_->setRootIsDecorated(false);
  tree_->setUniformRowHeights(true);
  tree_->setAlternatingRowColors(true);
  tree_->setSelectionMode(QAbstractItemView::ExtendedSelection);
  tree_->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                         QAbstractItemView::SelectedClicked);
  tree_->header()->setStretchLastSection(true);
  tree_->installEventFilter(this);
  layout->addWidget(tree_, 1);

  auto* addRow = new QHBoxLayout;
  kind_->addItem(tr("Op"), static_cast<int>(Breakpoint::Kind::Op));
  kind_->addItem(tr("Link"), static_cast<int>(Breakpoint::Kind::Link));
  kind_->setToolTip(tr("Stop when an op of this name runs, or when any op inside this link runs"));
  target_->setPlaceholderText(tr("op name (relu) or link path (/l1)"));
  target_->setClearButtonEnabled(true);
  add_->setText(tr("Add"));
  addRow->addWidget(kind_);
  addRow->addWidget(target_, 1);
  addRow->addWidget(add_);
  layout->addLayout(addRow);
  error_->setWordWrap(true);
  error_->setForegroundRole(QPalette::PlaceholderText);
  error_->hide();
  layout->addWidget(error_);

  connect(add_, &QToolButton::clicked, this, &BreakpointsView::addFromInput);
  connect(target_, &QLineEdit::returnPressed, this, &BreakpointsView::addFromInput);
  connect(target_, &QLineEdit::textEdited, error_, &QLabel::hide);
  connect(remove_, &QToolButton::clicked, this, &BreakpointsView::removeSelected);
  connect(enable_all_, &QToolButton::clicked, this, [this] { list_->setAllEnabled(true); });
  connect(disable_all_, &QToolButton::clicked, this, [this] { list_->setAllEnabled(false); });
  connect(non_finite_, &QCheckBox::toggled, this, [this](bool on) { list_->setStopOnNonFinite(on); });
  connect(exceptions_, &QCheckBox::toggled, this, [this](bool on) { list_->setBreakOnException(on); });
  setList(own_list_);
}

void BreakpointsView::setList(BreakpointList* list) {
  if (list_) list_->disconnect(this);
  list_ = list ? list : own_list_;
  tree_->setModel(list_);
  tree_->setColumnWidth(BreakpointList::Location, 160);
  tree_->setColumnWidth(BreakpointList::Condition, 160);
  tree_->setColumnWidth(BreakpointList::HitCondition, 80);
  connect(list_, &BreakpointList::stopOnNonFiniteChanged, this, &BreakpointsView::syncNonFinite);
  syncNonFinite();
  connect(list_, &BreakpointList::breakOnExceptionChanged, this, &BreakpointsView::syncExceptions);
  syncExceptions();
}

void BreakpointsView::syncNonFinite() {
  const QSignalBlocker block(non_finite_);
  non_finite_->setChecked(list_->stopOnNonFinite());
}

void BreakpointsView::syncExceptions() {
  const QSignalBlocker block(exceptions_);
  exceptions_->setChecked(list_->breakOnException());
}

bool BreakpointsView::addFromInput() {
  const QString text = target_->text().trimmed();
  const auto kind = static_cast<Breakpoint::Kind>(kind_->currentData().toInt());
  QString error;
  const int row = list_->add(kind == Breakpoint::Kind::Op ? Breakpoint::onOp(text) : Breakpoint::inLink(text), &error);
  if (row < 0) {
    error_->setText(error);
    error_->show();
    return false;
  }
  error_->hide();
  target_->clear();
  tree_->setCurrentIndex(list_->index(row, BreakpointList::Location));
  return true;
}

void BreakpointsView::removeSelected() {
  QList<int> rows;
  for (const QModelIndex& i : tree_->selectionModel()->selectedRows()) rows << i.row();
  std::sort(rows.begin(), rows.end(), std::greater<>());
  for (int r : rows) list_->remove(r);
}

bool BreakpointsView::eventFilter(QObject* watched, QEvent* event) {
  if (watched == tree_ && event->type() == QEvent::KeyPress) {  // an open editor gets its own keys
    const int key = static_cast<QKeyEvent*>(event)->key();
    if (key == Qt::Key_Delete || key == Qt::Key_Backspace) {
      removeSelected();
      return true;
    }
  }
  return QWidget::eventFilter(watched, event);
}

}  // namespace kusari::widgets
