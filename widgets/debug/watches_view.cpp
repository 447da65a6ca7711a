#include "widgets/debug/watches_view.h"

#include "widgets/theme/theme.h"

#include <QContextMenuEvent>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLineEdit>
#include <QMenu>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace kusari::widgets {
namespace {

constexpr int kTensorRole = Qt::UserRole;      // on the Expression column: the value is a tensor
constexpr int kErrorRole = Qt::UserRole + 1;   // the error text ("" when none)

QString number(double v) { return QString::number(v, 'g', 5); }

QString statsText(const VariableRecord& r) {
  if (!r.min && !r.mean && !r.max) return {};
  QStringList parts;
  if (r.min) parts << QObject::tr("min %1").arg(number(*r.min));
  if (r.mean) parts << QObject::tr("mean %1").arg(number(*r.mean));
  if (r.max) parts << QObject::tr("max %1").arg(number(*r.max));
  return parts.join(QStringLiteral(" · "));
}

}  // namespace

WatchesView::WatchesView(QWidget* parent) : QWidget(parent), list_(new QTreeWidget(this)), input_(new QLineEdit(this)) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->setSpacing(4);
  list_->setColumnCount(ColumnCount);
  list_->setHeaderLabels({tr("Expression"), tr("Value"), tr("Type"), tr("Shape"), tr("Statistics")});
  list_->setRootIsDecorated(false);
  list_->setUniformRowHeights(true);
  list_->setSelectionMode(QAbstractItemView::SingleSelection);
  list_->setEditTriggers(QAbstractItemView::NoEditTriggers);  // only the expression is edited (activate())
  list_->setContextMenuPolicy(Qt::CustomContextMenu);
  list_->header()->setStretchLastSection(true);
  list_->setColumnWidth(Expression, 160);
  list_->setColumnWidth(Value, 220);
  list_->setColumnWidth(Type, 80);
  list_->setColumnWidth(Shape, 80);
  list_->installEventFilter(this);
  layout->addWidget(list_, 1);
  input_->setPlaceholderText(tr("Add a watch: an expression evaluated in the selected frame at every stop"));
  input_->setClearButtonEnabled(true);
  layout->addWidget(input_);

  connect(input_, &QLineEdit::returnPressed, this, [this] {
    if (addExpression(input_->text()) >= 0) input_->clear();
  });
  connect(list_, &QTreeWidget::itemDoubleClicked, this, &WatchesView::activate);
  connect(list_, &QTreeWidget::itemChanged, this, [this](QTreeWidgetItem* item, int column) {
    if (populating_ || column != Expression) return;
    const QString text = item->text(Expression).trimmed();
    if (text.isEmpty()) return removeExpression(list_->indexOfTopLevelItem(item));
    {
      const QSignalBlocker block(list_);
      item->setText(Expression, text);
    }
    clearRow(item, note_);  // the old value belongs to the old expression
    emit expressionsChanged(expressions());
  });
  connect(list_, &QWidget::customContextMenuRequested, this, &WatchesView::showMenu);
}

QTreeWidgetItem* WatchesView::makeItem(const QString& expression) {
  auto* item = new QTreeWidgetItem;
  item->setFlags(item->flags() | Qt::ItemIsEditable);
  item->setText(Expression, expression);
  item->setToolTip(Expression, tr("F2 or double-click to edit; Delete removes"));
  clearRow(item, note_);
  return item;
}

void WatchesView::setExpressions(const QStringList& expressions) {
  populating_ = true;
  list_->clear();
  for (const QString& e : expressions)
    if (!e.trimmed().isEmpty()) list_->addTopLevelItem(makeItem(e.trimmed()));
  populating_ = false;
}

QStringList WatchesView::expressions() const {
  QStringList out;
  for (int i = 0; i < list_->topLevelItemCount(); ++i) out << list_->topLevelItem(i)->text(Expression);
  return out;
}

int WatchesView::count() const { return list_->topLevelItemCount(); }

int WatchesView::addExpression(const QString& expression) {
  const QString text = expression.trimmed();
  if (text.isEmpty()) return -1;
  populating_ = true;
  list_->addTopLevelItem(makeItem(text));
  populating_ = false;
  emit expressionsChanged(expressions());
  return list_->topLevelItemCount() - 1;
}

void WatchesView::setExpression(int row, const QString& expression) {
  if (QTreeWidgetItem* item = list_->topLevelItem(row)) item->setText(Expression, expression);  // itemChanged does the rest
}

