#!/usr/bin/env bash
# One command: install what is missing, build, and start Mobiliza on the
# default local profile. Extra arguments go to the app (e.g. --demo-data).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "note: no display found; starting with QT_QPA_PLATFORM=offscreen" >&2
  export QT_QPA_PLATFORM=offscreen
fi
exec ./build/app/mobiliza "$@"
