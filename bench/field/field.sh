#!/usr/bin/env bash
# The field harness (issue 13): a municipality's month over a bad link, side by side
# with curl uploading the same photos to nginx over the same link.
#
#   bash bench/field/field.sh [--quick] [--build DIR] [--scenarios "clean cut silent flap"]
#        [--photos N] [--rate RATE] [--cut-after S] [--silent-after S]
#        [--flap-for S] [--flap-up S] [--flap-down S] [--idle-timeout S] [--no-baseline]
#
# Needs root (CI is root): two network namespaces joined by a veth pair, the link
# shaped both ways with `tc qdisc … tbf rate 1mbit` (netem is not in every kernel;
# tbf is). The hub (`mobiliza-hub serve`) runs in one namespace; in the other run
# bench/field/cut_proxy.py on 127.0.0.1 (the client talks plain HTTP to loopback
# only) and bench_field_client, which makes a month of N camera photos, concludes
# it in the real window with a click on "Concluir" and then touches nothing: the
# SyncController does the rest by itself. Scenarios:
#   clean   the shaped link, nothing else
#   cut     the proxy cuts every connection (a reset both ways) S s after it opened
#   silent  every connection stops carrying bytes S s after it opened, and stays open
#   flap    the link itself goes down and up (ip link) for a while, from the click on
# For each: seconds from the click to the hub's receipt, passes, failed passes,
# resumes after a cut, bytes the client sent (TCP payload at the proxy; IP bytes at
# the veth) against the payload (manifest and photos); the hub holds the revision
# once and every photo once, intact. The baseline: the same photos, PUT by one curl
# over one connection to nginx's DAV module through the same proxy and link, with
# retries (--retry-all-errors, 2 s apart, the same time-out without progress).
# Exit 0 only when every check passed; the namespaces are removed at exit.
#
# Defaults: 20 photos, 1mbit, cut/silent after 30 s, flapping 600 s (up 15 s, down
# 45 s), the app's own time-out without progress (60 s). --quick (the bounded form
# ctest runs: tests/reliability/CMakeLists.txt): 6 photos, cut/silent after 4 s, an
# idle time-out of 6 s, flapping 60 s (up 6 s, down 10 s).
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BUILD=$ROOT/build
SCENARIOS="clean cut silent flap"
PHOTOS=20 RATE=1mbit CUT=30 SILENT=30 FLAP_FOR=600 FLAP_UP=15 FLAP_DOWN=45 IDLE=0 BASELINE=1 QUICK=0
while [ $# -gt 0 ]; do
  case $1 in
    --quick) QUICK=1 PHOTOS=6 CUT=4 SILENT=4 IDLE=6 FLAP_FOR=60 FLAP_UP=6 FLAP_DOWN=10 ;;
    --build) BUILD=$2; shift ;;
    --scenarios) SCENARIOS=$2; shift ;;
    --photos) PHOTOS=$2; shift ;;
    --rate) RATE=$2; shift ;;
    --cut-after) CUT=$2; shift ;;
    --silent-after) SILENT=$2; shift ;;
    --flap-for) FLAP_FOR=$2; shift ;;
    --flap-up) FLAP_UP=$2; shift ;;
    --flap-down) FLAP_DOWN=$2; shift ;;
    --idle-timeout) IDLE=$2; shift ;;
    --no-baseline) BASELINE=0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
  shift
done
HUB=$BUILD/sync/hub/mobiliza-hub
CLIENT=$BUILD/bench/field/bench_field_client
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
if [ "$(id -u)" -ne 0 ]; then
  echo "SKIP the field harness needs root (network namespaces, tc): run it as root, as CI does"
  exit 77
fi
for x in "$HUB" "$CLIENT"; do [ -x "$x" ] || { echo "build first: $x" >&2; exit 2; }; done
for tool in ip tc python3 curl; do command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 2; }; done
[ "$BASELINE" = 0 ] || [ -x "$NGINX" ] || { echo "missing: nginx (or --no-baseline)" >&2; exit 2; }

# shellcheck source=../../tests/reliability/lib.sh
. "$ROOT/tests/reliability/lib.sh"

# ---- the two hosts and their link
TAG=mbzf$(($$ % 100000))
NS_HUB=${TAG}h NS_CLI=${TAG}c VETH_HUB=${TAG}h VETH_CLI=${TAG}c
NET=10.$((200 + $$ % 50)).$((($$ / 50) % 250))
HUB_IP=$NET.1 CLI_IP=$NET.2
teardown() {
  ip netns pids "$NS_CLI" 2>/dev/null | xargs -r kill -KILL
  ip netns pids "$NS_HUB" 2>/dev/null | xargs -r kill -KILL
  ip netns del "$NS_CLI" 2>/dev/null
  ip netns del "$NS_HUB" 2>/dev/null
  ip link del "$VETH_HUB" 2>/dev/null
  true
}
cleanup_add teardown
ip netns add "$NS_HUB" && ip netns add "$NS_CLI" ||
  { echo "SKIP cannot make network namespaces here (ip netns add refused)"; exit 77; }
