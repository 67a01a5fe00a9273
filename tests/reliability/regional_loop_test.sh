#!/usr/bin/env bash
# The regional desk with the real programs (issue 9): a hub, two municipal
# installations (Belo Horizonte and Contagem, both of the URS Belo Horizonte),
# two installations of that URS and one of another URS, by the commands of
# docs/deployment.md §13:
#   municipalities push → the URS pulls (manifests and the newest month's photos)
#   → coverage equals an independent count → the URS returns one report with a
#   comment and accepts another, offline, and the decisions go up when the hub is
#   back → the municipalities see them → two reviewers decide on one revision:
#   one wins, the other is told → another URS sees nothing of them.
#
#   a package file carried by hand enters the URS and goes to the hub as an
#   import; accepted reports go to the central level in a batch, over the network
#   and as a batch file a separate central hub imports; its receipt file, carried
#   back, marks the batch received at the URS. The central level's own
#   installation takes the same batch file in (--import-batch): it goes to the
#   hub on the URS's behalf and its receipt is written beside the file.
#   The central level pulls, consolidates one report and returns another to its
#   URS, which returns it to its municipality (issue 10's loop, by processes).
#
# usage: regional_loop_test.sh MOBILIZA_EXE MOBILIZA_HUB_EXE REFERENCE_JSON
source "$(dirname "$0")/lib.sh"

APP=${1:?usage: regional_loop_test.sh MOBILIZA_EXE MOBILIZA_HUB_EXE REFERENCE_JSON}
HUB_EXE=${2:?}
REFERENCE=${3:?}
export QT_QPA_PLATFORM=offscreen MOBILIZA_LANG=en

D=$WORK
mkdir -p "$D/hub"
PORT=$(random_free_port)
start_hub "$HUB_EXE" "$D/hub" --listen "127.0.0.1:$PORT"
HUB_URL="http://127.0.0.1:$HUB_PORT"
log "hub on $HUB_URL"
hubcli() { MOBILIZA_LANG=en "$HUB_EXE" "$@"; }
app() { "$APP" --lang en "$@"; }

BH_CODE=$(enroll_code "$HUB_EXE" "$D/hub" 3106200)
CT_CODE=$(enroll_code "$HUB_EXE" "$D/hub" 3118601)
URS_CODE=$(hubcli enroll --data "$D/hub" --urs "Belo Horizonte" --label "URS BH, Maria" | tail -n 1)
URS2_CODE=$(hubcli enroll --data "$D/hub" --urs "Belo Horizonte" --label "URS BH, João" | tail -n 1)
BAR_CODE=$(hubcli enroll --data "$D/hub" --urs "Barbacena" --label "URS Barbacena" | tail -n 1)
[ -n "$BH_CODE" ] && [ -n "$URS_CODE" ] && [ -n "$BAR_CODE" ] || fatal "mobiliza-hub enroll printed no code"

check "Belo Horizonte: demonstration data, enrolled, sent" bash -c \
  '"$1" --lang en --data-dir "$2/bh" --municipality 3106200 --demo-data --status >/dev/null &&
   "$1" --lang en --data-dir "$2/bh" --hub "$3" --enroll "$4" >/dev/null && "$1" --lang en --data-dir "$2/bh" --sync >/dev/null' \
  _ "$APP" "$D" "$HUB_URL" "$BH_CODE"
check "Contagem: demonstration data, enrolled, sent" bash -c \
  '"$1" --lang en --data-dir "$2/ct" --municipality 3118601 --demo-data --status >/dev/null &&
   "$1" --lang en --data-dir "$2/ct" --hub "$3" --enroll "$4" >/dev/null && "$1" --lang en --data-dir "$2/ct" --sync >/dev/null' \
  _ "$APP" "$D" "$HUB_URL" "$CT_CODE"

# ---- the URS installation: first run with its role, enrolled with its code
check "a URS installation enrolls with a URS code (--role urs --urs)" \
  app --data-dir "$D/urs" --role urs --urs "Belo Horizonte" --hub "$HUB_URL" --enroll "$URS_CODE"
check "a municipality's code is refused by a URS installation" bash -c \
  '! "$1" --lang en --data-dir "$2/urs-x" --role urs --urs "Belo Horizonte" --hub "$3" --enroll "$4" >/dev/null 2>&1' \
  _ "$APP" "$D" "$HUB_URL" "$(enroll_code "$HUB_EXE" "$D/hub" 3106200)"
