#include "core/regional/package_intake.h"

#include "core/domain/clock.h"
#include "core/package/manifest_codec.h"
#include "core/package/package_errors_p.h"
#include "core/package/report_package.h"
#include "core/services/audit.h"
#include "core/services/services.h"
#include "core/store/sql.h"
#include "core/store/transaction.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>

namespace mobiliza::core {

namespace {
const QString kIntakeColumns = QStringLiteral("package_sha256, report, revision, municipality, period, "
                                              "file_name, received_at, state, attempts, last_error, hub_id");
}

PackageIntake::PackageIntake(Services &services, ReferenceData reference, QString urs)
    : m_services(services), m_reference(std::move(reference)),
      m_urs(urs.isEmpty() ? services.profile().urs() : std::move(urs)),
      m_queue(services.database(), services.notifier(), services.clock(), QStringLiteral("import_outbox"),
              QStringLiteral("package_sha256"))
{
}

Result<IntakeOutcome> PackageIntake::receive(const QString &path)
{
    // The hub takes an import of at most this size in one request (its maxImportBytes).
    if (QFileInfo(path).size() > kMaxImportBytes)
        return Error{QStringLiteral("too_large"),
                     QCoreApplication::translate("PackageIntake",
                                                 "This package (%1 MB) is larger than the hub takes from a URS (%2 MB). "
                                                 "Nothing was imported: take the file to the hub's administrator, who "
                                                 "imports it with mobiliza-hub import.")
                         .arg(QFileInfo(path).size() / (1024 * 1024))
                         .arg(kMaxImportBytes / (1024 * 1024))};
    package::PackageReader reader(path);
    auto verified = reader.verify();
    if (!verified)
        return verified.error();
    const package::PackageContents &c = verified.value();
    const QString &urs = m_urs;
    const auto municipality = m_reference.municipality(c.info.municipality);
    if (!municipality || municipality->urs.compare(urs, Qt::CaseInsensitive) != 0)
        return Error{QStringLiteral("another_urs"),
                     QCoreApplication::translate("PackageIntake",
                                                 "This package is the report of %1, which is not one of the URS %2's "
                                                 "municipalities. Nothing was imported: hand it to that "
                                                 "municipality's URS.")
                         .arg(municipality ? QStringLiteral("%1 (%2)").arg(municipality->name, municipality->ibge)
                                           : c.info.municipality,
                              urs)};
    const auto engine = m_services.programs().engine(c.report.programId);
    if (!engine)
        return package::errors::unknownProgram(c.report.programId);
    const Findings findings = engine->validate(c.report);
    for (const Finding &f : findings)
        if (f.isBlocking())
            return package::errors::validationFailed(findings);

    // The same revision already here (pulled, or this file twice): nothing to do.
    auto existing = m_services.replica().revision(c.info.reportUuid, c.info.revision);
    if (!existing)
        return existing.error();
    if (existing.value()) {
        if (existing.value()->manifestSha256 != c.info.manifestSha256)
            return Error{QStringLiteral("revision_conflict"),
                         QCoreApplication::translate("PackageIntake",
                                                     "The URS already has revision %1 of this report with another "
                                                     "content. Nothing was imported; ask the municipality which one "
                                                     "is right.")
                             .arg(c.info.revision)};
        // Brought by hand before and refused by the hub (or its queue row lost): the
        // same file goes in the queue again — the hub may take it now.
        if (existing.value()->via == QLatin1String("import")) {
            auto requeued = requeue(path, c);
            if (!requeued)
                return requeued.error();
            if (requeued.value()) {
                IntakeOutcome o;
                o.photoCount = manifestPhotoCount(c.report);
                o.item.report = c.info.reportUuid;
                o.item.revision = c.info.revision;
                o.item.municipality = c.info.municipality;
                o.item.period = c.info.period;
                o.item.state = QStringLiteral("queued");
                return o;
            }
        }
        IntakeOutcome o;
        o.alreadyHere = true;
        o.photoCount = c.report.actions.isEmpty() ? 0 : manifestPhotoCount(c.report);
        o.item.report = c.info.reportUuid;
        o.item.revision = c.info.revision;
        o.item.municipality = c.info.municipality;
        o.item.period = c.info.period;
        return o;
    }

    // Photos first (content-addressed: a crash leaves at most unreferenced files),
    // then the file itself, then the replica row and the queue row in one transaction.
    for (const QString &sha : c.blobs) {
        auto bytes = reader.blob(sha);
        if (!bytes)
            return bytes.error();
        if (auto put = m_services.blobs().put(bytes.value()); !put)
            return put.error();
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return package::errors::cannotRead(path, file.errorString());
    auto fileSha = m_services.blobs().put(file.readAll());
    if (!fileSha)
        return fileSha.error();

    IntakeOutcome o;
    o.photoCount = manifestPhotoCount(c.report);
    o.item.packageSha256 = fileSha.value();
    o.item.report = c.info.reportUuid;
    o.item.revision = c.info.revision;
    o.item.municipality = c.info.municipality;
    o.item.period = c.info.period;
    o.item.fileName = QFileInfo(path).fileName();
    o.item.receivedAt = m_services.clock().now().toUTC();
    o.item.state = QStringLiteral("queued");
    ReplicaRevision entry;
    entry.report = c.info.reportUuid;
    entry.revision = c.info.revision;
    entry.municipality = c.info.municipality;
    entry.program = c.report.programId;
    entry.period = c.info.period;
    entry.manifestSha256 = c.info.manifestSha256;
    entry.receivedAt = o.item.receivedAt;
    Status stored = inTransaction(m_services.database().db(), [&]() -> Status {
        if (Status s = m_services.replica().insertImported(entry, c.manifestJson, c.report); !s)
            return s;
        const QString now = storeTimestamp(o.item.receivedAt);
        auto put = execSql(m_services.database().db(),
                           QStringLiteral("INSERT INTO import_outbox (package_sha256, report, revision, municipality, "
                                          "period, file_name, received_at, state, updated_at) "
                                          "VALUES (?, ?, ?, ?, ?, ?, ?, 'queued', ?) "
                                          "ON CONFLICT (package_sha256) DO NOTHING"),
                           {o.item.packageSha256, o.item.report, o.item.revision, o.item.municipality,
                            o.item.period.key(), textArg(o.item.fileName), now, now});
        if (!put)
            return put.error();
        return m_services.audit().record(QStringLiteral("import"), o.item.report, QStringLiteral("receive"),
                                         QJsonObject{{QStringLiteral("revision"), o.item.revision},
                                                     {QStringLiteral("municipality"), o.item.municipality},
                                                     {QStringLiteral("package"), o.item.packageSha256}});
    });
    if (!stored)
        return stored.error();
    Q_EMIT m_services.notifier().replicaChanged();
    return o;
}

Result<bool> PackageIntake::requeue(const QString &path, const package::PackageContents &c)
{
    auto rows = query(QStringLiteral("WHERE report = ? AND revision = ?"), {c.info.reportUuid, c.info.revision});
    if (!rows)
        return rows.error();
    for (const IntakeItem &i : rows.value())
        if (i.state != QLatin1String("refused"))
            return false; // queued, sending or sent: nothing to do
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return package::errors::cannotRead(path, file.errorString());
    auto sha = m_services.blobs().put(file.readAll());
    if (!sha)
        return sha.error();
    const QString now = storeTimestamp(m_services.clock().now());
    Status done = inTransaction(m_services.database().db(), [&]() -> Status {
        auto put = execSql(m_services.database().db(),
                           QStringLiteral("INSERT INTO import_outbox (package_sha256, report, revision, municipality, "
                                          "period, file_name, received_at, state, updated_at) "
                                          "VALUES (?, ?, ?, ?, ?, ?, ?, 'queued', ?) ON CONFLICT (package_sha256) DO "
                                          "UPDATE SET state = 'queued', attempts = 0, next_attempt_at = NULL, "
                                          "last_error = '', updated_at = excluded.updated_at"),
                           {sha.value(), c.info.reportUuid, c.info.revision, c.info.municipality, c.info.period.key(),
                            QFileInfo(path).fileName(), now, now});
        if (!put)
            return put.error();
        return {};
    });
    if (!done)
        return done.error();
    Q_EMIT m_services.notifier().replicaChanged();
    return true;
}

Result<QList<IntakeItem>> PackageIntake::query(const QString &where, const QVariantList &args) const
{
    auto q = runSql(
        m_services.database().db(),
        QStringLiteral("SELECT ") + kIntakeColumns + QStringLiteral(" FROM import_outbox ") + where, args);
    if (!q)
        return q.error();
    QList<IntakeItem> out;
    while (q.value().next()) {
        const QSqlQuery &r = q.value();
        IntakeItem i;
        i.packageSha256 = r.value(0).toString();
        i.report = r.value(1).toString();
        i.revision = r.value(2).toInt();
        i.municipality = r.value(3).toString();
        i.period = Period::fromKey(r.value(4).toString());
        i.fileName = r.value(5).toString();
        i.receivedAt = parseStoreTimestamp(r.value(6).toString());
        i.state = r.value(7).toString();
        i.attempts = r.value(8).toInt();
        i.lastError = r.value(9).toString();
        i.hubId = r.value(10).toString();
        out << i;
    }
    return out;
}

Result<QList<IntakeItem>> PackageIntake::due(Backoff backoff) const
{
    return query(QStringLiteral("WHERE ") + m_queue.dueCondition(backoff) +
                     QStringLiteral(" ORDER BY received_at"),
                 m_queue.dueArgs(backoff));
}

Result<QList<IntakeItem>> PackageIntake::all() const
{
    return query(QStringLiteral("ORDER BY received_at"), {});
}

int PackageIntake::pendingCount() const
{
    return m_queue.count(QStringLiteral("'queued', 'sending'"));
}

Result<QByteArray> PackageIntake::fileBytes(const QString &packageSha256) const
{
    return m_services.blobs().read(packageSha256);
}

Status PackageIntake::markSent(const QString &sha, const QString &hubId)
{
    return m_queue.update(sha, QStringLiteral("state = 'sent', hub_id = ?, last_error = ''"), {textArg(hubId)});
}

Status PackageIntake::markRefused(const QString &sha, const QString &message)
{
    return m_queue.update(sha, QStringLiteral("state = 'refused', last_error = ?"), {textArg(message)});
}

} // namespace mobiliza::core
