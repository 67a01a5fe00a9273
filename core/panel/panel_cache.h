// What the Painel read, kept between its computations: the coverage and the counted
// revisions' packed actions of a whole scope over a range of months, for one way of
// counting (includeReceived) and this installation's pending decisions. A filter the
// kept inputs cover — another theme, format, area or municipality, or a range inside
// the one read — is counted again from memory, without reading the replica: the
// figures are those computePanel gives (the tests compare them).
//
// The caller drops it when the replica changes (PanelJob::invalidate, on
// Notifier::replicaChanged); a change of the pending decisions is seen here.
#pragma once

#include "core/panel/panel_query.h"

#include <memory>

namespace mobiliza::core {

struct PanelInputCache;

// computePanel through `cache`: counted from it when it covers the filter; otherwise
// the inputs of the whole `scope` for the filter's months are read, counted, and put
// in `cache` (a new object: a cache is never changed once made). `read`: whether it
// read the replica (for PanelJob, the bench and the tests).
Result<PanelData> computePanelCached(Database &database, const ProgramDefinition &program,
                                     const QList<Municipality> &scope, const PanelFilter &filter,
                                     const QHash<QString, QString> &localStates,
                                     std::shared_ptr<const PanelInputCache> &cache, bool *read = nullptr);

// Reads into `cache` the inputs of the whole `scope` that every range inside `offered`'s
// needs (offered.from … offered.to: what the page lets the person choose), counted the
// way `offered` counts — unless `cache` holds them already. PanelJob calls it in the
// background after the first figures are shown, so that widening the range later is
// counted from memory.
Status keepPanelInputs(Database &database, const ProgramDefinition &program, const QList<Municipality> &scope,
                       const PanelFilter &offered, const QHash<QString, QString> &localStates,
                       std::shared_ptr<const PanelInputCache> &cache);

// Whether the months `cache` holds are those `filter`'s range needs (its way of
// counting, scope and decisions aside).
bool panelCacheHoldsRange(const PanelInputCache &cache, const PanelFilter &filter);

// Whether two caches count the same way (program, scope, review states counted,
// pending decisions): only then may one stand for the other.
bool panelCachesCountAlike(const PanelInputCache &a, const PanelInputCache &b);

} // namespace mobiliza::core
