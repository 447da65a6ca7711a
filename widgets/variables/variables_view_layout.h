// What the flat and the tree Variables views share: a filter box above a sortable tree, with a
// placeholder text in the tree's place while there are no variables.
#pragma once

#include <QString>

class QAbstractItemModel;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTreeView;
class QWidget;

namespace kusari::widgets {

// Lays `filter`, `tree` and `empty` (showing `emptyText`) out in `view`; makes `proxy` a
// case-insensitive filter (on column 0, the names; typing in `filter` sets it) and sort (by
// `sortRole`) over `model`, shown in `tree` sorted by name with interactive column widths.
void layOutVariablesView(QWidget* view, QLineEdit* filter, QTreeView* tree, QLabel* empty, const QString& emptyText,
                         QSortFilterProxyModel* proxy, QAbstractItemModel* model, int sortRole);

// Shows `empty` instead of `tree` while `model` has no rows.
void updateVariablesPlaceholder(const QAbstractItemModel* model, QTreeView* tree, QLabel* empty);

}  // namespace kusari::widgets
