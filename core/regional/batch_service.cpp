#include "core/regional/batch_service.h"

#include "core/domain/clock.h"
#include "core/package/batch_file.h"
#include "core/package/batch_receipt.h"
#include "core/package/manifest_codec.h"
#include "core/regional/review_outbox.h"
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

const QString kBatchColumns =
    QStringLiteral("uuid, urs, period, created_at, created_by, revisions_json, channel, "
                   "file_path, state, attempts, last_error, "
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
        out << BatchMember{o.value(QStringLiteral("report")).toString(),
                           o.value(QStringLiteral("revision")).toInt(),
                           o.value(QStringLiteral("manifestSha256")).toString(),
                           o.value(QStringLiteral("municipality")).toString()};
    }
    return out;
}

Error takenMeanwhile()
{
    return Error{QStringLiteral("nothing_to_forward"),
                 QCoreApplication::translate(
                     "BatchService", "Some of the chosen reports are not accepted by the hub yet, or are "
                                     "already in a batch. Nothing was forwarded.")};
}

} // namespace

BatchService::BatchService(Services &services)
    : m_services(services), m_queue(services.database(), services.notifier(), services.clock(),
                                    QStringLiteral("batches"), QStringLiteral("uuid"))
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
    // A revision the central level returned to the URS and the URS accepted again is
    // forwarded anew (§10.7): a batch holds a revision only until this installation
    // accepts it again after that batch was made.
    QHash<QString, QDateTime> acceptedAt;
    if (auto decisions = m_services.reviews().all())
        for (const ReviewDecisionRecord &d : decisions.value())
            if (d.decision == Decision::Accept && d.state != QLatin1String("refused"))
                acceptedAt.insert(d.report + QLatin1Char('#') + QString::number(d.revision), d.decidedAt);
    QSet<QString> batched;
    for (const BatchRecord &b : batches.value())
        if (b.state != QLatin1String("refused"))
            for (const BatchMember &m : b.revisions) {
                const QString key = m.report + QLatin1Char('#') + QString::number(m.revision);
                const auto again = acceptedAt.constFind(key);
                if (again == acceptedAt.constEnd() || *again <= b.createdAt)
                    batched.insert(key);
            }
    QList<ReplicaRevision> out;
    for (const ReplicaRevision &r : latest.value())
        if (r.state == QLatin1String("accepted") && r.hasManifest &&
            !batched.contains(r.report + QLatin1Char('#') + QString::number(r.revision)))
            out << r;
    return out;
}

Result<QList<ReplicaRevision>> BatchService::chosen(const Period &period, const QStringList &only) const
{
    auto candidates = forwardable(period);
    if (!candidates)
        return candidates.error();
    QList<ReplicaRevision> out;
    for (const ReplicaRevision &r : candidates.value())
        if (only.isEmpty() || only.contains(r.report))
            out << r;
    if (out.isEmpty() || (!only.isEmpty() && out.size() != only.size()))
        return only.isEmpty()
                   ? Error{QStringLiteral("nothing_to_forward"),
                           QCoreApplication::translate(
                               "BatchService", "No accepted report of %1 is waiting to be forwarded. Accept "
                                               "reports first (and synchronize, so the hub's acceptance is "
                                               "here).")
                               .arg(period.display())}
                   : takenMeanwhile();
    return out;
}

Result<BatchRecord> BatchService::prepare(const Period &period, const QString &createdBy,
                                          const QString &filePath, const QStringList &only)
{
    auto picked = chosen(period, only);
    if (!picked)
        return picked.error();
    BatchRecord b;
    b.uuid = newUuid();
    b.urs = m_services.profile().urs();
    b.period = period;
    b.createdAt = m_services.clock().now().toUTC();
    b.createdBy = createdBy.trimmed().isEmpty() ? QStringLiteral("URS %1").arg(b.urs) : createdBy.trimmed();
    for (const ReplicaRevision &r : picked.value())
        b.revisions << BatchMember{r.report, r.revision, r.manifestSha256, r.municipality};
    b.channel = filePath.isEmpty() ? QStringLiteral("network") : QStringLiteral("file");
    b.filePath = filePath;
    b.state = filePath.isEmpty() ? QStringLiteral("queued") : QStringLiteral("written");
    if (filePath.isEmpty())
        return b;
    if (QFileInfo::exists(filePath))
        return Error{QStringLiteral("file_exists"),
                     QCoreApplication::translate(
                         "BatchService", "There is already a file named %1 (perhaps another batch). Nothing "
                                         "was written: choose another name.")
                         .arg(QDir::toNativeSeparators(filePath))};
    // The file carries every photo: older months' photos may not be here yet.
    int missing = 0;
    for (const ReplicaRevision &r : picked.value()) {
        auto wanted = m_services.replica().want(r.report, r.revision);
        if (!wanted)
            return wanted.error();
        missing += wanted.value() ? 1 : 0;
    }
    if (missing > 0)
        return Error{
            QStringLiteral("photos_missing"),
            QCoreApplication::translate("BatchService",
                                        "The photos of %n report(s) of %1 are not on this computer yet. "
                                        "Synchronize (they were asked for), then write the batch file "
                                        "again.",
                                        nullptr, missing)
                .arg(period.display())};
    return b;
}

