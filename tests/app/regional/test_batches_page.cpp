// The URS's "Lotes" page (forwarding accepted reports to the central level, over
// the network or as a batch file) and "Importar pacote…" in the inbox, driven
// like a person: clicks on the navigation and the buttons, the dialogs answered
// by the fake seam. Also rendered at the two screen sizes of the regional offices.
#include <catch2/catch.hpp>
#include "tests/support/catch_qt.h"

#include "app/ui/regional/batch_model.h"
#include "app/ui/regional/batches_page.h"
#include "core/package/batch_file.h"
#include "core/package/batch_file_job.h"
#include "core/package/batch_receipt.h"
#include "core/regional/batch_service.h"
#include "tests/app/regional/regional_fixture.h"
#include "tests/app/regional/regional_ui_helpers.h"
#include "tests/core/package/package_test_util.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QProgressDialog>
#include <QPushButton>
#include <QSemaphore>
#include <QTranslator>

#include <algorithm>

using namespace mobiliza;
using ui::BatchModel;

namespace {

ui::BatchesPage *openBatches(ui::MainWindow &window)
{
    QListWidget *nav = window.navigation();
    int row = -1;
    for (int i = 0; i < nav->count(); ++i)
        if (nav->item(i)->text() == QStringLiteral("Batches") || nav->item(i)->text() == QStringLiteral("Lotes"))
            row = i;
    REQUIRE(row == 2); // after the coverage
    QTest::mouseClick(nav->viewport(), Qt::LeftButton, Qt::NoModifier, nav->visualItemRect(nav->item(row)).center());
    REQUIRE(window.currentPageName() == QStringLiteral("batches"));
    auto *page = qobject_cast<ui::BatchesPage *>(window.page(QStringLiteral("batches")));
    REQUIRE(page);
    return page;
}

QList<core::BatchRecord> allBatches(test::RegionalFixture &f)
{
    auto all = core::BatchService(*f.services).all();
    REQUIRE(all.ok());
    return all.value();
}

QStringList sorted(QStringList list)
{
    std::sort(list.begin(), list.end());
    return list;
}

void chooseMonth(QComboBox *box, const QString &key)
{
    const int index = box->findData(key);
    REQUIRE(index >= 0);
    box->setFocus();
    // Like the keyboard: Home, then Down to the month.
    QTest::keyClick(box, Qt::Key_Home);
    for (int i = 0; i < index; ++i)
        QTest::keyClick(box, Qt::Key_Down);
    REQUIRE(box->currentData().toString() == key);
}

// A second accepted report of 10/2026 (municipality 6), photos here.
test::SeededReport seedAccepted(test::RegionalFixture &f, int municipality, core::Period period, bool photos = true)
{
    test::SeedOptions o;
    o.period = period;
    o.state = QStringLiteral("accepted");
    o.withPhotos = photos;
    o.receivedAt = QDateTime(period.next().firstDay(), QTime(12, 0), QTimeZone::utc());
    return f.seed(f.municipalities.at(municipality), o);
}

// The batch file is written on a worker: wait (events flowing) until it is done.
void waitWritten(ui::BatchesPage *page)
{
    REQUIRE(test::waitUntil([page] { return page->writeJob() == nullptr; }, 20000));
}

} // namespace

