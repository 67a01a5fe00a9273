// mobiliza-hub stats: the hub's disk use, a figure per line (split from hub_cli.cpp by feature).
#include "sync/hub/hub.h"
#include "sync/hub/hub_blobs.h"
#include "sync/hub/hub_cli_p.h"
#include "sync/hub/hub_store.h"
#include "sync/hub/hub_tokens.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QHash>
#include <QStorageInfo>

#include <algorithm>
#include <tuple>

namespace mobiliza::hub::cli {

namespace {

// One line per figure: a fixed key (to grep), the value, then a translated label.
void stat(const char *key, const QString &value, const QString &label)
{
    out(QStringList{QLatin1String(key), value, label}.join(QLatin1Char('\t')));
}

void stat(const char *key, qint64 value, const QString &label)
{
    stat(key, QString::number(value), label);
}

} // namespace

int printStats(Hub &hub, const QString &dataDir, int topCount)
{
    HubStore &store = hub.store();
    auto dbBytes = store.databaseBytes();
    if (!dbBytes)
        return failed(dbBytes.error().message);
    stat("database", store.isPostgres() ? QStringLiteral("postgresql") : QStringLiteral("sqlite"),
         store.description());
    stat("database.bytes", dbBytes.value(),
         store.isPostgres()
             ? QCoreApplication::translate("HubCli", "database size (pg_database_size)")
             : QCoreApplication::translate("HubCli", "database size (SQLite file and its WAL)"));

    // Photo files, split by whether a stored revision names them.
    auto referenced = store.referencedBlobs();
    if (!referenced)
        return failed(referenced.error().message);
    qint64 refCount = 0, refBytes = 0, unrefCount = 0, unrefBytes = 0;
    for (const QString &sha : hub.blobs().list()) {
        const qint64 size = QFileInfo(hub.blobs().path(sha)).size();
        if (referenced->contains(sha)) {
            ++refCount;
            refBytes += size;
        } else {
            ++unrefCount;
            unrefBytes += size;
        }
    }
    stat("blobs.count", refCount + unrefCount, QCoreApplication::translate("HubCli", "photo files"));
    stat("blobs.bytes", refBytes + unrefBytes, QCoreApplication::translate("HubCli", "bytes of photo files"));
    stat("blobs.referenced.count", refCount,
         QCoreApplication::translate("HubCli", "photos a received report names"));
    stat("blobs.referenced.bytes", refBytes,
         QCoreApplication::translate("HubCli", "bytes of photos a received report names"));
    stat("blobs.unreferenced.count", unrefCount,
         QCoreApplication::translate("HubCli", "photos no report names yet (collected after 7 days)"));
    stat("blobs.unreferenced.bytes", unrefBytes,
         QCoreApplication::translate("HubCli", "bytes of photos no report names yet"));
    const QStorageInfo storage(dataDir);
    stat("disk.free.bytes", storage.isValid() ? storage.bytesAvailable() : qint64(-1),
         QCoreApplication::translate("HubCli", "free space for the data folder %1")
             .arg(QDir::toNativeSeparators(dataDir)));

    auto tokens = store.tokens();
    if (!tokens)
        return failed(tokens.error().message);
    TokenCounts counts;
    QHash<QString, TokenRecord> byId;
    const TokenDesk desk(hub);
    for (const TokenRecord &t : tokens.value()) {
        byId.insert(t.id, t);
        const QString state = desk.state(t);
        if (state == QLatin1String("revoked"))
            ++counts.revoked;
        else if (state == QLatin1String("replaced"))
            ++counts.replaced;
        else if (state == QLatin1String("expired"))
            ++counts.expired;
        else
            ++counts.active;
    }
    stat("tokens.active", counts.active, QCoreApplication::translate("HubCli", "tokens in use"));
    stat("tokens.revoked", counts.revoked, QCoreApplication::translate("HubCli", "tokens revoked"));
    stat("tokens.expired", counts.expired,
         QCoreApplication::translate("HubCli", "tokens expired (unused for too long)"));
    stat("tokens.replaced", counts.replaced,
         QCoreApplication::translate("HubCli", "tokens replaced by a renewal"));

    for (const auto &[key, table, label] :
         {std::tuple{"reports", "reports", QCoreApplication::translate("HubCli", "reports received")},
          std::tuple{"revisions", "revisions",
                     QCoreApplication::translate("HubCli", "revisions received")}}) {
        auto n = store.countRows(QLatin1String(table));
        if (!n)
            return failed(n.error().message);
        stat(key, n.value(), label);
    }

    // The tokens with most bytes of photos no report of their scope names (what their quota counts).
    auto uploaders = store.uploaders();
    if (!uploaders)
        return failed(uploaders.error().message);
    QList<QPair<qint64, QString>> unattached;
    const BlobDesk blobs(hub);
    for (const QString &id : uploaders.value()) {
        TokenRecord t = byId.value(id);
        t.id = id;
        auto bytes = blobs.unattachedBytes(t);
        if (!bytes)
            return failed(bytes.error().message);
        if (bytes.value() > 0)
            unattached << qMakePair(bytes.value(), id);
    }
    std::sort(unattached.begin(), unattached.end(), [](const auto &a, const auto &b) {
        return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    stat("quota.bytes", hub.options().quotaBytes,
         QCoreApplication::translate("HubCli",
                                     "quota per token of photos no report names (serve --quota-mib)"));
    for (qsizetype i = 0; i < unattached.size() && i < topCount; ++i) {
        const TokenRecord t = byId.value(unattached[i].second);
        out(QStringList{QStringLiteral("token.unattached.bytes"), QString::number(unattached[i].first),
                        unattached[i].second, sync::scopeKindKey(t.scope.kind), scopeValueOf(t.scope),
                        oneLine(t.label)}
                .join(QLatin1Char('\t')));
    }
    return 0; // the exit code of success
}

} // namespace mobiliza::hub::cli
