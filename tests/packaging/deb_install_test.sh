#!/usr/bin/env bash
# The two Debian packages installed the way a state's IT installs them
# (docs/deployment.md §1): `apt-get install ./mobiliza_….deb ./mobiliza-hub_….deb`
# into a clean Debian 12 root made with debootstrap (no build packages in it),
# so the dependencies CPack computed must be complete. In that root the hub runs
# as its system user, an installation is enrolled, and the app, run headless by
# an ordinary user, syncs with it and exports a PDF. Then the hub is removed and
# purged: its data stays.
#
# The debootstrap root is cached outside the repository
# (MOBILIZA_DEBOOTSTRAP_CACHE, default /var/cache/mobiliza-tests), and so are the
# packages apt downloads into it: only the first run downloads them.
# Needs root (chroot, mount). Skipped (exit 77) only when the package archive
# cannot be reached.
#
# usage: deb_install_test.sh BUILD_DIR
source "$(dirname "$0")/../reliability/lib.sh"
source "$(dirname "$0")/packages.sh"
BUILD=${1:?usage: deb_install_test.sh BUILD_DIR}
SKIP=77
[ "$(id -u)" -eq 0 ] || fatal "this test needs root (debootstrap, chroot, mount); CI runs as root"
command -v debootstrap >/dev/null || fatal "debootstrap is missing (scripts/setup.sh installs it)"

CACHE=${MOBILIZA_DEBOOTSTRAP_CACHE:-/var/cache/mobiliza-tests}
BASE=$CACHE/bookworm-minbase
mkdir -p "$CACHE/apt-archives/partial"

# The Debian mirror this machine's apt uses (its sources, deb822 or one-line).
host_mirror() {
  local f
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    awk 'BEGIN { RS = ""; FS = "\n" }
         /Suites:[^\n]*bookworm([ \n]|$)/ && /Types:[^\n]*deb([ \n]|$)/ {
           for (i = 1; i <= NF; i++) if ($i ~ /^URIs:/) { split($i, a, /[ \t]+/); print a[2]; exit } }' "$f"
  done
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    sed -n 's/^deb[[:space:]]\+\(\[[^]]*\][[:space:]]\+\)\?\([^[:space:]]\+\)[[:space:]]\+bookworm[[:space:]].*/\2/p' "$f"
  done
}
MIRROR=$(host_mirror | head -1)
[ -n "$MIRROR" ] || fatal "no Debian 12 (bookworm) source in /etc/apt: cannot tell debootstrap where the archive is"

archive_reachable() {
  if command -v curl >/dev/null; then
    curl -sf --max-time 20 -o /dev/null "$MIRROR/dists/bookworm/Release"
  else
    apt-get -q -o Dir::Etc::SourceParts=/dev/null update >/dev/null 2>&1
  fi
}

# ---------------------------------------------------------------- the clean root
if [ ! -x "$BASE/usr/bin/apt-get" ]; then
  log "making the cached Debian 12 root (debootstrap --variant=minbase) in $BASE"
  if ! archive_reachable; then
    echo "SKIPPED: the Debian package archive ($MIRROR) cannot be reached; this test installs into a fresh Debian 12 root from it."
    exit $SKIP
  fi
  (
    exec 9>"$CACHE/.lock"
    flock 9
    [ -x "$BASE/usr/bin/apt-get" ] && exit 0
    rm -rf "$BASE.partial"
    debootstrap --variant=minbase bookworm "$BASE.partial" "$MIRROR" >"$WORK/debootstrap.log" 2>&1 &&
      mv "$BASE.partial" "$BASE"
  ) || { tail -n 30 "$WORK/debootstrap.log"; fatal "debootstrap failed (the archive answered)"; }
fi

build_packages "$BUILD"