check "the role is fixed: the URS profile refuses --municipality" bash -c \
  '! "$1" --lang en --data-dir "$2/urs" --municipality 3106200 --status >/dev/null 2>&1' _ "$APP" "$D"
check "a municipality's profile refuses --pull" bash -c '! "$1" --lang en --data-dir "$2/bh" --pull >/dev/null 2>&1' _ "$APP" "$D"

check "--pull: the replica is up to date (exit 0)" app --data-dir "$D/urs" --pull
app --data-dir "$D/urs" --status >"$D/urs.status1"
hubcli reports --data "$D/hub" >"$D/hub.reports1"
expect_eq "the replica lists every report of the URS's municipalities" \
  "$(cut -f1 "$D/hub.reports1" | sort -u | wc -l)" "$(wc -l <"$D/urs.status1")"
NEWEST=$(cut -f1 "$D/urs.status1" | sort | tail -1)
PHOTOS=$(find "$D/urs/blobs" -type f | wc -l)
check "the newest month's photos are here ($PHOTOS files)" test "$PHOTOS" -gt 0
check "a second --pull changes nothing and exits 0" app --data-dir "$D/urs" --pull

MONTH=$(date -d "$(date +%Y-%m-15) -1 month" +%Y-%m)
MONTH2=$(date -d "$(date +%Y-%m-15) -2 month" +%Y-%m)
# ---- coverage against an independent count (the reference table and the hub's list)
app --data-dir "$D/urs" --coverage --month "$MONTH" >"$D/coverage"
python3 - "$REFERENCE" "$D/coverage" "$MONTH" "$D/hub.reports1" <<'PY' >"$D/coverage.check"
import json, sys
ref = json.load(open(sys.argv[1]))
mine = {m["ibge"] for m in ref["municipalities"] if m["urs"] == "Belo Horizonte"}
lines = [l.rstrip("\n").split("\t") for l in open(sys.argv[2]) if l.strip()]
# the hub's list: report, municipality, period, revision, state, …
sent = {f[1] for f in (l.split("\t") for l in open(sys.argv[4])) if len(f) > 2 and f[2] == sys.argv[3]}
got = {l[0]: l[2] for l in lines}
problems = []
if set(got) != mine:
    problems.append("municipalities differ: %d listed, %d expected" % (len(got), len(mine)))
for ibge, state in got.items():
    expected_sent = ibge in sent
    if expected_sent and state not in ("late", "on_time", "no_actions"):
        problems.append("%s should be sent, is %s" % (ibge, state))
    if not expected_sent and state != "missing":
        problems.append("%s should be missing, is %s" % (ibge, state))
if sent != {"3106200", "3118601"}:
    problems.append("the hub's list of %s is not Belo Horizonte and Contagem: %s" % (sys.argv[3], sorted(sent)))
print("ok" if not problems else "; ".join(problems))
PY
expect_eq "--coverage --month $MONTH equals the independent count" "ok" "$(cat "$D/coverage.check")"

BH_REPORT=$(awk -F'\t' -v m="$MONTH" '$1 == m && $2 == "3106200" { print $5 }' "$D/urs.status1")
CT_REPORT=$(awk -F'\t' -v m="$MONTH" '$1 == m && $2 == "3118601" { print $5 }' "$D/urs.status1")
BH_REPORT2=$(awk -F'\t' -v m="$MONTH2" '$1 == m && $2 == "3106200" { print $5 }' "$D/urs.status1")
[ -n "$BH_REPORT" ] && [ -n "$CT_REPORT" ] && [ -n "$BH_REPORT2" ] || fatal "no report of $MONTH/$MONTH2 in the URS replica"

# ---- decisions made while the hub is down reach it when it is back
stop_pid "$HUB_PID"
check "the URS returns Belo Horizonte's $MONTH with a comment (offline)" \
  app --data-dir "$D/urs" --review "$BH_REPORT" --return "Ação 1: a foto 1 está ilegível."
check "a return without a comment is refused" bash -c \
  '! "$1" --lang en --data-dir "$2/urs" --review "$3" --return "  " >/dev/null 2>&1' _ "$APP" "$D" "$CT_REPORT"
