#!/usr/bin/env bash
# Bad luck (issue 7): the disk fills up. The client's profile and the hub's
# data folder live on a small tmpfs that a filler file fills to the last few KB;
# every command must then say "the disk is full" (and what to do), exit
# non-zero, leave no cut-short file under its final name, and leave the last
# committed state intact (PRAGMA integrity_check; --status / reports unchanged).
#
# Needs to mount a tmpfs: as root (CI), or re-executed in a user+mount
# namespace. If neither works it FAILS saying why; it never skips.
#
# usage: disk_full_test.sh MOBILIZA_EXE MOBILIZA_HUB_EXE
if [ "$(id -u)" -ne 0 ] && [ -z "${MOBILIZA_IN_USERNS:-}" ] &&
  unshare --user --map-root-user --mount true 2>/dev/null; then
  MOBILIZA_IN_USERNS=1 exec unshare --user --map-root-user --mount bash "$0" "$@"
fi
source "$(dirname "$0")/lib.sh"

APP=${1:?usage: disk_full_test.sh MOBILIZA_EXE MOBILIZA_HUB_EXE}
HUB_EXE=${2:?usage: disk_full_test.sh MOBILIZA_EXE MOBILIZA_HUB_EXE}
export QT_QPA_PLATFORM=offscreen
START=$(date +%s)

app() { "$APP" --lang en "$@"; }
app_pt() { "$APP" --lang pt_BR "$@"; }
hubcli() { MOBILIZA_LANG=en "$HUB_EXE" "$@"; }

# What the full disk must never be called, and what it must be called.
LIES='damaged|restore a backup|Nothing was changed|not a Mobiliza database'
FULL='disk is full'

# ------------------------------------------------------------------ set-up (not on the tmpfs)
log "a demonstration profile and its packages"
app --data-dir "$WORK/seed" --municipality 3106200 --demo-data --status >"$WORK/seed.status" ||
  fatal "the demonstration profile could not be made"
MONTH=$(awk -F'\t' '$2 == "ready" { print $1 }' "$WORK/seed.status" | tail -n 1)
[ -n "$MONTH" ] || fatal "no concluded month in the demonstration profile"
app --data-dir "$WORK/seed" --export package --month "$MONTH" --out "$WORK/month.mobiliza" >/dev/null ||
  fatal "no package of $MONTH"
SEED_KB=$(du -sk "$WORK/seed" | cut -f1)
SIZE_KB=$((SEED_KB + 6 * 1024))

MNT=$WORK/tfs
mount_tmpfs "$MNT" "${SIZE_KB}k"
log "tmpfs of ${SIZE_KB} KiB on $MNT (profile: ${SEED_KB} KiB)"

# ------------------------------------------------------------------ --export pdf onto a full disk
cp -a "$WORK/seed" "$MNT/p"
app --data-dir "$MNT/p" --status >"$WORK/p.status0"
check "the profile on the tmpfs answers --status" test -s "$WORK/p.status0"
fill_disk "$MNT" $((48 * 1024))
app --data-dir "$MNT/p" --export pdf --month "$MONTH" --out "$MNT/relatorio.pdf" >"$WORK/pdf.out" 2>"$WORK/pdf.err"
code=$?
check "--export pdf on a full disk exits non-zero" test "$code" -ne 0
check "…and says the disk is full" grep -q "$FULL" "$WORK/pdf.err"
check "…and never prints 'Saved'" bash -c '! grep -q "Saved" "$1"' _ "$WORK/pdf.out"
check "…and leaves no file under the final name" test ! -e "$MNT/relatorio.pdf"
check "…nor a temporary file beside it" bash -c '! ls -A "$1" | grep -q "relatorio"' _ "$MNT"
fill_disk "$MNT" 0
app_pt --data-dir "$MNT/p" --export csv --month "$MONTH" --out "$MNT/acoes.csv" >/dev/null 2>"$WORK/csv.err"
code=$?
check "--export csv in pt-BR: non-zero ($code), 'O disco está cheio'" bash -c '[ "$1" -ne 0 ] && grep -q "disco está cheio" "$2"' \
  _ "$code" "$WORK/csv.err"
# The same export with room succeeds (so the failure above was the disk, not the export).
free_disk "$MNT"
check "with room again, the same export succeeds" app --data-dir "$MNT/p" --export pdf --month "$MONTH" --out "$MNT/relatorio.pdf"
check "…and writes a whole PDF" bash -c 'tail -c 1024 "$1" | grep -q "%%EOF"' _ "$MNT/relatorio.pdf"
rm -f "$MNT/relatorio.pdf"
expect_eq "integrity of the profile after the export" ok "$(integrity_of "$MNT/p/mobiliza.sqlite")"
expect_eq "--status unchanged" "$(cat "$WORK/p.status0")" "$(app --data-dir "$MNT/p" --status)"
rm -rf "$MNT/p"

