// The Call Stack dock: the paused thread's frames, innermost first. The frame the debugger
// stopped in is marked; selecting a frame (click, keys) emits frameSelected(id) so the owner
// can show that frame's variables and line. Plain data in, signals out.
#pragma once
#include <QString>
#include <QVector>
#include <QWidget>

class QLabel;
class QTreeWidget;

namespace kusari::widgets {

struct StackFrame {
  int id = 0;        // the debugger's frame id
  QString source;    // cell or file the frame runs in, as people name it ("cell [3]", "model.py")
  int line = 0;      // 1-based; 0 = unknown
  QString function;  // "<module>", "forward", ...
  bool operator==(const StackFrame&) const = default;
};

class CallStackView : public QWidget {
  Q_OBJECT
 public:
  enum Column { Function, Location, ColumnCount };

  explicit CallStackView(QWidget* parent = nullptr);

  // Shows frames; the paused (current) frame is currentId, or the first frame when -1. The
  // current frame starts selected; setting frames emits nothing.
  void setFrames(const QVector<StackFrame>& frames, int currentId = -1);
  void clear();  // not paused
  const QVector<StackFrame>& frames() const { return frames_; }
  int currentFrameId() const { return current_; }
  int selectedFrameId() const;  // -1 when none
  // Selects a frame as if the user had (emits frameSelected when the selection changes).
  bool selectFrame(int id);
  QTreeWidget* list() const { return list_; }

 signals:
  void frameSelected(int id);

 private:
  void updatePlaceholder();
  QVector<StackFrame> frames_;
  int current_ = -1;
  bool populating_ = false;
  QTreeWidget* list_;
  QLabel* empty_;
};

}  // namespace kusari::widgets