ip link add "$VETH_HUB" type veth peer name "$VETH_CLI" || fatal "cannot make a veth pair"
ip link set "$VETH_HUB" netns "$NS_HUB" && ip link set "$VETH_CLI" netns "$NS_CLI" || fatal "cannot move the veth ends"
ip -n "$NS_HUB" addr add "$HUB_IP/30" dev "$VETH_HUB"
ip -n "$NS_CLI" addr add "$CLI_IP/30" dev "$VETH_CLI"
for ns in "$NS_HUB" "$NS_CLI"; do ip -n "$ns" link set lo up; done
ip -n "$NS_HUB" link set "$VETH_HUB" up && ip -n "$NS_CLI" link set "$VETH_CLI" up || fatal "cannot bring the link up"
# 1 Mbit/s each way; a 400 ms queue at most (tbf drops beyond it, as a saturated radio link does).
for side in "$NS_HUB $VETH_HUB" "$NS_CLI $VETH_CLI"; do
  set -- $side
  tc -n "$1" qdisc add dev "$2" root tbf rate "$RATE" burst 32kbit latency 400ms ||
    fatal "tc refused the tbf shaper on $2"
done
log "link: $NS_CLI ($CLI_IP) ⇄ $NS_HUB ($HUB_IP), tbf $RATE each way"

sent_ip_bytes() { # bytes the client's end of the link sent (IP packets, as tbf counts them)
  tc -n "$NS_CLI" -s qdisc show dev "$VETH_CLI" | sed -n 's/^ *Sent \([0-9]*\) bytes.*/\1/p' | head -1
}
wait_line() { # FILE PATTERN TIMEOUT_S: until the line is there (the process writes it once)
  local i
  for i in $(seq 1 $(($3 * 10))); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done
  return 1
}
start_proxy() { # NAME PORT TARGET_PORT MODE → PROXY_PID
  local args=()
  case $4 in
    cut) args=(--cut-after "$CUT") ;;
    silent) args=(--silent-after "$SILENT") ;;
  esac
  ip netns exec "$NS_CLI" python3 "$HERE/cut_proxy.py" 127.0.0.1 "$2" "$HUB_IP" "$3" "${args[@]}" \
    --stats "$WORK/$1.proxy.json" >"$WORK/$1.proxy.out" 2>&1 &
  PROXY_PID=$!
  wait_line "$WORK/$1.proxy.out" '^listening on' 10 || fatal "the proxy did not start ($1)"
}
proxy_field() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"; }
start_flapping() { # MODE: down FLAP_DOWN s, up FLAP_UP s, … for FLAP_FOR s, then up for good
  [ "$1" = flap ] || { FLAP_PID=; return; }
  (
    end=$(($(date +%s) + FLAP_FOR))
    while [ "$(date +%s)" -lt "$end" ]; do
      sleep "$FLAP_UP"
      ip -n "$NS_CLI" link set "$VETH_CLI" down
      echo down >>"$WORK/flaps"
      sleep "$FLAP_DOWN"
      ip -n "$NS_CLI" link set "$VETH_CLI" up
    done
  ) &
  FLAP_PID=$!
}
stop_flapping() {
  [ -n "${FLAP_PID:-}" ] && { kill "$FLAP_PID" 2>/dev/null; wait "$FLAP_PID" 2>/dev/null; }
  ip -n "$NS_CLI" link set "$VETH_CLI" up
  FLAP_PID=
}

