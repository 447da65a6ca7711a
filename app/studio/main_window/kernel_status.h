// The status bar's right side: kernel state with a coloured dot, the last cell's time, the device.
#pragma once
#include "main_window/cell_runner.h"

#include <QWidget>

class QLabel;

namespace kusari::studio {

class KernelStatus : public QWidget {
  Q_OBJECT
 public:
  explicit KernelStatus(QWidget* parent = nullptr);
  void setKernelState(KernelState state);  // the dot's colour follows theme changes
  KernelState kernelState() const { return state_value_; }
  void setLastCellTime(double seconds);
  void setDevice(const QString& device);
  // "paused at cell [3]:12" while the debugger is paused there; "" hides it.
  void setPausedAt(const QString& location);
  QString pausedText() const;
  static QString stateName(KernelState state);

 private:
  QLabel* dot_;
  QLabel* state_;
  QLabel* time_;
  QLabel* device_;
  QLabel* paused_sep_;
  QLabel* paused_;
  KernelState state_value_ = KernelState::NotStarted;
};

// "850 ms", "1.2 s", "3 min 05 s"
QString formatDuration(double seconds);

}  // namespace kusari::studio
