// Bad luck and data that outlives its purpose (issue 7, §2–3), at the level of
// the store and the services: photo files nothing references, stale `.part`
// files, erasure reaching the pre-migration backups, and database errors that
// must never look like "no reports".
#include "core/services/blob_collector.h"
#include "core/services/blob_store.h"
#include "core/services/outbox_service.h"
#include "core/services/report_service.h"
#include "core/services/services.h"
#include "tests/core/store/store_test_util.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace mobiliza;
using namespace mobiliza::core;
using mobiliza::test::count;
using mobiliza::test::exec;
using mobiliza::test::fileBytes;
using mobiliza::test::Profile;
using mobiliza::test::RawConnection;
using mobiliza::test::TempDir;

namespace {

Photo photoMeta(const QString &sha)
{
    Photo p;
    p.sha256 = sha;
    p.caption = QStringLiteral("Roda de conversa");
    p.width = 1600;
    p.height = 1200;
    p.bytes = 1000;
    return p;
}

QString putBytes(BlobStore &blobs, const QByteArray &bytes)
{
    auto sha = blobs.put(bytes);
    REQUIRE(sha.ok());
    return sha.value();
}

// Every file under `dir` (recursively, hidden ones too) with its bytes.
QMap<QString, QByteArray> everyFile(const QString &dir)
{
    QMap<QString, QByteArray> files;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        files.insert(path, fileBytes(path));
    }
    return files;
}

void makeOld(const QString &path, qint64 seconds)
{
    QFile f(path);
    REQUIRE(f.open(QIODevice::ReadWrite));
    REQUIRE(f.setFileTime(QDateTime::currentDateTimeUtc().addSecs(-seconds), QFileDevice::FileModificationTime));
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    REQUIRE(f.open(QIODevice::WriteOnly));
    REQUIRE(f.write(bytes) == bytes.size());
}

// Overwrites one page of the database file with garbage (the file is closed).
void damagePage(const QString &dbPath, int page)
{
    QFile f(dbPath);
    REQUIRE(f.open(QIODevice::ReadWrite));
    REQUIRE(f.seek(qint64(page - 1) * 4096));
    REQUIRE(f.write(QByteArray(4096, '\xA5')) == 4096);
}

} // namespace

