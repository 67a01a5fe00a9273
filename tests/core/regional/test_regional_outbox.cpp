// What a URS sends besides its decisions (core/regional): a municipality's package
// file received by hand (PackageIntake), and batches of accepted reports for the
// central level (BatchService), network or file.
#include "core/package/batch_file.h"
#include "core/regional/batch_service.h"
#include "core/regional/package_intake.h"
#include "tests/core/package/package_test_util.h"

using namespace mobiliza;
using namespace mobiliza::core;
using test::Profile;

namespace {

// A URS profile (Belo Horizonte's, or `urs`).
Profile ursProfile(const QString &urs = QStringLiteral("Belo Horizonte"))
{
    Profile p(false);
    REQUIRE(p.services->profile().setRole(Role::Urs, urs).ok());
    return p;
}

// Belo Horizonte concludes March and writes its package file; returns its path.
QString bhPackage(Profile &bh, const QString &path, int seed = 1)
{
    const QString uuid = test::concludedReport(bh, seed);
    REQUIRE(package::writePackage(*bh.services, uuid, 1, path).ok());
    return uuid;
}

} // namespace

TEST_CASE("A package at the URS enters the replica at once and waits to go to the hub as an import")
{
    Profile bh;
    test::TempDir usb;
    const QString file = usb.filePath(QStringLiteral("bh-2025-03.mobiliza"));
    const QString uuid = bhPackage(bh, file);

    Profile urs = ursProfile();
    PackageIntake intake(*urs.services, urs.services->reference());
    auto received = intake.receive(file);
    INFO((received ? QString() : received.error().message).toStdString());
    REQUIRE(received.ok());
    CHECK_FALSE(received->alreadyHere);
    CHECK(received->photoCount == 3);
    auto inReplica = urs.services->replica().revision(uuid, 1);
    REQUIRE(inReplica.ok());
    REQUIRE(inReplica->has_value());
    CHECK(inReplica->value().via == QStringLiteral("import"));
    CHECK(inReplica->value().state == QStringLiteral("received"));
    CHECK(inReplica->value().photoCount == 3);
    CHECK(urs.services->replica().missingPhotos()->isEmpty()); // its photos came with it
    auto due = intake.due();
    REQUIRE(due.ok());
    REQUIRE(due->size() == 1);
    CHECK(intake.fileBytes(due->first().packageSha256).ok());
    CHECK(intake.pendingCount() == 1);

    // The same file again: nothing changes.
    auto again = intake.receive(file);
    REQUIRE(again.ok());
    CHECK(again->alreadyHere);
    CHECK(intake.all()->size() == 1);

    // Sent; then a refusal is kept with the reason and never due again.
    REQUIRE(intake.markSending(due->first().packageSha256).ok());
    REQUIRE(intake.markSent(due->first().packageSha256, QStringLiteral("r-000007")).ok());
    CHECK(intake.pendingCount() == 0);
    CHECK(intake.all()->first().hubId == QStringLiteral("r-000007"));

    SECTION("refused by the hub, the same file is queued again")
    {
        Profile fresh = ursProfile();
        PackageIntake again2(*fresh.services, fresh.services->reference());
        auto first = again2.receive(file);
        REQUIRE(first.ok());
        REQUIRE(again2.markRefused(first->item.packageSha256, QStringLiteral("hub fora do ar")).ok());
        CHECK(again2.pendingCount() == 0);
        auto requeued = again2.receive(file);
        REQUIRE(requeued.ok());
        CHECK_FALSE(requeued->alreadyHere);
        CHECK(again2.pendingCount() == 1);
        CHECK(again2.due()->first().lastError.isEmpty());
    }
    SECTION("a file larger than the hub takes is refused before it is read")
    {
        Profile fresh = ursProfile();
        const QString big = usb.filePath(QStringLiteral("big.mobiliza"));
        QFile f(big);
        REQUIRE(f.open(QIODevice::WriteOnly));
        REQUIRE(f.resize(kMaxImportBytes + 1));
        f.close();
        auto refused = PackageIntake(*fresh.services, fresh.services->reference()).receive(big);
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.error().code == QStringLiteral("too_large"));
        CHECK(refused.error().message.contains(QStringLiteral("mobiliza-hub import")));
    }
    SECTION("another URS refuses it, and nothing is kept")
    {
        Profile barbacena = ursProfile(QStringLiteral("Barbacena"));
        PackageIntake other(*barbacena.services, barbacena.services->reference());
        auto refused = other.receive(file);
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.error().code == QStringLiteral("another_urs"));
        CHECK(refused.error().message.contains(QStringLiteral("Belo Horizonte")));
        CHECK(barbacena.services->replica().revisions()->isEmpty());
        CHECK(other.all()->isEmpty());
    }
    SECTION("a damaged file is refused, and nothing is kept")
    {
        Profile fresh = ursProfile();
        QFile f(file);
        REQUIRE(f.open(QIODevice::ReadWrite));
        f.seek(f.size() / 2);
        f.write("XXXXXXXX");
        f.close();
        auto refused = PackageIntake(*fresh.services, fresh.services->reference()).receive(file);
        REQUIRE_FALSE(refused.ok());
        CHECK_FALSE(refused.error().message.isEmpty());
        CHECK(fresh.services->replica().revisions()->isEmpty());
    }
}

