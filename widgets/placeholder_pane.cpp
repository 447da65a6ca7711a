#include "widgets/placeholder_pane.h"

#include "widgets/theme/theme.h"

#include <QLabel>
#include <QVBoxLayout>

namespace kusari::widgets {

PlaceholderPane::PlaceholderPane(const QString& title, const QString& description, QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(24, 16, 24, 16);
  layout->addStretch();
  auto* heading = new QLabel(title, this);
  QFont f = heading->font();
  f.setBold(true);
  heading->setFont(f);
  heading->setAlignment(Qt::AlignCenter);
  auto* text = new QLabel(description, this);
  text->setWordWrap(true);
  text->setAlignment(Qt::AlignCenter);
  for (QLabel* label : {heading, text}) {
    QPalette p = label->palette();
    p.setColor(QPalette::WindowText, Theme::current().color(ThemeRole::MutedText));
    label->setPalette(p);
    layout->addWidget(label);
  }
  layout->addStretch();
}

}  // namespace kusari::widgets
