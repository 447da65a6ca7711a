// Source the debugger tests share: the kernel's op breakpoints (test_kernel_debugger_ops) and
// kusari-debug (test_kusari_debug) stop in the same small model.
#pragma once

// A two-layer MLP (Linear 3->4, relu, Linear 4->2) and `model = MLP()` on line 14; lines 12-13
// are forward's body. A string literal: the tests append their own lines to it.
#define KUSARI_TEST_MLP_SOURCE                   \
  "import numpy as np\n"                         \
  "import kusari\n"                              \
  "import kusari.functions as F\n"               \
  "import kusari.links as L\n"                   \
  "class MLP(kusari.Chain):\n"                   \
  "    def __init__(self):\n"                    \
  "        super().__init__()\n"                 \
  "        with self.init_scope():\n"            \
  "            self.l1 = L.Linear(3, 4)\n"       \
  "            self.l2 = L.Linear(4, 2)\n"       \
  "    def forward(self, x):\n"                  \
  "        h = F.relu(self.l1(x))\n"             \
  "        return self.l2(h)\n"                  \
  "model = MLP()\n"
