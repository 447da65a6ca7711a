// The Breakpoints dock: every breakpoint of a BreakpointList with a checkbox to enable it and
// inline-editable condition, hit count and log message; a row to add an op or link breakpoint;
// remove (button or Delete) and enable/disable all; "Stop on first NaN/Inf"; "Uncaught exceptions".
#pragma once
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QToolButton;
class QTreeView;

namespace kusari::widgets {

class BreakpointList;

class BreakpointsView : public QWidget {
  Q_OBJECT
 public:
  explicit BreakpointsView(QWidget* parent = nullptr);

  // The view starts with a list of its own; setList shows another (not owned), e.g. the one
  // the editor margins draw.
  BreakpointList* list() const { return list_; }
  void setList(BreakpointList* list);

  QTreeView* tree() const { return tree_; }
  QCheckBox* stopOnNonFiniteBox() const { return non_finite_; }
  QCheckBox* breakOnExceptionBox() const { return exceptions_; }
  QComboBox* kindBox() const { return kind_; }
  QLineEdit* targetBox() const { return target_; }

  // Adds the op or link breakpoint typed in the add row; false (and the reason shown) if bad.
  bool addFromInput();
  void removeSelected();

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void syncNonFinite();
  void syncExceptions();
  BreakpointList* list_;
  BreakpointList* own_list_;
  QTreeView* tree_;
  QComboBox* kind_;
  QLineEdit* target_;
  QToolButton* add_;
  QToolButton* remove_;
  QToolButton* enable_all_;
  QToolButton* disable_all_;
  QCheckBox* non_finite_;
  QCheckBox* exceptions_;
  QLabel* error_;
};

}  // namespace kusari::widgets
