# Sourced by the packaging tests (after tests/reliability/lib.sh).
#
# build_packages BUILD_DIR: runs CPack on the build (nothing is rebuilt) into
# $WORK/packages and sets APP_DEB and HUB_DEB to the two files.
build_packages() {
  local build=$1
  [ -f "$build/CPackConfig.cmake" ] || fatal "no CPackConfig.cmake in $build (configure the project first)"
  log "cpack: the Debian packages of $build"
  if ! cpack --config "$build/CPackConfig.cmake" -G DEB -B "$WORK/packages" >"$WORK/cpack.log" 2>&1; then
    cat "$WORK/cpack.log"
    fatal "cpack failed"
  fi
  APP_DEB=$(ls "$WORK"/packages/mobiliza_*_*.deb 2>/dev/null | head -1)
  HUB_DEB=$(ls "$WORK"/packages/mobiliza-hub_*_*.deb 2>/dev/null | head -1)
  [ -n "$APP_DEB" ] && [ -n "$HUB_DEB" ] || { cat "$WORK/cpack.log"; fatal "cpack made no mobiliza and mobiliza-hub .deb"; }
  log "$(basename "$APP_DEB") ($(du -k "$APP_DEB" | cut -f1) KiB), $(basename "$HUB_DEB") ($(du -k "$HUB_DEB" | cut -f1) KiB)"
}
