// Helpers for the main window's tests: notebooks written from cell sources, and dialogs that
// answer from a script and remember what they were asked.
#pragma once
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

#include "main_window/window_dialogs.h"
#include "studio_test_support.h"

namespace kusari::test_support {

// Lines 10-12 are forward's body; W[i][j] = (3i + j) / 10, b = 0.
// The debugger windows' model cell (test_window_debugger, test_window_watches).
inline constexpr const char* kDebugModelCell =
    "import numpy as np\n"
    "import kusari\n"
    "import kusari.links as L\n"
    "class MLP(kusari.Chain):\n"
    "    def __init__(self):\n"
    "        super().__init__()\n"
    "        with self.init_scope():\n"
    "            self.l1 = L.Linear(3, 4, initialW=np.arange(12, dtype=np.float32).reshape(4, 3) / 10, initial_bias=0)\n"
    "    def forward(self, x):\n"
    "        h = self.l1(x)\n"
    "        y = h * 2\n"
    "        return y\n"
    "model = MLP()\n"
    "x = np.array([[1, 2, 3], [4, 5, 6]], dtype=np.float32)\n";

// An nbformat 4.5 notebook whose code cells hold `sources`, written to `path`.
inline bool writeNotebook(const QString& path, const QStringList& sources) {
  QJsonArray cells;
  for (qsizetype i = 0; i < sources.size(); ++i)
    cells.append(QJsonObject{{QStringLiteral("cell_type"), QStringLiteral("code")},
                             {QStringLiteral("id"), QStringLiteral("cell%1").arg(i)},
                             {QStringLiteral("metadata"), QJsonObject()},
                             {QStringLiteral("execution_count"), QJsonValue::Null},
                             {QStringLiteral("outputs"), QJsonArray()},
                             {QStringLiteral("source"), sources[i]}});
  const QJsonObject notebook{{QStringLiteral("cells"), cells},
                             {QStringLiteral("metadata"), QJsonObject()},
                             {QStringLiteral("nbformat"), 4},
                             {QStringLiteral("nbformat_minor"), 5}};
  return writeAll(path, QJsonDocument(notebook).toJson());
}

// Answers questions with `answers` in order (then with Cancel) and save-file choosers with
// `savePath`; every question's text is kept in `asked`.
struct ScriptedDialogs {
  QList<QMessageBox::StandardButton> answers;
  QString savePath;
  QString suggested;  // what the last save dialog proposed
  QStringList asked;

  studio::WindowDialogs dialogs() {
    studio::WindowDialogs d;
    d.ask = [this](QWidget*, const QString&, const QString& text, QMessageBox::StandardButtons, QMessageBox::StandardButton) {
      asked.append(text);
      return answers.isEmpty() ? QMessageBox::Cancel : answers.takeFirst();
    };
    d.savePath = [this](QWidget*, const QString&, const QString& proposed, const QString&) {
      suggested = proposed;
      return savePath;
    };
    d.openPath = [](QWidget*, const QString&, const QString&) { return QString(); };
    return d;
  }
};

}  // namespace kusari::test_support
