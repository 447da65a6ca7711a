// The studio's window: notebook tabs in the middle, docks around them, actions wired to the
// current notebook. It assembles parts; the parts do the work.
#pragma once
#include "main_window/notebook_file_io.h"
#include "main_window/studio_actions.h"
#include "main_window/studio_docks.h"
#include "main_window/window_dialogs.h"

#include <QMainWindow>
#include <memory>

class QComboBox;
class QTabWidget;

namespace kusari::widgets {
class NotebookView;
}

namespace kusari::studio {

class DebugWiring;
class KernelStatus;
class Notebook;
class NotebookDocument;

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  // What happens to a recovery copy (unsaved changes of a studio that stopped) when its
  // notebook is opened: asked about, restored without asking, or left alone.
  enum class RecoveryPolicy { Ask, Restore, Ignore };

  explicit MainWindow(QWidget* parent = nullptr);
  ~MainWindow() override;

  // main_window_files.cpp
  bool openNotebook(const QString& path);  // shows a dialog naming the problem on failure
  NotebookDocument* newNotebook();
  bool save(NotebookDocument* doc);
  bool saveAs(NotebookDocument* doc);
  void exportPython(NotebookDocument* doc);

  NotebookDocument* currentDocument() const;
  int documentCount() const;
  NotebookDocument* document(int tab) const;
  const StudioActions& actions() const { return actions_; }
  widgets::NotebookView* currentView() const;
  const StudioDocks& docks() const { return docks_; }
  DebugWiring* debugWiring() const { return debug_; }  // the current notebook's debugger
  KernelStatus* kernelStatus() const { return status_; }
  void restoreLayout();  // the saved arrangement, or the default one
  void setDarkTheme(bool dark);
  void runAllInCurrent();
  // Off for unattended runs (--screenshot): no question about recovery copies is asked.
  void setOfferRecovery(bool offer) { recovery_policy_ = offer ? RecoveryPolicy::Ask : RecoveryPolicy::Ignore; }
  void setRecoveryPolicy(RecoveryPolicy policy) { recovery_policy_ = policy; }
  // How often open notebooks with unsaved changes are autosaved; 0 turns autosave off.
  void setAutosaveInterval(int milliseconds);
  // Who answers the window's questions and file choosers (tests answer them themselves).
  void setDialogs(WindowDialogs dialogs) { dialogs_ = std::move(dialogs); }

 protected:
  void closeEvent(QCloseEvent* event) override;

 private:
  void wireActions();
  void addDocument(NotebookDocument* doc);
  bool closeDocument(int tab);
  bool confirmDiscard(NotebookDocument* doc);
  bool offerRecovery(const QString& path, Notebook& notebook);  // true: the copy was restored
  void applyAutosaveInterval(NotebookDocument* doc);
  void discardDocument(NotebookDocument* doc);  // after the user agreed to close it
  void addRecentFile(const QString& path);
  void rebuildRecentMenu();
  void log(const QString& line);
  void updateActions();

  StudioActions actions_;
  StudioDocks docks_;
  QTabWidget* tabs_;
  KernelStatus* status_;
  DebugWiring* debug_ = nullptr;
  QComboBox* device_;
  std::unique_ptr<NotebookFileIO> io_;
  QByteArray default_state_;
  QPalette system_palette_;  // what the light theme follows
  RecoveryPolicy recovery_policy_ = RecoveryPolicy::Ask;
  int autosave_interval_ms_ = -1;  // -1: the autosaver's default
  WindowDialogs dialogs_ = WindowDialogs::interactive();
};

}  // namespace kusari::studio