# ------------------------------------------------------------------ --import-package onto a full disk
app --data-dir "$MNT/imp" --municipality 3106200 --status >"$WORK/imp.status0"
fill_disk "$MNT" $((64 * 1024))
app --data-dir "$MNT/imp" --import-package "$WORK/month.mobiliza" >"$WORK/imp.out" 2>"$WORK/imp.err"
code=$?
check "--import-package on a full disk exits non-zero" test "$code" -ne 0
check "…and says the disk is full" grep -q "$FULL" "$WORK/imp.err"
check "…and never calls the database damaged or asks for a backup" bash -c '! grep -Eq "$1" "$2"' _ "$LIES" "$WORK/imp.err"
# Not a byte left: the database cannot even open its -shm file.
fill_disk "$MNT" 0
app --data-dir "$MNT/imp" --import-package "$WORK/month.mobiliza" >"$WORK/imp0.out" 2>"$WORK/imp0.err"
code=$?
check "--import-package with no byte free exits non-zero" test "$code" -ne 0
check "…and says the disk is full" grep -q "$FULL" "$WORK/imp0.err"
check "…and never calls the database damaged or asks for a backup" bash -c '! grep -Eq "$1" "$2"' _ "$LIES" "$WORK/imp0.err"
free_disk "$MNT"
expect_eq "integrity of the importing profile" ok "$(integrity_of "$MNT/imp/mobiliza.sqlite")"
expect_eq "--status of the importing profile unchanged" "$(cat "$WORK/imp.status0")" "$(app --data-dir "$MNT/imp" --status)"
check "with room again, the import succeeds" app --data-dir "$MNT/imp" --import-package "$WORK/month.mobiliza"
check "…and the month is there" grep -q "^$MONTH" <(app --data-dir "$MNT/imp" --status)
check "…and every photo file matches its name" test -z "$(blobs_bad "$MNT/imp/blobs")"
rm -rf "$MNT/imp"

# ------------------------------------------------------------------ --demo-data onto a full disk
for leave in 256 1024 3072; do
  rm -rf "$MNT/d"
  app --data-dir "$MNT/d" --municipality 3106200 --status >/dev/null
  fill_disk "$MNT" $((leave * 1024))
  app --data-dir "$MNT/d" --demo-data --status >"$WORK/demo.out" 2>"$WORK/demo.err"
  code=$?
  check "--demo-data with ${leave} KiB free exits non-zero" test "$code" -ne 0
  check "…and says the disk is full" grep -q "$FULL" "$WORK/demo.err"
  free_disk "$MNT"
  expect_eq "…integrity of the profile" ok "$(integrity_of "$MNT/d/mobiliza.sqlite")"
  reports=$(sql_value "$MNT/d/mobiliza.sqlite" "SELECT count(*) FROM reports")
  partners=$(sql_value "$MNT/d/mobiliza.sqlite" "SELECT count(*) FROM partners")
  demo=$(sql_value "$MNT/d/mobiliza.sqlite" "SELECT value FROM settings WHERE key = 'demo'")
  if grep -q "Nothing was added" "$WORK/demo.err"; then
    expect_eq "…'nothing was added' and nothing was: reports+partners" "0 0" "$reports $partners"
  else
    # What was left is said, and marked as demonstration data.
    check "…says what was left ($reports report(s), $partners partner(s))" \
      grep -q "($reports report(s), $partners partner(s))" "$WORK/demo.err"
    expect_eq "…and marks it as demonstration data" 1 "$demo"
  fi
  check "…never 'Nothing was changed' while data was left" \
    bash -c '! grep -q "Nothing was changed" "$1" || [ "$2" = "0 0" ]' _ "$WORK/demo.err" "$reports $partners"
done
rm -rf "$MNT/d"

# ------------------------------------------------------------------ the hub's data folder on a full disk
mkdir -p "$MNT/hub"
hubcli enroll --data "$MNT/hub" --municipality 3106200 >/dev/null || fatal "mobiliza-hub enroll failed"
hubcli reports --data "$MNT/hub" >"$WORK/hub.reports0"
fill_disk "$MNT" $((32 * 1024))
hubcli import --data "$MNT/hub" "$WORK/month.mobiliza" >"$WORK/hubimp.out" 2>"$WORK/hubimp.err"
code=$?
check "mobiliza-hub import on a full disk exits non-zero" test "$code" -ne 0
check "…and says the disk is full" grep -q "$FULL" "$WORK/hubimp.err"
check "…and never calls the database damaged" bash -c '! grep -Eq "$1" "$2"' _ "damaged|restore a backup" "$WORK/hubimp.err"
free_disk "$MNT"
HUB_DB=$(ls "$MNT"/hub/*.sqlite 2>/dev/null | head -1)
expect_eq "integrity of the hub's database" ok "$(integrity_of "$HUB_DB")"
expect_eq "the hub's reports unchanged" "$(cat "$WORK/hub.reports0")" "$(hubcli reports --data "$MNT/hub")"
check "the hub's blobs match their names (no half-written one)" test -z "$(blobs_bad "$MNT/hub/blobs")"
check "with room again, the hub imports the package" hubcli import --data "$MNT/hub" "$WORK/month.mobiliza"
expect_eq "…once" 1 "$(hubcli reports --data "$MNT/hub" --month "$MONTH" | wc -l)"

if [ "$FAILURES" -gt 0 ]; then
  for f in pdf.err csv.err imp.err imp0.err demo.err hubimp.err; do echo "--- $f"; cat "$WORK/$f" 2>/dev/null; done
fi
echo "disk-full test: $(($(date +%s) - START)) s"
finish