TEST_CASE("blobs: a removed photo's file is deleted once unreferenced for the grace period, undo works meanwhile",
          "[blobs][lgpd]")
{
    Profile profile;
    BlobStore &blobs = profile.services->blobs();
    auto report = profile.reports().createReport(QStringLiteral("ses_mg_mobilizacao"), test::kMarch);
    REQUIRE(report.ok());
    auto action = profile.reports().addAction(report->uuid, {});
    REQUIRE(action.ok());
    const QString removed = putBytes(blobs, QByteArray("photo of identifiable people"));
    const QString kept = putBytes(blobs, QByteArray("photo that stays in the draft"));
    const QString inRevision = putBytes(blobs, QByteArray("photo of a concluded revision"));
    const QString neverPlaced = putBytes(blobs, QByteArray("left by a cancelled import"));
    auto photo = profile.reports().addPhoto(action->uuid, photoMeta(removed));
    REQUIRE(photo.ok());
    REQUIRE(profile.reports().addPhoto(action->uuid, photoMeta(kept)).ok());
    // A revision snapshot that names a blob no photo row names any more.
    exec(profile.db(),
         QStringLiteral("INSERT INTO report_revisions (uuid, report_uuid, revision, snapshot_json, sha256, "
                        "created_at) VALUES (?, ?, 1, ?, ?, '2025-03-10T12:00:00.000Z')"),
         {newUuid(), report->uuid,
          QString::fromUtf8(QJsonDocument(QJsonObject{
                                              {QStringLiteral("actions"),
                                               QJsonArray{QJsonObject{
                                                   {QStringLiteral("photos"),
                                                    QJsonArray{QJsonObject{{QStringLiteral("sha256"), inRevision}}}}}}}})
                                .toJson()),
          QString(64, QLatin1Char('0'))});

    REQUIRE(profile.reports().removePhoto(photo->uuid).ok());
    auto &audit = profile.services->audit();
    auto pass = [&] {
        auto c = collectProfileBlobs(profile.services->database(), blobs, audit, profile.clock);
        REQUIRE(c.ok());
        return c.value();
    };

    // First pass: seen unreferenced, kept (an editor may still undo the removal).
    const BlobCollection first = pass();
    CHECK(first.deleted.isEmpty());
    CHECK(QSet<QString>(first.pending.cbegin(), first.pending.cend()) == QSet<QString>{removed, neverPlaced});
    CHECK(blobs.has(removed));
    // Undo restores the row; the file is still there, so it works.
    Photo restored = photo.value();
    auto undone = profile.reports().restorePhoto(restored);
    REQUIRE(undone.ok());
    profile.clock.advanceSecs(2 * 86400);
    const BlobCollection second = pass();
    CHECK(second.deleted == QStringList{neverPlaced}); // unreferenced for two days
    CHECK(second.pending.isEmpty());                  // `removed` is referenced again: out of the ledger
    CHECK_FALSE(blobs.has(neverPlaced));
    CHECK(blobs.has(removed));

    // Removed again: the grace period starts again from the next pass.
    REQUIRE(profile.reports().removePhoto(photo->uuid).ok());
    const BlobCollection third = pass();
    CHECK(third.deleted.isEmpty());
    CHECK(third.pending == QStringList{removed});
    CHECK(blobs.has(removed));
    profile.clock.advanceSecs(23 * 3600);
    CHECK(pass().deleted.isEmpty());
    CHECK(blobs.has(removed));
    profile.clock.advanceSecs(3600);
    const BlobCollection last = pass();
    CHECK(last.deleted == QStringList{removed});
    CHECK_FALSE(QFile::exists(blobs.path(removed)));
    CHECK(blobs.read(kept).ok());
    CHECK(blobs.read(inRevision).ok());
    CHECK(last.pending.isEmpty());
    CHECK_FALSE(QFile::exists(BlobCollector::ledgerPath(blobs)));
    CHECK(BlobCollector::ledgerPath(blobs) == profile.dir.filePath(QStringLiteral("blobs.orphans.json")));

    // The audit trail says which files went, one row per pass that deleted something.
    const auto rows = audit.entries(QStringLiteral("blobs"));
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].action == QStringLiteral("collect"));
    CHECK(rows[0].detail.value(QStringLiteral("sha256")).toArray() == QJsonArray{neverPlaced});
    CHECK(rows[1].detail.value(QStringLiteral("deleted")).toInt() == 1);
    CHECK(rows[1].detail.value(QStringLiteral("sha256")).toArray() == QJsonArray{removed});
}

TEST_CASE("blobs: the .part files of a crashed writer are removed, a live writer's are not", "[blobs]")
{
    Profile profile;
    BlobStore &blobs = profile.services->blobs();
    const QString sha = putBytes(blobs, QByteArray("a stored photo"));
    const QString folder = QFileInfo(blobs.path(sha)).absolutePath();
    const QString stale = folder + QStringLiteral("/.") + sha + QStringLiteral(".1111.part");
    const QString staleElsewhere = blobs.dir() + QStringLiteral("/ff/.ff00.2222.part");
    const QString live = folder + QStringLiteral("/.") + sha + QStringLiteral(".3333.part");
    writeFile(stale, QByteArray(5000, 'x'));
    writeFile(staleElsewhere, QByteArray(10, 'y'));
    writeFile(live, QByteArray(100, 'z'));
    makeOld(stale, 2 * 3600);
    makeOld(staleElsewhere, 3 * 86400);
    makeOld(live, 60); // a writer a minute into its put: not garbage

    auto c = collectProfileBlobs(profile.services->database(), blobs, profile.services->audit(), profile.clock);
    REQUIRE(c.ok());
    CHECK(c->staleParts == 2);
    CHECK_FALSE(QFile::exists(stale));
    CHECK_FALSE(QFile::exists(staleElsewhere));
    CHECK(QFile::exists(live));
    CHECK(blobs.read(sha).ok());
    const auto rows = profile.services->audit().entries(QStringLiteral("blobs"));
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].detail.value(QStringLiteral("staleParts")).toInt() == 2);
}

