#!/bin/sh
# Installs the already-built pappus of BUILD_DIR into a temporary prefix,
# builds tests/consumer against it with find_package(pappus) (and main.cpp
# again with pkg-config, when present), and runs both with the data files
# found through the install alone.
# Usage: run.sh BUILD_DIR
set -eu
build=$1
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/pappus-consumer.XXXXXX")
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix

cmake --install "$build" --prefix "$prefix" >/dev/null
gen=
command -v ninja >/dev/null 2>&1 && gen="-G Ninja"
cmake -S "$here" -B "$work/build" $gen -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build "$work/build" >/dev/null
env -u PAPPUS_DATA_DIR "$work/build/consumer" "$prefix"

if command -v pkg-config >/dev/null 2>&1; then
  pc=$(find "$prefix" -name pappus.pc)
  flags=$(PKG_CONFIG_PATH=$(dirname "$pc") pkg-config --cflags --libs pappus)
  # As a user types it: the flags word-split by the shell, not parsed again.
  # shellcheck disable=SC2086
  ${CXX:-c++} -std=c++20 -O1 "$here/main.cpp" -o "$work/consumer_pc" $flags
  env -u PAPPUS_DATA_DIR "$work/consumer_pc" "$prefix" >/dev/null
  echo "pkg-config build: ok"
fi
