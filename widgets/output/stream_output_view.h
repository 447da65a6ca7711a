// stdout/stderr text of a cell. ANSI colours are rendered (or stripped once the text is too
// long to style cheaply). Past kCollapseThreshold lines only the last lines are shown, with a
// "Show all N lines" toggle; the full text is always kept. Appending stays cheap for 10^5
// lines: the collapsed view trims with maximumBlockCount instead of re-laying out everything.
#pragma once
#include <QWidget>

class QPlainTextEdit;
class QToolButton;
class QLabel;

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
  QString fullText() const { return full_; }  // as received, ANSI codes included
  int lineCount() const;
  bool isCollapsible() const { return lineCount() > kCollapseThreshold; }
  bool isExpanded() const { return expanded_; }
  void setExpanded(bool expanded);
  QString displayedText() const;  // what the text view shows (ANSI removed)
  QToolButton* toggleButton() const { return toggle_; }
  void applyTheme();

 private:
  void insertDisplayed(const QString& text);
  void rebuild();
  void updateChrome();

  QString stream_name_;
  QString full_;
  int newlines_ = 0;
  bool expanded_ = false;
  bool held_newline_ = false;  // a trailing '\n' is shown only once more text follows it
  QPlainTextEdit* view_;
  QLabel* banner_;
  QToolButton* toggle_;
};

}  // namespace kusari::widgets