Status BatchService::writeFile(const QString &dataDir, const QString &blobDir, const BatchRecord &b,
                               const BatchWriteProgressFn &progress)
{
    // A connection of this thread's own: a worker never touches the UI thread's.
    auto database = Database::open(dataDir);
    if (!database)
        return database.error();
    Notifier quiet; // only reads here
    SystemClock clock;
    BlobStore blobs(blobDir);
    ReplicaService replica(*database.value(), quiet, blobs, clock);
    QList<package::BatchFileInput> inputs;
    BatchWriteProgress done;
    QSet<QString> photos;
    for (const BatchMember &m : b.revisions) {
        auto manifest = replica.manifest(m.report, m.revision);
        if (!manifest)
            return manifest.error();
        inputs << package::BatchFileInput{manifest.value()};
        // The totals up front, for the progress: each photo once, as the file holds it.
        if (auto decoded = decodeManifest(manifest.value()))
            for (const QString &sha : manifestBlobs(decoded->report))
                if (!photos.contains(sha)) {
                    photos.insert(sha);
                    done.totalBytes += QFileInfo(blobs.path(sha)).size();
                }
    }
    done.totalFiles = int(photos.size());
    const package::BatchFileInfo info{b.uuid, b.urs, b.period, b.createdAt, b.createdBy, {}};
    return package::writeBatchFile(
        info, inputs,
        [&blobs, &done](const QString &sha) {
            ++done.files; // counted once written: the progress comes after each photo
            return blobs.read(sha);
        },
        b.filePath,
        [&done, &progress](qint64 bytes, qint64) {
            done.bytes = bytes;
            return !progress || progress(done);
        });
}

