// Every message type of the kernel protocol (see README.md in this folder).
#pragma once

#include "protocol/control_messages.h"
#include "protocol/debug_messages.h"
#include "protocol/display_data.h"
#include "protocol/execution_messages.h"
#include "protocol/frame_reader.h"
#include "protocol/introspection_messages.h"
#include "protocol/message.h"
#include "protocol/metrics_messages.h"
#include "protocol/op_debug_messages.h"
#include "protocol/param_stats_messages.h"
#include "protocol/variables_messages.h"
