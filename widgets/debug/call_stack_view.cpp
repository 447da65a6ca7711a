#include "widgets/debug/call_stack_view.h"

#include "widgets/theme/studio_icons.h"

#include <QHeaderView>
#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace kusari::widgets {
namespace {
constexpr int kIdRole = Qt::UserRole;
}

CallStackView::CallStackView(QWidget* parent)
    : QWidget(parent), list_(new QTreeWidget(this)), empty_(new QLabel(this)) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  list_->setColumnCount(ColumnCount);
  list_->setHeaderLabels({tr("Function"), tr("Location")});
  list_->setRootIsDecorated(false);
  list_->setUniformRowHeights(true);
  list_->setSelectionMode(QAbstractItemView::SingleSelection);
  list_->header()->setStretchLastSection(true);
  list_->setColumnWidth(Function, 180);
  layout->addWidget(list_, 1);
  empty_->setText(tr("Not paused. When a breakpoint hits, the call stack appears here."));
  empty_->setWordWrap(true);
  empty_->setAlignment(Qt::AlignCenter);
  empty_->setEnabled(false);
  layout->addWidget(empty_, 1);
  connect(list_, &QTreeWidget::itemSelectionChanged, this, [this] {
    if (populating_) return;
    const int id = selectedFrameId();
    if (id >= 0 || !list_->selectedItems().isEmpty()) emit frameSelected(id);
  });
  updatePlaceholder();
}

void CallStackView::setFrames(const QVector<StackFrame>& frames, int currentId) {
  populating_ = true;
  frames_ = frames;
  current_ = currentId >= 0 ? currentId : (frames.isEmpty() ? -1 : frames.first().id);
  list_->clear();
  QTreeWidgetItem* currentItem = nullptr;
  for (const StackFrame& f : frames) {
    auto* item = new QTreeWidgetItem(list_);
    item->setText(Function, f.function.isEmpty() ? tr("<unknown>") : f.function);
    item->setText(Location, f.line > 0 ? QStringLiteral("%1:%2").arg(f.source).arg(f.line) : f.source);
    item->setToolTip(Location, item->text(Location));
    item->setData(Function, kIdRole, f.id);
    if (f.id == current_) {
      item->setIcon(Function, studioIcon(StudioIcon::Continue));
      QFont bold = item->font(Function);
      bold.setBold(true);
      item->setFont(Function, bold);
      item->setToolTip(Function, tr("Paused here"));
      currentItem = item;
    }
  }
  if (currentItem) list_->setCurrentItem(currentItem);
  populating_ = false;
  updatePlaceholder();
}

void CallStackView::clear() { setFrames({}); }

int CallStackView::selectedFrameId() const {
  const auto sel = list_->selectedItems();
  return sel.isEmpty() ? -1 : sel.first()->data(Function, kIdRole).toInt();
}

bool CallStackView::selectFrame(int id) {
  for (int i = 0; i < list_->topLevelItemCount(); ++i) {
    QTreeWidgetItem* item = list_->topLevelItem(i);
    if (item->data(Function, kIdRole).toInt() == id) {
      list_->setCurrentItem(item);
      return true;
    }
  }
  return false;
}

void CallStackView::updatePlaceholder() {
  const bool none = frames_.isEmpty();
  list_->setVisible(!none);
  empty_->setVisible(none);
}

}  // namespace kusari::widgets
