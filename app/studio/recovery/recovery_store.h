// Recovery copies of unsaved notebooks: <directory>/<sha1 of the absolute path>.ipynb
// (default directory: AppDataLocation/recovery). A recovery copy newer than its notebook on
// disk (or whose notebook is gone) is offered when that notebook is opened again.
#pragma once
#include <QDateTime>
#include <QString>
#include <optional>

#include "document/notebook.h"

namespace kusari::studio {

struct PendingRecovery {
  QString recoveryPath;  // open this with loadIpynbFile to recover
  QDateTime savedAt;
};

class RecoveryStore {
 public:
  explicit RecoveryStore(const QString& directory = defaultDirectory());
  static QString defaultDirectory();

  // `notebookPath`: a file path, or "untitled:<n>" for a notebook never saved.
  QString recoveryPathFor(const QString& notebookPath) const;
  // Writes atomically; false (and *error) on failure.
  bool write(const QString& notebookPath, const Notebook& notebook, QString* error = nullptr) const;
  void remove(const QString& notebookPath) const;
  std::optional<PendingRecovery> pendingRecovery(const QString& notebookPath) const;

 private:
  QString directory_;
};

}  // namespace kusari::studio
