#!/usr/bin/env bash
# The state-wide deployment (docs/deployment.md §8) with the real programs:
# one PostgreSQL, two stateless `mobiliza-hub serve` instances on it sharing one
# data folder (the blobs), nginx in front with the shipped site (its upstream
# listing both, least_conn), and N municipalities' installations, each with the
# demonstration's 12 concluded months, pushing at the same moment
# (`mobiliza --sync`). Meanwhile the central level pulls the revisions feed
# (GET /revisions?since=cursor) again and again, as its installation does.
#
# Checks: every pass exits 0; both instances stored photos; the hub holds each
# municipality's 12 months once (no revision twice, none missing); every receipt
# an installation keeps names a revision the hub has, for that report; the feed
# read piece by piece while the pushes ran saw every revision the feed holds
# at the end, its cursors strictly increasing (a cursor committed after a
# greater one was read would be lost to every puller); every blob is intact,
# stored once, and no temporary file is left.
#
# For the test the site is served over plain HTTP on 127.0.0.1 (TLS, the body
# limit and the per-address rate limit are nginx_test.sh's), and its per-address
# rate is raised: here every installation comes from 127.0.0.1, where a state's
# municipalities come from 853 addresses.
#
# usage: scaleout_test.sh MOBILIZA_EXE MOBILIZA_HUB_EXE NGINX_SITE_CONF REFERENCE_JSON [MUNICIPALITIES]
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/pg_lib.sh"

APP=${1:?usage: scaleout_test.sh MOBILIZA_EXE MOBILIZA_HUB_EXE NGINX_SITE_CONF REFERENCE_JSON [N]}
HUB_EXE=${2:?}
SITE=${3:?}
REFERENCE=${4:?}
N=${5:-6}
NGINX=${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}
[ -x "$NGINX" ] || fatal "nginx is not installed (Debian package nginx-light; scripts/setup.sh installs it)"
command -v curl >/dev/null || fatal "curl is not installed (scripts/setup.sh installs it)"
command -v psql >/dev/null || fatal "psql is not installed (Debian package postgresql-client)"
export QT_QPA_PLATFORM=offscreen MOBILIZA_LANG=en

# ---------------------------------------------------------------- database and two instances
start_pg_cluster
pg_createdb mobiliza_hub
export MOBILIZA_HUB_DB
MOBILIZA_HUB_DB=$(pg_url mobiliza_hub)
DATA=$WORK/hub # the shared folder: blobs/ (each instance writes its own access log elsewhere)
mkdir -p "$DATA"
hubcli() { "$HUB_EXE" "$@" --data "$DATA"; }

start_hub "$HUB_EXE" "$DATA" --trust-proxy --log "$WORK/access-a.log"
A_PORT=$HUB_PORT
cp "$WORK/hub.out" "$WORK/hub-a.out"
start_hub "$HUB_EXE" "$DATA" --trust-proxy --log "$WORK/access-b.log"
B_PORT=$HUB_PORT
log "hub instances on 127.0.0.1:$A_PORT and 127.0.0.1:$B_PORT, one PostgreSQL, one data folder"

# ---------------------------------------------------------------- nginx with the shipped site
for needle in 'listen 443 ssl http2;' 'listen 80;' 'server 127.0.0.1:8080;' 'rate=100r/s;'; do
  grep -qF "$needle" "$SITE" || fatal "the site file no longer has \"$needle\": update scaleout_test.sh with it"
done
PREFIX=$WORK/nginx
mkdir -p "$PREFIX/logs" "$PREFIX/temp" "$PREFIX/acme"
render() {
  scaleout_site "$SITE" "$PREFIX" "$1" "$2" 10000 400 32 "$A_PORT" "$B_PORT"
  nginx_conf "$PREFIX" 2 1024
}
start_nginx "$NGINX" "$PREFIX" render
PORT=$NGINX_PORT
HUB_URL="http://127.0.0.1:$PORT"
log "nginx on $HUB_URL, upstream: both instances"

