#!/usr/bin/env bash
# README command 1: install what is missing, build, and start the main program
# (for now the C++ example that trains the MNIST MLP on Fashion-MNIST).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh build
scripts/build.sh
exec "${KUSARI_BUILD_DIR:-build}/bin/train_mnist_mlp" "$@"
