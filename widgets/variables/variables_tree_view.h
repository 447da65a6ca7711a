// The Variables dock as a tree: a filter box over a sortable VariablesTreeModel whose children
// load lazily. Expanding a row with a reference re-emits the model's childrenRequested; the
// owner answers with setChildren. Activating (double-click, Enter) a tensor row emits
// tensorActivated with its expression, so the Tensor dock can open it. What the user expanded
// stays expanded across setVariables (each step of a debug session): rows are matched by their
// names from the top, and re-expanding them asks for their (new) children again.
#pragma once
#include "widgets/variables/variable_record.h"

#include <QModelIndex>
#include <QSet>
#include <QWidget>

class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTreeView;

namespace kusari::widgets {

class VariablesTreeModel;

class VariablesTreeView : public QWidget {
  Q_OBJECT
 public:
  explicit VariablesTreeView(QWidget* parent = nullptr);

  void setVariables(const QVector<VariableRecord>& records);
  bool setChildren(const QString& reference, const QVector<VariableRecord>& children);

  VariablesTreeModel* model() const { return model_; }
  QSortFilterProxyModel* proxy() const { return proxy_; }
  QTreeView* tree() const { return tree_; }
  QLineEdit* filterBox() const { return filter_; }
  // Names of the rows shown under parent (top level by default), after filtering and sorting.
  QStringList visibleNames(const QModelIndex& proxyParent = {}) const;

 signals:
  void childrenRequested(const QString& reference);
  void tensorActivated(const QString& expression);
  void variableActivated(const QString& expression);  // any row, tensor or not

 private:
  void updatePlaceholder();
  QString pathOf(const QModelIndex& sourceIndex) const;  // names from the top, joined
  void reexpand(const QModelIndex& sourceParent, int first, int last);
  QSet<QString> expanded_;
  VariablesTreeModel* model_;
  QSortFilterProxyModel* proxy_;
  QLineEdit* filter_;
  QTreeView* tree_;
  QLabel* empty_;
};

}  // namespace kusari::widgets
