// Who reports in this profile, as SQL: the municipality's IBGE code, or the apoio program's
// apoiador id (ProfileService::reportingUnit); the value of `reports.municipality` of its
// own reports. One place, so creating, finding and importing a report agree.
#pragma once

#include <QString>

namespace mobiliza::core {

inline QString reportingUnitSql()
{
    return QStringLiteral(
        "(SELECT value FROM settings WHERE key IN ('municipality', 'apoiador') AND value <> '' "
        "ORDER BY key = 'municipality' DESC LIMIT 1)");
}

} // namespace mobiliza::core
