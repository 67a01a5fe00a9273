// The batch file (docs/package-format.md, "Batch file"): written, verified, a
// damaged byte refused with a clear message, and `mobiliza-hub import` of a batch
// file at a central hub (its revisions imported, the batch recorded as the
// URS's) listed by `mobiliza-hub batches`.
#include "tests/hub/hub_batch_test_util.h"

using namespace mobiliza;
using namespace mobiliza::test;

namespace {

} // namespace

TEST_CASE("Batch file: written and verified, with every manifest and each photo once")
{
    TempDir dir;
    const TestReport a = makeReport(kBelo, 91);
    TestReport b = makeReport(kNeves, 92);
    const QString path = dir.filePath(QStringLiteral("lote.mobiliza-lote"));
    const core::package::BatchFileInfo info = batchFileInfo(kBeloUrs);
    auto written = writeBatch(info, {&a, &b}, path);
    INFO((written ? QString() : written.error().message).toStdString());
    REQUIRE(written.ok());
    CHECK_FALSE(QDir(dir.path()).entryList(QDir::Hidden | QDir::Files).join(QLatin1Char(' ')).contains(QStringLiteral(".part")));

    auto read = core::package::readBatchFile(path);
    INFO((read ? QString() : read.error().message).toStdString());
    REQUIRE(read.ok());
    CHECK(read->info.batchUuid == info.batchUuid);
    CHECK(read->info.urs == kBeloUrs);
    CHECK(read->info.period == (core::Period{2025, 3}));
    CHECK(read->info.createdBy == info.createdBy);
    REQUIRE(read->revisions.size() == 2);
    CHECK(read->revisions[0].reportUuid == a.uuid());
    CHECK(read->revisions[0].manifestJson == a.manifest);
    CHECK(read->revisions[1].manifestSha256 == sha256Hex(b.manifest));
    CHECK(read->blobs.size() == 4);

    core::package::BatchFileReader reader(path);
    REQUIRE(reader.verify().ok());
    CHECK(reader.blob(a.blobs().constFirst()).value() == a.photos.constFirst());

    // A report package is not a batch file (and says so); a report of another month is not written.
    TempDir other;
    const QString package = other.filePath(QStringLiteral("r.mobiliza"));
    {
        QFile out(package);
        REQUIRE(out.open(QIODevice::WriteOnly));
        out.write(packageBytes(a, dir.path()));
    }
    auto notBatch = core::package::readBatchFile(package);
    REQUIRE_FALSE(notBatch.ok());
    CHECK(notBatch.error().code == QStringLiteral("not_a_batch"));
    b.report.period = core::Period{2025, 4};
    b.encode();
    const QString refusedPath = dir.filePath(QStringLiteral("outro.mobiliza-lote"));
    CHECK_FALSE(writeBatch(info, {&a, &b}, refusedPath).ok());
    CHECK_FALSE(QFile::exists(refusedPath));
}

