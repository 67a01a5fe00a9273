// The profile's local store: SQLite through QtSql in `<dataDir>/mobiliza.sqlite`.
//
// Every connection is opened with: WAL journal, foreign keys ON, a 5 s busy
// timeout, synchronous=FULL (a commit survives a power cut, not only a crash:
// these PCs lose power; a commit costs one extra fsync, fine at human pace) and
// secure_delete=ON (erased personal data is overwritten, not left in free pages).
//
// Opening refuses — and leaves untouched — a file that is not a database or whose
// schema is newer than this build; an older schema is backed up (VACUUM INTO
// `<dataDir>/backups/`) and migrated forward.
#pragma once

#include "core/store/migrations.h"
#include "core/util/result.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QVariantList>

#include <memory>
#include <utility>

namespace mobiliza::core {

class Database
{
public:
    struct Options
    {
        // Migrate up to this version only (tests build databases of every
        // earlier version); < 0: the latest.
        int targetVersion = -1;
        // The schema history; empty: builtinMigrations(). Tests inject a
        // failing migration here.
        QList<Migration> migrations;
        // Copy an existing database to <dataDir>/backups/ before migrating it.
        bool backupBeforeMigrating = true;
    };

    static Result<std::unique_ptr<Database>> open(const QString &dataDir, const Options &options);
    static Result<std::unique_ptr<Database>> open(const QString &dataDir) { return open(dataDir, Options{}); }
    static QString fileName() { return QStringLiteral("mobiliza.sqlite"); }
    static constexpr int kBusyTimeoutMs = 5000;

    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    // The connection (unique name per Database instance). Use it in the
    // thread that opened the store, and do not keep copies beyond a call.
    QSqlDatabase db() const;
    QString connectionName() const { return m_connectionName; }
    QString dataDir() const { return m_dataDir; }
    QString filePath() const;

    int schemaVersion() const; // PRAGMA user_version; -1 on error
    // PRAGMA integrity_check and PRAGMA foreign_key_check; Error "integrity" with the findings.
    Status integrityCheck() const;
    // Moves the WAL content into the main file and truncates the WAL (after an
    // erasure, so old copies of the data leave the -wal file too).
    Status checkpoint();

    // Deletes every report (with its actions, photos, revisions and outbox rows)
    // and every partner, in one transaction; settings and the audit trail stay.
    // Only for undoing a demonstration seed that failed half-way in a profile
    // that was empty before it.
    Status removeAllRecords();
    // How many reports and partners the profile holds (to say what was left).
    Result<std::pair<int, int>> countRecords() const;

    // The pre-migration copies in <dataDir>/backups/.
    QString backupDir() const;
    QStringList backupFiles() const;
    // Runs `statements` (each with `args`) in one transaction on every backup
    // copy, with secure_delete, then VACUUMs it so no deleted page keeps the
    // old content (LGPD erasure must reach the backups too). A copy that cannot
    // be changed (damaged, foreign schema) is deleted instead: an erasure never
    // leaves a copy behind. Returns {changed, deleted}; an Error only when a copy
    // could neither be changed nor deleted.
    struct BackupScrub
    {
        int changed = 0;
        int deleted = 0;
    };
    // `minimumSchema`: a copy of an older schema cannot hold what is erased (its table came
    // later) and is left as it is — neither changed nor deleted.
    Result<BackupScrub> scrubBackups(const QStringList &statements, const QVariantList &args,
                                     int minimumSchema = 0) const;

private:
    Database(QString dataDir, QString connectionName);
    QString m_dataDir;
    QString m_connectionName;
};

} // namespace mobiliza::core
