// Helpers for the package tests: concluded reports with real JPEG photos, the
// profile's visible state (summaries, blobs, revisions), and ZIP rewriting.
#pragma once

#include "core/package/report_package.h"
#include "core/services/services.h"
#include "tests/core/store/store_test_util.h"
#include "tests/support/catch_qt.h"
#include "tests/support/valid_report.h"

#include <quazip/quazip.h>
#include <quazip/quazipfile.h>
#include <quazip/quazipnewinfo.h>

#include <QBuffer>
#include <QDirIterator>
#include <QImage>
#include <QPainter>

namespace mobiliza::test {

inline const QString kProgram = QStringLiteral("ses_mg_mobilizacao");

// A small real JPEG, different for every seed.
inline QByteArray makeJpeg(int seed, int width = 64, int height = 48)
{
    QImage image(width, height, QImage::Format_RGB32);
    image.fill(QColor::fromHsv((seed * 47) % 360, 200, 220));
    {
        QPainter painter(&image);
        painter.fillRect(seed % width, 0, 8, height, Qt::black);
    }
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    REQUIRE(image.save(&buffer, "JPG", 80));
    return bytes;
}

inline core::Photo photoFor(core::BlobStore &blobs, int seed, const QString &caption)
{
    const QByteArray jpeg = makeJpeg(seed);
    auto sha = blobs.put(jpeg);
    REQUIRE(sha.ok());
    core::Photo p;
    p.sha256 = sha.value();
    p.caption = caption;
    p.takenOn = QDate(2025, 3, 5);
    p.author = QStringLiteral("Ana Souza");
    p.identifiablePeople = seed % 2 == 0;
    p.authorizationOnFile = seed % 2 == 0;
    p.width = 64;
    p.height = 48;
    p.bytes = jpeg.size();
    return p;
}

// A March draft with two actions and three photos (seeds seed, seed+1, seed+2).
inline QString draftWithPhotos(Profile &profile, int seed = 1)
{
    auto report = profile.reports().createReport(kProgram, kMarch);
    REQUIRE(report.ok());
    for (int i = 0; i < 2; ++i) {
        auto action = profile.reports().addAction(
            report->uuid,
            validActionValues(kMarch, i + 1, QStringLiteral("Ação %1 — mutirão").arg(i + 1)));
        REQUIRE(action.ok());
        for (int k = 0; k <= i; ++k)
            REQUIRE(profile.reports()
                        .addPhoto(action->uuid, photoFor(profile.services->blobs(), seed + i + k,
                                                         QStringLiteral("Foto da ação %1").arg(i + 1)))
                        .ok());
    }
    return report->uuid;
}

inline QString concludedReport(Profile &profile, int seed = 1)
{
    const QString uuid = draftWithPhotos(profile, seed);
    const auto concluded = profile.reports().conclude(uuid);
    INFO((concluded ? QString() : concluded.error().message).toStdString());
    REQUIRE(concluded.ok());
    return uuid;
}

// What --status shows, plus the counts of the report list.
inline QStringList statusLines(Profile &profile)
{
    QStringList lines;
    const auto listed = profile.reports().summaries();
    REQUIRE(listed.ok());
    for (const auto &s : listed.value())
        lines << QStringLiteral("%1\t%2\t%3\t%4\t%5")
                     .arg(s.period.key(), core::reportStateKey(s.state))
                     .arg(s.revision)
                     .arg(s.actionCount)
                     .arg(s.photoCount);
    return lines;
}

inline QStringList blobListing(Profile &profile)
{
    QStringList files;
    QDirIterator it(profile.services->blobs().dir(), QDir::Files | QDir::Hidden,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        files << it.next();
    files.sort();
    return files;
}

// Everything an import may change, to compare before/after a refusal.
inline QStringList visibleState(Profile &profile)
{
    QStringList state = statusLines(profile) + blobListing(profile);
    const QSqlDatabase db = profile.db();
    for (const char *table : {"reports", "actions", "photos", "report_revisions", "outbox", "audit_log"})
        state << QStringLiteral("%1=%2")
                     .arg(QLatin1String(table))
                     .arg(count(db, QStringLiteral("SELECT count(*) FROM ") + QLatin1String(table)));
    return state;
}

// ------------------------------------------------------------------- ZIP
struct ZipEntry
{
    QString name;
    QByteArray data;
};

inline QList<ZipEntry> readZip(const QString &path)
{
    QList<ZipEntry> entries;
    QuaZip zip(path);
    REQUIRE(zip.open(QuaZip::mdUnzip));
    for (bool more = zip.goToFirstFile(); more; more = zip.goToNextFile()) {
        QuaZipFile file(&zip);
        REQUIRE(file.open(QIODevice::ReadOnly));
        entries << ZipEntry{zip.getCurrentFileName(), file.readAll()};
        file.close();
    }
    zip.close();
    return entries;
}

inline void writeZip(const QString &path, const QList<ZipEntry> &entries)
{
    QFile::remove(path);
    QuaZip zip(path);
    REQUIRE(zip.open(QuaZip::mdCreate));
    for (const ZipEntry &e : entries) {
        QuaZipFile file(&zip);
        REQUIRE(file.open(QIODevice::WriteOnly, QuaZipNewInfo(e.name)));
        REQUIRE(file.write(e.data) == e.data.size());
        file.close();
        REQUIRE(file.getZipError() == ZIP_OK);
    }
    zip.close();
    REQUIRE(zip.getZipError() == ZIP_OK);
}

inline ZipEntry &entryNamed(QList<ZipEntry> &entries, const QString &name)
{
    for (ZipEntry &e : entries)
        if (e.name == name)
            return e;
    FAIL("no entry " << name.toStdString());
    return entries.first();
}

// Rewrites checksums.sha256 to match the current entries (a forger's move).
inline void fixChecksums(QList<ZipEntry> &entries)
{
    QByteArray sums;
    for (const ZipEntry &e : entries)
        if (e.name != QLatin1String(core::package::kChecksums))
            sums += core::BlobStore::sha256Hex(e.data).toLatin1() + "  " + e.name.toUtf8() + '\n';
    entryNamed(entries, QLatin1String(core::package::kChecksums)).data = sums;
}

inline void writeBytes(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    REQUIRE(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    REQUIRE(f.write(bytes) == bytes.size());
}

} // namespace mobiliza::test
