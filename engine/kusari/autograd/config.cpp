#include "kusari/autograd/config.h"

namespace kusari {

Config& config() {
  thread_local Config c;
  return c;
}

}  // namespace kusari
