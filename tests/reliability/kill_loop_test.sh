#!/usr/bin/env bash
# Bad luck (issue 7): the client killed (-9) at random moments of
# `mobiliza --sync` (against the real hub on 127.0.0.1, ephemeral port) and of
# `mobiliza --import-package`, in a bounded loop with a printed seed.
#
# After every kill: both databases pass PRAGMA integrity_check (+ foreign keys)
# and every blob file matches its SHA-256 name. At the end (runs to completion):
# every revision reached the hub exactly once (`mobiliza-hub reports`), every
# month is "received" on the client, every package imported once, and every
# blob on both sides matches its name. The hub also removes a crashed writer's
# stale `.part` file at start and keeps a live one.
#
# Three installations push 36 revisions in all; imports go to a fresh
# importing profile once one holds every month. Kill delays are random within
# the measured duration of one import (x2 for a --sync), so they land mid-run.
#
# usage: kill_loop_test.sh MOBILIZA_EXE MOBILIZA_HUB_EXE [ITERATIONS]
# MOBILIZA_KILL_SEED=N repeats a run.
source "$(dirname "$0")/lib.sh"

APP=${1:?usage: kill_loop_test.sh MOBILIZA_EXE MOBILIZA_HUB_EXE [ITERATIONS]}
HUB_EXE=${2:?usage: kill_loop_test.sh MOBILIZA_EXE MOBILIZA_HUB_EXE [ITERATIONS]}
ITERATIONS=${3:-30}
export QT_QPA_PLATFORM=offscreen MOBILIZA_LANG=en
SEED=${MOBILIZA_KILL_SEED:-$(($(date +%s) % 100000))}
RANDOM=$SEED
log "seed $SEED ($ITERATIONS iterations; repeat with MOBILIZA_KILL_SEED=$SEED)"
START=$(date +%s)

app() { "$APP" --lang en "$@"; }
hubcli() { MOBILIZA_LANG=en "$HUB_EXE" "$@"; }

# ------------------------------------------------------------------ set-up
# Three installations with 12 concluded months each (36 revisions to push), so
# most kills land in real work; packages of the first one to import.
CLIENTS=(3106200 3118601 3136702) # Belo Horizonte, Contagem, Juiz de Fora
HUB=$WORK/hub
for ibge in "${CLIENTS[@]}"; do
  app --data-dir "$WORK/c$ibge" --municipality "$ibge" --demo-data --status >"$WORK/c$ibge.status0" ||
    fatal "the demonstration profile of $ibge could not be made"
done
BH=$WORK/c3106200
mapfile -t MONTHS < <(awk -F'\t' '$2 == "ready" { print $1 }' "$WORK/c3106200.status0")
[ "${#MONTHS[@]}" -ge 12 ] || fatal "expected 12 concluded months, got ${#MONTHS[@]}"
mkdir -p "$WORK/pkgs"
for m in "${MONTHS[@]}"; do
  app --data-dir "$BH" --export package --month "$m" --out "$WORK/pkgs/$m.mobiliza" >/dev/null ||
    fatal "no package of $m"
done

# Calibration: how long one whole import takes here (a throwaway profile), so
# the random kill delays land inside the runs on a fast machine and a slow one.
now_ms() { date +%s%3N; }
app --data-dir "$WORK/calibration" --municipality 3106200 --status >/dev/null
t0=$(now_ms)
app --data-dir "$WORK/calibration" --import-package "$WORK/pkgs/${MONTHS[0]}.mobiliza" >/dev/null ||
  fatal "the calibration import failed"
RUN_MS=$(($(now_ms) - t0))
[ "$RUN_MS" -ge 40 ] || RUN_MS=40
log "one import takes ${RUN_MS} ms: kills land within 0-${RUN_MS} ms of an import, 0-$((2 * RUN_MS)) ms of a --sync"

