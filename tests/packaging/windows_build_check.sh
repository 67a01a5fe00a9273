#!/usr/bin/env bash
# The Windows build rules (cmake/MobilizaWindows.cmake, app/windows), checked on Debian
# with its MinGW-w64 cross compiler: Qt has no MinGW build in Debian, so mobiliza.exe
# itself is a stand-in (tests/packaging/windows_probe.cpp) made of the app's own console
# code (app/platform/console.cpp) and built by the same CMake function as the app.
#
#   windows_build_check.sh SOURCE_DIR [--wine]
#
# Always: the function configures and builds with CMake; `cmake --install` stages exactly
# mobiliza.exe, mobiliza.com and mobiliza.ico (what packaging/windows/mobiliza.nsi takes);
# mobiliza.exe is a GUI program that imports AttachConsole and WriteConsoleW, mobiliza.com
# a console program that imports CreateProcessW and GetExitCodeProcess; both carry the
# icon (7 sizes, 16 to 256 px) and a version resource with this version, their own file
# names and an accented publisher intact (the .rc is UTF-8).
#
# With --wine (Debian's wine64): mobiliza.com runs mobiliza.exe with the same arguments
# and the same output, and exits with its code; mobiliza.exe's output redirected to a file
# is there, in UTF-8; without mobiliza.exe beside it, mobiliza.com says so and exits 127.
#
# Debian packages: cmake, g++-mingw-w64-x86-64-posix, binutils-mingw-w64-x86-64,
# librsvg2-bin, icoutils, python3; with --wine also wine64.
# shellcheck source=SCRIPTDIR/../reliability/lib.sh
source "$(dirname "$0")/../reliability/lib.sh"

