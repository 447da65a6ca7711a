#include "widgets/output/tensor_summary_data.h"

#include <QJsonArray>
#include <QtEndian>

#include <cmath>

namespace kusari::widgets {
namespace {

double number(const QJsonObject& o, std::initializer_list<const char*> keys) {
  for (const char* k : keys)
    if (o.contains(QLatin1String(k))) return o.value(QLatin1String(k)).toDouble();
  return 0.0;
}

QVector<qint64> intList(const QJsonValue& v) {
  QVector<qint64> out;
  for (const QJsonValue& e : v.toArray()) out.append(e.toInteger());
  return out;
}

}  // namespace

TensorSummaryData TensorSummaryData::fromJson(const QJsonObject& o) {
  TensorSummaryData d;
  d.shape = intList(o.value(QStringLiteral("shape")));
  d.dtype = o.value(QStringLiteral("dtype")).toString();
  d.device = o.value(QStringLiteral("device")).toString();
  const QJsonObject stats = o.value(QStringLiteral("stats")).toObject();
  const QJsonObject& s = stats.isEmpty() ? o : stats;
  d.min = number(s, {"min"});
  d.max = number(s, {"max"});
  d.mean = number(s, {"mean"});
  d.std = number(s, {"std"});
  d.nanCount = static_cast<qint64>(number(s, {"nan_count", "nanCount", "nan"}));
  d.infCount = static_cast<qint64>(number(s, {"inf_count", "infCount", "inf"}));

  const QVector<qint64> pshape = intList(o.value(QStringLiteral("preview_shape")));
  const QJsonValue preview = o.value(QStringLiteral("preview"));
  if (preview.isString()) {
    const QByteArray bytes = QByteArray::fromBase64(preview.toString().toLatin1());
    const qsizetype n = bytes.size() / 4;
    d.preview.resize(n);
    for (qsizetype i = 0; i < n; ++i) d.preview[i] = qFromLittleEndian<float>(bytes.constData() + 4 * i);
  } else if (preview.isArray()) {
    for (const QJsonValue& row : preview.toArray()) {
      if (row.isArray()) {
        for (const QJsonValue& x : row.toArray()) d.preview.append(x.isDouble() ? float(x.toDouble()) : NAN);
      } else {
        d.preview.append(row.isDouble() ? float(row.toDouble()) : NAN);
      }
    }
  }
  if (pshape.size() == 2 && pshape[0] * pshape[1] == d.preview.size()) {
    d.previewRows = static_cast<int>(pshape[0]);
    d.previewCols = static_cast<int>(pshape[1]);
  } else if (!d.preview.isEmpty()) {
    d.previewRows = 1;
    d.previewCols = static_cast<int>(d.preview.size());
  }
  return d;
}

QString TensorSummaryData::shapeText() const {
  QStringList parts;
  for (qint64 n : shape) parts << QString::number(n);
  return QStringLiteral("(") + parts.join(QStringLiteral(", ")) + (shape.size() == 1 ? QStringLiteral(",)") : QStringLiteral(")"));
}

qint64 TensorSummaryData::elementCount() const {
  qint64 n = 1;
  for (qint64 s : shape) n *= s;
  return n;
}

QString formatNumber(double value) {
  if (std::isnan(value)) return QStringLiteral("NaN");
  if (std::isinf(value)) return value > 0 ? QStringLiteral("Inf") : QStringLiteral("-Inf");
  return QString::number(value, 'g', 4);
}

}  // namespace kusari::widgets