TEST_CASE("Batch file: a damaged byte is refused with a clear message")
{
    TempDir dir;
    const TestReport a = makeReport(kBelo, 93);
    const QString path = dir.filePath(QStringLiteral("lote.mobiliza-lote"));
    REQUIRE(writeBatch(batchFileInfo(kBeloUrs), {&a}, path).ok());
    QByteArray bytes = readFile(path);
    const qsizetype at = bytes.indexOf(QByteArray("photo 93-1"));
    REQUIRE(at > 0);
    bytes[at + 2] = 'X';
    {
        QFile out(path);
        REQUIRE(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
        out.write(bytes);
    }
    auto read = core::package::readBatchFile(path);
    REQUIRE_FALSE(read.ok());
    CHECK(read.error().code == QStringLiteral("corrupt_package"));
    CHECK(read.error().message.contains(QStringLiteral("altered")));

    const QString empty = dir.filePath(QStringLiteral("vazio.mobiliza-lote"));
    {
        QFile out(empty);
        REQUIRE(out.open(QIODevice::WriteOnly));
    }
    CHECK(core::package::readBatchFile(empty).error().code == QStringLiteral("empty_file"));
}

TEST_CASE("CLI: import of a batch file stores its revisions and the batch, and batches lists it")
{
    HubFixture f;
    const TestReport a = makeReport(kBelo, 94);
    const TestReport b = makeReport(kNeves, 95);
    TempDir dir;
    const QString path = dir.filePath(QStringLiteral("lote.mobiliza-lote"));
    const core::package::BatchFileInfo info = batchFileInfo(kBeloUrs);
    REQUIRE(writeBatch(info, {&a, &b}, path).ok());

    const CliRun imported = runHub(QStringList{QStringLiteral("import")} + hubDataArgs(f) + QStringList{path});
    INFO(imported.err.toStdString());
    REQUIRE(imported.exitCode == 0);
    CHECK(imported.out.contains(QStringLiteral("b-000001")));
    for (const TestReport *t : {&a, &b}) {
        auto stored = f.store->revision(t->uuid(), 1);
        REQUIRE(stored.ok());
        REQUIRE(stored.value().has_value());
        CHECK(stored.value()->manifest == t->manifest);
        CHECK(stored.value()->state == QStringLiteral("forwarded"));
        CHECK(stored.value()->via == QStringLiteral("import"));
        CHECK(stored.value()->receivedBy.urs == kBeloUrs);
        for (const QString &blob : t->blobs())
            CHECK(f.blobs->has(blob));
    }

    const CliRun listed = runHub(QStringList{QStringLiteral("batches")} + hubDataArgs(f));
    REQUIRE(listed.exitCode == 0);
    REQUIRE(listed.lines().size() == 1);
    const QStringList fields = listed.lines().constFirst().split(QLatin1Char('\t'));
    REQUIRE(fields.size() >= 5);
    CHECK(fields.mid(0, 5) == QStringList{info.batchUuid, kBeloUrs, QStringLiteral("2025-03"), QStringLiteral("2"),
                                          QStringLiteral("received")});

    // The same file again: the same batch, nothing new.
    const CliRun again = runHub(QStringList{QStringLiteral("import")} + hubDataArgs(f) + QStringList{path});
    CHECK(again.exitCode == 0);
    CHECK(again.out.contains(QStringLiteral("b-000001")));
    CHECK(runHub(QStringList{QStringLiteral("batches")} + hubDataArgs(f)).lines().size() == 1);

    // The URS reads its batch over HTTP; the municipality sees its report forwarded.
    const HttpReply got = f.http->get(QStringLiteral("/api/v1/batches/") + info.batchUuid, f.enrollUrs(kBeloUrs));
    CHECK(got.status == 200);
    CHECK(f.status(f.enrollMunicipality(kBelo)).events.constLast().state == QStringLiteral("forwarded"));

    // A batch file naming a municipality of another URS is refused whole.
    const TestReport foreign = makeReport(kBarbacena, 96);
    const QString wrong = dir.filePath(QStringLiteral("errado.mobiliza-lote"));
    REQUIRE(writeBatch(batchFileInfo(kBeloUrs), {&foreign}, wrong).ok());
    const CliRun refused = runHub(QStringList{QStringLiteral("import")} + hubDataArgs(f) + QStringList{wrong});
    CHECK(refused.exitCode == 1);
    CHECK(refused.err.contains(foreign.uuid()));
    CHECK_FALSE(f.store->report(foreign.uuid()).value().has_value());

    // A damaged file: the CLI says so, nothing stored.
    QByteArray bytes = readFile(wrong);
    bytes[bytes.indexOf(QByteArray("photo 96-0")) + 1] = 'X';
    {
        QFile out(wrong);
        REQUIRE(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
        out.write(bytes);
    }
    const CliRun damaged = runHub(QStringList{QStringLiteral("import")} + hubDataArgs(f) + QStringList{wrong});
    CHECK(damaged.exitCode == 1);
    CHECK(damaged.err.contains(QStringLiteral("altered")));
}
