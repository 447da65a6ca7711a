// Every optimizer, for callers that want them all.
#pragma once
#include "kusari/optimizers/ada_delta.h"
#include "kusari/optimizers/ada_grad.h"
#include "kusari/optimizers/adam.h"
#include "kusari/optimizers/momentum_sgd.h"
#include "kusari/optimizers/nesterov_ag.h"
#include "kusari/optimizers/rmsprop.h"
#include "kusari/optimizers/sgd.h"
