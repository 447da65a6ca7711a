// The progress records kusari's ProgressBar writes to stdout before each redraw of its text bar:
//   ESC ] kusari-progress; {json} BEL
// (engine/python/kusari/training/extensions/progress_bar.py). The studio draws a real progress
// bar from them and never shows them; saved notebooks keep only the plain text bar line.
#pragma once
#include <QString>

#include <optional>

namespace kusari::studio {

inline constexpr QStringView kProgressRecordPrefix = u"\x1b]kusari-progress;";
inline constexpr QChar kProgressRecordEnd = u'\x07';

struct ProgressRecord {
  qint64 iteration = 0;
  qint64 epoch = 0;
  double epochDetail = 0;
  double fraction = 0;  // in [0, 1]
  double length = 0;    // of the whole training, in `unit`s
  QString unit;         // "epoch" | "iteration"
  std::optional<double> itersPerSec;
  std::optional<double> etaSeconds;

  // "120 iter · epoch 2 / 10 epochs · 35.2 it/s · ETA 0:00:12"
  QString text() const;
  bool operator==(const ProgressRecord&) const = default;
};

// The JSON between the prefix and BEL; nullopt when it is not a valid record.
std::optional<ProgressRecord> parseProgressRecord(QStringView json);

// Splits stream text, fed in chunks of any size, into the text to show and the progress
// records. A record cut between two chunks is held back until its end arrives. With
// `dropBarLines`, the text bar line each record announces ('\r' + line) is dropped too, since
// the caller draws the record instead.
class ProgressRecordFilter {
 public:
  explicit ProgressRecordFilter(bool dropBarLines) : drop_bar_lines_(dropBarLines) {}
  QString feed(const QString& chunk);
  const std::optional<ProgressRecord>& latest() const { return latest_; }
  int recordCount() const { return records_; }

 private:
  QString pending_;         // an unfinished record
  bool in_bar_line_ = false;
  bool drop_bar_lines_;
  std::optional<ProgressRecord> latest_;
  int records_ = 0;
};

// Stream text without any progress record (what a saved .ipynb keeps).
QString stripProgressRecords(const QString& text);

}  // namespace kusari::studio
