#!/usr/bin/env bash
# Installs the Debian 12 packages Kusari needs, only those missing (idempotent).
# Usage: scripts/install-deps.sh [build|test]   (test adds what the test suite needs)
set -euo pipefail
purpose="${1:-build}"
# python3-dev, pybind11-dev, python3-numpy: the kusari module and kusari-kernel (embedded CPython).
# libqscintilla2-qt6-dev, libqcustomplot-dev: kusari-studio's code cells and plots.
# graphviz: `dot` lays out the Graph dock (the studio falls back to a plain layout without it).
# libblas-dev + libopenblas0-pthread: matmul through OpenBLAS's sgemm/dgemm (KUSARI_BLAS; optional).
packages=(cmake ninja-build g++ pkg-config libeigen3-dev zlib1g-dev qt6-base-dev dataset-fashion-mnist
          python3-dev pybind11-dev python3-numpy libqscintilla2-qt6-dev libqcustomplot-dev graphviz
          libblas-dev libopenblas0-pthread)
if [ "$purpose" = test ]; then
  packages+=(python3-pytest python3-nbformat)  # nbformat: validates the notebooks the studio writes
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
echo "Installing: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
