#!/usr/bin/env bash
# Refresh translations/*.ts from the sources of core, sync and app.
set -euo pipefail
cd "$(dirname "$0")/.."
LUPDATE=$(command -v lupdate || echo /usr/lib/qt6/bin/lupdate)
[ -x "$LUPDATE" ] || LUPDATE=/usr/lib/qt6/bin/lupdate
"$LUPDATE" -locations relative -no-obsolete -I . core sync app -ts translations/mobiliza_pt_BR.ts translations/mobiliza_en.ts
