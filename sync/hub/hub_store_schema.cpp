// The hub's schema (HubStore::migrate runs it): every migration, in order, with
// the data fills some need. hub_store.cpp opens the database and migrates it.
#include "core/domain/types.h"
#include "core/services/blob_collector.h"
#include "core/store/sql.h"
#include "sync/hub/hub_store_p.h"

#include <QSqlError>
#include <QSqlQuery>

namespace mobiliza::hub::store_detail {

using core::Error;
using core::Result;
using core::Status;

namespace {


// Version 2: which photos each stored report names, from the manifests already there.
Status fillReportBlobs(const QSqlDatabase &db)
{
    auto q = runSql(db, QStringLiteral("SELECT report, manifest FROM revisions"));
    if (!q)
        return q.error();
    QList<std::pair<QString, QString>> rows;
    while (q.value().next()) {
        const QString report = q.value().value(0).toString();
        for (const QString &sha : core::BlobCollector::hashesIn(q.value().value(1).toByteArray()))
            rows << std::make_pair(report, sha);
    }
    q.value().finish();
    for (const auto &[report, sha] : std::as_const(rows))
        if (auto done = execSql(db,
                                QStringLiteral("INSERT INTO report_blobs (report, sha256) VALUES (?, ?) "
                                               "ON CONFLICT (report, sha256) DO NOTHING"),
                                {report, sha});
            !done)
            return done.error();
    return {};
}

// PostgreSQL: each CHECK constraint of `table` naming `column` is dropped and the
// wider one added as <table>_<column>_check (hub schemas 4 and 7).
Status swapPostgresCheck(const QSqlDatabase &db, const QString &table, const QString &column, const QString &check)
{
    auto q = runSql(db, QStringLiteral("SELECT conname FROM pg_constraint WHERE conrelid = '%1'::regclass "
                                       "AND contype = 'c' AND pg_get_constraintdef(oid) LIKE ?")
                            .arg(table),
                    {QVariant(QLatin1Char('%') + column + QLatin1Char('%'))});
    if (!q)
        return q.error();
    QStringList names;
    while (q.value().next())
        names << q.value().value(0).toString();
    q.value().finish();
    for (QString name : std::as_const(names))
        if (auto done = execSql(db, QStringLiteral("ALTER TABLE %1 DROP CONSTRAINT \"%2\"")
                                        .arg(table, name.replace(QLatin1Char('"'), QStringLiteral("\"\""))));
            !done)
            return done.error();
    if (auto done = execSql(db, QStringLiteral("ALTER TABLE %1 ADD CONSTRAINT %1_%2_check CHECK (%3)")
                                    .arg(table, column, check));
        !done)
        return done.error();
    return {};
}

// Version 4: revisions.state allows the regional desk's states (§10.1). SQLite
// cannot change a CHECK constraint: the table is rebuilt with the same rows and ids
// (and its AUTOINCREMENT sequence, renamed with it: hub ids are never reused).
// PostgreSQL drops the constraint and adds the wider one.
Status widenRevisionStates(const QSqlDatabase &db)
{
    const QString states = QStringLiteral(
        "CHECK (state IN ('received', 'in_review', 'accepted', 'returned', 'forwarded', 'consolidated'))");
    if (db.driverName() == QLatin1String("QPSQL"))
        return swapPostgresCheck(db, QStringLiteral("revisions"), QStringLiteral("state"),
                                 QStringLiteral("state IN ('received', 'in_review', 'accepted', 'returned', "
                                                "'forwarded', 'consolidated')"));
    const QString columns = QStringLiteral("id, report, revision, manifest, manifest_sha256, hub_id, received_at, "
                                           "state, comment, reviewed_at, reviewer");
    for (const QString &sql :
         QStringList{QStringLiteral("CREATE TABLE revisions_v4 ("
                         " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                         " report TEXT NOT NULL REFERENCES reports (uuid),"
                         " revision INTEGER NOT NULL CHECK (revision >= 1),"
                         " manifest BLOB NOT NULL,"
                         " manifest_sha256 TEXT NOT NULL,"
                         " hub_id TEXT NOT NULL DEFAULT '',"
                         " received_at TEXT NOT NULL,"
                         " state TEXT NOT NULL ") +
              states +
              QStringLiteral(","
                             " comment TEXT NOT NULL DEFAULT '',"
                             " reviewed_at TEXT,"
                             " reviewer TEXT NOT NULL DEFAULT '',"
                             " UNIQUE (report, revision))"),
          QStringLiteral("INSERT INTO revisions_v4 (%1) SELECT %1 FROM revisions ORDER BY id").arg(columns),
          QStringLiteral("DROP TABLE revisions"), QStringLiteral("ALTER TABLE revisions_v4 RENAME TO revisions")})
        if (auto done = execSql(db, sql); !done)
            return done.error();
    return {};
}

// Version 7: the central level's decisions (§10.7): a revision may be
// `returned_to_urs`, and a decision may be `consolidate` or `return_to_urs`. Each
// CHECK constraint named by `column` is widened to `check` in place: PostgreSQL
// swaps the constraint; SQLite rebuilds the table from its own recorded
// definition (with the columns added since), keeping rows, ids, indexes and the
// AUTOINCREMENT sequence (hub ids are never reused).
Status widenCheck(const QSqlDatabase &db, const QString &table, const QString &column, const QString &oldCheck,
                  const QString &check)
{
    if (db.driverName() == QLatin1String("QPSQL"))
        return swapPostgresCheck(db, table, column, check);
    auto definition = scalarSql(db, QStringLiteral("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?"),
                                {table});
    if (!definition)
        return definition.error();
    QString create = definition.value().toString();
    if (!create.contains(oldCheck))
        return Error{QStringLiteral("migration_failed"),
                     QStringLiteral("%1: the constraint on %2 is not the expected one").arg(table, column)};
    create.replace(oldCheck, check);
    const QString fresh = table + QStringLiteral("_v7");
    create.replace(QRegularExpression(QStringLiteral("^CREATE TABLE \"?%1\"?").arg(table)),
                   QStringLiteral("CREATE TABLE ") + fresh);
    auto indexes = runSql(db, QStringLiteral("SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
                                             "AND sql IS NOT NULL"),
                          {table});
    if (!indexes)
        return indexes.error();
    QStringList indexSql;
    while (indexes.value().next())
        indexSql << indexes.value().value(0).toString();
    indexes.value().finish();
    auto sequence = scalarSql(db, QStringLiteral("SELECT seq FROM sqlite_sequence WHERE name = ?"), {table});
    const qint64 seq = sequence && sequence.value().isValid() ? sequence.value().toLongLong() : -1;
    QStringList steps{create, QStringLiteral("INSERT INTO %1 SELECT * FROM %2").arg(fresh, table),
                      QStringLiteral("DROP TABLE %1").arg(table),
                      QStringLiteral("ALTER TABLE %1 RENAME TO %2").arg(fresh, table)};
    steps << indexSql;
    for (const QString &sql : std::as_const(steps))
        if (auto done = execSql(db, sql); !done)
            return done.error();
    if (seq >= 0)
        if (auto done = execSql(db, QStringLiteral("UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = ?"),
                                {seq, table});
            !done)
            return done.error();
    return {};
}

Status allowCentralDecisions(const QSqlDatabase &db)
{
    if (Status s = widenCheck(
            db, QStringLiteral("revisions"), QStringLiteral("state"),
            QStringLiteral("state IN ('received', 'in_review', 'accepted', 'returned', 'forwarded', 'consolidated')"),
            QStringLiteral("state IN ('received', 'in_review', 'accepted', 'returned', 'forwarded', 'consolidated', "
                           "'returned_to_urs')"));
        !s)
        return s;
    return widenCheck(db, QStringLiteral("review_decisions"), QStringLiteral("decision"),
                      QStringLiteral("decision IN ('accept', 'return', 'start')"),
                      QStringLiteral("decision IN ('accept', 'return', 'start', 'consolidate', 'return_to_urs')"));
}

// Version 6: the partners' cursor (§10.6), numbered in the order they reached the hub.
Status numberPartners(const QSqlDatabase &db)
{
    auto q = runSql(db, QStringLiteral("SELECT uuid FROM partners ORDER BY received_at, uuid"));
    if (!q)
        return q.error();
    QStringList uuids;
    while (q.value().next())
        uuids << q.value().value(0).toString();
    q.value().finish();
    for (qsizetype i = 0; i < uuids.size(); ++i)
        if (auto done = execSql(db, QStringLiteral("UPDATE partners SET seq = ? WHERE uuid = ?"),
                                {qint64(i + 1), uuids.at(i)});
            !done)
            return done.error();
    return {};
}

} // namespace

QList<HubMigration> hubMigrations()
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
        // Who uploaded each photo (blobs/missing answers a token only about the photos it
        // uploaded or its scope's reports name; the size is there for per-token quotas),
        // and which photos each report names (so that answer needs no manifest parsing).
        {2,
         {
             QStringLiteral("CREATE TABLE blob_uploads ("
                            " sha256 TEXT NOT NULL,"
                            " token_id TEXT NOT NULL,"
                            " bytes BIGINT NOT NULL,"
                            " created_at TEXT NOT NULL,"
                            " PRIMARY KEY (sha256, token_id))"),
             QStringLiteral("CREATE INDEX blob_uploads_token ON blob_uploads (token_id)"),
             QStringLiteral("CREATE TABLE report_blobs ("
                            " report TEXT NOT NULL REFERENCES reports (uuid),"
                            " sha256 TEXT NOT NULL,"
                            " PRIMARY KEY (report, sha256))"),
             QStringLiteral("CREATE INDEX report_blobs_sha256 ON report_blobs (sha256)"),
         },
         fillReportBlobs},
        // Token rotation (POST /api/v1/token): a new token names the one it replaces, and the
        // replaced one keeps working until replaced_at plus the overlap (HubOptions).
        {3,
         {
             QStringLiteral("ALTER TABLE tokens ADD COLUMN rotated_from TEXT NOT NULL DEFAULT ''"),
             QStringLiteral("ALTER TABLE tokens ADD COLUMN replaced_at TEXT"),
             QStringLiteral("CREATE INDEX tokens_rotated_from ON tokens (rotated_from)"),
         }},
        // The regional desk's review (docs/protocol.md §10.1, §10.3): the new states of a
        // revision, the decisions (by their client-made uuid, for idempotent re-sends) and,
        // on each status event, the decision's notes, reviewer, uuid and installation.
        // Older accepted/returned events get their reviewer from the revision.
        {4,
         {
             QStringLiteral("CREATE TABLE review_decisions ("
                            " uuid TEXT PRIMARY KEY,"
                            " report TEXT NOT NULL REFERENCES reports (uuid),"
                            " revision INTEGER NOT NULL,"
                            " manifest_sha256 TEXT NOT NULL,"
                            " decision TEXT NOT NULL CHECK (decision IN ('accept', 'return', 'start')),"
                            " comment TEXT NOT NULL DEFAULT '',"
                            " notes TEXT NOT NULL DEFAULT '',"
                            " reviewer TEXT NOT NULL,"
                            " installation TEXT NOT NULL DEFAULT '',"
                            " token_id TEXT NOT NULL DEFAULT '',"
                            " decided_at TEXT NOT NULL,"
                            " received_at TEXT NOT NULL,"
                            " state TEXT NOT NULL,"
                            " event BIGINT NOT NULL,"
                            " body_sha256 TEXT NOT NULL)"),
             QStringLiteral(
                 "CREATE INDEX review_decisions_revision ON review_decisions (report, revision, event)"),
             QStringLiteral("ALTER TABLE status_events ADD COLUMN notes TEXT NOT NULL DEFAULT ''"),
             QStringLiteral("ALTER TABLE status_events ADD COLUMN reviewer TEXT NOT NULL DEFAULT ''"),
             QStringLiteral("ALTER TABLE status_events ADD COLUMN decision TEXT NOT NULL DEFAULT ''"),
             QStringLiteral("ALTER TABLE status_events ADD COLUMN installation TEXT NOT NULL DEFAULT ''"),
             QStringLiteral("CREATE INDEX status_events_report ON status_events (report, cursor)"),
             QStringLiteral(
                 "UPDATE status_events SET reviewer = COALESCE((SELECT v.reviewer FROM revisions v "
                 "WHERE v.report = status_events.report AND v.revision = status_events.revision), '') "
                 "WHERE state IN ('accepted', 'returned')"),
         },
         widenRevisionStates},
        // Imports with provenance and batches to the central level (docs/protocol.md §10.4,
        // §10.5): how each revision reached the hub and who brought it; the batches, their
        // revisions in order, each batch's canonical body hash (a re-send must match).
        {5,
         {
             QStringLiteral("ALTER TABLE revisions ADD COLUMN via TEXT NOT NULL DEFAULT 'push'"),
             QStringLiteral("ALTER TABLE revisions ADD COLUMN received_by_urs TEXT NOT NULL DEFAULT ''"),
             QStringLiteral(
                 "ALTER TABLE revisions ADD COLUMN received_by_installation TEXT NOT NULL DEFAULT ''"),
             QStringLiteral("ALTER TABLE revisions ADD COLUMN received_by_label TEXT NOT NULL DEFAULT ''"),
             QStringLiteral("CREATE TABLE batches ("
                            " id {ID},"
                            " uuid TEXT NOT NULL UNIQUE,"
                            " urs TEXT NOT NULL,"
                            " period TEXT NOT NULL,"
                            " created_at TEXT NOT NULL,"
                            " created_by TEXT NOT NULL DEFAULT '',"
                            " hub_id TEXT NOT NULL DEFAULT '',"
                            " received_at TEXT NOT NULL,"
                            " state TEXT NOT NULL CHECK (state IN ('received', 'consolidated')),"
                            " installation TEXT NOT NULL DEFAULT '',"
                            " token_id TEXT NOT NULL DEFAULT '',"
                            " via TEXT NOT NULL DEFAULT 'http',"
                            " body_sha256 TEXT NOT NULL)"),
             QStringLiteral("CREATE INDEX batches_urs ON batches (urs, id)"),
             QStringLiteral("CREATE TABLE batch_revisions ("
                            " batch TEXT NOT NULL REFERENCES batches (uuid),"
                            " position INTEGER NOT NULL,"
                            " report TEXT NOT NULL REFERENCES reports (uuid),"
                            " revision INTEGER NOT NULL,"
                            " manifest_sha256 TEXT NOT NULL,"
                            " PRIMARY KEY (batch, position))"),
             QStringLiteral("CREATE INDEX batch_revisions_revision ON batch_revisions (report, revision)"),
         }},
        // The partners of the region (docs/protocol.md §10.6): a cursor on the partners,
        // given anew at every write and erasure, so a URS pulls what changed since its
        // last pass (tombstones included). Existing partners are numbered in place.
        {6,
         {
             QStringLiteral("ALTER TABLE partners ADD COLUMN seq BIGINT NOT NULL DEFAULT 0"),
             QStringLiteral("CREATE INDEX partners_seq ON partners (seq)"),
             QStringLiteral("CREATE INDEX partners_municipality_seq ON partners (municipality, seq)"),
         },
         numberPartners},
        // The central level's consolidation (docs/protocol.md §10.7): its two decisions and
        // the state of a revision it sends back to the URS. A batch becomes `consolidated`
        // once none of its revisions is left `forwarded` (hub_reviews.cpp).
        {7, {}, allowCentralDecisions},
        // The targets the central level publishes for every level (docs/protocol.md §10.8):
        // one row, replaced only by a newer revision.
        {8,
         {
             QStringLiteral("CREATE TABLE targets ("
                            " id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),"
                            " revision BIGINT NOT NULL,"
                            " document TEXT NOT NULL,"
                            " updated_at TEXT NOT NULL,"
                            " token TEXT NOT NULL)"),
         }},
        // A second program (the CONASEMS–COSEMS apoio register, docs/protocol.md §3): codes
        // and tokens name their program (SES-MG's for every one before) and, for a program
        // set up by state, the state (UF) of an apoiador or of a COSEMS coordination.
        {9,
         {
             QStringLiteral("ALTER TABLE enrollment_codes ADD COLUMN program TEXT NOT NULL DEFAULT "
                            "'ses_mg_mobilizacao'"),
             QStringLiteral("ALTER TABLE enrollment_codes ADD COLUMN uf TEXT NOT NULL DEFAULT ''"),
             QStringLiteral(
                 "ALTER TABLE tokens ADD COLUMN program TEXT NOT NULL DEFAULT 'ses_mg_mobilizacao'"),
             QStringLiteral("ALTER TABLE tokens ADD COLUMN uf TEXT NOT NULL DEFAULT ''"),
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

} // namespace mobiliza::hub::store_detail
