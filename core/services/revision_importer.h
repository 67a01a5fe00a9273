// Imports a locked report revision (its manifest) into the profile, exactly as
// if it had been pushed: how a report moves between installations of the same
// municipality (a field laptop → the secretariat PC) through a package file.
//
// Rules (checked by check() without changing anything, then again inside the
// import transaction):
// - the manifest's municipality must be the profile's ("wrong_municipality");
// - the same revision with the same manifest hash is already here: success,
//   AlreadyPresent, nothing changes;
// - the same revision with another hash: "conflict";
// - the profile already has a later revision of the report: "older_revision";
// - a local draft with typed work (actions, or "no actions" marked) of the same
//   month is never overwritten: "local_draft";
// - another report of the same month that was concluded here: "conflict";
// - otherwise ONE transaction creates or replaces the local report as that
//   revision: state Ready, same revision number, the revision row with the same
//   manifest bytes and hash, a queued outbox row and an "import" audit row;
//   Notifier::reportChanged after the commit.
// Links to partners this profile does not know are left out of the local
// actions (the revision's manifest keeps them); the outcome counts them.
#pragma once

#include "core/domain/types.h"
#include "core/util/result.h"

#include <QByteArray>
#include <QString>

namespace mobiliza::core {

class Services;

struct ImportOutcome
{
    enum class Kind
    {
        Imported,
        AlreadyPresent
    };
    Kind kind = Kind::Imported;
    QString reportUuid;
    Period period;
    int revision = 0;
    int photoCount = 0;
    QString manifestSha256;
    int unlinkedPartners = 0;   // partner links left out (partner unknown here)
    bool replacedLocal = false; // an older local revision or an empty draft was replaced
};

QString importOutcomeKey(ImportOutcome::Kind kind); // "imported", "already_present"

class RevisionImporter
{
public:
    explicit RevisionImporter(Services &services);

    // What importing the manifest would do (Imported or AlreadyPresent), or the
    // refusal. Changes nothing; the photos need not be stored yet.
    Result<ImportOutcome> check(const QByteArray &manifestJson) const;

    // Imports (every photo of the manifest must already be in the BlobStore).
    // `source` goes to the audit row ("package").
    Result<ImportOutcome> import(const QByteArray &manifestJson, const QString &source);

private:
    Services &m_services;
};

} // namespace mobiliza::core
