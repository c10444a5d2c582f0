#!/bin/sh
# Installs the already-built pappus of BUILD_DIR into a temporary prefix and
# imports the Python package from there (PYTHONPATH=PREFIX/SITE_DIR): it
# must read the data files installed with it and solve a problem.
# Usage: install_test.sh BUILD_DIR PYTHON SITE_DIR
set -eu
build=$1 python=$2 site=$3
work=$(mktemp -d "${TMPDIR:-/tmp}/pappus-python.XXXXXX")
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix

cmake --install "$build" --prefix "$prefix" >/dev/null
cd "$work"
env -u PAPPUS_DATA_DIR PYTHONPATH="$prefix/$site" "$python" - "$prefix" <<'PY'
import os, sys
import pappus
prefix = os.path.realpath(sys.argv[1])
assert os.path.realpath(pappus.__file__).startswith(prefix), pappus.__file__
library = pappus.Library()
assert os.path.realpath(library.data_dir) == os.path.join(prefix, "share", "pappus"), library.data_dir
problem = library.parse("a b c = triangle a b c; m = midpoint m a b; n = midpoint n a c ? para m n b c")
result = pappus.Solver(library).solve(problem)
assert result.proved and result.proof.checked, result
print("installed package: ok,", library.data_dir)
PY
for f in __init__.py __init__.pyi py.typed; do
  test -f "$prefix/$site/pappus/$f" || { echo "missing: $site/pappus/$f" >&2; exit 1; }
done
