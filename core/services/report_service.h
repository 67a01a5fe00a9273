// Reports, their actions and photos: the one write path for report data.
//
// Every public mutating method is ONE transaction that also writes the audit
// row(s); on any failure everything is rolled back and an Error is returned;
// after a commit the Notifier emits reportChanged(uuid). Editing methods
// refuse with "locked" unless the report is a draft.
#pragma once

#include "core/domain/report_state.h"
#include "core/domain/types.h"
#include "core/program/finding.h"
#include "core/regional/review_outbox.h" // ReviewNote
#include "core/util/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace mobiliza::core {

class AuditTrail;
class BlobStore;
class ProgramRegistry;
class Clock;
class Database;
class Notifier;

// One row of the report list: one query, no per-report round trips.
struct ReportSummary
{
    QString uuid;
    QString programId;
    QString municipality;
    Period period;
    ReportState state = ReportState::Draft;
    int revision = 1;
    bool noActions = false;
    int actionCount = 0;
    int photoCount = 0;
    QDateTime updatedAt;
};

// The notes of the URS review that returned a report (docs/protocol.md §10.3),
// as the hub's status feed brought them (OutboxService::applyHubReviews).
struct ReturnNotes
{
    int revision = 0; // the revision the URS returned; 0: no notes to show
    QString by;       // the reviewer's name (may be empty)
    QDateTime at;     // when the hub recorded the return
    QList<ReviewNote> notes; // in the reviewer's order; action/photo uuids empty for the report as a whole
};

// A locked revision: the manifest written when the report was concluded.
struct RevisionRecord
{
    QString uuid;
    QString reportUuid;
    int revision = 0;
    QByteArray snapshotJson; // deterministic JSON (see ReportService::manifest)
    QString sha256;          // of snapshotJson
    QDateTime createdAt;
    QString outboxState; // queued, sending, received, rejected, held; empty when none
};

class ReportService
{
public:
    // `programs` gives the validation engine of each report's program (conclude).
    ReportService(Database &database, Notifier &notifier, const Clock &clock, AuditTrail &audit,
                  const BlobStore &blobs, const ProgramRegistry &programs);

    // One report per program, municipality (the profile's) and period:
    // Error "already_exists" when there is one.
    Result<Report> createReport(const QString &programId, const Period &period);
    // With actions (by position), their partner links and photos (by position).
    Result<Report> report(const QString &uuid) const;
    Result<Report> reportFor(const QString &programId, const Period &period) const;
    // Newest period first. An Error (locked or damaged database, full disk) is
    // never an empty list: "no reports" and "the reports cannot be read" differ.
    Result<QList<ReportSummary>> summaries() const;
    // The oldest month with a report of `programId` (invalid when none): one indexed read.
    Result<Period> oldestPeriod(const QString &programId) const;

    Result<Action> addAction(const QString &reportUuid, const QJsonObject &values);
    Status updateAction(const QString &actionUuid, const QJsonObject &values);
    Status removeAction(const QString &actionUuid); // later actions move up: positions stay 0..n-1
    Status moveAction(const QString &actionUuid, int newPosition);
    Status setActionPartners(const QString &actionUuid, const QStringList &partnerUuids);

    // meta.sha256 must already be in the BlobStore; uuid is generated when empty;
    // the photo goes to the end of the action.
    Result<Photo> addPhoto(const QString &actionUuid, const Photo &meta);
    Status updatePhoto(const Photo &photo); // caption, date, author, flags, size
    Status removePhoto(const QString &photoUuid);
    Status movePhoto(const QString &photoUuid, int newPosition);

    // Undo support (report_editing.cpp): put back an action or a photo that was
    // removed, with the same uuid, at its former position (clamped to the list;
    // later items move down), with its values, partner links (partners erased
    // since are left out) and photos. The photos' files must still be in the
    // BlobStore. Error "already_exists" when the uuid is in use.
    Result<Action> restoreAction(const Action &action);
    Result<Photo> restorePhoto(const Photo &photo);

    // The reviewers' comments of returned reports (report uuid → comment), for
    // the report list: one query.
    QHash<QString, QString> reviewComments() const;

    // The notes of the review that returned the report (review_notes.cpp): those
    // of its current revision while it is returned, or of the revision before
    // it once reopened as its correction (r+1 keeps the actions' and photos'
    // uuids, so each note still points at what it named). Empty (revision 0)
    // when the latest return is older, or had no notes. An Error only when the
    // database cannot be read.
    Result<ReturnNotes> returnNotes(const QString &reportUuid) const;

    Status setNoActions(const QString &reportUuid, bool noActions, const QString &justification);

    // Validates the report as stored with its program's engine (always: Error
    // "unknown_program" when the program is not registered) and refuses with
    // "validation_failed" when a blocking finding exists. Otherwise, in one
    // transaction: Draft → Ready, the revision snapshot (manifest + SHA-256) and
    // the outbox entry.
    Status conclude(const QString &reportUuid);
    // Every other lifecycle event. Withdraw deletes the unsent revision and its
    // outbox entry; Return stores the reviewer's comment; Reopen starts revision
    // r+1 (the comment stays visible); StartSending/SendFailed/HubReceived move
    // the outbox entry along. Illegal transitions: Error "invalid_transition".
    Status applyEvent(const QString &reportUuid, ReportEvent event, const QString &comment = {});

    QList<RevisionRecord> revisions(const QString &reportUuid) const; // oldest first
    Result<RevisionRecord> revision(const QString &reportUuid, int revision) const;

    // The deterministic JSON manifest of a revision: keys sorted, compact, photos
    // numbered across the report (Foto 1…N) with their SHA-256.
    static QByteArray manifest(const Report &report, const QDateTime &concludedAt);

private:
    struct Owner
    {
        QString reportUuid;
        QString actionUuid;
        int position = 0;
    };
    Result<Report> load(const QString &uuid) const;
    Result<Owner> actionOwner(const QString &actionUuid) const;
    Result<Owner> photoOwner(const QString &photoUuid) const;
    // The owner, provided its report can still be edited (a draft); else the lookup's or `locked` error.
    Result<Owner> editableOwner(Result<Owner> owner) const;
    Status requireEditable(const QString &reportUuid) const;
    Status touch(const QString &reportUuid) const;
    // The ordered lists whose positions stay 0..n-1: the actions of a report,
    // the photos of an action (report_positions.cpp). Each runs inside the
    // caller's transaction; `parent` is the report's or the action's uuid.
    enum class Siblings
    {
        ActionsOfReport,
        PhotosOfAction
    };
    Result<int> countIn(Siblings list, const QString &parent) const;
    // A row goes in at `position`: the row there and the later ones move down.
    Status openGap(Siblings list, const QString &parent, int position) const;
    // The row at `position` left: the later ones move up.
    Status closeGap(Siblings list, const QString &parent, int position) const;
    // Moves the row `uuid` from `from` to `to`, the rows between shifting by one;
    // false when `to` is `from`. Error "invalid_position" when `to` is outside the list.
    Result<bool> moveWithin(Siblings list, const QString &parent, const QString &uuid, int from,
                            int to) const;
    // Error "duplicate_photo" when the action already holds a photo with this content.
    Status refuseDuplicatePhoto(const QString &actionUuid, const QString &sha256) const;
    Status insertPhotoRow(const QString &actionUuid, const Photo &photo) const;
    void notify(const Status &status, const QString &reportUuid);

    Database &m_database;
    Notifier &m_notifier;
    const Clock &m_clock;
    AuditTrail &m_audit;
    const BlobStore &m_blobs;
    const ProgramRegistry &m_programs;
};

} // namespace mobiliza::core