# A crashed hub writer's .part (hours old) and a live one (now), before the hub starts.
mkdir -p "$HUB/blobs/ab"
echo stale >"$HUB/blobs/ab/.ab00.1111.part"
touch -d '3 hours ago' "$HUB/blobs/ab/.ab00.1111.part"
echo live >"$HUB/blobs/ab/.ab00.2222.part"
start_hub "$HUB_EXE" "$HUB"
check "the hub removed the stale .part file at start" test ! -e "$HUB/blobs/ab/.ab00.1111.part"
check "…and kept the live one" test -e "$HUB/blobs/ab/.ab00.2222.part"
rm -f "$HUB/blobs/ab/.ab00.2222.part"
HUB_URL="http://127.0.0.1:$HUB_PORT"
for ibge in "${CLIENTS[@]}"; do
  CODE=$(enroll_code "$HUB_EXE" "$HUB" "$ibge")
  check "installation $ibge enrolls" app --data-dir "$WORK/c$ibge" --hub "$HUB_URL" --enroll "$CODE"
done

# ------------------------------------------------------------------ the loop
after_kill_checks() {
  local i=$1 what=$2 dir=$3 verdict bad
  verdict=$(integrity_of "$dir/mobiliza.sqlite")
  bad=$(blobs_bad "$dir/blobs" | grep -v '(.part)$')
  if [ "$verdict" != ok ] || [ -n "$bad" ]; then
    printf 'FAIL iteration %s (%s): integrity [%s], bad blobs [%s]\n' "$i" "$what" "$verdict" "$bad"
    FAILURES=$((FAILURES + 1))
  fi
  CHECKS=$((CHECKS + 1))
}

# The importing profiles: a new one when the current one holds every month.
IMPORTERS=0
new_importer() {
  IMPORTERS=$((IMPORTERS + 1))
  IMP=$WORK/imp$IMPORTERS
  app --data-dir "$IMP" --municipality 3106200 --status >/dev/null || fatal "the importing profile could not be made"
}
new_importer

