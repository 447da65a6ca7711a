// The studio's window: notebook tabs in the middle, docks around them, actions wired to the
// current notebook. It assembles parts; the parts do the work.
#pragma once
#include "main_window/notebook_file_io.h"
#include "main_window/studio_actions.h"
#include "main_window/studio_docks.h"

#include <QMainWindow>
#include <memory>

class QComboBox;
class QTabWidget;

namespace kusari::widgets {
class NotebookView;
}

namespace kusari::studio {

class KernelStatus;
class Notebook;
class NotebookDocument;

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(QWidget* parent = nullptr);
  ~MainWindow() override;

  // main_window_files.cpp
  bool openNotebook(const QString& path);  // shows a dialog naming the problem on failure
  NotebookDocument* newNotebook();
  bool save(NotebookDocument* doc);
  bool saveAs(NotebookDocument* doc);
  void exportPython(NotebookDocument* doc);

  NotebookDocument* currentDocument() const;
  widgets::NotebookView* currentView() const;
  void restoreLayout();  // the saved arrangement, or the default one
  void setDarkTheme(bool dark);
  void runAllInCurrent();
  // Off for unattended runs (--screenshot): no question about recovery copies is asked.
  void setOfferRecovery(bool offer) { offer_recovery_ = offer; }

 protected:
  void closeEvent(QCloseEvent* event) override;

 private:
  void wireActions();
  void addDocument(NotebookDocument* doc);
  bool closeDocument(int tab);
  bool confirmDiscard(NotebookDocument* doc);
  void offerRecovery(const QString& path, Notebook& notebook);
  void addRecentFile(const QString& path);
  void rebuildRecentMenu();
  void log(const QString& line);
  void updateActions();

  StudioActions actions_;
  StudioDocks docks_;
  QTabWidget* tabs_;
  KernelStatus* status_;
  QComboBox* device_;
  std::unique_ptr<NotebookFileIO> io_;
  QByteArray default_state_;
  QPalette system_palette_;  // what the light theme follows
  bool offer_recovery_ = true;
};

}  // namespace kusari::studio
