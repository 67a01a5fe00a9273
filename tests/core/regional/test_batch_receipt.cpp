// The central level's receipt file carried back to the URS (docs/package-format.md
// "Receipt file"): its codec (round trip, every kind of damage, another file), and
// BatchService::applyReceipt (received in one transaction, idempotent; another URS,
// an unknown batch and other content refused, nothing changed). And the batch file
// written on a worker (BatchFileJob) with a connection of its own: progress,
// and a cancel that leaves nothing.
#include "core/package/batch_file.h"
#include "core/package/batch_file_job.h"
#include "core/package/batch_receipt.h"
#include "core/regional/batch_service.h"
#include "core/regional/package_intake.h"
#include "tests/core/package/package_test_util.h"

#include <QEventLoop>
#include <QSemaphore>
#include <QSignalSpy>
#include <QThread>
#include <QTimeZone>
#include <QTimer>

using namespace mobiliza;
using namespace mobiliza::core;
using test::Profile;

namespace {

const QString kSha(64, QLatin1Char('a'));

package::BatchReceipt sampleReceipt()
{
    return package::BatchReceipt{QStringLiteral("0b6f2a3c-1d2e-4f50-8a9b-0c1d2e3f4a5b"),
                                 QStringLiteral("Belo Horizonte"),
                                 Period{2025, 3},
                                 2,
                                 QStringLiteral("b-000012"),
                                 QDateTime(QDate(2025, 4, 20), QTime(13, 5, 9), QTimeZone::utc()),
                                 kSha,
                                 QStringLiteral("ses-mg"),
                                 QStringLiteral("Hub da SES-MG")};
}

QString errorCode(const QByteArray &bytes)
{
    auto decoded = package::decodeBatchReceipt(bytes);
    return decoded ? QStringLiteral("ok") : decoded.error().code;
}

// A URS (Belo Horizonte) with one accepted report of March 2025, its photos here.
struct UrsWithAccepted
{
    Profile bh;
    test::TempDir usb;
    Profile urs{false};
    QString report;

    UrsWithAccepted()
    {
        const QString file = usb.filePath(QStringLiteral("bh.mobiliza"));
        report = test::concludedReport(bh, 1);
        REQUIRE(package::writePackage(*bh.services, report, 1, file).ok());
        REQUIRE(urs.services->profile().setRole(Role::Urs, QStringLiteral("Belo Horizonte")).ok());
        REQUIRE(PackageIntake(*urs.services, urs.services->reference()).receive(file).ok());
        ReplicaRevision r = urs.services->replica().revision(report, 1).value().value();
        r.state = QStringLiteral("accepted");
        r.cursor = 5;
        REQUIRE(urs.services->replica().applyPulled({r}, 5).ok());
    }

    // The receipt the central hub would issue for `b` (as BatchDesk::receiptOf does).
    static package::BatchReceipt receiptFor(const BatchRecord &b)
    {
        QList<package::BatchContentItem> content;
        for (const BatchMember &m : b.revisions)
            content << package::BatchContentItem{m.report, m.revision, m.manifestSha256};
        return package::BatchReceipt{b.uuid,
                                     b.urs,
                                     b.period,
                                     int(b.revisions.size()),
                                     QStringLiteral("b-000007"),
                                     QDateTime(QDate(2025, 4, 22), QTime(15, 30), QTimeZone::utc()),
                                     package::batchContentSha256(b.uuid, b.period, content),
                                     QStringLiteral("ses-mg"),
                                     QStringLiteral("Hub da SES-MG")};
    }

    BatchRecord only(BatchService &batches)
    {
        auto all = batches.all();
        REQUIRE(all.ok());
        REQUIRE(all->size() == 1);
        return all->first();
    }
};

} // namespace

