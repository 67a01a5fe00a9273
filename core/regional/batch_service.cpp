#include "core/regional/batch_service.h"

#include "core/domain/clock.h"
#include "core/package/batch_file.h"
#include "core/services/audit.h"
#include "core/services/services.h"
#include "core/store/sql.h"
#include "core/store/transaction.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QSqlQuery>

namespace mobiliza::core {

namespace {

const QString kColumns = QStringLiteral(
    "uuid, urs, period, created_at, created_by, revisions_json, channel, file_path, state, attempts, last_error, "
    "hub_id, hub_received_at");

QByteArray membersJson(const QList<BatchMember> &members)
{
    QJsonArray a;
    for (const BatchMember &m : members)
        a.append(QJsonObject{{QStringLiteral("report"), m.report},
                             {QStringLiteral("revision"), m.revision},
                             {QStringLiteral("manifestSha256"), m.manifestSha256},
                             {QStringLiteral("municipality"), m.municipality}});
    return QJsonDocument(a).toJson(QJsonDocument::Compact);
}

QList<BatchMember> membersFrom(const QByteArray &json)
{
    QList<BatchMember> out;
    for (const QJsonValue &v : QJsonDocument::fromJson(json).array()) {
        const QJsonObject o = v.toObject();
        out << BatchMember{o.value(QStringLiteral("report")).toString(), o.value(QStringLiteral("revision")).toInt(),
                           o.value(QStringLiteral("manifestSha256")).toString(),
                           o.value(QStringLiteral("municipality")).toString()};
    }
    return out;
}

} // namespace

BatchService::BatchService(Services &services)
    : m_services(services),
      m_queue(services.database(), services.notifier(), services.clock(), QStringLiteral("batches"), QStringLiteral("uuid"))
{
}

Result<QList<ReplicaRevision>> BatchService::forwardable(const Period &period) const
{
    auto latest = m_services.replica().latest(period);
    if (!latest)
        return latest.error();
    auto batches = all();
    if (!batches)
        return batches.error();
    QSet<QString> batched;
    for (const BatchRecord &b : batches.value())
        if (b.state != QLatin1String("refused"))
            for (const BatchMember &m : b.revisions)
                batched.insert(m.report + QLatin1Char('#') + QString::number(m.revision));
    QList<ReplicaRevision> out;
    for (const ReplicaRevision &r : latest.value())
        if (r.state == QLatin1String("accepted") && r.hasManifest
            && !batched.contains(r.report + QLatin1Char('#') + QString::number(r.revision)))
            out << r;
    return out;
}

Result<BatchRecord> BatchService::create(const Period &period, const QString &createdBy, const QString &filePath,
                                         const QStringList &only)
{
    auto candidates = forwardable(period);
    if (!candidates)
        return candidates.error();
    QList<ReplicaRevision> chosen;
    for (const ReplicaRevision &r : candidates.value())
        if (only.isEmpty() || only.contains(r.report))
            chosen << r;
    if (chosen.isEmpty() || (!only.isEmpty() && chosen.size() != only.size()))
        return Error{QStringLiteral("nothing_to_forward"),
                     only.isEmpty()
                         ? QCoreApplication::translate("BatchService",
                                                       "No accepted report of %1 is waiting to be forwarded. Accept "
                                                       "reports first (and synchronize, so the hub's acceptance is "
                                                       "here).")
                               .arg(period.display())
                         : QCoreApplication::translate("BatchService",
                                                       "Some of the chosen reports are not accepted by the hub yet, or "
                                                       "are already in a batch. Nothing was forwarded.")};
    BatchRecord b;
    b.uuid = newUuid();
    b.urs = m_services.profile().urs();
    b.period = period;
    b.createdAt = m_services.clock().now().toUTC();
    b.createdBy = createdBy.trimmed().isEmpty() ? QStringLiteral("URS %1").arg(b.urs) : createdBy.trimmed();
    for (const ReplicaRevision &r : chosen)
        b.revisions << BatchMember{r.report, r.revision, r.manifestSha256, r.municipality};
    b.channel = filePath.isEmpty() ? QStringLiteral("network") : QStringLiteral("file");
    b.filePath = filePath;
    b.state = filePath.isEmpty() ? QStringLiteral("queued") : QStringLiteral("written");

    if (!filePath.isEmpty() && QFileInfo::exists(filePath))
        return Error{QStringLiteral("file_exists"),
                     QCoreApplication::translate("BatchService",
                                                 "There is already a file named %1 (perhaps another batch). Nothing "
                                                 "was written: choose another name.")
                         .arg(QDir::toNativeSeparators(filePath))};
    if (!filePath.isEmpty()) {
        // The file carries every photo: older months' photos may not be here yet.
        int missing = 0;
        for (const ReplicaRevision &r : chosen) {
            auto wanted = m_services.replica().want(r.report, r.revision);
            if (!wanted)
                return wanted.error();
            missing += wanted.value() ? 1 : 0;
        }
        if (missing > 0)
            return Error{QStringLiteral("photos_missing"),
                         QCoreApplication::translate("BatchService",
                                                     "The photos of %n report(s) of %1 are not on this computer yet. "
                                                     "Synchronize (they were asked for), then write the batch file "
                                                     "again.",
                                                     nullptr, missing)
                             .arg(period.display())};
        package::BatchFileInfo info{b.uuid, b.urs, period, b.createdAt, b.createdBy, {}};
        QList<package::BatchFileInput> inputs;
        for (const ReplicaRevision &r : chosen) {
            auto manifest = m_services.replica().manifest(r.report, r.revision);
            if (!manifest)
                return manifest.error();
            inputs << package::BatchFileInput{manifest.value()};
        }
        BlobStore &blobs = m_services.blobs();
        if (Status written = package::writeBatchFile(
                info, inputs, [&blobs](const QString &sha) { return blobs.read(sha); }, filePath);
            !written)
            return written.error();
    }
    Status stored = inTransaction(m_services.database().db(), [&]() -> Status {
        // Again under the write lock: another window or a --forward run may have
        // batched some of these meanwhile; a report is never in two batches.
        auto again = forwardable(period);
        if (!again)
            return again.error();
        QSet<QString> still;
        for (const ReplicaRevision &r : again.value())
            still.insert(r.report + QLatin1Char('#') + QString::number(r.revision));
        for (const BatchMember &m : std::as_const(b.revisions))
            if (!still.contains(m.report + QLatin1Char('#') + QString::number(m.revision)))
                return Error{QStringLiteral("nothing_to_forward"),
                             QCoreApplication::translate("BatchService",
                                                         "Some of the chosen reports are not accepted by the hub "
                                                         "yet, or are already in a batch. Nothing was forwarded.")};
        const QString now = storeTimestamp(b.createdAt);
        auto put = execSql(m_services.database().db(),
                           QStringLiteral("INSERT INTO batches (uuid, urs, period, created_at, created_by, "
                                          "revisions_json, channel, file_path, state, updated_at) "
                                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                           {b.uuid, b.urs, period.key(), now, b.createdBy, QString::fromUtf8(membersJson(b.revisions)),
                            b.channel, textArg(b.filePath), b.state, now});
        if (!put)
            return put.error();
        return m_services.audit().record(QStringLiteral("batch"), b.uuid, QStringLiteral("create"),
                                         QJsonObject{{QStringLiteral("period"), period.key()},
                                                     {QStringLiteral("count"), int(b.revisions.size())},
                                                     {QStringLiteral("channel"), b.channel}});
    });
    if (!stored) {
        if (!filePath.isEmpty())
            QFile::remove(filePath); // a file no batch records would be forwarded twice
        return stored.error();
    }
    Q_EMIT m_services.notifier().replicaChanged();
    return b;
}

Status BatchService::recordReceived(const BatchRecord &b)
{
    Status stored = inTransaction(m_services.database().db(), [&]() -> Status {
        auto put = execSql(m_services.database().db(),
                           QStringLiteral("INSERT INTO batches (uuid, urs, period, created_at, created_by, "
                                          "revisions_json, channel, file_path, state, hub_id, hub_received_at, "
                                          "updated_at) VALUES (?, ?, ?, ?, ?, ?, 'network', '', 'received', ?, ?, ?)"),
                           {b.uuid, b.urs, b.period.key(), storeTimestamp(b.createdAt), b.createdBy,
                            QString::fromUtf8(membersJson(b.revisions)), textArg(b.hubId),
                            storeTimestamp(b.hubReceivedAt), storeTimestamp(b.hubReceivedAt)});
        if (!put)
            return put.error();
        return {};
    });
    if (stored)
        Q_EMIT m_services.notifier().replicaChanged();
    return stored;
}

Result<QList<BatchRecord>> BatchService::query(const QString &where, const QVariantList &args) const
{
    auto q = runSql(m_services.database().db(),
                    QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM batches ") + where, args);
    if (!q)
        return q.error();
    QList<BatchRecord> out;
    while (q.value().next()) {
        const QSqlQuery &r = q.value();
        BatchRecord b;
        b.uuid = r.value(0).toString();
        b.urs = r.value(1).toString();
        b.period = Period::fromKey(r.value(2).toString());
        b.createdAt = parseStoreTimestamp(r.value(3).toString());
        b.createdBy = r.value(4).toString();
        b.revisions = membersFrom(r.value(5).toByteArray());
        b.channel = r.value(6).toString();
        b.filePath = r.value(7).toString();
        b.state = r.value(8).toString();
        b.attempts = r.value(9).toInt();
        b.lastError = r.value(10).toString();
        b.hubId = r.value(11).toString();
        b.hubReceivedAt = parseStoreTimestamp(r.value(12).toString());
        out << b;
    }
    return out;
}

Result<QList<BatchRecord>> BatchService::due() const
{
    return query(QStringLiteral("WHERE channel = 'network' AND ") + m_queue.dueCondition()
                     + QStringLiteral(" ORDER BY created_at"),
                 m_queue.dueArgs());
}

Result<QList<BatchRecord>> BatchService::all() const
{
    return query(QStringLiteral("ORDER BY created_at"), {});
}

int BatchService::pendingCount() const
{
    auto n = scalarSql(m_services.database().db(),
                       QStringLiteral("SELECT COUNT(*) FROM batches WHERE channel = 'network' AND state IN ('queued', 'sending')"));
    return n ? n.value().toInt() : 0;
}

Status BatchService::markReceived(const QString &uuid, const QString &hubId, const QDateTime &receivedAt)
{
    return m_queue.update(uuid, QStringLiteral("state = 'received', hub_id = ?, hub_received_at = ?, last_error = ''"),
                          {textArg(hubId), storeTimestamp(receivedAt)});
}

Status BatchService::markRefused(const QString &uuid, const QString &message)
{
    return m_queue.update(uuid, QStringLiteral("state = 'refused', last_error = ?"), {textArg(message)});
}

} // namespace mobiliza::core
