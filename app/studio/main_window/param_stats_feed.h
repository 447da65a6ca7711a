// The protocol's `param_stats` message as the Parameters view's sample (the view knows no
// protocol).
#pragma once
#include "protocol/param_stats_messages.h"
#include "widgets/param_stats/param_stats_store.h"

namespace kusari::studio {

widgets::ParamStatsSample toParamStatsSample(const protocol::ParamStats& stats);

}  // namespace kusari::studio
