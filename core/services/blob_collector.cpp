#include "core/services/blob_collector.h"

#include "core/domain/clock.h"
#include "core/services/audit.h"
#include "core/services/blob_store.h"
#include "core/store/database.h"
#include "core/store/sql.h"
#include "core/store/transaction.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSaveFile>

#include <cstring>

namespace mobiliza::core {

Q_LOGGING_CATEGORY(lcBlobCollector, "mobiliza.services.blobs")

namespace {

bool isLowerHex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

QString isoUtc(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODateWithMs);
}

} // namespace

BlobCollector::BlobCollector(BlobStore &blobs, qint64 graceSeconds) : m_blobs(blobs), m_grace(graceSeconds) {}

QString BlobCollector::ledgerPath(const BlobStore &blobs)
{
    return QDir::cleanPath(blobs.dir()) + QStringLiteral(".orphans.json");
}

QSet<QString> BlobCollector::hashesIn(const QByteArray &json)
{
    // Read from the bytes, not parsed: at the central level this runs over every
    // manifest of the replica (100 k of them in ten years), and parsing each was
    // seconds at every start. Manifests and snapshots are this program's own JSON,
    // where a 64-hex-digit string is never escaped; a quoted run of exactly 64
    // lower-case hex digits is taken wherever it stands (a key or text that looked
    // like one would only keep a file more, never delete one still named).
    QSet<QString> hashes;
    const char *p = json.constData();
    const qsizetype n = json.size();
    for (qsizetype i = 0; i + 65 < n; ++i) {
        const void *quote = std::memchr(p + i, '"', size_t(n - 65 - i));
        if (!quote)
            break;
        i = static_cast<const char *>(quote) - p;
        qsizetype j = i + 1;
        while (j < n && j - i <= 64 && isLowerHex(p[j]))
            ++j;
        if (j - i == 65 && j < n && p[j] == '"') {
            hashes.insert(QString::fromLatin1(p + i + 1, 64));
            i = j; // past the closing quote
        } else {
            i = j - 1; // the next quote may open a string
        }
    }
    return hashes;
}

Result<BlobCollection> BlobCollector::collect(const QSet<QString> &referenced, const QDateTime &now,
                                              const ReferenceReader &recheck, const DeletionHook &beforeDelete)
{
    BlobCollection result;

    const QString ledgerPath = BlobCollector::ledgerPath(m_blobs);
    QJsonObject ledger;
    {
        QFile file(ledgerPath);
        if (file.open(QIODevice::ReadOnly))
            ledger = QJsonDocument::fromJson(file.readAll()).object(); // unreadable: start again
    }

    QJsonObject next;
    QStringList due;
    for (const QString &sha : m_blobs.list()) {
        if (referenced.contains(sha))
            continue; // referenced (again): out of the ledger
        QDateTime firstSeen = QDateTime::fromString(ledger.value(sha).toString(), Qt::ISODateWithMs);
        if (!firstSeen.isValid() || firstSeen > now)
            firstSeen = now;
        if (firstSeen.secsTo(now) >= m_grace)
            due << sha;
        next.insert(sha, isoUtc(firstSeen));
    }
    QSet<QString> nowReferenced;
    bool mayDelete = true;
    if (!due.isEmpty() && recheck) {
        auto again = recheck();
        mayDelete = again.ok();
        if (again)
            nowReferenced = again.value();
    }
    QStringList deleting;
    for (const QString &sha : std::as_const(due)) {
        if (nowReferenced.contains(sha))
            next.remove(sha);
        else if (mayDelete)
            deleting << sha;
    }
    const int staleParts = m_blobs.staleParts();
    if (beforeDelete && (!deleting.isEmpty() || staleParts > 0)) {
        if (Status told = beforeDelete(deleting, staleParts); !told)
            return told.error(); // nothing deleted, the ledger as it was
    }
    result.staleParts = m_blobs.removeStaleParts();
    for (const QString &sha : std::as_const(deleting)) {
        if (m_blobs.remove(sha).ok()) {
            result.deleted << sha;
            next.remove(sha);
        }
    }
    for (auto it = next.constBegin(); it != next.constEnd(); ++it)
        result.pending << it.key();

    if (next != ledger || QFile::exists(ledgerPath) != !next.isEmpty()) {
        if (next.isEmpty()) {
            QFile::remove(ledgerPath);
        } else {
            QSaveFile file(ledgerPath);
            const QByteArray bytes = QJsonDocument(next).toJson(QJsonDocument::Compact);
            if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
                // Without the ledger nothing unreferenced is ever deleted: say so, lose nothing.
                qCWarning(lcBlobCollector) << "could not write" << ledgerPath << file.errorString();
            }
        }
    }
    if (!result.deleted.isEmpty() || result.staleParts > 0)
        qCInfo(lcBlobCollector) << "deleted" << result.deleted.size() << "unreferenced blob(s) and"
                                << result.staleParts << "stale .part file(s) in" << m_blobs.dir();
    return result;
}

Result<BlobCollection> collectProfileBlobs(Database &database, BlobStore &blobs, AuditTrail &audit,
                                           const Clock &clock, qint64 graceSeconds)
{
    const QSqlDatabase db = database.db();
    return inTransaction(db, [&]() -> Result<BlobCollection> {
        // Under the write lock: no other process adds a reference during the pass.
        QSet<QString> referenced;
        auto photos = runSql(db, QStringLiteral("SELECT DISTINCT sha256 FROM photos"));
        if (!photos)
            return photos.error();
        while (photos.value().next())
            referenced.insert(photos.value().value(0).toString());
        auto snapshots = runSql(db, QStringLiteral("SELECT snapshot_json FROM report_revisions"));
        if (!snapshots)
            return snapshots.error();
        while (snapshots.value().next())
            referenced.unite(BlobCollector::hashesIn(snapshots.value().value(0).toString().toUtf8()));
        // A URS's replica: the photos its pulled manifests name are its to keep.
        auto replica = runSql(db, QStringLiteral("SELECT manifest FROM replica_revisions WHERE manifest IS NOT NULL"));
        if (!replica)
            return replica.error();
        while (replica.value().next())
            referenced.unite(BlobCollector::hashesIn(replica.value().value(0).toByteArray()));

        // A package file received at the URS waits in the blob store until the hub has it
        // (a refused one too: it may be sent again).
        auto packages = runSql(db, QStringLiteral("SELECT package_sha256 FROM import_outbox WHERE state <> 'sent'"));
        if (!packages)
            return packages.error();
        while (packages.value().next())
            referenced.insert(packages.value().value(0).toString());

        BlobCollector collector(blobs, graceSeconds);
        // The audit row goes in first: a file is never deleted without the trail
        // saying so (if the row cannot be written, nothing is deleted).
        return collector.collect(referenced, clock.now(), {},
                                 [&audit](const QStringList &hashes, int staleParts) -> Status {
                                     return audit.record(
                                         QStringLiteral("blobs"), QString(), QStringLiteral("collect"),
                                         QJsonObject{{QStringLiteral("deleted"), int(hashes.size())},
                                                     {QStringLiteral("sha256"), QJsonArray::fromStringList(hashes)},
                                                     {QStringLiteral("staleParts"), staleParts}});
                                 });
    });
}

} // namespace mobiliza::core
