#!/usr/bin/env bash
# README command 2: install what is missing, build, and run every test (CTest).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh test
scripts/build.sh
cd "${KUSARI_BUILD_DIR:-build}"
ctest --output-on-failure -j "$(nproc)" --timeout 600
