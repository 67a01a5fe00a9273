// The hub's store through QtSql: SQLite at <data>/hub.sqlite by default, or
// PostgreSQL (QPSQL) given a URL "postgresql://user:pass@host:port/dbname".
//
// The SQL runs on both drivers (small per-driver variants for the id columns,
// byte columns and locks). The schema is versioned with forward-only
// migrations recorded in the table hub_schema; a database newer than this
// build is refused untouched. Every write is one transaction. Photo bytes
// never go into the database: they live in <data>/blobs (core::BlobStore).
//
// SQLite connections use WAL, foreign keys, a busy timeout and
// synchronous=FULL (a receipt is only sent after the revision is on disk).
// One HubStore is one connection: use it on the thread that opened it.
#pragma once

#include "core/store/sql.h"
#include "core/util/result.h"
#include "sync/hub/hub_types.h"
#include "sync/protocol_pull.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace mobiliza::hub {

class HubStore
{
public:
    // dbUrl empty: SQLite in dataDir. Otherwise postgresql://user:pass@host:port/dbname[?opt=v&…]
    // (the query items become QPSQL connect options, e.g. sslmode=require).
    static core::Result<std::unique_ptr<HubStore>> open(const QString &dataDir, const QString &dbUrl = {});
    static QString fileName() { return QStringLiteral("hub.sqlite"); }
    static int latestSchemaVersion();
    // For tests of the migrations: the database as a hub of schema `version` left it
    // (the migrations up to it, not further; a newer database is refused as by open()).
    static core::Result<std::unique_ptr<HubStore>> openAtVersion(const QString &dataDir, const QString &dbUrl,
                                                                 int version);
    static constexpr int kBusyTimeoutMs = 5000;

    ~HubStore();
    HubStore(const HubStore &) = delete;
    HubStore &operator=(const HubStore &) = delete;

    bool isPostgres() const { return m_postgres; }
    QString description() const { return m_description; } // never holds a password
    int schemaVersion() const;

    // ------------------------------------------------------------ tokens
    core::Status insertEnrollmentCode(const EnrollmentCodeRecord &code);
    // Marks the code used and creates the token, in one transaction. Error
    // "invalid_code" when the code is unknown, used or expired (the same error).
    // `expected` (program, uf; each may be empty: not said): what the installation is; a code
    // of another program or state is refused ("wrong_program", "wrong_uf") and stays unused.
    // An apoiador's code gets its unit from `installation` (core::apoiadorIdFor): Error
    // "installation_required" without one, "apoiador_elsewhere" when that installation is
    // already an active apoiador of another state or program.
    core::Result<TokenRecord> redeemCode(const QString &codeHash, const QString &tokenHash,
                                         const QString &tokenId, const QString &installation,
                                         const QString &label, const QDateTime &now,
                                         const sync::Scope &expected = {});
    // The unrevoked token with this hash, if any.
    core::Result<std::optional<TokenRecord>> activeToken(const QString &tokenHash) const;
    core::Status touchToken(const QString &tokenId, const QDateTime &now);
    // The token's successor was used for the first time: its overlap starts now (once).
    core::Status markReplaced(const QString &tokenId, const QDateTime &now);
    core::Result<QList<TokenRecord>> tokens() const;
    // The reporting units enrolled by a code of a program other than SES-MG's (whose
    // municipalities are the reference table's): an apoiador's program and state, by
    // its tokens (schema 9); nullopt when no token names it.
    core::Result<std::optional<UnitPlace>> enrolledUnit(const QString &unit) const;
    // The name of a unit that is a person (an apoiador): the label of the code of its latest
    // enrollment (not a renewal); empty when none was given.
    core::Result<QString> unitName(const QString &unit) const;
    // The units enrolled in `program`, of the state `uf` (empty: every state).
    core::Result<QStringList> enrolledUnits(const QString &program, const QString &uf) const;
    // The roster of those units (§10.9): each with its name (unitName), state, first
    // enrollment and whether a token of it is not revoked (else when the last was), by unit.
    core::Result<QList<sync::RosterUnit>> unitRoster(const QString &program, const QString &uf) const;
    // Whether any token belongs to a program other than `program`.
    core::Result<bool> hasTokensOutside(const QString &program) const;
    // One transaction: a new token (same scope, label and installation) that names
    // the active token `oldId` it replaces; a successor issued before and never used
    // is revoked; oldId's photo uploads move to the new token. Error "unauthorized"
    // when oldId is not active or its successor is already in use.
    core::Result<TokenRecord> rotateToken(const QString &oldId, const QString &tokenHash,
                                          const QString &tokenId, const QDateTime &now);
    // Number of tokens revoked now.
    core::Result<int> revokeToken(const QString &tokenId, const QDateTime &now);
    core::Result<int> revokeMunicipality(const QString &ibge, const QDateTime &now);

