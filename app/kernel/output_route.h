// Where output written by Python goes: the outbox, tagged with the request being served.
// Read and changed only with the GIL held (Python threads write through it too).
#pragma once

#include "outbox.h"

namespace kusari::kernel {

struct OutputRoute {
  Outbox* outbox = nullptr;
  QString parent;
};

OutputRoute& outputRoute();

}  // namespace kusari::kernel
