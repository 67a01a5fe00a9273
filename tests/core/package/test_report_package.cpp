// The report package: written from a concluded revision, verified entirely
// before anything is trusted, imported "exactly as if it had been pushed".
#include "core/package/manifest_codec.h"
#include "core/package/report_package.h"
#include "core/services/revision_importer.h"
#include "tests/core/package/package_test_util.h"

#include <QDir>
#include <QJsonDocument>

using namespace mobiliza;
using namespace mobiliza::core;
using namespace mobiliza::test;
namespace pkg = mobiliza::core::package;

namespace {

QString packageOf(Profile &profile, const QString &reportUuid, int revision, const TempDir &out,
                  const QString &name = QStringLiteral("marco.mobiliza"))
{
    const QString path = out.filePath(name);
    const Status written = pkg::writePackage(*profile.services, reportUuid, revision, path);
    INFO((written ? QString() : written.error().message).toStdString());
    REQUIRE(written.ok());
    return path;
}

void requireRefused(Profile &target, const QString &path, const QString &code)
{
    const QStringList before = visibleState(target);
    NotificationCounter notes(target.services->notifier());
    auto imported = pkg::importPackage(*target.services, path);
    REQUIRE_FALSE(imported.ok());
    CHECK(imported.error().code == code);
    CHECK_FALSE(imported.error().message.isEmpty());
    CHECK(visibleState(target) == before);
    CHECK(notes.total() == 0);
}

const QString kCorrupt = QStringLiteral("corrupt_package");

} // namespace

TEST_CASE("A package round trip moves the locked revision with its photos to another installation")
{
    Profile source;
    const QString uuid = concludedReport(source);
    auto sourceRevision = source.reports().revision(uuid, 1);
    REQUIRE(sourceRevision.ok());
    TempDir out;
    const QString path = packageOf(source, uuid, 1, out);

    // The file: the documented layout, checksums of every other file.
    auto entries = readZip(path);
    QStringList names;
    for (const auto &e : entries)
        names << e.name;
    auto contents = pkg::readPackage(path);
    REQUIRE(contents.ok());
    CHECK(contents->manifestJson == sourceRevision->snapshotJson);
    CHECK(contents->info.format == QLatin1String(pkg::kFormat));
    CHECK(contents->info.formatVersion == 1);
    CHECK(contents->info.municipality == QStringLiteral("3106200"));
    CHECK(contents->info.period == kMarch);
    CHECK(contents->info.revision == 1);
    CHECK(contents->info.manifestSha256 == sourceRevision->sha256);
    CHECK(contents->info.photoCount == 3);
    CHECK(contents->info.createdAt == fixedNow());
    CHECK_FALSE(contents->info.appVersion.isEmpty());
    REQUIRE(contents->blobs.size() == 3);
    QStringList expected{QStringLiteral("package.json"), QStringLiteral("manifest.json"),
                         QStringLiteral("checksums.sha256")};
    for (const QString &sha : std::as_const(contents->blobs))
        expected << pkg::photoEntryName(sha);
    names.sort();
    expected.sort();
    CHECK(names == expected);
    const QByteArray sums = entryNamed(entries, QStringLiteral("checksums.sha256")).data;
    CHECK(sums.count('\n') == 5);
    const QByteArray manifestLine =
        BlobStore::sha256Hex(entryNamed(entries, QStringLiteral("manifest.json")).data).toLatin1() +
        "  manifest.json\n";
    CHECK(sums.contains(manifestLine));

    // Import into a fresh installation of the same municipality.
    Profile target;
    NotificationCounter notes(target.services->notifier());
    auto imported = pkg::importPackage(*target.services, path);
    INFO((imported ? QString() : imported.error().message).toStdString());
    REQUIRE(imported.ok());
    CHECK(imported->kind == ImportOutcome::Kind::Imported);
    CHECK(imported->reportUuid == uuid);
    CHECK(imported->period == kMarch);
    CHECK(imported->revision == 1);
    CHECK(imported->photoCount == 3);
    CHECK(imported->manifestSha256 == sourceRevision->sha256);
    CHECK(notes.reportChanged == 1);
    CHECK(notes.reportUuids == QStringList{uuid});

    CHECK(statusLines(target) == statusLines(source));
    CHECK(statusLines(target) == QStringList{QStringLiteral("2025-03\tready\t1\t2\t3")});
    auto revision = target.reports().revision(uuid, 1);
    REQUIRE(revision.ok());
    CHECK(revision->snapshotJson == sourceRevision->snapshotJson);
    CHECK(revision->sha256 == sourceRevision->sha256);
    CHECK(revision->createdAt == sourceRevision->createdAt);
    CHECK(revision->outboxState == QStringLiteral("queued"));

    // The local report is that revision: it encodes to the very same manifest.
    auto report = target.reports().report(uuid);
    REQUIRE(report.ok());
    CHECK(report->state == ReportState::Ready);
    CHECK(ReportService::manifest(report.value(), revision->createdAt) == sourceRevision->snapshotJson);
    for (const QString &sha : std::as_const(contents->blobs)) {
        auto mine = target.services->blobs().read(sha);
        REQUIRE(mine.ok());
        CHECK(mine.value() == source.services->blobs().read(sha).value());
    }
    const auto audit = target.services->audit().entries(QStringLiteral("report"), uuid);
    REQUIRE_FALSE(audit.isEmpty());
    CHECK(audit.last().action == QStringLiteral("import"));
    CHECK(audit.last().detail.value(QStringLiteral("source")).toString() == QStringLiteral("package"));
    CHECK(audit.last().detail.value(QStringLiteral("sha256")).toString() == sourceRevision->sha256);

    // The imported revision can travel on: packaging it again gives the same manifest.
    TempDir again;
    const QString second = packageOf(target, uuid, 1, again);
    auto secondContents = pkg::readPackage(second);
    REQUIRE(secondContents.ok());
    CHECK(secondContents->manifestJson == contents->manifestJson);
}