[ $# -ge 1 ] || fatal "usage: $0 SOURCE_DIR [--wine]"
SRC=$(cd "$1" && pwd)
WINE=0
[ "${2:-}" = --wine ] && WINE=1

for tool in x86_64-w64-mingw32-g++-posix x86_64-w64-mingw32-windres x86_64-w64-mingw32-objdump \
  rsvg-convert icotool wrestool cmake python3; do
  command -v "$tool" >/dev/null || fatal "$tool is missing (scripts/setup.sh installs it)"
done
VERSION=$(sed -n 's/^project(Mobiliza VERSION \([0-9.]*\).*/\1/p' "$SRC/CMakeLists.txt")
[ -n "$VERSION" ] || fatal "no version in $SRC/CMakeLists.txt"
PUBLISHER="Secretaria de Estado de Saúde"

# ---------------------------------------------------------------- build and stage
cat >"$WORK/mingw.cmake" <<'TOOLCHAIN'
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(CMAKE_C_COMPILER x86_64-w64-mingw32-gcc-posix)
set(CMAKE_CXX_COMPILER x86_64-w64-mingw32-g++-posix)
set(CMAKE_RC_COMPILER x86_64-w64-mingw32-windres)
TOOLCHAIN
mkdir -p "$WORK/project"
cat >"$WORK/project/CMakeLists.txt" <<PROJECT
cmake_minimum_required(VERSION 3.25)
project(Mobiliza VERSION $VERSION LANGUAGES CXX RC)
set(CMAKE_CXX_STANDARD 20)
list(APPEND CMAKE_MODULE_PATH "$SRC/cmake")
add_compile_options("\$<\$<COMPILE_LANGUAGE:CXX>:-Wall;-Wextra;-Wpedantic;-Werror>")
add_executable(mobiliza "$SRC/tests/packaging/windows_probe.cpp" "$SRC/app/platform/console.cpp")
target_include_directories(mobiliza PRIVATE "$SRC")
target_link_options(mobiliza PRIVATE -static)
include(MobilizaWindows)
mobiliza_windows_app(mobiliza)
PROJECT
generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
log "configuring and building with the MinGW-w64 cross compiler"
check "CMake configures the Windows rules" \
  cmake -S "$WORK/project" -B "$WORK/build" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_TOOLCHAIN_FILE="$WORK/mingw.cmake" "-DMOBILIZA_WINDOWS_PUBLISHER=$PUBLISHER" -Wno-dev
check "the stand-in mobiliza.exe and mobiliza.com build with warnings as errors" cmake --build "$WORK/build"
check "cmake --install stages them" \
  cmake --install "$WORK/build" --component app --prefix "$WORK/stage"
STAGE=$WORK/stage
expect_eq "the stage holds exactly what the installer takes from the build" \
  "mobiliza.com mobiliza.exe mobiliza.ico" "$(cd "$STAGE" && find . -type f | sed 's|^\./||' | LC_ALL=C sort | xargs)"
{ [ -f "$STAGE/mobiliza.exe" ] && [ -f "$STAGE/mobiliza.com" ]; } || fatal "nothing to check further"

# ---------------------------------------------------------------- the programs
pe() { x86_64-w64-mingw32-objdump -p "$1"; }
expect_eq "mobiliza.exe is a GUI program (no console window)" "(Windows GUI)" \
  "$(pe "$STAGE/mobiliza.exe" | sed -n 's/^Subsystem[[:space:]]*[0-9a-f]*[[:space:]]*//p')"
expect_eq "mobiliza.com is a console program (cmd waits for it)" "(Windows CUI)" \
  "$(pe "$STAGE/mobiliza.com" | sed -n 's/^Subsystem[[:space:]]*[0-9a-f]*[[:space:]]*//p')"
imports() { pe "$1" | awk '/^\tDLL Name:/ {dll=$3} /^\t[0-9a-f]+[[:space:]]+[0-9]+[[:space:]]+[A-Za-z]/ {print $3}'; }
for fn in AttachConsole WriteConsoleW GetConsoleMode; do
  check "mobiliza.exe imports $fn" grep -qx "$fn" <(imports "$STAGE/mobiliza.exe")
done
for fn in CreateProcessW WaitForSingleObject GetExitCodeProcess; do
  check "mobiliza.com imports $fn" grep -qx "$fn" <(imports "$STAGE/mobiliza.com")
done

# ---------------------------------------------------------------- the resources
# VS_VERSIONINFO: the fixed part's numbers and the pt-BR strings (UTF-16).
cat >"$WORK/version.py" <<'PY'
import struct, sys
data = open(sys.argv[1], "rb").read()
at = data.find(struct.pack("<I", 0xFEEF04BD))
if at < 0:
    sys.exit("no VS_FIXEDFILEINFO")
ms, ls, pms, pls = struct.unpack_from("<IIII", data, at + 8)
print("FILEVERSION %d.%d.%d.%d" % (ms >> 16, ms & 0xFFFF, ls >> 16, ls & 0xFFFF))
print("PRODUCTVERSION %d.%d.%d.%d" % (pms >> 16, pms & 0xFFFF, pls >> 16, pls & 0xFFFF))
text = data.decode("utf-16-le", errors="replace")
for key in ("CompanyName", "FileDescription", "FileVersion", "OriginalFilename", "ProductName",
            "ProductVersion"):
    at = text.find(key + "\0")
    if at < 0:
        print(key, "MISSING")
        continue
    value = text[at + len(key):].lstrip("\0").split("\0", 1)[0]
    print(key, value)
PY
for program in mobiliza.exe mobiliza.com; do
  file=$STAGE/$program
  check "$program has an icon and a version resource"     bash -c "wrestool -l '$file' | grep -q -- '--type=14' && wrestool -l '$file' | grep -q -- '--type=16'"
  wrestool -x --type=14 "$file" -o "$WORK/$program.ico" 2>/dev/null
  expect_eq "$program's icon has the 7 sizes" "16 24 32 48 64 128 256" \
    "$(icotool -l "$WORK/$program.ico" 2>/dev/null | sed -n 's/.*--width=\([0-9]*\).*/\1/p' | sort -n | xargs)"
  wrestool -x --raw --type=16 "$file" -o "$WORK/$program.version" 2>/dev/null
  python3 "$WORK/version.py" "$WORK/$program.version" >"$WORK/$program.version.txt" 2>&1
  field() { sed -n "s/^$1 //p" "$WORK/$program.version.txt"; }
  expect_eq "$program's FILEVERSION" "$VERSION.0" "$(field FILEVERSION)"
  expect_eq "$program's PRODUCTVERSION" "$VERSION.0" "$(field PRODUCTVERSION)"
  expect_eq "$program's FileVersion" "$VERSION" "$(field FileVersion)"
  expect_eq "$program's ProductName" "Mobiliza" "$(field ProductName)"
  expect_eq "$program's OriginalFilename" "$program" "$(field OriginalFilename)"
  expect_eq "$program's CompanyName, accents intact" "$PUBLISHER" "$(field CompanyName)"
done
expect_eq "mobiliza.exe's description (Task Manager's name for it)" "Mobiliza" \
  "$(sed -n 's/^FileDescription //p' "$WORK/mobiliza.exe.version.txt")"
expect_eq "mobiliza.com's description" "Mobiliza (linha de comando)" \
  "$(sed -n 's/^FileDescription //p' "$WORK/mobiliza.com.version.txt")"
expect_eq "the staged mobiliza.ico has the programs' images" "$(icotool -l "$WORK/mobiliza.exe.ico")" \
  "$(icotool -l "$STAGE/mobiliza.ico")"
check "the resources are in pt-BR (language 1046)" \
  bash -c "wrestool -l '$STAGE/mobiliza.exe' | grep -- '--type=16' | grep -q -- '--language=1046'"

# ---------------------------------------------------------------- under wine
if [ "$WINE" = 1 ]; then
  wine64=$(command -v wine64 || echo /usr/lib/wine/wine64)
  wineserver=$(command -v wineserver64 || echo /usr/lib/wine/wineserver64)
  [ -x "$wine64" ] || fatal "--wine needs wine64 (apt-get install wine64)"
  export WINEPREFIX=$WORK/wine WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
  log "a throwaway wine prefix"
  "$wine64" wineboot --init >/dev/null 2>&1
  cd "$STAGE" || fatal "no stage"
  "$wine64" ./mobiliza.com --status "duas palavras" x >"$WORK/com.out" 2>"$WORK/com.err"
  expect_eq "mobiliza.com exits with mobiliza.exe's code" 3 "$?"
  expect_eq "... with its output and the same arguments" "Situação: [--status] [duas palavras] [x]" \
    "$(tr -d '\r' <"$WORK/com.out")"
  expect_eq "... and its error line" "Atenção: uma linha de erro" "$(tr -d '\r' <"$WORK/com.err")"
  "$wine64" ./mobiliza.exe --export pdf >"$WORK/exe.out" 2>/dev/null
  expect_eq "mobiliza.exe's own code" 3 "$?"
  expect_eq "mobiliza.exe redirected to a file writes there, in UTF-8" "Situação: [--export] [pdf]" \
    "$(tr -d '\r' <"$WORK/exe.out")"
  mv mobiliza.exe mobiliza.exe.away
  "$wine64" ./mobiliza.com --status >/dev/null 2>"$WORK/alone.err"
  expect_eq "mobiliza.com without mobiliza.exe exits 127" 127 "$?"
  check "... and says to reinstall" grep -q "Reinstal" "$WORK/alone.err"
  mv mobiliza.exe.away mobiliza.exe
  "$wineserver" -k 2>/dev/null
fi

finish
