#pragma once

#include <cstdio>
#include <string_view>

// The command line's output on every system (plain C++, no Qt: the Windows build check
// compiles it with a cross compiler, tests/packaging/windows_build_check.sh).
namespace mobiliza::platform {

// On Windows mobiliza.exe is a GUI program (no console window opens beside the main
// window), so it has no console of its own. For a command (--status, --sync…) started
// from one (cmd, PowerShell, or mobiliza.com, which waits for it) this joins that console,
// so Ctrl+C ends the command, and makes it the output of whichever of stdout and stderr
// has none; handles given already (a file, a pipe, NUL, mobiliza.com's console) are kept.
// Elsewhere, nothing to do.
void useParentConsole();

// Writes UTF-8 text to stdout or stderr: into a Windows console as UTF-16, right whatever
// the console's code page; to a file, a pipe or a Unix terminal as the UTF-8 bytes.
// Nowhere when there is nowhere (a Windows GUI program started without a console).
void writeUtf8(std::FILE *stream, std::string_view text);

} // namespace mobiliza::platform