TEST_CASE("Importing the same package twice answers already present and duplicates nothing")
{
    Profile source;
    const QString uuid = concludedReport(source);
    TempDir out;
    const QString path = packageOf(source, uuid, 1, out);
    Profile target;
    REQUIRE(pkg::importPackage(*target.services, path).ok());
    const QStringList before = visibleState(target);

    NotificationCounter notes(target.services->notifier());
    auto again = pkg::importPackage(*target.services, path);
    REQUIRE(again.ok());
    CHECK(again->kind == ImportOutcome::Kind::AlreadyPresent);
    CHECK(importOutcomeKey(again->kind) == QStringLiteral("already_present"));
    CHECK(again->revision == 1);
    CHECK(again->photoCount == 3);
    CHECK(visibleState(target) == before);
    CHECK(notes.total() == 0);

    // Also into the installation that generated it.
    auto home = pkg::importPackage(*source.services, path);
    REQUIRE(home.ok());
    CHECK(home->kind == ImportOutcome::Kind::AlreadyPresent);
}

TEST_CASE("A tampered package is refused and nothing changes")
{
    Profile source;
    const QString uuid = concludedReport(source);
    TempDir out;
    const QString path = packageOf(source, uuid, 1, out);
    auto contents = pkg::readPackage(path);
    REQUIRE(contents.ok());
    const QString photo = pkg::photoEntryName(contents->blobs.first());
    Profile target;

    SECTION("one byte of a photo changed, the ZIP rewritten with valid CRCs")
    {
        auto entries = readZip(path);
        QByteArray &data = entryNamed(entries, photo).data;
        data[data.size() / 2] = char(data.at(data.size() / 2) ^ 0x5a);
        writeZip(path, entries);
        auto read = pkg::readPackage(path);
        REQUIRE_FALSE(read.ok());
        CHECK(read.error().code == kCorrupt);
        CHECK(read.error().message ==
              QStringLiteral(
                  "The file is incomplete or has been altered. Ask whoever generated it for a new file."));
        requireRefused(target, path, kCorrupt);
    }
    SECTION("a photo changed and the checksums forged: the content address still catches it")
    {
        auto entries = readZip(path);
        QByteArray &data = entryNamed(entries, photo).data;
        data[10] = char(data.at(10) ^ 0x01);
        fixChecksums(entries);
        writeZip(path, entries);
        requireRefused(target, path, kCorrupt);
    }
    SECTION("the manifest changed and the checksums forged: package.json names another hash")
    {
        auto entries = readZip(path);
        QByteArray &manifest = entryNamed(entries, QStringLiteral("manifest.json")).data;
        manifest.replace("Visita", "Visite");
        fixChecksums(entries);
        writeZip(path, entries);
        requireRefused(target, path, kCorrupt);
    }
    SECTION("a raw byte flipped inside the file")
    {
        auto entries = readZip(path);
        const QByteArray needle =
            entryNamed(entries, photo).data.mid(200, 16); // photos are stored, not deflated
        QByteArray bytes = fileBytes(path);
        const qsizetype at = bytes.indexOf(needle);
        REQUIRE(at > 0);
        bytes[at + 4] = char(bytes.at(at + 4) ^ 0xff);
        writeBytes(path, bytes);
        requireRefused(target, path, kCorrupt);
    }
    SECTION("a photo of the manifest removed")
    {
        auto entries = readZip(path);
        entries.removeIf([&](const ZipEntry &e) { return e.name == photo; });
        writeZip(path, entries);
        requireRefused(target, path, kCorrupt);
        fixChecksums(entries);
        writeZip(path, entries);
        requireRefused(target, path, kCorrupt);
    }
    SECTION("a listed file that is not part of the layout")
    {
        auto entries = readZip(path);
        entries << ZipEntry{QStringLiteral("../../evil.sh"), QByteArray("rm -rf /")};
        fixChecksums(entries);
        writeZip(path, entries);
        requireRefused(target, path, kCorrupt);
    }
    SECTION("a newer format version is refused with its own message")
    {
        auto entries = readZip(path);
        QByteArray &info = entryNamed(entries, QStringLiteral("package.json")).data;
        info.replace("\"formatVersion\": 1", "\"formatVersion\": 2");
        fixChecksums(entries);
        writeZip(path, entries);
        requireRefused(target, path, QStringLiteral("unsupported_version"));
    }
}

