#include "recovery_store.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

#include "ipynb/ipynb_writer.h"

namespace kusari::studio {

RecoveryStore::RecoveryStore(const QString& directory) : directory_(directory) {}

QString RecoveryStore::defaultDirectory() {
  return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/recovery");
}

QString RecoveryStore::recoveryPathFor(const QString& notebookPath) const {
  const QString key = notebookPath.startsWith(QLatin1StringView("untitled:")) ? notebookPath
                                                                              : QFileInfo(notebookPath).absoluteFilePath();
  const QByteArray hash = QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha1).toHex();
  return directory_ + QLatin1Char('/') + QString::fromLatin1(hash) + QStringLiteral(".ipynb");
}

bool RecoveryStore::write(const QString& notebookPath, const Notebook& notebook, QString* error) const {
  if (!QDir().mkpath(directory_)) {
    if (error) *error = QStringLiteral("cannot create %1").arg(directory_);
    return false;
  }
  try {
    saveIpynbFile(recoveryPathFor(notebookPath), notebook);
  } catch (const IpynbError& e) {
    if (error) *error = e.message();
    return false;
  }
  return true;
}

void RecoveryStore::remove(const QString& notebookPath) const { QFile::remove(recoveryPathFor(notebookPath)); }

std::optional<PendingRecovery> RecoveryStore::pendingRecovery(const QString& notebookPath) const {
  const QFileInfo recovery(recoveryPathFor(notebookPath));
  if (!recovery.exists()) return std::nullopt;
  const QFileInfo original(notebookPath);
  if (original.exists() && original.lastModified() > recovery.lastModified()) return std::nullopt;  // saved since
  return PendingRecovery{recovery.absoluteFilePath(), recovery.lastModified()};
}

}  // namespace kusari::studio
