#include "format.h"

#include <QCborArray>
#include <QFileInfo>
#include <QStringList>

namespace kusari::debug_cli {

QString shapeText(const QList<qint64>& shape) {
  QStringList parts;
  for (qint64 n : shape) parts << QString::number(n);
  return QStringLiteral("(%1%2)").arg(parts.join(QStringLiteral(", ")), shape.size() == 1 ? QStringLiteral(",") : QString());
}

QString shapeText(const QCborValue& shape) {
  QList<qint64> dims;
  for (const QCborValue& v : shape.toArray()) dims.append(v.toInteger());
  return shapeText(dims);
}

QString statsText(const protocol::TensorStats& s) {
  QString text = QStringLiteral("%1 %2").arg(s.dtype, shapeText(s.shape));
  if (!s.device.isEmpty()) text += QLatin1Char(' ') + s.device;
  return text + QStringLiteral("  min %1 max %2 mean %3 std %4  nan %5 inf %6")
                    .arg(s.min, 0, 'g', 6)
                    .arg(s.max, 0, 'g', 6)
                    .arg(s.mean, 0, 'g', 6)
                    .arg(s.std, 0, 'g', 6)
                    .arg(s.nanCount)
                    .arg(s.infCount);
}

QString statsText(const QCborMap& stats) {
  if (stats.isEmpty()) return QStringLiteral("-");
  return statsText(protocol::TensorStats::fromCbor(stats));
}

QString graphNodeText(const QCborMap& node, bool backwardRan) {
  auto text = [&](const char* key) { return node.value(QLatin1StringView(key)).toString(); };
  QStringList ins, outs;
  for (const QCborValue& v : node.value(QStringLiteral("inputs")).toArray()) {
    const QCborMap in = v.toMap();
    QString s = shapeText(in.value(QStringLiteral("shape")));
    const QString name = in.value(QStringLiteral("name")).toString();
    if (!name.isEmpty()) s = name + QLatin1Char('=') + s;
    ins << s;
  }
  for (const QCborValue& v : node.value(QStringLiteral("outputs")).toArray())
    outs << shapeText(v.toMap().value(QStringLiteral("shape")));
  QString line = QStringLiteral("#%1  %2").arg(node.value(QStringLiteral("id")).toInteger()).arg(text("op"));
  if (!text("link_path").isEmpty()) line += QStringLiteral("  [%1]").arg(text("link_path"));
  line += QStringLiteral("  %1 -> %2").arg(ins.join(QLatin1Char(' ')), outs.join(QLatin1Char(' ')));
  const QString file = text("file");
  if (!file.isEmpty())
    line += QStringLiteral("  at %1:%2").arg(file.startsWith(QLatin1Char('<')) ? file : QFileInfo(file).fileName())
                .arg(node.value(QStringLiteral("line")).toInteger());
  if (backwardRan) line += QStringLiteral("  (backward ran)");
  return line;
}

}  // namespace kusari::debug_cli
