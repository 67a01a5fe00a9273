// Issue 13 ("Ship it"): a photo's PUT asks the database as little as it safely can.
// The uploads' rows of one process are group-committed (UploadRecorder), and an
// admission far from the token's quota asks no statement (QuotaView) — with the same
// answers (201 / 200, the quota's 413) as asking.
#include "sync/hub/hub_secrets.h"
#include "sync/hub/hub_uploads.h"
#include "tests/hub/hub_test_util.h"

#include <QDeadlineTimer>
#include <QSemaphore>
#include <QThread>

#include <atomic>

using namespace mobiliza;
using namespace mobiliza::test;

namespace {

hub::HubStore::Upload uploadOf(int i, const QString &token = QStringLiteral("token-a"))
{
    return hub::HubStore::Upload{QString::number(i).repeated(64).left(64), token, 1000 + i, hubNow()};
}

// A stand-in for the database: remembers the keys, answers those it had not seen;
// every batch it was given, in order. The first batch waits for `go` once `started`.
struct RecordingWriter
{
    QSet<QString> rows;
    QList<qsizetype> batchSizes;
    QSemaphore started;
    QSemaphore go;
    bool holdFirst = false;
    bool failNext = false;

    core::Result<QSet<QString>> operator()(const QList<hub::HubStore::Upload> &uploads)
    {
        const bool first = batchSizes.isEmpty();
        batchSizes << uploads.size();
        if (first && holdFirst) {
            started.release();
            go.acquire();
        }
        if (failNext) {
            failNext = false;
            return core::Error{QStringLiteral("database"), QStringLiteral("connection lost")};
        }
        QSet<QString> fresh;
        for (const auto &u : uploads)
            if (!rows.contains(u.key())) {
                rows.insert(u.key());
                fresh.insert(u.key());
            }
        return fresh;
    }
};

struct RecordThread
{
    std::unique_ptr<QThread> thread;
    std::optional<core::Result<bool>> outcome;
};

void startRecording(RecordThread &t, hub::UploadRecorder &recorder, RecordingWriter &writer,
                    const hub::HubStore::Upload &upload)
{
    t.thread.reset(QThread::create([&t, &recorder, &writer, upload] {
        t.outcome = recorder.record([&writer](const auto &uploads) { return writer(uploads); }, upload);
    }));
    t.thread->start();
}

} // namespace

TEST_CASE("UploadRecorder: uploads that end while a batch is written go together in the next one")
{
    hub::UploadRecorder recorder;
    RecordingWriter writer;
    writer.holdFirst = true;
    RecordThread first;
    startRecording(first, recorder, writer, uploadOf(1));
    writer.started.acquire(); // the first batch is being written

    std::array<RecordThread, 4> others;
    for (int i = 0; i < 4; ++i)
        startRecording(others[size_t(i)], recorder, writer, uploadOf(2 + i));
    QDeadlineTimer deadline(30000);
    while (recorder.queued() < 4 && !deadline.hasExpired()) // each queued behind the batch in flight
        QThread::yieldCurrentThread();
    REQUIRE(recorder.queued() == 4);
    CHECK(writer.batchSizes == QList<qsizetype>{1});
    writer.go.release();

    first.thread->wait();
    for (auto &t : others)
        t.thread->wait();
    CHECK(writer.batchSizes == QList<qsizetype>{1, 4});
    CHECK(recorder.batches() == 2);
    CHECK(recorder.recorded() == 5);
    REQUIRE(first.outcome);
    REQUIRE(first.outcome->ok());
    CHECK(first.outcome->value()); // new for its token
    for (auto &t : others) {
        REQUIRE(t.outcome);
        REQUIRE(t.outcome->ok());
        CHECK(t.outcome->value());
    }
    CHECK(writer.rows.size() == 5);

    // The same photo from the same token again: recorded before, so not new; another token's is.
    const auto writeWith = [&writer](const auto &uploads) { return writer(uploads); };
    auto again = recorder.record(writeWith, uploadOf(3));
    REQUIRE(again.ok());
    CHECK_FALSE(again.value());
    auto otherToken = recorder.record(writeWith, uploadOf(3, QStringLiteral("token-b")));
    REQUIRE(otherToken.ok());
    CHECK(otherToken.value());
}

