#!/usr/bin/env bash
# The two Debian packages are clean for the tools a distribution checks them
# with: lintian (every override justified in packaging/debian/*.lintian-overrides),
# desktop-file-validate, appstreamcli, and the MIME database that makes a
# double-click on a .mobiliza or .mobiliza-lote file open the app.
#
# usage: deb_lint_test.sh BUILD_DIR
source "$(dirname "$0")/../reliability/lib.sh"
source "$(dirname "$0")/packages.sh"
BUILD=${1:?usage: deb_lint_test.sh BUILD_DIR}
for tool in lintian desktop-file-validate appstreamcli update-mime-database dpkg-deb; do
  command -v "$tool" >/dev/null || fatal "$tool is missing (scripts/setup.sh installs it)"
done

build_packages "$BUILD"

# lintian: errors, warnings and even informational tags fail, unless overridden
# with a reason in the package's overrides file.
lintian_clean() {
  local out
  out=$(lintian --fail-on error,warning,info --display-info --tag-display-limit 0 "$1" 2>&1)
  local rc=$?
  [ -n "$out" ] && printf '%s\n' "$out"
  return $rc
}
check "lintian: mobiliza is clean" lintian_clean "$APP_DEB"
check "lintian: mobiliza-hub is clean" lintian_clean "$HUB_DEB"

# The installed files, as the package holds them.
ROOT=$WORK/app-root
dpkg-deb -x "$APP_DEB" "$ROOT"
HUBROOT=$WORK/hub-root
dpkg-deb -x "$HUB_DEB" "$HUBROOT"
DESKTOP=$ROOT/usr/share/applications/br.gov.mg.saude.Mobiliza.desktop
METAINFO=$ROOT/usr/share/metainfo/br.gov.mg.saude.Mobiliza.metainfo.xml
MIME=$ROOT/usr/share/mime/packages/br.gov.mg.saude.Mobiliza.xml

validate_desktop() {
  local out
  out=$(desktop-file-validate "$DESKTOP" 2>&1) || { printf '%s\n' "$out"; return 1; }
  [ -z "$out" ] || { printf '%s\n' "$out"; return 1; } # hints and warnings count too
}
check "desktop-file-validate: the .desktop file is clean" validate_desktop
validate_metainfo() {
  local out
  out=$(appstreamcli validate --no-net --pedantic --explain "$METAINFO" 2>&1)
  local rc=$?
  printf '%s\n' "$out" | tail -n 20
  [ $rc -eq 0 ] && printf '%s\n' "$out" | grep -q "Validation was successful"
}
check "appstreamcli validate --pedantic: the metainfo is clean" validate_metainfo
check "the metainfo describes the app in pt-BR and English, with releases and a content rating" \
  bash -c 'grep -q "<p xml:lang=\"pt-BR\">" "$1" && grep -q "<release version=" "$1" && grep -q "<content_rating" "$1" &&
    grep -q "<screenshot type=\"default\">" "$1" && grep -q "<url type=\"homepage\">" "$1"' _ "$METAINFO"
check "the metainfo's release is this version" grep -q "<release version=\"$(dpkg-deb -f "$APP_DEB" Version)\"" "$METAINFO"

# Icons: the scalable one and every hicolor size, each the size its folder says.
icons_ok() {
  local size f bad=0
  [ -f "$ROOT/usr/share/icons/hicolor/scalable/apps/br.gov.mg.saude.Mobiliza.svg" ] || { echo "no scalable icon"; bad=1; }
  for size in 16 22 24 32 48 64 128 256 512; do
    f=$ROOT/usr/share/icons/hicolor/${size}x${size}/apps/br.gov.mg.saude.Mobiliza.png
    if [ ! -f "$f" ]; then echo "missing $f"; bad=1; continue; fi
    # PNG: width and height are the big-endian words at bytes 16 and 20.
    local wh
    wh=$(od -An -tu1 -j16 -N8 "$f" | awk '{print $1*16777216+$2*65536+$3*256+$4 "x" $5*16777216+$6*65536+$7*256+$8}')
    [ "$wh" = "${size}x${size}" ] || { echo "$f is $wh"; bad=1; }
  done
  return $bad
}
check "icons at every hicolor size (16 to 512 px) and scalable" icons_ok
check "the .desktop file names the installed icon" grep -qx "Icon=br.gov.mg.saude.Mobiliza" "$DESKTOP"

# MIME: the shared MIME database built from the package's file knows both
# extensions, and the .desktop file opens both types.
mimedb=$WORK/mime
mkdir -p "$mimedb/packages"
cp "$MIME" "$mimedb/packages/"
check "update-mime-database takes the package's MIME file" env XDG_DATA_DIRS="$WORK" update-mime-database "$mimedb"
check "a .mobiliza file is a Mobiliza report package" grep -q "application/x-mobiliza-package:\*\.mobiliza$" "$mimedb/globs2"
check "a .mobiliza-lote file is a Mobiliza batch file" grep -q "application/x-mobiliza-batch:\*\.mobiliza-lote$" "$mimedb/globs2"
check "the .desktop file opens both types" \
  grep -qx "MimeType=application/x-mobiliza-package;application/x-mobiliza-batch;" "$DESKTOP"
check "the pt-BR name of each type" bash -c '[ "$(grep -c "xml:lang=\"pt_BR\"" "$1")" -ge 2 ]' _ "$MIME"

# The hub's package: the program, the unit, the example site, the docs, the man page.
for f in usr/bin/mobiliza-hub usr/lib/systemd/system/mobiliza-hub.service \
  usr/share/doc/mobiliza-hub/examples/nginx-mobiliza-hub.conf usr/share/doc/mobiliza-hub/deployment.md \
  usr/share/man/man8/mobiliza-hub.8.gz usr/share/doc/mobiliza-hub/copyright; do
  check "mobiliza-hub holds /$f" test -s "$HUBROOT/$f"
done
check "mobiliza holds its man page" test -s "$ROOT/usr/share/man/man1/mobiliza.1.gz"
if command -v systemd-analyze >/dev/null; then
  # The unit as systemd reads it (the program's path is the package's).
  unit_ok() {
    local out
    out=$(systemd-analyze verify --man=no "$HUBROOT/usr/lib/systemd/system/mobiliza-hub.service" 2>&1 |
      grep -v "/usr/bin/mobiliza-hub\|Command .* is not executable")
    [ -z "$out" ] || { printf '%s\n' "$out"; return 1; }
  }
  check "systemd-analyze verify: the unit is clean" unit_ok
fi
check "dependencies were computed (shlibdeps): Qt and QuaZip for the app" \
  bash -c 'd=$(dpkg-deb -f "$1" Depends); [[ $d == *libqt6widgets6* && $d == *libquazip1-qt6* && $d == *libqt6sql6-sqlite* ]]' _ "$APP_DEB"
check "dependencies were computed (shlibdeps): libmicrohttpd for the hub" \
  bash -c 'd=$(dpkg-deb -f "$1" Depends); [[ $d == *libmicrohttpd12* && $d == *adduser* ]]' _ "$HUB_DEB"

finish
