// The Painel's facts of the replica (schema 8, docs/architecture.md): one row per
// action of a fetched revision in replica_actions, its themes and audiences in
// replica_action_codes, copied from the manifest through the program's field
// roles (themes, format, audience, people_reached) when ReplicaService stores the
// manifest, so the panel's queries never decode JSON.
#pragma once

#include "core/domain/types.h"
#include "core/util/result.h"

#include <QSqlDatabase>

namespace mobiliza::core {

class ProgramDefinition;

// Replaces the facts of `report`'s revision `revision` with those of `decoded`
// (its manifest, decoded) and marks the revision's facts written. Runs inside the
// caller's transaction. `program` null (unknown program): no facts, and the
// revision stays unmarked so a later backfill can write them.
Status writeReplicaFacts(const QSqlDatabase &db, const Report &decoded, int revision,
                         const ProgramDefinition *program);

// Forgets the facts of a revision whose manifest is forgotten (the hub listed
// another hash for it). Inside the caller's transaction.
Status dropReplicaFacts(const QSqlDatabase &db, const QString &report, int revision);

} // namespace mobiliza::core
