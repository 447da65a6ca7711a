#include "widgets/placeholder_pane.h"

#include "widgets/theme/theme.h"

#include <QLabel>
#include <QVBoxLayout>

namespace kusari::widgets {

PlaceholderPane::PlaceholderPane(const QString& title, const QString& description, QWidget* parent)
    : QWidget(parent), heading_(new QLabel(title, this)), text_(new QLabel(description, this)) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(24, 16, 24, 16);
  layout->addStretch();
  QFont f = heading_->font();
  f.setBold(true);
  heading_->setFont(f);
  heading_->setAlignment(Qt::AlignCenter);
  text_->setWordWrap(true);
  text_->setAlignment(Qt::AlignCenter);
  layout->addWidget(heading_);
  layout->addWidget(text_);
  layout->addStretch();
  applyTheme();
  connect(ThemeNotifier::instance(), &ThemeNotifier::changed, this, &PlaceholderPane::applyTheme);
}

void PlaceholderPane::applyTheme() {
  const Theme& t = Theme::current();
  for (QLabel* label : {heading_, text_}) {
    QPalette p = label->palette();
    p.setColor(QPalette::WindowText, t.color(ThemeRole::MutedText));
    label->setPalette(p);
  }
}

}  // namespace kusari::widgets
