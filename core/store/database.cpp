#include "core/store/database.h"

#include "core/domain/types.h"
#include "core/store/private_files.h"
#include "core/store/sql.h"
#include "core/store/transaction.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSqlError>
#include <QStorageInfo>
#include <QSqlQuery>

namespace mobiliza::core {

Q_LOGGING_CATEGORY(lcDatabase, "mobiliza.store.database")

namespace {

// PRAGMA application_id written by migration 1: "MOBI".
constexpr int kApplicationId = 0x4D4F4249;

Error notWritable(const QString &path)
{
    return Error{QStringLiteral("not_writable"),
                 QCoreApplication::translate(
                     "Database",
                     "Mobiliza cannot write to %1. Check that the disk is connected, that it is not "
                     "full and that your user may write there, then open Mobiliza again.")
                     .arg(QDir::toNativeSeparators(path))};
}

// No room for even the -wal/-shm files: SQLite then reports I/O or "cannot
// open" errors rather than SQLITE_FULL.
bool diskAlmostFull(const QString &dir)
{
    const QStorageInfo storage(dir);
    return storage.isValid() && storage.bytesAvailable() < 256 * 1024;
}

Error notADatabase(const QString &path, const QString &detail)
{
    return Error{QStringLiteral("not_a_database"),
                 QCoreApplication::translate(
                     "Database",
                     "The file %1 is not a Mobiliza database or is damaged (%2). It was not changed. "
                     "Restore a backup copy or choose another data folder.")
                     .arg(QDir::toNativeSeparators(path), detail)};
}

} // namespace

Database::Database(QString dataDir, QString connectionName)
    : m_dataDir(std::move(dataDir)), m_connectionName(std::move(connectionName))
{
}

Database::~Database()
{
    {
        QSqlDatabase connection = QSqlDatabase::database(m_connectionName, false);
        if (connection.isOpen())
            connection.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

QSqlDatabase Database::db() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

QString Database::filePath() const
{
    return QDir(m_dataDir).filePath(fileName());
}

Result<std::unique_ptr<Database>> Database::open(const QString &dataDir, const Options &options)
{
    const QList<Migration> migrations =
        options.migrations.isEmpty() ? builtinMigrations() : options.migrations;
    const int latest = migrations.isEmpty() ? 0 : migrations.constLast().version;
    const int target = options.targetVersion < 0 ? latest : qMin(options.targetVersion, latest);

    // The profile holds partners' contacts and photos of people: 0700, whatever the umask.
    if (dataDir.isEmpty() || !privacy::makePrivateDir(dataDir) || !QFileInfo(dataDir).isWritable())
        return notWritable(dataDir);
    const QString path = QDir(dataDir).filePath(fileName());
    const QFileInfo info(path);
    if (info.exists() && (!info.isFile() || !info.isWritable()))
        return notWritable(path);
    // A profile made before this rule (0755 folder, 0644 files) is tightened; a new
    // database file is created empty with 0600 before SQLite opens it, so it is never
    // readable by others, and SQLite gives its -wal and -shm the database's permissions.
    privacy::tightenProfile(dataDir, path);
    if (!info.exists() && !privacy::makePrivateFile(path))
        return diskAlmostFull(dataDir) ? diskFullError(QDir::toNativeSeparators(path)) : notWritable(path);

    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE")))
        return Error{QStringLiteral("driver_missing"),
                     QCoreApplication::translate("Database",
                                                 "The SQLite driver of Qt (QSQLITE) is not installed. "
                                                 "Reinstall Mobiliza.")};

    const QString name = QStringLiteral("mobiliza.store.") + newUuid();
    std::unique_ptr<Database> database(new Database(dataDir, name));
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    db.setDatabaseName(path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(kBusyTimeoutMs));
    if (!db.open())
        return diskAlmostFull(dataDir) ? diskFullError(db.lastError().text()) : notWritable(path);

    // Read before writing anything: a foreign or newer file is left untouched.
    auto version = readSchemaVersion(db);
    // Locked by another program or no room: say so now (each further query would
    // wait the busy timeout again).
    if (!version && (version.error().code == QLatin1String("busy") ||
                     version.error().code == QLatin1String("disk_full")))
        return version.error();
    auto objects = scalarSql(db, QStringLiteral("SELECT count(*) FROM sqlite_schema"));
    auto appId = scalarSql(db, QStringLiteral("PRAGMA application_id"));
    if (!version || !objects || !appId) {
        // A full disk or another program holding the lock is not a damaged file:
        // "restore a backup" would make the person lose recent work.
        for (const Error *e : {version ? nullptr : &version.error(), objects ? nullptr : &objects.error(),
                               appId ? nullptr : &appId.error()})
            if (e && (e->code == QLatin1String("disk_full") || e->code == QLatin1String("busy")))
                return *e;
        if (diskAlmostFull(dataDir))
            return diskFullError(QDir::toNativeSeparators(path));
        return notADatabase(path, !version ? version.error().message
                                           : (!objects ? objects.error().message : appId.error().message));
    }
    if (version.value() == 0 && objects.value().toInt() > 0)
        return notADatabase(path,
                            QStringLiteral("user_version 0 with %1 objects").arg(objects.value().toInt()));
    if (version.value() > 0 && appId.value().toInt() != kApplicationId)
        return notADatabase(path, QStringLiteral("application_id %1").arg(appId.value().toInt()));
    if (version.value() > latest)
        return Error{QStringLiteral("newer_schema"),
                     QCoreApplication::translate(
                         "Database",
                         "The data in %1 was saved by a newer version of Mobiliza (data format %2; this "
                         "version knows up to %3). Update Mobiliza to open it. Nothing was changed.")
                         .arg(QDir::toNativeSeparators(path))
                         .arg(version.value())
                         .arg(latest)};

    // Connection settings (per connection; journal_mode=WAL is also stored in the file).
    auto journal = scalarSql(db, QStringLiteral("PRAGMA journal_mode=WAL"));
    if (!journal)
        return journal.error();
    if (journal.value().toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0)
        return diskAlmostFull(dataDir) ? diskFullError(QStringLiteral("journal_mode")) : notWritable(path);
    // temp_store=MEMORY: temporary tables and sorts (the Painel's pick of the counted
    // revisions: ~100 k rows for ten years of the state) stay in memory — faster than
    // SQLite's spill file, and no temporary file ever holds report data.
    for (const char *pragma : {"PRAGMA foreign_keys=ON", "PRAGMA synchronous=FULL", "PRAGMA secure_delete=ON",
                               "PRAGMA temp_store=MEMORY"}) {
        if (auto done = execSql(db, QString::fromLatin1(pragma)); !done)
            return done.error();
    }

    if (version.value() < target) {
        if (version.value() > 0 && options.backupBeforeMigrating) {
            const QString backupDir = QDir(dataDir).filePath(QStringLiteral("backups"));
            const QString backup =
                QDir(backupDir).filePath(QStringLiteral("mobiliza-schema-v%1.sqlite").arg(version.value()));
            privacy::makePrivateDir(backupDir);
            QFile::remove(backup);
            // VACUUM INTO accepts an empty file: created 0600 first, like the database.
            privacy::makePrivateFile(backup);
            if (auto copied = execSql(db, QStringLiteral("VACUUM INTO ?"), {backup}); !copied) {
                QFile::remove(backup); // a copy cut short is no backup
                return copied.error();
            }
            qCInfo(lcDatabase) << "backup before migrating:" << backup;
        }
        if (Status migrated = migrate(db, migrations, target); !migrated)
            return migrated.error();
    }
    return database;
}

int Database::schemaVersion() const
{
    auto version = readSchemaVersion(db());
    return version ? version.value() : -1;
}

Status Database::integrityCheck() const
{
    QStringList problems;
    auto integrity = runSql(db(), QStringLiteral("PRAGMA integrity_check"));
    if (!integrity)
        return integrity.error();
    while (integrity.value().next()) {
        const QString line = integrity.value().value(0).toString();
        if (line != QLatin1String("ok"))
            problems << line;
    }
    auto fk = runSql(db(), QStringLiteral("PRAGMA foreign_key_check"));
    if (!fk)
        return fk.error();
    while (fk.value().next())
        problems << QStringLiteral("foreign key: %1 row %2 → %3")
                        .arg(fk.value().value(0).toString(), fk.value().value(1).toString(),
                             fk.value().value(2).toString());
    if (problems.isEmpty())
        return {};
    return Error{
        QStringLiteral("integrity"),
        QCoreApplication::translate("Database", "The database in %1 is damaged (%2). Restore a backup copy "
                                                "and report this message to the support team.")
            .arg(QDir::toNativeSeparators(filePath()), problems.mid(0, 5).join(QStringLiteral("; ")))};
}

Status Database::removeAllRecords()
{
    const QSqlDatabase connection = db();
    return inTransaction(connection, [&]() -> Status {
        for (const char *sql : {"DELETE FROM outbox", "DELETE FROM report_revisions", "DELETE FROM photos",
                                "DELETE FROM action_partners", "DELETE FROM actions", "DELETE FROM reports",
                                "DELETE FROM partner_stage_history", "DELETE FROM partners"})
            if (auto d = execSql(connection, QString::fromLatin1(sql)); !d)
                return d.error();
        return {};
    });
}

Result<std::pair<int, int>> Database::countRecords() const
{
    auto reports = scalarSql(db(), QStringLiteral("SELECT count(*) FROM reports"));
    if (!reports)
        return reports.error();
    auto partners = scalarSql(db(), QStringLiteral("SELECT count(*) FROM partners"));
    if (!partners)
        return partners.error();
    return std::pair<int, int>{reports.value().toInt(), partners.value().toInt()};
}

QString Database::backupDir() const
{
    return QDir(m_dataDir).filePath(QStringLiteral("backups"));
}

QStringList Database::backupFiles() const
{
    QStringList files;
    const QDir dir(backupDir());
    for (const QString &name : dir.entryList({QStringLiteral("*.sqlite")}, QDir::Files, QDir::Name))
        files << dir.filePath(name);
    return files;
}

namespace {

// True when changed; false when the copy's schema is older than `minimumSchema` (left alone).
Result<bool> scrubOne(const QString &path, const QStringList &statements, const QVariantList &args, int minimumSchema)
{
    const QString name = QStringLiteral("mobiliza.backup.") + newUuid();
    Result<bool> done = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(Database::kBusyTimeoutMs));
        done = [&]() -> Result<bool> {
            if (!db.open())
                return storeError(db.lastError());
            if (minimumSchema > 0) {
                auto version = scalarSql(db, QStringLiteral("PRAGMA user_version"));
                if (!version)
                    return version.error();
                if (version.value().toInt() < minimumSchema)
                    return false;
            }
            // A backup is one plain file: no -wal beside it, deleted content zeroed.
            for (const char *pragma : {"PRAGMA journal_mode=DELETE", "PRAGMA secure_delete=ON"})
                if (auto p = runSql(db, QString::fromLatin1(pragma)); !p)
                    return p.error();
            if (auto check = scalarSql(db, QStringLiteral("PRAGMA quick_check")); !check)
                return check.error();
            else if (check.value().toString() != QLatin1String("ok"))
                return Error{QStringLiteral("damaged"), check.value().toString()};
            Status changed = inTransaction(db, [&]() -> Status {
                for (const QString &sql : statements)
                    if (auto d = execSql(db, sql, args); !d)
                        return d.error();
                return {};
            });
            if (!changed)
                return changed.error();
            // secure_delete already zeroed the deleted content; VACUUM also drops the
            // freed pages. It needs room for a copy: without it the backup stays
            // (scrubbed) rather than being deleted.
            if (auto v = execSql(db, QStringLiteral("VACUUM")); !v)
                qCWarning(lcDatabase) << "backup scrubbed but not vacuumed:" << path << v.error().code;
            return true;
        }();
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return done;
}

} // namespace

Result<Database::BackupScrub> Database::scrubBackups(const QStringList &statements, const QVariantList &args,
                                                     int minimumSchema) const
{
    BackupScrub result;
    for (const QString &path : backupFiles()) {
        if (auto s = scrubOne(path, statements, args, minimumSchema); s) {
            result.changed += s.value() ? 1 : 0;
            continue;
        } else {
            qCWarning(lcDatabase) << "backup could not be changed, deleting it:" << path << s.error().message;
        }
        QFile::remove(path + QStringLiteral("-journal"));
        if (!QFile::remove(path))
            return Error{QStringLiteral("backup_not_erased"),
                         QCoreApplication::translate(
                             "Database",
                             "The backup copy %1 still holds the erased data and could not be changed or "
                             "deleted. Delete that file by hand (close Mobiliza first).")
                             .arg(QDir::toNativeSeparators(path))};
        ++result.deleted;
    }
    return result;
}

Status Database::checkpoint()
{
    auto result = runSql(db(), QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    if (!result)
        return result.error();
    if (result.value().next() && result.value().value(0).toInt() != 0)
        return Error{QStringLiteral("busy"),
                     QCoreApplication::translate("Database",
                                                 "The database is busy in another window or program. "
                                                 "Close it and try again.")};
    return {};
}

} // namespace mobiliza::core
