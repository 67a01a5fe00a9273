#!/usr/bin/env bash
# docs/deployment.md §11 with the real programs: a hub and two installations
# (Belo Horizonte and Contagem) with the demonstration data, enrolled with
# one-time codes, pushing with `mobiliza --sync`; the URS returns one report
# with a comment and accepts another; the installations learn it (`--status`).
# (The correction in between is done in the editor; tests/reliability's
# test_reliability runs the whole loop, correction included, through the same
# services.)
#
# usage: loop_test.sh MOBILIZA_EXE MOBILIZA_HUB_EXE
source "$(dirname "$0")/lib.sh"

APP=${1:?usage: loop_test.sh MOBILIZA_EXE MOBILIZA_HUB_EXE}
HUB_EXE=${2:?usage: loop_test.sh MOBILIZA_EXE MOBILIZA_HUB_EXE}
export QT_QPA_PLATFORM=offscreen MOBILIZA_LANG=en

DEMO=$WORK
mkdir -p "$DEMO/hub"
start_hub "$HUB_EXE" "$DEMO/hub"
HUB_URL="http://127.0.0.1:$HUB_PORT"
log "hub on $HUB_URL"
hubcli() { MOBILIZA_LANG=en "$HUB_EXE" "$@"; }

BH_CODE=$(hubcli enroll --data "$DEMO/hub" --municipality 3106200 --label "SMS Belo Horizonte" | tail -n 1)
CT_CODE=$(hubcli enroll --data "$DEMO/hub" --municipality 3118601 --label "SMS Contagem" | tail -n 1)
[ -n "$BH_CODE" ] && [ -n "$CT_CODE" ] || fatal "mobiliza-hub enroll printed no code"

app() { "$APP" --lang en "$@"; }
check "Belo Horizonte: demonstration data" app --data-dir "$DEMO/bh" --municipality 3106200 --demo-data --status >"$DEMO/bh.status0"
check "Contagem: demonstration data" app --data-dir "$DEMO/ct" --municipality 3118601 --demo-data --status >"$DEMO/ct.status0"
check "Belo Horizonte enrolls with its code" app --data-dir "$DEMO/bh" --hub "$HUB_URL" --enroll "$BH_CODE" 2>"$DEMO/bh.enroll.err"
check "…and its command prints no developer log line (\"mobiliza.category: …\")" \
  bash -c '! grep -q "^mobiliza\." "$1"' _ "$DEMO/bh.enroll.err"
check "Contagem enrolls with its code" app --data-dir "$DEMO/ct" --hub "$HUB_URL" --enroll "$CT_CODE"
check "a code works once" bash -c '! "$1" --lang en --data-dir "$2" --municipality 3106200 --hub "$3" --enroll "$4" >/dev/null 2>&1' \
  _ "$APP" "$DEMO/other" "$HUB_URL" "$BH_CODE"

check "Belo Horizonte --sync: everything confirmed (exit 0)" app --data-dir "$DEMO/bh" --sync
check "Contagem --sync: everything confirmed (exit 0)" app --data-dir "$DEMO/ct" --sync
hubcli reports --data "$DEMO/hub" >"$DEMO/reports1"
BH_N=$(awk -F'\t' '$2 == "3106200"' "$DEMO/reports1" | wc -l)
CT_N=$(awk -F'\t' '$2 == "3118601"' "$DEMO/reports1" | wc -l)
check "the hub lists Belo Horizonte's concluded months" test "$BH_N" -ge 12
check "the hub lists Contagem's concluded months" test "$CT_N" -ge 12
check "every revision is received" bash -c '! awk -F"\t" "\$5 != \"received\"" "$1" | grep -q .' _ "$DEMO/reports1"
check "a second --sync sends nothing and still exits 0" app --data-dir "$DEMO/bh" --sync
expect_eq "…and the hub still has one line per revision" "$(wc -l <"$DEMO/reports1")" \
  "$(hubcli reports --data "$DEMO/hub" | wc -l)"

MONTH=$(date -d "$(date +%Y-%m-15) -1 month" +%Y-%m) # the demonstration data concludes the 12 months before this one
BH_REPORT=$(hubcli reports --data "$DEMO/hub" --month "$MONTH" | awk -F'\t' '$2 == "3106200" { print $1 }' | head -1)
CT_REPORT=$(hubcli reports --data "$DEMO/hub" --month "$MONTH" | awk -F'\t' '$2 == "3118601" { print $1 }' | head -1)
[ -n "$BH_REPORT" ] && [ -n "$CT_REPORT" ] || fatal "no report of $MONTH on the hub"
check "the URS returns Belo Horizonte's $MONTH with a comment" \
  hubcli review --data "$DEMO/hub" --report "$BH_REPORT" --return "Falta a foto da ação 3."
check "the URS accepts Contagem's $MONTH" hubcli review --data "$DEMO/hub" --report "$CT_REPORT" --accept

check "Belo Horizonte --sync brings the review back" app --data-dir "$DEMO/bh" --sync
check "Contagem --sync brings the review back" app --data-dir "$DEMO/ct" --sync
app --data-dir "$DEMO/bh" --status >"$DEMO/bh.status1"
app --data-dir "$DEMO/ct" --status >"$DEMO/ct.status1"
check "Belo Horizonte --status: $MONTH returned" grep -qE "^$MONTH[[:space:]].*returned" "$DEMO/bh.status1"
check "Contagem --status: $MONTH accepted" grep -qE "^$MONTH[[:space:]].*accepted" "$DEMO/ct.status1"
check "Belo Horizonte --status shows received months too" grep -qE "received" "$DEMO/bh.status1"
check "Contagem never sees Belo Horizonte's review" bash -c '! grep -q "returned" "$1"' _ "$DEMO/ct.status1"
if [ "$FAILURES" -gt 0 ]; then
  echo "--- bh status"; cat "$DEMO/bh.status1"; echo "--- ct status"; cat "$DEMO/ct.status1"
fi

finish
