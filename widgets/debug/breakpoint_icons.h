// How a breakpoint looks wherever it is drawn (Breakpoints dock, editor margins): a filled
// dot when enabled, a hollow ring when disabled, a dot with a bar when conditional, a diamond
// for a logpoint; in the theme's breakpoint colour.
#pragma once
#include "widgets/debug/breakpoint_list.h"

#include <QIcon>
#include <QRectF>

class QPainter;

namespace kusari::widgets {

void paintBreakpointMarker(QPainter& painter, const QRectF& rect, BreakpointMarkerState state);
QIcon breakpointIcon(BreakpointMarkerState state);  // empty for None

}  // namespace kusari::widgets