TEST_CASE("partners: erasure reaches every file of the profile folder, pre-migration backups included",
          "[partners][lgpd]")
{
    TempDir dir;
    const QString data = dir.path();
    // A profile of schema version 1 that knows the partner…
    {
        Database::Options v1;
        v1.targetVersion = 1;
        auto old = Database::open(data, v1);
        REQUIRE(old.ok());
        exec(old.value()->db(),
             QStringLiteral("INSERT INTO partners (uuid, kind, name, document, contact_name, phones_json, email, "
                            "address, stage, notes, created_at, updated_at) VALUES "
                            "('7d1f0c52-5b1f-4f51-9f5c-0c1a3c6e9a01', 'person', 'Maria Aparecida Quintanilha', "
                            "'52998224725', 'Joaquim Quintanilha', '[\"+5531998765432\"]', "
                            "'maria.quintanilha@example.org', 'Rua das Acácias, 1234', 'active', "
                            "'Lidera o grupo de mães', '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z')"));
        exec(old.value()->db(),
             QStringLiteral("INSERT INTO partners (uuid, kind, name, stage, created_at, updated_at) VALUES "
                            "('7d1f0c52-5b1f-4f51-9f5c-0c1a3c6e9a02', 'organization', 'Escola Estadual Central', "
                            "'active', '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z')"));
    }
    // …opened by this version: migrated, with a backup copy of version 1.
    FixedClock clock(test::fixedNow());
    auto opened = Services::open(data, clock);
    REQUIRE(opened.ok());
    std::unique_ptr<Services> services = std::move(opened.value());
    const QStringList backups = services->database().backupFiles();
    REQUIRE(backups.size() == 1);
    REQUIRE(fileBytes(backups.first()).contains("Quintanilha")); // so the check below means something

    REQUIRE(services->partners().erase(QStringLiteral("7d1f0c52-5b1f-4f51-9f5c-0c1a3c6e9a01")).ok());
    const auto audit =
        services->audit().entries(QStringLiteral("partner"), QStringLiteral("7d1f0c52-5b1f-4f51-9f5c-0c1a3c6e9a01"));
    REQUIRE(audit.size() == 2);
    CHECK(audit[1].action == QStringLiteral("erase_backups"));
    CHECK(audit[1].detail.value(QStringLiteral("backupsChanged")).toInt() == 1);

    const char *personal[] = {"Quintanilha", "52998224725", "998765432", "maria.quintanilha", "example.org",
                              "Acácias", "grupo de mães"};
    auto checkEveryFile = [&](const char *when) {
        const auto files = everyFile(data);
        REQUIRE(files.size() >= 2);
        bool otherPartnerSeen = false;
        for (auto it = files.cbegin(); it != files.cend(); ++it) {
            otherPartnerSeen = otherPartnerSeen || it.value().contains("Escola Estadual Central");
            for (const char *p : personal) {
                INFO(when << ": " << it.key().toStdString() << " holds " << p);
                CHECK_FALSE(it.value().contains(QByteArray(p)));
            }
        }
        CHECK(otherPartnerSeen); // the other partner's data is still there: the files were read
    };
    checkEveryFile("open");
    REQUIRE(services->database().backupFiles().size() == 1); // the backup stays, as a backup
    services.reset();
    checkEveryFile("closed");

    // The backup is still a database with the other partner.
    RawConnection backup(backups.first());
    CHECK(count(backup.db(), QStringLiteral("SELECT count(*) FROM partners")) == 1);
    CHECK(count(backup.db(), QStringLiteral("PRAGMA user_version")) == 1);
}

TEST_CASE("partners: a backup that cannot be changed is deleted, never left holding an erased partner",
          "[partners][lgpd]")
{
    Profile profile;
    auto saved = profile.partners().save([] {
        Partner p;
        p.name = QStringLiteral("Maria Aparecida Quintanilha");
        p.stage = PartnerStage::Mapped;
        return p;
    }());
    REQUIRE(saved.ok());
    const QString backupDir = profile.services->database().backupDir();
    QDir().mkpath(backupDir);
    const QString damaged = QDir(backupDir).filePath(QStringLiteral("mobiliza-schema-v1.sqlite"));
    writeFile(damaged, QByteArray("SQLite format 3") + QByteArray(1, '\0') +
                           QByteArray("garbage that mentions Maria Aparecida Quintanilha"));
    REQUIRE(profile.partners().erase(saved->uuid).ok());
    CHECK_FALSE(QFile::exists(damaged));
    const auto audit = profile.services->audit().entries(QStringLiteral("partner"), saved->uuid);
    REQUIRE(audit.size() == 3);
    CHECK(audit[2].detail.value(QStringLiteral("backupsDeleted")).toInt() == 1);
}

