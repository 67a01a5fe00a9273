#include "app/platform/console.h"

#ifdef _WIN32
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#ifndef NOMINMAX
#define NOMINMAX
#endif
#include <windows.h>

#include <io.h>

#include <climits>
#include <string>
#endif

namespace mobiliza::platform {

#ifdef _WIN32

namespace {

// A standard handle that already leads somewhere other than a console: a file or a pipe
// (`mobiliza --status > status.txt`, `| findstr`), which the program keeps.
bool redirected(DWORD which)
{
    const HANDLE handle = GetStdHandle(which);
    if (handle == nullptr || handle == INVALID_HANDLE_VALUE)
        return false;
    const DWORD type = GetFileType(handle);
    return type == FILE_TYPE_DISK || type == FILE_TYPE_PIPE;
}

} // namespace

void useParentConsole()
{
    const bool out = redirected(STD_OUTPUT_HANDLE);
    const bool err = redirected(STD_ERROR_HANDLE);
    if (out && err)
        return;
    // Fails when the parent has no console (Explorer, a shortcut, a double-click on a
    // package): the program then has no text output, as a GUI program should.
    if (!AttachConsole(ATTACH_PARENT_PROCESS))
        return;
    if (!out && std::freopen("CONOUT$", "w", stdout))
        SetStdHandle(STD_OUTPUT_HANDLE, reinterpret_cast<HANDLE>(_get_osfhandle(_fileno(stdout))));
    if (!err && std::freopen("CONOUT$", "w", stderr))
        SetStdHandle(STD_ERROR_HANDLE, reinterpret_cast<HANDLE>(_get_osfhandle(_fileno(stderr))));
}

void writeUtf8(std::FILE *stream, std::string_view text)
{
    if (text.empty())
        return;
    // A GUI program's streams without a console or a redirection have no descriptor
    // (-2): there is nowhere to write, and _get_osfhandle must not be asked.
    const int descriptor = _fileno(stream);
    if (descriptor < 0)
        return;
    const intptr_t os = _get_osfhandle(descriptor);
    const HANDLE handle = reinterpret_cast<HANDLE>(os);
    DWORD mode = 0;
    if (os != -1 && GetConsoleMode(handle, &mode) && text.size() < size_t(INT_MAX)) {
        const int length = MultiByteToWideChar(CP_UTF8, 0, text.data(), int(text.size()), nullptr, 0);
        if (length > 0) {
            std::wstring wide(size_t(length), L'\0');
            MultiByteToWideChar(CP_UTF8, 0, text.data(), int(text.size()), wide.data(), length);
            std::fflush(stream);
            const wchar_t *next = wide.data();
            size_t left = wide.size();
            while (left > 0) {
                // The console takes at most 64 KiB a call on old Windows versions.
                const DWORD chunk = DWORD(left < 16384 ? left : 16384);
                DWORD written = 0;
                if (!WriteConsoleW(handle, next, chunk, &written, nullptr) || written == 0)
                    return;
                next += written;
                left -= written;
            }
            return;
        }
    }
    std::fwrite(text.data(), 1, text.size(), stream);
    std::fflush(stream);
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
