#include "main_window/hover_wiring.h"

#include "debug/debug_session.h"
#include "widgets/editor/code_editor.h"
#include "widgets/notebook/notebook_view.h"
#include "widgets/variables/variable_record.h"

#include <QToolTip>

namespace kusari::studio {
namespace {

QString number(const std::optional<double>& v) { return v ? QString::number(*v, 'g', 4) : QStringLiteral("–"); }

}  // namespace

HoverWiring::HoverWiring(QObject* parent) : QObject(parent) {}

void HoverWiring::setSession(DebugSession* session, widgets::NotebookView* view) {
  for (const QMetaObject::Connection& c : connections_) disconnect(c);
  connections_.clear();
  hide();
  session_ = session;
  if (!session) return;
  connections_ << connect(session, &DebugSession::evaluated, this, &HoverWiring::onEvaluated);
  connections_ << connect(session, &DebugSession::resumed, this, &HoverWiring::hide);
  if (view) {
    connections_ << connect(view, &widgets::NotebookView::identifierHovered, this,
                            [this](const QString&, const QString& text, const QPoint& pos) { hover(text, pos); });
    connections_ << connect(view, &widgets::NotebookView::hoverEnded, this, &HoverWiring::hide);
  }
}

void HoverWiring::watchEditor(widgets::CodeEditor* editor) {
  connect(editor, &widgets::CodeEditor::identifierHovered, this, &HoverWiring::hover);
  connect(editor, &widgets::CodeEditor::hoverEnded, this, &HoverWiring::hide);
}

void HoverWiring::hover(const QString& expression, const QPoint& globalPos) {
  if (!session_ || session_->state() != DebugSession::State::Paused || expression.isEmpty()) return;
  pending_ = expression;
  pos_ = globalPos;
  session_->evaluate(expression);
}

void HoverWiring::hide() {
  pending_.clear();
  if (shown_.isEmpty()) return;
  shown_.clear();
  QToolTip::hideText();
}

void HoverWiring::onEvaluated(const QString& expression, const widgets::VariableRecord& value, const QString& error) {
  if (pending_.isEmpty() || expression != pending_) return;  // a watch's answer, or a stale one
  pending_.clear();
  if (!error.isEmpty()) return;  // a name the frame does not know: nothing to show
  shown_ = tooltipText(expression, value);
  QStringList lines = shown_.split(QLatin1Char('\n'));
  for (QString& line : lines) line = line.toHtmlEscaped();
  QToolTip::showText(pos_, QStringLiteral("<p style='white-space:pre'>%1</p>").arg(lines.join(QStringLiteral("<br>"))));
  emit tooltipShown(shown_);
}

QString HoverWiring::tooltipText(const QString& expression, const widgets::VariableRecord& value) {
  if (value.isTensor()) {
    QString text = QStringLiteral("%1: %2 %3 %4").arg(expression, value.type, widgets::variableShapeText(value), value.dtype);
    if (value.min || value.mean || value.max)
      text += QStringLiteral("\nmin %1  mean %2  max %3").arg(number(value.min), number(value.mean), number(value.max));
    return text;
  }
  return QStringLiteral("%1: %2 = %3").arg(expression, value.type, value.value);
}

}  // namespace kusari::studio