TEST_CASE("store: a damaged database is an error in the report list and the outbox, never an empty list",
          "[store][errors]")
{
    TempDir dir;
    FixedClock clock(test::fixedNow());
    int reportsPage = 0, outboxPage = 0;
    {
        auto opened = Services::open(dir.path(), clock);
        REQUIRE(opened.ok());
        REQUIRE(opened.value()->profile().setMunicipality(QStringLiteral("3106200")).ok());
        REQUIRE(
            opened.value()->reports().createReport(QStringLiteral("ses_mg_mobilizacao"), test::kMarch).ok());
        const QSqlDatabase db = opened.value()->database().db();
        reportsPage = count(db, QStringLiteral("SELECT rootpage FROM sqlite_schema WHERE name = 'reports'"));
        outboxPage = count(db, QStringLiteral("SELECT rootpage FROM sqlite_schema WHERE name = 'outbox'"));
        REQUIRE(opened.value()->database().checkpoint().ok());
    }
    REQUIRE(reportsPage > 1);
    REQUIRE(outboxPage > 1);
    damagePage(QDir(dir.path()).filePath(Database::fileName()), reportsPage);
    damagePage(QDir(dir.path()).filePath(Database::fileName()), outboxPage);

    auto opened = Services::open(dir.path(), clock);
    REQUIRE(opened.ok()); // the settings are intact: the profile opens
    auto &services = *opened.value();
    const auto summaries = services.reports().summaries();
    REQUIRE_FALSE(summaries.ok());
    CHECK(summaries.error().code == QStringLiteral("damaged"));
    CHECK(summaries.error().message.contains(QStringLiteral("support"), Qt::CaseInsensitive));
    OutboxService outbox(services.database(), services.notifier(), clock, services.audit());
    const auto items = outbox.items();
    REQUIRE_FALSE(items.ok());
    CHECK(items.error().code == QStringLiteral("damaged"));
}

TEST_CASE("store: a database locked by another program is 'in use', never 'damaged, restore a backup'",
          "[store][errors]")
{
    TempDir dir;
    {
        FixedClock clock(test::fixedNow());
        auto opened = Services::open(dir.path(), clock);
        REQUIRE(opened.ok());
    }
    // Another program (a backup tool, the sqlite3 shell) holds the database exclusively.
    RawConnection other(QDir(dir.path()).filePath(Database::fileName()));
    exec(other.db(), QStringLiteral("PRAGMA locking_mode=EXCLUSIVE"));
    exec(other.db(), QStringLiteral("BEGIN EXCLUSIVE"));
    exec(other.db(), QStringLiteral("UPDATE settings SET value = value"));
    exec(other.db(), QStringLiteral("COMMIT")); // exclusive mode: the lock stays after the commit

    auto opened = Database::open(dir.path());
    REQUIRE_FALSE(opened.ok());
    CHECK(opened.error().code == QStringLiteral("busy"));
    CHECK_FALSE(opened.error().message.contains(QStringLiteral("backup")));
}

TEST_CASE("blobs: a blob named again while the pass runs is kept, and nothing is deleted when the re-read fails",
          "[blobs]")
{
    TempDir dir;
    BlobStore blobs(dir.filePath(QStringLiteral("blobs")));
    const QString a = putBytes(blobs, QByteArray("uploaded before its manifest"));
    const QString b = putBytes(blobs, QByteArray("really abandoned"));
    const QDateTime t0 = test::fixedNow();
    BlobCollector collector(blobs, 3600);
    REQUIRE(collector.collect({}, t0).ok()); // both first seen

    // Another hub instance stores a revision naming `a` during the pass.
    auto failing = collector.collect({}, t0.addSecs(7200), [] {
        return Result<QSet<QString>>(Error{QStringLiteral("database"), QStringLiteral("gone")});
    });
    REQUIRE(failing.ok());
    CHECK(failing->deleted.isEmpty());
    CHECK(blobs.has(a));
    CHECK(blobs.has(b));

    auto pass = collector.collect({}, t0.addSecs(7200), [&] { return Result<QSet<QString>>(QSet<QString>{a}); });
    REQUIRE(pass.ok());
    CHECK(pass->deleted == QStringList{b});
    CHECK(pass->pending.isEmpty()); // `a` is referenced: out of the ledger
    CHECK(blobs.has(a));
    CHECK_FALSE(blobs.has(b));
}

