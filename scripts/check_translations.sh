#!/usr/bin/env bash
# Runs lupdate over the sources into a copy of the committed pt-BR file and
# fails when any entry is unfinished (a new string without its translation).
set -euo pipefail
cd "$(dirname "$0")/.."
LUPDATE=/usr/lib/qt6/bin/lupdate
[ -x "$LUPDATE" ] || LUPDATE=$(command -v lupdate)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp translations/mobiliza_pt_BR.ts "$tmp/mobiliza_pt_BR.ts"
"$LUPDATE" -silent -locations none -no-obsolete -I . core sync app -ts "$tmp/mobiliza_pt_BR.ts" >/dev/null
total=$(grep -c '<message' "$tmp/mobiliza_pt_BR.ts" || true)
unfinished=$(grep -c 'type="unfinished"' "$tmp/mobiliza_pt_BR.ts" || true)
if [ "$unfinished" -gt 0 ]; then
  echo "error: $unfinished of $total pt-BR messages are unfinished. Run scripts/update_translations.sh and translate:" >&2
  grep -B3 'type="unfinished"' "$tmp/mobiliza_pt_BR.ts" | grep '<source>' | sed 's/^ */  /' | head -50 >&2
  exit 1
fi
echo "pt-BR: $total messages, all translated"