TEST_CASE("batches page: the month's accepted reports forwarded over the network after a confirmation")
{
    test::RegionalFixture f;
    f.seedScenario();
    const test::SeededReport second = seedAccepted(f, 6, {2026, 10});
    ui::MainWindow window(f.context, nullptr, &f.dialogs);
    window.resize(1366, 768);
    window.show();
    ui::BatchesPage *page = openBatches(window);

    // The newest month with something to forward; received, returned and listed reports do not count.
    CHECK(page->monthBox()->currentData().toString() == QStringLiteral("2026-10"));
    CHECK(page->forwardableCount() == 2);
    CHECK(page->countLabel()->text().contains(QStringLiteral("2 accepted report")));
    CHECK(page->forwardButton()->isEnabled());
    CHECK(page->writeFileButton()->isEnabled());
    CHECK(page->model()->rowCount() == 0);
    CHECK(page->findChild<QLabel *>(QStringLiteral("batchesEmpty"))->isVisible());

    // "No": nothing changes.
    f.dialogs.answers = {false};
    QTest::mouseClick(page->forwardButton(), Qt::LeftButton);
    REQUIRE(f.dialogs.questions.size() == 1);
    CHECK(f.dialogs.questions.last().startsWith(QStringLiteral("Forward 2 report(s) of 10/2026 to the central level?")));
    CHECK(allBatches(f).isEmpty());
    CHECK(page->forwardableCount() == 2);

    // "Yes": one queued network batch with exactly the accepted ones.
    QTest::mouseClick(page->forwardButton(), Qt::LeftButton);
    REQUIRE(f.dialogs.questions.size() == 2);
    const QList<core::BatchRecord> batches = allBatches(f);
    REQUIRE(batches.size() == 1);
    const core::BatchRecord &b = batches.first();
    CHECK(b.channel == QStringLiteral("network"));
    CHECK(b.state == QStringLiteral("queued"));
    CHECK(b.period == core::Period{2026, 10});
    CHECK(b.createdBy == QStringLiteral("Marta Reis"));
    QStringList members;
    for (const core::BatchMember &m : b.revisions)
        members << m.report;
    CHECK(sorted(members) == sorted({f.accepted.uuid, second.uuid}));
    CHECK(f.dialogs.warnings.isEmpty());

    // The table shows it, selected, with its municipalities beside.
    QTableView *table = page->table();
    REQUIRE(table->isVisible());
    REQUIRE(table->model()->rowCount() == 1);
    CHECK(test::cellText(table, 0, BatchModel::Period) == QStringLiteral("10/2026"));
    CHECK(test::cellText(table, 0, BatchModel::Reports) == QStringLiteral("2"));
    CHECK(test::cellText(table, 0, BatchModel::Channel) == QStringLiteral("over the network"));
    CHECK(test::cellText(table, 0, BatchModel::CreatedAt) == QStringLiteral("22/11/2026 11:00"));
    CHECK(test::cellText(table, 0, BatchModel::CreatedBy) == QStringLiteral("Marta Reis"));
    CHECK(test::cellText(table, 0, BatchModel::State) == QStringLiteral("Waiting to be sent"));
    REQUIRE(page->detailList()->count() == 2);
    CHECK(sorted({page->detailList()->item(0)->text(), page->detailList()->item(1)->text()})
          == sorted({f.accepted.name, second.name}));
    CHECK(page->statusLabel()->isVisible());
    // Nothing is left to forward for the month.
    CHECK(page->forwardableCount() == 0);
    CHECK_FALSE(page->forwardButton()->isEnabled());
    CHECK_FALSE(page->writeFileButton()->isEnabled());
    CHECK(page->countLabel()->text().contains(QStringLiteral("next synchronization")));

    // The hub's receipt and refusals, in words; read while hidden only when shown again.
    REQUIRE(window.showPage(QStringLiteral("inbox")));
    const int reloads = page->reloadCount();
    core::BatchService service(*f.services);
    REQUIRE(service.markReceived(b.uuid, QStringLiteral("b-000012"),
                                 QDateTime(QDate(2026, 11, 23), QTime(1, 0), QTimeZone::utc()))
                .ok());
    auto september = service.create({2026, 9}, QStringLiteral("Marta Reis"));
    REQUIRE(september.ok());
    REQUIRE(service.markRefused(september->uuid, QStringLiteral("a revision is not accepted")).ok());
    CHECK(page->reloadCount() == reloads);
    window.showPage(QStringLiteral("batches"));
    CHECK(page->reloadCount() == reloads + 1);
    REQUIRE(table->model()->rowCount() == 2);
    const int received = page->model()->rowOf(b.uuid);
    // Brasília: 01:00 UTC on 23/11 is still 22/11.
    CHECK(test::cellText(table, received, BatchModel::State)
          == QStringLiteral("Received by the central level on 22/11/2026 (b-000012)"));
    CHECK(test::cellText(table, page->model()->rowOf(september->uuid), BatchModel::State)
          == QStringLiteral("Refused: a revision is not accepted"));
    // A refused batch's reports can be forwarded again.
    chooseMonth(page->monthBox(), QStringLiteral("2026-09"));
    CHECK(page->forwardableCount() == 1);
    CHECK(page->forwardButton()->isEnabled());
}

