// A municipality's report package file received at the URS (on a USB stick,
// by e-mail): verified exactly as today's import (checksums, manifest, photos,
// the program's rules), refused when the municipality is not the URS's, then
// "as if it had been pushed": the revision enters the replica at once (the
// inbox shows it, "recebido por arquivo na URS") and the file goes to the hub
// as an import with provenance (docs/protocol.md §10.4) at the next pass, with
// the outgoing queues' discipline (QueueTable).
#pragma once

#include "core/domain/types.h"
#include "core/reference/reference_data.h"
#include "core/regional/queue_table.h"
#include "core/util/result.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace mobiliza::core {

class Services;
namespace package {
struct PackageContents;
}

// What the hub takes in one import request (HubOptions::maxImportBytes).
inline constexpr qint64 kMaxImportBytes = 32LL * 1024 * 1024;

struct IntakeItem
{
    QString packageSha256;
    QString report;
    int revision = 0;
    QString municipality;
    Period period;
    QString fileName;
    QDateTime receivedAt;
    QString state; // queued | sending | sent | refused
    int attempts = 0;
    QString lastError;
    QString hubId;
};

struct IntakeOutcome
{
    IntakeItem item;
    int photoCount = 0;
    bool alreadyHere = false; // the replica had this revision (pulled or imported): nothing changed
};

class PackageIntake
{
public:
    // `urs`: whose municipalities' packages it takes — empty: the profile's; the
    // central level names the URS of the batch file the packages come from
    // (core/regional/batch_intake.h).
    PackageIntake(Services &services, ReferenceData reference, QString urs = {});

    // Verifies and takes in one package file. Errors in words: not a package,
    // damaged, another URS's municipality ("another_urs"), the program's rules
    // ("validation_failed"), another content for a revision already here
    // ("revision_conflict"), larger than the hub takes ("too_large"). Nothing is
    // kept from a refused file. The same file again is "already here", unless the
    // hub refused it before: then it is queued again.
    Result<IntakeOutcome> receive(const QString &path);

    Result<QList<IntakeItem>> due(Backoff backoff = Backoff::Respect) const;
    Result<QList<IntakeItem>> all() const;
    int pendingCount() const;
    // The file's bytes, from the blob store.
    Result<QByteArray> fileBytes(const QString &packageSha256) const;

    Status markSending(const QString &sha) { return m_queue.markSending(sha); }
    Status markQueued(const QString &sha) { return m_queue.markQueued(sha); }
    Status markSent(const QString &sha, const QString &hubId);
    Status markRefused(const QString &sha, const QString &message);
    Status markFailed(const QString &sha, const QString &message, double random01)
    {
        return m_queue.markFailed(sha, message, random01);
    }

private:
    Result<QList<IntakeItem>> query(const QString &where, const QVariantList &args) const;
    Result<bool> requeue(const QString &path, const package::PackageContents &contents);

    Services &m_services;
    ReferenceData m_reference;
    QString m_urs;
    QueueTable m_queue;
};

} // namespace mobiliza::core