check "the URS accepts Contagem's $MONTH (offline)" app --data-dir "$D/urs" --review "$CT_REPORT" --accept
check "--pull without the hub fails (exit 1) and keeps the decisions" bash -c \
  '! "$1" --lang en --data-dir "$2/urs" --pull >/dev/null 2>&1' _ "$APP" "$D"
expect_eq "both decisions wait in the outbox" 2 "$(app --data-dir "$D/urs" --status | grep -c '(pending)')"
start_hub "$HUB_EXE" "$D/hub" --listen "127.0.0.1:$PORT"
check "the link is back: --pull sends the decisions (exit 0)" app --data-dir "$D/urs" --pull
hubcli reports --data "$D/hub" --month "$MONTH" >"$D/hub.reports2"
check "the hub has Belo Horizonte's $MONTH returned" grep -qE "^$BH_REPORT[[:space:]].*returned" "$D/hub.reports2"
check "the hub has Contagem's $MONTH accepted" grep -qE "^$CT_REPORT[[:space:]].*accepted" "$D/hub.reports2"

check "Belo Horizonte --sync brings the return back" app --data-dir "$D/bh" --sync
check "Belo Horizonte --status: $MONTH returned" bash -c \
  '"$1" --lang en --data-dir "$2/bh" --status | grep -qE "^$3[[:space:]]returned"' _ "$APP" "$D" "$MONTH"
check "Contagem --sync; --status: $MONTH accepted" bash -c \
  '"$1" --lang en --data-dir "$2/ct" --sync >/dev/null; "$1" --lang en --data-dir "$2/ct" --status | grep -qE "^$3[[:space:]]accepted"' \
  _ "$APP" "$D" "$MONTH"

# ---- two reviewers on one revision: one decision wins, the other is told
check "a second reviewer's installation enrolls and pulls" bash -c \
  '"$1" --lang en --data-dir "$2/urs2" --role urs --urs "Belo Horizonte" --hub "$3" --enroll "$4" >/dev/null &&
   "$1" --lang en --data-dir "$2/urs2" --pull >/dev/null' _ "$APP" "$D" "$HUB_URL" "$URS2_CODE"
check "reviewer 1 accepts Belo Horizonte's $MONTH2" app --data-dir "$D/urs" --review "$BH_REPORT2" --accept
check "reviewer 2 returns it, not knowing" app --data-dir "$D/urs2" --review "$BH_REPORT2" --return "Faltam fotos."
check "reviewer 1's decision reaches the hub first" app --data-dir "$D/urs" --pull
app --data-dir "$D/urs2" --pull >"$D/urs2.pull" 2>&1
check "reviewer 2 is told that the decision was refused" grep -q "refused: 1" "$D/urs2.pull"
check "…by whom, in words" grep -q "already decided on this revision" "$D/urs2.pull"
check "…and reviewer 2's copy now shows it accepted" bash -c \
  '"$1" --lang en --data-dir "$2/urs2" --status | grep -qE "^$3[[:space:]]3106200[[:space:]]accepted[[:space:]]"' _ "$APP" "$D" "$MONTH2"

# ---- sneaker-net: Betim has no internet; its package reaches the URS on a USB stick
check "Betim (no link): demonstration data and a package of $MONTH" bash -c \
  '"$1" --lang en --data-dir "$2/be" --municipality 3106705 --demo-data --status >/dev/null &&
   mkdir -p "$2/usb" && "$1" --lang en --data-dir "$2/be" --export package --month "$3" --out "$2/usb/betim-$3.mobiliza" >/dev/null' \
  _ "$APP" "$D" "$MONTH"
check "another URS refuses Betim's package" bash -c \
  '! "$1" --lang en --data-dir "$2/bar" --import-package "$2/usb" >/dev/null 2>&1' _ "$APP" "$D"
check "the URS imports the USB stick's folder" app --data-dir "$D/urs" --import-package "$D/usb"
check "…it is in the inbox at once, received by file" bash -c \
  '"$1" --lang en --data-dir "$2/urs" --status | grep -qE "^$3[[:space:]]3106705[[:space:]]received"' _ "$APP" "$D" "$MONTH"
check "--pull sends it to the hub as an import (exit 0)" app --data-dir "$D/urs" --pull
check "the hub lists Betim's $MONTH" bash -c \
  '"$1" reports --data "$2/hub" --month "$3" | grep -qE "[[:space:]]3106705[[:space:]]"' _ "$HUB_EXE" "$D" "$MONTH"
