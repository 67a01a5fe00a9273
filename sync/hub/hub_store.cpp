#include "sync/hub/hub_store.h"

#include "core/domain/types.h"
#include "core/store/sql.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>
#include <QUrlQuery>

namespace mobiliza::hub {

using core::Error;
using core::Result;
using core::Status;
using core::textArg;

Q_LOGGING_CATEGORY(lcHubStore, "mobiliza.hub.store")

namespace {

// Like core's runSql/execSql/scalarSql, but a statement without arguments is
// executed directly: QPSQL prepares statements with "PREPARE … AS", which
// PostgreSQL refuses for DDL, BEGIN, LOCK and the like.
Result<QSqlQuery> runSql(const QSqlDatabase &db, const QString &sql, const QVariantList &args = {})
{
    if (!args.isEmpty())
        return core::runSql(db, sql, args);
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.exec(sql))
        return core::storeError(query.lastError());
    return Result<QSqlQuery>(std::move(query));
}

Result<int> execSql(const QSqlDatabase &db, const QString &sql, const QVariantList &args = {})
{
    auto query = runSql(db, sql, args);
    if (!query)
        return query.error();
    const int affected = query.value().numRowsAffected();
    query.value().finish();
    return affected;
}

Result<QVariant> scalarSql(const QSqlDatabase &db, const QString &sql, const QVariantList &args = {})
{
    auto query = runSql(db, sql, args);
    if (!query)
        return query.error();
    QVariant value;
    if (query.value().next())
        value = query.value().value(0);
    query.value().finish();
    return value;
}

// ---------------------------------------------------------------- schema
// Forward-only migrations. {ID} and {BYTES} are replaced per driver. Never edit
// a released migration: append a new one.
struct HubMigration
{
    int version;
    QStringList statements;
};

QList<HubMigration> migrations()
{
    return {
        {1,
         {
             QStringLiteral(
                 "CREATE TABLE enrollment_codes ("
                 " code_hash TEXT PRIMARY KEY,"
                 " scope_kind TEXT NOT NULL CHECK (scope_kind IN ('municipality', 'urs', 'central')),"
                 " municipality TEXT NOT NULL DEFAULT '',"
                 " urs TEXT NOT NULL DEFAULT '',"
                 " label TEXT NOT NULL DEFAULT '',"
                 " created_at TEXT NOT NULL,"
                 " expires_at TEXT NOT NULL,"
                 " used_at TEXT,"
                 " token_id TEXT)"),
             QStringLiteral(
                 "CREATE TABLE tokens ("
                 " id TEXT PRIMARY KEY,"
                 " token_hash TEXT NOT NULL UNIQUE,"
                 " scope_kind TEXT NOT NULL CHECK (scope_kind IN ('municipality', 'urs', 'central')),"
                 " municipality TEXT NOT NULL DEFAULT '',"
                 " urs TEXT NOT NULL DEFAULT '',"
                 " label TEXT NOT NULL DEFAULT '',"
                 " installation TEXT NOT NULL DEFAULT '',"
                 " created_at TEXT NOT NULL,"
                 " revoked_at TEXT,"
                 " last_seen TEXT)"),
             QStringLiteral("CREATE INDEX tokens_municipality ON tokens (municipality)"),
             QStringLiteral("CREATE TABLE reports ("
                            " uuid TEXT PRIMARY KEY,"
                            " municipality TEXT NOT NULL,"
                            " program TEXT NOT NULL,"
                            " period TEXT NOT NULL,"
                            " created_at TEXT NOT NULL)"),
             QStringLiteral("CREATE INDEX reports_municipality ON reports (municipality, period)"),
             QStringLiteral("CREATE TABLE revisions ("
                            " id {ID},"
                            " report TEXT NOT NULL REFERENCES reports (uuid),"
                            " revision INTEGER NOT NULL CHECK (revision >= 1),"
                            " manifest {BYTES} NOT NULL,"
                            " manifest_sha256 TEXT NOT NULL,"
                            " hub_id TEXT NOT NULL DEFAULT '',"
                            " received_at TEXT NOT NULL,"
                            " state TEXT NOT NULL CHECK (state IN ('received', 'accepted', 'returned')),"
                            " comment TEXT NOT NULL DEFAULT '',"
                            " reviewed_at TEXT,"
                            " reviewer TEXT NOT NULL DEFAULT '',"
                            " UNIQUE (report, revision))"),
             QStringLiteral("CREATE TABLE status_events ("
                            " cursor {ID},"
                            " report TEXT NOT NULL REFERENCES reports (uuid),"
                            " revision INTEGER NOT NULL,"
                            " state TEXT NOT NULL,"
                            " comment TEXT NOT NULL DEFAULT '',"
                            " at TEXT NOT NULL,"
                            " municipality TEXT NOT NULL,"
                            " urs TEXT NOT NULL DEFAULT '',"
                            " period TEXT NOT NULL)"),
             QStringLiteral(
                 "CREATE INDEX status_events_municipality ON status_events (municipality, cursor)"),
             QStringLiteral("CREATE INDEX status_events_urs ON status_events (urs, cursor)"),
             QStringLiteral("CREATE TABLE partners ("
                            " uuid TEXT PRIMARY KEY,"
                            " municipality TEXT NOT NULL,"
                            " json TEXT NOT NULL,"
                            " updated_at TEXT NOT NULL,"
                            " deleted INTEGER NOT NULL DEFAULT 0,"
                            " received_at TEXT NOT NULL)"),
             QStringLiteral("CREATE INDEX partners_municipality ON partners (municipality)"),
         }},
    };
}

QString forDriver(QString sql, bool postgres)
{
    sql.replace(QStringLiteral("{ID}"), postgres ? QStringLiteral("BIGSERIAL PRIMARY KEY")
                                                 : QStringLiteral("INTEGER PRIMARY KEY AUTOINCREMENT"));
    sql.replace(QStringLiteral("{BYTES}"), postgres ? QStringLiteral("BYTEA") : QStringLiteral("BLOB"));
    return sql;
}

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

Error invalidCode()
{
    return Error{QStringLiteral("invalid_code"),
                 QCoreApplication::translate(
                     "HubStore", "This enrollment code is not valid: it may be mistyped, already "
                                 "used or expired. Ask the regional office (URS) for a new code.")};
}

Error invalidTransition(const QString &from, const QString &to)
{
    return Error{QStringLiteral("invalid_transition"),
                 QCoreApplication::translate("HubStore",
                                             "The revision is “%1” and cannot become “%2”. Only a received "
                                             "revision can be accepted or returned.")
                     .arg(from, to)};
}

QString scopeKindKey(const sync::Scope &s)
{
    return sync::scopeKindKey(s.kind);
}

sync::Scope scopeFrom(const QString &kind, const QString &municipality, const QString &urs)
{
    sync::Scope s;
    if (kind == QLatin1String("urs"))
        s.kind = sync::Scope::Kind::Urs;
    else if (kind == QLatin1String("central"))
        s.kind = sync::Scope::Kind::Central;
    else
        s.kind = sync::Scope::Kind::Municipality;
    s.municipality = municipality;
    s.urs = urs;
    return s;
}

const QString kTokenColumns = QStringLiteral(
    "id, scope_kind, municipality, urs, label, installation, created_at, revoked_at, last_seen");

TokenRecord readToken(const QSqlQuery &q)
{
    TokenRecord t;
    t.id = q.value(0).toString();
    t.scope = scopeFrom(q.value(1).toString(), q.value(2).toString(), q.value(3).toString());
    t.label = q.value(4).toString();
    t.installation = q.value(5).toString();
    t.createdAt = parseStoreTime(q.value(6));
    t.revokedAt = parseStoreTime(q.value(7));
    t.lastSeen = parseStoreTime(q.value(8));
    return t;
}

QString revisionColumns(bool withManifest, const QString &prefix = {})
{
    QStringList cols{QStringLiteral("id"),          QStringLiteral("report"),
                     QStringLiteral("revision"),    QStringLiteral("manifest_sha256"),
                     QStringLiteral("hub_id"),      QStringLiteral("received_at"),
                     QStringLiteral("state"),       QStringLiteral("comment"),
                     QStringLiteral("reviewed_at"), QStringLiteral("reviewer")};
    if (withManifest)
        cols << QStringLiteral("manifest");
    for (QString &c : cols)
        c.prepend(prefix);
    return cols.join(QStringLiteral(", "));
}

RevisionRecord readRevision(const QSqlQuery &q, int offset, bool withManifest)
{
    RevisionRecord r;
    r.id = q.value(offset + 0).toLongLong();
    r.report = q.value(offset + 1).toString();
    r.revision = q.value(offset + 2).toInt();
    r.manifestSha256 = q.value(offset + 3).toString();
    r.hubId = q.value(offset + 4).toString();
    r.receivedAt = parseStoreTime(q.value(offset + 5));
    r.state = q.value(offset + 6).toString();
    r.comment = q.value(offset + 7).toString();
    r.reviewedAt = parseStoreTime(q.value(offset + 8));
    r.reviewer = q.value(offset + 9).toString();
    if (withManifest)
        r.manifest = q.value(offset + 10).toByteArray();
    return r;
}

QString hubIdFor(qint64 id)
{
    return QStringLiteral("r-%1").arg(id, 6, 10, QLatin1Char('0'));
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
    return migrations().constLast().version;
}

HubStore::HubStore(QString connectionName, bool postgres, QString description)
    : m_connectionName(std::move(connectionName)), m_postgres(postgres), m_description(std::move(description))
{
}

HubStore::~HubStore()
{
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
    const QString connection = QStringLiteral("mobiliza-hub-") + core::newUuid();
    std::unique_ptr<HubStore> store;
    if (dbUrl.isEmpty()) {
        if (dataDir.isEmpty() || !QDir().mkpath(dataDir) || !QFileInfo(dataDir).isWritable())
            return notWritable(dataDir);
        const QString path = QDir(dataDir).filePath(fileName());
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
            if (!done)
                return cannotOpen(QDir::toNativeSeparators(path), done.error().message);
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
    if (Status migrated = store->migrate(); !migrated)
        return migrated.error();
    return store;
}

int HubStore::schemaVersion() const
{
    auto v = scalarSql(db(), QStringLiteral("SELECT MAX(version) FROM hub_schema"));
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

template <typename F> auto HubStore::inTransaction(F &&work) const -> decltype(work())
{
    using R = decltype(work());
    if (Status started = begin(); !started)
        return R(started.error());
    R result = work();
    if (!result.ok()) {
        rollback();
        return result;
    }
    if (Status committed = commit(); !committed)
        return R(committed.error());
    return result;
}

Status HubStore::migrate()
{
    const QSqlDatabase d = db();
    if (auto created = execSql(d, QStringLiteral("CREATE TABLE IF NOT EXISTS hub_schema ("
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
        for (const HubMigration &m : migrations()) {
            if (m.version <= current)
                continue;
            status = inTransaction([&]() -> Status {
                for (const QString &sql : m.statements)
                    if (auto done = execSql(d, forDriver(sql, m_postgres)); !done)
                        return done.error();
                if (auto done = execSql(
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

// ------------------------------------------------------------------ tokens
Status HubStore::insertEnrollmentCode(const EnrollmentCodeRecord &code)
{
    return inTransaction([&]() -> Status {
        auto done =
            execSql(db(),
                    QStringLiteral("INSERT INTO enrollment_codes (code_hash, scope_kind, municipality, urs, "
                                   "label, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)"),
                    {code.codeHash, scopeKindKey(code.scope), textArg(code.scope.municipality),
                     textArg(code.scope.urs), textArg(code.label), storeTime(code.createdAt),
                     storeTime(code.expiresAt)});
        if (!done)
            return done.error();
        return {};
    });
}

Result<TokenRecord> HubStore::redeemCode(const QString &codeHash, const QString &tokenHash,
                                         const QString &tokenId, const QString &installation,
                                         const QString &label, const QDateTime &now)
{
    return inTransaction([&]() -> Result<TokenRecord> {
        auto found =
            runSql(db(),
                   QStringLiteral("SELECT scope_kind, municipality, urs, label FROM enrollment_codes "
                                  "WHERE code_hash = ? AND used_at IS NULL AND expires_at > ?"),
                   {codeHash, storeTime(now)});
        if (!found)
            return found.error();
        if (!found.value().next())
            return invalidCode();
        TokenRecord t;
        t.id = tokenId;
        t.scope = scopeFrom(found.value().value(0).toString(), found.value().value(1).toString(),
                            found.value().value(2).toString());
        const QString codeLabel = found.value().value(3).toString();
        found.value().finish();
        t.label = label.isEmpty() ? codeLabel
                                  : (codeLabel.isEmpty() ? label : codeLabel + QStringLiteral(" — ") + label);
        t.installation = installation;
        t.createdAt = now;
        auto used = execSql(db(),
                            QStringLiteral("UPDATE enrollment_codes SET used_at = ?, token_id = ? "
                                           "WHERE code_hash = ? AND used_at IS NULL"),
                            {storeTime(now), tokenId, codeHash});
        if (!used)
            return used.error();
        if (used.value() != 1)
            return invalidCode();
        auto inserted =
            execSql(db(),
                    QStringLiteral("INSERT INTO tokens (id, token_hash, scope_kind, municipality, urs, "
                                   "label, installation, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
                    {t.id, tokenHash, scopeKindKey(t.scope), textArg(t.scope.municipality),
                     textArg(t.scope.urs), textArg(t.label), textArg(t.installation), storeTime(now)});
        if (!inserted)
            return inserted.error();
        return t;
    });
}

Result<std::optional<TokenRecord>> HubStore::activeToken(const QString &tokenHash) const
{
    auto q = runSql(db(),
                    QStringLiteral("SELECT ") + kTokenColumns +
                        QStringLiteral(" FROM tokens WHERE token_hash = ? AND revoked_at IS NULL"),
                    {tokenHash});
    if (!q)
        return q.error();
    if (!q.value().next())
        return std::optional<TokenRecord>();
    return std::optional<TokenRecord>(readToken(q.value()));
}

Status HubStore::touchToken(const QString &tokenId, const QDateTime &now)
{
    return inTransaction([&]() -> Status {
        auto done = execSql(db(), QStringLiteral("UPDATE tokens SET last_seen = ? WHERE id = ?"),
                            {storeTime(now), tokenId});
        if (!done)
            return done.error();
        return {};
    });
}

Result<QList<TokenRecord>> HubStore::tokens() const
{
    auto q = runSql(db(), QStringLiteral("SELECT ") + kTokenColumns +
                              QStringLiteral(" FROM tokens ORDER BY created_at, id"));
    if (!q)
        return q.error();
    QList<TokenRecord> out;
    while (q.value().next())
        out << readToken(q.value());
    return out;
}

Result<int> HubStore::revokeToken(const QString &tokenId, const QDateTime &now)
{
    return inTransaction([&]() -> Result<int> {
        return execSql(db(),
                       QStringLiteral("UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL"),
                       {storeTime(now), tokenId});
    });
}

Result<int> HubStore::revokeMunicipality(const QString &ibge, const QDateTime &now)
{
    return inTransaction([&]() -> Result<int> {
        return execSql(db(),
                       QStringLiteral("UPDATE tokens SET revoked_at = ? WHERE scope_kind = 'municipality' "
                                      "AND municipality = ? AND revoked_at IS NULL"),
                       {storeTime(now), ibge});
    });
}

// ----------------------------------------------------------------- reports
Result<std::optional<ReportRecord>> HubStore::report(const QString &uuid) const
{
    auto q =
        runSql(db(), QStringLiteral("SELECT uuid, municipality, program, period FROM reports WHERE uuid = ?"),
               {uuid});
    if (!q)
        return q.error();
    if (!q.value().next())
        return std::optional<ReportRecord>();
    return std::optional<ReportRecord>(
        ReportRecord{q.value().value(0).toString(), q.value().value(1).toString(),
                     q.value().value(2).toString(), q.value().value(3).toString()});
}

Result<QList<RevisionRecord>> HubStore::revisions(const QString &reportUuid, bool withManifest) const
{
    auto q = runSql(db(),
                    QStringLiteral("SELECT ") + revisionColumns(withManifest) +
                        QStringLiteral(" FROM revisions WHERE report = ? ORDER BY revision"),
                    {reportUuid});
    if (!q)
        return q.error();
    QList<RevisionRecord> out;
    while (q.value().next())
        out << readRevision(q.value(), 0, withManifest);
    return out;
}

Result<std::optional<RevisionRecord>> HubStore::revision(const QString &reportUuid, int revision) const
{
    auto q = runSql(db(),
                    QStringLiteral("SELECT ") + revisionColumns(true) +
                        QStringLiteral(" FROM revisions WHERE report = ? AND revision = ?"),
                    {reportUuid, revision});
    if (!q)
        return q.error();
    if (!q.value().next())
        return std::optional<RevisionRecord>();
    return std::optional<RevisionRecord>(readRevision(q.value(), 0, true));
}

Result<RevisionRecord> HubStore::insertRevision(const ReportRecord &report, const QString &urs, int revision,
                                                const QByteArray &manifest, const QString &manifestSha256,
                                                const QDateTime &now)
{
    return inTransaction([&]() -> Result<RevisionRecord> {
        const QSqlDatabase d = db();
        auto created =
            execSql(d,
                    QStringLiteral("INSERT INTO reports (uuid, municipality, program, period, created_at) "
                                   "VALUES (?, ?, ?, ?, ?) ON CONFLICT (uuid) DO NOTHING"),
                    {report.uuid, report.municipality, report.program, report.period, storeTime(now)});
        if (!created)
            return created.error();
        auto inserted =
            runSql(d,
                   QStringLiteral("INSERT INTO revisions (report, revision, manifest, manifest_sha256, "
                                  "received_at, state) VALUES (?, ?, ?, ?, ?, 'received') RETURNING id"),
                   {report.uuid, revision, manifest, manifestSha256, storeTime(now)});
        if (!inserted)
            return inserted.error();
        if (!inserted.value().next())
            return core::storeError(inserted.value().lastError());
        RevisionRecord r;
        r.id = inserted.value().value(0).toLongLong();
        inserted.value().finish();
        r.report = report.uuid;
        r.revision = revision;
        r.manifest = manifest;
        r.manifestSha256 = manifestSha256;
        r.hubId = hubIdFor(r.id);
        r.receivedAt = parseStoreTime(storeTime(now));
        r.state = revision_state::Received;
        if (auto named =
                execSql(d, QStringLiteral("UPDATE revisions SET hub_id = ? WHERE id = ?"), {r.hubId, r.id});
            !named)
            return named.error();
        // Cursors must become visible in their order: on PostgreSQL, event writers take turns.
        if (m_postgres)
            if (auto locked = execSql(d, QStringLiteral("LOCK TABLE status_events IN EXCLUSIVE MODE"));
                !locked)
                return locked.error();
        auto event = execSql(
            d,
            QStringLiteral("INSERT INTO status_events (report, revision, state, comment, at, "
                           "municipality, urs, period) VALUES (?, ?, 'received', '', ?, ?, ?, ?)"),
            {report.uuid, revision, storeTime(now), report.municipality, textArg(urs), report.period});
        if (!event)
            return event.error();
        return r;
    });
}

Result<RevisionRecord> HubStore::review(const QString &reportUuid, int revision, const QString &fromState,
                                        const QString &toState, const QString &comment,
                                        const QString &reviewer, const QString &urs, const QDateTime &now)
{
    return inTransaction([&]() -> Result<RevisionRecord> {
        const QSqlDatabase d = db();
        auto reportRow = report(reportUuid);
        if (!reportRow)
            return reportRow.error();
        auto current = this->revision(reportUuid, revision);
        if (!current)
            return current.error();
        if (!reportRow.value() || !current.value())
            return Error{QStringLiteral("not_found"),
                         QCoreApplication::translate("HubStore", "There is no such report on this hub.")};
        if (current.value()->state != fromState)
            return invalidTransition(current.value()->state, toState);
        auto updated = execSql(
            d,
            QStringLiteral("UPDATE revisions SET state = ?, comment = ?, reviewed_at = ?, "
                           "reviewer = ? WHERE report = ? AND revision = ? AND state = ?"),
            {toState, textArg(comment), storeTime(now), textArg(reviewer), reportUuid, revision, fromState});
        if (!updated)
            return updated.error();
        if (updated.value() != 1)
            return invalidTransition(current.value()->state, toState);
        if (m_postgres)
            if (auto locked = execSql(d, QStringLiteral("LOCK TABLE status_events IN EXCLUSIVE MODE"));
                !locked)
                return locked.error();
        auto event =
            execSql(d,
                    QStringLiteral("INSERT INTO status_events (report, revision, state, comment, at, "
                                   "municipality, urs, period) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
                    {reportUuid, revision, toState, textArg(comment), storeTime(now),
                     reportRow.value()->municipality, textArg(urs), reportRow.value()->period});
        if (!event)
            return event.error();
        RevisionRecord r = *current.value();
        r.state = toState;
        r.comment = comment;
        r.reviewedAt = parseStoreTime(storeTime(now));
        r.reviewer = reviewer;
        return r;
    });
}

Result<QList<EventRecord>> HubStore::events(qint64 since, int limit, const sync::Scope &scope) const
{
    QString sql =
        QStringLiteral("SELECT cursor, report, period, revision, state, comment, at, municipality, urs "
                       "FROM status_events WHERE cursor > ?");
    QVariantList args{since};
    switch (scope.kind) {
    case sync::Scope::Kind::Municipality:
        sql += QStringLiteral(" AND municipality = ?");
        args << scope.municipality;
        break;
    case sync::Scope::Kind::Urs:
        sql += QStringLiteral(" AND urs = ?");
        args << scope.urs;
        break;
    case sync::Scope::Kind::Central:
        break;
    }
    sql += QStringLiteral(" ORDER BY cursor LIMIT ?");
    args << limit;
    auto q = runSql(db(), sql, args);
    if (!q)
        return q.error();
    QList<EventRecord> out;
    while (q.value().next()) {
        const QSqlQuery &r = q.value();
        out << EventRecord{r.value(0).toLongLong(),    r.value(1).toString(), r.value(2).toString(),
                           r.value(3).toInt(),         r.value(4).toString(), r.value(5).toString(),
                           parseStoreTime(r.value(6)), r.value(7).toString(), r.value(8).toString()};
    }
    return out;
}

Result<QList<ListedRevision>> HubStore::listRevisions(const QString &period,
                                                      const std::optional<QStringList> &municipalities) const
{
    QString sql = QStringLiteral("SELECT r.uuid, r.municipality, r.program, r.period, ") +
                  revisionColumns(false, QStringLiteral("v.")) +
                  QStringLiteral(" FROM revisions v JOIN reports r ON r.uuid = v.report WHERE 1 = 1");
    QVariantList args;
    if (!period.isEmpty()) {
        sql += QStringLiteral(" AND r.period = ?");
        args << period;
    }
    if (municipalities) {
        if (municipalities->isEmpty())
            return QList<ListedRevision>();
        QStringList marks;
        for (const QString &m : *municipalities) {
            marks << QStringLiteral("?");
            args << m;
        }
        sql +=
            QStringLiteral(" AND r.municipality IN (") + marks.join(QStringLiteral(", ")) + QLatin1Char(')');
    }
    sql += QStringLiteral(" ORDER BY r.period, r.municipality, r.uuid, v.revision");
    auto q = runSql(db(), sql, args);
    if (!q)
        return q.error();
    QList<ListedRevision> out;
    while (q.value().next()) {
        const QSqlQuery &r = q.value();
        out << ListedRevision{ReportRecord{r.value(0).toString(), r.value(1).toString(),
                                           r.value(2).toString(), r.value(3).toString()},
                              readRevision(r, 4, false)};
    }
    return out;
}

// ---------------------------------------------------------------- partners
Result<std::optional<PartnerRecord>> HubStore::partner(const QString &uuid) const
{
    auto q = runSql(
        db(),
        QStringLiteral("SELECT uuid, municipality, json, updated_at, deleted FROM partners WHERE uuid = ?"),
        {uuid});
    if (!q)
        return q.error();
    if (!q.value().next())
        return std::optional<PartnerRecord>();
    const QSqlQuery &r = q.value();
    return std::optional<PartnerRecord>(PartnerRecord{r.value(0).toString(), r.value(1).toString(),
                                                      r.value(2).toString().toUtf8(),
                                                      parseStoreTime(r.value(3)), r.value(4).toInt() != 0});
}

Result<PartnerRecord> HubStore::upsertPartner(const PartnerRecord &incoming, const QDateTime &now,
                                              bool *applied)
{
    *applied = false;
    return inTransaction([&]() -> Result<PartnerRecord> {
        auto stored = partner(incoming.uuid);
        if (!stored)
            return stored.error();
        if (stored.value()) {
            const PartnerRecord &old = *stored.value();
            if (old.deleted || incoming.updatedAt <= old.updatedAt)
                return old;
            auto updated =
                execSql(db(),
                        QStringLiteral("UPDATE partners SET municipality = ?, json = ?, updated_at = ?, "
                                       "received_at = ? WHERE uuid = ?"),
                        {incoming.municipality, QString::fromUtf8(incoming.json),
                         storeTime(incoming.updatedAt), storeTime(now), incoming.uuid});
            if (!updated)
                return updated.error();
        } else {
            auto inserted =
                execSql(db(),
                        QStringLiteral("INSERT INTO partners (uuid, municipality, json, updated_at, "
                                       "deleted, received_at) VALUES (?, ?, ?, ?, 0, ?)"),
                        {incoming.uuid, incoming.municipality, QString::fromUtf8(incoming.json),
                         storeTime(incoming.updatedAt), storeTime(now)});
            if (!inserted)
                return inserted.error();
        }
        *applied = true;
        PartnerRecord r = incoming;
        r.updatedAt = parseStoreTime(storeTime(incoming.updatedAt));
        return r;
    });
}

Status HubStore::erasePartner(const QString &uuid, const QString &municipality, const QDateTime &now)
{
    return inTransaction([&]() -> Status {
        auto stored = partner(uuid);
        if (!stored)
            return stored.error();
        if (stored.value()) {
            const QDateTime when = qMax(now, stored.value()->updatedAt);
            auto done =
                execSql(db(),
                        QStringLiteral("UPDATE partners SET json = '{}', deleted = 1, updated_at = ?, "
                                       "received_at = ? WHERE uuid = ?"),
                        {storeTime(when), storeTime(now), uuid});
            if (!done)
                return done.error();
        } else if (!municipality.isEmpty()) {
            auto done =
                execSql(db(),
                        QStringLiteral("INSERT INTO partners (uuid, municipality, json, updated_at, deleted, "
                                       "received_at) VALUES (?, ?, '{}', ?, 1, ?)"),
                        {uuid, municipality, storeTime(now), storeTime(now)});
            if (!done)
                return done.error();
        }
        return {};
    });
}

} // namespace mobiliza::hub
