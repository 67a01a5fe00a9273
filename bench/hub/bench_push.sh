#!/usr/bin/env bash
# A year's backlog pushed by the real client (`mobiliza --sync`) to the real hub over
# loopback, side by side with what bounds it (a benchmark: run by hand, never by ctest).
#
#   bash bench/hub/bench_push.sh [BUILD_DIR]        (default: build)
#
# The installation has the demonstration's 12 concluded months (about 560 small photos:
# the push is bound by requests, not bytes). Printed:
#   push        wall and CPU time of `mobiliza --sync`, requests, answers 429
#   pace floor  the time the hub's announced limit allows for those requests
#               (the client's pace: half the burst at once, then 90 % of the rate)
#   nginx+curl  the same photos PUT one after the other on one keep-alive connection
#               to nginx's DAV module, storing them to disk (what the machine allows
#               for this many requests without any limit)
# Issue 13 measured 12.7 s of wall time for 0.58 s of CPU before the hub acknowledged
# request headers at once (TCP_QUICKACK; sync/hub/hub_server.cpp).
set -euo pipefail
BUILD=${1:-build}
APP=$BUILD/app/mobiliza
HUB=$BUILD/sync/hub/mobiliza-hub
[ -x "$APP" ] && [ -x "$HUB" ] || { echo "build first: $APP and $HUB" >&2; exit 2; }
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
W=$(mktemp -d /tmp/mobiliza-bench-push.XXXXXX)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$W"; }
trap cleanup EXIT
export QT_QPA_PLATFORM=offscreen MOBILIZA_LANG=en

"$HUB" serve --data "$W/hub" --listen 127.0.0.1:0 >"$W/hub.out" 2>"$W/hub.err" &
PIDS+=($!)
for _ in $(seq 1 100); do grep -q '^listening on ' "$W/hub.out" && break; sleep 0.1; done
PORT=$(sed -n 's/^listening on .*:\([0-9]*\)$/\1/p' "$W/hub.out")
CODE=$("$HUB" enroll --data "$W/hub" --municipality 3106200 --label bench | tail -n 1)
"$APP" --data-dir "$W/p" --municipality 3106200 --demo-data --status >/dev/null 2>&1
"$APP" --data-dir "$W/p" --hub "http://127.0.0.1:$PORT" --enroll "$CODE" >/dev/null 2>&1

/usr/bin/time -f '%e %U %S' -o "$W/time" "$APP" --lang en --data-dir "$W/p" --sync >"$W/sync.out" 2>&1 ||
  { cat "$W/sync.out"; echo "the push did not complete" >&2; exit 1; }
read -r wall user sys <"$W/time"
requests=$(grep -c . "$W/hub/access.log")
refused=$(grep -c '"status":429' "$W/hub/access.log" || true)
photos=$(grep -c '"method":"PUT","ms":[0-9]*,"out":[0-9]*,"path":"/api/v1/blobs/' "$W/hub/access.log" || true)
floor=$(python3 -c "print(round(max(0, $requests - 100) / 45, 2))")

# ---- the baseline: nginx storing the same photo bodies, curl over one connection
mkdir -p "$W/ng/logs" "$W/ng/tmp" "$W/ng/store"
NPORT=$((20000 + RANDOM % 30000))
cat >"$W/ng/nginx.conf" <<EOF
$([ "$(id -u)" -eq 0 ] && echo "user root root;")
worker_processes 1;
daemon off;
pid $W/ng/nginx.pid;
error_log $W/ng/logs/error.log warn;
events { worker_connections 64; }
http {
    access_log off;
    client_body_temp_path $W/ng/tmp;
    proxy_temp_path $W/ng/tmp; fastcgi_temp_path $W/ng/tmp; uwsgi_temp_path $W/ng/tmp; scgi_temp_path $W/ng/tmp;
    server {
        listen 127.0.0.1:$NPORT;
        client_max_body_size 9m;
        location / { root $W/ng/store; dav_methods PUT; create_full_put_path on; }
    }
}
EOF
"$NGINX" -p "$W/ng" -c "$W/ng/nginx.conf" 2>"$W/ng/stderr" &
PIDS+=($!)
for _ in $(seq 1 50); do (exec 3<>"/dev/tcp/127.0.0.1/$NPORT") 2>/dev/null && break; sleep 0.1; done
: >"$W/curl.cfg"
n=0
for f in "$W"/hub/blobs/??/*; do
  [ -f "$f" ] || continue
  printf 'upload-file = "%s"\nurl = "http://127.0.0.1:%s/%s"\noutput = "/dev/null"\n' "$f" "$NPORT" "$(basename "$f")" >>"$W/curl.cfg"
  n=$((n + 1))
done
start=$(date +%s.%N)
curl -sS --config "$W/curl.cfg"
curl_s=$(python3 -c "import sys; print(round(float(sys.argv[1]) - float(sys.argv[2]), 2))" "$(date +%s.%N)" "$start")

printf '%-12s %8s %8s %9s %5s  %s\n' "" "wall s" "CPU s" "requests" "429" "notes"
printf '%-12s %8s %8s %9s %5s  %s\n' "push" "$wall" "$(python3 -c "print(round($user + $sys, 2))")" "$requests" "$refused" \
  "mobiliza --sync, 12 months, $photos photo PUTs (issue 13 before: 12.7 s wall, 0.58 s CPU)"
printf '%-12s %8s %8s %9s %5s  %s\n' "pace floor" "$floor" "-" "$requests" "-" "(requests - 100) / 45 a second: the hub's announced limit"
printf '%-12s %8s %8s %9s %5s  %s\n' "nginx+curl" "$curl_s" "-" "$n" "-" "the same photos, PUT to nginx's DAV on one connection"
python3 -c "print(f'push / pace floor: {$wall / max($floor, 0.01):.2f}x   push / nginx+curl: {$wall / max($curl_s, 0.01):.1f}x (the difference is the hub limit)')"
