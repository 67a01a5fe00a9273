#include "core/panel/panel_nuclei.h"
#include "core/panel/panel_query_p.h"

#include "core/store/database.h"
#include "core/store/sql.h"

#include <QCollator>
#include <QLocale>
#include <QMap>

#include <algorithm>

namespace mobiliza::core {

using namespace panel_detail;

Result<QList<UrsNuclei>> computeNuclei(Database &database, const ReplicaService &replica, const QString &programId,
                                       const QList<Municipality> &scope, const PanelFilter &filter,
                                       const QHash<QString, QString> &localStates)
{
    if (Status valid = checkFilter(filter); !valid)
        return valid.error();
    const QSqlDatabase db = database.db();
    ReadSnapshot snapshot(db);

    const QSet<QString> wanted(filter.municipalities.begin(), filter.municipalities.end());
    QHash<QString, QString> ursOf; // IBGE → URS, of the narrowed scope
    for (const Municipality &m : scope)
        if (wanted.isEmpty() || wanted.contains(m.ibge))
            ursOf.insert(m.ibge, m.urs);
    QSet<QString> inScope;
    for (auto it = ursOf.cbegin(); it != ursOf.cend(); ++it)
        inScope.insert(it.key());

    // Every period up to filter.to: "new" looks back to the replica's first month.
    if (Status s = pickCountedRevisions(db, replica, programId, inScope, filter.includeReceived, localStates, Period{},
                                        filter.to);
        !s)
        return s.error();
    auto active = activeMunicipalities(db, filter, filter.to);
    if (!active)
        return active.error();
    const ActionScope ever = actionScope(filter, Period{1, 1}, filter.to);
    auto first = runSql(db,
                        QStringLiteral("SELECT a.municipality") + ever.sql +
                            QStringLiteral(" GROUP BY a.municipality HAVING MIN(a.period) >= ?"),
                        ever.args + QVariantList{filter.from.key()});
    if (!first)
        return first.error();
    QSet<QString> fresh;
    while (first.value().next())
        fresh.insert(first.value().value(0).toString());

    QMap<QString, UrsNuclei> rows;
    for (auto it = ursOf.cbegin(); it != ursOf.cend(); ++it) {
        UrsNuclei &row = rows[it.value()];
        row.urs = it.value();
        ++row.municipalities;
        row.active += active.value().contains(it.key()) ? 1 : 0;
        row.fresh += fresh.contains(it.key()) ? 1 : 0;
    }
    QList<UrsNuclei> out = rows.values();
    QCollator collator{QLocale(QLocale::Portuguese, QLocale::Brazil)};
    std::sort(out.begin(), out.end(),
              [&](const UrsNuclei &a, const UrsNuclei &b) { return collator.compare(a.urs, b.urs) < 0; });
    return out;
}

} // namespace mobiliza::core
