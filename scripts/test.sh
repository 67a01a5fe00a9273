#!/usr/bin/env bash
# One command: install what is missing, build everything, check the pt-BR
# translation, run the whole test suite (the test cases that ran are counted
# against tests/test_floor.txt), then the same suite under AddressSanitizer +
# UndefinedBehaviorSanitizer and a short fuzzing run of every fuzz target.
#
#   scripts/test.sh            everything (what CI runs)
#   scripts/test.sh --quick    only the build and the suite (a developer's loop)
set -euo pipefail
cd "$(dirname "$0")/.."
quick=0
for arg in "$@"; do
  case "$arg" in
    --quick) quick=1 ;;
    *) echo "usage: scripts/test.sh [--quick]" >&2; exit 2 ;;
  esac
done
export MOBILIZA_PRESET="${MOBILIZA_PRESET:-$([ "${CI:-}" = true ] && echo ci || echo default)}"
bash scripts/setup.sh
export QT_QPA_PLATFORM=offscreen

echo "==> Checking the pt-BR translation"
bash scripts/check_translations.sh

floor=$(grep -Eo '^[0-9]+' tests/test_floor.txt | head -1)

# run_suite BUILD_DIR LABEL: runs ctest there and checks what ran against the floor.
run_suite() {
  local build_dir=$1 label=$2
  local registered
  registered=$(ctest --test-dir "$build_dir" -N | sed -n 's/^Total Tests: \([0-9]*\)/\1/p')
  echo "==> [$label] $registered tests registered"
  if [ -z "$registered" ] || [ "$registered" -lt "$floor" ]; then
    echo "error: ctest registered ${registered:-0} tests in $build_dir, fewer than the floor of $floor in tests/test_floor.txt." >&2
    echo "       A test binary that cannot start registers zero tests silently; run it by hand to see why." >&2
    exit 1
  fi
  # Every Catch2 test case that runs, and every test script that finishes with
  # at least one check, appends a line here (tests/support/test_main.cpp,
  # tests/reliability/lib.sh). The floor counts what ran, not what is
  # registered; an entry whose filter matches nothing fails by itself.
  local ran_log="$PWD/$build_dir/tests-ran.log"
  rm -f "$ran_log"
  echo "==> [$label] Running tests"
  MOBILIZA_TESTS_RAN_LOG="$ran_log" ctest --test-dir "$build_dir" --output-on-failure -j "$(nproc)"
  # Every test executable of the build ran test cases (one that crashed while
  # being listed at build time registered none, and ctest would not notice).
  local exe lost=()
  while read -r exe; do
    [ -n "$exe" ] || continue
    grep -q "^$exe	" "$ran_log" 2>/dev/null || lost+=("$exe")
  done <"$build_dir/tests/test_executables.txt"
  if ((${#lost[@]})); then
    echo "error: these test executables ran no test case: ${lost[*]}" >&2
    echo "       Run one by hand (e.g. $build_dir/tests/.../${lost[0]} --list-test-names-only) to see why." >&2
    exit 1
  fi
  local ran
  ran=$( (cut -f1,2 "$ran_log" 2>/dev/null || true) | sort -u | wc -l)
  echo "==> [$label] $ran test cases ran (floor: $floor)"
  if [ "$ran" -lt "$floor" ]; then
    echo "error: only $ran test cases ran, fewer than the floor of $floor in tests/test_floor.txt." >&2
    echo "       Tests were lost: a binary that lists nothing, a script that checks nothing, or a removed test." >&2
    exit 1
  fi
}

run_suite build suite
[ "$quick" = 1 ] && exit 0

echo "==> Building the suite under ASan + UBSan (preset asan)"
cmake --preset asan >/dev/null
cmake --build --preset asan
# Leak detection is off: Qt's plugin loader and fontconfig keep allocations
# for the life of the process. Every other report aborts the test.
export ASAN_OPTIONS="detect_leaks=0:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
run_suite build-asan "asan+ubsan"
unset ASAN_OPTIONS UBSAN_OPTIONS

echo "==> Fuzzing every target briefly (scripts/fuzz.sh --short)"
bash scripts/fuzz.sh --short