TEST_CASE("Files that are not intact packages are refused with a clear message")
{
    Profile source;
    const QString uuid = concludedReport(source);
    TempDir out;
    const QString path = packageOf(source, uuid, 1, out);
    Profile target;

    SECTION("truncated: the last 30% cut off")
    {
        const QByteArray bytes = fileBytes(path);
        writeBytes(path, bytes.left(bytes.size() * 7 / 10));
        requireRefused(target, path, kCorrupt);
    }
    SECTION("not a ZIP at all")
    {
        writeBytes(path, QByteArray("Relatório de março: 12 ações\n").repeated(50));
        requireRefused(target, path, QStringLiteral("not_a_package"));
    }
    SECTION("an empty file")
    {
        writeBytes(path, QByteArray());
        requireRefused(target, path, QStringLiteral("empty_file")); // a copy that never finished
    }
    SECTION("some other ZIP file")
    {
        writeZip(path, {ZipEntry{QStringLiteral("planilha.csv"), QByteArray("a;b\r\n1;2\r\n")}});
        requireRefused(target, path, QStringLiteral("not_a_package"));
    }
    SECTION("a missing file")
    {
        requireRefused(target, out.filePath(QStringLiteral("nao-existe.mobiliza")), QStringLiteral("io"));
    }
    SECTION("an entry that declares more than 60 MB")
    {
        auto entries = readZip(path);
        entries << ZipEntry{QStringLiteral("filler.bin"), QByteArray(61 * 1024 * 1024, '\0')};
        writeZip(path, entries);
        requireRefused(target, path, QStringLiteral("too_large"));
    }
}

TEST_CASE("An unlisted file inside the package is never read or trusted")
{
    Profile source;
    const QString uuid = concludedReport(source);
    TempDir out;
    const QString path = packageOf(source, uuid, 1, out);
    auto entries = readZip(path);
    entries << ZipEntry{QStringLiteral("photos/notes.txt"), QByteArray("not listed")};
    writeZip(path, entries);
    Profile target;
    auto imported = pkg::importPackage(*target.services, path);
    REQUIRE(imported.ok());
    CHECK(blobListing(target).size() == 3);
}

TEST_CASE("A package of another municipality is refused")
{
    Profile source;
    const QString uuid = concludedReport(source);
    TempDir out;
    const QString path = packageOf(source, uuid, 1, out);
    Profile other(false);
    REQUIRE(other.services->profile().setMunicipality(QStringLiteral("3100104")).ok());
    requireRefused(other, path, QStringLiteral("wrong_municipality"));
}

