#!/usr/bin/env bash
# Renders every page of the real app offscreen, on fresh demonstration profiles of the three
# levels, into docs/screenshots/: at 1366×768 (the secretariats' laptops) as <page>.png, and
# at 1024×600 (the netbooks) as 1024x600/<page>.png. One page at another size:
#   MOBILIZA_SCREENSHOT_SIZE=1024x600 ./build/app/mobiliza --data-dir D --screenshot /tmp/p.png --page panel
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export QT_QPA_PLATFORM=offscreen
out=docs/screenshots
mkdir -p "$out/1024x600"
profiles=$(mktemp -d)
trap 'rm -rf "$profiles"' EXIT

# shoot PROFILE PREFIX PAGE...: each page at both sizes.
shoot() {
  local profile=$1 prefix=$2
  shift 2
  for page in "$@"; do
    ./build/app/mobiliza --data-dir "$profile" --screenshot "$out/$prefix$page.png" --page "$page"
    MOBILIZA_SCREENSHOT_SIZE=1024x600 \
      ./build/app/mobiliza --data-dir "$profile" --screenshot "$out/1024x600/$prefix$page.png" --page "$page"
  done
}

# A municipality.
./build/app/mobiliza --data-dir "$profiles/municipality" --demo-data --status >/dev/null
shoot "$profiles/municipality" "" reports editor partners sync panel settings
# The same municipality connected to a real hub (started here on an ephemeral port): one
# copy with its 12 months sent, and one whose hub stopped answering before it could send
# (the outbox waiting for the next attempt): sync-sent.png, sync-waiting.png.
hub=./build/sync/hub/mobiliza-hub
code_sent=$("$hub" enroll --data "$profiles/hub" --municipality 3106200 --label sent | tail -n 1)
code_waiting=$("$hub" enroll --data "$profiles/hub" --municipality 3106200 --label waiting | tail -n 1)
"$hub" serve --listen 127.0.0.1:0 --data "$profiles/hub" >"$profiles/hub.out" 2>&1 &
hub_pid=$!
trap 'kill $hub_pid 2>/dev/null; rm -rf "$profiles"' EXIT
for _ in $(seq 1 100); do
  grep -q '^listening on ' "$profiles/hub.out" && break
  sleep 0.1
done
port=$(sed -n 's/^listening on .*:\([0-9]*\)$/\1/p' "$profiles/hub.out" | head -1)
[ -n "$port" ] || { cat "$profiles/hub.out" >&2; echo "mobiliza-hub serve did not start" >&2; exit 1; }
for which in sent waiting; do
  ./build/app/mobiliza --data-dir "$profiles/$which" --demo-data --status >/dev/null
done
./build/app/mobiliza --data-dir "$profiles/sent" --hub "http://127.0.0.1:$port" --enroll "$code_sent" >/dev/null
./build/app/mobiliza --data-dir "$profiles/waiting" --hub "http://127.0.0.1:$port" --enroll "$code_waiting" >/dev/null
./build/app/mobiliza --data-dir "$profiles/sent" --sync >/dev/null
kill "$hub_pid"
wait "$hub_pid" 2>/dev/null || true
# Exits 1: the hub does not answer, and the outbox keeps its 12 months.
./build/app/mobiliza --data-dir "$profiles/waiting" --sync >/dev/null 2>&1 || true
for which in sent waiting; do
  ./build/app/mobiliza --data-dir "$profiles/$which" --screenshot "$out/sync-$which.png" --page sync
  MOBILIZA_SCREENSHOT_SIZE=1024x600 \
    ./build/app/mobiliza --data-dir "$profiles/$which" --screenshot "$out/1024x600/sync-$which.png" --page sync
done
# The regional desk (a URS with its demonstration replica).
./build/app/mobiliza --data-dir "$profiles/urs" --role urs --urs Barbacena --demo-data --status >/dev/null
shoot "$profiles/urs" urs- inbox report history coverage batches partners panel sync
# The central level (the state's replica).
./build/app/mobiliza --data-dir "$profiles/central" --role central --demo-data --status >/dev/null
shoot "$profiles/central" central- inbox report coverage panel targets
# The apoio program's apoiador (CONASEMS–COSEMS Rede Colaborativa).
./build/app/mobiliza --data-dir "$profiles/apoiador" --program apoio_cosems --role apoiador --uf BA --demo-data \
  --status >/dev/null
shoot "$profiles/apoiador" apoio- reports editor sync
# Its COSEMS coordination (the demonstration copy of Bahia's apoiadores).
./build/app/mobiliza --data-dir "$profiles/cosems" --program apoio_cosems --role cosems --uf BA --demo-data \
  --status >/dev/null
shoot "$profiles/cosems" cosems- inbox report coverage panel
# The CONASEMS (the demonstration copy of eight states' apoiadores).
./build/app/mobiliza --data-dir "$profiles/conasems" --program apoio_cosems --role conasems --demo-data \
  --status >/dev/null
shoot "$profiles/conasems" conasems- panel
# The first-run dialog.
MOBILIZA_SCREENSHOT_DIR="$PWD/$out" ./build/tests/app/test_app "municipality dialog: accent-free*" >/dev/null
echo "screenshots written to $out/ and $out/1024x600/"
