#include "core/panel/panel_cache.h"

#include "core/panel/panel_query_p.h"
#include "core/program/program_definition.h"
#include "core/store/database.h"

namespace mobiliza::core {

using namespace panel_detail;

struct PanelInputCache
{
    QString program;
    QStringList scope; // IBGE codes, in the scope's order
    bool includeReceived = false;
    QHash<QString, QString> localStates;
    Period lo, to; // the months read
    PanelInputs inputs;

    bool holdsRange(const PanelFilter &f) const { return !(panelInputsFrom(f) < lo) && !(to < f.to); }
    bool covers(const QString &programId, const QStringList &ibges, const PanelFilter &f,
                const QHash<QString, QString> &local) const
    {
        return program == programId && scope == ibges && includeReceived == f.includeReceived &&
               localStates == local && holdsRange(f);
    }

    // The inputs of the filter's municipalities and months, from those kept.
    PanelInputs slice(const PanelFilter &f) const
    {
        const Period from = panelInputsFrom(f);
        const int months = monthsBetween(from, f.to) + 1;
        const int kept = monthsBetween(lo, to) + 1;
        const int offset = monthsBetween(lo, from);
        const QSet<QString> wanted(f.municipalities.begin(), f.municipalities.end());
        PanelInputs out;
        QVector<int> index(inputs.municipalities.size(), -1); // kept → sliced
        for (int m = 0; m < inputs.municipalities.size(); ++m) {
            if (!wanted.isEmpty() && !wanted.contains(inputs.municipalities.at(m).ibge))
                continue;
            index[m] = int(out.municipalities.size());
            out.municipalities << inputs.municipalities.at(m);
            for (int i = 0; i < months; ++i)
                out.states << inputs.states.at(m * kept + offset + i);
        }
        const int first = monthNumber(from), last = monthNumber(f.to);
        for (const PickedRevision &r : inputs.picked)
            if (r.month >= first && r.month <= last && index.at(r.municipality) >= 0)
                out.picked << PickedRevision{index.at(r.municipality), r.month, r.first, r.count};
        out.actions = inputs.actions;
        return out;
    }
};

namespace {

QStringList ibgesOf(const QList<Municipality> &scope)
{
    QStringList ibges;
    for (const Municipality &m : scope)
        ibges << m.ibge;
    return ibges;
}

// Reads the inputs `filter` needs into a new cache.
Result<std::shared_ptr<const PanelInputCache>> readCache(Database &database, const ProgramDefinition &program,
                                                         const QList<Municipality> &scope,
                                                         const PanelFilter &filter,
                                                         const QHash<QString, QString> &localStates)
{
    auto fresh = std::make_shared<PanelInputCache>();
    fresh->program = program.id();
    fresh->scope = ibgesOf(scope);
    fresh->includeReceived = filter.includeReceived;
    fresh->localStates = localStates;
    fresh->lo = panelInputsFrom(filter);
    fresh->to = filter.to;
    ReadSnapshot snapshot(database.db());
    auto inputs =
        readPanelInputs(database, program, scope, filter.includeReceived, localStates, fresh->lo, fresh->to);
    if (!inputs)
        return inputs.error();
    fresh->inputs = std::move(inputs.value());
    return std::shared_ptr<const PanelInputCache>(std::move(fresh));
}

} // namespace

Result<PanelData> computePanelCached(Database &database, const ProgramDefinition &program,
                                     const QList<Municipality> &scope, const PanelFilter &filter,
                                     const QHash<QString, QString> &localStates,
                                     std::shared_ptr<const PanelInputCache> &cache, bool *read)
{
    if (Status valid = checkFilter(filter); !valid)
        return valid.error();
    if (read)
        *read = false;
    if (cache && cache->covers(program.id(), ibgesOf(scope), filter, localStates))
        return assemblePanel(filter, cache->slice(filter));
    auto fresh = readCache(database, program, scope, filter, localStates);
    if (!fresh)
        return fresh.error();
    cache = fresh.value();
    if (read)
        *read = true;
    return assemblePanel(filter, cache->slice(filter));
}

Status keepPanelInputs(Database &database, const ProgramDefinition &program, const QList<Municipality> &scope,
                       const PanelFilter &offered, const QHash<QString, QString> &localStates,
                       std::shared_ptr<const PanelInputCache> &cache)
{
    if (Status valid = checkFilter(offered); !valid)
        return valid;
    if (cache && cache->covers(program.id(), ibgesOf(scope), offered, localStates))
        return {};
    auto fresh = readCache(database, program, scope, offered, localStates);
    if (!fresh)
        return fresh.error();
    cache = fresh.value();
    return {};
}

bool panelCacheHoldsRange(const PanelInputCache &cache, const PanelFilter &filter)
{
    return cache.holdsRange(filter);
}

bool panelCachesCountAlike(const PanelInputCache &a, const PanelInputCache &b)
{
    return a.program == b.program && a.scope == b.scope && a.includeReceived == b.includeReceived &&
           a.localStates == b.localStates;
}

} // namespace mobiliza::core
