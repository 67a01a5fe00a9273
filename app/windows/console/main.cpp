// mobiliza.com: the command line's Mobiliza on Windows (plain Win32, no Qt).
//
// mobiliza.exe is a GUI program, so cmd neither waits for it nor sets %ERRORLEVEL% from it,
// and its output would land after the next prompt. Typed without an extension, `mobiliza`
// finds this console program first (PATHEXT puts .COM before .EXE): it runs mobiliza.exe
// from its own folder with the same arguments and the same standard handles, waits for it
// and exits with its code, so `mobiliza --sync` behaves in a script as it does on Linux.
// mobiliza.exe attaches to this program's console; both write through app/platform/console.cpp.
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>

#include "app/platform/console.h"

#include <string>

namespace {

// The command line after the program's own name, as CommandLineToArgvW splits argv[0]:
// a quoted name runs to the next quote, an unquoted one to the first space or tab.
const wchar_t *afterProgramName(const wchar_t *line)
{
    if (*line == L'"') {
        ++line;
        while (*line && *line != L'"')
            ++line;
        if (*line == L'"')
            ++line;
    } else {
        while (*line && *line != L' ' && *line != L'\t')
            ++line;
    }
    return line;
}

BOOL WINAPI outlive(DWORD)
{
    return TRUE;
}

// A message on stderr in the user's language (Portuguese unless Windows is in another).
void say(const char *portuguese, const char *english, DWORD error)
{
    const bool pt = PRIMARYLANGID(GetUserDefaultUILanguage()) == LANG_PORTUGUESE;
    const std::string text = std::string(pt ? portuguese : english) + " (" + std::to_string(error) + ")\r\n";
    mobiliza::platform::writeUtf8(stderr, text);
}

} // namespace

int main()
{
    // This program's path with .exe for .com: mobiliza.exe beside it.
    std::wstring exe(MAX_PATH, L'\0');
    for (;;) {
        const DWORD n = GetModuleFileNameW(nullptr, exe.data(), DWORD(exe.size()));
        if (n == 0) {
            say("mobiliza: não foi possível saber a pasta do Mobiliza.",
                "mobiliza: could not find Mobiliza's folder.", GetLastError());
            return 127;
        }
        if (n < exe.size()) {
            exe.resize(n);
            break;
        }
        exe.resize(exe.size() * 2);
    }
    const size_t dot = exe.find_last_of(L'.');
    const size_t slash = exe.find_last_of(L"\\/");
    if (dot != std::wstring::npos && (slash == std::wstring::npos || dot > slash))
        exe.resize(dot);
    exe += L".exe";

    std::wstring commandLine = L"\"" + exe + L"\"" + afterProgramName(GetCommandLineW());

    // The same standard handles (a console, a file, a pipe), inheritable for the child.
    STARTUPINFOW startup{};
    startup.cb = sizeof startup;
    startup.dwFlags = STARTF_USESTDHANDLES;
    startup.hStdInput = GetStdHandle(STD_INPUT_HANDLE);
    startup.hStdOutput = GetStdHandle(STD_OUTPUT_HANDLE);
    startup.hStdError = GetStdHandle(STD_ERROR_HANDLE);
    for (HANDLE handle : {startup.hStdInput, startup.hStdOutput, startup.hStdError}) {
        if (handle != nullptr && handle != INVALID_HANDLE_VALUE)
            SetHandleInformation(handle, HANDLE_FLAG_INHERIT, HANDLE_FLAG_INHERIT);
    }

    // Ctrl+C reaches mobiliza.exe too (it shares the console) and ends it: this program
    // waits for that and passes its code on instead of ending first. A handler, not
    // SetConsoleCtrlHandler(nullptr, TRUE), whose "ignore Ctrl+C" the child would inherit.
    SetConsoleCtrlHandler(outlive, TRUE);

    PROCESS_INFORMATION process{};
    if (!CreateProcessW(exe.c_str(), commandLine.data(), nullptr, nullptr, TRUE, 0, nullptr, nullptr,
                        &startup, &process)) {
        say("mobiliza: não foi possível iniciar mobiliza.exe, que deveria estar ao lado deste "
            "programa. Reinstale o Mobiliza.",
            "mobiliza: could not start mobiliza.exe, which should be beside this program. "
            "Reinstall Mobiliza.",
            GetLastError());
        return 127;
    }
    CloseHandle(process.hThread);
    WaitForSingleObject(process.hProcess, INFINITE);
    DWORD code = 1;
    GetExitCodeProcess(process.hProcess, &code);
    CloseHandle(process.hProcess);
    return int(code);
}