TEST_CASE("Revision rules: conflicts, older revisions and typed drafts are never overwritten")
{
    Profile source;
    const QString uuid = concludedReport(source);
    TempDir out;
    const QString rev1 = packageOf(source, uuid, 1, out, QStringLiteral("rev1.mobiliza"));
    Profile target;

    SECTION("the same revision with another hash is a conflict")
    {
        REQUIRE(pkg::importPackage(*target.services, rev1).ok());
        // The source withdraws revision 1, edits and concludes it again: same number, other content.
        REQUIRE(source.reports().applyEvent(uuid, ReportEvent::Withdraw).ok());
        auto report = source.reports().report(uuid);
        REQUIRE(report.ok());
        QJsonObject retitled = report->actions.first().values;
        retitled.insert(QStringLiteral("title"), QStringLiteral("Outro título"));
        REQUIRE(source.reports().updateAction(report->actions.first().uuid, retitled).ok());
        REQUIRE(source.reports().conclude(uuid).ok());
        const QString other = packageOf(source, uuid, 1, out, QStringLiteral("rev1b.mobiliza"));
        requireRefused(target, other, QStringLiteral("conflict"));
    }
    SECTION("a later revision replaces the local one, an older one is refused")
    {
        for (auto event :
             {ReportEvent::StartSending, ReportEvent::HubReceived, ReportEvent::Return, ReportEvent::Reopen})
            REQUIRE(source.reports().applyEvent(uuid, event, QStringLiteral("Falta a foto da ação 2")).ok());
        REQUIRE(source.reports().conclude(uuid).ok());
        const QString rev2 = packageOf(source, uuid, 2, out, QStringLiteral("rev2.mobiliza"));

        REQUIRE(pkg::importPackage(*target.services, rev1).ok());
        auto newer = pkg::importPackage(*target.services, rev2);
        REQUIRE(newer.ok());
        CHECK(newer->kind == ImportOutcome::Kind::Imported);
        CHECK(newer->replacedLocal);
        CHECK(statusLines(target) == QStringList{QStringLiteral("2025-03\tready\t2\t2\t3")});
        CHECK(target.reports().revisions(uuid).size() == 2);

        // Revision 1 came through here: importing it again is idempotent.
        const QStringList before = visibleState(target);
        auto again = pkg::importPackage(*target.services, rev1);
        REQUIRE(again.ok());
        CHECK(again->kind == ImportOutcome::Kind::AlreadyPresent);
        CHECK(visibleState(target) == before);
    }
    SECTION("an older revision is refused when the newer one came first")
    {
        for (auto event : {ReportEvent::HubReceived, ReportEvent::Return, ReportEvent::Reopen})
            REQUIRE(source.reports().applyEvent(uuid, event).ok());
        REQUIRE(source.reports().conclude(uuid).ok());
        const QString rev2 = packageOf(source, uuid, 2, out, QStringLiteral("rev2.mobiliza"));
        REQUIRE(pkg::importPackage(*target.services, rev2).ok());
        requireRefused(target, rev1, QStringLiteral("older_revision"));
    }
    SECTION("a local draft of the same month with actions is never overwritten")
    {
        auto draft = target.reports().createReport(kProgram, kMarch);
        REQUIRE(draft.ok());
        REQUIRE(
            target.reports()
                .addAction(draft->uuid, QJsonObject{{QStringLiteral("title"), QStringLiteral("Minha ação")}})
                .ok());
        requireRefused(target, rev1, QStringLiteral("local_draft"));
        CHECK(target.reports().report(draft->uuid)->actions.size() == 1);
    }
    SECTION("a local draft being corrected as a newer revision is never overwritten")
    {
        REQUIRE(pkg::importPackage(*target.services, rev1).ok());
        for (auto event : {ReportEvent::HubReceived, ReportEvent::Return, ReportEvent::Reopen})
            REQUIRE(target.reports().applyEvent(uuid, event).ok());
        // Locally revision 2 is being typed; the source concluded its own revision 2.
        for (auto event : {ReportEvent::HubReceived, ReportEvent::Return, ReportEvent::Reopen})
            REQUIRE(source.reports().applyEvent(uuid, event).ok());
        REQUIRE(source.reports().conclude(uuid).ok());
        const QString rev2 = packageOf(source, uuid, 2, out, QStringLiteral("rev2.mobiliza"));
        requireRefused(target, rev2, QStringLiteral("local_draft"));
    }
    SECTION("an empty local draft of the same month gives way")
    {
        auto draft = target.reports().createReport(kProgram, kMarch);
        REQUIRE(draft.ok());
        NotificationCounter notes(target.services->notifier());
        auto imported = pkg::importPackage(*target.services, rev1);
        REQUIRE(imported.ok());
        CHECK(imported->replacedLocal);
        CHECK(statusLines(target) == QStringList{QStringLiteral("2025-03\tready\t1\t2\t3")});
        CHECK_FALSE(target.reports().report(draft->uuid).ok());
        CHECK(notes.reportUuids.contains(draft->uuid));
        CHECK(notes.reportUuids.contains(uuid));
    }
    SECTION("another report of the same month concluded here is a conflict")
    {
        const QString mine = concludedReport(target, 40);
        REQUIRE(mine != uuid);
        requireRefused(target, rev1, QStringLiteral("conflict"));
    }
}

