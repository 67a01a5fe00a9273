#!/usr/bin/env bash
# Builds the libFuzzer targets (the `fuzz` preset: clang, ASan + UBSan, in
# build-fuzz/) and runs each one for a bounded time on its committed seeds
# (tests/fuzz/corpus/<target>/) with its dictionary (tests/fuzz/dict/).
#
#   scripts/fuzz.sh --short        CI: every target ~25 s (whole script ≤ ~8 min with a warm build)
#   scripts/fuzz.sh --seconds N    every target N seconds (a long run by hand)
#   scripts/fuzz.sh [--seconds N] TARGET…   only those targets
#
# Exit status: non-zero when any target crashes, leaks, times out, runs out of
# memory or does not run; the input that did it is left in build-fuzz/artifacts/
# (add it to tests/fuzz/corpus/<target>/ together with the fix). Prints the
# executions per target and the total. New inputs found during a run go to
# build-fuzz/corpus/<target>/, never into the repository.
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_PER_TARGET=60
TARGETS=()
while (($#)); do
  case "$1" in
    --short) SECONDS_PER_TARGET=25 ;;
    --seconds) SECONDS_PER_TARGET="${2:?--seconds needs a number}"; shift ;;
    --seconds=*) SECONDS_PER_TARGET="${1#--seconds=}" ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    -*) echo "unknown option: $1" >&2; exit 2 ;;
    *) TARGETS+=("$1") ;;
  esac
  shift
done
ALL_TARGETS=(fuzz_image_inspect fuzz_manifest_codec fuzz_protocol fuzz_program_loader fuzz_package_reader
             fuzz_hub_dispatch)
((${#TARGETS[@]})) || TARGETS=("${ALL_TARGETS[@]}")

# ---- Debian packages (only the missing ones, as scripts/setup.sh does)
PACKAGES=(
  cmake ninja-build clang clang-14 libclang-rt-14-dev llvm-14 lld ccache
  qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite qt6-httpserver-dev qt6-websockets-dev
  qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libquazip1-qt6-dev qtkeychain-qt6-dev
  qt6-charts-dev libqt6opengl6-dev qt6-svg-dev libgl-dev
)
source scripts/lib/packages.sh
install_missing "${PACKAGES[@]}"

# ---- build (only the fuzz targets and what they link)
if command -v ccache >/dev/null 2>&1; then export CMAKE_CXX_COMPILER_LAUNCHER=ccache; fi
echo "==> Configuring (preset: fuzz)"
cmake --preset fuzz >/dev/null
echo "==> Building ${TARGETS[*]}"
cmake --build build-fuzz --parallel "$(nproc)" --target "${TARGETS[@]}"

# ---- run
BUILD=build-fuzz
mkdir -p "$BUILD/artifacts" "$BUILD/logs"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
export QT_QPA_PLATFORM=offscreen
export QT_LOGGING_RULES="*.debug=false;*.warning=false"   # Qt's warnings on broken images, not ours

declare -A MAX_LEN=([fuzz_package_reader]=262144 [fuzz_manifest_codec]=65536 [fuzz_program_loader]=65536
                    [fuzz_image_inspect]=65536 [fuzz_protocol]=16384 [fuzz_hub_dispatch]=65536)
declare -A DICT=([fuzz_image_inspect]=fuzz_image_inspect [fuzz_manifest_codec]=fuzz_json
                 [fuzz_protocol]=fuzz_json [fuzz_program_loader]=fuzz_json
                 [fuzz_package_reader]=fuzz_package_reader [fuzz_hub_dispatch]=fuzz_hub_dispatch)

failed=()
total=0
declare -A EXECS=()
for t in "${TARGETS[@]}"; do
  seeds="tests/fuzz/corpus/$t"
  work="$BUILD/corpus/$t"
  mkdir -p "$work"
  log="$BUILD/logs/$t.log"
  echo "==> $t: ${SECONDS_PER_TARGET}s"
  set +e
  "$BUILD/tests/fuzz/$t" "$work" "$seeds" \
    -max_total_time="$SECONDS_PER_TARGET" -print_final_stats=1 \
    -timeout=10 -rss_limit_mb=2048 -max_len="${MAX_LEN[$t]:-65536}" \
    -dict="tests/fuzz/dict/${DICT[$t]}.dict" \
    -artifact_prefix="$BUILD/artifacts/$t-" >"$log" 2>&1
  rc=$?
  set -e
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  execs=${execs:-0}
  EXECS[$t]=$execs
  total=$((total + execs))
  if [ "$rc" -ne 0 ] || [ "$execs" -eq 0 ]; then
    failed+=("$t")
    echo "    FAILED (exit $rc) — last lines of $log:"
    grep -E "ERROR|SUMMARY|Test unit written|==[0-9]+==" "$log" | head -20 | sed 's/^/    /'
    tail -5 "$log" | sed 's/^/    /'
  fi
  printf '    %s executions\n' "$execs"
done

echo
echo "==> Executions per target (${SECONDS_PER_TARGET}s each)"
for t in "${TARGETS[@]}"; do printf '    %-22s %12s\n' "$t" "${EXECS[$t]}"; done
printf '    %-22s %12s\n' "total" "$total"
if ((${#failed[@]})); then
  echo "FAILED: ${failed[*]} (inputs in $BUILD/artifacts/, logs in $BUILD/logs/)" >&2
  exit 1
fi
echo "OK: no crash, leak or timeout"