    // ----------------------------------------------------------- reports
    core::Result<std::optional<ReportRecord>> report(const QString &uuid) const;
    // Oldest first; the manifest bytes only when asked.
    core::Result<QList<RevisionRecord>> revisions(const QString &reportUuid, bool withManifest = false) const;
    core::Result<std::optional<RevisionRecord>> revision(const QString &reportUuid, int revision) const;
    // Every blob a stored revision's manifest names (for the blob collector).
    core::Result<QSet<QString>> referencedBlobs() const;
    // One transaction: the report row (when new), the revision with its hub id,
    // the photos it names (report_blobs) and a "received" status event. Fails
    // (nothing written) when the revision exists. `urs` is recorded with the
    // event for the record only: the feed filters by municipality (events()).
    // `provenance`: an import's via and receivedBy (schema 5; a push writes neither).
    core::Result<RevisionRecord> insertRevision(const ReportRecord &report, const QString &urs, int revision,
                                                const QByteArray &manifest, const QString &manifestSha256,
                                                const QDateTime &now, const Provenance &provenance = {});
    // Events after `since`, oldest first, of these municipalities (IBGE codes;
    // nullopt = all). The caller derives them from the current reference table,
    // as Hub::covers() does, so a remapped municipality moves with its events.
    core::Result<QList<EventRecord>> events(qint64 since, int limit,
                                            const std::optional<QStringList> &municipalities) const;
    // Every event of one report, oldest first (its history, §10.3).
    core::Result<QList<EventRecord>> reportEvents(const QString &reportUuid) const;
    // Every revision, by period, municipality, report and revision; filters are optional
    // (period "YYYY-MM"; municipalities: IBGE codes, empty = all).
    core::Result<QList<ListedRevision>> listRevisions(const QString &period,
                                                      const std::optional<QStringList> &municipalities) const;

    // ------------------------------------------------------------- blobs
    // Records that the token uploaded the blob (the first upload's size and time stay).
    core::Status recordUpload(const QString &sha256, const QString &tokenId, qint64 bytes,
                              const QDateTime &now);
    // Several uploads at once (UploadRecorder's batches), one statement per 64; the
    // "sha256 token-id" keys of those the token had not uploaded before.
    struct Upload
    {
        QString sha256;
        QString tokenId;
        qint64 bytes = 0;
        QDateTime at;
        QString key() const { return sha256 + QLatin1Char(' ') + tokenId; }
    };
    core::Result<QSet<QString>> recordUploads(const QList<Upload> &uploads);
    // Of `names`, those a stored revision of a report of `municipalities` names
    // (nullopt = of any report) or that `tokenId` uploaded. Cost linear in names.
    core::Result<QSet<QString>> knownBlobs(const QStringList &names,
                                           const std::optional<QStringList> &municipalities,
                                           const QString &tokenId) const;
    // Of `names`, those a token of the municipality `ibge` uploaded (any
    // installation of it). Cost linear in names.
    core::Result<QSet<QString>> uploadedByMunicipality(const QStringList &names, const QString &ibge) const;
    // Bytes of the blobs `tokenId` uploaded that no stored revision of a report of
    // `municipalities` (nullopt = of any report) names: what its quota counts.
    core::Result<qint64> unattachedBytes(const QString &tokenId,
                                         const std::optional<QStringList> &municipalities) const;
    // What a photo upload's admission needs, in one statement: whether `tokenId`
    // may know `sha256` (knownBlobs for one name) and, with `withUnattached`, the
    // bytes its quota counts (unattachedBytes; otherwise 0).
    struct BlobStanding
    {
        bool known = false;
        qint64 unattachedBytes = 0;
    };
    core::Result<BlobStanding> blobStanding(const QString &sha256,
                                            const std::optional<QStringList> &municipalities,
                                            const QString &tokenId, bool withUnattached) const;
    // The tokens that uploaded something still recorded.
    core::Result<QStringList> uploaders() const;
    // Counts for `mobiliza-hub stats`.
    core::Result<qint64> countRows(const QString &table) const; // table: a fixed name, never user input
    // Bytes of the database: SQLite's file with its -wal and -shm, or PostgreSQL's
    // pg_database_size.
    core::Result<qint64> databaseBytes() const;
    // Forgets the uploads of blobs the collector deleted.
    core::Status forgetUploads(const QStringList &sha256s);

