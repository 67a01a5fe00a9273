// The targets this profile measures against (core/reference/targets.h), kept in
// the profile's settings: the central level edits them and publishes them through
// the hub; every other level takes the hub's newer ones at each sync pass.
//
// Settings "targets" (the document's JSON), "targets_pending" ("1" while the
// central level's last edit has not reached the hub) and "targets_example" ("1"
// for a demonstration's example targets), written in one transaction with the
// audit trail; Notifier::targetsChanged after a commit.
#pragma once

#include "core/reference/targets.h"
#include "core/util/result.h"

#include <QString>

namespace mobiliza::core {

class AuditTrail;
class Clock;
class Database;
class Notifier;
class ProfileService;

class TargetsService
{
public:
    TargetsService(Database &database, Notifier &notifier, const Clock &clock, AuditTrail &audit,
                   ProfileService &profile);

    // The stored targets; revision 0 (no URS named, no action target) when none are,
    // or when what is stored cannot be read (logged; the next published ones replace it).
    Targets current() const;
    // The central level's edit not yet confirmed by the hub.
    bool pending() const;
    // Example targets of a demonstration profile (storeExample): shown like published
    // ones, but any targets the hub publishes replace them, and the central level's
    // first edit is revision 1.
    bool isExample() const;
    // The revision the hub's targets are compared with: 0 while the targets are an example.
    int publishedRevision() const;
    // Stores `example` (revision ≥ 1) as a demonstration's targets, not pending (never
    // sent to a hub); nothing when this profile holds real targets.
    Status storeExample(const Targets &example);

    // Central level only (Error "not_central" otherwise): stores `edited` as the next
    // revision (current + 1), saved now by the profile's user, pending publication.
    // Checked against the reference table first (unknown_urs). Nothing written when it
    // equals what is stored.
    Result<Targets> edit(Targets edited, const ReferenceData &reference);
    // Targets the hub published. Stored when newer than current() and nothing of this
    // profile's own is pending (then this profile's edit wins at its next publication);
    // returns whether they were stored.
    Result<bool> adopt(const Targets &published);
    // The hub confirmed `revision` (or, when the hub held a newer one, the central level
    // renumbered its edit to `revision` before sending it): stored as that revision,
    // no longer pending.
    Status published(int revision);
    // Before sending a pending edit to a hub that holds `hubRevision`: an older edit is
    // renumbered past it (the newest edit wins at the hub); the same revision is sent as
    // it is (the hub may hold this very edit, its answer lost) unless the hub `refused`
    // it as stale. Returns the document to send.
    Result<Targets> prepareToPublish(int hubRevision, bool refused = false);

    static QString settingKey() { return QStringLiteral("targets"); }
    static QString pendingKey() { return QStringLiteral("targets_pending"); }
    static QString exampleKey() { return QStringLiteral("targets_example"); }

private:
    Status store(const Targets &targets, bool pending, const QString &auditAction, bool example = false);

    Database &m_database;
    Notifier &m_notifier;
    const Clock &m_clock;
    AuditTrail &m_audit;
    ProfileService &m_profile;
};

} // namespace mobiliza::core
