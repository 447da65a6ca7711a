// A strip across the top of a notebook with a message and one action ("Kernel died … [Restart]").
// The view only shows text it is given; whoever owns the notebook decides what it says.
#pragma once
#include <QFrame>

class QLabel;
class QPushButton;

namespace kusari::widgets {

class NoticeBanner : public QFrame {
  Q_OBJECT
 public:
  explicit NoticeBanner(QWidget* parent = nullptr);
  void show(const QString& message, const QString& actionText);
  QString message() const;
  void applyTheme();

 signals:
  void actionTriggered();

 private:
  QLabel* label_;
  QPushButton* button_;
};

}  // namespace kusari::widgets
