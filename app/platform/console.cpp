#include "app/platform/console.h"

#ifdef _WIN32
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#ifndef NOMINMAX
#define NOMINMAX
#endif
#include <windows.h>

#include <climits>
#include <string>
#endif

namespace mobiliza::platform {

#ifdef _WIN32

namespace {

enum class Leads
{
    Nowhere,
    Console,
    Elsewhere
};

// Where a standard handle leads. A console answers GetConsoleMode (given read access,
// which the consoles' own handles have); a file, a pipe or NUL (`>nul`) has a type.
Leads leads(HANDLE handle)
{
    if (handle == nullptr || handle == INVALID_HANDLE_VALUE)
        return Leads::Nowhere;
    DWORD mode = 0;
    if (GetConsoleMode(handle, &mode))
        return Leads::Console;
    return GetFileType(handle) == FILE_TYPE_UNKNOWN ? Leads::Nowhere : Leads::Elsewhere;
}

// Writes all `left` units from `next`, at most `most` a call, until done or a call fails.
template <typename Unit, typename Write>
void writeAll(const Unit *next, size_t left, size_t most, Write write)
{
    while (left > 0) {
        DWORD written = 0;
        if (!write(next, DWORD(left < most ? left : most), &written) || written == 0)
            return;
        next += written;
        left -= written;
    }
}

} // namespace

void useParentConsole()
{
    const Leads out = leads(GetStdHandle(STD_OUTPUT_HANDLE));
    const Leads err = leads(GetStdHandle(STD_ERROR_HANDLE));
    // Both already lead somewhere that is not a console (`> file`, `| findstr`, `>nul`):
    // kept as they are, and no console is needed.
    if (out == Leads::Elsewhere && err == Leads::Elsewhere)
        return;
    // The parent's console (cmd, PowerShell, mobiliza.com): joined, so that Ctrl+C and
    // closing it reach this program as they reach a console program. Fails when the
    // parent has none (Explorer, a shortcut): then there is nowhere to write.
    if (!AttachConsole(ATTACH_PARENT_PROCESS))
        return;
    // Ctrl+C ends the command, whatever a parent set to be ignored (a flag children inherit).
    SetConsoleCtrlHandler(nullptr, FALSE);
    if (out != Leads::Nowhere && err != Leads::Nowhere)
        return; // the handles given (mobiliza.com passes its own) are kept
    // Started without handles (a GUI program run from cmd): the console's screen, opened
    // for reading too, so that writeUtf8 can recognise it as a console.
    const HANDLE screen = CreateFileW(L"CONOUT$", GENERIC_READ | GENERIC_WRITE,
                                      FILE_SHARE_READ | FILE_SHARE_WRITE, nullptr, OPEN_EXISTING, 0, nullptr);
    if (screen == INVALID_HANDLE_VALUE)
        return;
    // The C streams too (Qt's warnings go to stderr): onto the same screen.
    if (out == Leads::Nowhere) {
        SetStdHandle(STD_OUTPUT_HANDLE, screen);
        std::freopen("CONOUT$", "w", stdout);
    }
    if (err == Leads::Nowhere) {
        SetStdHandle(STD_ERROR_HANDLE, screen);
        std::freopen("CONOUT$", "w", stderr);
    }
}

void writeUtf8(std::FILE *stream, std::string_view text)
{
    if (text.empty())
        return;
    // Through the Windows handle, not the C stream's: a GUI program's streams may have no
    // descriptor at all, and a console opened write-only would not be recognised.
    std::fflush(stream);
    const HANDLE handle = GetStdHandle(stream == stderr ? STD_ERROR_HANDLE : STD_OUTPUT_HANDLE);
    switch (leads(handle)) {
    case Leads::Nowhere:
        return;
    case Leads::Console: {
        if (text.size() >= size_t(INT_MAX))
            return;
        const int length = MultiByteToWideChar(CP_UTF8, 0, text.data(), int(text.size()), nullptr, 0);
        if (length <= 0)
            return;
        std::wstring wide(size_t(length), L'\0');
        MultiByteToWideChar(CP_UTF8, 0, text.data(), int(text.size()), wide.data(), length);
        // Older consoles take at most 64 KiB a call.
        writeAll(wide.data(), wide.size(), 16384, [handle](const wchar_t *from, DWORD count, DWORD *written) {
            return WriteConsoleW(handle, from, count, written, nullptr);
        });
        return;
    }
    case Leads::Elsewhere:
        writeAll(text.data(), text.size(), size_t(1) << 30,
                 [handle](const char *from, DWORD count, DWORD *written) {
                     return WriteFile(handle, from, count, written, nullptr);
                 });
        return;
    }
}

#else

void useParentConsole() {}

void writeUtf8(std::FILE *stream, std::string_view text)
{
    if (text.empty())
        return;
    std::fwrite(text.data(), 1, text.size(), stream);
    std::fflush(stream);
}

#endif

} // namespace mobiliza::platform