ROOT=$WORK/root
log "copying the clean root"
cp -a "$BASE" "$ROOT"
# The same sources as this machine (Debian 12, its updates and security), and DNS.
rm -f "$ROOT/etc/apt/sources.list"
cp /etc/apt/sources.list.d/*.sources "$ROOT/etc/apt/sources.list.d/" 2>/dev/null || true
[ -f /etc/apt/sources.list ] && cp /etc/apt/sources.list "$ROOT/etc/apt/sources.list"
# (A snapshot mirror's Release files are past their Valid-Until: as on this machine.)
printf 'Acquire::Check-Valid-Until "false";\n' >"$ROOT/etc/apt/apt.conf.d/99mobiliza-test"
cp -L /etc/resolv.conf "$ROOT/etc/resolv.conf" 2>/dev/null || true

mount -t proc proc "$ROOT/proc" && cleanup_add "umount -l '$ROOT/proc'"
mount --bind /dev "$ROOT/dev" && cleanup_add "umount -l '$ROOT/dev'"
mount --bind /dev/pts "$ROOT/dev/pts" && cleanup_add "umount -l '$ROOT/dev/pts'"
mount --bind "$CACHE/apt-archives" "$ROOT/var/cache/apt/archives" &&
  cleanup_add "umount -l '$ROOT/var/cache/apt/archives'"
# Nothing we started may outlive the test inside the root (umount -l above, rm after).

in_root() { chroot "$ROOT" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"; }

log "apt-get update in the root"
if ! in_root apt-get -q update >"$WORK/apt-update.log" 2>&1; then
  if ! archive_reachable; then
    echo "SKIPPED: the Debian package archive cannot be reached now (apt-get update failed)."
    exit $SKIP
  fi
  cat "$WORK/apt-update.log"
  fatal "apt-get update failed in the root"
fi
check "the root is clean: no compiler, no Qt development files" \
  bash -c '! chroot "$1" dpkg-query -W -f="\${Status}\n" g++ qt6-base-dev cmake 2>/dev/null | grep -q "install ok"' _ "$ROOT"

cp "$APP_DEB" "$HUB_DEB" "$ROOT/tmp/"
APP_FILE=/tmp/$(basename "$APP_DEB")
HUB_FILE=/tmp/$(basename "$HUB_DEB")
log "apt-get install ./$(basename "$APP_DEB") ./$(basename "$HUB_DEB") (no recommended packages)"
install_both() {
  in_root apt-get -q -y --no-install-recommends install "$APP_FILE" "$HUB_FILE" >"$WORK/apt-install.log" 2>&1 ||
    { tail -n 40 "$WORK/apt-install.log"; return 1; }
}
check "apt-get installs both packages and their dependencies into the clean root" install_both
grep -E "^(Setting up|mobiliza-hub:)" "$WORK/apt-install.log" | grep -i mobiliza
expect_eq "dpkg: mobiliza is installed" "install ok installed" "$(in_root dpkg-query -W -f='${Status}' mobiliza 2>&1)"
expect_eq "dpkg: mobiliza-hub is installed" "install ok installed" "$(in_root dpkg-query -W -f='${Status}' mobiliza-hub 2>&1)"
check "every library the programs link is there (ldd)" \
  bash -c '! chroot "$1" ldd /usr/bin/mobiliza /usr/bin/mobiliza-hub | grep "not found"' _ "$ROOT"
expect_eq "mobiliza --version" "mobiliza $(dpkg-deb -f "$APP_DEB" Version)" \
  "$(in_root mobiliza --version 2>/dev/null | head -1)"

# ---------------------------------------------------------------- the service's user and folders
HUBUSER=$(in_root getent passwd mobiliza-hub)
check "the system user mobiliza-hub exists, without a login shell" \
  bash -c 'IFS=: read -r _ _ uid _ _ home shell <<<"$1"; [ "$uid" -lt 1000 ] && [ "$home" = /var/lib/mobiliza-hub ] && [ "$shell" = /usr/sbin/nologin ]' _ "$HUBUSER"
expect_eq "/var/lib/mobiliza-hub: the service's only" "mobiliza-hub:mobiliza-hub 700" \
  "$(in_root stat -c '%U:%G %a' /var/lib/mobiliza-hub)"
expect_eq "/etc/mobiliza-hub: readable by the service, not by others" "root:mobiliza-hub 750" \
  "$(in_root stat -c '%U:%G %a' /etc/mobiliza-hub)"
check "the service is enabled for the next boot" \
  test -L "$ROOT/etc/systemd/system/multi-user.target.wants/mobiliza-hub.service"
check "mobiliza-hub is on PATH" in_root sh -c 'command -v mobiliza-hub'

# ---------------------------------------------------------------- the hub, as its user
as_hub() { chroot --userspec=mobiliza-hub:mobiliza-hub "$ROOT" env -i PATH=/usr/bin:/bin HOME=/var/lib/mobiliza-hub MOBILIZA_LANG=en "$@"; }
: >"$WORK/hub.out"
# exec: $! is the hub itself (chroot and env exec it), so stopping it stops the hub.
(exec chroot --userspec=mobiliza-hub:mobiliza-hub "$ROOT" env -i PATH=/usr/bin:/bin HOME=/var/lib/mobiliza-hub \
  MOBILIZA_LANG=en mobiliza-hub serve --listen 127.0.0.1:0 --data /var/lib/mobiliza-hub) \
  >"$WORK/hub.out" 2>"$WORK/hub.err" &
HUB_PID=$!
cleanup_add "stop_pid $HUB_PID"
for _ in $(seq 1 150); do
  grep -q '^listening on ' "$WORK/hub.out" && break
  kill -0 "$HUB_PID" 2>/dev/null || break
  sleep 0.1
done
HUB_PORT=$(sed -n 's/^listening on .*:\([0-9]*\)$/\1/p' "$WORK/hub.out" | head -1)
[ -n "$HUB_PORT" ] || { cat "$WORK/hub.err"; fatal "the installed mobiliza-hub did not start as its user"; }
log "the installed hub listens on 127.0.0.1:$HUB_PORT"
CODE=$(as_hub mobiliza-hub enroll --data /var/lib/mobiliza-hub --municipality 3106200 --label "SMS Belo Horizonte" | tail -n 1)
check "mobiliza-hub enroll prints a one-time code" test -n "$CODE"

# ---------------------------------------------------------------- the app, headless, as a person
in_root useradd --create-home --shell /bin/sh secretaria
as_person() {
  chroot --userspec=secretaria:secretaria "$ROOT" env -i PATH=/usr/bin:/bin HOME=/home/secretaria \
    LANG=C.UTF-8 MOBILIZA_LANG=en "$@"
}
P=/home/secretaria/perfil
MONTH=$(date -d "$(date +%Y-%m-15) -1 month" +%Y-%m)
check "mobiliza: a municipality's profile with the demonstration data (--status)" \
  as_person mobiliza --data-dir "$P" --municipality 3106200 --demo-data --status
as_person mobiliza --data-dir "$P" --status >"$WORK/status0" 2>&1
check "--status lists the concluded month $MONTH" grep -qE "^$MONTH[[:space:]]" "$WORK/status0"
check "mobiliza --hub … --enroll CODE" as_person mobiliza --data-dir "$P" --hub "http://127.0.0.1:$HUB_PORT" --enroll "$CODE"
sync_ok() { as_person mobiliza --data-dir "$P" --sync >"$WORK/sync.out" 2>&1 || { cat "$WORK/sync.out"; return 1; }; }
check "mobiliza --sync: everything sent and confirmed (exit 0)" sync_ok
as_hub mobiliza-hub reports --data /var/lib/mobiliza-hub >"$WORK/reports" 2>&1
check "the installed hub holds Belo Horizonte's months" \
  bash -c '[ "$(awk -F"\t" "\$2 == \"3106200\"" "$1" | wc -l)" -ge 12 ]' _ "$WORK/reports"
as_person mobiliza --data-dir "$P" --status >"$WORK/status1" 2>&1
check "--status after the sync: $MONTH received by the hub" grep -qE "^$MONTH[[:space:]]+received" "$WORK/status1"
check "mobiliza --export pdf" as_person mobiliza --data-dir "$P" --export pdf --month "$MONTH" --out /home/secretaria/relatorio.pdf
check "the PDF is a PDF (fonts and Qt's plugins from the dependencies)" \
  bash -c '[ "$(head -c 5 "$1")" = "%PDF-" ] && [ "$(stat -c %s "$1")" -gt 20000 ]' _ "$ROOT/home/secretaria/relatorio.pdf"
expect_eq "the profile is its owner's only" "secretaria 700" "$(in_root stat -c '%U %a' "$P")"
expect_eq "the hub's store is the service's only" "mobiliza-hub 600" \
  "$(in_root stat -c '%U %a' /var/lib/mobiliza-hub/hub.sqlite)"

# ---------------------------------------------------------------- removal
stop_pid "$HUB_PID"
wait "$HUB_PID" 2>/dev/null
expect_eq "the installed hub stops cleanly on SIGTERM (what systemctl stop sends)" 0 "$?"
check "…and no hub is left running from the root" \
  bash -c '! pgrep -f "^mobiliza-hub serve --listen 127.0.0.1:0 --data /var/lib/mobiliza-hub" >/dev/null' _
apt_quiet() { in_root apt-get -q -y "$@" >"$WORK/apt-$1.log" 2>&1 || { tail -n 30 "$WORK/apt-$1.log"; return 1; }; }
check "apt-get purge mobiliza-hub" apt_quiet purge mobiliza-hub
grep "mobiliza-hub:" "$WORK/apt-purge.log"
check "…keeps the reports and photos (/var/lib/mobiliza-hub)" test -s "$ROOT/var/lib/mobiliza-hub/hub.sqlite"
check "…and removes the unit's enablement" \
  bash -c '! test -e "$1/etc/systemd/system/multi-user.target.wants/mobiliza-hub.service"' _ "$ROOT"
check "apt-get remove mobiliza" apt_quiet remove mobiliza
check "…keeps the person's profile" test -d "$ROOT$P"

finish
