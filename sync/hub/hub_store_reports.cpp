// HubStore: reports, their revisions and the events feed (review decisions: hub_store_reviews.cpp).
#include "sync/hub/hub_store.h"

#include "core/services/blob_collector.h"
#include "core/store/sql.h"
#include "sync/hub/hub_store_p.h"

#include <algorithm>

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

namespace mobiliza::hub {

using core::Error;
using core::Result;
using core::Status;
using core::textArg;
using namespace store_detail;

namespace {

QString revisionColumns(bool withManifest, const QString &prefix = {})
{
    QStringList cols{QStringLiteral("id"),          QStringLiteral("report"),
                     QStringLiteral("revision"),    QStringLiteral("manifest_sha256"),
                     QStringLiteral("hub_id"),      QStringLiteral("received_at"),
                     QStringLiteral("state"),       QStringLiteral("comment"),
                     QStringLiteral("reviewed_at"), QStringLiteral("reviewer"),
                     QStringLiteral("via"),         QStringLiteral("received_by_urs"),
                     QStringLiteral("received_by_installation"), QStringLiteral("received_by_label")};
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
    r.via = q.value(offset + 10).toString();
    r.receivedBy = sync::ReceivedBy{q.value(offset + 11).toString(), q.value(offset + 12).toString(),
                                    q.value(offset + 13).toString()};
    if (withManifest)
        r.manifest = q.value(offset + 14).toByteArray();
    return r;
}

const QString kEventColumns =
    QStringLiteral("cursor, report, period, revision, state, comment, at, municipality, urs, notes, reviewer, "
                   "decision, installation");

EventRecord readEvent(const QSqlQuery &r)
{
    EventRecord e{r.value(0).toLongLong(),    r.value(1).toString(), r.value(2).toString(),
                  r.value(3).toInt(),         r.value(4).toString(), r.value(5).toString(),
                  parseStoreTime(r.value(6)), r.value(7).toString(), r.value(8).toString()};
    const QByteArray notes = r.value(9).toByteArray();
    if (!notes.isEmpty())
        sync::notesFromJson(QJsonDocument::fromJson(notes).array(), &e.notes); // written by this hub: valid
    e.reviewer = r.value(10).toString();
    e.decision = r.value(11).toString();
    e.installation = r.value(12).toString();
    return e;
}

QString hubIdFor(qint64 id)
{
    return QStringLiteral("r-%1").arg(id, 6, 10, QLatin1Char('0'));
}

} // namespace

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
                                                const QDateTime &now, const Provenance &provenance)
{
    return inTransaction([&]() -> Result<RevisionRecord> {
        const QSqlDatabase d = db();
        auto created = m_statements.exec(
            d,
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
        if (auto named = m_statements.exec(d, QStringLiteral("UPDATE revisions SET hub_id = ? WHERE id = ?"),
                                           {r.hubId, r.id});
            !named)
            return named.error();
        // Schema 5's columns, only for an import (a push keeps their defaults).
        if (provenance.isImport()) {
            const sync::ReceivedBy &by = provenance.receivedBy;
            if (auto marked = m_statements.exec(
                    d,
                    QStringLiteral("UPDATE revisions SET via = ?, received_by_urs = ?, "
                                   "received_by_installation = ?, received_by_label = ? "
                                   "WHERE id = ?"),
                    {provenance.via, textArg(by.urs), textArg(by.installation), textArg(by.label), r.id});
                !marked)
                return marked.error();
            r.via = provenance.via;
            r.receivedBy = by;
        }
        // The photos it names, 32 rows a statement (a month's 20 in one).
        const QSet<QString> named = core::BlobCollector::hashesIn(manifest);
        QStringList hashes(named.cbegin(), named.cend());
        hashes.sort(); // one order for every writer
        for (qsizetype from = 0; from < hashes.size(); from += 32) {
            const QStringList chunk = hashes.mid(from, 32);
            QStringList rows;
            QVariantList args;
            for (const QString &sha : chunk) {
                rows << QStringLiteral("(?, ?)");
                args << report.uuid << sha;
            }
            if (auto inserted =
                    m_statements.exec(d,
                                      QStringLiteral("INSERT INTO report_blobs (report, sha256) VALUES ") +
                                          rows.join(QStringLiteral(", ")) +
                                          QStringLiteral(" ON CONFLICT (report, sha256) DO NOTHING"),
                                      args);
                !inserted)
                return inserted.error();
        }
        // Cursors must become visible in their order: on PostgreSQL, event writers take turns.
        if (m_postgres)
            if (auto locked =
                    m_statements.exec(d, QStringLiteral("LOCK TABLE status_events IN EXCLUSIVE MODE"));
                !locked)
                return locked.error();
        auto event = m_statements.exec(
            d,
            QStringLiteral("INSERT INTO status_events (report, revision, state, comment, at, "
                           "municipality, urs, period) VALUES (?, ?, 'received', '', ?, ?, ?, ?)"),
            {report.uuid, revision, storeTime(now), report.municipality, textArg(urs), report.period});
        if (!event)
            return event.error();
        return r;
    });
}

Result<QList<EventRecord>> HubStore::events(qint64 since, int limit,
                                            const std::optional<QStringList> &municipalities) const
{
    QString sql = QStringLiteral("SELECT ") + kEventColumns + QStringLiteral(" FROM status_events WHERE cursor > ?");
    QVariantList args{since};
    if (municipalities) {
        if (municipalities->isEmpty())
            return QList<EventRecord>();
        QStringList marks;
        for (const QString &m : *municipalities) {
            marks << QStringLiteral("?");
            args << m;
        }
        sql += QStringLiteral(" AND municipality IN (") + marks.join(QStringLiteral(", ")) + QLatin1Char(')');
    }
    sql += QStringLiteral(" ORDER BY cursor LIMIT ?");
    args << limit;
    auto q = runSql(db(), sql, args);
    if (!q)
        return q.error();
    QList<EventRecord> out;
    while (q.value().next())
        out << readEvent(q.value());
    return out;
}

Result<QList<EventRecord>> HubStore::reportEvents(const QString &reportUuid) const
{
    auto q = runSql(db(),
                    QStringLiteral("SELECT ") + kEventColumns +
                        QStringLiteral(" FROM status_events WHERE report = ? ORDER BY cursor"),
                    {reportUuid});
    if (!q)
        return q.error();
    QList<EventRecord> out;
    while (q.value().next())
        out << readEvent(q.value());
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

Result<QSet<QString>> HubStore::referencedBlobs() const
{
    auto q = runSql(db(), QStringLiteral("SELECT manifest FROM revisions"));
    if (!q)
        return q.error();
    QSet<QString> hashes;
    while (q.value().next())
        hashes.unite(core::BlobCollector::hashesIn(q.value().value(0).toByteArray()));
    return hashes;
}

// ------------------------------------------------------------------ blobs
namespace {

// Names per statement: far below every driver's limit on parameters.
constexpr qsizetype kNamesPerQuery = 500;

QString marks(qsizetype n)
{
    QStringList out;
    out.reserve(n);
    for (qsizetype i = 0; i < n; ++i)
        out << QStringLiteral("?");
    return out.join(QStringLiteral(", "));
}

} // namespace

Status HubStore::recordUpload(const QString &sha256, const QString &tokenId, qint64 bytes,
                              const QDateTime &now)
{
    if (auto recorded = recordUploads({Upload{sha256, tokenId, bytes, now}}); !recorded)
        return recorded.error();
    return {};
}

Result<QSet<QString>> HubStore::recordUploads(const QList<Upload> &batch)
{
    constexpr qsizetype kRowsPerStatement = 64;
    // Once each, in one order for every writer (two instances inserting the same
    // pairs in opposite orders could deadlock on PostgreSQL).
    QList<Upload> uploads;
    QSet<QString> seen;
    for (const Upload &u : batch)
        if (!seen.contains(u.key())) {
            seen.insert(u.key());
            uploads << u;
        }
    std::sort(uploads.begin(), uploads.end(),
              [](const Upload &a, const Upload &b) { return a.key() < b.key(); });
    const auto insert = [&]() -> Result<QSet<QString>> {
        QSet<QString> recorded;
        for (qsizetype from = 0; from < uploads.size(); from += kRowsPerStatement) {
            const QList<Upload> chunk = uploads.mid(from, kRowsPerStatement);
            QStringList rows;
            QVariantList args;
            for (const Upload &u : chunk) {
                rows << QStringLiteral("(?, ?, ?, ?)");
                args << u.sha256 << u.tokenId << u.bytes << storeTime(u.at);
            }
            // One statement text per batch size: each is prepared once per connection.
            auto inserted = m_statements.rows(
                db(),
                QStringLiteral("INSERT INTO blob_uploads (sha256, token_id, bytes, created_at) VALUES ") +
                    rows.join(QStringLiteral(", ")) +
                    QStringLiteral(" ON CONFLICT (sha256, token_id) DO NOTHING RETURNING sha256, token_id"),
                args);
            if (!inserted)
                return inserted.error();
            for (const QVariantList &row : inserted.value())
                recorded.insert(row.value(0).toString() + QLatin1Char(' ') + row.value(1).toString());
        }
        return recorded;
    };
    if (uploads.size() <= kRowsPerStatement)
        return insert(); // one statement: atomic by itself
    return inTransaction(insert);
}

Result<QSet<QString>> HubStore::knownBlobs(const QStringList &names,
                                           const std::optional<QStringList> &municipalities,
                                           const QString &tokenId) const
{
    QSet<QString> known;
    if (municipalities && municipalities->isEmpty() && tokenId.isEmpty())
        return known;
    for (qsizetype from = 0; from < names.size(); from += kNamesPerQuery) {
        const QStringList chunk = names.mid(from, kNamesPerQuery);
        QVariantList args;
        for (const QString &n : chunk)
            args << n;
        // Named by a revision of a report the scope covers.
        if (!municipalities || !municipalities->isEmpty()) {
            QString sql = QStringLiteral("SELECT DISTINCT b.sha256 FROM report_blobs b JOIN reports r ON "
                                         "r.uuid = b.report WHERE b.sha256 IN (") +
                          marks(chunk.size()) + QLatin1Char(')');
            QVariantList referencedArgs = args;
            if (municipalities) {
                sql += QStringLiteral(" AND r.municipality IN (") + marks(municipalities->size()) +
                       QLatin1Char(')');
                for (const QString &m : *municipalities)
                    referencedArgs << m;
            }
            auto found = m_statements.strings(db(), sql, referencedArgs);
            if (!found)
                return found.error();
            for (const QString &sha : found.value())
                known.insert(sha);
        }
        // Uploaded by this very token.
        if (!tokenId.isEmpty()) {
            QVariantList uploadArgs{tokenId};
            uploadArgs += args;
            auto found =
                m_statements.strings(db(),
                                     QStringLiteral("SELECT sha256 FROM blob_uploads WHERE token_id = ? "
                                                    "AND sha256 IN (") +
                                         marks(chunk.size()) + QLatin1Char(')'),
                                     uploadArgs);
            if (!found)
                return found.error();
            for (const QString &sha : found.value())
                known.insert(sha);
        }
    }
    return known;
}

Result<QSet<QString>> HubStore::uploadedByMunicipality(const QStringList &names, const QString &ibge) const
{
    QSet<QString> known;
    if (ibge.isEmpty())
        return known;
    for (qsizetype from = 0; from < names.size(); from += kNamesPerQuery) {
        const QStringList chunk = names.mid(from, kNamesPerQuery);
        QVariantList args{ibge};
        for (const QString &n : chunk)
            args << n;
        auto q =
            runSql(db(),
                   QStringLiteral("SELECT DISTINCT u.sha256 FROM blob_uploads u JOIN tokens t ON t.id = "
                                  "u.token_id WHERE t.scope_kind = 'municipality' AND t.municipality = ? "
                                  "AND u.sha256 IN (") +
                       marks(chunk.size()) + QLatin1Char(')'),
                   args);
        if (!q)
            return q.error();
        while (q.value().next())
            known.insert(q.value().value(0).toString());
    }
    return known;
}

namespace {

// Named by a stored revision of a report of `municipalities` (nullopt: of any
// report): "EXISTS (…)" about `column`, its arguments appended to `args`.
QString namedByRevision(const QString &column, const std::optional<QStringList> &municipalities,
                        QVariantList &args)
{
    QString sql = QStringLiteral("EXISTS (SELECT 1 FROM report_blobs b JOIN reports r ON r.uuid = b.report "
                                 "WHERE b.sha256 = ") +
                  column;
    if (municipalities) {
        sql += QStringLiteral(" AND r.municipality IN (") + marks(municipalities->size()) + QLatin1Char(')');
        for (const QString &m : *municipalities)
            args << m;
    }
    return sql + QLatin1Char(')');
}

// The sum unattachedBytes answers, as a scalar subquery.
QString unattachedSql(const QString &tokenId, const std::optional<QStringList> &municipalities,
                      QVariantList &args)
{
    QString sql =
        QStringLiteral("(SELECT COALESCE(SUM(u.bytes), 0) FROM blob_uploads u WHERE u.token_id = ?");
    args << tokenId;
    if (!municipalities || !municipalities->isEmpty())
        sql +=
            QStringLiteral(" AND NOT ") + namedByRevision(QStringLiteral("u.sha256"), municipalities, args);
    return sql + QLatin1Char(')');
}

} // namespace

Result<qint64> HubStore::unattachedBytes(const QString &tokenId,
                                         const std::optional<QStringList> &municipalities) const
{
    QVariantList args;
    auto v = m_statements.scalar(
        db(), QStringLiteral("SELECT ") + unattachedSql(tokenId, municipalities, args), args);
    if (!v)
        return v.error();
    return v.value().toLongLong();
}

Result<HubStore::BlobStanding> HubStore::blobStanding(const QString &sha256,
                                                      const std::optional<QStringList> &municipalities,
                                                      const QString &tokenId, bool withUnattached) const
{
    // Every photo upload's statement (with the token's): kept prepared.
    QVariantList args{tokenId, sha256};
    QString sql =
        QStringLiteral("SELECT (EXISTS (SELECT 1 FROM blob_uploads WHERE token_id = ? AND sha256 = ?)");
    if (!municipalities || !municipalities->isEmpty()) {
        args << sha256;
        sql += QStringLiteral(" OR ") + namedByRevision(QStringLiteral("?"), municipalities, args);
    }
    sql += QStringLiteral("), ");
    sql += withUnattached ? unattachedSql(tokenId, municipalities, args) : QStringLiteral("0");
    auto rows = m_statements.rows(db(), sql, args);
    if (!rows)
        return rows.error();
    if (rows->isEmpty())
        return Error{QStringLiteral("database"), QStringLiteral("blob standing: no row")};
    const QVariantList &row = rows->constFirst();
    return BlobStanding{row.value(0).toBool(), row.value(1).toLongLong()};
}

Result<QStringList> HubStore::uploaders() const
{
    return m_statements.strings(
        db(), QStringLiteral("SELECT DISTINCT token_id FROM blob_uploads ORDER BY token_id"));
}

Result<qint64> HubStore::countRows(const QString &table) const
{
    auto v = m_statements.scalar(db(), QStringLiteral("SELECT COUNT(*) FROM ") + table);
    if (!v)
        return v.error();
    return v.value().toLongLong();
}

Result<qint64> HubStore::databaseBytes() const
{
    if (m_postgres) {
        auto v = m_statements.scalar(db(), QStringLiteral("SELECT pg_database_size(current_database())"));
        if (!v)
            return v.error();
        return v.value().toLongLong();
    }
    const QString path = db().databaseName();
    qint64 bytes = 0;
    for (const char *suffix : {"", "-wal", "-shm"}) {
        const QFileInfo file(path + QLatin1String(suffix));
        if (file.exists())
            bytes += file.size();
    }
    return bytes;
}

Status HubStore::forgetUploads(const QStringList &sha256s)
{
    return inTransaction([&]() -> Status {
        for (qsizetype from = 0; from < sha256s.size(); from += kNamesPerQuery) {
            const QStringList chunk = sha256s.mid(from, kNamesPerQuery);
            QVariantList args;
            for (const QString &n : chunk)
                args << n;
            if (auto done = m_statements.exec(db(),
                                              QStringLiteral("DELETE FROM blob_uploads WHERE sha256 IN (") +
                                                  marks(chunk.size()) + QLatin1Char(')'),
                                              args);
                !done)
                return done.error();
        }
        return {};
    });
}

} // namespace mobiliza::hub
