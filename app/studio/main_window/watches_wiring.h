// Feeds the Watches dock from the current notebook's DebugSession: every watch is evaluated in
// the selected frame at each stop and when another frame is picked (and a new or edited watch
// at once while paused); a result or the error lands in its row. Not paused, the rows say so.
// The list of expressions belongs to the view (one list for the window, whatever notebook).
#pragma once
#include <QList>
#include <QObject>
#include <QPointer>

namespace kusari::widgets {
class WatchesView;
}

namespace kusari::studio {

class DebugSession;

class WatchesWiring : public QObject {
  Q_OBJECT
 public:
  WatchesWiring(widgets::WatchesView* view, QObject* parent = nullptr);

  void setSession(DebugSession* session);  // null: none
  void refresh();                          // evaluates every watch (when paused)

 private:
  void showNotPaused();

  widgets::WatchesView* view_;
  QPointer<DebugSession> session_;
  QList<QMetaObject::Connection> connections_;
};

}  // namespace kusari::studio
