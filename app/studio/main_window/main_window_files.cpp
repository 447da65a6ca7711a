// MainWindow: opening, saving, exporting and closing notebooks; the recent-files list.
#include "document/notebook.h"
#include "recovery/autosaver.h"
#include "recovery/recent_files.h"
#include "recovery/recovery_store.h"
#include "main_window/main_window.h"
#include "main_window/notebook_document.h"
#include "widgets/notebook/notebook_view.h"

#include <QAction>
#include <QFileInfo>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QSaveFile>
#include <QStatusBar>
#include <QTabWidget>

namespace kusari::studio {
namespace {
const QString kNotebookFilter = QObject::tr("Notebooks (*.ipynb)");
}  // namespace

bool MainWindow::openNotebook(const QString& path) {
  const QString absolute = QFileInfo(path).absoluteFilePath();
  for (int i = 0; i < tabs_->count(); ++i)
    if (document(i)->path() == absolute) {
      tabs_->setCurrentIndex(i);
      return true;
    }
  auto* doc = new NotebookDocument(this);
  QString error;
  if (!io_->read(absolute, *doc->notebook(), &error)) {
    delete doc;
    QMessageBox box(QMessageBox::Warning, tr("Cannot open notebook"),
                    tr("%1 could not be opened.").arg(QFileInfo(path).fileName()), QMessageBox::Ok, this);
    box.setInformativeText(error);
    box.exec();
    log(tr("Open failed: %1").arg(error));
    return false;
  }
  if (doc->notebook()->cellCount() == 0) doc->notebook()->insertCell(0, Cell{});
  doc->notebook()->setModified(false);
  const bool recovered = offerRecovery(absolute, *doc->notebook());
  doc->setPath(absolute);
  if (recovered) doc->autosaver()->adoptCopy();
  addDocument(doc);
  doc->view()->setCurrentIndex(0);
  addRecentFile(absolute);
  return true;
}

// A recovery copy newer than the file (the studio died with unsaved changes) is offered; the
// recovered cells replace the file's in the editor, unsaved, so nothing is written unasked.
// Declined, the copy goes; ignored (unattended runs), it stays for the next interactive open.
bool MainWindow::offerRecovery(const QString& path, Notebook& notebook) {
  const std::optional<PendingRecovery> pending = RecoveryStore().pendingRecovery(path);
  if (!pending || recovery_policy_ == RecoveryPolicy::Ignore) return false;
  if (recovery_policy_ == RecoveryPolicy::Ask) {
    const auto answer = dialogs_.ask(
        this, tr("Recover unsaved changes?"),
        tr("%1 has unsaved changes from %2 that were not saved before Kusari Studio stopped. Recover them?")
            .arg(QFileInfo(path).fileName(), QLocale().toString(pending->savedAt, QLocale::ShortFormat)),
        QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes);
    if (answer != QMessageBox::Yes) {
      RecoveryStore().remove(path);
      log(tr("Discarded the recovery copy of %1").arg(path));
      return false;
    }
  }
  QString error;
  Notebook recovered;
  if (!io_->read(pending->recoveryPath, recovered, &error)) {
    QMessageBox::warning(this, tr("Recovery failed"), error);
    return false;
  }
  while (notebook.cellCount() > 0) notebook.removeCell(0);
  for (const Cell& c : recovered.cells()) notebook.insertCell(notebook.cellCount(), c);
  notebook.setMetadata(recovered.metadata());
  notebook.setModified(true);
  log(tr("Recovered unsaved changes of %1").arg(path));
  // Also on stderr, for whoever started the studio from a shell or a script.
  qInfo("kusari-studio: recovered unsaved changes of %s from %s", qPrintable(path), qPrintable(pending->recoveryPath));
  return true;
}

NotebookDocument* MainWindow::newNotebook() {
  auto* doc = new NotebookDocument(this);
  // Jupyter's names: Untitled.ipynb, then Untitled1.ipynb, ... the first no open tab shows.
  QStringList shown;
  for (int i = 0; i < tabs_->count(); ++i)
    if (NotebookDocument* open = document(i)) shown << open->displayName();
  QString name = tr("Untitled.ipynb");
  for (int n = 1; shown.contains(name); ++n) name = tr("Untitled%1.ipynb").arg(n);
  doc->setUntitledName(name);
  doc->notebook()->insertCell(0, Cell{});
  doc->notebook()->setModified(false);
  addDocument(doc);
  doc->view()->setCurrentIndex(0);
  return doc;
}

bool MainWindow::save(NotebookDocument* doc) {
  if (!doc) return false;
  if (doc->path().isEmpty()) return saveAs(doc);
  QString error;
  if (!io_->write(doc->path(), *doc->notebook(), &error)) {
    QMessageBox::warning(this, tr("Cannot save notebook"), error);
    return false;
  }
  doc->markSaved();
  statusBar()->showMessage(tr("Saved %1").arg(doc->path()), 4000);
  return true;
}

bool MainWindow::saveAs(NotebookDocument* doc) {
  if (!doc) return false;
  QString path = dialogs_.savePath(this, tr("Save Notebook As"), doc->path().isEmpty() ? doc->displayName() : doc->path(),
                                   kNotebookFilter);
  if (path.isEmpty()) return false;
  if (!path.endsWith(QLatin1String(".ipynb"))) path += QStringLiteral(".ipynb");
  doc->setPath(path);
  addRecentFile(path);
  return save(doc);
}

void MainWindow::exportPython(NotebookDocument* doc) {
  if (!doc) return;
  const QString suggested = doc->path().isEmpty() ? doc->shortName() + QStringLiteral(".py")
                                                  : QFileInfo(doc->path()).path() + u'/' + doc->shortName() + QStringLiteral(".py");
  const QString path = dialogs_.savePath(this, tr("Export as Python"), suggested, tr("Python (*.py)"));
  if (path.isEmpty()) return;
  QSaveFile file(path);
  const QByteArray text = notebookAsPython(*doc->notebook()).toUtf8();
  if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size() || !file.commit())
    QMessageBox::warning(this, tr("Export failed"), tr("%1: %2").arg(path, file.errorString()));
}