TEST_CASE("Receipt file: round trip, small, the same bytes every time")
{
    const package::BatchReceipt r = sampleReceipt();
    const QByteArray bytes = package::encodeBatchReceipt(r);
    CHECK(bytes.size() < 1024); // well under 2 KB
    CHECK(bytes.startsWith("{\n    \"format\": \"mobiliza-batch-receipt\""));
    CHECK(package::encodeBatchReceipt(r) == bytes);
    auto decoded = package::decodeBatchReceipt(bytes);
    INFO((decoded ? QString() : decoded.error().message).toStdString());
    REQUIRE(decoded.ok());
    CHECK(decoded.value() == r);

    test::TempDir dir;
    const QString path = package::receiptPathFor(dir.filePath(QStringLiteral("lote-BH-2025-03.mobiliza-lote")));
    CHECK(QFileInfo(path).fileName() == QStringLiteral("lote-BH-2025-03.mobiliza-recibo"));
    REQUIRE(package::writeBatchReceipt(r, path).ok());
    CHECK(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden) == QStringList{QFileInfo(path).fileName()});
    auto read = package::readBatchReceipt(path);
    REQUIRE(read.ok());
    CHECK(read.value() == r);
    CHECK(package::batchFileBaseName(QStringLiteral("Governador Valadares"), QStringLiteral("2026-10"))
          == QStringLiteral("lote-Governador-Valadares-2026-10"));
}

TEST_CASE("Receipt file: each kind of damage, and other files, refused in words")
{
    const QByteArray good = package::encodeBatchReceipt(sampleReceipt());
    REQUIRE(errorCode(good) == QStringLiteral("ok"));

    // Cut short (a copy that did not finish), at several places.
    for (const int keep : {50, 90, int(good.size()) / 2, int(good.size()) - 3}) // past the magic
        CHECK(errorCode(good.left(keep)) == QStringLiteral("corrupt_package"));
    CHECK(errorCode(QByteArray()) == QStringLiteral("empty_file"));

    // Edited: a field changed without its checksum, or with the checksum too but not the content's.
    QByteArray edited = good;
    edited.replace("\"count\": 2", "\"count\": 3");
    REQUIRE(edited != good);
    CHECK(errorCode(edited) == QStringLiteral("corrupt_package"));
    QByteArray checksum = good;
    checksum.replace("b-000012", "b-000013");
    CHECK(errorCode(checksum) == QStringLiteral("corrupt_package"));
    auto message = package::decodeBatchReceipt(edited);
    CHECK(message.error().message.contains(QStringLiteral("altered")));

    // Not a receipt: a photo (HEIC) renamed, a batch file (ZIP), some text.
    QByteArray heic("\x00\x00\x00\x18" "ftypheic\x00\x00\x00\x00mif1heic", 24);
    heic.append(QByteArray(3000, '\x7f'));
    CHECK(errorCode(heic) == QStringLiteral("not_a_receipt"));
    CHECK(package::decodeBatchReceipt(heic).error().message.contains(QStringLiteral(".mobiliza-recibo")));
    CHECK(errorCode(QByteArray("PK\x03\x04", 4) + QByteArray(400, 'x')) == QStringLiteral("not_a_receipt"));
    CHECK(errorCode("{\"format\": \"mobiliza-batch\", \"formatVersion\": 1}") == QStringLiteral("not_a_receipt"));
    CHECK(errorCode("Recibo do lote de março") == QStringLiteral("not_a_receipt"));

    // Too large to be one: not read past the cap.
    QByteArray huge = good;
    huge.append(QByteArray(package::kMaxReceiptBytes, ' '));
    CHECK(errorCode(huge) == QStringLiteral("too_large"));
    test::TempDir dir;
    const QString big = dir.filePath(QStringLiteral("big.mobiliza-recibo"));
    test::writeBytes(big, huge);
    CHECK(package::readBatchReceipt(big).error().code == QStringLiteral("too_large"));

    // A newer format, and an unknown member (strict keys).
    QByteArray newer = good;
    newer.replace("\"formatVersion\": 1", "\"formatVersion\": 2");
    CHECK(errorCode(newer) == QStringLiteral("unsupported_version"));
    QByteArray extra = good;
    extra.replace("\"formatVersion\": 1,", "\"formatVersion\": 1, \"note\": \"x\",");
    CHECK(errorCode(extra) == QStringLiteral("corrupt_package"));
}

