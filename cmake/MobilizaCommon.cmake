# One INTERFACE target carrying the language standard, warnings and strict Qt
# defines; every target of the project links it (qBittorrent's CommonConfig).
add_library(mobiliza_common INTERFACE)
add_library(Mobiliza::common ALIAS mobiliza_common)

target_compile_features(mobiliza_common INTERFACE cxx_std_20)
set(CMAKE_CXX_STANDARD 20)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
set(CMAKE_CXX_EXTENSIONS OFF)

target_compile_options(mobiliza_common INTERFACE
    $<$<CXX_COMPILER_ID:GNU,Clang>:-Wall -Wextra -Wpedantic -Wno-missing-field-initializers>
    $<$<AND:$<CXX_COMPILER_ID:GNU,Clang>,$<BOOL:${MOBILIZA_WERROR}>>:-Werror>)

target_compile_definitions(mobiliza_common INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_NO_URL_CAST_FROM_STRING
    QT_USE_QSTRINGBUILDER
    QT_DISABLE_DEPRECATED_BEFORE=0x060400
    QT_NO_KEYWORDS)

option(MOBILIZA_WERROR "Treat warnings as errors" OFF)

# Linking with lld (Debian's lld, installed by scripts/setup.sh) when the
# toolchain takes it: the ~90 test executables link each the whole of core,
# sync and Qt's debug symbols, and GNU ld spent about a third of a sanitizer
# build doing that (one test executable: 9.6 s with ld.bfd, 3.0 s with lld).
option(MOBILIZA_LLD "Link with lld when the compiler accepts -fuse-ld=lld" ON)
if(MOBILIZA_LLD)
    include(CheckLinkerFlag)
    check_linker_flag(CXX "-fuse-ld=lld" MOBILIZA_HAVE_LLD)
    if(MOBILIZA_HAVE_LLD)
        add_link_options(-fuse-ld=lld)
    endif()
endif()

# Hardening of optimized builds, as Debian builds its own packages (dpkg-buildflags
# with hardening=+all): stack protector, fortified libc calls, read-only
# relocations bound at start. The .deb files (packaging/) are built from these.
target_compile_options(mobiliza_common INTERFACE
    $<$<AND:$<CXX_COMPILER_ID:GNU,Clang>,$<CONFIG:Release,RelWithDebInfo>>:-fstack-protector-strong -Wformat -Werror=format-security>)
target_compile_definitions(mobiliza_common INTERFACE
    $<$<AND:$<CXX_COMPILER_ID:GNU,Clang>,$<CONFIG:Release,RelWithDebInfo>>:_FORTIFY_SOURCE=2>)
target_link_options(mobiliza_common INTERFACE
    $<$<AND:$<CXX_COMPILER_ID:GNU,Clang>,$<CONFIG:Release,RelWithDebInfo>>:LINKER:-z,relro,-z,now>)
