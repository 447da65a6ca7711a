#include "recent_files.h"

#include <QFileInfo>

namespace kusari::studio {

namespace {
const QString kKey = QStringLiteral("recentFiles");
}

RecentFiles::RecentFiles(QSettings* settings)
    : owned_(settings ? nullptr : std::make_unique<QSettings>()), settings_(settings ? settings : owned_.get()) {}

QStringList RecentFiles::list() const {
  QStringList existing;
  for (const QString& path : settings_->value(kKey).toStringList())
    if (QFileInfo::exists(path)) existing << path;
  return existing;
}

void RecentFiles::add(const QString& path) {
  const QString absolute = QFileInfo(path).absoluteFilePath();
  QStringList paths = settings_->value(kKey).toStringList();
  paths.removeAll(absolute);
  paths.prepend(absolute);
  store(paths.mid(0, kMaxEntries));
}

void RecentFiles::remove(const QString& path) {
  QStringList paths = settings_->value(kKey).toStringList();
  paths.removeAll(QFileInfo(path).absoluteFilePath());
  store(paths);
}

void RecentFiles::clear() { store({}); }

void RecentFiles::store(const QStringList& paths) {
  settings_->setValue(kKey, paths);
  settings_->sync();
}

}  // namespace kusari::studio