TEST_CASE("batches page: what the central level made of a received batch, in words, as its decisions arrive")
{
    test::RegionalFixture f;
    f.seedScenario();
    const test::SeededReport second = seedAccepted(f, 6, {2026, 10});
    core::BatchService service(*f.services);
    auto made = service.create({2026, 10}, QStringLiteral("Marta Reis"));
    REQUIRE(made.ok());
    REQUIRE(service
                .markReceived(made->uuid, QStringLiteral("b-000012"),
                              QDateTime(QDate(2026, 11, 23), QTime(14, 0), QTimeZone::utc()))
                .ok());
    ui::MainWindow window(f.context, nullptr, &f.dialogs);
    window.resize(1366, 768);
    window.show();
    ui::BatchesPage *page = openBatches(window);
    QTableView *table = page->findChild<QTableView *>(QStringLiteral("batchesTable"));
    REQUIRE(table);
    const int row = page->model()->rowOf(made->uuid);
    const QString received = QStringLiteral("Received by the central level on 23/11/2026 (b-000012)");
    auto stateCell = [&] {
        return test::cellText(table, page->model()->rowOf(made->uuid), BatchModel::State);
    };
    // Each pull brings the hub's state of a revision of the batch (what the regional pass stores).
    auto pulled = [&](const QString &report, const QString &state) {
        auto &replica = f.services->replica();
        auto listed = replica.revision(report, 1);
        REQUIRE(listed.ok());
        REQUIRE(listed.value().has_value());
        core::ReplicaRevision r = *listed.value();
        r.state = state;
        r.cursor = replica.cursor() + 1;
        REQUIRE(replica.applyPulled({r}, r.cursor).ok());
    };

    // Forwarded: nothing decided yet.
    pulled(f.accepted.uuid, QStringLiteral("forwarded"));
    pulled(second.uuid, QStringLiteral("forwarded"));
    CHECK(stateCell() == received);
    // One consolidated.
    pulled(f.accepted.uuid, QStringLiteral("consolidated"));
    CHECK(stateCell() == received + QStringLiteral(" · 1 of 2 consolidated"));
    // The other returned to the URS: every report decided.
    pulled(second.uuid, QStringLiteral("returned_to_urs"));
    CHECK(stateCell() ==
          QStringLiteral("Decided by the central level: 1 consolidated, 1 returned to the URS"));
    table->selectRow(row);
    CHECK(page->findChild<QLabel *>(QStringLiteral("batchDetailText"))
              ->text()
              .startsWith(
                  QStringLiteral("Decided by the central level: 1 consolidated, 1 returned to the URS")));
    // The URS accepts it again and forwards it in a new batch: the first batch's count
    // keeps it as returned; once consolidated there too, the new batch is consolidated.
    f.clock.advanceSecs(3600);
    REQUIRE(f.services->reviews()
                .decide(second.uuid, 1, core::Decision::Accept, {}, {}, QStringLiteral("Marta Reis"))
                .ok());
    pulled(second.uuid, QStringLiteral("accepted"));
    f.clock.advanceSecs(60);
    auto again = service.create({2026, 10}, QStringLiteral("Marta Reis"));
    INFO((again ? QString() : again.error().message).toStdString());
    REQUIRE(again.ok());
    REQUIRE(again->revisions.size() == 1);
    REQUIRE(service
                .markReceived(again->uuid, QStringLiteral("b-000013"),
                              QDateTime(QDate(2026, 11, 25), QTime(14, 0), QTimeZone::utc()))
                .ok());
    pulled(second.uuid, QStringLiteral("consolidated"));
    CHECK(stateCell() ==
          QStringLiteral("Decided by the central level: 1 consolidated, 1 returned to the URS"));
    CHECK(test::cellText(table, page->model()->rowOf(again->uuid), BatchModel::State) ==
          QStringLiteral("Consolidated by the central level"));
}

