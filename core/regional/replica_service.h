// The URS's local replica (docs/protocol.md §10.2): every revision the hub holds
// for the URS's municipalities, as the pull lists it, with its manifest once
// fetched (verified against its SHA-256) and its photos in the profile's
// content-addressed blob store. A reviewer works from here, online or not.
//
// Every change is one transaction and emits Notifier::replicaChanged().
#pragma once

#include "core/domain/types.h"
#include "core/util/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace mobiliza::core {

class BlobStore;
class Clock;
class Database;
class Notifier;
class ProgramDefinition;
class ProgramRegistry;

// One revision as the hub lists it (and as the replica keeps it).
// A reporting unit that is a person, as the hub lists it (§10.9).
struct RosterEntry
{
    QString unit; // "ap-…"
    QString name;
    QString uf;
    QDateTime since; // first enrollment, UTC
    bool active = true;
    QDateTime until; // when not active: its last token's revocation, UTC
};

struct ReplicaRevision
{
    QString report; // uuid
    int revision = 0;
    QString municipality; // IBGE
    QString program;
    Period period;
    QString hubId;
    QString manifestSha256;
    QString state; // the hub's: received, in_review, accepted, returned, forwarded, consolidated
    QString comment;
    QDateTime receivedAt;
    QDateTime reviewedAt;
    qint64 cursor = 0;
    QString via = QStringLiteral("push"); // push | import
    QString unitName;                     // a person's unit (an apoiador): its name at the hub; kept apart
    bool hasManifest = false;             // read only; the three below only with it
    bool noActions = false;
    int actionCount = 0;
    int photoCount = 0;
};

class ReplicaService
{
public:
    // `programs`: to copy the Painel's facts out of each stored manifest (replica_facts.h);
    // null for a reader that stores nothing.
    ReplicaService(Database &database, Notifier &notifier, BlobStore &blobs, const Clock &clock,
                   const ProgramRegistry *programs = nullptr);

    // The status-feed cursor the next pull starts from (0: from the beginning).
    qint64 cursor() const;
    // One page of the hub's listing: inserts new revisions, updates the state of
    // known ones, and stores `next` as the cursor — all in one transaction. A
    // revision never changes on the hub: when the listed hash differs from the one
    // here (a package brought by hand that the hub has with another content), the
    // hub's wins and the manifest is fetched again.
    Status applyPulled(const QList<ReplicaRevision> &entries, qint64 next);
    // The names the hub gave the units that are people (applyPulled keeps them), by unit id.
    Result<QHash<QString, QString>> unitNames() const;
    // The hub's roster of those units (GET /units, §10.9): replaced whole in one
    // transaction, names kept in unit_names (an empty name leaves the one known).
    Status replaceRoster(const QList<RosterEntry> &roster);
    Result<QList<RosterEntry>> roster() const; // by unit id
    Result<QStringList> units() const;         // every unit with a revision here, sorted

    // Every revision (of `period` when valid), by period, municipality, report, revision.
    Result<QList<ReplicaRevision>> revisions(const Period &period = {}) const;
    // The latest revision of each report (of `period` when valid).
    Result<QList<ReplicaRevision>> latest(const Period &period = {}) const;
    Result<std::optional<ReplicaRevision>> revision(const QString &report, int revision) const;
    // Revisions whose manifest has not been fetched yet, newest period first.
    Result<QList<ReplicaRevision>> withoutManifest() const;

    // Keeps the manifest when its SHA-256 is the listed one and it decodes as a
    // report of that uuid, revision and municipality; Error "manifest_mismatch" otherwise.
    Status storeManifest(const QString &report, int revision, const QByteArray &manifest);
    // Many at once (a page of manifests), in one transaction and one notification:
    // each that does not match as above is left out with its error in *rejected;
    // the Status fails only when the database does (then nothing is stored).
    struct FetchedManifest
    {
        QString report;
        int revision = 0;
        QByteArray manifest;
    };
    Status storeManifests(const QList<FetchedManifest> &fetched, QList<Error> *rejected);
    Result<QByteArray> manifest(const QString &report, int revision) const;
    // The hub says a listed revision is not this URS's (any more): forgets it when
    // its manifest never arrived (nothing reviewed is lost). True when it was removed.
    Result<bool> dropUnfetched(const QString &report, int revision);
    // The report of a fetched revision (state Ready, as the municipality concluded it).
    Result<Report> report(const QString &report, int revision) const;

    // The photos (SHA-256) the fetched manifests of `period`'s latest revisions
    // name and the blob store does not have yet (every period when invalid).
    Result<QStringList> missingPhotos(const Period &period = {}) const;
    // The newest and oldest periods the replica has a revision of (invalid when empty).
    Period newestPeriod() const;
    Period oldestPeriod() const;

    // The reviewer opened a revision whose photos are not all here: the next pass
    // brings them (older months are not prefetched). True when something is missing.
    Result<bool> want(const QString &report, int revision);
    // The photos of the wanted revisions still missing (a revision whose photos
    // all arrived stops being wanted).
    Result<QStringList> wantedMissingPhotos();
    // The hub has no such photo for this URS (404): the revisions that name it stop
    // being wanted (else every pass would ask again).
    Status forgetWantedPhoto(const QString &sha256);

    // A revision that reached the URS by hand (a package file, PackageIntake), with
    // its manifest, as "received" via "import". Runs inside the caller's transaction.
    Status insertImported(const ReplicaRevision &entry, const QByteArray &manifest, const Report &report);

    // Writes the Painel's facts of the fetched revisions that have none yet (stored
    // before schema 8, or when their program was unknown), and the words of those of a
    // program that searches stored before schema 16 (replica_text): a few hundred
    // revisions per transaction. Returns how many revisions were written.
    Result<int> backfillFacts();

private:
    // writeReplicaFacts for each revision with a manifest matching `where` (SQL over
    // replica_revisions, `args` bound).
    Result<int> rewriteFacts(const QString &where, const QVariantList &args);
    const ProgramDefinition *programOf(const QString &programId) const; // null when unknown

    Database &m_database;
    Notifier &m_notifier;
    BlobStore &m_blobs;
    const Clock &m_clock;
    const ProgramRegistry *m_programs;
};

} // namespace mobiliza::core
