// Helpers for the tests of imports and batches (docs/protocol.md §10.4, §10.5):
// a report package file made from a TestReport (the layout of
// docs/package-format.md, written here with QuaZip so any municipality will do),
// a batch file, accepting a revision over HTTP and sending a batch.
#pragma once

#include "core/package/batch_file.h"
#include "core/package/report_package.h"
#include "core/services/audit.h"
#include "sync/protocol_batch.h"
#include "sync/protocol_review.h"
#include "tests/hub/hub_test_util.h"

#include <quazip/quazip.h>
#include <quazip/quazipfile.h>
#include <quazip/quazipnewinfo.h>

#include <QCryptographicHash>

namespace mobiliza::test {

// The review state the hub holds for the test report's revision.
inline QString revisionState(HubFixture &f, const TestReport &t)
{
    auto r = f.store->revision(t.uuid(), t.report.revision);
    REQUIRE(r.ok());
    REQUIRE(r.value().has_value());
    return r.value()->state;
}

// The package file of the report (as core::package::writePackage lays it out).
inline QByteArray packageBytes(const TestReport &t, const QString &dir)
{
    const QString path = QDir(dir).filePath(t.uuid() + QStringLiteral(".mobiliza"));
    {
        QuaZip zip(path);
        REQUIRE(zip.open(QuaZip::mdCreate));
        QByteArray checksums;
        const auto add = [&](const QString &name, const QByteArray &data) {
            QuaZipFile file(&zip);
            const bool photo = name.startsWith(QLatin1String("photos/")); // stored, as the writer does
            REQUIRE(file.open(QIODevice::WriteOnly, QuaZipNewInfo(name), nullptr, 0, photo ? 0 : Z_DEFLATED,
                              photo ? 0 : Z_DEFAULT_COMPRESSION));
            REQUIRE(file.write(data) == data.size());
            file.close();
            checksums += sha256Hex(data).toLatin1() + "  " + name.toUtf8() + '\n';
        };
        const QJsonObject info{{QStringLiteral("format"), QStringLiteral("mobiliza-report-package")},
                               {QStringLiteral("formatVersion"), 1},
                               {QStringLiteral("report"), t.uuid()},
                               {QStringLiteral("program"), t.report.programId},
                               {QStringLiteral("municipality"), t.report.municipality},
                               {QStringLiteral("period"), t.report.period.key()},
                               {QStringLiteral("revision"), t.report.revision},
                               {QStringLiteral("manifestSha256"), sha256Hex(t.manifest)},
                               {QStringLiteral("createdAt"), core::storeTimestamp(hubNow())},
                               {QStringLiteral("appVersion"), QStringLiteral("0.1.0")},
                               {QStringLiteral("photoCount"), int(t.photos.size())}};
        add(QStringLiteral("package.json"), QJsonDocument(info).toJson());
        add(QStringLiteral("manifest.json"), t.manifest);
        for (const QByteArray &photo : t.photos)
            add(core::package::photoEntryName(sha256Hex(photo)), photo);
        add(QStringLiteral("checksums.sha256"), checksums);
        zip.close();
        REQUIRE(zip.getZipError() == 0);
    }
    return readFile(path);
}

inline HttpReply putImport(HubFixture &f, const QByteArray &package, const QString &token)
{
    return f.http->put(QStringLiteral("/api/v1/imports/") + sha256Hex(package), package, token,
                       "application/octet-stream");
}

// Accepts the revision over HTTP (PUT /api/v1/reviews/<uuid>) with the URS's token.
inline void acceptRevision(HubFixture &f, const TestReport &t, const QString &ursToken)
{
    sync::ReviewDecision d;
    d.uuid = core::newUuid();
    d.report = t.uuid();
    d.revision = t.report.revision;
    d.manifestSha256 = sha256Hex(t.manifest);
    d.decision = QStringLiteral("accept");
    d.reviewer = QStringLiteral("Maria (URS)");
    d.decidedAt = hubNow();
    const HttpReply r = f.http->put(QStringLiteral("/api/v1/reviews/") + d.uuid, sync::encode(d), ursToken);
    INFO(r.body.toStdString());
    REQUIRE(r.status == 201);
}

inline sync::Batch batchOf(const QString &urs, const QList<const TestReport *> &reports)
{
    sync::Batch b;
    b.uuid = core::newUuid();
    b.urs = urs;
    b.period = QStringLiteral("2025-03");
    b.createdAt = hubNow();
    b.createdBy = QStringLiteral("Joana (URS)");
    for (const TestReport *t : reports)
        b.revisions << sync::BatchRevision{t->uuid(), t->report.revision, sha256Hex(t->manifest)};
    return b;
}

inline HttpReply putBatch(HubFixture &f, const sync::Batch &b, const QString &token)
{
    return f.http->put(QStringLiteral("/api/v1/batches/") + b.uuid, sync::encode(b), token);
}

// A batch file of these reports (their photos from the reports themselves).
inline core::package::BatchFileInfo batchFileInfo(const QString &urs)
{
    return core::package::BatchFileInfo{core::newUuid(), urs, core::Period{2025, 3}, hubNow(),
                                        QStringLiteral("Joana (URS)"), {}};
}

inline core::Status writeBatch(const core::package::BatchFileInfo &info, const QList<const TestReport *> &reports,
                               const QString &path)
{
    QList<core::package::BatchFileInput> inputs;
    QHash<QString, QByteArray> photos;
    for (const TestReport *t : reports) {
        inputs << core::package::BatchFileInput{t->manifest};
        for (const QByteArray &p : t->photos)
            photos.insert(sha256Hex(p), p);
    }
    return core::package::writeBatchFile(
        info, inputs,
        [photos](const QString &sha) -> core::Result<QByteArray> {
            if (!photos.contains(sha))
                return core::Error{QStringLiteral("missing"), QStringLiteral("missing")};
            return photos.value(sha);
        },
        path);
}

} // namespace mobiliza::test