TEST_CASE("UploadRecorder: a batch that fails fails each of its uploads, and the next batch is written")
{
    hub::UploadRecorder recorder;
    RecordingWriter writer;
    writer.failNext = true;
    const auto writeWith = [&writer](const auto &uploads) { return writer(uploads); };
    auto failed = recorder.record(writeWith, uploadOf(1));
    REQUIRE_FALSE(failed.ok());
    CHECK(failed.error().message == QStringLiteral("connection lost"));
    CHECK(writer.rows.isEmpty());
    auto next = recorder.record(writeWith, uploadOf(1));
    REQUIRE(next.ok());
    CHECK(next.value()); // it was not recorded by the failed batch
    CHECK(recorder.queued() == 0);
}

TEST_CASE(
    "HubStore::recordUploads: one statement for a batch, the new pairs answered, repeats kept as they were")
{
    HubFixture f;
    REQUIRE(f.store->recordUpload(uploadOf(1).sha256, QStringLiteral("token-a"), 5, hubNow()).ok());
    QList<hub::HubStore::Upload> batch{uploadOf(1), uploadOf(2), uploadOf(2),
                                       uploadOf(1, QStringLiteral("token-b"))};
    auto recorded = f.store->recordUploads(batch);
    INFO((recorded ? QString() : recorded.error().message).toStdString());
    REQUIRE(recorded.ok());
    CHECK(recorded.value() == QSet<QString>{uploadOf(2).key(), uploadOf(1, QStringLiteral("token-b")).key()});
    // The first upload's size stays.
    auto bytes = f.store->unattachedBytes(QStringLiteral("token-a"), std::nullopt);
    REQUIRE(bytes.ok());
    CHECK(bytes.value() == 5 + uploadOf(2).bytes);

    // More than one statement's rows: all of them, in one transaction.
    QList<hub::HubStore::Upload> many;
    for (int i = 0; i < 70; ++i)
        many << hub::HubStore::Upload{QString::number(100000 + i).repeated(11).left(64),
                                      QStringLiteral("token-c"), 1, hubNow()};
    auto all = f.store->recordUploads(many);
    REQUIRE(all.ok());
    CHECK(all->size() == 70);
    auto counted = f.store->unattachedBytes(QStringLiteral("token-c"), std::nullopt);
    REQUIRE(counted.ok());
    CHECK(counted.value() == 70);
}

