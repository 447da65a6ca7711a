// One open notebook: the document, its view, its file and whatever runs its cells.
#pragma once
#include <QObject>
#include <QPointer>
#include <QString>

#include "widgets/notebook/notebook_view.h"

namespace kusari::studio {

class Autosaver;
class NotebookSession;
class CellRunner;
class Notebook;

class NotebookDocument : public QObject {
  Q_OBJECT
 public:
  explicit NotebookDocument(QObject* parent = nullptr);
  ~NotebookDocument() override;

  Notebook* notebook() const { return notebook_; }
  widgets::NotebookView* view() const { return view_; }
  CellRunner* runner() const { return runner_; }
  void setRunner(CellRunner* runner);  // takes ownership

  QString path() const { return path_; }
  void setPath(const QString& path);  // also where unsaved changes are autosaved for recovery
  void markSaved();                   // after a save: the notebook is clean, its recovery copy goes
  Autosaver* autosaver() const { return autosaver_; }  // null until the notebook has a path
  QString displayName() const;  // file name; when new, the untitled name ("Untitled.ipynb" by default)
  void setUntitledName(const QString& name) { untitled_name_ = name; }
  QString shortName() const;    // displayName without ".ipynb": how docks and suggestions name it
  QString tabTitle() const;     // with "●" while modified

 signals:
  void titleChanged();

 private:
  static widgets::CodeAssistProvider codeAssistFor(NotebookSession* session);

  Notebook* notebook_;
  QPointer<widgets::NotebookView> view_;  // owned by the tab widget once shown
  CellRunner* runner_ = nullptr;
  Autosaver* autosaver_ = nullptr;  // once the notebook has a path
  QString path_;
  QString untitled_name_;
};

}  // namespace kusari::studio
