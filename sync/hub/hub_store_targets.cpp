// HubStore: the targets the central level publishes (docs/protocol.md §10.8).
#include "sync/hub/hub_store.h"

#include "core/store/sql.h"
#include "sync/hub/hub_store_p.h"

namespace mobiliza::hub {

using core::Result;
using core::textArg;
using namespace store_detail;

Result<std::optional<TargetsRecord>> HubStore::targets() const
{
    auto q = runSql(db(), QStringLiteral("SELECT revision, document, updated_at, token FROM targets WHERE id = 1"));
    if (!q)
        return q.error();
    if (!q.value().next())
        return std::optional<TargetsRecord>();
    const QSqlQuery &r = q.value();
    return std::optional<TargetsRecord>(TargetsRecord{int(r.value(0).toLongLong()), r.value(1).toString().toUtf8(),
                                                      parseStoreTime(r.value(2)), r.value(3).toString()});
}

Result<int> HubStore::targetsRevision() const
{
    auto v = m_statements.scalar(db(), QStringLiteral("SELECT revision FROM targets WHERE id = 1"));
    if (!v)
        return v.error();
    return v.value().isValid() ? int(v.value().toLongLong()) : 0;
}

Result<bool> HubStore::putTargets(const TargetsRecord &record)
{
    auto changed = m_statements.exec(
        db(),
        QStringLiteral(
            "INSERT INTO targets (id, revision, document, updated_at, token) VALUES (1, ?, ?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET revision = excluded.revision, document = excluded.document, "
            "updated_at = excluded.updated_at, token = excluded.token "
            "WHERE targets.revision < excluded.revision"),
        {qint64(record.revision), textArg(QString::fromUtf8(record.document)), storeTime(record.updatedAt),
         textArg(record.tokenId)});
    if (!changed)
        return changed.error();
    return changed.value() > 0;
}

} // namespace mobiliza::hub