void WatchesView::removeExpression(int row) {
  if (row < 0 || row >= list_->topLevelItemCount()) return;
  delete list_->takeTopLevelItem(row);
  emit expressionsChanged(expressions());
}

void WatchesView::clearRow(QTreeWidgetItem* item, const QString& note) {
  const QSignalBlocker block(list_);
  for (int c = Value; c < ColumnCount; ++c) {
    item->setText(c, {});
    item->setToolTip(c, {});
    item->setData(c, Qt::ForegroundRole, {});
  }
  item->setData(Expression, kTensorRole, false);
  item->setData(Expression, kErrorRole, QString());
  if (!note.isEmpty()) {
    item->setText(Value, note);
    item->setData(Value, Qt::ForegroundRole, Theme::current().color(ThemeRole::MutedText));
  }
}

void WatchesView::setResult(const QString& expression, const VariableRecord& value, const QString& error) {
  const QSignalBlocker block(list_);
  for (int i = 0; i < list_->topLevelItemCount(); ++i) {
    QTreeWidgetItem* item = list_->topLevelItem(i);
    if (item->text(Expression) != expression) continue;
    clearRow(item, {});
    item->setData(Expression, kErrorRole, error);
    if (!error.isEmpty()) {
      item->setText(Value, error);
      item->setToolTip(Value, error);
      item->setData(Value, Qt::ForegroundRole, Theme::current().color(ThemeRole::AnsiRed));
      continue;
    }
    item->setText(Value, value.value);
    item->setToolTip(Value, value.value);
    item->setText(Type, value.isTensor() ? QStringLiteral("%1 %2").arg(value.type, value.dtype) : value.type);
    item->setText(Shape, variableShapeText(value));
    item->setText(Stats, statsText(value));
    item->setData(Expression, kTensorRole, value.isTensor());
    if (value.isTensor()) item->setToolTip(Value, tr("Double-click to open in the Tensor dock"));
  }
}

void WatchesView::clearResults(const QString& note) {
  note_ = note;
  for (int i = 0; i < list_->topLevelItemCount(); ++i) clearRow(list_->topLevelItem(i), note);
}

bool WatchesView::isTensor(int row) const {
  const QTreeWidgetItem* item = list_->topLevelItem(row);
  return item && item->data(Expression, kTensorRole).toBool();
}

QString WatchesView::errorText(int row) const {
  const QTreeWidgetItem* item = list_->topLevelItem(row);
  return item ? item->data(Expression, kErrorRole).toString() : QString();
}

void WatchesView::activate(QTreeWidgetItem* item, int column) {
  if (!item) return;
  if (column != Expression && item->data(Expression, kTensorRole).toBool()) emit tensorActivated(item->text(Expression));
  else list_->editItem(item, Expression);
}

void WatchesView::showMenu(const QPoint& pos) {
  QTreeWidgetItem* item = list_->itemAt(pos);
  QMenu menu(this);
  if (item) {
    if (item->data(Expression, kTensorRole).toBool())
      menu.addAction(tr("Open in Tensor Dock"), this, [this, item] { emit tensorActivated(item->text(Expression)); });
    menu.addAction(tr("Edit Watch"), this, [this, item] { list_->editItem(item, Expression); });
    menu.addAction(tr("Remove Watch"), this, [this, item] { removeExpression(list_->indexOfTopLevelItem(item)); });
  }
  if (list_->topLevelItemCount() > 0)
    menu.addAction(tr("Remove All Watches"), this, [this] {
      list_->clear();
      emit expressionsChanged({});
    });
  menu.addAction(tr("Add Watch…"), this, [this] { input_->setFocus(); });
  menu.exec(list_->viewport()->mapToGlobal(pos));
}

bool WatchesView::eventFilter(QObject* watched, QEvent* event) {
  if (watched == list_ && event->type() == QEvent::KeyPress) {  // an open editor gets its keys itself
    auto* key = static_cast<QKeyEvent*>(event);
    QTreeWidgetItem* item = list_->currentItem();
    if (item && (key->key() == Qt::Key_Delete || key->key() == Qt::Key_Backspace)) {
      removeExpression(list_->indexOfTopLevelItem(item));
      return true;
    }
    if (item && key->key() == Qt::Key_F2) {
      list_->editItem(item, Expression);
      return true;
    }
    if (item && (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter)) {
      activate(item, item->data(Expression, kTensorRole).toBool() ? Value : Expression);
      return true;
    }
  }
  return QWidget::eventFilter(watched, event);
}

}  // namespace kusari::widgets
