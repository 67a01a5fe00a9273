// HubStore: opening the database (SQLite or PostgreSQL), the schema and its
// migrations, and transactions. Tokens, reports, review decisions and partners are
// in hub_store_tokens.cpp, hub_store_reports.cpp, hub_store_reviews.cpp,
// hub_store_batches.cpp and hub_store_partners.cpp.
#include "sync/hub/hub_store.h"

#include "core/domain/types.h"
#include "core/services/blob_collector.h"
#include "core/store/private_files.h"
#include "core/store/sql.h"
#include "sync/hub/hub_store_p.h"

#include <QCoreApplication>
#include <QDir>
#include <QStorageInfo>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>
#include <QUrlQuery>

#include <functional>
#include <utility>

namespace mobiliza::hub {

using core::Error;
using core::Result;
using core::Status;
using namespace store_detail;

Q_LOGGING_CATEGORY(lcHubStore, "mobiliza.hub.store")

namespace {

Error notWritable(const QString &path)
{
    return Error{QStringLiteral("not_writable"),
                 QCoreApplication::translate("HubStore",
                                             "The hub cannot write to %1. Check that the folder exists, that "
                                             "the disk is not full and that the hub's user may write there.")
                     .arg(QDir::toNativeSeparators(path))};
}

Error cannotOpen(const QString &what, const QString &detail)
{
    return Error{QStringLiteral("database"),
                 QCoreApplication::translate("HubStore",
                                             "The hub's database %1 could not be opened (%2). Check the "
                                             "address, the user and the password, and that the database "
                                             "server is running.")
                     .arg(what, detail)};
}

Error tooNew(int found, int known)
{
    return Error{QStringLiteral("schema_too_new"),
                 QCoreApplication::translate("HubStore",
                                             "The hub's database was written by a newer version of "
                                             "mobiliza-hub (schema %1; this one knows up to %2). It was not "
                                             "changed. Install the newer mobiliza-hub.")
                     .arg(found)
                     .arg(known)};
}

} // namespace

QString storeTime(const QDateTime &t)
{
    if (!t.isValid())
        return {};
    return t.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz")) + QLatin1Char('Z');
}

QDateTime parseStoreTime(const QVariant &v)
{
    if (v.isNull())
        return {};
    QDateTime t = QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
    return t.isValid() ? t.toUTC() : QDateTime();
}

int HubStore::latestSchemaVersion()
{
    return hubMigrations().constLast().version;
}

HubStore::HubStore(QString connectionName, bool postgres, QString description)
    : m_connectionName(std::move(connectionName)), m_postgres(postgres), m_description(std::move(description))
{
}

HubStore::~HubStore()
{
    m_statements.clear(); // before the connection they were prepared on goes
    {
        QSqlDatabase connection = QSqlDatabase::database(m_connectionName, false);
        if (connection.isOpen())
            connection.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

QSqlDatabase HubStore::db() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

Result<std::unique_ptr<HubStore>> HubStore::open(const QString &dataDir, const QString &dbUrl)
{
    return openAtVersion(dataDir, dbUrl, latestSchemaVersion());
}

Result<std::unique_ptr<HubStore>> HubStore::openAtVersion(const QString &dataDir, const QString &dbUrl,
                                                          int version)
{
    const QString connection = QStringLiteral("mobiliza-hub-") + core::newUuid();
    std::unique_ptr<HubStore> store;
    // The data folder holds partners' contacts, photos and token hashes: 0700, whatever
    // the umask (that covers blobs/ and the access log beneath it; with PostgreSQL too,
    // for the photos); an older one is tightened.
    const bool dataDirMade = !dataDir.isEmpty() && core::privacy::makePrivateDir(dataDir);
    if (dbUrl.isEmpty()) {
        if (!dataDirMade || !QFileInfo(dataDir).isWritable())
            return notWritable(dataDir);
        const QString path = QDir(dataDir).filePath(fileName());
        // hub.sqlite is created empty with 0600 before SQLite opens it (never readable by
        // others, not even briefly); SQLite gives -wal and -shm the same permissions.
        for (const char *suffix : {"", "-wal", "-shm", "-journal"})
            core::privacy::tighten(path + QLatin1String(suffix));
        if (!QFileInfo::exists(path) && !core::privacy::makePrivateFile(path))
            return notWritable(path);
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        store.reset(
            new HubStore(connection, false, QStringLiteral("SQLite ") + QDir::toNativeSeparators(path)));
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(kBusyTimeoutMs));
        if (!db.open())
            return cannotOpen(QDir::toNativeSeparators(path), db.lastError().text());
        for (const char *pragma :
             {"PRAGMA journal_mode=WAL", "PRAGMA foreign_keys=ON", "PRAGMA synchronous=FULL"}) {
            auto done = runSql(db, QLatin1String(pragma));
            if (!done) {
                // A full disk (no room for the -shm/-wal files) is not a connection problem.
                const QStorageInfo storage(dataDir);
                if (done.error().code == QLatin1String("disk_full") ||
                    (storage.isValid() && storage.bytesAvailable() < 256 * 1024))
                    return core::diskFullError(done.error().message);
                return cannotOpen(QDir::toNativeSeparators(path), done.error().message);
            }
        }
    } else {
        const QUrl url(dbUrl, QUrl::StrictMode);
        if (!url.isValid() ||
            (url.scheme() != QLatin1String("postgresql") && url.scheme() != QLatin1String("postgres")) ||
            url.path().size() < 2)
            return Error{QStringLiteral("bad_db_url"),
                         QCoreApplication::translate("HubStore",
                                                     "The database address is not valid. Use "
                                                     "postgresql://user:password@host:port/database.")};
        const QString name = url.path().mid(1);
        const QString shown = QStringLiteral("PostgreSQL %1:%2/%3")
                                  .arg(url.host().isEmpty() ? QStringLiteral("localhost") : url.host())
                                  .arg(url.port(5432))
                                  .arg(name);
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connection);
        store.reset(new HubStore(connection, true, shown));
        if (!db.isValid())
            return cannotOpen(shown, QStringLiteral("QPSQL driver"));
        if (!url.host().isEmpty())
            db.setHostName(url.host());
        db.setPort(url.port(5432));
        db.setDatabaseName(name);
        db.setUserName(url.userName(QUrl::FullyDecoded));
        db.setPassword(url.password(QUrl::FullyDecoded));
        QStringList options;
        for (const auto &item : QUrlQuery(url).queryItems(QUrl::FullyDecoded)) {
            if (item.first == QLatin1String("host"))
                db.setHostName(item.second); // a Unix socket folder
            else
                options << item.first + QLatin1Char('=') + item.second;
        }
        if (!options.isEmpty())
            db.setConnectOptions(options.join(QLatin1Char(';')));
        if (!db.open())
            return cannotOpen(shown, db.lastError().text());
        // Quiet: "relation already exists, skipping" notices would go to stderr.
        if (auto quiet = runSql(db, QStringLiteral("SET client_min_messages = warning")); !quiet)
            return cannotOpen(shown, quiet.error().message);
    }
    if (Status migrated = store->migrate(version); !migrated)
        return migrated.error();
    return store;
}

int HubStore::schemaVersion() const
{
    auto v = m_statements.scalar(db(), QStringLiteral("SELECT MAX(version) FROM hub_schema"));
    return v ? v.value().toInt() : -1;
}

Status HubStore::begin() const
{
    QSqlQuery q(db());
    if (!q.exec(m_postgres ? QStringLiteral("BEGIN") : QStringLiteral("BEGIN IMMEDIATE")))
        return core::storeError(q.lastError());
    return {};
}

Status HubStore::commit() const
{
    QSqlQuery q(db());
    if (!q.exec(QStringLiteral("COMMIT"))) {
        const Error e = core::storeError(q.lastError());
        rollback();
        return e;
    }
    return {};
}

void HubStore::rollback() const
{
    QSqlQuery q(db());
    if (!q.exec(QStringLiteral("ROLLBACK")))
        qCWarning(lcHubStore) << "rollback failed:" << q.lastError().text();
}
Status HubStore::migrate(int upTo)
{
    const QSqlDatabase d = db();
    if (auto created = m_statements.exec(d, QStringLiteral("CREATE TABLE IF NOT EXISTS hub_schema ("
                                                           " version INTEGER NOT NULL PRIMARY KEY,"
                                                           " applied_at TEXT NOT NULL)"));
        !created)
        return created.error();
    // Several hub instances may start at once on PostgreSQL: one migrates at a time.
    if (m_postgres)
        if (auto locked = runSql(d, QStringLiteral("SELECT pg_advisory_lock(4804)")); !locked)
            return locked.error();
    Status status;
    const int current = schemaVersion();
    if (current < 0) {
        status = cannotOpen(m_description, QStringLiteral("hub_schema"));
    } else if (current > latestSchemaVersion()) {
        status = tooNew(current, latestSchemaVersion());
    } else {
        for (const HubMigration &m : hubMigrations()) {
            if (m.version <= current || m.version > upTo)
                continue;
            status = inTransaction([&]() -> Status {
                for (const QString &sql : m.statements)
                    if (auto done = m_statements.exec(d, forDriver(sql, m_postgres)); !done)
                        return done.error();
                if (m.fill)
                    if (Status filled = m.fill(d); !filled)
                        return filled;
                if (auto done = m_statements.exec(
                        d, QStringLiteral("INSERT INTO hub_schema (version, applied_at) VALUES (?, ?)"),
                        {m.version, storeTime(QDateTime::currentDateTimeUtc())});
                    !done)
                    return done.error();
                return {};
            });
            if (!status)
                break;
        }
    }
    if (m_postgres)
        runSql(d, QStringLiteral("SELECT pg_advisory_unlock(4804)"));
    return status;
}

} // namespace mobiliza::hub
