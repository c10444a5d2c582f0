#!/usr/bin/env bash
# Installs the Debian packages pappus needs (only those missing), then
# configures and builds it in build/. Safe to run again: with everything
# installed and configured it only runs the (incremental) build.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

packages=(
  cmake g++ ninja-build pkg-config
  libeigen3-dev libboost-graph-dev libfmt-dev libcli11-dev nlohmann-json3-dev catch2 libcpp-httplib-dev
  libtorch-dev libopenblas0-pthread
  clang libclang-rt-14-dev
  chromium python3
  python3-dev pybind11-dev
)

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  if [[ "$status" != "install ok installed" ]]; then
    missing+=("$package")
  fi
done

if ((${#missing[@]} > 0)); then
  echo "setup: installing ${missing[*]}" >&2
  if ((EUID == 0)); then
    as_root=()
  elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
  else
    echo "setup: error: not root and no sudo; install these packages: ${missing[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${as_root[@]}" apt-get update -qq
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if [[ ! -f build/CMakeCache.txt ]]; then
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
fi
cmake --build build -j"$(nproc)"
