// The central level's replica of a whole state, for bench_panel: every
// municipality of the reference table × `months` monthly reports, written as
// ReplicaService and replica_facts write them — the revision rows through one
// prepared statement and the facts through writeReplicaFacts itself, in one
// transaction — and a sample of the same reports put through the real pull path
// (ReplicaService::applyPulled + storeManifest) in another profile, to check
// that both hold exactly the same rows.
#pragma once

#include "core/domain/clock.h"
#include "core/program/program_definition.h"
#include "core/reference/reference_data.h"
#include "core/regional/replica_service.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace mobiliza::bench {

// What the profile's setting bench_panel_replica says of a replica of `months`
// months: bump the version when what generateReplica writes changes, and a kept
// replica of another version is made again.
inline QString replicaMark(int months)
{
    return QStringLiteral("bench_panel 1, %1 months").arg(months);
}

struct SampleReport
{
    core::ReplicaRevision entry;
    QByteArray manifest;
};

struct GeneratedReplica
{
    int reports = 0;
    int revisions = 0;
    qint64 actions = 0;
    qint64 codes = 0;
    QList<SampleReport> sample; // every `sampleEvery`-th revision, in cursor order
};

// Writes the replica into the (new, empty) central profile at `dataDir`: the
// `months` months ending with the month before the clock's, reports of every
// municipality (a few missing, late, without actions, returned and corrected).
core::Result<GeneratedReplica> generateReplica(const QString &dataDir, const core::Clock &clock,
                                               const core::ReferenceData &reference,
                                               const core::ProgramDefinition &program, int months,
                                               int sampleEvery);

// Stores `sample` through ReplicaService::applyPulled and storeManifest in a new
// profile at `checkDir` and compares every row of replica_revisions,
// replica_actions, replica_action_codes and replica_packed_actions of those reports with `dataDir`'s.
// Returns how many rows were compared; an Error naming the first difference.
core::Result<qint64> checkAgainstRealPath(const QString &dataDir, const QString &checkDir,
                                          const core::Clock &clock, const QList<SampleReport> &sample);

} // namespace mobiliza::bench
