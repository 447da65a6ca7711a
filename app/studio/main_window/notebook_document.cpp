#include "main_window/notebook_document.h"

#include "document/notebook.h"
#include "recovery/autosaver.h"
#include "recovery/recovery_store.h"
#include "main_window/session_runner.h"
#include "widgets/notebook/notebook_view.h"


#include <QFileInfo>

namespace kusari::studio {

NotebookDocument::NotebookDocument(QObject* parent)
    : QObject(parent), notebook_(new Notebook(this)), view_(new widgets::NotebookView(notebook_)) {
  connect(notebook_, &Notebook::modifiedChanged, this, &NotebookDocument::titleChanged);
  setRunner(new SessionRunner(notebook_));
}

NotebookDocument::~NotebookDocument() {
  if (autosaver_) autosaver_->notebookClosed();  // a clean close: no recovery needed
  delete view_;
}

void NotebookDocument::markSaved() {
  notebook_->setModified(false);
  if (autosaver_) autosaver_->notebookSaved();
}

void NotebookDocument::setRunner(CellRunner* runner) {
  delete runner_;
  runner_ = runner;
  runner_->setParent(this);
  connect(view_.data(), &widgets::NotebookView::runRequested, runner_, &CellRunner::run);
  connect(view_.data(), &widgets::NotebookView::interruptRequested, runner_, &CellRunner::interrupt);
  connect(view_.data(), &widgets::NotebookView::restartRequested, runner_, &CellRunner::restart);
  connect(runner_, &CellRunner::cellStateChanged, view_.data(), &widgets::NotebookView::setCellRunState);
}

void NotebookDocument::setPath(const QString& path) {
  path_ = path;
  if (!autosaver_) autosaver_ = new Autosaver(notebook_, RecoveryStore(), path, this);
  else autosaver_->setNotebookPath(path);
  emit titleChanged();
}

QString NotebookDocument::displayName() const {
  return path_.isEmpty() ? tr("Untitled.ipynb") : QFileInfo(path_).fileName();
}

QString NotebookDocument::tabTitle() const {
  return notebook_->isModified() ? displayName() + QStringLiteral(" ●") : displayName();
}

}  // namespace kusari::studio