TEST_CASE("The batch content hash: the same revisions in any order, another manifest another hash")
{
    const QString uuid = QStringLiteral("0b6f2a3c-1d2e-4f50-8a9b-0c1d2e3f4a5b");
    const package::BatchContentItem a{QStringLiteral("11111111-1111-4111-8111-111111111111"), 1, kSha};
    const package::BatchContentItem b{QStringLiteral("22222222-2222-4222-8222-222222222222"), 2,
                                      QString(64, QLatin1Char('b'))};
    const QString hash = package::batchContentSha256(uuid, Period{2025, 3}, {a, b});
    CHECK(package::batchContentSha256(uuid, Period{2025, 3}, {b, a}) == hash);
    package::BatchContentItem changed = b;
    changed.manifestSha256 = QString(64, QLatin1Char('c'));
    CHECK(package::batchContentSha256(uuid, Period{2025, 3}, {a, changed}) != hash);
    CHECK(package::batchContentSha256(uuid, Period{2025, 4}, {a, b}) != hash);
    CHECK(package::batchContentSha256(uuid, Period{2025, 3}, {a}) != hash);
}

TEST_CASE("A receipt marks its batch file received by the central level, once")
{
    UrsWithAccepted f;
    BatchService batches(*f.urs.services);
    const QString lote = f.usb.filePath(QStringLiteral("lote.mobiliza-lote"));
    auto made = batches.create(test::kMarch, QStringLiteral("Maria"), lote);
    INFO((made ? QString() : made.error().message).toStdString());
    REQUIRE(made.ok());
    REQUIRE(made->state == QStringLiteral("written"));
    const package::BatchReceipt receipt = UrsWithAccepted::receiptFor(made.value());
    QSignalSpy changed(&f.urs.services->notifier(), &Notifier::replicaChanged);
    const auto auditRows = [&] { return f.urs.services->audit().entries(QStringLiteral("batch"), made->uuid).size(); };
    const auto before = auditRows();

    SECTION("refused, nothing changed: another URS, a batch not made here, other content")
    {
        package::BatchReceipt other = receipt;
        other.urs = QStringLiteral("Barbacena");
        auto otherUrs = batches.applyReceipt(other);
        REQUIRE_FALSE(otherUrs.ok());
        CHECK(otherUrs.error().code == QStringLiteral("other_urs"));
        CHECK(otherUrs.error().message.contains(QStringLiteral("Barbacena")));

        package::BatchReceipt unknown = receipt;
        unknown.batchUuid = newUuid();
        auto notHere = batches.applyReceipt(unknown);
        REQUIRE_FALSE(notHere.ok());
        CHECK(notHere.error().code == QStringLiteral("unknown_batch"));
        CHECK(notHere.error().message.contains(QStringLiteral("not made on this computer")));

        // The central level received another content under this batch's id.
        BatchRecord tampered = made.value();
        tampered.revisions.first().manifestSha256 = kSha;
        auto otherContent = batches.applyReceipt(UrsWithAccepted::receiptFor(tampered));
        REQUIRE_FALSE(otherContent.ok());
        CHECK(otherContent.error().code == QStringLiteral("other_content"));
        package::BatchReceipt wrongCount = receipt;
        wrongCount.count = 2;
        CHECK(batches.applyReceipt(wrongCount).error().code == QStringLiteral("other_content"));

        CHECK(f.only(batches).state == QStringLiteral("written"));
        CHECK(changed.isEmpty());
        CHECK(auditRows() == before);
    }
    SECTION("recorded, then the same receipt again says it already was")
    {
        auto applied = batches.applyReceipt(receipt);
        INFO((applied ? QString() : applied.error().message).toStdString());
        REQUIRE(applied.ok());
        CHECK_FALSE(applied->alreadyRecorded);
        const BatchRecord b = f.only(batches);
        CHECK(b.state == QStringLiteral("received"));
        CHECK(b.hubId == QStringLiteral("b-000007"));
        CHECK(b.hubReceivedAt == receipt.receivedAt);
        CHECK(b.channel == QStringLiteral("file"));
        CHECK(applied->batch.state == QStringLiteral("received"));
        CHECK(changed.size() == 1);
        CHECK(auditRows() == before + 1);

        auto again = batches.applyReceipt(receipt);
        REQUIRE(again.ok());
        CHECK(again->alreadyRecorded);
        CHECK(again->batch.hubId == QStringLiteral("b-000007"));
        CHECK(changed.size() == 1);
        CHECK(auditRows() == before + 1);
        // Its reports stay in the batch: nothing of March to forward again.
        CHECK(batches.forwardable(test::kMarch)->isEmpty());
    }
    SECTION("through the file, the URS's name by its alias")
    {
        package::BatchReceipt aliased = receipt;
        aliased.urs = QStringLiteral("BELO HORIZONTE");
        const QString path = package::receiptPathFor(lote);
        REQUIRE(package::writeBatchReceipt(aliased, path).ok());
        auto read = package::readBatchReceipt(path);
        REQUIRE(read.ok());
        REQUIRE(batches.applyReceipt(read.value()).ok());
        CHECK(f.only(batches).state == QStringLiteral("received"));
    }
}

