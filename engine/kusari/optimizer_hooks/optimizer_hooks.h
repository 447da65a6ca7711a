// Every optimizer hook, for callers that want them all.
#pragma once
#include "kusari/optimizer_hooks/gradient_clipping.h"
#include "kusari/optimizer_hooks/gradient_hard_clipping.h"
#include "kusari/optimizer_hooks/lasso.h"
#include "kusari/optimizer_hooks/weight_decay.h"
