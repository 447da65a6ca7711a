// stdout/stderr text of a cell. ANSI colours are rendered (or stripped once the text is too
// long to style cheaply). Past kCollapseThreshold lines only the last lines are shown, with a
// "Show all N lines" toggle; the full text is always kept. Appending stays cheap for 10^5
// lines: the collapsed view trims with maximumBlockCount instead of re-laying out everything.
// '\r' returns to the start of the line, whose text the next text replaces (as in Jupyter).
// Progress records of kusari's ProgressBar (session/progress_record.h) are never shown: the
// latest one drives a QProgressBar below the text, and the text bar line it announces is dropped.
#pragma once
#include <QWidget>

#include <memory>

#include "session/progress_record.h"

class QPlainTextEdit;
class QProgressBar;
class QToolButton;
class QLabel;
class QTextCursor;

namespace kusari::widgets {

class StreamOutputView : public QWidget {
  Q_OBJECT
 public:
  static constexpr int kCollapseThreshold = 200;  // lines shown while collapsed
  static constexpr int kMaxVisibleLines = 24;     // taller outputs scroll inside the view
  static constexpr int kStyledLineLimit = 20000;  // beyond this ANSI codes are stripped

  explicit StreamOutputView(const QString& streamName, QWidget* parent = nullptr);

  QString streamName() const { return stream_name_; }
  void appendText(const QString& text);
  QString fullText() const { return full_; }  // as received (ANSI codes included), without progress records
  int lineCount() const;
  bool isCollapsible() const { return lineCount() > kCollapseThreshold; }
  bool isExpanded() const { return expanded_; }
  void setExpanded(bool expanded);
  QString displayedText() const;  // what the text view shows (ANSI removed)
  QToolButton* toggleButton() const { return toggle_; }
  // Hidden until the first progress record; value in 0..kProgressSteps.
  QProgressBar* progressBar() const { return progress_; }
  std::optional<studio::ProgressRecord> progress() const { return filter_.latest(); }
  static constexpr int kProgressSteps = 1000;
  void applyTheme();

 private:
  void insertDisplayed(const QString& text);
  void insertLine(QTextCursor& cursor, const QString& text);
  void updateProgress();
  void rebuild();
  void updateChrome();

  QString stream_name_;
  QString full_;  // as shown: progress records and their bar lines removed
  studio::ProgressRecordFilter filter_{true};
  int newlines_ = 0;
  bool expanded_ = false;
  bool held_newline_ = false;  // a trailing '\n' is shown only once more text follows it
  QPlainTextEdit* view_;
  QLabel* banner_;
  QToolButton* toggle_;
  QProgressBar* progress_;
};

}  // namespace kusari::widgets
