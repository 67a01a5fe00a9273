#include "core/reference/reference_repository.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QtGlobal>

namespace mobiliza::core {

namespace {

constexpr qint64 MaxFileBytes = 20 * 1024 * 1024;

} // namespace

ReferenceRepository::ReferenceRepository(const QString &dataDir)
    : ReferenceRepository(dataDir, ReferenceData::embedded())
{
}

ReferenceRepository::ReferenceRepository(const QString &dataDir, ReferenceData builtIn)
    : m_dataDir(dataDir), m_builtIn(std::move(builtIn)), m_current(m_builtIn)
{
    reload();
}

ReferenceData ReferenceRepository::current() const
{
    return m_current;
}

bool ReferenceRepository::usingImported() const
{
    return m_usingImported;
}

QString ReferenceRepository::importedPath() const
{
    return QDir(m_dataDir).filePath(QStringLiteral("reference/mg_reference.json"));
}

void ReferenceRepository::reload()
{
    m_current = m_builtIn;
    m_usingImported = false;
    const QString path = importedPath();
    QFile file(path);
    if (!file.exists())
        return;
    if (file.size() > MaxFileBytes || !file.open(QIODevice::ReadOnly)) {
        qWarning("Ignoring the imported reference table %s: it cannot be read.", qUtf8Printable(path));
        return;
    }
    const auto parsed = ReferenceData::fromJson(file.readAll());
    if (!parsed) {
        qWarning("Ignoring the imported reference table %s: %s", qUtf8Printable(path),
                 qUtf8Printable(parsed.error().message));
        return;
    }
    if (parsed->revision() <= m_builtIn.revision()) {
        qWarning(
            "Ignoring the imported reference table %s: its revision %d is not newer than the built-in %d.",
            qUtf8Printable(path), parsed->revision(), m_builtIn.revision());
        return;
    }
    m_current = parsed.value();
    m_usingImported = true;
}

Status ReferenceRepository::importFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("io"),
                     QCoreApplication::translate("ReferenceRepository",
                                                 "Could not open %1 (%2). Check that the file exists and "
                                                 "that you are allowed to read it.")
                         .arg(QDir::toNativeSeparators(path), file.errorString())};
    if (file.size() > MaxFileBytes)
        return Error{QStringLiteral("too_large"),
                     QCoreApplication::translate("ReferenceRepository",
                                                 "%1 is too large to be a reference table. Choose the "
                                                 "mg_reference.json file published by SES-MG.")
                         .arg(QDir::toNativeSeparators(path))};
    return importJson(file.readAll());
}

Status ReferenceRepository::importJson(const QByteArray &json)
{
    const auto parsed = ReferenceData::fromJson(json);
    if (!parsed)
        return parsed.error();
    if (parsed->revision() <= m_current.revision())
        return Error{QStringLiteral("not_newer"),
                     QCoreApplication::translate("ReferenceRepository",
                                                 "This reference table (version %1) is not newer than the "
                                                 "one in use (version %2). Nothing was changed; import only "
                                                 "a table published after the current one.")
                         .arg(parsed->version(), m_current.version())};

    const QString target = importedPath();
    const auto writeError = [&target](const QString &reason) {
        return Error{QStringLiteral("io"),
                     QCoreApplication::translate(
                         "ReferenceRepository", "Could not save the reference table in %1 (%2). Check the "
                                                "free disk space and the folder permissions, then try again.")
                         .arg(QDir::toNativeSeparators(target), reason)};
    };
    if (!QDir().mkpath(QFileInfo(target).absolutePath()))
        return writeError(QStringLiteral("mkpath"));
    QSaveFile out(target);
    if (!out.open(QIODevice::WriteOnly))
        return writeError(out.errorString());
    if (out.write(json) != json.size()) {
        out.cancelWriting();
        return writeError(out.errorString());
    }
    if (!out.commit())
        return writeError(out.errorString());

    m_current = parsed.value();
    m_usingImported = true;
    return {};
}

} // namespace mobiliza::core
