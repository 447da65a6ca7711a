// Hover to inspect while paused: a name or dotted name the mouse rests on in a cell's editor
// (or in the Source dock) is evaluated in the selected frame through DebugSession::evaluate,
// and a tooltip shows its type and value, or a tensor's shape, dtype and min/mean/max (4
// significant digits). Not paused, hovering does nothing; a name the frame does not know
// shows nothing. DebugWiring owns one and tells it the current session and view.
#pragma once
#include <QList>
#include <QObject>
#include <QPoint>
#include <QPointer>
#include <QString>

namespace kusari::widgets {
class CodeEditor;
class NotebookView;
struct VariableRecord;
}

namespace kusari::studio {

class DebugSession;

class HoverWiring : public QObject {
  Q_OBJECT
 public:
  explicit HoverWiring(QObject* parent = nullptr);

  void setSession(DebugSession* session, widgets::NotebookView* view);  // null: none
  void watchEditor(widgets::CodeEditor* editor);  // another editor with an IdentifierHover
  // Asks the paused kernel about `expression`; the tooltip shows at `globalPos` when it answers.
  void hover(const QString& expression, const QPoint& globalPos);
  void hide();

  QString shownText() const { return shown_; }  // the tooltip's text (plain), "" when none
  // "h: Variable (2, 4) float32\nmin 0.1 mean 2.35 max 9.8"; "n: int = 3".
  static QString tooltipText(const QString& expression, const widgets::VariableRecord& value);

 signals:
  void tooltipShown(const QString& text);

 private:
  void onEvaluated(const QString& expression, const widgets::VariableRecord& value, const QString& error);

  QPointer<DebugSession> session_;
  QList<QMetaObject::Connection> connections_;
  QString pending_;  // the expression asked about, "" when none
  QPoint pos_;
  QString shown_;
};

}  // namespace kusari::studio
