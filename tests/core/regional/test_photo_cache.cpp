// The central level's bounded photo cache (core/regional/photo_cache.h): the
// photos fetched longest ago go first, never one to keep, and nothing when the
// store is within the bound.
#include "tests/support/catch_qt.h"
#include <catch2/catch.hpp>

#include "core/regional/photo_cache.h"
#include "core/services/blob_store.h"
#include "tests/support/temp_dir.h"

#include <QDateTime>
#include <QFile>

using namespace mobiliza;

namespace {

QString putAt(core::BlobStore &blobs, char fill, int size, const QDateTime &at)
{
    auto sha = blobs.put(QByteArray(size, fill));
    REQUIRE(sha.ok());
    QFile file(blobs.path(sha.value()));
    REQUIRE(file.open(QIODevice::ReadWrite));
    REQUIRE(file.setFileTime(at, QFileDevice::FileModificationTime));
    return sha.value();
}

} // namespace

TEST_CASE("Photo cache: past its bound the photos fetched longest ago go, never those to keep")
{
    test::TempDir dir;
    core::BlobStore blobs(dir.filePath(QStringLiteral("blobs")));
    const QDateTime t0(QDate(2026, 11, 1), QTime(10, 0), Qt::UTC);
    const QString oldest = putAt(blobs, 'a', 1000, t0);
    const QString kept = putAt(blobs, 'b', 1000, t0.addDays(1));
    const QString middle = putAt(blobs, 'c', 1000, t0.addDays(2));
    const QString newest = putAt(blobs, 'd', 1000, t0.addDays(3));

    // Within the bound: nothing goes.
    auto within = core::trimPhotoCache(blobs, 4000);
    REQUIRE(within.ok());
    CHECK(within->removed == 0);
    CHECK(within->keptBytes == 4000);
    CHECK(blobs.list().size() == 4);

    // Room for two: the oldest goes, the second oldest is kept, so the next one goes.
    auto trimmed = core::trimPhotoCache(blobs, 2000, {kept});
    REQUIRE(trimmed.ok());
    CHECK(trimmed->removed == 2);
    CHECK(trimmed->freedBytes == 2000);
    CHECK(trimmed->keptBytes == 2000);
    CHECK_FALSE(blobs.has(oldest));
    CHECK(blobs.has(kept));
    CHECK_FALSE(blobs.has(middle));
    CHECK(blobs.has(newest));

    // Everything to keep: over the bound, and nothing removed.
    auto all = core::trimPhotoCache(blobs, 0, {kept, newest});
    REQUIRE(all.ok());
    CHECK(all->removed == 0);
    CHECK(all->keptBytes == 2000);
}
