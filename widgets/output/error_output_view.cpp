#include "widgets/output/error_output_view.h"

#include "widgets/output/ansi_text.h"
#include "widgets/theme/theme.h"

#include <QFontDatabase>
#include <QLabel>
#include <QRegularExpression>
#include <QTextBrowser>
#include <QToolButton>
#include <QVBoxLayout>

namespace kusari::widgets {
namespace {

// `File "<cell 3fa9c2d1>", line 12, in forward` (Python) or `<cell 3fa9c2d1>:12`.
const QRegularExpression& cellLinePattern() {
  static const QRegularExpression re(QStringLiteral(R"(<cell ([^>\s]+)>(?:"?,\s*line\s+|:)(\d+))"));
  return re;
}

}  // namespace

ErrorOutputView::ErrorOutputView(const QString& ename, const QString& evalue, const QStringList& traceback,
                                 QWidget* parent)
    : QWidget(parent), traceback_(stripAnsi(traceback.join(u'\n'))), links_(findCellLinks(traceback_)),
      message_(new QLabel(this)), toggle_(new QToolButton(this)), traceback_view_(new QTextBrowser(this)) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(8, 6, 8, 6);
  layout->setSpacing(2);
  message_->setText(evalue.isEmpty() ? ename : ename + QStringLiteral(": ") + evalue);
  message_->setWordWrap(true);
  message_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  QFont bold = message_->font();
  bold.setBold(true);
  message_->setFont(bold);
  layout->addWidget(message_);

  const int frames = static_cast<int>(traceback_.count(u'\n')) + (traceback_.isEmpty() ? 0 : 1);
  toggle_->setText(tr("Traceback (%1 lines)").arg(frames));
  toggle_->setCheckable(true);
  toggle_->setAutoRaise(true);
  toggle_->setArrowType(Qt::RightArrow);
  toggle_->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  toggle_->setVisible(!traceback_.isEmpty());
  layout->addWidget(toggle_);

  traceback_view_->setOpenLinks(false);
  traceback_view_->setFrameShape(QFrame::NoFrame);
  traceback_view_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
  traceback_view_->setLineWrapMode(QTextEdit::NoWrap);
  traceback_view_->setVisible(false);
  layout->addWidget(traceback_view_);

  connect(toggle_, &QToolButton::toggled, this, &ErrorOutputView::setTracebackVisible);
  connect(traceback_view_, &QTextBrowser::anchorClicked, this, [this](const QUrl& url) {
    const CellLink link = linkFromUrl(url);
    if (!link.cellId.isEmpty()) emit cellLinkActivated(link.cellId, link.line);
  });
  applyTheme();
}

QVector<CellLink> ErrorOutputView::findCellLinks(const QString& traceback) {
  QVector<CellLink> links;
  auto it = cellLinePattern().globalMatch(stripAnsi(traceback));
  while (it.hasNext()) {
    const auto m = it.next();
    links.append({m.captured(1), m.captured(2).toInt()});
  }
  return links;
}

QUrl ErrorOutputView::linkUrl(const CellLink& link) {
  QUrl url;
  url.setScheme(QStringLiteral("kusari-cell"));
  url.setPath(link.cellId);
  url.setFragment(QString::number(link.line));
  return url;
}

CellLink ErrorOutputView::linkFromUrl(const QUrl& url) {
  if (url.scheme() != QLatin1String("kusari-cell")) return {};
  return {url.path(), url.fragment().toInt()};
}

QString ErrorOutputView::message() const { return message_->text(); }

bool ErrorOutputView::isTracebackVisible() const { return !traceback_view_->isHidden(); }

void ErrorOutputView::setTracebackVisible(bool visible) {
  traceback_view_->setVisible(visible);
  toggle_->setChecked(visible);
  toggle_->setArrowType(visible ? Qt::DownArrow : Qt::RightArrow);
  if (visible) {
    const QFontMetrics fm(traceback_view_->font());
    const int lines = std::min(30, static_cast<int>(traceback_.count(u'\n')) + 1);
    traceback_view_->setFixedHeight(lines * fm.lineSpacing() + 12);
  }
}

QString ErrorOutputView::tracebackHtml() const {
  QString html = QStringLiteral("<pre style=\"margin:0\">");
  qsizetype last = 0;
  auto it = cellLinePattern().globalMatch(traceback_);
  while (it.hasNext()) {
    const auto m = it.next();
    html += traceback_.mid(last, m.capturedStart() - last).toHtmlEscaped();
    const QUrl url = linkUrl({m.captured(1), m.captured(2).toInt()});
    html += QStringLiteral("<a href=\"%1\">%2</a>").arg(url.toString(QUrl::FullyEncoded), m.captured(0).toHtmlEscaped());
    last = m.capturedEnd();
  }
  html += traceback_.mid(last).toHtmlEscaped() + QStringLiteral("</pre>");
  return html;
}

void ErrorOutputView::applyTheme() {
  const Theme& t = Theme::current();
  setAutoFillBackground(true);
  QPalette p = palette();
  p.setColor(QPalette::Window, t.color(ThemeRole::ErrorBackground));
  p.setColor(QPalette::Base, t.color(ThemeRole::ErrorBackground));
  p.setColor(QPalette::Text, t.color(ThemeRole::OutputText));
  p.setColor(QPalette::Link, t.color(ThemeRole::Link));
  setPalette(p);
  QPalette title = message_->palette();
  title.setColor(QPalette::WindowText, t.color(ThemeRole::ErrorTitle));
  message_->setPalette(title);
  traceback_view_->document()->setDefaultStyleSheet(
      QStringLiteral("a { color: %1; }").arg(t.color(ThemeRole::Link).name()));
  traceback_view_->setHtml(tracebackHtml());
}

}  // namespace kusari::widgets
