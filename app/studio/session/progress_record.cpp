#include "session/progress_record.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace kusari::studio {

namespace {

QString duration(double seconds) {
  const qint64 s = qint64(std::llround(std::max(seconds, 0.0)));
  return QStringLiteral("%1:%2:%3").arg(s / 3600).arg(s / 60 % 60, 2, 10, QLatin1Char('0')).arg(s % 60, 2, 10, QLatin1Char('0'));
}

std::optional<double> optionalNumber(const QJsonValue& v) {
  if (v.isDouble()) return v.toDouble();
  return std::nullopt;
}

}  // namespace

QString ProgressRecord::text() const {
  QString t = QStringLiteral("%1 iter · epoch %2 / %3 %4s").arg(iteration).arg(epoch).arg(length).arg(unit);
  if (itersPerSec) t += QStringLiteral(" · %1 it/s").arg(*itersPerSec, 0, 'f', *itersPerSec < 10 ? 2 : 1);
  if (etaSeconds) t += QStringLiteral(" · ETA ") + duration(*etaSeconds);
  return t;
}

std::optional<ProgressRecord> parseProgressRecord(QStringView json) {
  QJsonParseError error;
  const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8(), &error);
  if (error.error != QJsonParseError::NoError || !doc.isObject()) return std::nullopt;
  const QJsonObject o = doc.object();
  if (!o.value(QLatin1String("iteration")).isDouble() || !o.value(QLatin1String("fraction")).isDouble()) return std::nullopt;
  ProgressRecord r;
  r.iteration = o.value(QLatin1String("iteration")).toInteger();
  r.epoch = o.value(QLatin1String("epoch")).toInteger();
  r.epochDetail = o.value(QLatin1String("epoch_detail")).toDouble();
  r.fraction = std::clamp(o.value(QLatin1String("fraction")).toDouble(), 0.0, 1.0);
  const QJsonArray length = o.value(QLatin1String("length")).toArray();
  r.length = length.at(0).toDouble();
  r.unit = length.at(1).toString();
  r.itersPerSec = optionalNumber(o.value(QLatin1String("iters_per_sec")));
  r.etaSeconds = optionalNumber(o.value(QLatin1String("eta_seconds")));
  return r;
}

QString ProgressRecordFilter::feed(const QString& chunk) {
  const QString text = pending_ + chunk;
  pending_.clear();
  QString shown;
  shown.reserve(text.size());
  qsizetype i = 0;
  while (i < text.size()) {
    if (text[i] == u'\x1b') {
      const QStringView rest = QStringView(text).mid(i);
      if (rest.startsWith(kProgressRecordPrefix)) {
        const qsizetype end = text.indexOf(kProgressRecordEnd, i);
        if (end < 0) {  // the rest of the record comes with a later chunk
          pending_ = text.mid(i);
          break;
        }
        const qsizetype from = i + kProgressRecordPrefix.size();
        if (auto record = parseProgressRecord(QStringView(text).mid(from, end - from))) {
          latest_ = record;
          ++records_;
        }
        i = end + 1;
        in_bar_line_ = drop_bar_lines_;
        if (in_bar_line_ && i < text.size() && text[i] == u'\r') ++i;
        continue;
      }
      if (kProgressRecordPrefix.startsWith(rest)) {  // a prefix cut short at the chunk's end
        pending_ = text.mid(i);
        break;
      }
    }
    if (in_bar_line_) {
      if (text[i] == u'\r') {
        in_bar_line_ = false;  // a '\r' not from the bar (PrintReport blanking it): shown
      } else {
        if (text[i] == u'\n') in_bar_line_ = false;  // the last redraw ends the line
        ++i;
        continue;
      }
    }
    shown += text[i];
    ++i;
  }
  return shown;
}

QString stripProgressRecords(const QString& text) {
  if (!text.contains(kProgressRecordPrefix)) return text;
  ProgressRecordFilter filter(false);
  return filter.feed(text);
}

}  // namespace kusari::studio