bool MainWindow::confirmDiscard(NotebookDocument* doc) {
  if (!doc || !doc->notebook()->isModified()) return true;
  const auto answer = dialogs_.ask(this, tr("Unsaved changes"),
                                   tr("Save the changes to %1 before closing?").arg(doc->displayName()),
                                   QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
  if (answer == QMessageBox::Save) return save(doc);
  return answer == QMessageBox::Discard;
}

bool MainWindow::closeDocument(int tab) {
  if (tab < 0) return false;
  NotebookDocument* doc = document(tab);
  if (!confirmDiscard(doc)) return false;
  discardDocument(doc);
  tabs_->removeTab(tab);
  delete doc;  // shuts its kernel down
  updateActions();
  return true;
}

void MainWindow::discardDocument(NotebookDocument* doc) {
  if (doc && doc->autosaver()) doc->autosaver()->notebookClosed();  // a clean close: no recovery needed
}

void MainWindow::setAutosaveInterval(int milliseconds) {
  autosave_interval_ms_ = milliseconds;
  for (int i = 0; i < tabs_->count(); ++i) applyAutosaveInterval(document(i));
}

void MainWindow::applyAutosaveInterval(NotebookDocument* doc) {
  Autosaver* autosaver = doc ? doc->autosaver() : nullptr;
  if (!autosaver || autosave_interval_ms_ < 0) return;
  if (autosave_interval_ms_ > 0) autosaver->setInterval(autosave_interval_ms_);
  autosaver->setEnabled(autosave_interval_ms_ > 0);
}

void MainWindow::addRecentFile(const QString& path) {
  RecentFiles().add(path);
  rebuildRecentMenu();
}

// Files deleted or moved since are left out of the menu.
void MainWindow::rebuildRecentMenu() {
  QMenu* menu = actions_.recentMenu;
  menu->clear();
  const QStringList recent = RecentFiles().list();
  for (const QString& path : recent) {
    QAction* a = menu->addAction(QFileInfo(path).fileName());
    a->setToolTip(path);
    connect(a, &QAction::triggered, this, [this, path] { openNotebook(path); });
  }
  menu->setEnabled(!recent.isEmpty());
}

}  // namespace kusari::studio