TEST_CASE("QuotaView: admits from what it read, within a quarter of the quota, for its window only")
{
    const qint64 quota = 400;
    hub::QuotaView view(5000, 2);
    const QDateTime t0 = hubNow();
    CHECK_FALSE(view.admit(QStringLiteral("a"), 10, 0, quota, t0)); // never read: ask

    view.note(QStringLiteral("a"), 50, t0);
    CHECK(view.admit(QStringLiteral("a"), 30, 0, quota, t0.addMSecs(100))); // 80 of 100
    CHECK_FALSE(
        view.admit(QStringLiteral("a"), 10, 15, quota, t0.addMSecs(200)));       // 105 with what is in flight
    CHECK(view.admit(QStringLiteral("a"), 20, 0, quota, t0.addMSecs(300)));      // 100: the limit itself
    CHECK_FALSE(view.admit(QStringLiteral("a"), 1, 0, quota, t0.addMSecs(400))); // counted: 101
    // Within the window an answer only raises the count: an older answer finishing last
    // cannot lower what was admitted since.
    view.note(QStringLiteral("a"), 0, t0.addMSecs(500));
    CHECK_FALSE(view.admit(QStringLiteral("a"), 1, 0, quota, t0.addMSecs(600)));
    CHECK_FALSE(view.admit(QStringLiteral("a"), 1, 0, quota, t0.addMSecs(5000))); // the window is over
    CHECK_FALSE(view.admit(QStringLiteral("a"), 1, 0, quota, t0.addMSecs(-1)));   // read in the future

    // Past the window, the database's answer is taken as it is.
    const QDateTime t1 = t0.addMSecs(5000);
    view.note(QStringLiteral("a"), 90, t1);
    view.note(QStringLiteral("a"), 10, t1.addMSecs(50));
    CHECK_FALSE(view.admit(QStringLiteral("a"), 20, 0, quota, t1.addMSecs(100))); // 90 + 20
    CHECK(view.admit(QStringLiteral("a"), 10, 0, quota, t1.addMSecs(100)));       // 100
    CHECK_FALSE(view.admit(QStringLiteral("b"), 1, 0, quota, t1.addMSecs(100)));  // another token
    view.forget(QStringLiteral("a"));                                             // asks next time
    CHECK_FALSE(view.admit(QStringLiteral("a"), 0, 0, quota, t1.addMSecs(100)));

    // Bounded: a third token pushes out the stale ones, or everything when none is stale.
    view.note(QStringLiteral("a"), 0, t1);
    view.note(QStringLiteral("b"), 0, t1.addMSecs(5000));
    view.note(QStringLiteral("c"), 0, t1.addMSecs(5000)); // "a" is stale: it goes
    CHECK(view.admit(QStringLiteral("b"), 1, 0, quota, t1.addMSecs(5100)));
    CHECK(view.admit(QStringLiteral("c"), 1, 0, quota, t1.addMSecs(5100)));
    view.note(QStringLiteral("d"), 0, t1.addMSecs(5200)); // none stale: everything goes
    CHECK(view.admit(QStringLiteral("d"), 1, 0, quota, t1.addMSecs(5300)));
    CHECK_FALSE(view.admit(QStringLiteral("b"), 1, 0, quota, t1.addMSecs(5300)));
    CHECK_FALSE(view.admit(QStringLiteral("c"), 1, 0, quota, t1.addMSecs(5300)));
}

TEST_CASE("A photo admitted without asking answers as if asked: 201 new, 200 the token's own again, 201 to "
          "another municipality, and the quota still refuses")
{
    hub::HubOptions options;
    options.quotaBytes = 4 * 60 * 1024; // a quarter of it: 60 KiB
    HubFixture f({}, options);
    const QString belo = f.enrollMunicipality(kBelo);
    const QString barbacena = f.enrollMunicipality(kBarbacena);
    QList<QByteArray> photos;
    for (int i = 0; i < 6; ++i)
        photos << QByteArray(20 * 1024, char('a' + i));
    const auto put = [&](const QByteArray &bytes, const QString &token) {
        return f.http->put(QStringLiteral("/api/v1/blobs/") + core::BlobStore::sha256Hex(bytes), bytes,
                           token);
    };

    CHECK(put(photos[0], belo).status == 201);      // asks the database, and notes its answer
    CHECK(put(photos[1], belo).status == 201);      // admitted from the note (40 of 60 KiB)
    CHECK(put(photos[1], belo).status == 200);      // its own, again: "already there"
    // Barbacena's view warmed by a photo of its own: photos[1], on disk but never Barbacena's,
    // is admitted without asking and still answered as new (it never tells that another
    // municipality has it).
    CHECK(put(photos[5], barbacena).status == 201);
    CHECK(put(photos[1], barbacena).status == 201);
    CHECK(put(photos[1], barbacena).status == 200);
    // Past a quarter of the quota the admission asks the database, which still counts each upload once.
    CHECK(put(photos[2], belo).status == 201);
    CHECK(put(photos[3], belo).status == 201);
    auto unattached = f.store->unattachedBytes(hub::secrets::tokenIdFromHash(hub::secrets::tokenHash(belo)),
                                               QStringList{kBelo});
    REQUIRE(unattached.ok());
    CHECK(unattached.value() == 4 * 20 * 1024);
    // 80 KiB waiting: 200 KiB more would pass the 240 KiB quota.
    const HttpReply refused = put(QByteArray(200 * 1024, 'z'), belo);
    CHECK(refused.status == 413);
    CHECK(refused.errorCode() == QStringLiteral("quota_exceeded"));
    CHECK(put(QByteArray(150 * 1024, 'y'), belo).status == 201); // 230 KiB: still within it
}

