#include "autosaver.h"

namespace kusari::studio {

Autosaver::Autosaver(Notebook* notebook, const RecoveryStore& store, const QString& notebookPath, QObject* parent)
    : QObject(parent), notebook_(notebook), store_(store), path_(notebookPath) {
  timer_.setInterval(kDefaultIntervalMs);
  connect(&timer_, &QTimer::timeout, this, &Autosaver::autosaveNow);
  // Every edit reaches modifiedChanged only once; the per-change signals say "changed again".
  const auto changed = [this] { dirty_ = notebook_ && notebook_->isModified(); };
  connect(notebook, &Notebook::cellInserted, this, changed);
  connect(notebook, &Notebook::cellRemoved, this, changed);
  connect(notebook, &Notebook::cellMoved, this, changed);
  connect(notebook, &Notebook::sourceChanged, this, changed);
  connect(notebook, &Notebook::cellTypeChanged, this, changed);
  connect(notebook, &Notebook::outputsChanged, this, changed);
  connect(notebook, &Notebook::executionCountChanged, this, changed);
  connect(notebook, &Notebook::modifiedChanged, this, changed);
  timer_.start();
}

void Autosaver::setNotebookPath(const QString& path) {
  if (owns_copy_) store_.remove(path_);
  owns_copy_ = false;
  path_ = path;
  dirty_ = notebook_ && notebook_->isModified();
}

void Autosaver::autosaveNow() {
  if (!notebook_ || !dirty_ || !notebook_->isModified()) return;
  QString error;
  if (!store_.write(path_, *notebook_, &error)) {
    emit autosaveFailed(error);
    return;
  }
  dirty_ = false;
  owns_copy_ = true;
  emit autosaved(store_.recoveryPathFor(path_));
}

void Autosaver::setEnabled(bool enabled) {
  if (enabled) timer_.start();
  else timer_.stop();
}

void Autosaver::adoptCopy() {
  owns_copy_ = true;
  dirty_ = notebook_ && notebook_->isModified();
}

void Autosaver::notebookSaved() {
  dirty_ = false;
  owns_copy_ = false;
  store_.remove(path_);
}

void Autosaver::notebookClosed() {
  timer_.stop();
  dirty_ = false;
  if (owns_copy_) store_.remove(path_);
  owns_copy_ = false;
}

}  // namespace kusari::studio
