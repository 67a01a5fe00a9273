#!/usr/bin/env bash
# Installs the Debian 12 packages Mobiliza needs (only the missing ones),
# then configures and builds. Used by run.sh and test.sh; safe to re-run.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
  cmake ninja-build g++ pkg-config lld
  qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite libqt6sql6-psql
  libssl-dev libmicrohttpd-dev qt6-httpserver-dev qt6-websockets-dev qt6-charts-dev libqt6opengl6-dev qt6-svg-dev
  qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n
  qt6-image-formats-plugins libgl-dev catch2 libquazip1-qt6-dev qtkeychain-qt6-dev
  fonts-dejavu-core poppler-utils sqlite3 unzip python3
  libreoffice-calc-nogui
  postgresql nginx-light openssl curl
  # the field harness (bench/field): network namespaces, veth and tc
  iproute2
  # the packages and their checks (packaging/, tests/packaging)
  dpkg-dev librsvg2-bin lintian desktop-file-utils appstream shared-mime-info debootstrap nsis icoutils 7zip
  g++-mingw-w64-x86-64-posix binutils-mingw-w64-x86-64
)

source scripts/lib/packages.sh
install_missing "${PACKAGES[@]}"

PRESET="${MOBILIZA_PRESET:-default}"
echo "==> Configuring (preset: $PRESET)"
cmake --preset "$PRESET" >/dev/null
echo "==> Building"
cmake --build --preset "$PRESET"