# ---- one scenario: the product, then the baseline
mkdir -p "$WORK/xdg" && chmod 700 "$WORK/xdg"
declare -A R_WASTE R_SECONDS R_BASE R_UP R_IP R_PASSES R_FAILED R_RESUMED R_PAYLOAD R_BASE_OK
run_scenario() {
  local name=$1 d=$WORK/$1
  mkdir -p "$d"
  log "scenario $name"
  ip netns exec "$NS_HUB" "$HUB" serve --data "$d/hub" --listen "$HUB_IP:8080" >"$d/hub.out" 2>"$d/hub.err" &
  local hub_pid=$!
  wait_line "$d/hub.out" '^listening on' 20 || { cat "$d/hub.err"; fatal "the hub did not start ($name)"; }
  local code
  code=$("$HUB" enroll --data "$d/hub" --municipality 3106200 --label "campo $name" | tail -n 1)
  start_proxy "$name" 8081 8080 "$name"
  local proxy_pid=$PROXY_PID ip_before
  ip_before=$(sent_ip_bytes)
  : >"$WORK/flaps"
  local idle=()
  [ "$IDLE" -gt 0 ] && idle=(--idle-timeout "$IDLE")
  ip netns exec "$NS_CLI" env QT_QPA_PLATFORM=offscreen QT_LOGGING_RULES='*.debug=false;mobiliza.*.info=false' \
    XDG_RUNTIME_DIR="$WORK/xdg" "$CLIENT" --data-dir "$d/profile" --hub "http://127.0.0.1:8081" --code "$code" \
    --photos "$PHOTOS" --actions $(((PHOTOS + 4) / 5)) --photo-dir "$WORK/camera" "${idle[@]}" \
    --timeout $((FLAP_FOR + 900)) >"$d/client.out" 2>"$d/client.err" &
  local client_pid=$!
  wait_line "$d/client.out" '^concluded:' 300 && start_flapping "$name"
  wait "$client_pid"
  local rc=$?
  stop_flapping
  stop_pid "$proxy_pid"; wait "$proxy_pid" 2>/dev/null
  local ip_after
  ip_after=$(sent_ip_bytes)
  stop_pid "$hub_pid"; wait "$hub_pid" 2>/dev/null
  grep -v '^RESULT' "$d/client.out" | sed 's/^/   /'
  local result
  result=$(grep '^RESULT ' "$d/client.out" | tail -n 1)
  local received seconds passes failed resumed payload
  for kv in $result; do
    case $kv in
      received=*) received=${kv#*=} ;; seconds=*) seconds=${kv#*=} ;; passes=*) passes=${kv#*=} ;;
      failed_passes=*) failed=${kv#*=} ;; resumed=*) resumed=${kv#*=} ;; payload_bytes=*) payload=${kv#*=} ;;
    esac
  done
  expect_eq "$name: the client's exit status (0: the hub's receipt came)" 0 "$rc"
  expect_eq "$name: the receipt came with nobody touching anything" 1 "${received:-0}"
  expect_eq "$name: the hub holds the revision once" 1 "$(sql_value "$d/hub/hub.sqlite" "SELECT count(*) FROM revisions")"
  expect_eq "$name: one 'received' event in the status feed" 1 \
    "$(sql_value "$d/hub/hub.sqlite" "SELECT count(*) FROM status_events WHERE state = 'received'")"
  expect_eq "$name: every photo once at the hub" "$PHOTOS" "$(blob_count "$d/hub/blobs")"
  expect_eq "$name: every photo at the hub intact (SHA-256 = its name)" "" "$(blobs_bad "$d/hub/blobs")"
  local up
  up=$(proxy_field "$WORK/$name.proxy.json" up)
  R_SECONDS[$name]=${seconds:--} R_PASSES[$name]=${passes:--} R_FAILED[$name]=${failed:--}
  R_RESUMED[$name]=${resumed:--} R_PAYLOAD[$name]=${payload:-0} R_UP[$name]=$up R_IP[$name]=$((ip_after - ip_before))
  # A month that fits in one connection's first S seconds meets no cut: said, not failed.
  local cuts silenced
  cuts=$(proxy_field "$WORK/$name.proxy.json" cut) silenced=$(proxy_field "$WORK/$name.proxy.json" silenced)

  if [ "$name" = cut ] && python3 -c "import sys; sys.exit(0 if float('${seconds:-0}') > $CUT + 3 else 1)"; then
    check "cut: the proxy did cut connections ($cuts)" [ "$cuts" -gt 0 ]
  fi
  if [ "$name" = silent ] && python3 -c "import sys; sys.exit(0 if float('${seconds:-0}') > $SILENT + 3 else 1)"; then
    check "silent: the proxy did silence connections ($silenced)" [ "$silenced" -gt 0 ]
  fi
  # Sent again after a cut, a silence or the link going down: at most the photo in flight
  # each time (the product has no partial uploads), beyond 1.05 × the payload.
  if [ -n "${payload:-}" ] && [ "$payload" -gt 0 ]; then
    local events largest
    events=$(($(proxy_field "$WORK/$name.proxy.json" cut) + $(proxy_field "$WORK/$name.proxy.json" silenced)))
    [ "$name" = flap ] && events=$((events + $(wc -l <"$WORK/flaps")))
    largest=$(find "$d/profile/blobs" -type f -printf '%s\n' | sort -n | tail -n 1)
    R_WASTE[$name]=$events
    check "$name: bytes sent ($up) ≤ 1.05 × the payload ($payload) + the largest photo ($largest) × $events interruption(s)" \
      [ "$up" -le $((payload * 105 / 100 + events * largest)) ]
  fi

  R_BASE[$name]=- R_BASE_OK[$name]=-
  [ "$BASELINE" = 1 ] || return 0
  # ---- the baseline: the same photo files, curl → nginx (DAV PUT), same proxy and link
  local ng=$d/nginx
  mkdir -p "$ng/logs" "$ng/temp" "$ng/store"
  nginx_conf "$ng" 1 64
  cat >"$ng/site.conf" <<EOF
server {
    listen $HUB_IP:8090;
    client_max_body_size 20m;
    location / { root $ng/store; dav_methods PUT; create_full_put_path on; }
}
EOF
  ip netns exec "$NS_HUB" "$NGINX" -p "$ng" -e "$ng/logs/error.log" -c "$ng/nginx.conf" 2>"$ng/stderr" &
  local nginx_pid=$!
  local i
  for i in $(seq 1 50); do
    ip netns exec "$NS_HUB" bash -c "exec 3<>/dev/tcp/$HUB_IP/8090" 2>/dev/null && break
    sleep 0.1
  done
  start_proxy "$name-baseline" 8091 8090 "$name"
  local baseline_proxy=$PROXY_PID
  : >"$d/curl.cfg"
  local f n=0
  for f in "$d"/profile/blobs/??/*; do
    [ -f "$f" ] || continue
    printf 'upload-file = "%s"\nurl = "http://127.0.0.1:8091/%s"\noutput = "/dev/null"\n' "$f" "$(basename "$f")" >>"$d/curl.cfg"
    n=$((n + 1))
  done
  local speed_time=${IDLE}
  [ "$speed_time" -gt 0 ] || speed_time=60
  local start
  start=$(date +%s.%N)
  start_flapping "$name"
  ip netns exec "$NS_CLI" curl -sS --retry 1000 --retry-all-errors --retry-delay 2 --retry-max-time 0 \
    --connect-timeout 30 --speed-limit 1 --speed-time "$speed_time" --config "$d/curl.cfg" 2>"$d/curl.err"
  local curl_rc=$?
  R_BASE[$name]=$(python3 -c "import sys; print(round(float(sys.argv[1]) - float(sys.argv[2]), 1))" "$(date +%s.%N)" "$start")
  stop_flapping
  stop_pid "$baseline_proxy"; wait "$baseline_proxy" 2>/dev/null
  stop_pid "$nginx_pid"; wait "$nginx_pid" 2>/dev/null
  local stored
  stored=$(find "$ng/store" -type f | wc -l)
  R_BASE_OK[$name]="curl $curl_rc, $stored/$n"
}

for s in $SCENARIOS; do
  case $s in clean | cut | silent | flap) run_scenario "$s" ;; *) fatal "unknown scenario: $s" ;; esac
done
teardown
check "no namespace of this run is left" [ -z "$(ip netns list | grep "^$TAG")" ]

# ---- the figures
echo
echo "field harness: $PHOTOS camera photos, link $RATE each way; cut after ${CUT} s, silent after ${SILENT} s," \
  "flapping ${FLAP_FOR} s (up ${FLAP_UP} s, down ${FLAP_DOWN} s); time-out without progress: $([ "$IDLE" -gt 0 ] && echo "$IDLE s" || echo "the app's (60 s)")"
printf '%-8s %10s %10s %7s %10s %9s %9s %7s %7s %8s %8s  %s\n' scenario "mobiliza s" "curl s" ratio "payload MB" "sent/pay" "IP/pay" "interr." passes failed resumed "baseline (exit, files)"
for s in $SCENARIOS; do
  payload=${R_PAYLOAD[$s]:-0}
  python3 - "$s" "${R_SECONDS[$s]}" "${R_BASE[$s]}" "$payload" "${R_UP[$s]}" "${R_IP[$s]}" "${R_PASSES[$s]}" \
    "${R_FAILED[$s]}" "${R_RESUMED[$s]}" "${R_BASE_OK[$s]}" "${R_WASTE[$s]:-0}" <<'PY'
import sys
s, secs, base, payload, up, ip, passes, failed, resumed, ok, cuts = sys.argv[1:]
def num(x):
    try: return float(x)
    except ValueError: return None
p = max(1, int(payload))
ratio = f"{num(secs) / num(base):.2f}x" if num(secs) and num(base) else "-"
print(f"{s:<8} {secs:>10} {base:>10} {ratio:>7} {p / 1e6:>10.2f} {int(up) / p:>9.3f} {int(ip) / p:>9.3f} "
      f"{cuts:>7} {passes:>7} {failed:>8} {resumed:>8}  {ok}")
PY
done
echo "goal (issue 13): under 60 s after the click on a cutting link; bytes sent ≤ 1.05 × the payload; no duplicates"
finish
