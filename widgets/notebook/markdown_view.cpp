#include "widgets/notebook/markdown_view.h"

#include "widgets/theme/theme.h"

#include <QMouseEvent>
#include <QTextDocument>

namespace kusari::widgets {

MarkdownView::MarkdownView(QWidget* parent) : QTextBrowser(parent) {
  setOpenExternalLinks(true);
  setFrameShape(QFrame::NoFrame);
  setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
  document()->setDocumentMargin(6);
  viewport()->setCursor(Qt::ArrowCursor);
  applyTheme();
}

void MarkdownView::setMarkdownSource(const QString& markdown) {
  markdown_ = markdown;
  if (markdown.trimmed().isEmpty()) setHtml(QStringLiteral("<i>%1</i>").arg(tr("Empty markdown cell — double-click to edit")));
  else setMarkdown(markdown);
  fitHeight();
}

QSize MarkdownView::sizeHint() const {
  return {400, static_cast<int>(document()->size().height()) + 2};
}

void MarkdownView::fitHeight() {
  document()->setTextWidth(viewport()->width());
  setFixedHeight(sizeHint().height());
}

void MarkdownView::resizeEvent(QResizeEvent* event) {
  QTextBrowser::resizeEvent(event);
  fitHeight();
}

void MarkdownView::mouseDoubleClickEvent(QMouseEvent* event) {
  emit editRequested();
  event->accept();
}

void MarkdownView::mousePressEvent(QMouseEvent* event) {
  emit clicked(event->modifiers());
  QTextBrowser::mousePressEvent(event);
}

void MarkdownView::wheelEvent(QWheelEvent* event) { event->ignore(); }

void MarkdownView::applyTheme() {
  const Theme& t = Theme::current();
  QPalette p = palette();
  p.setColor(QPalette::Base, t.color(ThemeRole::Base));
  p.setColor(QPalette::Text, t.color(ThemeRole::Text));
  p.setColor(QPalette::Link, t.color(ThemeRole::Link));
  setPalette(p);
  document()->setDefaultStyleSheet(
      QStringLiteral("a { color: %1; } code { font-family: monospace; }").arg(t.color(ThemeRole::Link).name()));
  if (!markdown_.isNull()) setMarkdownSource(markdown_);
}

}  // namespace kusari::widgets
