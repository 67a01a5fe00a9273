// The photo files a cancelled (or failed) package import stored before it
// stopped: no row names them, so the blob collector deletes them once the
// grace period has passed (issue 7 §3), and never a photo another report uses.
#include "core/services/blob_collector.h"
#include "tests/core/package/package_test_util.h"

using namespace mobiliza;
using namespace mobiliza::core;
using namespace mobiliza::test;
namespace pkg = mobiliza::core::package;

TEST_CASE("A cancelled package import leaves photo files that the collector deletes after the grace period")
{
    Profile source;
    const QString uuid = concludedReport(source, 40);
    TempDir out;
    const QString path = out.filePath(QStringLiteral("march.mobiliza"));
    REQUIRE(pkg::writePackage(*source.services, uuid, 1, path).ok());

    Profile target;
    // A draft of another month shares one photo with the package (same bytes).
    auto other = target.reports().createReport(kProgram, Period{2025, 4});
    REQUIRE(other.ok());
    auto action = target.reports().addAction(other->uuid, {});
    REQUIRE(action.ok());
    REQUIRE(target.reports().addPhoto(action->uuid, photoFor(target.services->blobs(), 40, QStringLiteral("x"))).ok());
    const QStringList before = statusLines(target);
    const int filesBefore = int(blobListing(target).size());

    // Cancelled in the storing pass, after the photos were written.
    bool storing = false;
    auto imported = pkg::importPackage(*target.services, path, [&](qint64 done, qint64 total) {
        storing = storing || done > total / 2;
        return !(storing && done == total);
    });
    REQUIRE_FALSE(imported.ok());
    CHECK(imported.error().code == QStringLiteral("cancelled"));
    CHECK(statusLines(target) == before);
    const int leftovers = int(blobListing(target).size()) - filesBefore;
    REQUIRE(leftovers == 2); // three photos in the package, one of them already here

    auto pass = [&] {
        auto c = collectProfileBlobs(target.services->database(), target.services->blobs(),
                                     target.services->audit(), target.clock);
        REQUIRE(c.ok());
        return c.value();
    };
    CHECK(pass().pending.size() == leftovers); // seen, kept for the grace period
    target.clock.advanceSecs(kProfileBlobGraceSeconds);
    const BlobCollection collected = pass();
    CHECK(collected.deleted.size() == leftovers);
    CHECK(int(blobListing(target).size()) == filesBefore);
    // The shared photo is still readable by the April draft.
    const auto april = target.reports().report(other->uuid);
    REQUIRE(april.ok());
    CHECK(target.services->blobs().read(april->actions[0].photos[0].sha256).ok());
    // And the import, done again, stores them again.
    REQUIRE(pkg::importPackage(*target.services, path).ok());
}
