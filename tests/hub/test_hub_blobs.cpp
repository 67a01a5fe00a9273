// The hub's blob store over time (issue 7 §3): photos no stored revision names
// are deleted once seen unreferenced for the grace period; referenced ones,
// and ones still inside the grace period (a push sends photos before its
// manifest), are kept; a crashed writer's stale `.part` files go.
#include "sync/hub/hub.h"
#include "tests/hub/hub_test_util.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

using namespace mobiliza;
using namespace mobiliza::test;

TEST_CASE("hub blobs: unreferenced photos are deleted after the grace period, referenced ones never")
{
    HubFixture f;
    const QString token = f.enrollMunicipality(QStringLiteral("3106200"));
    const TestReport pushed = makeReport(QStringLiteral("3106200"), 1);
    f.push(pushed, token);
    // An upload whose manifest never came (the installation was reset, or a
    // push of photos that were then removed from the report before concluding).
    const TestReport abandoned = makeReport(QStringLiteral("3106200"), 2, 1);
    f.putBlobs(abandoned, token);
    const QString orphan = abandoned.blobs().constFirst();
    REQUIRE(f.blobs->has(orphan));

    // A crashed writer's .part (hours old) and a live one.
    const QString folder = QFileInfo(f.blobs->path(orphan)).absolutePath();
    const QString stale = folder + QStringLiteral("/.stale.1.part");
    const QString live = folder + QStringLiteral("/.live.2.part");
    for (const QString &p : {stale, live}) {
        QFile file(p);
        REQUIRE(file.open(QIODevice::WriteOnly));
        file.write("half a photo");
    }
    {
        QFile file(stale);
        REQUIRE(file.open(QIODevice::ReadWrite));
        REQUIRE(file.setFileTime(QDateTime::currentDateTimeUtc().addSecs(-2 * 3600), QFileDevice::FileModificationTime));
    }

    auto first = hub::BlobDesk(*f.hub).collect();
    REQUIRE(first.ok());
    CHECK(first->deleted.isEmpty()); // first seen now: a push may still send its manifest
    CHECK(first->pending == QStringList{orphan});
    CHECK(first->staleParts == 1);
    CHECK_FALSE(QFile::exists(stale));
    CHECK(QFile::exists(live));

    f.clock.advanceSecs(hub::BlobDesk::kGraceSeconds - 60);
    REQUIRE(hub::BlobDesk(*f.hub).collect().ok());
    CHECK(f.blobs->has(orphan));

    f.clock.advanceSecs(60);
    auto last = hub::BlobDesk(*f.hub).collect();
    REQUIRE(last.ok());
    CHECK(last->deleted == QStringList{orphan});
    CHECK_FALSE(QFile::exists(f.blobs->path(orphan)));
    for (const QString &sha : pushed.blobs()) {
        INFO(sha.toStdString());
        CHECK(f.blobs->read(sha).ok()); // named by a stored revision: kept
    }
    // Sent again later, the photo is simply stored again.
    f.putBlobs(abandoned, token);
    CHECK(f.blobs->has(orphan));
}