    // ----------------------------------------------------------- reviews (hub_store_reviews.cpp)
    core::Result<std::optional<DecisionRecord>> decision(const QString &uuid) const;
    // The newest decision that changed this revision's state, if any.
    core::Result<std::optional<DecisionRecord>> lastDecision(const QString &reportUuid, int revision) const;
    // One transaction: when no decision has this uuid and the revision named by
    // `record` is the report's latest, has that manifest hash and is in one of
    // `fromStates`, the revision becomes `toState` (with the decision's comment and
    // reviewed_at for accept and return; its reviewer always), a status event (with
    // comment, notes, reviewer, decision and installation) and the decision row are
    // written; the stored record (its event and state filled) is returned. A
    // decision already stored under that uuid is returned as it is, *existing set,
    // nothing written. Error "state_changed" (nothing written) otherwise.
    core::Result<DecisionRecord> applyDecision(const DecisionRecord &record, const QStringList &fromStates,
                                               const QString &toState, const ReportRecord &report,
                                               const QString &urs, const QDateTime &now, bool *existing);

    // ----------------------------------------------------------- batches (hub_store_batches.cpp)
    core::Result<std::optional<BatchRecord>> batch(const QString &uuid) const;
    // Every batch, oldest first (`mobiliza-hub batches`).
    core::Result<QList<BatchRecord>> batches() const;
    // One transaction: when no batch has this uuid, every revision it names (with
    // that manifest hash) becomes `forwarded` — from `accepted`, or from `received`
    // when it reached the hub as an import (§10.4: the URS reviewed it on its own
    // hub) —, each with a status event (reviewer: the batch's createdBy), and the
    // batch and its revisions are written; the stored record (hub id, state
    // `received`) is returned. A batch already stored under that uuid is returned
    // as it is, *existing set, nothing written. Error "batch_refused" (nothing
    // written) when a revision is not in a state it leaves from.
    core::Result<BatchRecord> insertBatch(const BatchRecord &record,
                                          const QHash<QString, ReportRecord> &reports, const QDateTime &now,
                                          bool *existing);

    // ---------------------------------------------------------- partners
    core::Result<std::optional<PartnerRecord>> partner(const QString &uuid) const;
    // Newest updatedAt wins (an erased partner never comes back). Returns the
    // stored record; *applied tells whether the incoming one was stored. Error
    // "partner_mismatch" (nothing written) when the stored partner or tombstone
    // belongs to another municipality: the owner is fixed at the first write.
    core::Result<PartnerRecord> upsertPartner(const PartnerRecord &incoming, const QDateTime &now,
                                              bool *applied);
    // Erases the partner's data, keeping a tombstone (uuid, municipality).
    core::Status erasePartner(const QString &uuid, const QString &municipality, const QDateTime &now);
    // Partners and tombstones changed after the cursor `since`, oldest change first,
    // of these municipalities (nullopt = all), for the regional level (§10.6). Every
    // write and erasure above gives the partner the next cursor (seq).
    core::Result<QList<PartnerRecord>> partnersSince(qint64 since, int limit,
                                                     const std::optional<QStringList> &municipalities) const;

    // ----------------------------------------------------------- targets (hub_store_targets.cpp)
    // The targets the central level published (docs/protocol.md §10.8), if any.
    core::Result<std::optional<TargetsRecord>> targets() const;
    // 0 when none were published.
    core::Result<int> targetsRevision() const;
    // Stores the document when its revision is newer than the stored one (one
    // statement: two hub instances cannot both win); false, nothing written, otherwise.
    core::Result<bool> putTargets(const TargetsRecord &record);

    QSqlDatabase db() const;

private:
    HubStore(QString connectionName, bool postgres, QString description);
    core::Status migrate(int upTo);
    template <typename F> auto inTransaction(F &&work) const -> decltype(work());
    core::Status begin() const;
    core::Status commit() const;
    void rollback() const;

    QString m_connectionName;
    // This connection's prepared statements (hub_store*.cpp run their SQL through it).
    mutable core::StatementCache m_statements;
    bool m_postgres = false;
    QString m_description;
};

// "2026-11-22T14:00:03.000Z": the one text form of times in the store (sorts as time).
QString storeTime(const QDateTime &t);
QDateTime parseStoreTime(const QVariant &v);

} // namespace mobiliza::hub