TEST_CASE("batches page: a batch file written that verifies, and photos not here yet said in words")
{
    test::RegionalFixture f;
    f.seedScenario();
    seedAccepted(f, 6, {2026, 8}, /*photos*/ false);
    test::TempDir usb;
    ui::MainWindow window(f.context, nullptr, &f.dialogs);
    window.resize(1366, 768);
    window.show();
    ui::BatchesPage *page = openBatches(window);
    REQUIRE(page->monthBox()->currentData().toString() == QStringLiteral("2026-10"));
    REQUIRE(page->forwardableCount() == 1);

    // Cancelled: nothing.
    f.dialogs.savePath.clear();
    QTest::mouseClick(page->writeFileButton(), Qt::LeftButton);
    CHECK(QFileInfo(f.dialogs.lastSuggestedPath).fileName() == QStringLiteral("lote-Barbacena-2026-10.mobiliza-lote"));
    CHECK(f.dialogs.lastFilter.contains(QStringLiteral("*.mobiliza-lote")));
    CHECK(allBatches(f).isEmpty());

    const QString path = usb.filePath(QStringLiteral("lote-outubro.mobiliza-lote"));
    f.dialogs.savePath = path;
    QTest::mouseClick(page->writeFileButton(), Qt::LeftButton);
    waitWritten(page);
    INFO(f.dialogs.warnings.join(QLatin1Char('\n')).toStdString());
    REQUIRE(f.dialogs.warnings.isEmpty());
    REQUIRE(QFile::exists(path));
    const QList<core::BatchRecord> batches = allBatches(f);
    REQUIRE(batches.size() == 1);
    CHECK(batches.first().state == QStringLiteral("written"));
    auto read = core::package::readBatchFile(path);
    INFO((read ? QString() : read.error().message).toStdString());
    REQUIRE(read.ok());
    CHECK(read->info.batchUuid == batches.first().uuid);
    CHECK(read->info.urs == test::kUrs);
    REQUIRE(read->revisions.size() == 1);
    CHECK(read->revisions.first().reportUuid == f.accepted.uuid);
    CHECK(read->blobs.size() == f.accepted.photoShas.size());
    REQUIRE(f.dialogs.messages.size() == 1);
    CHECK(f.dialogs.messages.last().contains(QDir::toNativeSeparators(path)));
    REQUIRE(page->table()->model()->rowCount() == 1);
    CHECK(test::cellText(page->table(), 0, BatchModel::Channel) == QStringLiteral("file: lote-outubro.mobiliza-lote"));
    CHECK(test::cellText(page->table(), 0, BatchModel::State) == QStringLiteral("File written"));

    // 08/2026: accepted, but its photos were never fetched: no file, and why.
    chooseMonth(page->monthBox(), QStringLiteral("2026-08"));
    REQUIRE(page->forwardableCount() == 1);
    const QString august = usb.filePath(QStringLiteral("lote-agosto.mobiliza-lote"));
    f.dialogs.savePath = august;
    QTest::mouseClick(page->writeFileButton(), Qt::LeftButton);
    CHECK(page->writeJob() == nullptr); // refused before any writing
    REQUIRE(f.dialogs.warnings.size() == 1);
    CHECK(f.dialogs.warnings.last().contains(QStringLiteral("not on this computer yet")));
    CHECK_FALSE(QFile::exists(august));
    CHECK(allBatches(f).size() == 1);
    CHECK(page->forwardableCount() == 1); // still waiting
    auto wanted = f.services->replica().wantedMissingPhotos();
    REQUIRE(wanted.ok());
    CHECK_FALSE(wanted->isEmpty()); // the next pass brings them
}

