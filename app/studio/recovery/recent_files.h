// The recently opened notebooks, most recent first, kept in QSettings ("recentFiles").
#pragma once
#include <QSettings>
#include <QStringList>
#include <memory>

namespace kusari::studio {

class RecentFiles {
 public:
  static constexpr int kMaxEntries = 10;
  // nullptr: the application's default QSettings.
  explicit RecentFiles(QSettings* settings = nullptr);

  QStringList list() const;  // files that no longer exist are left out
  void add(const QString& path);  // moves it to the front
  void remove(const QString& path);
  void clear();

 private:
  void store(const QStringList& paths);
  std::unique_ptr<QSettings> owned_;
  QSettings* settings_;
};

}  // namespace kusari::studio
