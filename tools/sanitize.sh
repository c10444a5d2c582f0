#!/usr/bin/env bash
# Builds pappus with AddressSanitizer and UndefinedBehaviorSanitizer in
# build-asan/ and runs its test suite there: everything but the sanitize.*
# and fuzz.* tests, which would run this script again, and the integration
# tests that drive other programs (api.consumer builds a separate project
# against the installed library, which would need the sanitizer runtime too;
# slurm.generate runs a cluster): the plain build runs those.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

cxx=${CXX:-c++}
probe=$(mktemp -d)
trap 'rm -rf "$probe"' EXIT
printf 'int main() { return 0; }\n' >"$probe/p.cpp"
if ! "$cxx" -fsanitize=address,undefined "$probe/p.cpp" -o "$probe/p" 2>/dev/null || ! "$probe/p"; then
  echo "skipped: $cxx cannot build and run with -fsanitize=address,undefined"
  exit 0
fi

build=build-asan
# Start over when the cache was made for another configuration.
if [[ -f $build/CMakeCache.txt ]] && ! grep -q '^PAPPUS_SANITIZE:BOOL=ON' "$build/CMakeCache.txt"; then
  rm -rf "$build"
fi
# -O1 with line tables only: half the compile time of -O2 -g, still readable
# stack traces; no NDEBUG, so assertions are checked too.
# Without libtorch: the neural plugin (a module that carries its own copy of
# the core library and loads libtorch) stays out of the sanitizer build; the
# core's side of the plugin seam (a missing or foreign plugin) is tested here.
cmake -S . -B "$build" -G Ninja -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" -DPAPPUS_SANITIZE=ON -DPAPPUS_FUZZ=OFF -DPAPPUS_BUILD_TESTS=ON \
  -DCMAKE_DISABLE_FIND_PACKAGE_Torch=ON >/dev/null
cmake --build "$build" -j"$(nproc)"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:strict_string_checks=1:check_initialization_order=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
ctest --test-dir "$build" --output-on-failure -LE slow -E '^api\.consumer$'
