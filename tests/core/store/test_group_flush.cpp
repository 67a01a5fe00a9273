// GroupFlush (core/util/group_flush.h): the hub's photo writers share flushes of the
// whole filesystem instead of flushing each photo and its folder. What must hold: a
// writer returns only after a flush that began after its call; writers that arrive
// during a flush share the next one; a failed flush fails exactly the writers that
// waited for it, who then flush their own files; and a photo is named only after its
// bytes were flushed, and flushed again once named.
#include "core/services/blob_store.h"
#include "core/util/group_flush.h"
#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>

#include <QFileInfo>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

using namespace mobiliza;

namespace {

// A flush the test holds until it lets it go.
struct HeldFlush
{
    std::mutex mutex;
    std::condition_variable changed;
    bool released = false;
    int running = 0;           // flushes entered
    std::vector<bool> results; // what each flush returns (true past the end)

    bool operator()()
    {
        std::unique_lock lock(mutex);
        const int n = running++;
        changed.notify_all();
        changed.wait(lock, [&] { return released; });
        return n < int(results.size()) ? results[size_t(n)] : true;
    }
    void waitUntilRunning(int n)
    {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return running >= n; });
    }
    void release()
    {
        std::lock_guard lock(mutex);
        released = true;
        changed.notify_all();
    }
};

} // namespace

TEST_CASE("group flush: writers arriving during a flush share the next one, never the one running",
          "[blobs][flush]")
{
    HeldFlush held;
    core::GroupFlush group([&] { return held(); });

    std::atomic<quint64> firstSaw{0};
    std::thread first([&] {
        CHECK(group.waitForFlush());
        firstSaw = group.flushes();
    });
    held.waitUntilRunning(1); // flush 1 has begun, before the others call

    constexpr int kLate = 7;
    std::vector<std::thread> late;
    std::vector<quint64> sawAfter(kLate, 0);
    for (int i = 0; i < kLate; ++i)
        late.emplace_back([&, i] {
            CHECK(group.waitForFlush());
            sawAfter[size_t(i)] = group.flushes();
        });
    // Every late writer is waiting (flush 1 is still held) before it is let go.
    while (group.waits() < quint64(1 + kLate))
        std::this_thread::yield();
    held.release();
    first.join();
    for (auto &t : late)
        t.join();

    CHECK(firstSaw >= 1);
    // Flush 1 began before their calls: they returned only after flush 2 …
    for (quint64 seen : sawAfter)
        CHECK(seen >= 2);
    // … which served all seven of them.
    CHECK(group.flushes() == 2);
    CHECK(group.waits() == quint64(1 + kLate));
}

TEST_CASE("group flush: a failed flush fails the writers that waited for it, and only them", "[blobs][flush]")
{
    HeldFlush held;
    held.results = {false, true};
    held.release();
    core::GroupFlush group([&] { return held(); });
    CHECK_FALSE(group.waitForFlush());
    CHECK(group.waitForFlush()); // the next flush succeeded: its writer is told so
    CHECK(group.flushes() == 2);
}

TEST_CASE("group flush: a photo is named after its bytes were flushed, and flushed once named",
          "[blobs][flush]")
{
    test::TempDir dir;
    core::BlobStore blobs(dir.filePath(QStringLiteral("blobs")));
    const QByteArray photo("a proof photo of the vaccination fair, streamed in two pieces");
    const QString sha = core::BlobStore::sha256Hex(photo);
    const QString target = blobs.path(sha);

    std::vector<bool> namedAtFlush; // whether the photo had its name when each flush ran
    std::vector<bool> results;      // what the flushes return, in order (true past the end)
    blobs.shareFlushes(std::make_shared<core::GroupFlush>([&] {
        namedAtFlush.push_back(QFileInfo::exists(target));
        const size_t n = namedAtFlush.size() - 1;
        return n < results.size() ? bool(results[n]) : true;
    }));

    SECTION("both flushes shared")
    {
        auto writer = blobs.beginWrite(sha);
        REQUIRE(writer.ok());
        REQUIRE(writer.value()->write(photo.constData(), 20).ok());
        REQUIRE(writer.value()->write(photo.constData() + 20, photo.size() - 20).ok());
        bool created = false;
        REQUIRE(writer.value()->commit(&created).ok());
        CHECK(created);
        REQUIRE(namedAtFlush.size() == 2);
        CHECK_FALSE(namedAtFlush[0]); // the bytes flushed while the file had no name
        CHECK(namedAtFlush[1]);       // the name flushed once given
        CHECK(blobs.read(sha).value() == photo);
    }
    SECTION("the shared flushes fail: the photo is still stored, by its own flushes")
    {
        results = {false, false};
        auto writer = blobs.beginWrite(sha);
        REQUIRE(writer.ok());
        REQUIRE(writer.value()->write(photo.constData(), photo.size()).ok());
        REQUIRE(writer.value()->commit().ok());
        CHECK(namedAtFlush.size() == 2);
        CHECK(blobs.read(sha).value() == photo);
    }
    SECTION("a damaged upload is refused before any flush")
    {
        auto writer = blobs.beginWrite(sha);
        REQUIRE(writer.ok());
        REQUIRE(writer.value()->write("not the photo", 13).ok());
        const auto committed = writer.value()->commit();
        REQUIRE_FALSE(committed.ok());
        CHECK(committed.error().code == QStringLiteral("hash_mismatch"));
        CHECK(namedAtFlush.empty());
        CHECK_FALSE(QFileInfo::exists(target));
    }
}

#ifdef Q_OS_LINUX
TEST_CASE("group flush: the real flush of a folder's filesystem succeeds, and fails for no folder",
          "[blobs][flush]")
{
    test::TempDir dir;
    core::GroupFlush real(dir.path());
    CHECK(real.waitForFlush());
    CHECK(real.flushes() == 1);
    core::GroupFlush missing(dir.filePath(QStringLiteral("no-such-folder")));
    CHECK_FALSE(missing.waitForFlush()); // the writer then flushes its own file
}
#endif
