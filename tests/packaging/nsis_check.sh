#!/usr/bin/env bash
# The Windows installer (packaging/windows/mobiliza.nsi), checked on Debian.
#
#   nsis_check.sh MOBILIZA_EXE SOURCE_DIR [--wine]
#
# MOBILIZA_EXE: the built Linux `mobiliza` (only its bytes matter: it stands in for
# mobiliza.exe). SOURCE_DIR: the repository (the script, the icon, the version).
#
# Always: a fake staged tree (the Linux binary as mobiliza.exe, empty files named like
# windeployqt's output and the other DLLs, the .ico made from the SVG); makensis compiles
# the whole script into an installer with warnings as errors; the .exe is a PE with the
# version and the asInvoker manifest, and holds exactly the staged files, byte for byte
# (7-Zip reads NSIS installers); an incomplete tree, or no VERSION, is refused; the
# SIGNCOMMAND hook signs the uninstaller, then the installer, and a failing signer fails.
#
# With --wine: the same script built for amd64 runs silently under wine64 (a throwaway
# prefix; nothing outside $WORK): refused on Windows 7; installed per user with the file
# types, the shortcut and the Uninstall entry; an upgrade removes what the old version
# had and the new one has not; a folder with someone else's file is refused; the
# uninstaller removes exactly what was installed, leaves the user's data (%APPDATA%) and
# anything it did not put there; the language follows Windows', pt-BR by default.
#
# Debian packages: nsis icoutils librsvg2-bin 7zip python3 (binutils for `strings`);
# with --wine also wine64.
# shellcheck source=SCRIPTDIR/../reliability/lib.sh
source "$(dirname "$0")/../reliability/lib.sh"