# ---------------------------------------------------------------- N installations
mapfile -t IBGES < <(python3 -c '
import json, sys
ms = json.load(open(sys.argv[1]))["municipalities"]
for m in ms[: int(sys.argv[2])]:
    print(m["ibge"])' "$REFERENCE" "$N")
[ "${#IBGES[@]}" -eq "$N" ] || fatal "could not take $N municipalities from $REFERENCE"
app() { "$APP" --lang en "$@"; }
for ibge in "${IBGES[@]}"; do
  P=$WORK/inst-$ibge
  app --data-dir "$P" --municipality "$ibge" --demo-data --status >/dev/null 2>"$WORK/demo-$ibge.err" ||
    { cat "$WORK/demo-$ibge.err"; fatal "demonstration data for $ibge"; }
  code=$(hubcli enroll --municipality "$ibge" --label "SMS $ibge" | tail -n 1)
  app --data-dir "$P" --hub "$HUB_URL" --enroll "$code" >/dev/null 2>"$WORK/enroll-$ibge.err" ||
    { cat "$WORK/enroll-$ibge.err"; fatal "enrollment of $ibge through nginx"; }
done
log "$N installations with 12 concluded months each, enrolled through nginx"

# The central level's token, for the feed.
CENTRAL_CODE=$(hubcli enroll --central --label "SES-MG nível central" | tail -n 1)
curl -sS --max-time 20 -o "$WORK/central.json" -H 'Content-Type: application/json' \
  --data "{\"code\":\"$CENTRAL_CODE\"}" "$HUB_URL/api/v1/enroll" >/dev/null
CENTRAL_TOKEN=$(json_field "$WORK/central.json" token)
[ -n "$CENTRAL_TOKEN" ] || fatal "no central token: $(cat "$WORK/central.json")"

# feed_reader STOP_FILE OUT: pulls /revisions from its cursor until STOP_FILE exists and a
# last pull is done; writes "cursor report revision" lines, and FAIL lines for cursors
# that do not increase.
feed_reader() {
  python3 - "$HUB_URL" "$CENTRAL_TOKEN" "$1" "$2" <<'PY'
import json, os, sys, time, urllib.request
base, token, stop, out = sys.argv[1:5]
cursor, last, seen, fails = 0, 0, [], []
def pull():
    global cursor, last
    while True:
        req = urllib.request.Request(f"{base}/api/v1/revisions?since={cursor}&limit=200",
                                     headers={"Authorization": f"Bearer {token}"})
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                page = json.load(r)
        except Exception as e:  # a 429 or a moment of nginx: try again shortly
            time.sleep(0.2)
            continue
        for e in page["revisions"]:
            if e["cursor"] <= last:
                fails.append(f"FAIL cursor {e['cursor']} after {last}")
            last = e["cursor"]
            seen.append(f"{e['cursor']} {e['report']} {e['revision']}")
        cursor = max(cursor, page.get("next", cursor))
        if len(page["revisions"]) < 200:
            return
while not os.path.exists(stop):
    pull()
    time.sleep(0.1)
pull()
with open(out, "w") as f:
    f.write("\n".join(fails + seen) + "\n")
PY
}
feed_reader "$WORK/pushed" "$WORK/feed-live" &
READER=$!
cleanup_add "kill $READER"

# ---------------------------------------------------------------- all at once
log "pushing: $N installations at once, through nginx, to two instances"
start=$(date +%s.%N)
PIDS=()
for ibge in "${IBGES[@]}"; do
  app --data-dir "$WORK/inst-$ibge" --sync >"$WORK/sync-$ibge.out" 2>&1 &
  PIDS+=($!)
done
failed=0
for i in "${!PIDS[@]}"; do
  wait "${PIDS[$i]}" || { failed=$((failed + 1)); echo "--- ${IBGES[$i]}:"; tail -n 5 "$WORK/sync-${IBGES[$i]}.out"; }
done
elapsed=$(python3 -c "import sys; print(round(float(sys.argv[1]) - float(sys.argv[2]), 1))" "$(date +%s.%N)" "$start")
touch "$WORK/pushed"
wait "$READER"
expect_eq "every installation's --sync exits 0 (everything confirmed)" 0 "$failed"
log "pushed in ${elapsed} s"

# ---------------------------------------------------------------- what the hub holds
hubcli reports >"$WORK/reports"
expect_eq "the hub holds 12 months of each of the $N municipalities" "$((N * 12))" "$(wc -l <"$WORK/reports")"
expect_eq "no revision twice" "$((N * 12))" "$(cut -f1,4 "$WORK/reports" | sort -u | wc -l)"
for ibge in "${IBGES[@]}"; do
  n=$(awk -F'\t' -v m="$ibge" '$2 == m' "$WORK/reports" | wc -l)
  [ "$n" = 12 ] || expect_eq "municipality $ibge: 12 months on the hub" 12 "$n"
done
check "every revision received" bash -c '! awk -F"\t" "\$5 != \"received\"" "$1" | grep -q .' _ "$WORK/reports"

receipts_ok() {
  local ibge bad=0
  for ibge in "${IBGES[@]}"; do
    # report uuid and hub id of every received item this installation keeps
    python3 - "$WORK/inst-$ibge/mobiliza.sqlite" >"$WORK/receipts-$ibge" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
for report, revision, hub_id in c.execute(
        "SELECT r.report_uuid, r.revision, o.hub_id FROM outbox o "
        "JOIN report_revisions r ON r.uuid = o.revision_uuid WHERE o.state = 'received'"):
    print(f"{report}\t{revision}\t{hub_id}")
PY
    [ "$(wc -l <"$WORK/receipts-$ibge")" = 12 ] || { echo "$ibge: $(wc -l <"$WORK/receipts-$ibge") receipts"; bad=1; }
    while IFS=$'\t' read -r report revision hub_id; do
      awk -F'\t' -v r="$report" -v v="$revision" -v h="$hub_id" '$1 == r && $4 == v && $6 == h { f = 1 } END { exit !f }' \
        "$WORK/reports" || { echo "$ibge: receipt $hub_id of $report r$revision is not the hub's"; bad=1; }
    done <"$WORK/receipts-$ibge"
  done
  return $bad
}
check "every receipt an installation keeps is the hub's, for that report and revision" receipts_ok

# Both instances did the work (nginx spread it).
a_puts=$(grep -c '"method":"PUT"' "$WORK/access-a.log" || true)
b_puts=$(grep -c '"method":"PUT"' "$WORK/access-b.log" || true)
log "PUTs: instance A $a_puts, instance B $b_puts"
check "instance A stored photos" test "$a_puts" -gt 0
check "instance B stored photos" test "$b_puts" -gt 0
expect_eq "no request refused for its rate by a hub" 0 "$(cat "$WORK/access-a.log" "$WORK/access-b.log" | grep -c '"status":429' || true)"
expect_eq "no error answered by a hub" 0 "$(cat "$WORK/access-a.log" "$WORK/access-b.log" | grep -c '"status":5[0-9][0-9]' || true)"

# The feed, read while the pushes ran, against the feed as it ends.
CENTRAL_TOKEN=$CENTRAL_TOKEN feed_reader "$WORK/pushed" "$WORK/feed-final"
check "the feed's cursors only increase, live and at the end" \
  bash -c '! grep -h "^FAIL" "$1" "$2"' _ "$WORK/feed-live" "$WORK/feed-final"
live_pairs() { grep -v '^FAIL' "$1" | awk 'NF == 3 { print $2, $3 }' | sort -u; }
expect_eq "the feed holds every revision" "$((N * 12))" "$(live_pairs "$WORK/feed-final" | wc -l)"
expect_eq "read piece by piece while the pushes ran, it missed none" \
  "$(live_pairs "$WORK/feed-final" | md5sum)" "$(live_pairs "$WORK/feed-live" | md5sum)"

# Blobs: intact, once, no temporary file.
expect_eq "every blob intact, no temporary file left" "" "$(blobs_bad "$DATA/blobs")"
PG_BLOBS=$(pg_value mobiliza_hub "SELECT DISTINCT sha256 FROM report_blobs ORDER BY 1")
expect_eq "each photo the reports name is stored, once, and nothing else" "$(blob_count "$DATA/blobs")" \
  "$(printf '%s\n' "$PG_BLOBS" | grep -c . || true)"
missing=0
while read -r sha; do
  [ -f "$DATA/blobs/${sha:0:2}/$sha" ] || missing=$((missing + 1))
done <<<"$PG_BLOBS"
expect_eq "no photo a report names is missing from the shared folder" 0 "$missing"

finish
