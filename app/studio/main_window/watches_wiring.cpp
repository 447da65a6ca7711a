#include "main_window/watches_wiring.h"

#include "debug/debug_session.h"
#include "widgets/debug/watches_view.h"

namespace kusari::studio {

WatchesWiring::WatchesWiring(widgets::WatchesView* view, QObject* parent) : QObject(parent), view_(view) {
  connect(view_, &widgets::WatchesView::expressionsChanged, this, &WatchesWiring::refresh);
  showNotPaused();
}

void WatchesWiring::setSession(DebugSession* session) {
  for (const QMetaObject::Connection& c : connections_) disconnect(c);
  connections_.clear();
  session_ = session;
  if (!session) return showNotPaused();
  connections_ << connect(session, &DebugSession::frameSelected, this, &WatchesWiring::refresh);
  connections_ << connect(session, &DebugSession::resumed, this, &WatchesWiring::showNotPaused);
  connections_ << connect(session, &DebugSession::evaluated, view_,
                          [this](const QString& expression, const widgets::VariableRecord& value, const QString& error) {
                            view_->setResult(expression, value, error);
                          });
  refresh();
}

void WatchesWiring::refresh() {
  if (!session_ || session_->state() != DebugSession::State::Paused) return showNotPaused();
  view_->clearResults(tr("…"));  // until the answers come
  const QStringList expressions = view_->expressions();
  QStringList asked;
  for (const QString& e : expressions) {
    if (asked.contains(e)) continue;  // one request answers every row showing it
    asked << e;
    session_->evaluate(e);
  }
}

void WatchesWiring::showNotPaused() { view_->clearResults(tr("available while paused")); }

}  // namespace kusari::studio
