#include "widgets/notebook/notice_banner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

#include "widgets/theme/theme.h"

namespace kusari::widgets {

NoticeBanner::NoticeBanner(QWidget* parent)
    : QFrame(parent), label_(new QLabel(this)), button_(new QPushButton(this)) {
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(12, 6, 12, 6);
  label_->setWordWrap(true);
  label_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  layout->addWidget(label_, 1);
  layout->addWidget(button_);
  connect(button_, &QPushButton::clicked, this, &NoticeBanner::actionTriggered);
  setAutoFillBackground(true);
  applyTheme();
  hide();
}

void NoticeBanner::show(const QString& message, const QString& actionText) {
  label_->setText(message);
  button_->setText(actionText);
  button_->setVisible(!actionText.isEmpty());
  QFrame::show();
}

QString NoticeBanner::message() const { return label_->text(); }

void NoticeBanner::applyTheme() {
  const Theme& t = Theme::current();
  QPalette p = palette();
  p.setColor(QPalette::Window, t.color(ThemeRole::ErrorBackground));
  p.setColor(QPalette::WindowText, t.color(ThemeRole::ErrorTitle));
  setPalette(p);
}

}  // namespace kusari::widgets