[ $# -ge 2 ] || fatal "usage: $0 MOBILIZA_EXE SOURCE_DIR [--wine]"
EXE=$1
SRC=$2
WITH_WINE=0
[ "${3:-}" = --wine ] && WITH_WINE=1
NSI=$SRC/packaging/windows/mobiliza.nsi
SVG=$SRC/resources/icons/mobiliza.svg
[ -f "$EXE" ] || fatal "no executable at $EXE"
[ -f "$NSI" ] || fatal "no $NSI"
[ -f "$SVG" ] || fatal "no $SVG"

need() { # need PROGRAM DEBIAN_PACKAGE
  command -v "$1" >/dev/null 2>&1 ||
    fatal "$1 is missing: install the Debian package $2 (apt-get install $2; scripts/setup.sh lists it)"
}
need makensis nsis
need rsvg-convert librsvg2-bin
need icotool icoutils
need 7zz 7zip
need strings binutils
need python3 python3

VERSION=$(sed -n 's/^project(Mobiliza VERSION \([0-9][0-9.]*\).*/\1/p' "$SRC/CMakeLists.txt")
[ -n "$VERSION" ] || fatal "no 'project(Mobiliza VERSION x.y.z' in $SRC/CMakeLists.txt"
log "version $VERSION"

# ---------------------------------------------------------------- the icon
log "mobiliza.ico from $SVG"
mkdir -p "$WORK/icon"
for size in 16 24 32 48 64 128 256; do
  rsvg-convert -w "$size" -h "$size" "$SVG" -o "$WORK/icon/$size.png" || fatal "rsvg-convert failed ($size px)"
done
# 256 px stored as PNG (-r), the Vista+ convention; the others as bitmaps.
icotool -c -o "$WORK/mobiliza.ico" "$WORK/icon/"{16,24,32,48,64,128}.png -r "$WORK/icon/256.png" ||
  fatal "icotool could not make the .ico"
expect_eq "the .ico holds 7 sizes, 16 to 256 px" 7 "$(icotool -l "$WORK/mobiliza.ico" | wc -l)"

# ---------------------------------------------------------------- the staged tree
# What `cmake --install` + windeployqt + the dependencies' DLLs put in the folder of
# mobiliza.exe (README.md, Staging). zlib1.dll is left out: an empty zlib1.dll beside
# the uninstaller breaks wine's own user32.dll, which imports that name.
STAGE=$WORK/stage
STAGED=(
  mobiliza.com
  Qt6Core.dll Qt6Core5Compat.dll Qt6Gui.dll Qt6Widgets.dll Qt6Sql.dll Qt6Network.dll
  Qt6Concurrent.dll Qt6Charts.dll Qt6Svg.dll Qt6OpenGL.dll Qt6OpenGLWidgets.dll
  D3Dcompiler_47.dll opengl32sw.dll
  quazip1-qt6.dll qt6keychain.dll
  vcruntime140.dll vcruntime140_1.dll msvcp140.dll msvcp140_1.dll msvcp140_2.dll
  platforms/qwindows.dll
  sqldrivers/qsqlite.dll sqldrivers/qsqlodbc.dll sqldrivers/qsqlpsql.dll
  imageformats/qgif.dll imageformats/qico.dll imageformats/qjpeg.dll imageformats/qsvg.dll
  iconengines/qsvgicon.dll
  styles/qwindowsvistastyle.dll
  tls/qschannelbackend.dll tls/qcertonlybackend.dll tls/qopensslbackend.dll
  networkinformation/qnetworklistmanager.dll
  generic/qtuiotouchplugin.dll
  translations/qt_pt_BR.qm translations/qt_en.qm translations/qtbase_pt_BR.qm
)
mkdir -p "$STAGE"
cp "$EXE" "$STAGE/mobiliza.exe"
cp "$WORK/mobiliza.ico" "$STAGE/mobiliza.ico"
for f in "${STAGED[@]}"; do
  mkdir -p "$STAGE/$(dirname "$f")"
  printf 'placeholder for %s\n' "$f" >"$STAGE/$f"
done
STAGE_BYTES=$(du -sb "$STAGE" | cut -f1)
staged_list() { (cd "$1" && find . -type f | sed 's|^\./||' | LC_ALL=C sort); }

# ---------------------------------------------------------------- compile
SETUP=$WORK/Mobiliza-setup.exe
log "makensis -V2 -WX (x86-unicode, the shipped target)"
makensis -V2 -WX -DSTAGE="$STAGE" -DVERSION="$VERSION" -DOUTFILE="$SETUP" "$NSI" >"$WORK/makensis.log" 2>&1
rc=$?
expect_eq "makensis compiles the whole script into an installer (warnings are errors)" 0 "$rc"
[ "$rc" -eq 0 ] || { cat "$WORK/makensis.log"; fatal "makensis failed"; }
expect_eq "makensis printed no warning" 0 "$(grep -ci warning "$WORK/makensis.log")"
[ -f "$SETUP" ] || fatal "makensis said nothing wrong but wrote no $SETUP"

expect_eq "the installer starts with MZ" MZ "$(head -c 2 "$SETUP")"
pe_offset=$(od -An -tu4 -j60 -N4 "$SETUP" | tr -d ' ')
expect_eq "the installer has a PE header" "50450000" "$(od -An -tx1 -j"$pe_offset" -N4 "$SETUP" | tr -d ' ')"
expect_eq "the installer is a 32-bit x86 PE (runs on every 64-bit Windows)" "4c01" \
  "$(od -An -tx1 -j$((pe_offset + 4)) -N2 "$SETUP" | tr -d ' ')"
size=$(stat -c %s "$SETUP")
log "installer: $size bytes for a $STAGE_BYTES-byte tree"
check "its size is plausible (over 1 MiB, between 5% of the tree and the tree plus 1 MiB)" \
  test "$size" -gt 1048576 -a "$size" -gt $((STAGE_BYTES / 20)) -a "$size" -lt $((STAGE_BYTES + 1048576))
check "the version resource says ProductVersion $VERSION" \
  bash -c "strings -el '$SETUP' | grep -A1 -x ProductVersion | grep -qx '$VERSION'"
check "the manifest asks for no administrator (asInvoker)" \
  grep -qa 'requestedExecutionLevel level="asInvoker"' "$SETUP"

# What the installer holds: 7-Zip lists an NSIS installer's files ($INSTDIR-relative).
7zz l -slt "$SETUP" >"$WORK/7z.list" 2>&1 || { cat "$WORK/7z.list"; fatal "7zz cannot read the installer"; }
# shellcheck disable=SC2016 # a literal $PLUGINSDIR
sed -n 's/^Path = //p' "$WORK/7z.list" | tail -n +2 | grep -v '^\$PLUGINSDIR/' | LC_ALL=C sort >"$WORK/payload.txt"
{ staged_list "$STAGE"; echo uninstall.exe; } | LC_ALL=C sort >"$WORK/expected-payload.txt"
payload_diff=$(diff "$WORK/expected-payload.txt" "$WORK/payload.txt")
expect_eq "the installer holds exactly the staged tree and the uninstaller" "" "$payload_diff"
check "the mobiliza.exe inside is the staged one, byte for byte" \
  bash -c "7zz e -so '$SETUP' mobiliza.exe 2>/dev/null | cmp -s - '$EXE'"

# The script's own rules, read from it.
check "no recursive delete anywhere (RMDir /r)" bash -c "! grep -qi 'RMDir */r' '$NSI'"
check "nothing written under HKLM (a per-user install)" bash -c "! grep -q 'HKLM' '$NSI'"
check "\$APPDATA (the user's data) only appears in texts shown to the user (and comments)" \
  bash -c "! grep -n '\\\$APPDATA' '$NSI' | grep -Ev '^[0-9]+:(LangString |[[:space:]]*;)'"

# Refusals.
mkdir -p "$WORK/partial"
cp -al "$STAGE/." "$WORK/partial/"
rm "$WORK/partial/sqldrivers/qsqlite.dll"
makensis -V1 -WX -DSTAGE="$WORK/partial" -DVERSION="$VERSION" -DOUTFILE="$WORK/partial.exe" "$NSI" >"$WORK/partial.log" 2>&1
check "a tree without sqldrivers/qsqlite.dll is refused" test $? -ne 0
check "... naming the missing file" grep -q 'qsqlite.dll is missing' "$WORK/partial.log"
check "... and no installer is written" test ! -e "$WORK/partial.exe"
makensis -V1 -WX -DSTAGE="$STAGE" -DOUTFILE="$WORK/noversion.exe" "$NSI" >"$WORK/noversion.log" 2>&1
check "no VERSION is refused" test $? -ne 0

# Another version: the same tree without iconengines/, with a new file and a small
# mobiliza.exe (only the list of files matters; it builds in a second).
STAGE2=$WORK/stage2
mkdir -p "$STAGE2"
cp -al "$STAGE/." "$STAGE2/"
rm -r "$STAGE2/iconengines" "$STAGE2/mobiliza.exe"
echo "mobiliza 9.9.9" >"$STAGE2/mobiliza.exe"
echo "new in 9.9.9" >"$STAGE2/qt6newthing.dll"

# Signing: SIGNCOMMAND signs the uninstaller as it goes into the installer, then the
# installer; a signer that fails stops the build.
cat >"$WORK/fake-sign.sh" <<'SIGNER'
printf '%s\t%s\n' "$1" "$(head -c 2 "$1")" >>"$(dirname "$0")/sign.log"
SIGNER
: >"$WORK/sign.log"
makensis -V2 -WX -DSIGNCOMMAND="bash '$WORK/fake-sign.sh' \"%1\"" -DSTAGE="$STAGE2" -DVERSION=9.9.9 \
  -DOUTFILE="$WORK/signed.exe" "$NSI" >"$WORK/signed.log" 2>&1
expect_eq "with SIGNCOMMAND, makensis exits 0" 0 "$?"
expect_eq "the signing command ran twice" 2 "$(wc -l <"$WORK/sign.log")"
first=$(sed -n 1p "$WORK/sign.log")
check "... first on the uninstaller, a PE being built" \
  test "${first##*$'\t'}" = MZ -a "${first%%$'\t'*}" != "$WORK/signed.exe"
expect_eq "... then on the installer" "$WORK/signed.exe"$'\t'MZ "$(sed -n 2p "$WORK/sign.log")"
makensis -V1 -WX -DSIGNCOMMAND='false "%1"' -DSTAGE="$STAGE2" -DVERSION=9.9.9 \
  -DOUTFILE="$WORK/unsigned.exe" "$NSI" >"$WORK/unsigned.log" 2>&1
check "a signer that fails fails the build" test $? -ne 0
check "... and leaves no installer" test ! -e "$WORK/unsigned.exe"

if [ "$WITH_WINE" -eq 0 ]; then
  finish
  exit $?
fi

# ================================================================ under wine64
WINE=$(command -v wine64 || echo /usr/lib/wine/wine64)
WINESERVER=$(command -v wineserver64 || echo /usr/lib/wine/wineserver64)
if [ ! -x "$WINE" ] || [ ! -x "$WINESERVER" ]; then
  fatal "wine64 is missing: install the Debian package wine64 (--wine runs the installer under it)"
fi

# wine64 runs 64-bit programs only: the same script, built for amd64.
SETUP64=$WORK/Mobiliza-setup-x64.exe
makensis -V2 -WX -DTARGET=amd64-unicode -DSTAGE="$STAGE" -DVERSION="$VERSION" -DOUTFILE="$SETUP64" "$NSI" \
  >"$WORK/makensis64.log" 2>&1
expect_eq "makensis builds the amd64 installer too" 0 "$?"
# The upgrade: version 9.9.9 (STAGE2, above).
SETUP2=$WORK/Mobiliza-9.9.9-setup-x64.exe
makensis -V2 -WX -DTARGET=amd64-unicode -DSTAGE="$STAGE2" -DVERSION=9.9.9 -DOUTFILE="$SETUP2" "$NSI" \
  >"$WORK/makensis2.log" 2>&1
expect_eq "makensis builds the 9.9.9 installer" 0 "$?"
if [ ! -f "$SETUP64" ] || [ ! -f "$SETUP2" ]; then
  fatal "no amd64 installers to run"
fi

# A throwaway prefix and home: wine writes nothing outside $WORK (no menu entries
# or MIME types for the desktop: winemenubuilder is off).
WINEPREFIX=$WORK/wineprefix
WINE_ENV=(HOME="$WORK/home" XDG_CONFIG_HOME="$WORK/home/.config" XDG_DATA_HOME="$WORK/home/.local/share"
  XDG_CACHE_HOME="$WORK/home/.cache" WINEPREFIX="$WINEPREFIX" WINEARCH=win64 WINEDEBUG=-all
  WINEDLLOVERRIDES="winemenubuilder.exe=d;mscoree,mshtml=")
mkdir -p "$WORK/home"
cleanup_add "env WINEPREFIX='$WINEPREFIX' '$WINESERVER' -k"
# [WINE_LANG=ll_CC.UTF-8] wine_run PROGRAM ARGS…: its exit code, once every process of
# the prefix has ended and the wineserver has written the registry files. Wine takes
# Windows' language from LANG (the locale need not exist on this machine).
wine_run() {
  local lang=${WINE_LANG:-C.UTF-8}
  env "${WINE_ENV[@]}" LANG="$lang" LC_ALL="$lang" "$WINE" "$@" </dev/null >>"$WORK/wine.out" 2>&1
  local rc=$?
  env "${WINE_ENV[@]}" "$WINESERVER" -w
  return $rc
}

log "a wine prefix (wineboot)"
wine_run wineboot -i || fatal "wineboot failed (see $WORK/wine.out)"
WUSER=$(id -un)
USERDIR=$WINEPREFIX/drive_c/users/$WUSER
INSTDIR=$USERDIR/AppData/Local/Programs/Mobiliza
WIN_INSTDIR="C:\\users\\$WUSER\\AppData\\Local\\Programs\\Mobiliza"
SHORTCUT="$USERDIR/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/Mobiliza.lnk"
DATA=$USERDIR/AppData/Roaming/Mobiliza/mobiliza
[ -d "$USERDIR" ] || fatal "wine made no $USERDIR"

# reg VALUE|KEY|VALUES KEY [NAME]: reads HKCU from the prefix's user.reg (written when
# the wineserver stops; wine_run waits for that). VALUE prints the value ("@" the
# default), or <absent>; KEY prints yes/no; VALUES the value names, sorted.
reg() {
  python3 - "$WINEPREFIX/user.reg" "$@" <<'PY'
import re, sys
path, what, key = sys.argv[1], sys.argv[2], sys.argv[3].lower()
name = sys.argv[4] if len(sys.argv) > 4 else None
def unescape(s):
    out, i = [], 0
    while i < len(s):
        c = s[i]
        if c == '\\' and i + 1 < len(s):
            n = s[i + 1]
            if n == 'x':
                m = re.match(r'[0-9a-fA-F]{1,4}', s[i + 2:])
                out.append(chr(int(m.group(0), 16))); i += 2 + len(m.group(0)); continue
            out.append({'n': '\n', 'r': '\r', 't': '\t', '0': '\0'}.get(n, n)); i += 2; continue
        out.append(c); i += 1
    return ''.join(out)
keys, cur = {}, None
for line in open(path, encoding='utf-8', errors='replace'):
    line = line.rstrip('\n')
    m = re.match(r'^\[(.*)\] \d+', line)
    if m:
        cur = keys.setdefault(unescape(m.group(1)).lower(), {}); continue
    if cur is None or not line or line[0] not in '@"':
        continue
    if line.startswith('@='):
        n, v = '@', line[2:]
    else:
        m = re.match(r'^"((?:[^"\\]|\\.)*)"=(.*)$', line)
        if not m: continue
        n, v = unescape(m.group(1)), m.group(2)
    if v.startswith('"') and v.endswith('"'):
        v = unescape(v[1:-1])
    cur[n.lower()] = v
if what == 'KEY':
    print('yes' if key in keys else 'no')
elif what == 'VALUES':
    print(' '.join(sorted(keys.get(key, {}))))
else:
    print(keys.get(key, {}).get(name.lower(), '<absent>'))
PY
}
CLASSES='Software\Classes'
UNINST='Software\Microsoft\Windows\CurrentVersion\Uninstall\Mobiliza'

# ---------------------------------------------------------------- Windows 7: refused
wine_run winecfg -v win7
wine_run "$SETUP64" /S
expect_eq "Windows 7: the installer refuses (exit code 4)" 4 "$?"
check "... and installs nothing" test ! -e "$INSTDIR"
wine_run winecfg -v win10

# ---------------------------------------------------------------- install (pt-BR Windows)
# Someone else's value under .mobiliza must survive the uninstaller.
wine_run reg add 'HKCU\Software\Classes\.mobiliza' /v PerceivedType /d document /f
mkdir -p "$DATA/blobs/ab"
echo "the secretariat's database" >"$DATA/mobiliza.sqlite"
echo "a photo" >"$DATA/blobs/ab/abcdef"
data_sum() { (cd "$DATA/.." && find . -type f -exec sha256sum {} + | LC_ALL=C sort | sha256sum | cut -c1-16); }
DATA_BEFORE=$(data_sum)

log "install $VERSION silently, Windows in pt-BR"
WINE_LANG=pt_BR.UTF-8 wine_run "$SETUP64" /S
expect_eq "the installer exits 0" 0 "$?"
{ staged_list "$STAGE"; echo mobiliza-install.log; echo uninstall.exe; } | LC_ALL=C sort >"$WORK/expected-installed.txt"
expect_eq "%LOCALAPPDATA%\\Programs\\Mobiliza holds the staged tree, the uninstaller and the log" "" \
  "$(staged_list "$INSTDIR" | diff "$WORK/expected-installed.txt" -)"
check "mobiliza.exe is the staged one" cmp -s "$INSTDIR/mobiliza.exe" "$EXE"
check "the Start-menu shortcut exists" test -f "$SHORTCUT"
expect_eq ".mobiliza opens as Mobiliza.Package" Mobiliza.Package "$(reg VALUE "$CLASSES\\.mobiliza" @)"
expect_eq ".mobiliza's content type" application/x-mobiliza-package "$(reg VALUE "$CLASSES\\.mobiliza" 'Content Type')"
expect_eq ".mobiliza-lote opens as Mobiliza.Batch" Mobiliza.Batch "$(reg VALUE "$CLASSES\\.mobiliza-lote" @)"
expect_eq ".mobiliza-lote's content type" application/x-mobiliza-batch "$(reg VALUE "$CLASSES\\.mobiliza-lote" 'Content Type')"
expect_eq "the package type's name, in pt-BR" "Pacote de relatório do Mobiliza" "$(reg VALUE "$CLASSES\\Mobiliza.Package" @)"
expect_eq "the batch type's name, in pt-BR" "Lote de relatórios do Mobiliza" "$(reg VALUE "$CLASSES\\Mobiliza.Batch" @)"
for progid in Mobiliza.Package Mobiliza.Batch; do
  expect_eq "$progid opens with mobiliza.exe \"%1\"" "\"$WIN_INSTDIR\\mobiliza.exe\" \"%1\"" \
    "$(reg VALUE "$CLASSES\\$progid\\shell\\open\\command" @)"
  expect_eq "$progid's icon" "$WIN_INSTDIR\\mobiliza.ico,0" "$(reg VALUE "$CLASSES\\$progid\\DefaultIcon" @)"
done
expect_eq "Uninstall: DisplayName" Mobiliza "$(reg VALUE "$UNINST" DisplayName)"
expect_eq "Uninstall: DisplayVersion" "$VERSION" "$(reg VALUE "$UNINST" DisplayVersion)"
expect_eq "Uninstall: Publisher" Mobiliza "$(reg VALUE "$UNINST" Publisher)"
expect_eq "Uninstall: DisplayIcon" "$WIN_INSTDIR\\mobiliza.ico" "$(reg VALUE "$UNINST" DisplayIcon)"
expect_eq "Uninstall: UninstallString" "\"$WIN_INSTDIR\\uninstall.exe\"" "$(reg VALUE "$UNINST" UninstallString)"
size_kb=$(reg VALUE "$UNINST" EstimatedSize)
check "Uninstall: EstimatedSize is the tree's size in KiB ($size_kb)" \
  test "$size_kb" != "<absent>" -a $((16#${size_kb#dword:})) -ge $((STAGE_BYTES / 1024))
expect_eq "the user's data are untouched by the install" "$DATA_BEFORE" "$(data_sum)"

# ---------------------------------------------------------------- upgrade
log "install 9.9.9 over it"
wine_run "$SETUP2" /S
expect_eq "the upgrade exits 0" 0 "$?"
{ staged_list "$STAGE2"; echo mobiliza-install.log; echo uninstall.exe; } | LC_ALL=C sort >"$WORK/expected-installed2.txt"
expect_eq "after the upgrade the folder holds exactly 9.9.9's tree (iconengines/ gone)" "" \
  "$(staged_list "$INSTDIR" | diff "$WORK/expected-installed2.txt" -)"
check "... and no empty iconengines folder is left" test ! -e "$INSTDIR/iconengines"
expect_eq "Uninstall: DisplayVersion after the upgrade" 9.9.9 "$(reg VALUE "$UNINST" DisplayVersion)"

# ---------------------------------------------------------------- someone else's file
echo "not Mobiliza's" >"$INSTDIR/notes.txt"
wine_run "$SETUP64" /S
expect_eq "a folder holding a file that is not Mobiliza's is refused (exit code 2)" 2 "$?"
expect_eq "... and left as it was" "mobiliza 9.9.9" "$(cat "$INSTDIR/mobiliza.exe")"

# ---------------------------------------------------------------- uninstall
log "uninstall silently"
wine_run "$INSTDIR/uninstall.exe" /S
expect_eq "the uninstaller exits 0" 0 "$?"
expect_eq "what was installed is gone; the file that was not Mobiliza's stays" "notes.txt" \
  "$(cd "$INSTDIR" 2>/dev/null && find . -mindepth 1 | sed 's|^\./||')"
check "the shortcut is gone" test ! -e "$SHORTCUT"
expect_eq "the Uninstall entry is gone" no "$(reg KEY "$UNINST")"
expect_eq "the Mobiliza.Package type is gone" no "$(reg KEY "$CLASSES\\Mobiliza.Package")"
expect_eq "the Mobiliza.Batch type is gone" no "$(reg KEY "$CLASSES\\Mobiliza.Batch")"
expect_eq ".mobiliza-lote is gone" no "$(reg KEY "$CLASSES\\.mobiliza-lote")"
expect_eq ".mobiliza keeps only the value that was not Mobiliza's" perceivedtype "$(reg VALUES "$CLASSES\\.mobiliza")"
expect_eq "the user's data are untouched by the uninstall (LGPD)" "$DATA_BEFORE" "$(data_sum)"

# ---------------------------------------------------------------- languages
WINE_LANG=es_ES.UTF-8 wine_run "$SETUP2" /S "/D=C:\\mobiliza-es"
expect_eq "Windows in Spanish: pt-BR, the default" "Pacote de relatório do Mobiliza" \
  "$(reg VALUE "$CLASSES\\Mobiliza.Package" @)"
WINE_LANG=en_US.UTF-8 wine_run "$SETUP2" /S "/D=C:\\mobiliza-en"
expect_eq "Windows in English: English" "Mobiliza report package" "$(reg VALUE "$CLASSES\\Mobiliza.Package" @)"

finish