TEST_CASE("A receipt also settles a network batch still waiting: it is not sent again")
{
    UrsWithAccepted f;
    BatchService batches(*f.urs.services);
    auto made = batches.create(test::kMarch, QStringLiteral("Maria"));
    REQUIRE(made.ok());
    REQUIRE(batches.due()->size() == 1);
    REQUIRE(batches.applyReceipt(UrsWithAccepted::receiptFor(made.value())).ok());
    CHECK(batches.due()->isEmpty());
    CHECK(batches.pendingCount() == 0);
    CHECK(f.only(batches).state == QStringLiteral("received"));
}

TEST_CASE("The batch file is written on a worker with its own connection: progress, and a cancel leaves nothing")
{
    UrsWithAccepted f;
    BatchService batches(*f.urs.services);
    const QString lote = f.usb.filePath(QStringLiteral("lote.mobiliza-lote"));
    auto prepared = batches.prepare(test::kMarch, QStringLiteral("Maria"), lote);
    REQUIRE(prepared.ok());
    CHECK_FALSE(QFile::exists(lote));
    CHECK(batches.all()->isEmpty()); // prepared, not stored

    BatchFileJob job(f.urs.services->database().dataDir(), f.urs.services->blobs().dir(), prepared.value());
    QList<BatchWriteProgress> seen;
    QObject::connect(&job, &BatchFileJob::progress, [&](const BatchWriteProgress &p) { seen << p; });
    std::optional<Status> result;
    QEventLoop loop;
    QObject::connect(&job, &BatchFileJob::finished, &loop, [&](const Status &s) {
        result = s;
        loop.quit();
    });
    QThread *worker = nullptr;
    QSemaphore reached, proceed;
    const bool cancelling = GENERATE(false, true);
    job.setWorkerHook([&](const BatchWriteProgress &p) {
        worker = QThread::currentThread();
        if (cancelling && p.files == 1) {
            reached.release();
            proceed.tryAcquire(1, 10000); // held until the owner cancelled
        }
    });
    job.start();
    if (cancelling) {
        QTimer poll;
        QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
            if (reached.tryAcquire()) {
                job.cancel();
                proceed.release();
            }
        });
        poll.start(5);
        QTimer::singleShot(20000, &loop, &QEventLoop::quit);
        loop.exec();
    } else {
        QTimer::singleShot(20000, &loop, &QEventLoop::quit);
        loop.exec();
    }
    REQUIRE(result.has_value());
    CHECK(worker != nullptr);
    CHECK(worker != QThread::currentThread());
    CHECK_FALSE(job.isRunning());
    if (cancelling) {
        CHECK(result->error().code == QStringLiteral("cancelled"));
        CHECK(job.isCancelled());
        CHECK(QDir(f.usb.path()).entryList({QStringLiteral("*lote*")}, QDir::Files | QDir::Hidden).isEmpty());
    } else {
        INFO((result.value() ? QString() : result->error().message).toStdString());
        REQUIRE(result->ok());
        auto read = package::readBatchFile(lote);
        REQUIRE(read.ok());
        REQUIRE_FALSE(seen.isEmpty());
        const BatchWriteProgress last = seen.constLast();
        CHECK(last.totalFiles == read->blobs.size());
        CHECK(last.files == last.totalFiles);
        CHECK(last.totalBytes == read->blobBytes);
        CHECK(last.bytes == last.totalBytes);
        REQUIRE(batches.record(prepared.value()).ok());
        CHECK(batches.all()->first().state == QStringLiteral("written"));
    }
    CHECK(batches.all()->size() == (cancelling ? 0 : 1));
}
