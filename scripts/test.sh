#!/usr/bin/env bash
# One command: install what is missing, build everything, run the whole test
# suite, check the test floor and the pt-BR translation.
set -euo pipefail
cd "$(dirname "$0")/.."
export MOBILIZA_PRESET="${MOBILIZA_PRESET:-$([ "${CI:-}" = true ] && echo ci || echo default)}"
bash scripts/setup.sh
export QT_QPA_PLATFORM=offscreen

echo "==> Checking the pt-BR translation"
bash scripts/check_translations.sh

BUILD_DIR=build
floor=$(grep -Eo '^[0-9]+' tests/test_floor.txt | head -1)
registered=$(ctest --test-dir "$BUILD_DIR" -N | sed -n 's/^Total Tests: \([0-9]*\)/\1/p')
echo "==> $registered tests registered (floor: $floor)"
if [ -z "$registered" ] || [ "$registered" -lt "$floor" ]; then
  echo "error: ctest registered ${registered:-0} tests, fewer than the floor of $floor in tests/test_floor.txt." >&2
  echo "       A test binary that cannot start registers zero tests silently; run it by hand to see why." >&2
  exit 1
fi

echo "==> Running tests"
ctest --test-dir "$BUILD_DIR" --output-on-failure -j "$(nproc)"
