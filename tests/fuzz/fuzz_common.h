// Shared by the libFuzzer targets: one QCoreApplication for the process (Qt's
// plugins, translations and temporary files expect one) and a scratch folder
// in /dev/shm when it exists (targets that need a file write one per input).
#pragma once

#include <QCoreApplication>
#include <QDir>
#include <QtGlobal>
#include <QTemporaryDir>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>

namespace mobiliza::fuzz {

inline QCoreApplication &app()
{
    static int argc = 1;
    static char name[] = "mobiliza-fuzz";
    static char *argv[] = {name, nullptr};
    static QCoreApplication *instance = [] {
        qputenv("QT_QPA_PLATFORM", "offscreen");
        auto *a = new QCoreApplication(argc, argv);
        return a;
    }();
    return *instance;
}

// Lives until the process exits (libFuzzer never returns from its loop).
inline const QString &scratchDir()
{
    static const std::unique_ptr<QTemporaryDir> dir = [] {
        const QString base = QDir(QStringLiteral("/dev/shm")).exists() ? QStringLiteral("/dev/shm")
                                                                          : QDir::tempPath();
        auto d = std::make_unique<QTemporaryDir>(base + QStringLiteral("/mobiliza-fuzz-XXXXXX"));
        if (!d->isValid())
            std::abort();
        return d;
    }();
    static const QString path = dir->path();
    return path;
}

// MOBILIZA_FUZZ_VERBOSE=1: targets say what each input reached (to check the seeds).
inline bool verbose()
{
    static const bool on = qEnvironmentVariableIntValue("MOBILIZA_FUZZ_VERBOSE") == 1;
    return on;
}

inline QByteArray bytes(const uint8_t *data, size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
}

} // namespace mobiliza::fuzz