TEST_CASE("batches page: the batch file written on a worker with a progress dialog, Cancel leaves nothing, "
          "Import receipt marks it received")
{
    test::RegionalFixture f;
    f.seedScenario();
    const test::SeededReport second = seedAccepted(f, 6, {2026, 10});
    test::TempDir usb;
    ui::MainWindow window(f.context, nullptr, &f.dialogs);
    window.resize(1366, 768);
    window.show();
    ui::BatchesPage *page = openBatches(window);
    REQUIRE(page->forwardableCount() == 2); // two reports, one photo each
    const QString path = usb.filePath(QStringLiteral("lote-outubro.mobiliza-lote"));
    f.dialogs.savePath = path;

    // The worker is held after its first photo until the test lets it go.
    QSemaphore reached, proceed;
    bool hold = true;
    page->setWorkerHook([&](const core::BatchWriteProgress &p) {
        if (hold && p.files == 1) {
            reached.release();
            proceed.tryAcquire(1, 15000);
        }
    });
    QTest::mouseClick(page->writeFileButton(), Qt::LeftButton);
    REQUIRE(page->writeJob() != nullptr); // the click returned while the file is written
    REQUIRE(test::waitUntil([&] { return reached.available() > 0; }, 15000));
    QProgressDialog *progress = page->progressDialog();
    REQUIRE(progress);
    CHECK(progress->isVisible());
    CHECK(progress->windowModality() == Qt::WindowModal);
    // The window answers meanwhile: the photo written shows, of all, with their sizes.
    REQUIRE(test::waitUntil([&] { return progress->labelText().startsWith(QStringLiteral("1 of 2 photo(s) written")); }));
    CHECK(progress->value() > 0);
    CHECK(progress->value() < progress->maximum());
    CHECK_FALSE(window.grab().isNull());
    CHECK_FALSE(page->writeFileButton()->isEnabled());
    CHECK_FALSE(page->forwardButton()->isEnabled());
    CHECK_FALSE(page->importReceiptButton()->isEnabled());
    // Cancelar, then the worker goes on and stops at once: no file, no batch.
    QPushButton *cancel = progress->findChild<QPushButton *>();
    REQUIRE(cancel);
    QTest::mouseClick(cancel, Qt::LeftButton);
    proceed.release();
    waitWritten(page);
    CHECK(page->progressDialog() == nullptr);
    CHECK(QDir(usb.path()).entryList(QDir::Files | QDir::Hidden).isEmpty()); // not even a .part file
    CHECK(allBatches(f).isEmpty());
    CHECK(page->forwardableCount() == 2);
    CHECK(page->writeFileButton()->isEnabled());
    CHECK(page->statusLabel()->text().startsWith(QStringLiteral("Cancelled")));
    CHECK(f.dialogs.warnings.isEmpty());
    CHECK(f.dialogs.messages.isEmpty());

    // Again, to the end.
    hold = false;
    QTest::mouseClick(page->writeFileButton(), Qt::LeftButton);
    REQUIRE(page->progressDialog());
    waitWritten(page);
    INFO(f.dialogs.warnings.join(QLatin1Char('\n')).toStdString());
    REQUIRE(f.dialogs.warnings.isEmpty());
    REQUIRE(QFile::exists(path));
    QList<core::BatchRecord> batches = allBatches(f);
    REQUIRE(batches.size() == 1);
    const core::BatchRecord written = batches.first();
    CHECK(written.state == QStringLiteral("written"));
    REQUIRE(core::package::readBatchFile(path).ok());
    REQUIRE(f.dialogs.messages.size() == 1);
    CHECK(f.dialogs.messages.last().contains(QStringLiteral("Import receipt")));
    CHECK(test::cellText(page->table(), 0, BatchModel::State) == QStringLiteral("File written"));

    // The central level's receipt, as its hub writes it, carried back.
    QList<core::package::BatchContentItem> content;
    for (const core::BatchMember &m : written.revisions)
        content << core::package::BatchContentItem{m.report, m.revision, m.manifestSha256};
    core::package::BatchReceipt receipt{written.uuid, test::kUrs, written.period, int(written.revisions.size()),
                                        QStringLiteral("b-000031"),
                                        QDateTime(QDate(2026, 11, 24), QTime(13, 0), QTimeZone::utc()),
                                        core::package::batchContentSha256(written.uuid, written.period, content),
                                        QStringLiteral("ses-mg"), QStringLiteral("Hub da SES-MG")};
    const QString recibo = core::package::receiptPathFor(path);
    REQUIRE(core::package::writeBatchReceipt(receipt, recibo).ok());
    receipt.urs = QStringLiteral("Belo Horizonte");
    const QString foreign = usb.filePath(QStringLiteral("outra-urs.mobiliza-recibo"));
    REQUIRE(core::package::writeBatchReceipt(receipt, foreign).ok());

    f.dialogs.nextFiles = {recibo};
    QTest::mouseClick(page->importReceiptButton(), Qt::LeftButton);
    CHECK(f.dialogs.lastFilter.contains(QStringLiteral("*.mobiliza-recibo")));
    REQUIRE(f.dialogs.messages.size() == 2);
    CHECK(f.dialogs.messages.last().contains(QStringLiteral("now received by the central level")));
    const int row = page->model()->rowOf(written.uuid);
    REQUIRE(row >= 0);
    CHECK(test::cellText(page->table(), row, BatchModel::State)
          == QStringLiteral("Received by the central level on 24/11/2026 (b-000031)"));
    CHECK(page->table()->currentIndex().row() == row);
    CHECK(allBatches(f).first().state == QStringLiteral("received"));

    // The same receipt again, and another URS's: nothing changes, and each is said.
    f.dialogs.nextFiles = {recibo, foreign};
    QTest::mouseClick(page->importReceiptButton(), Qt::LeftButton);
    REQUIRE(f.dialogs.warnings.size() == 1);
    CHECK(f.dialogs.warnings.last().contains(QStringLiteral("already recorded as received")));
    CHECK(f.dialogs.warnings.last().contains(QStringLiteral("outra-urs.mobiliza-recibo: ")));
    CHECK(f.dialogs.warnings.last().contains(QStringLiteral("Belo Horizonte")));
    CHECK(allBatches(f).first().hubId == QStringLiteral("b-000031"));
}

