#!/usr/bin/env bash
# The hub on PostgreSQL: a throwaway cluster from Debian's packages (initdb in
# a temp folder, 127.0.0.1 on a free port, its socket in the temp folder,
# password authentication), then
#   - the whole hub test suite (test_hub) with MOBILIZA_TEST_HUB_DB=postgresql://…;
#   - `mobiliza-hub serve --db …` once: enrollment and pre-flight over HTTP, no
#     hub.sqlite in the data folder, the token still valid after a restart;
#   - two hub instances on the same database and blob folder (MOBILIZA_HUB_DB in
#     the environment, as the systemd unit does): a photo stored through one is
#     known to the other (the state-wide deployment in docs/deployment.md).
# The cluster is stopped and removed at exit, whatever happened.
#
# usage: postgres_test.sh MOBILIZA_HUB_EXE TEST_HUB_EXE
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/pg_lib.sh"

HUB_EXE=${1:?usage: postgres_test.sh MOBILIZA_HUB_EXE TEST_HUB_EXE}
TEST_HUB=${2:?usage: postgres_test.sh MOBILIZA_HUB_EXE TEST_HUB_EXE}

command -v curl >/dev/null || fatal "curl is not installed (scripts/setup.sh installs it)"

start_pg_cluster

pg_createdb mobiliza_test
pg_createdb mobiliza_hub
TEST_URL=$(pg_url mobiliza_test)
HUB_URL=$(pg_url mobiliza_hub)

# ---- the hub's test suite on PostgreSQL
log "test_hub on PostgreSQL"
if MOBILIZA_TEST_HUB_DB=$TEST_URL QT_QPA_PLATFORM=offscreen "$TEST_HUB" >"$WORK/test_hub.log" 2>&1; then
  check "test_hub passes on PostgreSQL" true
  tail -n 2 "$WORK/test_hub.log"
else
  cat "$WORK/test_hub.log"
  check "test_hub passes on PostgreSQL" false
fi

# ---- mobiliza-hub serve --db
DATA="$WORK/hub"
mkdir -p "$DATA"
CODE=$(enroll_code "$HUB_EXE" "$DATA" 3106200 --db "$HUB_URL")
[ -n "$CODE" ] || fatal "mobiliza-hub enroll --db printed no code"
start_hub "$HUB_EXE" "$DATA" --db "$HUB_URL"
FIRST_PID=$HUB_PID
log "hub on 127.0.0.1:$HUB_PORT (PostgreSQL)"
BASE="http://127.0.0.1:$HUB_PORT/api/v1"

status=$(curl -sS --max-time 20 -o "$WORK/p0.body" -w '%{http_code}' "$BASE/preflight")
expect_eq "pre-flight without a token" 401 "$status"
status=$(curl -sS --max-time 20 -o "$WORK/e.body" -w '%{http_code}' -H 'Content-Type: application/json' \
  --data "{\"code\":\"$CODE\"}" "$BASE/enroll")
expect_eq "enrollment with a code issued into PostgreSQL" 201 "$status"
TOKEN=$(json_field "$WORK/e.body" token)
[ -n "$TOKEN" ] || fatal "no token in $(cat "$WORK/e.body")"
AUTH=(-H "Authorization: Bearer $TOKEN")
status=$(curl -sS --max-time 20 -o "$WORK/p1.body" -w '%{http_code}' "${AUTH[@]}" "$BASE/preflight")
expect_eq "pre-flight with the token" 200 "$status"
check "the pre-flight names the service" grep -q '"service":"mobiliza-hub"' "$WORK/p1.body"
check "no hub.sqlite in the data folder: the state is in PostgreSQL" test ! -e "$DATA/hub.sqlite"
check "the hub does not print the database password" bash -c '! grep -qF "$1" "$2" "$3"' _ "$PASSWORD" "$WORK/hub.out" "$WORK/hub.err"

# Restart: the token lives in PostgreSQL.
stop_pid "$FIRST_PID"
wait "$FIRST_PID" 2>/dev/null
expect_eq "serve stops cleanly on SIGTERM" 0 "$?"
MOBILIZA_HUB_DB=$HUB_URL start_hub "$HUB_EXE" "$DATA"
A_PORT=$HUB_PORT
status=$(curl -sS --max-time 20 -o /dev/null -w '%{http_code}' "${AUTH[@]}" "http://127.0.0.1:$A_PORT/api/v1/preflight")
expect_eq "after a restart (URL from MOBILIZA_HUB_DB) the token still opens the pre-flight" 200 "$status"

# A second, stateless instance on the same database and blob folder.
cp "$WORK/hub.out" "$WORK/hub-a.out"
MOBILIZA_HUB_DB=$HUB_URL start_hub "$HUB_EXE" "$DATA" --log "$WORK/access-b.log"
B_PORT=$HUB_PORT
head -c 200000 /dev/urandom >"$WORK/photo.bin"
SHA=$(sha256sum "$WORK/photo.bin" | cut -d' ' -f1)
status=$(curl -sS --max-time 20 -o /dev/null -w '%{http_code}' "${AUTH[@]}" -X PUT -H 'Content-Type: image/jpeg' \
  --data-binary @"$WORK/photo.bin" "http://127.0.0.1:$A_PORT/api/v1/blobs/$SHA")
expect_eq "a photo stored through instance A" 201 "$status"
status=$(curl -sS --max-time 20 -o "$WORK/m.body" -w '%{http_code}' "${AUTH[@]}" -H 'Content-Type: application/json' \
  --data "{\"blobs\":[\"$SHA\"]}" "http://127.0.0.1:$B_PORT/api/v1/blobs/missing")
expect_eq "instance B answers blobs/missing" 200 "$status"
check "instance B knows the photo (shared blob folder)" grep -q '"missing":\[\]' "$WORK/m.body"
status=$(curl -sS --max-time 20 -o /dev/null -w '%{http_code}' "${AUTH[@]}" -X PUT -H 'Content-Type: image/jpeg' \
  --data-binary @"$WORK/photo.bin" "http://127.0.0.1:$B_PORT/api/v1/blobs/$SHA")
expect_eq "the same photo through instance B: already there" 200 "$status"
"$HUB_EXE" revoke --data "$DATA" --db "$HUB_URL" --municipality 3106200 >/dev/null 2>&1
status=$(curl -sS --max-time 20 -o /dev/null -w '%{http_code}' "${AUTH[@]}" "http://127.0.0.1:$B_PORT/api/v1/preflight")
expect_eq "a token revoked in the database is refused by every instance" 401 "$status"
status=$(curl -sS --max-time 20 -o /dev/null -w '%{http_code}' "${AUTH[@]}" "http://127.0.0.1:$A_PORT/api/v1/preflight")
expect_eq "…instance A too" 401 "$status"

finish
