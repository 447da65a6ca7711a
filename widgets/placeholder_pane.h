// A dock that a later feature fills: says what will appear there instead of an empty box.
#pragma once
#include <QWidget>

namespace kusari::widgets {

class PlaceholderPane : public QWidget {
  Q_OBJECT
 public:
  PlaceholderPane(const QString& title, const QString& description, QWidget* parent = nullptr);
};

}  // namespace kusari::widgets