TEST_CASE("batches page: rendered at 1366x768 and 1024x600")
{
    test::RegionalFixture f;
    f.seedScenario();
    seedAccepted(f, 6, {2026, 10});
    seedAccepted(f, 1, {2026, 8});
    seedAccepted(f, 2, {2026, 7});
    test::TempDir usb;
    core::BatchService service(*f.services);
    auto september = service.create({2026, 9}, QStringLiteral("Marta Reis"));
    REQUIRE(september.ok());
    REQUIRE(service.markReceived(september->uuid, QStringLiteral("b-000012"),
                                 QDateTime(QDate(2026, 10, 20), QTime(15, 0), QTimeZone::utc()))
                .ok());
    REQUIRE(service.create({2026, 8}, QStringLiteral("Marta Reis"),
                           usb.filePath(QStringLiteral("lote-Barbacena-2026-08.mobiliza-lote")))
                .ok());
    auto july = service.create({2026, 7}, QStringLiteral("URS Barbacena"));
    REQUIRE(july.ok());
    REQUIRE(service.markRefused(july->uuid, QStringLiteral("A revisão 1 de Alfredo Vasconcelos não está aceita no hub."))
                .ok());

    test::atOfficeScreens(usb.path(), [&](QSize size, const QString &folder) {
        ui::MainWindow window(f.context, nullptr, &f.dialogs);
        window.resize(size);
        window.show();
        ui::BatchesPage *page = openBatches(window);
        REQUIRE(page->table()->model()->rowCount() == 3);
        page->table()->selectRow(0);
        QCoreApplication::processEvents();
        CHECK(window.width() == size.width()); // nothing forces the window wider than the screen
        CHECK(page->forwardButton()->width() >= page->forwardButton()->sizeHint().width());
        CHECK(page->writeFileButton()->width() >= page->writeFileButton()->sizeHint().width());
        const QImage image = window.grab().toImage();
        CHECK(image.save(QDir(folder).filePath(QStringLiteral("batches-%1x%2.png").arg(size.width()).arg(size.height()))));
    });
}
