// Every initializer, for callers that want them all.
#pragma once
#include "kusari/initializers/constant.h"
#include "kusari/initializers/initializer.h"
#include "kusari/initializers/normal.h"
#include "kusari/initializers/orthogonal.h"
