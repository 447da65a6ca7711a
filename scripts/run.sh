#!/usr/bin/env bash
# README command 1: install what is missing, build, and start kusari-studio on the bundled
# example notebook (or on the notebooks given as arguments).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh build
scripts/build.sh
if [ $# -eq 0 ]; then
  set -- resources/examples/fashion_mnist_mlp.ipynb
fi
exec "${KUSARI_BUILD_DIR:-build}/bin/kusari-studio" "$@"
