// The Variables pane: a filter box over a sortable tree of VariableRecords.
#pragma once
#include "widgets/variables/variable_record.h"

#include <QWidget>

class QLineEdit;
class QLabel;
class QSortFilterProxyModel;
class QTreeView;

namespace kusari::widgets {

class VariablesModel;

class VariablesView : public QWidget {
  Q_OBJECT
 public:
  explicit VariablesView(QWidget* parent = nullptr);

  void setVariables(const QVector<VariableRecord>& records);
  VariablesModel* model() const { return model_; }
  QSortFilterProxyModel* proxy() const { return proxy_; }
  QTreeView* tree() const { return tree_; }
  QLineEdit* filterBox() const { return filter_; }
  // Names in the order shown (after filtering and sorting).
  QStringList visibleNames() const;

 signals:
  void variableActivated(const QString& name);

 private:
  void updatePlaceholder();
  VariablesModel* model_;
  QSortFilterProxyModel* proxy_;
  QLineEdit* filter_;
  QTreeView* tree_;
  QLabel* empty_;
};

}  // namespace kusari::widgets
