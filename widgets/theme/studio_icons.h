// The studio's toolbar icons, drawn as vector glyphs in the theme's colours: one consistent
// set, crisp at any device pixel ratio, and dark-theme aware without image files.
#pragma once
#include <QIcon>

namespace kusari::widgets {

enum class StudioIcon { Run, RunAll, Interrupt, Restart, Continue, StepOver, StepInto, StepOut, NextOp, Open, Save, Pause };

QIcon studioIcon(StudioIcon icon);

}  // namespace kusari::widgets
