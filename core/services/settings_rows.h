// The one way a service writes a row of the profile's `settings` table (inside the
// caller's transaction): ProfileService and TargetsService share it.
#pragma once

#include "core/store/database.h"
#include "core/store/sql.h"
#include "core/util/result.h"

#include <QString>

namespace mobiliza::core {

inline Status upsertSetting(const Database &database, const QString &key, const QString &value)
{
    auto done = execSql(database.db(),
                        QStringLiteral("INSERT INTO settings (key, value) VALUES (?, ?) "
                                       "ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
                        {key, textArg(value)});
    if (!done)
        return done.error();
    return {};
}

} // namespace mobiliza::core