TEST_CASE("Only a concluded revision can be packaged")
{
    Profile profile;
    const QString uuid = draftWithPhotos(profile);
    TempDir out;
    const QString path = out.filePath(QStringLiteral("rascunho.mobiliza"));
    const Status written = pkg::writePackage(*profile.services, uuid, 1, path);
    REQUIRE_FALSE(written.ok());
    CHECK(written.error().code == QStringLiteral("not_concluded"));
    CHECK(written.error().message.contains(QStringLiteral("Conclude the report first")));
    CHECK_FALSE(QFile::exists(path));
    CHECK(QDir(out.path()).entryList(QDir::Files | QDir::Hidden).isEmpty());

    const Status unknown = pkg::writePackage(*profile.services, newUuid(), 1, path);
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.error().code == QStringLiteral("not_found"));
}

TEST_CASE("Cancelling writePackage leaves no file, and an older file at the path stays intact")
{
    Profile profile;
    const QString uuid = concludedReport(profile);
    TempDir out;
    const QString path = out.filePath(QStringLiteral("marco.mobiliza"));

    QList<qint64> seen;
    auto cancelAfterFirstPhoto = [&](qint64 done, qint64 total) {
        REQUIRE(total > 0);
        seen << done;
        return done == 0;
    };
    Status cancelled = pkg::writePackage(*profile.services, uuid, 1, path, cancelAfterFirstPhoto);
    REQUIRE_FALSE(cancelled.ok());
    CHECK(cancelled.error().code == QStringLiteral("cancelled"));
    CHECK(seen.size() == 2);
    CHECK(QDir(out.path()).entryList(QDir::Files | QDir::Hidden).isEmpty());

    writeBytes(path, QByteArray("older package"));
    cancelled = pkg::writePackage(*profile.services, uuid, 1, path, [](qint64, qint64) { return false; });
    REQUIRE_FALSE(cancelled.ok());
    CHECK(fileBytes(path) == QByteArray("older package"));
    CHECK(QDir(out.path()).entryList(QDir::Files | QDir::Hidden) ==
          QStringList{QStringLiteral("marco.mobiliza")});

    // Without a cancel it replaces the older file, reporting progress up to the total.
    qint64 last = -1;
    qint64 total = 0;
    REQUIRE(pkg::writePackage(*profile.services, uuid, 1, path, [&](qint64 d, qint64 t) {
                CHECK(d >= last);
                last = d;
                total = t;
                return true;
            }).ok());
    CHECK(last == total);
    CHECK(pkg::readPackage(path).ok());
    CHECK(QDir(out.path()).entryList(QDir::Files | QDir::Hidden) ==
          QStringList{QStringLiteral("marco.mobiliza")});
}

TEST_CASE("Importing with a cancel changes no report")
{
    Profile source;
    const QString uuid = concludedReport(source);
    TempDir out;
    const QString path = packageOf(source, uuid, 1, out);
    Profile target;
    const QStringList before = statusLines(target);
    auto imported = pkg::importPackage(*target.services, path, [](qint64 done, qint64) { return done == 0; });
    REQUIRE_FALSE(imported.ok());
    CHECK(imported.error().code == QStringLiteral("cancelled"));
    CHECK(statusLines(target) == before);
    CHECK(count(target.db(), QStringLiteral("SELECT count(*) FROM report_revisions")) == 0);
}

TEST_CASE("Partners unknown to the importing installation are left out of the local links only")
{
    Profile source;
    Partner partner;
    partner.name = QStringLiteral("Associação de Moradores do Bairro");
    partner.kind = PartnerKind::Organization;
    auto saved = source.partners().save(partner);
    REQUIRE(saved.ok());
    const QString uuid = draftWithPhotos(source);
    auto report = source.reports().report(uuid);
    REQUIRE(report.ok());
    REQUIRE(source.reports().setActionPartners(report->actions.first().uuid, {saved->uuid}).ok());
    REQUIRE(source.reports().conclude(uuid).ok());
    TempDir out;
    const QString path = packageOf(source, uuid, 1, out);

    Profile target;
    auto imported = pkg::importPackage(*target.services, path);
    REQUIRE(imported.ok());
    CHECK(imported->unlinkedPartners == 1);
    // The revision keeps the link; the local action shows only known partners.
    CHECK(target.reports().revision(uuid, 1)->snapshotJson.contains(saved->uuid.toLatin1()));
    CHECK(target.reports().report(uuid)->actions.first().partnerUuids.isEmpty());
}
