// The questions and file choosers the main window puts to the user, behind functions so a test
// (or a script) can answer them. interactive() shows the usual Qt dialogs.
#pragma once
#include <QMessageBox>
#include <QString>
#include <functional>

namespace kusari::studio {

struct WindowDialogs {
  // A question with the given buttons; returns the button chosen (Cancel/Escape when closed).
  std::function<QMessageBox::StandardButton(QWidget* parent, const QString& title, const QString& text,
                                            QMessageBox::StandardButtons buttons, QMessageBox::StandardButton preferred)>
      ask;
  // A file to write: "" when the user cancelled.
  std::function<QString(QWidget* parent, const QString& caption, const QString& suggested, const QString& filter)> savePath;
  // A file to read: "" when the user cancelled.
  std::function<QString(QWidget* parent, const QString& caption, const QString& filter)> openPath;

  static WindowDialogs interactive();
};

}  // namespace kusari::studio