TEST_CASE("A photo admitted without asking that a report of the token's municipality names answers 200")
{
    HubFixture f;
    const QString belo = f.enrollMunicipality(kBelo);
    const TestReport t = makeReport(kBelo, 6);
    f.push(t, belo);
    // A second installation of the same municipality, its view warmed by another photo.
    const QString laptop = f.enrollMunicipality(kBelo);
    const QByteArray other(4096, 'q');
    CHECK(f.http->put(QStringLiteral("/api/v1/blobs/") + core::BlobStore::sha256Hex(other), other, laptop)
              .status == 201);
    CHECK(f.http->put(QStringLiteral("/api/v1/blobs/") + t.blobs()[0], t.photos[0], laptop, "image/jpeg")
              .status == 200);
}

namespace {

hub::HubRequest photoHeaders(const QString &token, const QByteArray &bytes)
{
    hub::HubRequest r;
    r.method = "PUT";
    r.path = QStringLiteral("/api/v1/blobs/") + core::BlobStore::sha256Hex(bytes);
    r.headers << qMakePair(QByteArrayLiteral("Authorization"), "Bearer " + token.toUtf8());
    r.peer = QHostAddress::LocalHost;
    return r;
}

} // namespace

TEST_CASE("The view admits without asking only from what it counted: uploads in flight when it was told "
          "stay counted, and the quota refuses as before")
{
    hub::HubOptions options;
    options.quotaBytes = 400;
    HubFixture f({}, options);
    const QString belo = f.enrollMunicipality(kBelo);
    hub::HubDispatcher dispatcher(*f.hub);
    const QByteArray y(390, 'y'), x(10, 'x'), z(90, 'z');

    // Y asks the database (nothing counted yet) and is still arriving when X comes.
    hub::HubDispatcher::Admission admittedY = dispatcher.admit(photoHeaders(belo, y), y.size());
    REQUIRE(admittedY.admitted);
    CHECK(admittedY.blobKnown.has_value()); // asked
    // X, seconds later (the view's count of Y is stale), Y still in flight: asked again
    // (0 + 10 + 390 ≤ 400), and what the view keeps counts Y too.
    f.clock.advanceSecs(6);
    hub::HubDispatcher::Admission admittedX = dispatcher.admit(photoHeaders(belo, x), x.size());
    REQUIRE(admittedX.admitted);
    CHECK(admittedX.blobKnown.has_value());
    hub::HubRequest withY = photoHeaders(belo, y);
    withY.body = y;
    CHECK(dispatcher.complete(admittedY, withY).status == 201);
    hub::HubRequest withX = photoHeaders(belo, x);
    withX.body = x;
    CHECK(dispatcher.complete(admittedX, withX).status == 201);
    // 400 stored: Z is asked about, and refused.
    hub::HubDispatcher::Admission refusedZ = dispatcher.admit(photoHeaders(belo, z), z.size());
    CHECK_FALSE(refusedZ.admitted);
    CHECK(refusedZ.refusal.status == 413);
    CHECK(refusedZ.refusal.body.contains("quota_exceeded"));
}

TEST_CASE("Far from the quota, a token's second photo is admitted without a statement")
{
    HubFixture f;
    const QString belo = f.enrollMunicipality(kBelo);
    hub::HubDispatcher dispatcher(*f.hub);
    const QByteArray a(1000, 'a'), b(1000, 'b');
    hub::HubDispatcher::Admission first = dispatcher.admit(photoHeaders(belo, a), a.size());
    REQUIRE(first.admitted);
    CHECK(first.quotaChecked);
    CHECK(first.blobKnown.has_value()); // the database was asked, and its answer kept
    hub::HubDispatcher::Admission second = dispatcher.admit(photoHeaders(belo, b), b.size());
    REQUIRE(second.admitted);
    CHECK(second.quotaChecked);
    CHECK_FALSE(second.blobKnown.has_value()); // admitted from the view
    hub::HubRequest withB = photoHeaders(belo, b);
    withB.body = b;
    const hub::HubResponse stored = dispatcher.complete(second, withB);
    CHECK(stored.status == 201);
    hub::HubRequest withA = photoHeaders(belo, a);
    withA.body = a;
    CHECK(dispatcher.complete(first, withA).status == 201);
}
