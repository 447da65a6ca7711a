#include "main_window/window_dialogs.h"

#include <QFileDialog>

namespace kusari::studio {

WindowDialogs WindowDialogs::interactive() {
  WindowDialogs d;
  d.ask = [](QWidget* parent, const QString& title, const QString& text, QMessageBox::StandardButtons buttons,
             QMessageBox::StandardButton preferred) { return QMessageBox::question(parent, title, text, buttons, preferred); };
  d.savePath = [](QWidget* parent, const QString& caption, const QString& suggested, const QString& filter) {
    return QFileDialog::getSaveFileName(parent, caption, suggested, filter);
  };
  d.openPath = [](QWidget* parent, const QString& caption, const QString& filter) {
    return QFileDialog::getOpenFileName(parent, caption, {}, filter);
  };
  return d;
}

}  // namespace kusari::studio
