// The Watches dock: expressions the user keeps an eye on while debugging, one a row, with the
// value, type, shape and statistics their owner evaluated (in the selected frame of a paused
// kernel), or the error evaluating them raised. The list is edited here (the line at the bottom
// adds, F2 or a double-click on the expression edits, an emptied expression or Delete removes)
// and expressionsChanged says so; results are handed in by expression. A tensor's row
// activated (double-click on its value, Enter) emits tensorActivated(expression).
// Plain data in, signals out: it knows nothing of kernels.
#pragma once
#include "widgets/variables/variable_record.h"

#include <QStringList>
#include <QWidget>

class QLineEdit;
class QTreeWidget;
class QTreeWidgetItem;

namespace kusari::widgets {

class WatchesView : public QWidget {
  Q_OBJECT
 public:
  enum Column { Expression, Value, Type, Shape, Stats, ColumnCount };

  explicit WatchesView(QWidget* parent = nullptr);

  // The list as it is (emits nothing; results are cleared).
  void setExpressions(const QStringList& expressions);
  QStringList expressions() const;
  int count() const;
  // As the user would: add (blank text is ignored: -1), change (blank removes), remove.
  // Each emits expressionsChanged.
  int addExpression(const QString& expression);
  void setExpression(int row, const QString& expression);
  void removeExpression(int row);

  // The value of every row showing `expression`; `error` non-empty: evaluating it failed.
  void setResult(const QString& expression, const VariableRecord& value, const QString& error = {});
  // No values (not paused): every row says `note` instead.
  void clearResults(const QString& note = {});
  bool isTensor(int row) const;
  QString errorText(int row) const;  // "" when the row has a value or none yet

  QTreeWidget* list() const { return list_; }
  QLineEdit* input() const { return input_; }

 signals:
  void expressionsChanged(const QStringList& expressions);
  void tensorActivated(const QString& expression);

 private:
  QTreeWidgetItem* makeItem(const QString& expression);
  void clearRow(QTreeWidgetItem* item, const QString& note);
  void activate(QTreeWidgetItem* item, int column);
  void showMenu(const QPoint& pos);
  bool eventFilter(QObject* watched, QEvent* event) override;

  QTreeWidget* list_;
  QLineEdit* input_;
  QString note_;
  bool populating_ = false;
};

}  // namespace kusari::widgets