TEST_CASE("A package whose revision the URS has with another content is refused")
{
    Profile bh;
    test::TempDir usb;
    const QString file = usb.filePath(QStringLiteral("bh.mobiliza"));
    const QString uuid = bhPackage(bh, file);
    Profile urs = ursProfile();
    ReplicaRevision other;
    other.report = uuid;
    other.revision = 1;
    other.municipality = QStringLiteral("3106200");
    other.program = test::kProgram;
    other.period = test::kMarch;
    other.manifestSha256 = QString(64, QLatin1Char('e'));
    other.state = QStringLiteral("received");
    other.receivedAt = urs.clock.now();
    other.cursor = 1;
    REQUIRE(urs.services->replica().applyPulled({other}, 1).ok());
    auto refused = PackageIntake(*urs.services, urs.services->reference()).receive(file);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == QStringLiteral("revision_conflict"));
}

TEST_CASE("A batch holds the month's accepted reports once, by network or as a verified file")
{
    Profile bh;
    test::TempDir usb;
    const QString file = usb.filePath(QStringLiteral("bh.mobiliza"));
    const QString accepted = bhPackage(bh, file);
    Profile urs = ursProfile();
    PackageIntake intake(*urs.services, urs.services->reference());
    REQUIRE(intake.receive(file).ok());
    BatchService batches(*urs.services);

    // Received, not accepted: nothing to forward.
    auto none = batches.create(test::kMarch, QStringLiteral("Maria"));
    REQUIRE_FALSE(none.ok());
    CHECK(none.error().code == QStringLiteral("nothing_to_forward"));

    // The hub's acceptance arrives with the pull.
    ReplicaRevision r = urs.services->replica().revision(accepted, 1).value().value();
    r.state = QStringLiteral("accepted");
    r.cursor = 5;
    REQUIRE(urs.services->replica().applyPulled({r}, 5).ok());
    REQUIRE(batches.forwardable(test::kMarch)->size() == 1);

    SECTION("over the network")
    {
        auto batch = batches.create(test::kMarch, QStringLiteral("Maria"));
        REQUIRE(batch.ok());
        CHECK(batch->state == QStringLiteral("queued"));
        CHECK(batch->channel == QStringLiteral("network"));
        REQUIRE(batch->revisions.size() == 1);
        CHECK(batch->revisions.first().report == accepted);
        CHECK(batch->revisions.first().manifestSha256 == r.manifestSha256);
        CHECK(batch->urs == QStringLiteral("Belo Horizonte"));
        // The hub listed the revision: its package's import, still queued, does not hold the batch.
        CHECK(intake.due()->size() == 1);
        CHECK(batches.due()->size() == 1);
        CHECK(batches.forwardable(test::kMarch)->isEmpty()); // never in two batches
        CHECK_FALSE(batches.create(test::kMarch, QStringLiteral("Maria")).ok());
        REQUIRE(batches.markReceived(batch->uuid, QStringLiteral("b-000001"), urs.clock.now()).ok());
        CHECK(batches.pendingCount() == 0);
        CHECK(batches.all()->first().state == QStringLiteral("received"));
        // A refused batch frees its reports for another one.
        REQUIRE(batches.markRefused(batch->uuid, QStringLiteral("recusado")).ok());
        CHECK(batches.forwardable(test::kMarch)->size() == 1);
    }
    SECTION("as a batch file, once the photos are here")
    {
        const QString lote = usb.filePath(QStringLiteral("lote.mobiliza-lote"));
        // Without one of its photos the file is not written; the photos are asked for.
        const auto report = urs.services->replica().report(accepted, 1).value();
        const QString photo = report.actions.first().photos.first().sha256;
        REQUIRE(urs.services->blobs().remove(photo).ok());
        auto missing = batches.create(test::kMarch, QStringLiteral("Maria"), lote);
        REQUIRE_FALSE(missing.ok());
        CHECK(missing.error().code == QStringLiteral("photos_missing"));
        CHECK_FALSE(QFile::exists(lote));
        CHECK(urs.services->replica().wantedMissingPhotos().value() == QStringList{photo});
        REQUIRE(urs.services->blobs().put(test::makeJpeg(1)).ok()); // the photo arrives (seed 1)
        REQUIRE(urs.services->replica().wantedMissingPhotos()->isEmpty());

        // A file already there (another batch's) is never overwritten.
        {
            QFile other(lote);
            REQUIRE(other.open(QIODevice::WriteOnly));
            other.write("another batch");
        }
        auto exists = batches.create(test::kMarch, QStringLiteral("Maria"), lote);
        REQUIRE_FALSE(exists.ok());
        CHECK(exists.error().code == QStringLiteral("file_exists"));
        QFile other(lote);
        REQUIRE(other.open(QIODevice::ReadOnly));
        CHECK(other.readAll() == QByteArray("another batch"));
        other.close();
        REQUIRE(QFile::remove(lote));

        auto batch = batches.create(test::kMarch, QStringLiteral("Maria"), lote);
        INFO((batch ? QString() : batch.error().message).toStdString());
        REQUIRE(batch.ok());
        CHECK(batch->state == QStringLiteral("written"));
        CHECK(batches.due()->isEmpty()); // a file is not sent over the network
        auto read = package::readBatchFile(lote);
        INFO((read ? QString() : read.error().message).toStdString());
        REQUIRE(read.ok());
        CHECK(read->info.batchUuid == batch->uuid);
        CHECK(read->info.urs == QStringLiteral("Belo Horizonte"));
        REQUIRE(read->revisions.size() == 1);
        CHECK(read->revisions.first().reportUuid == accepted);
        CHECK(read->blobs.size() == 3);
    }
}