check "the second URS installation pulls it too" bash -c \
  '"$1" --lang en --data-dir "$2/urs2" --pull >/dev/null && "$1" --lang en --data-dir "$2/urs2" --status | grep -qE "^$3[[:space:]]3106705[[:space:]]"' \
  _ "$APP" "$D" "$MONTH"

# ---- forwarding to the central level: over the network, and as a batch file
check "the URS forwards $MONTH's accepted reports (Contagem) to the central level" \
  app --data-dir "$D/urs" --forward --month "$MONTH"
hubcli batches --data "$D/hub" >"$D/batches"
check "mobiliza-hub batches lists it: URS Belo Horizonte, $MONTH, 1 report" \
  grep -qE "[[:space:]]Belo Horizonte[[:space:]]$MONTH[[:space:]]1[[:space:]]received" "$D/batches"
check "…and Contagem's $MONTH is forwarded on the hub" bash -c \
  '"$1" reports --data "$2/hub" --month "$3" | grep -qE "^$4[[:space:]].*forwarded"' _ "$HUB_EXE" "$D" "$MONTH" "$CT_REPORT"
check "nothing more of $MONTH to forward" bash -c '! "$1" --lang en --data-dir "$2/urs" --forward --month "$3" >/dev/null 2>&1' \
  _ "$APP" "$D" "$MONTH"
check "the URS writes $MONTH2's accepted reports as a batch file" \
  app --data-dir "$D/urs" --forward --month "$MONTH2" --out "$D/lote-$MONTH2.mobiliza-lote"
mkdir -p "$D/central"
check "a separate central hub imports the batch file" hubcli import --data "$D/central" "$D/lote-$MONTH2.mobiliza-lote"
check "…and lists the batch" bash -c \
  '"$1" batches --data "$2/central" | grep -qE "[[:space:]]Belo Horizonte[[:space:]]$3[[:space:]]1[[:space:]]"' _ "$HUB_EXE" "$D" "$MONTH2"
# ---- the central level's receipt file goes back to the URS
LOTE="$D/lote-$MONTH2.mobiliza-lote"
RECIBO="$D/lote-$MONTH2.mobiliza-recibo"
BATCH2=$(app --data-dir "$D/urs" --batches | awk -F'\t' -v m="$MONTH2" '$2 == m && $3 == "file" { print $1 }')
check "the URS lists its batch file as written, not yet received" bash -c \
  '"$1" --lang en --data-dir "$2/urs" --batches | grep -qE "^$3[[:space:]]$4[[:space:]]file[[:space:]]written[[:space:]]1[[:space:]]"' \
  _ "$APP" "$D" "$BATCH2" "$MONTH2"
check "mobiliza-hub import wrote the receipt file beside the batch file" test -s "$RECIBO"
expect_eq "…a small file" 1 "$([ "$(stat -c %s "$RECIBO")" -lt 2048 ] && echo 1 || echo 0)"
cp "$RECIBO" "$D/recibo-primeiro"
check "importing the same batch file again gives the same receipt" bash -c \
  '"$1" import --data "$2/central" "$3" >/dev/null && cmp -s "$4" "$2/recibo-primeiro"' _ "$HUB_EXE" "$D" "$LOTE" "$RECIBO"
check "mobiliza-hub receipt --batch writes it again, identical (a lost USB stick)" bash -c \
  '"$1" receipt --data "$2/central" --batch "$3" --out "$2/recibo-de-novo.mobiliza-recibo" >/dev/null &&
   cmp -s "$2/recibo-de-novo.mobiliza-recibo" "$2/recibo-primeiro"' _ "$HUB_EXE" "$D" "$BATCH2"
head -c 200 "$RECIBO" >"$D/recibo-cortado.mobiliza-recibo"
check "a receipt cut short is refused (exit 1) and says so" bash -c \
  '! "$1" --lang en --data-dir "$2/urs" --import-receipt "$2/recibo-cortado.mobiliza-recibo" 2>"$2/recibo.err" >/dev/null &&
   grep -q "incomplete or has been altered" "$2/recibo.err"' _ "$APP" "$D"
check "…and the batch is still not received" bash -c \
  '"$1" --lang en --data-dir "$2/urs" --batches | grep -qE "^$3[[:space:]].*[[:space:]]written[[:space:]]"' _ "$APP" "$D" "$BATCH2"
