#include "main_window/notebook_document.h"

#include "document/notebook.h"
#include "recovery/autosaver.h"
#include "recovery/recovery_store.h"
#include "debug/debug_session.h"
#include "main_window/session_runner.h"
#include "widgets/editor/breakpoint_markers.h"
#include "session/notebook_session.h"
#include "widgets/notebook/notebook_view.h"


#include <QFileInfo>

namespace kusari::studio {

NotebookDocument::NotebookDocument(QObject* parent)
    : QObject(parent), notebook_(new Notebook(this)), view_(new widgets::NotebookView(notebook_)) {
  connect(notebook_, &Notebook::modifiedChanged, this, &NotebookDocument::titleChanged);
  setRunner(new SessionRunner(notebook_));
}

// Destroyed without a clean close (the window closed it), a recovery copy stays for next time.
NotebookDocument::~NotebookDocument() { delete view_; }

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
  // A dead kernel is said in the notebook itself, with the way back; outputs stay as they were.
  connect(runner_, &CellRunner::kernelDied, view_.data(), [this](const QString& description) {
    view_->showNotice(tr("The kernel died (%1). The notebook and its outputs are kept; variables are lost.")
                          .arg(description),
                      tr("Restart Kernel"));
  });
  connect(view_.data(), &widgets::NotebookView::noticeActionTriggered, runner_, [this] {
    view_->hideNotice();
    runner_->restart();
  });
  if (auto* session_runner = qobject_cast<SessionRunner*>(runner_)) {
    view_->setCodeAssist(codeAssistFor(session_runner->session()));
    view_->breakpoints()->setList(session_runner->debug()->breakpoints());  // margins and the debugger share it
  } else {
    view_->breakpoints()->setList(nullptr);
  }
}

namespace {
// The protocol counts Unicode code points; QString counts UTF-16 units.
qint64 toCodePoints(const QString& text, int utf16) { return text.left(utf16).toUcs4().size(); }
int toUtf16(const QString& text, qint64 codePoints) {
  const QList<uint> ucs4 = text.toUcs4();
  return QString::fromUcs4(ucs4.constData(), std::min<qint64>(codePoints, ucs4.size())).size();
}
}  // namespace

// Tab completion and call tips come from the live kernel namespace.
widgets::CodeAssistProvider NotebookDocument::codeAssistFor(NotebookSession* session) {
  widgets::CodeAssistProvider provider;
  provider.complete = [session](const QString& code, int cursor, std::function<void(const widgets::CompletionResult&)> reply) {
    session->complete(code, toCodePoints(code, cursor), [code, reply](const protocol::CompleteReply& r) {
      reply({r.matches, toUtf16(code, r.cursorStart), toUtf16(code, r.cursorEnd)});
    });
  };
  provider.signature = [session](const QString& code, int cursor, std::function<void(const QString&)> reply) {
    session->inspect(code, toCodePoints(code, cursor), [reply](const protocol::InspectReply& r) {
      reply(r.found ? r.name + r.signature : QString());
    });
  };
  return provider;
}

void NotebookDocument::setPath(const QString& path) {
  path_ = path;
  if (!autosaver_) autosaver_ = new Autosaver(notebook_, RecoveryStore(), path, this);
  else autosaver_->setNotebookPath(path);
  emit titleChanged();
}

QString NotebookDocument::displayName() const {
  if (!path_.isEmpty()) return QFileInfo(path_).fileName();
  return untitled_name_.isEmpty() ? tr("Untitled.ipynb") : untitled_name_;
}

QString NotebookDocument::shortName() const { return QFileInfo(displayName()).completeBaseName(); }

QString NotebookDocument::tabTitle() const {
  return notebook_->isModified() ? displayName() + QStringLiteral(" ●") : displayName();
}

}  // namespace kusari::studio
