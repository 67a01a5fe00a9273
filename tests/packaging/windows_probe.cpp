// Stands in for mobiliza.exe in tests/packaging/windows_build_check.sh: the app's own
// console code (app/platform/console.cpp) in a GUI program built by the app's own Windows
// rules (cmake/MobilizaWindows.cmake), without Qt, which has no MinGW build on Debian.
// It prints its arguments as the app prints a command's result, and exits with 3.
#include "app/platform/console.h"

#include <string>

int main(int argc, char **argv)
{
    mobiliza::platform::useParentConsole();
    std::string out = "Situação:";
    for (int i = 1; i < argc; ++i)
        out += std::string(" [") + argv[i] + "]";
    out += "\n";
    mobiliza::platform::writeUtf8(stdout, out);
    mobiliza::platform::writeUtf8(stderr, "Atenção: uma linha de erro\n");
    return 3;
}