check "the URS imports the receipt (--import-receipt, exit 0)" app --data-dir "$D/urs" --import-receipt "$RECIBO"
check "…its batch is received by the central level, with the central hub's id" bash -c \
  '"$1" --lang en --data-dir "$2/urs" --batches |
   grep -qE "^$3[[:space:]]$4[[:space:]]file[[:space:]]received[[:space:]]1[[:space:]]b-0+1[[:space:]]"' _ "$APP" "$D" "$BATCH2" "$MONTH2"
app --data-dir "$D/urs" --import-receipt "$RECIBO" >"$D/recibo.again" 2>&1
check "the same receipt again: exit 0, already recorded, nothing changed" bash -c \
  'grep -q "already recorded" "$1" && ! grep -q "recorded as received by" "$1"' _ "$D/recibo.again"

# ---- the central level's installation takes the batch file in itself (--import-batch)
CENTRAL_CODE=$(hubcli enroll --data "$D/hub" --central --label "SES-MG, Ana" | tail -n 1)
mkdir -p "$D/pendrive"
cp "$LOTE" "$D/pendrive/"
PLOTE="$D/pendrive/lote-$MONTH2.mobiliza-lote"
check "a URS installation does not take a batch file in (exit 1)" bash -c \
  '! "$1" --lang en --data-dir "$2/urs" --import-batch "$3" >/dev/null 2>"$2/urs.lote.err" &&
   grep -q "Only the central level" "$2/urs.lote.err"' _ "$APP" "$D" "$PLOTE"
check "the central installation enrolls with a central code (--role central)" \
  app --data-dir "$D/ses" --role central --hub "$HUB_URL" --enroll "$CENTRAL_CODE"
check "…imports the URS's batch file: sent to the hub, receipt written (exit 0)" bash -c \
  '"$1" --lang en --data-dir "$2/ses" --import-batch "$3" >"$2/ses.lote.out" 2>&1 &&
   grep -q "The receipt for the URS is in" "$2/ses.lote.out"' _ "$APP" "$D" "$PLOTE"
PRECIBO="$D/pendrive/lote-$MONTH2.mobiliza-recibo"
check "…the receipt file is beside the batch file" test -s "$PRECIBO"
check "…the hub lists the batch as received from the file (URS Belo Horizonte, $MONTH2, 1 report)" bash -c \
  '"$1" batches --data "$2/hub" | grep -qE "[[:space:]]Belo Horizonte[[:space:]]$3[[:space:]]1[[:space:]]received"' \
  _ "$HUB_EXE" "$D" "$MONTH2"
check "…its report is forwarded on the hub" bash -c \
  '"$1" reports --data "$2/hub" --month "$3" | grep -qE "[[:space:]]forwarded"' _ "$HUB_EXE" "$D" "$MONTH2"
check "…and in the central level's copy, ready to consolidate" bash -c \
  '"$1" --lang en --data-dir "$2/ses" --status | grep -qE "^$3[[:space:]].*forwarded"' _ "$APP" "$D" "$MONTH2"
cp "$PRECIBO" "$D/precibo-primeiro"
check "the same batch file again: exit 0, nothing changed, the same receipt" bash -c \
  '"$1" --lang en --data-dir "$2/ses" --import-batch "$3" >"$2/ses.lote.again" 2>&1 &&
   grep -q "was already here" "$2/ses.lote.again" && cmp -s "$4" "$2/precibo-primeiro"' _ "$APP" "$D" "$PLOTE" "$PRECIBO"
check "the URS takes that receipt as its batch's (already received: nothing changed)" bash -c \
  '"$1" --lang en --data-dir "$2/urs" --import-receipt "$3" 2>&1 | grep -q "already recorded"' _ "$APP" "$D" "$PRECIBO"

# ---- the central level decides: consolidates one report, returns the other to its URS,
# which returns it to its municipality with the central level's words
check "the central installation pulls the state (exit 0)" app --data-dir "$D/ses" --pull
check "…Contagem's $MONTH, forwarded over the network, is in its copy" bash -c \
  '"$1" --lang en --data-dir "$2/ses" --status | grep -qE "^$3[[:space:]]3118601[[:space:]]forwarded"' _ "$APP" "$D" "$MONTH"
check "the central level consolidates Contagem's $MONTH" app --data-dir "$D/ses" --review "$CT_REPORT" --accept
check "…and returns Belo Horizonte's $MONTH2 to its URS with a comment" \
  app --data-dir "$D/ses" --review "$BH_REPORT2" --return "A ação 2 não tem foto legível."
