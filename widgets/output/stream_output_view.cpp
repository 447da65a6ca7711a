#include "widgets/output/stream_output_view.h"

#include "widgets/output/ansi_text.h"
#include "widgets/theme/theme.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QScrollBar>
#include <QTextBlock>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>

namespace kusari::widgets {

StreamOutputView::StreamOutputView(const QString& streamName, QWidget* parent)
    : QWidget(parent), stream_name_(streamName), view_(new QPlainTextEdit(this)), banner_(new QLabel(this)),
      toggle_(new QToolButton(this)), progress_(new QProgressBar(this)) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(2);
  auto* bar = new QHBoxLayout;
  bar->setContentsMargins(0, 0, 0, 0);
  bar->addWidget(banner_);
  bar->addWidget(toggle_);
  bar->addStretch();
  layout->addLayout(bar);
  layout->addWidget(view_);
  layout->addWidget(progress_);  // below the text, where a terminal's bar would be
  progress_->setRange(0, kProgressSteps);
  progress_->setTextVisible(true);
  progress_->setAlignment(Qt::AlignCenter);
  progress_->hide();

  view_->setReadOnly(true);
  view_->setLineWrapMode(QPlainTextEdit::NoWrap);
  view_->setFrameShape(QFrame::NoFrame);
  view_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
  view_->setMaximumBlockCount(kCollapseThreshold);
  view_->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
  view_->setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
  toggle_->setAutoRaise(true);
  toggle_->setCursor(Qt::PointingHandCursor);
  connect(toggle_, &QToolButton::clicked, this, [this] { setExpanded(!expanded_); });
  applyTheme();
  updateChrome();
}

int StreamOutputView::lineCount() const {
  if (full_.isEmpty()) return 0;
  return newlines_ + (full_.endsWith(u'\n') ? 0 : 1);
}

void StreamOutputView::appendText(const QString& raw) {
  const int records = filter_.recordCount();
  QString text = filter_.feed(raw);
  if (filter_.recordCount() != records) updateProgress();
  text.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
  if (text.isEmpty()) return;
  full_ += text;
  newlines_ += static_cast<int>(text.count(u'\n'));
  insertDisplayed(text);
  updateChrome();
}

void StreamOutputView::insertDisplayed(const QString& text) {
  QString shown = held_newline_ ? QStringLiteral("\n") + text : text;
  held_newline_ = shown.endsWith(u'\n');
  if (held_newline_) shown.chop(1);
  if (shown.isEmpty()) return;
  QTextCursor cursor(view_->document());
  cursor.movePosition(QTextCursor::End);
  const QStringList parts = shown.split(u'\r');
  for (qsizetype i = 0; i < parts.size(); ++i) {
    if (i > 0) {  // '\r': the line's text so far is replaced by what follows
      cursor.movePosition(QTextCursor::StartOfBlock, QTextCursor::KeepAnchor);
      cursor.removeSelectedText();
    }
    insertLine(cursor, parts[i]);
  }
}

void StreamOutputView::insertLine(QTextCursor& cursor, const QString& text) {
  if (text.isEmpty()) return;
  if (containsAnsi(text) && lineCount() <= kStyledLineLimit) insertAnsi(cursor, text, Theme::current());
  else cursor.insertText(stripAnsi(text));
}

void StreamOutputView::updateProgress() {
  const std::optional<studio::ProgressRecord>& record = filter_.latest();
  if (!record) return;
  progress_->setValue(int(std::lround(record->fraction * kProgressSteps)));
  progress_->setFormat(QStringLiteral("%1%  ").arg(record->fraction * 100, 0, 'f', 1) + record->text());
  progress_->show();
  updateChrome();
}

void StreamOutputView::setExpanded(bool expanded) {
  if (expanded_ == expanded) return;
  expanded_ = expanded;
  rebuild();
}

void StreamOutputView::rebuild() {
  view_->clear();
  // 0 = no limit. Collapsed, the document keeps only the last lines however much arrives.
  view_->setMaximumBlockCount(expanded_ ? 0 : kCollapseThreshold);
  held_newline_ = false;
  if (expanded_ || !isCollapsible()) {
    insertDisplayed(full_);
  } else {  // only the tail goes through the document
    qsizetype from = full_.size();
    int lines = 0;
    const int wanted = kCollapseThreshold + (full_.endsWith(u'\n') ? 1 : 0);
    while (from > 0 && lines < wanted) {
      from = full_.lastIndexOf(u'\n', from - 1);
      if (from < 0) { from = 0; break; }
      ++lines;
    }
    insertDisplayed(from > 0 ? full_.mid(from + 1) : full_);
  }
  updateChrome();
}

QString StreamOutputView::displayedText() const { return view_->toPlainText(); }

void StreamOutputView::updateChrome() {
  view_->setVisible(!view_->document()->isEmpty() || progress_->isHidden());
  const bool collapsible = isCollapsible();
  banner_->setVisible(collapsible && !expanded_);
  toggle_->setVisible(collapsible);
  if (collapsible) {
    const QLocale locale;
    banner_->setText(tr("… %1 earlier lines hidden").arg(locale.toString(lineCount() - kCollapseThreshold)));
    toggle_->setText(expanded_ ? tr("Collapse") : tr("Show all %1 lines").arg(locale.toString(lineCount())));
  }
  const int shownLines = std::clamp(view_->blockCount(), 1, kMaxVisibleLines);
  const QFontMetrics fm(view_->font());
  const int hbar = view_->horizontalScrollBar()->maximum() > 0 ? view_->horizontalScrollBar()->sizeHint().height() : 0;
  view_->setFixedHeight(shownLines * fm.lineSpacing() + 2 * static_cast<int>(view_->document()->documentMargin()) + hbar + 2);
  if (!expanded_) view_->verticalScrollBar()->setValue(view_->verticalScrollBar()->maximum());
}

void StreamOutputView::applyTheme() {
  const Theme& t = Theme::current();
  QPalette p = view_->palette();
  const bool err = stream_name_ == QLatin1String("stderr");
  p.setColor(QPalette::Base, err ? t.color(ThemeRole::StderrBackground) : t.color(ThemeRole::Base));
  p.setColor(QPalette::Text, t.color(ThemeRole::OutputText));
  view_->setPalette(p);
  QPalette muted = banner_->palette();
  muted.setColor(QPalette::WindowText, t.color(ThemeRole::MutedText));
  banner_->setPalette(muted);
  QPalette link = toggle_->palette();
  link.setColor(QPalette::ButtonText, t.color(ThemeRole::Link));
  toggle_->setPalette(link);
}

}  // namespace kusari::widgets
