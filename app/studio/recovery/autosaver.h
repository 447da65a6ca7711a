// Writes a modified notebook to its recovery copy every interval (30 s by default) while it
// has changes not yet autosaved; the copy is removed when the notebook is saved, or closed
// cleanly once this autosaver wrote or adopted it (a copy left by a studio that died is kept
// until the user decided about it). The notebook is never touched: autosave is not save.
#pragma once
#include <QObject>
#include <QPointer>
#include <QTimer>

#include "document/notebook.h"
#include "recovery/recovery_store.h"

namespace kusari::studio {

class Autosaver : public QObject {
  Q_OBJECT
 public:
  static constexpr int kDefaultIntervalMs = 30000;

  Autosaver(Notebook* notebook, const RecoveryStore& store, const QString& notebookPath, QObject* parent = nullptr);
  void setInterval(int milliseconds) { timer_.setInterval(milliseconds); }
  int interval() const { return timer_.interval(); }
  void setEnabled(bool enabled);  // off: nothing is written until it is on again
  bool isEnabled() const { return timer_.isActive(); }
  // The notebook now shows the recovery copy's contents (recovered): the copy is this
  // autosaver's to update and to remove on a clean close.
  void adoptCopy();
  void setNotebookPath(const QString& path);  // after "Save As": the old copy goes
  void autosaveNow();
  void notebookSaved();   // a clean save: the recovery copy is no longer needed
  void notebookClosed();  // likewise, and autosaving stops

 signals:
  void autosaved(const QString& recoveryPath);
  void autosaveFailed(const QString& message);

 private:
  QPointer<Notebook> notebook_;
  RecoveryStore store_;
  QString path_;
  QTimer timer_;
  bool dirty_ = false;  // changed since the last autosave or save
  bool owns_copy_ = false;  // wrote or adopted the recovery copy
};

}  // namespace kusari::studio