check "…--pull sends both decisions (exit 0)" app --data-dir "$D/ses" --pull
hubcli reports --data "$D/hub" >"$D/hub.reports3"
check "the hub has Contagem's $MONTH consolidated" grep -qE "^$CT_REPORT[[:space:]].*[[:space:]]consolidated" "$D/hub.reports3"
check "…and Belo Horizonte's $MONTH2 returned to the URS" \
  grep -qE "^$BH_REPORT2[[:space:]].*[[:space:]]returned_to_urs" "$D/hub.reports3"
check "Contagem --sync; --status: $MONTH consolidated" bash -c \
  '"$1" --lang en --data-dir "$2/ct" --sync >/dev/null; "$1" --lang en --data-dir "$2/ct" --status | grep -qE "^$3[[:space:]]consolidated"' \
  _ "$APP" "$D" "$MONTH"
check "the URS pulls: Belo Horizonte's $MONTH2 is back, returned by the central level" bash -c \
  '"$1" --lang en --data-dir "$2/urs" --pull >/dev/null &&
   "$1" --lang en --data-dir "$2/urs" --status | grep -qE "^$3[[:space:]]3106200[[:space:]]returned_to_urs[[:space:]]"' \
  _ "$APP" "$D" "$MONTH2"
check "the URS returns it to Belo Horizonte, passing the comment on, and sends it" bash -c \
  '"$1" --lang en --data-dir "$2/urs" --review "$3" --return "Nível central: a ação 2 não tem foto legível." >/dev/null &&
   "$1" --lang en --data-dir "$2/urs" --pull >/dev/null' _ "$APP" "$D" "$BH_REPORT2"
check "Belo Horizonte --sync; --status: $MONTH2 returned for correction" bash -c \
  '"$1" --lang en --data-dir "$2/bh" --sync >/dev/null; "$1" --lang en --data-dir "$2/bh" --status | grep -qE "^$3[[:space:]]returned"' \
  _ "$APP" "$D" "$MONTH2"

# Byte 200 inverted (writing a fixed 'x' left the file intact whenever that byte was an 'x').
python3 -c 'import sys; b = bytearray(open(sys.argv[1], "rb").read()); b[200] ^= 0xFF; open(sys.argv[1], "wb").write(b)' \
  "$D/lote-$MONTH2.mobiliza-lote"
check "a damaged batch file is refused" bash -c '! "$1" import --data "$2/central2" "$3" >/dev/null 2>&1' \
  _ "$HUB_EXE" "$D" "$D/lote-$MONTH2.mobiliza-lote"
check "…by the central installation too (exit 1), saying so" bash -c \
  '! "$1" --lang en --data-dir "$2/ses" --import-batch "$3" >/dev/null 2>"$2/ses.dano.err" &&
   grep -q "incomplete or has been altered" "$2/ses.dano.err"' _ "$APP" "$D" "$D/lote-$MONTH2.mobiliza-lote"

# ---- another URS sees nothing of these municipalities
check "the URS Barbacena pulls" bash -c \
  '"$1" --lang en --data-dir "$2/bar" --role urs --urs Barbacena --hub "$3" --enroll "$4" >/dev/null &&
   "$1" --lang en --data-dir "$2/bar" --pull >/dev/null' _ "$APP" "$D" "$HUB_URL" "$BAR_CODE"
expect_eq "…and its copy holds none of Belo Horizonte's reports" 0 "$(app --data-dir "$D/bar" --status | wc -l)"
check "…and refuses Belo Horizonte's receipt (another URS: exit 1)" bash -c \
  '! "$1" --lang en --data-dir "$2/bar" --import-receipt "$3" >/dev/null 2>"$2/bar.recibo.err" && grep -q "URS Belo Horizonte" "$2/bar.recibo.err"' \
  _ "$APP" "$D" "$D/recibo-primeiro"
expect_eq "…nor their photos" 0 "$(find "$D/bar/blobs" -type f 2>/dev/null | wc -l)"

if [ "$FAILURES" -gt 0 ]; then
  echo "--- urs status"; app --data-dir "$D/urs" --status; echo "--- coverage (sent)"; grep -v missing "$D/coverage"
  echo "--- hub err"; tail -20 "$WORK/hub.err"
fi
finish
