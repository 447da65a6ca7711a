#!/usr/bin/env bash
# The benchmarks against PyTorch in one command: installs what is missing (Debian's python3-torch and
# libopenblas0-pthread, so PyTorch uses OpenBLAS as a user's install would), builds Kusari in Release
# into build-release/, builds bench/op_overhead.cpp against it, and runs bench/run_benchmarks.py.
# Arguments go to run_benchmarks.py (--quick, --only mlp_step,gemm_1024, --threads 1, --rounds N).
# KUSARI_BENCH_DEBUGGER=1 first runs bench/debugger_overhead.py (builds kusari-debug and the kernel
# too, ~1 min to run; no PyTorch).
# KUSARI_BENCH_VIEWS=1 first builds and runs bench/studio_views.cpp (the Tensor and Graph views
# against issue #5's goals, offscreen; needs the studio's dependencies and Graphviz, no PyTorch);
# KUSARI_BENCH_VIEWS=only runs just that and skips PyTorch entirely.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh build
build_dir="${KUSARI_BUILD_DIR:-build-release}"
views="${KUSARI_BENCH_VIEWS:-0}"
if [ "$views" != "0" ]; then
  if [ ! -f "$build_dir/build.ninja" ]; then
    cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DPython3_EXECUTABLE=/usr/bin/python3 >/dev/null
  fi
  ninja -C "$build_dir" -j "$(nproc)" studio_views
  QT_QPA_PLATFORM=offscreen "$build_dir/bin/studio_views" || true
  [ "$views" = "only" ] && exit 0
fi
missing=()
for p in python3-torch libopenblas0-pthread; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "Installing: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
fi

if [ ! -f "$build_dir/build.ninja" ]; then
  cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DPython3_EXECUTABLE=/usr/bin/python3 >/dev/null
fi
ninja -C "$build_dir" -j "$(nproc)" _kusari

# The C++ side of op_overhead: one file, so g++ directly rather than a CMake target.
exe="$build_dir/bench/op_overhead"
lib="$build_dir/lib/libkusari.so"
if [ ! -x "$exe" ] || [ bench/op_overhead.cpp -nt "$exe" ] || [ "$lib" -nt "$exe" ]; then
  mkdir -p "$build_dir/bench"
  g++ -std=c++20 -O2 -march=native -Iengine bench/op_overhead.cpp -o "$exe" \
      -L"$build_dir/lib" -lkusari -Wl,-rpath,"$(cd "$build_dir/lib" && pwd)"
fi

export KUSARI_BUILD_DIR="$build_dir"
if [ "${KUSARI_BENCH_DEBUGGER:-0}" = "1" ]; then
  ninja -C "$build_dir" -j "$(nproc)" kusari-debug
  /usr/bin/python3 bench/debugger_overhead.py --build-dir "$build_dir" || true
fi
exec /usr/bin/python3 bench/run_benchmarks.py --build-dir "$build_dir" "$@"
