// A URS's batch file taken in at the central level (core/regional/batch_intake.h):
// checked whole before anything is kept; then each revision in the replica at once
// and queued as an import, and the batch queued to go on the URS's behalf only once
// the hub holds every revision; the same file again changes nothing; the receipt
// the central level writes is the one the URS's batch takes.
#include "core/package/batch_file.h"
#include "core/package/batch_receipt.h"
#include "core/package/manifest_codec.h"
#include "core/regional/batch_intake.h"
#include "core/regional/batch_service.h"
#include "core/regional/package_intake.h"
#include "core/store/sql.h"
#include "tests/core/package/package_test_util.h"

#include <QTimeZone>

using namespace mobiliza;
using namespace mobiliza::core;
using test::Profile;

namespace {

const QString kUrs = QStringLiteral("Belo Horizonte");

Profile centralProfile()
{
    Profile p(false);
    REQUIRE(p.services->profile().setRole(Role::Central).ok());
    return p;
}

// The batch file a URS would write of `reports` (concluded revision 1 of `muni`).
void writeLote(Profile &muni, const QStringList &reports, const QString &path, const QString &urs = kUrs,
               const QString &uuid = newUuid())
{
    package::BatchFileInfo info{uuid,
                                urs,
                                test::kMarch,
                                QDateTime(QDate(2026, 4, 10), QTime(9, 0), QTimeZone::utc()),
                                QStringLiteral("Maria (URS)"),
                                {}};
    QList<package::BatchFileInput> inputs;
    for (const QString &r : reports)
        inputs << package::BatchFileInput{muni.reports().revision(r, 1)->snapshotJson};
    const Status written = package::writeBatchFile(
        info, inputs, [&muni](const QString &sha) { return muni.services->blobs().read(sha); }, path);
    INFO((written ? QString() : written.error().message).toStdString());
    REQUIRE(written.ok());
}

qint64 rows(Profile &p, const char *table)
{
    return test::scalar(p.db(), QStringLiteral("SELECT count(*) FROM %1").arg(QLatin1String(table)))
        .toLongLong();
}

} // namespace

TEST_CASE(
    "Batch file at the central level: its revisions enter the replica as imports, the batch waits for them")
{
    Profile bh; // Belo Horizonte, of the URS Belo Horizonte
    const QString first = test::concludedReport(bh, 1);
    test::TempDir usb;
    const QString lote = usb.filePath(QStringLiteral("lote.mobiliza-lote"));
    writeLote(bh, {first}, lote);
    Profile central = centralProfile();
    BatchIntake intake(*central.services, ReferenceData::embedded());

    auto taken = intake.receive(lote);
    INFO((taken ? QString() : taken.error().message).toStdString());
    REQUIRE(taken.ok());
    CHECK_FALSE(taken->alreadyHere);
    CHECK(taken->revisions == 1);
    CHECK(taken->newHere == 1);
    CHECK(taken->batch.urs == kUrs);
    CHECK(taken->batch.state == QStringLiteral("queued"));
    CHECK(taken->batch.channel == QStringLiteral("network"));
    CHECK(taken->batch.filePath == QFileInfo(lote).absoluteFilePath());
    // In the replica at once, received by import, with its photos.
    auto here = central.services->replica().revision(first, 1);
    REQUIRE(here.ok());
    REQUIRE(here->has_value());
    CHECK(here.value()->via == QStringLiteral("import"));
    CHECK(here.value()->manifestSha256 ==
          BlobStore::sha256Hex(bh.reports().revision(first, 1)->snapshotJson));
    for (const QString &sha : manifestBlobs(central.services->replica().report(first, 1).value()))
        CHECK(central.services->blobs().has(sha));
    // The import is queued; the batch is not due while the hub has yet to take it.
    PackageIntake imports(*central.services, ReferenceData::embedded(), kUrs);
    auto queued = imports.due();
    REQUIRE(queued.ok());
    REQUIRE(queued->size() == 1);
    CHECK(queued->first().report == first);
    BatchService batches(*central.services);
    CHECK(batches.due()->isEmpty());
    CHECK(batches.pendingCount() == 1);
    REQUIRE(imports.markSending(queued->first().packageSha256).ok());
    CHECK(batches.due()->isEmpty());
    REQUIRE(imports.markSent(queued->first().packageSha256, QStringLiteral("r-000001")).ok());
    REQUIRE(batches.due()->size() == 1);
    CHECK(batches.due()->first().uuid == taken->batch.uuid);
    // No temporary package is left in the data folder.
    CHECK(QDir(central.dir.path())
              .entryList({QStringLiteral(".batch-*")}, QDir::Files | QDir::Hidden)
              .isEmpty());

    // The same file again: nothing changes.
    const qint64 audit = rows(central, "audit_log");
    auto again = intake.receive(lote);
    REQUIRE(again.ok());
    CHECK(again->alreadyHere);
    CHECK(again->newHere == 0);
    CHECK(rows(central, "batches") == 1);
    CHECK(rows(central, "import_outbox") == 1);
    CHECK(rows(central, "audit_log") == audit);

    // Refused by the hub, the batch goes in the queue again when its file comes again.
    REQUIRE(batches.markRefused(taken->batch.uuid, QStringLiteral("recusado")).ok());
    auto requeued = intake.receive(lote);
    REQUIRE(requeued.ok());
    CHECK_FALSE(requeued->alreadyHere);
    CHECK(requeued->batch.state == QStringLiteral("queued"));
    CHECK(batches.due()->size() == 1);

    // Received by the hub: the receipt the central level writes is the one the URS's batch takes.
    REQUIRE(batches
                .markReceived(taken->batch.uuid, QStringLiteral("b-000007"),
                              QDateTime(QDate(2026, 4, 11), QTime(8, 30), QTimeZone::utc()))
                .ok());
    const BatchRecord received = batches.all()->first();
    const package::BatchReceipt receipt =
        BatchIntake::receiptOf(received, QStringLiteral("hub-ses"), QStringLiteral("Hub da SES-MG"));
    CHECK(receipt.batchUuid == taken->batch.uuid);
    CHECK(receipt.urs == kUrs);
    CHECK(receipt.count == 1);
    CHECK(receipt.hubId == QStringLiteral("b-000007"));
    CHECK(receipt.issuedBy == QStringLiteral("hub-ses"));
    auto contents = package::readBatchFile(lote);
    REQUIRE(contents.ok());
    QList<package::BatchContentItem> items;
    for (const auto &r : contents->revisions)
        items << package::BatchContentItem{r.reportUuid, r.revision, r.manifestSha256};
    CHECK(receipt.batchSha256 == package::batchContentSha256(contents->info.batchUuid, test::kMarch, items));
    // Blank issuer names read as the hub's defaults, as the hub writes them.
    CHECK(BatchIntake::receiptOf(received, {}, {}).issuedBy == QStringLiteral("mobiliza-hub"));
}