TEST_CASE("blobs: when the audit row of a collection cannot be written, no file is deleted", "[blobs][lgpd]")
{
    Profile profile;
    BlobStore &blobs = profile.services->blobs();
    const QString orphan = putBytes(blobs, QByteArray("photo removed long ago"));
    auto &audit = profile.services->audit();
    // First pass: seen unreferenced; a day later it is due.
    REQUIRE(collectProfileBlobs(profile.services->database(), blobs, audit, profile.clock).ok());
    profile.clock.advanceSecs(kProfileBlobGraceSeconds + 60);

    exec(profile.db(), QStringLiteral("CREATE TEMP TRIGGER fail_audit BEFORE INSERT ON audit_log "
                                      "BEGIN SELECT RAISE(ABORT, 'injected failure'); END"));
    const auto refused = collectProfileBlobs(profile.services->database(), blobs, audit, profile.clock);
    CHECK_FALSE(refused.ok());
    CHECK(blobs.has(orphan)); // the trail could not say so: the file stays

    exec(profile.db(), QStringLiteral("DROP TRIGGER fail_audit"));
    const auto collected = collectProfileBlobs(profile.services->database(), blobs, audit, profile.clock);
    REQUIRE(collected.ok());
    CHECK(collected->deleted == QStringList{orphan});
    CHECK_FALSE(blobs.has(orphan));
    CHECK(count(profile.db(), QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'collect' "
                                             "AND detail_json LIKE ?"),
                {QVariant(QStringLiteral("%") + orphan + QStringLiteral("%"))}) == 1);
}

namespace {

// The oracle: every string value of the parsed document that is a blob name.
void parsedNames(const QJsonValue &v, QSet<QString> *out)
{
    if (v.isString() && BlobStore::isValidSha256(v.toString()))
        out->insert(v.toString());
    else if (v.isArray())
        for (const QJsonValue &e : v.toArray())
            parsedNames(e, out);
    else if (v.isObject())
        for (const QJsonValue &e : v.toObject())
            parsedNames(e, out);
}

} // namespace

TEST_CASE("blobs: the names a manifest holds are read from its bytes exactly as parsing finds them",
          "[blobs]")
{
    const QString a = QString(64, QLatin1Char('a'));
    const QString b = QStringLiteral("0123456789abcdef").repeated(4);
    const QString c = QStringLiteral("fedcba9876543210").repeated(4);
    // Names in nested values, next to each other, in arrays; look-alikes that are not names.
    QJsonObject photoA, photoB, action, doc;
    photoA.insert(QStringLiteral("sha256"), a);
    photoB.insert(QStringLiteral("sha256"), b);
    action.insert(QStringLiteral("photos"), QJsonArray{photoA, photoB});
    doc.insert(QStringLiteral("actions"), QJsonArray{action});
    doc.insert(QStringLiteral("list"), QJsonArray{c, c});
    doc.insert(QStringLiteral("upper"), a.toUpper());
    doc.insert(QStringLiteral("short"), a.left(63));
    doc.insert(QStringLiteral("long"), QString(a + QLatin1Char('a')));
    doc.insert(QStringLiteral("text"), QString(QStringLiteral("a quote \" then ") + b.left(60)));
    doc.insert(QStringLiteral("empty"), QString());
    for (const auto format : {QJsonDocument::Compact, QJsonDocument::Indented}) {
        const QByteArray bytes = QJsonDocument(doc).toJson(format);
        QSet<QString> expected;
        parsedNames(doc, &expected);
        CHECK(expected == QSet<QString>{a, b, c});
        CHECK(BlobCollector::hashesIn(bytes) == expected);
    }
    // A real locked revision's manifest: every photo, as the parse finds them.
    Profile p;
    auto report = p.reports().createReport(QStringLiteral("ses_mg_mobilizacao"), Period{2025, 3});
    REQUIRE(report.ok());
    Report r = report.value();
    for (int i = 0; i < 3; ++i) {
        Photo ph;
        ph.uuid = newUuid();
        ph.sha256 = BlobStore::sha256Hex(QByteArray::number(i));
        Action action;
        action.uuid = newUuid();
        action.photos << ph;
        r.actions << action;
    }
    const QByteArray manifest =
        ReportService::manifest(r, QDateTime(QDate(2025, 4, 2), QTime(9, 0), Qt::UTC));
    QSet<QString> expected;
    parsedNames(QJsonDocument::fromJson(manifest).object(), &expected);
    CHECK(expected.size() == 3);
    CHECK(BlobCollector::hashesIn(manifest) == expected);
    // Nothing, or a cut document: no name invented.
    CHECK(BlobCollector::hashesIn({}).isEmpty());
    CHECK(BlobCollector::hashesIn(QByteArray("\"") + a.toLatin1()).isEmpty());
}