KILLED=0
COMPLETED=0
for ((i = 1; i <= ITERATIONS; i++)); do
  if ((i % 2)); then
    delay_ms=$((RANDOM % (2 * RUN_MS)))
    ibge=${CLIENTS[$((RANDOM % ${#CLIENTS[@]}))]}
    what="--sync of $ibge"
    dir=$WORK/c$ibge
    # Started directly, not through the app() function: a backgrounded function
    # is a bash subshell, and $! would be the subshell, not the client.
    "$APP" --lang en --data-dir "$dir" --sync >/dev/null 2>&1 &
  else
    delay_ms=$((RANDOM % RUN_MS))
    have=$(app --data-dir "$IMP" --status | cut -f1)
    todo=()
    for m in "${MONTHS[@]}"; do grep -qx "$m" <<<"$have" || todo+=("$m"); done
    if [ "${#todo[@]}" -eq 0 ]; then
      new_importer
      todo=("${MONTHS[@]}")
    fi
    m=${todo[$((RANDOM % ${#todo[@]}))]}
    what="--import-package $m into imp$IMPORTERS"
    dir=$IMP
    "$APP" --lang en --data-dir "$IMP" --import-package "$WORK/pkgs/$m.mobiliza" >/dev/null 2>&1 &
  fi
  pid=$!
  # The random delay is the thing under test (where the kill lands), not synchronisation.
  sleep "$((delay_ms / 1000)).$(printf '%03d' $((delay_ms % 1000)))"
  kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  # Killed mid-run only when the client really died of the signal (128 + 9);
  # otherwise it had finished before the kill came.
  if [ $? -eq 137 ]; then
    KILLED=$((KILLED + 1))
  else
    COMPLETED=$((COMPLETED + 1))
  fi
  # The kill reached the client itself: no client of this profile lives on.
  if pgrep -f -- "--data-dir $dir " >/dev/null; then
    fatal "iteration $i: a client of $dir still runs after the kill (the signal missed it)"
  fi
  after_kill_checks "$i" "$what after ${delay_ms} ms" "$dir"
done
log "loop: $ITERATIONS iterations, $KILLED killed mid-run, $COMPLETED finished before the kill"
# Some runs finish first (a --sync with nothing left is quick); the loop is
# only worth its name when a good share of the kills land mid-run.
check "at least a third of the runs were killed mid-run ($KILLED of $ITERATIONS)" test "$KILLED" -ge $((ITERATIONS / 3))

# ------------------------------------------------------------------ to completion
for ibge in "${CLIENTS[@]}"; do
  synced=1
  for try in 1 2 3 4 5; do
    if app --data-dir "$WORK/c$ibge" --sync >"$WORK/sync.out" 2>"$WORK/sync.err"; then
      synced=0
      break
    fi
  done
  check "$ibge: a --sync run to completion confirms everything (exit 0)" test "$synced" -eq 0
  app --data-dir "$WORK/c$ibge" --status >"$WORK/c$ibge.status1"
  expect_eq "$ibge: every concluded month is received" \
    "$(awk -F'\t' '$2 == "ready"' "$WORK/c$ibge.status0" | wc -l)" \
    "$(awk -F'\t' '$2 == "received"' "$WORK/c$ibge.status1" | wc -l)"
  expect_eq "integrity of $ibge" ok "$(integrity_of "$WORK/c$ibge/mobiliza.sqlite")"
  check "every blob of $ibge matches its name" test -z "$(blobs_bad "$WORK/c$ibge/blobs")"
done
hubcli reports --data "$HUB" >"$WORK/hub.reports"
expect_eq "the hub holds one line per concluded month of the three" $((3 * ${#MONTHS[@]})) "$(wc -l <"$WORK/hub.reports")"
expect_eq "…each report and revision exactly once" "$(wc -l <"$WORK/hub.reports")" \
  "$(awk -F'\t' '{ print $1 "\t" $4 }' "$WORK/hub.reports" | sort -u | wc -l)"
for ibge in "${CLIENTS[@]}"; do
  expect_eq "…12 of them from $ibge" 12 "$(awk -F'\t' -v m="$ibge" '$2 == m' "$WORK/hub.reports" | wc -l)"
done
for m in "${MONTHS[@]}"; do
  app --data-dir "$IMP" --import-package "$WORK/pkgs/$m.mobiliza" >/dev/null 2>>"$WORK/import.err" ||
    echo "$m" >>"$WORK/import.failed"
done
check "every package imports (or was already there) when not killed" test ! -s "$WORK/import.failed"
for ((k = 1; k <= IMPORTERS; k++)); do
  app --data-dir "$WORK/imp$k" --status >"$WORK/imp$k.status"
  expect_eq "imp$k holds no month twice" "$(wc -l <"$WORK/imp$k.status")" "$(cut -f1 "$WORK/imp$k.status" | sort -u | wc -l)"
  expect_eq "integrity of imp$k" ok "$(integrity_of "$WORK/imp$k/mobiliza.sqlite")"
  check "every blob of imp$k matches its name" test -z "$(blobs_bad "$WORK/imp$k/blobs" | grep -v '(.part)$')"
done
expect_eq "the last importing profile holds every month" "${#MONTHS[@]}" "$(wc -l <"$WORK/imp$IMPORTERS.status")"
check "every blob on the hub matches its name" test -z "$(blobs_bad "$HUB/blobs")"
sql_lines() { python3 -c 'import sqlite3,sys
for r in sqlite3.connect(sys.argv[1]).execute(sys.argv[2]): print(r[0])' "$1" "$2"; }
missing=0
needed=0
for ibge in "${CLIENTS[@]}"; do
  while read -r sha; do
    needed=$((needed + 1))
    [ -f "$HUB/blobs/${sha:0:2}/$sha" ] || missing=$((missing + 1))
  done < <(sql_lines "$WORK/c$ibge/mobiliza.sqlite" "SELECT DISTINCT p.sha256 FROM photos p
    JOIN actions a ON a.uuid = p.action_uuid JOIN reports r ON r.uuid = a.report_uuid WHERE r.state <> 'draft'")
done
check "the concluded months have photos ($needed)" test "$needed" -gt 0
expect_eq "the hub holds every photo of the concluded months" 0 "$missing"

if [ "$FAILURES" -gt 0 ]; then
  echo "--- hub reports"; cat "$WORK/hub.reports"; echo "--- last sync"; cat "$WORK/sync.out" "$WORK/sync.err"
  echo "--- import"; cat "$WORK/import.err" 2>/dev/null
fi
echo "kill loop: seed $SEED, $ITERATIONS iterations ($KILLED killed), $(($(date +%s) - START)) s"
finish