TEST_CASE("Batch file at the central level: a wrong profile, URS, report or file keeps nothing")
{
    Profile bh;
    const QString first = test::concludedReport(bh, 1);
    test::TempDir usb;
    Profile central = centralProfile();
    const auto nothingKept = [&central] {
        CHECK(rows(central, "replica_revisions") == 0);
        CHECK(rows(central, "import_outbox") == 0);
        CHECK(rows(central, "batches") == 0);
    };

    SECTION("a URS profile does not take batch files in")
    {
        const QString lote = usb.filePath(QStringLiteral("a.mobiliza-lote"));
        writeLote(bh, {first}, lote);
        Profile urs(false);
        REQUIRE(urs.services->profile().setRole(Role::Urs, kUrs).ok());
        auto refused = BatchIntake(*urs.services, ReferenceData::embedded()).receive(lote);
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.error().code == QStringLiteral("not_central"));
        CHECK(rows(urs, "replica_revisions") == 0);
    }
    SECTION("a batch naming a URS the reference table does not know")
    {
        const QString lote = usb.filePath(QStringLiteral("b.mobiliza-lote"));
        writeLote(bh, {first}, lote, QStringLiteral("Atlântida"));
        auto refused = BatchIntake(*central.services, ReferenceData::embedded()).receive(lote);
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.error().code == QStringLiteral("unknown_urs"));
        CHECK(refused.error().message.contains(QStringLiteral("Atlântida")));
        nothingKept();
    }
    SECTION("a report of another URS's municipality")
    {
        const QString lote = usb.filePath(QStringLiteral("c.mobiliza-lote"));
        writeLote(bh, {first}, lote, QStringLiteral("Barbacena"));
        auto refused = BatchIntake(*central.services, ReferenceData::embedded()).receive(lote);
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.error().code == QStringLiteral("another_urs"));
        CHECK(refused.error().message.contains(QStringLiteral("Belo Horizonte")));
        nothingKept();
    }
    SECTION("a revision the central level holds with another content")
    {
        const QString lote = usb.filePath(QStringLiteral("d.mobiliza-lote"));
        writeLote(bh, {first}, lote);
        auto taken = BatchIntake(*central.services, ReferenceData::embedded()).receive(lote);
        REQUIRE(taken.ok());
        // The central level's copy of that revision now says another content.
        REQUIRE(execSql(central.db(),
                        QStringLiteral("UPDATE replica_revisions SET manifest_sha256 = ? WHERE report = ?"),
                        {QString(64, QLatin1Char('a')), first})
                    .ok());
        auto conflict = BatchIntake(*central.services, ReferenceData::embedded()).receive(lote);
        REQUIRE_FALSE(conflict.ok());
        CHECK(conflict.error().code == QStringLiteral("revision_conflict"));
    }
    SECTION("a damaged file")
    {
        const QString lote = usb.filePath(QStringLiteral("e.mobiliza-lote"));
        writeLote(bh, {first}, lote);
        QFile f(lote);
        REQUIRE(f.open(QIODevice::ReadWrite));
        REQUIRE(f.seek(200));
        REQUIRE(f.write("x", 1) == 1);
        f.close();
        auto refused = BatchIntake(*central.services, ReferenceData::embedded()).receive(lote);
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.error().code == QStringLiteral("corrupt_package"));
        nothingKept();
    }
    SECTION("a report package is not a batch file")
    {
        const QString package = usb.filePath(QStringLiteral("f.mobiliza"));
        REQUIRE(package::writePackage(*bh.services, first, 1, package).ok());
        auto refused = BatchIntake(*central.services, ReferenceData::embedded()).receive(package);
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.error().code == QStringLiteral("not_a_batch"));
        nothingKept();
    }
}