Result<BatchRecord> BatchService::record(const BatchRecord &b)
{
    Status stored = inTransaction(m_services.database().db(), [&]() -> Status {
        // Again under the write lock: another window or a --forward run may have
        // batched some of these meanwhile; a report is never in two batches.
        auto again = forwardable(b.period);
        if (!again)
            return again.error();
        QSet<QString> still;
        for (const ReplicaRevision &r : again.value())
            still.insert(r.report + QLatin1Char('#') + QString::number(r.revision));
        for (const BatchMember &m : b.revisions)
            if (!still.contains(m.report + QLatin1Char('#') + QString::number(m.revision)))
                return takenMeanwhile();
        const QString now = storeTimestamp(b.createdAt);
        auto put = execSql(m_services.database().db(),
                           QStringLiteral("INSERT INTO batches (uuid, urs, period, created_at, created_by, "
                                          "revisions_json, channel, file_path, state, updated_at) "
                                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                           {b.uuid, b.urs, b.period.key(), now, b.createdBy,
                            QString::fromUtf8(membersJson(b.revisions)), b.channel, textArg(b.filePath),
                            b.state, now});
        if (!put)
            return put.error();
        return m_services.audit().record(QStringLiteral("batch"), b.uuid, QStringLiteral("create"),
                                         QJsonObject{{QStringLiteral("period"), b.period.key()},
                                                     {QStringLiteral("count"), int(b.revisions.size())},
                                                     {QStringLiteral("channel"), b.channel}});
    });
    if (!stored) {
        if (!b.filePath.isEmpty())
            QFile::remove(b.filePath); // a file no batch records would be forwarded twice
        return stored.error();
    }
    Q_EMIT m_services.notifier().replicaChanged();
    return b;
}

Result<BatchRecord> BatchService::create(const Period &period, const QString &createdBy,
                                         const QString &filePath, const QStringList &only)
{
    auto prepared = prepare(period, createdBy, filePath, only);
    if (!prepared)
        return prepared.error();
    if (!filePath.isEmpty())
        if (Status written =
                writeFile(m_services.database().dataDir(), m_services.blobs().dir(), prepared.value());
            !written)
            return written.error();
    return record(prepared.value());
}

Status BatchService::recordReceived(const BatchRecord &b)
{
    Status stored = inTransaction(m_services.database().db(), [&]() -> Status {
        auto put = execSql(
            m_services.database().db(),
            QStringLiteral("INSERT INTO batches (uuid, urs, period, created_at, created_by, "
                           "revisions_json, channel, file_path, state, hub_id, hub_received_at, "
                           "updated_at) VALUES (?, ?, ?, ?, ?, ?, 'network', '', 'received', ?, ?, ?)"),
            {b.uuid, b.urs, b.period.key(), storeTimestamp(b.createdAt), b.createdBy,
             QString::fromUtf8(membersJson(b.revisions)), textArg(b.hubId), storeTimestamp(b.hubReceivedAt),
             storeTimestamp(b.hubReceivedAt)});
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
    auto q =
        runSql(m_services.database().db(),
               QStringLiteral("SELECT ") + kBatchColumns + QStringLiteral(" FROM batches ") + where, args);
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

Result<QList<BatchRecord>> BatchService::due(Backoff backoff) const
{
    return query(
        QStringLiteral("WHERE channel = 'network' AND ") + m_queue.dueCondition(backoff) +
            QStringLiteral(" AND NOT EXISTS (SELECT 1 FROM json_each(batches.revisions_json) AS m "
                           "JOIN import_outbox AS i ON i.report = json_extract(m.value, '$.report') "
                           "AND i.revision = json_extract(m.value, '$.revision') "
                           "JOIN replica_revisions AS r ON r.report = i.report AND r.revision = i.revision "
                           "WHERE i.state IN ('queued', 'sending') AND r.cursor = 0) ORDER BY created_at"),
        m_queue.dueArgs(backoff));
}

Result<BatchRecord> BatchService::recordIncoming(const BatchRecord &b, bool *alreadyHere)
{
    *alreadyHere = false;
    auto found = query(QStringLiteral("WHERE uuid = ?"), {b.uuid});
    if (!found)
        return found.error();
    if (!found->isEmpty()) {
        BatchRecord stored = found->constFirst();
        if (stored.state != QLatin1String("refused")) {
            *alreadyHere = true;
            return stored;
        }
        if (Status s = m_queue.markQueued(b.uuid); !s)
            return s.error();
        stored.state = QStringLiteral("queued");
        return stored;
    }
    Status done = inTransaction(m_services.database().db(), [&]() -> Status {
        const QString now = storeTimestamp(m_services.clock().now());
        auto put = execSql(m_services.database().db(),
                           QStringLiteral("INSERT INTO batches (uuid, urs, period, created_at, created_by, "
                                          "revisions_json, channel, file_path, state, updated_at) "
                                          "VALUES (?, ?, ?, ?, ?, ?, 'network', ?, 'queued', ?)"),
                           {b.uuid, b.urs, b.period.key(), storeTimestamp(b.createdAt), b.createdBy,
                            QString::fromUtf8(membersJson(b.revisions)), textArg(b.filePath), now});
        if (!put)
            return put.error();
        return m_services.audit().record(QStringLiteral("batch"), b.uuid, QStringLiteral("receive_file"),
                                         QJsonObject{{QStringLiteral("urs"), b.urs},
                                                     {QStringLiteral("period"), b.period.key()},
                                                     {QStringLiteral("count"), int(b.revisions.size())}});
    });
    if (!done)
        return done.error();
    Q_EMIT m_services.notifier().replicaChanged();
    BatchRecord stored = b;
    stored.channel = QStringLiteral("network");
    stored.state = QStringLiteral("queued");
    return stored;
}

Result<QList<BatchRecord>> BatchService::all() const
{
    return query(QStringLiteral("ORDER BY created_at"), {});
}

Result<CentralProgress> BatchService::centralProgress(const BatchRecord &batch,
                                                      const QList<BatchRecord> &all) const
{
    CentralProgress progress;
    if (batch.state != QLatin1String("received"))
        return progress;
    auto inLaterBatch = [&](const BatchMember &m) {
        for (const BatchRecord &other : all)
            if (other.uuid != batch.uuid && other.createdAt > batch.createdAt &&
                other.state != QLatin1String("refused"))
                for (const BatchMember &o : other.revisions)
                    if (o.report == m.report && o.revision == m.revision)
                        return true;
        return false;
    };
    for (const BatchMember &m : batch.revisions) {
        if (inLaterBatch(m)) {
            ++progress.returned;
            continue;
        }
        auto listed = m_services.replica().revision(m.report, m.revision);
        if (!listed)
            return listed.error();
        const QString state = listed.value() ? listed.value()->state : QString();
        if (state == QLatin1String("consolidated"))
            ++progress.consolidated;
        else if (state == QLatin1String("returned_to_urs") || state == QLatin1String("in_review") ||
                 state == QLatin1String("returned"))
            ++progress.returned; // and the URS's decision since, if any
        else
            ++progress.waiting; // forwarded (or accepted: the hub's change not pulled yet)
    }
    return progress;
}

int BatchService::pendingCount() const
{
    auto n = scalarSql(
        m_services.database().db(),
        QStringLiteral(
            "SELECT COUNT(*) FROM batches WHERE channel = 'network' AND state IN ('queued', 'sending')"));
    return n ? n.value().toInt() : 0;
}

Status BatchService::markReceived(const QString &uuid, const QString &hubId, const QDateTime &receivedAt)
{
    return m_queue.update(
        uuid, QStringLiteral("state = 'received', hub_id = ?, hub_received_at = ?, last_error = ''"),
        {textArg(hubId), storeTimestamp(receivedAt)});
}

Result<ReceiptOutcome> BatchService::applyReceipt(const package::BatchReceipt &receipt)
{
    const QString mine = m_services.profile().urs();
    if (m_services.profile().role() != Role::Urs || mine.isEmpty())
        return Error{QStringLiteral("not_a_urs"),
                     QCoreApplication::translate(
                         "BatchService", "Receipts of the central level are recorded by the URS that made "
                                         "the batch; this installation is not a URS.")};
    // By the reference table: a receipt may write the URS's name another way.
    const auto named = m_services.reference().ursByName(receipt.urs);
    if ((named ? named->name : receipt.urs).compare(mine, Qt::CaseInsensitive) != 0)
        return Error{QStringLiteral("other_urs"),
                     QCoreApplication::translate(
                         "BatchService", "This receipt is for a batch of the URS %1; this computer is the "
                                         "URS %2's. Nothing was changed: import it on a computer of the "
                                         "URS %1.")
                         .arg(receipt.urs, mine)};
    auto found = query(QStringLiteral("WHERE uuid = ?"), {receipt.batchUuid});
    if (!found)
        return found.error();
    if (found->isEmpty())
        return Error{
            QStringLiteral("unknown_batch"),
            QCoreApplication::translate("BatchService",
                                        "This receipt is for batch %1 of %2 (%n report(s)), which was not "
                                        "made on this computer. Nothing was changed: import it on the URS "
                                        "computer that wrote the batch file (its Batches page lists it).",
                                        nullptr, receipt.count)
                .arg(receipt.batchUuid.left(8), receipt.period.display())};
    const BatchRecord b = found->first();
    QList<package::BatchContentItem> content;
    for (const BatchMember &m : b.revisions)
        content << package::BatchContentItem{m.report, m.revision, m.manifestSha256};
    if (receipt.period != b.period || receipt.count != b.revisions.size() ||
        receipt.batchSha256 != package::batchContentSha256(b.uuid, b.period, content))
        return Error{QStringLiteral("other_content"),
                     QCoreApplication::translate(
                         "BatchService", "This receipt does not match batch %1 of %2 made here: the central "
                                         "level received other reports (or other versions of them) under "
                                         "this batch's identifier. Nothing was changed. Keep the batch file "
                                         "and ask the central level which file it imported.")
                         .arg(b.uuid.left(8), b.period.display())};
    if (b.state == QLatin1String("received"))
        return ReceiptOutcome{b, true};

    bool meanwhile = false; // recorded by another window or process since it was read
    Status stored = inTransaction(m_services.database().db(), [&]() -> Status {
        auto changed =
            execSql(m_services.database().db(),
                    QStringLiteral("UPDATE batches SET state = 'received', hub_id = ?, hub_received_at = ?, "
                                   "last_error = '', updated_at = ? WHERE uuid = ? AND state <> 'received'"),
                    {receipt.hubId, storeTimestamp(receipt.receivedAt),
                     storeTimestamp(m_services.clock().now()), b.uuid});
        if (!changed)
            return changed.error();
        meanwhile = changed.value() == 0;
        if (meanwhile)
            return {};
        return m_services.audit().record(
            QStringLiteral("batch"), b.uuid, QStringLiteral("receipt"),
            QJsonObject{{QStringLiteral("hubId"), receipt.hubId},
                        {QStringLiteral("receivedAt"), storeTimestamp(receipt.receivedAt)},
                        {QStringLiteral("issuedBy"), receipt.issuedBy},
                        {QStringLiteral("batchSha256"), receipt.batchSha256}});
    });
    if (!stored)
        return stored.error();
    if (!meanwhile)
        Q_EMIT m_services.notifier().replicaChanged();
    auto now = query(QStringLiteral("WHERE uuid = ?"), {b.uuid});
    if (!now)
        return now.error();
    return ReceiptOutcome{now->first(), meanwhile};
}

Status BatchService::markRefused(const QString &uuid, const QString &message)
{
    return m_queue.update(uuid, QStringLiteral("state = 'refused', last_error = ?"), {textArg(message)});
}

} // namespace mobiliza::core
