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
FAILED_CHECKS=()

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
    FAILED_CHECKS+=("$what")
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
    FAILED_CHECKS+=("$1: expected [$2], got [$3]")
  fi
}

# fatal "message": stops the test now (cleanups still run).
fatal() {
  printf 'FAIL %s\n' "$*"
  exit 1
}

finish() {
  local passed=$((CHECKS - FAILURES))
  # The failed checks again, last: a log cut in the middle (CI keeps its head
  # and its tail) still says which ones failed after any diagnostic dump.
  local failed
  for failed in "${FAILED_CHECKS[@]}"; do
    printf 'FAILED: %s\n' "$failed"
  done
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
# fails to bind it is retried by the caller), below the kernel's range for outgoing
# connections: a port there can be held by a client socket — in TIME_WAIT for a
# minute after a benchmark's thousands of connections — that no listener may share,
# although nothing answers on it (seen: nginx refused five such ports in a row).
random_free_port() {
  local port low=32768 span
  read -r low _ </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || true
  span=$((low - 10000))
  [ "$span" -ge 2000 ] || span=0
  while :; do
    if [ "$span" -gt 0 ]; then
      port=$((10000 + (RANDOM * 32768 + RANDOM) % span))
    else
      port=$((20000 + RANDOM % 40000))
    fi
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

# ---------------------------------------------------------------- bad luck
# integrity_of DB_FILE: prints "ok" when PRAGMA integrity_check and
# foreign_key_check find nothing, else the findings (python3's sqlite3: the
# sqlite3 shell is not a dependency).
integrity_of() {
  python3 - "$1" <<'PY'
import sqlite3, sys
try:
    c = sqlite3.connect(sys.argv[1])
    rows = [r[0] for r in c.execute("PRAGMA integrity_check")]
    fk = c.execute("PRAGMA foreign_key_check").fetchall()
    print("ok" if rows == ["ok"] and not fk else "; ".join(map(str, rows + fk)))
except Exception as e:
    print("error: %s" % e)
PY
}

# sql_value DB_FILE SQL: the first column of the first row.
sql_value() {
  python3 - "$1" "$2" <<'PY'
import sqlite3, sys
row = sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()
print("" if row is None else row[0])
PY
}

# blobs_bad DIR: prints every file under DIR/xx/ whose SHA-256 is not its name
# (and every .part file), nothing when all match.
blobs_bad() {
  local f
  [ -d "$1" ] || return 0
  find "$1" -type f -name '*.part' -printf '%p (.part)\n'
  for f in "$1"/??/*; do
    [ -f "$f" ] || continue
    [ "$(sha256sum "$f" | cut -d' ' -f1)" = "$(basename "$f")" ] || echo "$f"
  done
}

# blob_count DIR: the number of blob files.
blob_count() {
  find "$1" -mindepth 2 -maxdepth 2 -type f ! -name '.*' 2>/dev/null | wc -l
}

# mount_tmpfs DIR SIZE: a small tmpfs (as root, or in the user+mount namespace
# the script re-executed itself in); unmounted at exit. A test that cannot mount
# fails, saying why: it never passes without having run.
mount_tmpfs() {
  mkdir -p "$1"
  local why
  if ! why=$(mount -t tmpfs -o "size=$2,mode=0700" tmpfs "$1" 2>&1); then
    fatal "cannot mount a $2 tmpfs on $1 ($why): run as root, or where 'unshare --user --map-root-user --mount' works"
  fi
  cleanup_add "umount -l '$1'"
}

# reexec_with_mount_rights "$@": when not root, runs this script again in a
# user and mount namespace (where mount -t tmpfs is allowed), once.
reexec_with_mount_rights() {
  if [ "$(id -u)" -ne 0 ] && [ -z "${MOBILIZA_IN_USERNS:-}" ]; then
    MOBILIZA_IN_USERNS=1 exec unshare --user --map-root-user --mount bash "$0" "$@"
  fi
}

# fill_disk MOUNT LEAVE_BYTES: a filler file that leaves about LEAVE_BYTES free.
fill_disk() {
  local avail
  rm -f "$1/filler"
  avail=$(df --output=avail -B1 "$1" | tail -n 1 | tr -d ' ')
  if [ "$avail" -gt "$2" ]; then
    fallocate -l $((avail - $2)) "$1/filler" 2>/dev/null ||
      dd if=/dev/zero of="$1/filler" bs=4096 count=$(((avail - $2) / 4096)) status=none
  fi
}

free_disk() { rm -f "$1/filler"; }

# nginx_conf PREFIX WORKERS CONNECTIONS: writes PREFIX/nginx.conf, a foreground nginx
# whose http { } block includes PREFIX/site.conf, with its pid, logs and temporary
# files under PREFIX.
nginx_conf() {
  local prefix=$1 workers=$2 connections=$3
  {
    # Workers of a root master would switch to "nobody", who cannot read the temp folder.
    [ "$(id -u)" -eq 0 ] && echo "user root root;"
    cat <<EOF
worker_processes $workers;
daemon off;
pid $prefix/nginx.pid;
error_log $prefix/logs/error.log warn;
events { worker_connections $connections; }
http {
    default_type application/octet-stream;
    client_body_temp_path $prefix/temp/body;
    proxy_temp_path $prefix/temp/proxy;
    fastcgi_temp_path $prefix/temp/fastcgi;
    uwsgi_temp_path $prefix/temp/uwsgi;
    scgi_temp_path $prefix/temp/scgi;
    access_log $prefix/logs/access.log;
    include $prefix/site.conf;
}
EOF
  } >"$prefix/nginx.conf"
}

# scaleout_site SITE PREFIX PORT HTTP_PORT RATE BURST CONNECTIONS UPSTREAM_PORT…: the shipped
# nginx site as the scale-out test and benchmark run it on loopback: plain HTTP on PORT (the
# HTTPS server) and HTTP_PORT, no TLS lines, the upstream listing the hub instances
# (least_conn), the per-address rate RATE r/s, its burst BURST and the per-address connection
# limit CONNECTIONS (every client comes from 127.0.0.1 here), logs and ACME folder under PREFIX.
# Writes PREFIX/site.conf.
scaleout_site() {
  local site=$1 prefix=$2 port=$3 http=$4 rate=$5 burst=$6 connections=$7 upstream=least_conn\; p
  shift 7
  for p in "$@"; do upstream+="\n    server 127.0.0.1:$p;"; done
  sed -e "s#listen 443 ssl http2;#listen 127.0.0.1:$port;#" \
      -e "s#listen 80;#listen 127.0.0.1:$http;#" \
      -e '/listen \[::\]:/d' \
      -e '/^[[:space:]]*ssl_/d' \
      -e '/Strict-Transport-Security/d' \
      -e "s#server 127.0.0.1:8080;#$upstream#" \
      -e "s#rate=100r/s;#rate=${rate}r/s;#" \
      -e "s#burst=400#burst=$burst#g" \
      -e "s#limit_conn mobiliza_conn 32;#limit_conn mobiliza_conn $connections;#" \
      -e "s#/var/log/nginx/#$prefix/logs/#g" \
      -e "s#/var/www/letsencrypt#$prefix/acme#g" \
      "$site" >"$prefix/site.conf"
}

# start_nginx NGINX PREFIX RENDER: starts nginx (foreground master, stopped at exit) on
# two free ports of 127.0.0.1. RENDER is a function called with the two ports that writes
# PREFIX/nginx.conf; each attempt checks it with `nginx -t` first. A port another process
# took meanwhile shows as "bind() … failed" in nginx's log: the attempt moves to other
# ports. Sets NGINX_PID, NGINX_PORT (the first port) and NGINX_PORT2.
start_nginx() {
  local nginx=$1 prefix=$2 render=$3 started=0 attempt
  for attempt in 1 2 3 4 5; do
    NGINX_PORT=$(random_free_port)
    NGINX_PORT2=$(random_free_port)
    [ "$NGINX_PORT" = "$NGINX_PORT2" ] && continue
    "$render" "$NGINX_PORT" "$NGINX_PORT2"
    "$nginx" -t -q -p "$prefix" -e "$prefix/logs/error.log" -c "$prefix/nginx.conf" 2>"$prefix/t.err" ||
      { cat "$prefix/t.err"; fatal "nginx -t refused the rendered site"; }
    : >"$prefix/logs/error.log"
    "$nginx" -p "$prefix" -e "$prefix/logs/error.log" -c "$prefix/nginx.conf" 2>>"$prefix/logs/stderr" &
    NGINX_PID=$!
    local i
    for i in $(seq 1 50); do
      grep -q 'bind() to' "$prefix/logs/error.log" 2>/dev/null && break
      if (exec 3<>"/dev/tcp/127.0.0.1/$NGINX_PORT") 2>/dev/null && ! grep -q 'bind() to' "$prefix/logs/error.log"; then
        started=1
        break
      fi
      kill -0 "$NGINX_PID" 2>/dev/null || break
      sleep 0.1
    done
    if [ "$started" = 1 ]; then
      cleanup_add "stop_pid $NGINX_PID"
      return 0
    fi
    stop_pid "$NGINX_PID"
    wait "$NGINX_PID" 2>/dev/null
  done
  cat "$prefix/logs/error.log" "$prefix/logs/stderr" 2>/dev/null
  fatal "nginx did not start"
}
