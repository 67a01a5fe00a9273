# Shared by the reliability test scripts (sourced, not run).
#
# - a temporary folder removed at exit (kept with MOBILIZA_KEEP_TEMP=1);
# - cleanup actions run at exit in reverse order, whatever happened (trap), so
#   every server a test started is stopped even when a check fails;
# - `check`/`expect_eq` that count failures and `finish` that reports them;
# - starting `mobiliza-hub serve` on 127.0.0.1 with an ephemeral port.
set -uo pipefail

WORK=$(mktemp -d "${TMPDIR:-/tmp}/mobiliza-reliability.XXXXXX")
CLEANUPS=()
FAILURES=0
CHECKS=0

cleanup_add() { CLEANUPS+=("$1"); }

run_cleanups() {
  local status=$?
  local i
  for ((i = ${#CLEANUPS[@]} - 1; i >= 0; i--)); do
    eval "${CLEANUPS[$i]}" >/dev/null 2>&1 || true
  done
  if [ "${MOBILIZA_KEEP_TEMP:-}" = 1 ]; then
    echo "kept $WORK"
  else
    rm -rf "$WORK"
  fi
  exit "$status"
}
trap run_cleanups EXIT
trap 'exit 130' INT TERM

log() { printf '==> %s\n' "$*"; }

# check "description" command…: the command must succeed.
check() {
  local what=$1
  shift
  CHECKS=$((CHECKS + 1))
  if "$@"; then
    printf 'ok   %s\n' "$what"
  else
    printf 'FAIL %s\n' "$what"
    FAILURES=$((FAILURES + 1))
  fi
}

# expect_eq "description" expected actual
expect_eq() {
  CHECKS=$((CHECKS + 1))
  if [ "$2" = "$3" ]; then
    printf 'ok   %s (%s)\n' "$1" "$3"
  else
    printf 'FAIL %s: expected [%s], got [%s]\n' "$1" "$2" "$3"
    FAILURES=$((FAILURES + 1))
  fi
}

# fatal "message": stops the test now (cleanups still run).
fatal() {
  printf 'FAIL %s\n' "$*"
  exit 1
}

finish() {
  local passed=$((CHECKS - FAILURES))
  echo "$passed passed, $FAILURES failed"
  if [ "$CHECKS" -eq 0 ]; then
    echo "FAIL no check ran: a test that checks nothing is not a pass"
    return 1
  fi
  # Counted by scripts/test.sh against tests/test_floor.txt (one line a script).
  if [ -n "${MOBILIZA_TESTS_RAN_LOG:-}" ]; then
    printf '%s\t%s\t%s\n' "$(basename "$0")" "script" "$CHECKS" >>"$MOBILIZA_TESTS_RAN_LOG"
  fi
  [ "$FAILURES" -eq 0 ]
}

# Stops a process we started: TERM, then KILL after a few seconds.
stop_pid() {
  local pid=$1
  kill -TERM "$pid" 2>/dev/null || return 0
  local i
  for i in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
}

# A port that nothing on 127.0.0.1 answers on right now (a server that then
# fails to bind it is retried by the caller).
random_free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
}

# start_hub HUB_EXE DATA_DIR [extra serve arguments…]
# Sets HUB_PID and HUB_PORT; the hub's output goes to $WORK/hub.out / hub.err.
start_hub() {
  local exe=$1 data=$2
  shift 2
  : >"$WORK/hub.out"
  MOBILIZA_LANG=en "$exe" serve --listen 127.0.0.1:0 --data "$data" "$@" \
    >"$WORK/hub.out" 2>>"$WORK/hub.err" &
  HUB_PID=$!
  cleanup_add "stop_pid $HUB_PID"
  local i
  for i in $(seq 1 150); do
    if grep -q '^listening on ' "$WORK/hub.out"; then
      HUB_PORT=$(sed -n 's/^listening on .*:\([0-9]*\)$/\1/p' "$WORK/hub.out" | head -1)
      return 0
    fi
    kill -0 "$HUB_PID" 2>/dev/null || break
    sleep 0.1
  done
  cat "$WORK/hub.err" >&2
  fatal "mobiliza-hub serve did not start"
}

# enroll_code HUB_EXE DATA_DIR IBGE [--db URL]: the one-time code (last line).
enroll_code() {
  local exe=$1 data=$2 ibge=$3
  shift 3
  MOBILIZA_LANG=en "$exe" enroll --data "$data" --municipality "$ibge" "$@" | tail -n 1
}

# json_field FILE KEY: the string value of a top-level "KEY": "…" (tokens and
# codes are base64url / Crockford: no quotes or escapes to worry about).
json_field() {
  sed -n "s/.*\"$2\":\"\\([^\"]*\\)\".*/\\1/p" "$1" | head -1
}
