// The central level's receipt back to the URS (docs/package-format.md "Receipt
// file", docs/protocol.md §10.5): `mobiliza-hub import` of a batch file writes the
// receipt beside it (or where --receipt says) and says where; importing the same
// file again gives the same receipt; `mobiliza-hub receipt --batch UUID` issues it
// again for a lost USB stick; and the receipt binds the batch's content.
#include "tests/hub/hub_batch_test_util.h"

#include "core/package/batch_receipt.h"
#include "sync/hub/hub_batches.h"

using namespace mobiliza;
using namespace mobiliza::test;

namespace {

CliRun hubRun(const HubFixture &f, const QString &command, const QStringList &more)
{
    return runHub(QStringList{command} + hubDataArgs(f) + more);
}

} // namespace

TEST_CASE("CLI: import of a batch file writes its receipt for the URS, and again the same receipt")
{
    HubFixture f;
    const TestReport a = makeReport(kBelo, 97);
    const TestReport b = makeReport(kNeves, 98);
    TempDir usb;
    const QString lote = usb.filePath(QStringLiteral("lote-Belo-Horizonte-2025-03.mobiliza-lote"));
    const core::package::BatchFileInfo info = batchFileInfo(kBeloUrs);
    REQUIRE(writeBatch(info, {&a, &b}, lote).ok());

    const CliRun imported = hubRun(f, QStringLiteral("import"), {QStringLiteral("--hub-name"),
                                                                 QStringLiteral("Hub da SES-MG"), lote});
    INFO(imported.err.toStdString());
    REQUIRE(imported.exitCode == 0);
    const QString beside = usb.filePath(QStringLiteral("lote-Belo-Horizonte-2025-03.mobiliza-recibo"));
    CHECK(imported.out.contains(QStringLiteral("Receipt for the URS written to ") + beside));
    REQUIRE(QFile::exists(beside));
    const QByteArray first = readFile(beside);
    CHECK(first.size() < 2048);

    auto receipt = core::package::readBatchReceipt(beside);
    INFO((receipt ? QString() : receipt.error().message).toStdString());
    REQUIRE(receipt.ok());
    CHECK(receipt->batchUuid == info.batchUuid);
    CHECK(receipt->urs == kBeloUrs);
    CHECK(receipt->period == (core::Period{2025, 3}));
    CHECK(receipt->count == 2);
    CHECK(receipt->hubId == QStringLiteral("b-000001"));
    CHECK(receipt->issuedBy == QStringLiteral("hub-da-ses-mg"));
    CHECK(receipt->issuedByName == QStringLiteral("Hub da SES-MG"));
    auto stored = f.store->batch(info.batchUuid);
    REQUIRE(stored.ok());
    REQUIRE(stored.value().has_value());
    CHECK(receipt->receivedAt.toSecsSinceEpoch() == stored.value()->receivedAt.toSecsSinceEpoch());
    // The content hash the URS computes from its own batch (any order).
    const QString content = core::package::batchContentSha256(
        info.batchUuid, info.period,
        {core::package::BatchContentItem{b.uuid(), 1, sha256Hex(b.manifest)},
         core::package::BatchContentItem{a.uuid(), 1, sha256Hex(a.manifest)}});
    CHECK(receipt->batchSha256 == content);
    CHECK(hub::BatchDesk(*f.hub).receiptOf(*stored.value()).batchSha256 == content);

    // The same file again (a second try at the central level): the very same receipt.
    REQUIRE(QFile::remove(beside));
    const CliRun again = hubRun(f, QStringLiteral("import"), {QStringLiteral("--hub-name"),
                                                              QStringLiteral("Hub da SES-MG"), lote});
    REQUIRE(again.exitCode == 0);
    CHECK(readFile(beside) == first);

    // Issued again for a lost USB stick, where asked.
    const QString out = usb.filePath(QStringLiteral("de-novo.mobiliza-recibo"));
    const CliRun issued = hubRun(f, QStringLiteral("receipt"),
                                 {QStringLiteral("--hub-name"), QStringLiteral("Hub da SES-MG"),
                                  QStringLiteral("--batch"), info.batchUuid.toUpper(), QStringLiteral("--out"), out});
    INFO(issued.err.toStdString());
    REQUIRE(issued.exitCode == 0);
    CHECK(issued.out.contains(out));
    CHECK(readFile(out) == first);

    // --receipt FILE chooses where the import writes it.
    const QString chosen = usb.filePath(QStringLiteral("escolhido.mobiliza-recibo"));
    const CliRun placed = hubRun(f, QStringLiteral("import"), {QStringLiteral("--hub-name"),
                                                               QStringLiteral("Hub da SES-MG"),
                                                               QStringLiteral("--receipt"), chosen, lote});
    REQUIRE(placed.exitCode == 0);
    CHECK(readFile(chosen) == first);
}

TEST_CASE("CLI: receipt of a batch the hub does not have, and receipts' options used wrong")
{
    HubFixture f;
    TempDir usb;
    const CliRun unknown = hubRun(f, QStringLiteral("receipt"),
                                  {QStringLiteral("--batch"), core::newUuid(), QStringLiteral("--out"),
                                   usb.filePath(QStringLiteral("x.mobiliza-recibo"))});
    CHECK(unknown.exitCode == 1);
    CHECK(unknown.err.contains(QStringLiteral("mobiliza-hub batches")));
    CHECK_FALSE(QFile::exists(usb.filePath(QStringLiteral("x.mobiliza-recibo"))));
    CHECK(hubRun(f, QStringLiteral("receipt"), {}).exitCode == 2);
    CHECK(hubRun(f, QStringLiteral("batches"), {QStringLiteral("--receipt"), QStringLiteral("x")}).exitCode == 2);

    // A receipt that cannot be written (no such folder): the batch is recorded all the same,
    // and the hub says how to issue the receipt again.
    const TestReport a = makeReport(kBelo, 99);
    const QString lote = usb.filePath(QStringLiteral("lote.mobiliza-lote"));
    const core::package::BatchFileInfo info = batchFileInfo(kBeloUrs);
    REQUIRE(writeBatch(info, {&a}, lote).ok());
    const CliRun nowhere = hubRun(f, QStringLiteral("import"),
                                  {QStringLiteral("--receipt"), usb.filePath(QStringLiteral("no/such/r.mobiliza-recibo")),
                                   lote});
    CHECK(nowhere.exitCode == 1);
    CHECK(nowhere.err.contains(QStringLiteral("mobiliza-hub receipt --batch ") + info.batchUuid));
    CHECK(f.store->batch(info.batchUuid).value().has_value());
}
