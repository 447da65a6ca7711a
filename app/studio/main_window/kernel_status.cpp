#include "main_window/kernel_status.h"

#include "widgets/theme/theme.h"

#include <QHBoxLayout>
#include <QLabel>

namespace kusari::studio {

using widgets::Theme;
using widgets::ThemeRole;

QString formatDuration(double s) {
  if (s < 1.0) return QStringLiteral("%1 ms").arg(qRound(s * 1000));
  if (s < 60.0) return QStringLiteral("%1 s").arg(s, 0, 'f', 1);
  const int total = qRound(s);
  return QStringLiteral("%1 min %2 s").arg(total / 60).arg(total % 60, 2, 10, QLatin1Char('0'));
}

KernelStatus::KernelStatus(QWidget* parent)
    : QWidget(parent), dot_(new QLabel(this)), state_(new QLabel(this)), time_(new QLabel(this)), device_(new QLabel(this)),
      paused_sep_(new QLabel(QStringLiteral("·"), this)), paused_(new QLabel(this)) {
  auto* row = new QHBoxLayout(this);
  row->setContentsMargins(0, 0, 8, 0);
  row->setSpacing(6);
  row->addWidget(dot_);
  row->addWidget(state_);
  auto sep = [&] {
    auto* l = new QLabel(QStringLiteral("·"), this);
    l->setEnabled(false);
    row->addWidget(l);
  };
  sep();
  row->addWidget(time_);
  sep();
  row->addWidget(device_);
  paused_sep_->setEnabled(false);
  row->addWidget(paused_sep_);
  row->addWidget(paused_);
  setPausedAt({});
  time_->setText(tr("last cell —"));
  setKernelState(KernelState::NotStarted);
  connect(widgets::ThemeNotifier::instance(), &widgets::ThemeNotifier::changed, this, [this] { setKernelState(state_value_); });
}

QString KernelStatus::stateName(KernelState s) {
  switch (s) {
    case KernelState::NotStarted: return tr("not started");
    case KernelState::Starting: return tr("starting");
    case KernelState::Idle: return tr("idle");
    case KernelState::Busy: return tr("busy");
    case KernelState::Paused: return tr("paused");
    case KernelState::Dead: return tr("dead");
  }
  return {};
}

void KernelStatus::setKernelState(KernelState s) {
  state_value_ = s;
  const Theme& t = Theme::current();
  ThemeRole role = ThemeRole::MutedText;
  switch (s) {
    case KernelState::NotStarted: role = ThemeRole::MutedText; break;
    case KernelState::Starting: role = ThemeRole::KernelStarting; break;
    case KernelState::Idle: role = ThemeRole::KernelIdle; break;
    case KernelState::Busy: role = ThemeRole::KernelBusy; break;
    case KernelState::Paused: role = ThemeRole::KernelPaused; break;
    case KernelState::Dead: role = ThemeRole::KernelDead; break;
  }
  dot_->setText(QStringLiteral("<span style='color:%1; font-size:14px'>●</span>").arg(t.color(role).name()));
  state_->setText(tr("kernel %1").arg(stateName(s)));
}

void KernelStatus::setLastCellTime(double seconds) { time_->setText(tr("last cell %1").arg(formatDuration(seconds))); }

void KernelStatus::setPausedAt(const QString& location) {
  paused_->setText(location.isEmpty() ? QString() : tr("paused at %1").arg(location));
  paused_->setVisible(!location.isEmpty());
  paused_sep_->setVisible(!location.isEmpty());
}

QString KernelStatus::pausedText() const { return paused_->text(); }

void KernelStatus::setDevice(const QString& device) { device_->setText(device); }

}  // namespace kusari::studio
