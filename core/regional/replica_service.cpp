#include "core/regional/replica_service.h"

#include "core/domain/clock.h"
#include "core/package/manifest_codec.h"
#include "core/program/program_registry.h"
#include "core/regional/replica_facts.h"
#include "core/services/audit.h"
#include "core/services/blob_store.h"
#include "core/services/notifier.h"
#include "core/store/database.h"
#include "core/store/sql.h"
#include "core/store/transaction.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QSet>
#include <QSqlQuery>

#include <algorithm>

namespace mobiliza::core {

namespace {

// The name the hub gives a unit that is a person (schema 14); an empty one keeps the name known.
Status nameUnit(const QSqlDatabase &db, const QString &unit, const QString &name)
{
    if (name.isEmpty())
        return {};
    auto named = execSql(db,
                         QStringLiteral("INSERT INTO unit_names (unit, name) VALUES (?, ?) "
                                        "ON CONFLICT (unit) DO UPDATE SET name = excluded.name"),
                         {unit, name});
    if (!named)
        return named.error();
    return {};
}

const QString kCursorKey = QStringLiteral("replica_cursor");

const QString kReplicaColumns = QStringLiteral(
    "report, revision, municipality, program, period, hub_id, manifest_sha256, state, comment, "
    "received_at, reviewed_at, cursor, via, manifest IS NOT NULL, no_actions, action_count, photo_count");

ReplicaRevision fromRow(const QSqlQuery &q)
{
    ReplicaRevision r;
    r.report = q.value(0).toString();
    r.revision = q.value(1).toInt();
    r.municipality = q.value(2).toString();
    r.program = q.value(3).toString();
    r.period = Period::fromKey(q.value(4).toString());
    r.hubId = q.value(5).toString();
    r.manifestSha256 = q.value(6).toString();
    r.state = q.value(7).toString();
    r.comment = q.value(8).toString();
    r.receivedAt = parseStoreTimestamp(q.value(9).toString());
    r.reviewedAt = parseStoreTimestamp(q.value(10).toString());
    r.cursor = q.value(11).toLongLong();
    r.via = q.value(12).toString();
    r.hasManifest = q.value(13).toBool();
    r.noActions = q.value(14).toInt() == 1;
    r.actionCount = q.value(15).toInt();
    r.photoCount = q.value(16).toInt();
    return r;
}

Result<QList<ReplicaRevision>> listOf(const Database &database, const QString &sql, const QVariantList &args)
{
    auto q = runSql(database.db(), sql, args);
    if (!q)
        return q.error();
    QList<ReplicaRevision> out;
    while (q.value().next())
        out << fromRow(q.value());
    return out;
}

Error mismatch(const QString &report, int revision, const QString &detail)
{
    return Error{QStringLiteral("manifest_mismatch"),
                 QCoreApplication::translate("ReplicaService",
                                             "The hub sent a report (%1, revision %2) that does not match what it "
                                             "listed (%3). Nothing was stored; the next synchronization asks again. "
                                             "If this repeats, tell the hub's administrator.")
                     .arg(report)
                     .arg(revision)
                     .arg(detail)};
}

} // namespace

ReplicaService::ReplicaService(Database &database, Notifier &notifier, BlobStore &blobs, const Clock &clock,
                               const ProgramRegistry *programs)
    : m_database(database), m_notifier(notifier), m_blobs(blobs), m_clock(clock), m_programs(programs)
{
}

const ProgramDefinition *ReplicaService::programOf(const QString &programId) const
{
    if (!m_programs)
        return nullptr;
    auto engine = m_programs->engine(programId);
    return engine ? &engine->program() : nullptr;
}

qint64 ReplicaService::cursor() const
{
    auto v = scalarSql(m_database.db(), QStringLiteral("SELECT value FROM settings WHERE key = ?"), {kCursorKey});
    return v && v.value().isValid() ? v.value().toLongLong() : 0;
}

Result<QHash<QString, QString>> ReplicaService::unitNames() const
{
    auto q = runSql(m_database.db(), QStringLiteral("SELECT unit, name FROM unit_names"));
    if (!q)
        return q.error();
    QHash<QString, QString> names;
    while (q.value().next())
        names.insert(q.value().value(0).toString(), q.value().value(1).toString());
    return names;
}

Status ReplicaService::replaceRoster(const QList<RosterEntry> &roster)
{
    // The same roster as the last pass (the usual case): nothing written, no page redrawn.
    if (auto known = this->roster(); known && known->size() == roster.size()) {
        QHash<QString, RosterEntry> byUnit;
        for (const RosterEntry &e : known.value())
            byUnit.insert(e.unit, e);
        const bool same = std::all_of(roster.cbegin(), roster.cend(), [&](const RosterEntry &e) {
            const auto it = byUnit.constFind(e.unit);
            return it != byUnit.cend() && it->uf == e.uf && it->since == e.since && it->active == e.active &&
                   it->until == e.until && (e.name.isEmpty() || it->name == e.name);
        });
        if (same)
            return {};
    }
    Status done = inTransaction(m_database.db(), [&]() -> Status {
        if (auto cleared = execSql(m_database.db(), QStringLiteral("DELETE FROM unit_roster")); !cleared)
            return cleared.error();
        for (const RosterEntry &e : roster) {
            auto put =
                execSql(m_database.db(),
                        QStringLiteral(
                            "INSERT INTO unit_roster (unit, uf, since, active, until) VALUES (?, ?, ?, ?, ?) "
                            "ON CONFLICT (unit) DO NOTHING"),
                        {e.unit, textArg(e.uf), storeTimestamp(e.since), e.active ? 1 : 0,
                         e.until.isValid() ? QVariant(storeTimestamp(e.until)) : QVariant()});
            if (!put)
                return put.error();
            if (Status named = nameUnit(m_database.db(), e.unit, e.name); !named)
                return named;
        }
        return {};
    });
    if (done)
        Q_EMIT m_notifier.replicaChanged();
    return done;
}

Result<QList<RosterEntry>> ReplicaService::roster() const
{
    auto q =
        runSql(m_database.db(),
               QStringLiteral(
                   "SELECT r.unit, COALESCE(n.name, ''), r.uf, r.since, r.active, r.until FROM unit_roster r "
                   "LEFT JOIN unit_names n ON n.unit = r.unit ORDER BY r.unit"));
    if (!q)
        return q.error();
    QList<RosterEntry> out;
    while (q.value().next())
        out << RosterEntry{
            q.value().value(0).toString(),   q.value().value(1).toString(),
            q.value().value(2).toString(),   parseStoreTimestamp(q.value().value(3).toString()),
            q.value().value(4).toInt() == 1, parseStoreTimestamp(q.value().value(5).toString())};
    return out;
}

Result<QStringList> ReplicaService::units() const
{
    return stringsSql(
        m_database.db(),
        QStringLiteral("SELECT DISTINCT municipality FROM replica_revisions ORDER BY municipality"));
}

Status ReplicaService::applyPulled(const QList<ReplicaRevision> &entries, qint64 next)
{
    const QString now = storeTimestamp(m_clock.now());
    Status done = inTransaction(m_database.db(), [&]() -> Status {
        for (const ReplicaRevision &e : entries) {
            // A revision the hub lists with another hash loses its manifest below,
            // and the Painel's facts taken from it.
            auto stale = execSql(m_database.db(),
                                 QStringLiteral("DELETE FROM replica_actions WHERE report = ? AND revision = ? "
                                                "AND EXISTS (SELECT 1 FROM replica_revisions WHERE report = ? "
                                                "AND revision = ? AND manifest_sha256 <> ? AND cursor <= ?)"),
                                 {e.report, e.revision, e.report, e.revision, e.manifestSha256, e.cursor});
            if (!stale)
                return stale.error();
            // A revision never changes: only its state (and the review's words) do.
            auto put = execSql(
                m_database.db(),
                QStringLiteral(
                    "INSERT INTO replica_revisions (report, revision, municipality, program, period, hub_id, "
                    "manifest_sha256, state, comment, received_at, reviewed_at, cursor, via, pulled_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT (report, revision) DO UPDATE SET state = excluded.state, "
                    "comment = excluded.comment, reviewed_at = excluded.reviewed_at, cursor = excluded.cursor, "
                    "hub_id = excluded.hub_id, pulled_at = excluded.pulled_at, "
                    "manifest = CASE WHEN excluded.manifest_sha256 = replica_revisions.manifest_sha256 "
                    "THEN replica_revisions.manifest END, "
                    "no_actions = CASE WHEN excluded.manifest_sha256 = replica_revisions.manifest_sha256 "
                    "THEN replica_revisions.no_actions END, "
                    "action_count = CASE WHEN excluded.manifest_sha256 = replica_revisions.manifest_sha256 "
                    "THEN replica_revisions.action_count END, "
                    "photo_count = CASE WHEN excluded.manifest_sha256 = replica_revisions.manifest_sha256 "
                    "THEN replica_revisions.photo_count END, "
                    "facts = CASE WHEN excluded.manifest_sha256 = replica_revisions.manifest_sha256 "
                    "THEN replica_revisions.facts ELSE 0 END, "
                    "manifest_sha256 = excluded.manifest_sha256, via = excluded.via "
                    "WHERE excluded.cursor >= replica_revisions.cursor"),
                {e.report, e.revision, e.municipality, textArg(e.program), e.period.key(), textArg(e.hubId),
                 e.manifestSha256, e.state, textArg(e.comment), storeTimestamp(e.receivedAt),
                 e.reviewedAt.isValid() ? QVariant(storeTimestamp(e.reviewedAt)) : QVariant(),
                 e.cursor, e.via.isEmpty() ? QStringLiteral("push") : e.via, now});
            if (!put)
                return put.error();
            if (Status named = nameUnit(m_database.db(), e.municipality, e.unitName); !named)
                return named;
        }
        auto stored = execSql(m_database.db(),
                              QStringLiteral("INSERT INTO settings (key, value) VALUES (?, ?) "
                                             "ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
                              {kCursorKey, QString::number(std::max(next, cursor()))});
        if (!stored)
            return stored.error();
        return {};
    });
    if (done && !entries.isEmpty())
        Q_EMIT m_notifier.replicaChanged();
    return done;
}

Result<QList<ReplicaRevision>> ReplicaService::revisions(const Period &period) const
{
    if (period.isValid())
        return listOf(m_database,
                      QStringLiteral("SELECT ") + kReplicaColumns +
                          QStringLiteral(" FROM replica_revisions WHERE period = ? "
                                         "ORDER BY period, municipality, report, revision"),
                      {period.key()});
    return listOf(
        m_database,
        QStringLiteral("SELECT ") + kReplicaColumns +
            QStringLiteral(" FROM replica_revisions ORDER BY period, municipality, report, revision"),
        {});
}

Result<QList<ReplicaRevision>> ReplicaService::latest(const Period &period) const
{
    const QString latestOnly = QStringLiteral(
        " FROM replica_revisions r WHERE r.revision = (SELECT MAX(revision) FROM replica_revisions x "
        "WHERE x.report = r.report)");
    if (period.isValid())
        return listOf(m_database,
                      QStringLiteral("SELECT ") + kReplicaColumns + latestOnly +
                          QStringLiteral(" AND r.period = ? ORDER BY period, municipality, report"),
                      {period.key()});
    return listOf(m_database,
                  QStringLiteral("SELECT ") + kReplicaColumns + latestOnly +
                      QStringLiteral(" ORDER BY period, municipality, report"),
                  {});
}

Result<std::optional<ReplicaRevision>> ReplicaService::revision(const QString &report, int revision) const
{
    auto found = listOf(m_database,
                        QStringLiteral("SELECT ") + kReplicaColumns +
                            QStringLiteral(" FROM replica_revisions WHERE report = ? AND revision = ?"),
                        {report, revision});
    if (!found)
        return found.error();
    if (found.value().isEmpty())
        return std::optional<ReplicaRevision>{};
    return std::optional<ReplicaRevision>{found.value().first()};
}

Result<QList<ReplicaRevision>> ReplicaService::withoutManifest() const
{
    return listOf(m_database,
                  QStringLiteral("SELECT ") + kReplicaColumns +
                      QStringLiteral(" FROM replica_revisions WHERE manifest IS NULL "
                                     "ORDER BY period DESC, municipality, report, revision"),
                  {});
}

Status ReplicaService::storeManifest(const QString &report, int revision, const QByteArray &manifest)
{
    QList<Error> rejected;
    if (Status s = storeManifests({FetchedManifest{report, revision, manifest}}, &rejected); !s)
        return s;
    if (!rejected.isEmpty())
        return rejected.first();
    return {};
}

Status ReplicaService::storeManifests(const QList<FetchedManifest> &fetched, QList<Error> *rejected)
{
    struct Checked
    {
        const FetchedManifest *fetched;
        Report report;
    };
    QList<Checked> good;
    for (const FetchedManifest &f : fetched) {
        auto listed = this->revision(f.report, f.revision);
        if (!listed)
            return listed.error();
        auto refuse = [&](const QString &detail) {
            rejected->append(mismatch(f.report, f.revision, detail));
        };
        if (!listed.value()) {
            refuse(QCoreApplication::translate("ReplicaService", "not listed"));
            continue;
        }
        const ReplicaRevision &r = *listed.value();
        const QString sha =
            QString::fromLatin1(QCryptographicHash::hash(f.manifest, QCryptographicHash::Sha256).toHex());
        if (sha != r.manifestSha256) {
            refuse(QCoreApplication::translate("ReplicaService", "another checksum"));
            continue;
        }
        auto decoded = reportFromManifest(f.manifest);
        if (!decoded) {
            refuse(decoded.error().message);
            continue;
        }
        if (decoded.value().uuid != f.report || decoded.value().revision != f.revision ||
            decoded.value().municipality != r.municipality || decoded.value().period != r.period) {
            refuse(QCoreApplication::translate("ReplicaService", "another report"));
            continue;
        }
        good << Checked{&f, decoded.value()};
    }
    if (good.isEmpty())
        return {};
    Status done = inTransaction(m_database.db(), [&]() -> Status {
        for (const Checked &c : std::as_const(good)) {
            auto put =
                execSql(m_database.db(),
                        QStringLiteral("UPDATE replica_revisions SET manifest = ?, no_actions = ?, "
                                       "action_count = ?, photo_count = ? WHERE report = ? AND revision = ?"),
                        {c.fetched->manifest, c.report.noActions ? 1 : 0, int(c.report.actions.size()),
                         manifestPhotoCount(c.report), c.fetched->report, c.fetched->revision});
            if (!put)
                return put.error();
            if (Status w = writeReplicaFacts(m_database.db(), c.report, c.fetched->revision,
                                             programOf(c.report.programId));
                !w)
                return w;
        }
        return {};
    });
    if (done)
        Q_EMIT m_notifier.replicaChanged();
    return done;
}

Result<QByteArray> ReplicaService::manifest(const QString &report, int revision) const
{
    auto v = scalarSql(m_database.db(),
                       QStringLiteral("SELECT manifest FROM replica_revisions WHERE report = ? AND revision = ?"),
                       {report, revision});
    if (!v)
        return v.error();
    if (!v.value().isValid() || v.value().isNull())
        return Error{QStringLiteral("manifest_missing"),
                     QCoreApplication::translate("ReplicaService",
                                                 "This report has not been downloaded from the hub yet. Synchronize "
                                                 "when there is a connection, then open it again.")};
    return v.value().toByteArray();
}

Result<bool> ReplicaService::dropUnfetched(const QString &report, int revision)
{
    Result<bool> dropped = inTransaction(m_database.db(), [&]() -> Result<bool> {
        auto removed = execSql(m_database.db(),
                               QStringLiteral("DELETE FROM replica_revisions WHERE report = ? AND revision = ? "
                                              "AND manifest IS NULL"),
                               {report, revision});
        if (!removed)
            return removed.error();
        return removed.value() > 0;
    });
    if (dropped && dropped.value())
        Q_EMIT m_notifier.replicaChanged();
    return dropped;
}

Result<Report> ReplicaService::report(const QString &report, int revision) const
{
    auto bytes = manifest(report, revision);
    if (!bytes)
        return bytes.error();
    return reportFromManifest(bytes.value());
}

Result<QStringList> ReplicaService::missingPhotos(const Period &period) const
{
    auto list = latest(period);
    if (!list)
        return list.error();
    QStringList missing;
    QSet<QString> seen;
    for (const ReplicaRevision &r : list.value()) {
        if (!r.hasManifest)
            continue;
        auto decoded = report(r.report, r.revision);
        if (!decoded)
            continue; // stored only after it decoded: cannot happen short of damage
        for (const QString &sha : manifestBlobs(decoded.value()))
            if (!seen.contains(sha) && !m_blobs.has(sha)) {
                seen.insert(sha);
                missing << sha;
            }
    }
    return missing;
}

Period ReplicaService::newestPeriod() const
{
    auto v = scalarSql(m_database.db(), QStringLiteral("SELECT MAX(period) FROM replica_revisions"));
    return v && v.value().isValid() ? Period::fromKey(v.value().toString()) : Period{};
}

Period ReplicaService::oldestPeriod() const
{
    auto v = scalarSql(m_database.db(), QStringLiteral("SELECT MIN(period) FROM replica_revisions"));
    return v && v.value().isValid() ? Period::fromKey(v.value().toString()) : Period{};
}

Result<bool> ReplicaService::want(const QString &report, int revision)
{
    auto decoded = this->report(report, revision);
    if (!decoded)
        return decoded.error();
    bool missing = false;
    for (const QString &sha : manifestBlobs(decoded.value()))
        missing = missing || !m_blobs.has(sha);
    if (!missing)
        return false;
    auto put = execSql(m_database.db(),
                       QStringLiteral("INSERT INTO replica_wanted (report, revision, asked_at) VALUES (?, ?, ?) "
                                      "ON CONFLICT (report, revision) DO NOTHING"),
                       {report, revision, storeTimestamp(m_clock.now())});
    if (!put)
        return put.error();
    return true;
}

Result<QStringList> ReplicaService::wantedMissingPhotos()
{
    auto q = runSql(m_database.db(), QStringLiteral("SELECT report, revision FROM replica_wanted ORDER BY asked_at"));
    if (!q)
        return q.error();
    QList<QPair<QString, int>> wanted;
    while (q.value().next())
        wanted << qMakePair(q.value().value(0).toString(), q.value().value(1).toInt());
    QStringList missing;
    QSet<QString> seen;
    for (const auto &[report, revision] : std::as_const(wanted)) {
        auto decoded = this->report(report, revision);
        bool complete = true;
        if (decoded)
            for (const QString &sha : manifestBlobs(decoded.value()))
                if (!m_blobs.has(sha)) {
                    complete = false;
                    if (!seen.contains(sha)) {
                        seen.insert(sha);
                        missing << sha;
                    }
                }
        if (complete) // everything arrived (or the revision is gone): no longer wanted
            (void)execSql(m_database.db(), QStringLiteral("DELETE FROM replica_wanted WHERE report = ? AND revision = ?"),
                          {report, revision});
    }
    return missing;
}

Status ReplicaService::insertImported(const ReplicaRevision &e, const QByteArray &manifest, const Report &report)
{
    auto put = execSql(
        m_database.db(),
        QStringLiteral("INSERT INTO replica_revisions (report, revision, municipality, program, period, hub_id, "
                       "manifest_sha256, manifest, no_actions, action_count, photo_count, state, comment, received_at, "
                       "cursor, via, pulled_at) VALUES (?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?, 'received', '', ?, 0, 'import', ?)"),
        {e.report, e.revision, e.municipality, textArg(e.program), e.period.key(), e.manifestSha256, manifest,
         report.noActions ? 1 : 0, int(report.actions.size()), manifestPhotoCount(report), storeTimestamp(e.receivedAt),
         storeTimestamp(m_clock.now())});
    if (!put)
        return put.error();
    return writeReplicaFacts(m_database.db(), report, e.revision, programOf(report.programId));
}

Result<int> ReplicaService::backfillFacts()
{
    auto facts = rewriteFacts(QStringLiteral("facts = 0"), {});
    if (!facts)
        return facts;
    // The words of the programs that search (schema 16), for revisions stored before it.
    QStringList searching;
    if (m_programs)
        for (const QString &id : m_programs->ids())
            if (const ProgramDefinition *p = programOf(id); p && !p->panel().search.isEmpty())
                searching << id;
    if (searching.isEmpty())
        return facts;
    auto text = rewriteFacts(QStringLiteral("text_indexed = 0 AND program IN (%1)")
                                 .arg(QStringLiteral("?, ").repeated(int(searching.size())).chopped(2)),
                             QVariantList(searching.cbegin(), searching.cend()));
    if (!text)
        return text;
    return facts.value() + text.value();
}

Result<int> ReplicaService::rewriteFacts(const QString &where, const QVariantList &args)
{
    auto q = runSql(
        m_database.db(),
        QStringLiteral("SELECT report, revision FROM replica_revisions WHERE manifest IS NOT NULL AND ") +
            where,
        args);
    if (!q)
        return q.error();
    QList<QPair<QString, int>> pending;
    while (q.value().next())
        pending << qMakePair(q.value().value(0).toString(), q.value().value(1).toInt());
    // A few hundred revisions per transaction: one commit (one fsync) each, not one per revision.
    constexpr qsizetype kBatch = 250;
    int written = 0;
    for (qsizetype from = 0; from < pending.size(); from += kBatch) {
        Result<int> batch = inTransaction(m_database.db(), [&]() -> Result<int> {
            int n = 0;
            for (qsizetype i = from; i < std::min(from + kBatch, pending.size()); ++i) {
                const auto &[report, revision] = pending.at(i);
                auto bytes = manifest(report, revision);
                if (!bytes)
                    return bytes.error();
                auto decoded = reportFromManifest(bytes.value());
                const ProgramDefinition *program = decoded ? programOf(decoded.value().programId) : nullptr;
                if (!program)
                    continue; // undecodable (never stored so) or of an unknown program: stays unmarked
                if (Status s = writeReplicaFacts(m_database.db(), decoded.value(), revision, program); !s)
                    return s.error();
                ++n;
            }
            return n;
        });
        if (!batch)
            return batch.error();
        written += batch.value();
    }
    return written;
}

Status ReplicaService::forgetWantedPhoto(const QString &sha256)
{
    auto q = runSql(m_database.db(), QStringLiteral("SELECT report, revision FROM replica_wanted"));
    if (!q)
        return q.error();
    QList<QPair<QString, int>> wanted;
    while (q.value().next())
        wanted << qMakePair(q.value().value(0).toString(), q.value().value(1).toInt());
    for (const auto &[report, revision] : std::as_const(wanted)) {
        auto decoded = this->report(report, revision);
        if (decoded && !manifestBlobs(decoded.value()).contains(sha256))
            continue;
        auto gone = execSql(m_database.db(),
                            QStringLiteral("DELETE FROM replica_wanted WHERE report = ? AND revision = ?"),
                            {report, revision});
        if (!gone)
            return gone.error();
    }
    return {};
}

} // namespace mobiliza::core
