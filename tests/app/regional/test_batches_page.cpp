// The URS's "Lotes" page (forwarding accepted reports to the central level, over
// the network or as a batch file) and "Importar pacote…" in the inbox, driven
// like a person: clicks on the navigation and the buttons, the dialogs answered
// by the fake seam. Also rendered at the two screen sizes of the regional offices.
#include <catch2/catch.hpp>
#include "tests/support/catch_qt.h"

#include "app/ui/regional/batch_model.h"
#include "app/ui/regional/batches_page.h"
#include "core/package/batch_file.h"
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
#include <QPushButton>
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
          == QStringLiteral("Received by the hub on 22/11/2026 (b-000012)"));
    CHECK(test::cellText(table, page->model()->rowOf(september->uuid), BatchModel::State)
          == QStringLiteral("Refused: a revision is not accepted"));
    // A refused batch's reports can be forwarded again.
    chooseMonth(page->monthBox(), QStringLiteral("2026-09"));
    CHECK(page->forwardableCount() == 1);
    CHECK(page->forwardButton()->isEnabled());
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
    REQUIRE(f.dialogs.warnings.size() == 1);
    CHECK(f.dialogs.warnings.last().contains(QStringLiteral("not on this computer yet")));
    CHECK_FALSE(QFile::exists(august));
    CHECK(allBatches(f).size() == 1);
    CHECK(page->forwardableCount() == 1); // still waiting
    auto wanted = f.services->replica().wantedMissingPhotos();
    REQUIRE(wanted.ok());
    CHECK_FALSE(wanted->isEmpty()); // the next pass brings them
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

    QString folder = qEnvironmentVariable("MOBILIZA_SCREENSHOT_DIR");
    if (folder.isEmpty())
        folder = usb.path();
    REQUIRE(QDir().mkpath(folder));
    QTranslator translator;
    const bool portuguese = translator.load(QStringLiteral(":/i18n/mobiliza_pt_BR.qm"));
    if (portuguese)
        QCoreApplication::installTranslator(&translator);
    for (const QSize size : {QSize(1366, 768), QSize(1024, 600)}) {
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
    }
    if (portuguese)
        QCoreApplication::removeTranslator(&translator);
}
