// Helpers shared by the studio tests: fixture paths, file I/O, and validation of a written
// notebook by nbformat's own validator (Debian's python3-nbformat, nbformat 4.5 schema).
#pragma once
#include <QFile>
#include <QProcess>
#include <QString>

namespace kusari::test_support {

inline QString studioData(const QString& name) {
  return QStringLiteral(KUSARI_SOURCE_DIR "/tests/studio/data/") + name;
}

inline QByteArray readAll(const QString& path) {
  QFile file(path);
  return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

inline bool writeAll(const QString& path, const QByteArray& bytes) {
  QFile file(path);
  return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

// Empty when nbformat accepts the file; otherwise what went wrong. A missing python3 or
// nbformat is a failure too (scripts/install-deps.sh test installs python3-nbformat).
inline QString nbformatValidationError(const QString& path) {
  QProcess python;
  python.start(QStringLiteral("/usr/bin/python3"),
               {QStringLiteral("-c"),
                QStringLiteral("import nbformat, sys; nbformat.validate(nbformat.read(sys.argv[1], as_version=4))"),
                path});
  if (!python.waitForStarted(10000)) return QStringLiteral("cannot start /usr/bin/python3: ") + python.errorString();
  if (!python.waitForFinished(60000)) return QStringLiteral("nbformat validation did not finish");
  if (python.exitStatus() != QProcess::NormalExit || python.exitCode() != 0)
    return QStringLiteral("nbformat rejected %1:\n%2").arg(path, QString::fromUtf8(python.readAllStandardError()));
  return {};
}

}  // namespace kusari::test_support
