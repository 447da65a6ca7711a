// A dock that a later feature fills: says what will appear there instead of an empty box.
// Its text follows the current theme, also when the theme changes while it is shown.
#pragma once
#include <QWidget>

class QLabel;

namespace kusari::widgets {

class PlaceholderPane : public QWidget {
  Q_OBJECT
 public:
  PlaceholderPane(const QString& title, const QString& description, QWidget* parent = nullptr);

  void applyTheme();  // called on ThemeNotifier::changed

 private:
  QLabel* heading_;
  QLabel* text_;
};

}  // namespace kusari::widgets
