#!/usr/bin/env bash
# Renders every page of the real app offscreen on a fresh demo profile into docs/screenshots/.
# The pictures are 1280×800; MOBILIZA_SCREENSHOT_SIZE=1024x600 (or 1366x768) renders a
# page at another size, to check it on small screens: e.g.
#   MOBILIZA_SCREENSHOT_SIZE=1024x600 ./build/app/mobiliza --data-dir D --screenshot /tmp/p.png --page panel
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export QT_QPA_PLATFORM=offscreen
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
mkdir -p docs/screenshots
./build/app/mobiliza --data-dir "$profile" --demo-data --status >/dev/null
for page in reports editor partners sync panel settings; do
  ./build/app/mobiliza --data-dir "$profile" --screenshot "docs/screenshots/$page.png" --page "$page"
done
# The regional desk (a URS profile with its demonstration replica).
urs=$(mktemp -d)
trap 'rm -rf "$profile" "$urs"' EXIT
./build/app/mobiliza --data-dir "$urs" --role urs --urs Barbacena --demo-data --status >/dev/null
for page in inbox report history coverage batches partners panel sync; do
  ./build/app/mobiliza --data-dir "$urs" --screenshot "docs/screenshots/urs-$page.png" --page "$page"
done
MOBILIZA_SCREENSHOT_DIR="$PWD/docs/screenshots" ./build/tests/app/test_app "municipality dialog: accent-free*" >/dev/null
echo "screenshots written to docs/screenshots/"
