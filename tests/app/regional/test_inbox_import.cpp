// The inbox's "Import package…" at the URS: a municipality's package files taken
// in on a worker (core::PackageIntakeJob) with a progress dialog and Cancel; the
// summary names what came in, what was already here and why a file was refused.
#include <catch2/catch.hpp>
#include "tests/support/catch_qt.h"

#include "app/ui/regional/inbox_model.h"
#include "app/ui/regional/inbox_page.h"
#include "core/package/report_package.h"
#include "tests/app/regional/regional_fixture.h"
#include "tests/app/regional/regional_ui_helpers.h"
#include "tests/core/package/package_test_util.h"

#include <QComboBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QSemaphore>
#include <QTableView>

using namespace mobiliza;

namespace {

void waitImported(ui::InboxPage *inbox)
{
    REQUIRE(test::waitUntil([&] { return !inbox->isImporting(); }, 30000));
}

} // namespace

TEST_CASE("inbox: Import package takes a municipality's file in on a worker and names each refused file")
{
    test::RegionalFixture f;
    f.seedScenario();
    test::TempDir usb;
    // A municipality of the URS made its March 2025 report and saved the package.
    test::Profile town(false);
    REQUIRE(town.services->profile().setMunicipality(f.municipalities.at(6).ibge).ok());
    const QString uuid = test::concludedReport(town);
    const QString good = usb.filePath(QStringLiteral("relatorio-marco.mobiliza"));
    REQUIRE(core::package::writePackage(*town.services, uuid, 1, good).ok());
    // Belo Horizonte's is not Barbacena's.
    test::Profile bh;
    const QString bhUuid = test::concludedReport(bh, 7);
    const QString foreign = usb.filePath(QStringLiteral("bh-marco.mobiliza"));
    REQUIRE(core::package::writePackage(*bh.services, bhUuid, 1, foreign).ok());

    ui::MainWindow window(f.context, nullptr, &f.dialogs);
    window.resize(1366, 768);
    window.show();
    ui::InboxPage *inbox = test::inboxOf(window);
    REQUIRE(inbox->importButton()->isVisible());
    const int before = int(f.services->replica().latest()->size());

    SECTION("a package of the URS")
    {
        f.dialogs.nextFiles = {good};
        QTest::mouseClick(inbox->importButton(), Qt::LeftButton);
        waitImported(inbox);
        CHECK(f.dialogs.lastFilter.contains(QStringLiteral("*.mobiliza")));
        INFO(f.dialogs.warnings.join(QLatin1Char('\n')).toStdString());
        REQUIRE(f.dialogs.warnings.isEmpty());
        REQUIRE(f.dialogs.messages.size() == 1);
        CHECK(f.dialogs.messages.last().contains(QStringLiteral("1 package(s) imported")));
        CHECK(f.dialogs.messages.last().contains(QStringLiteral("relatorio-marco.mobiliza")));
        CHECK(f.dialogs.messages.last().contains(f.municipalities.at(6).name));
        // At once, in its month, selected.
        CHECK(inbox->monthBox()->currentText() == QStringLiteral("03/2025"));
        const int row = test::rowOfReport(inbox->table(), uuid);
        REQUIRE(row >= 0);
        CHECK(inbox->table()->currentIndex().row() == row);
        CHECK(test::cellText(inbox->table(), row, ui::InboxModel::Municipality) == f.municipalities.at(6).name);
        CHECK(int(f.services->replica().latest()->size()) == before + 1);

        // Again, with Belo Horizonte's: one already here, one refused with its reason.
        f.dialogs.nextFiles = {good, foreign};
        QTest::mouseClick(inbox->importButton(), Qt::LeftButton);
        waitImported(inbox);
        REQUIRE(f.dialogs.warnings.size() == 1);
        const QString summary = f.dialogs.warnings.last();
        CHECK(summary.contains(QStringLiteral("1 package(s) already here")));
        CHECK(summary.contains(QStringLiteral("1 file(s) refused")));
        CHECK(summary.contains(QStringLiteral("bh-marco.mobiliza: ")));
        CHECK(summary.contains(QStringLiteral("Belo Horizonte")));
        CHECK(int(f.services->replica().latest()->size()) == before + 1);
    }
    SECTION("another URS's package only: refused, nothing added")
    {
        f.dialogs.nextFiles = {foreign};
        QTest::mouseClick(inbox->importButton(), Qt::LeftButton);
        waitImported(inbox);
        REQUIRE(f.dialogs.warnings.size() == 1);
        CHECK(f.dialogs.warnings.last().contains(QStringLiteral("bh-marco.mobiliza: ")));
        CHECK_FALSE(f.dialogs.warnings.last().contains(QStringLiteral("package(s) imported")));
        CHECK(f.dialogs.warnings.last().contains(QStringLiteral("1 file(s) refused")));
        CHECK(int(f.services->replica().latest()->size()) == before);
        CHECK(inbox->monthBox()->currentText() == QStringLiteral("10/2026"));
        CHECK(test::rowOfReport(inbox->table(), bhUuid) < 0);
    }
    SECTION("cancelled: nothing asked, nothing changed")
    {
        QTest::mouseClick(inbox->importButton(), Qt::LeftButton);
        CHECK_FALSE(inbox->isImporting());
        CHECK(f.dialogs.fileDialogs == 1);
        CHECK(f.dialogs.messages.isEmpty());
        CHECK(f.dialogs.warnings.isEmpty());
    }
}


TEST_CASE("inbox: importing several packages shows progress, the window answers, and Cancel stops before the next file")
{
    test::RegionalFixture f;
    f.seedScenario();
    test::TempDir usb;
    // Three municipalities of the URS saved their March 2025 packages.
    QStringList files;
    QStringList uuids;
    for (int i = 0; i < 3; ++i) {
        test::Profile town(false);
        REQUIRE(town.services->profile().setMunicipality(f.municipalities.at(6 + i).ibge).ok());
        const QString uuid = test::concludedReport(town, i + 1);
        const QString path = usb.filePath(QStringLiteral("pacote-%1.mobiliza").arg(i + 1));
        REQUIRE(core::package::writePackage(*town.services, uuid, 1, path).ok());
        files << path;
        uuids << uuid;
    }
    ui::MainWindow window(f.context, nullptr, &f.dialogs);
    window.resize(1366, 768);
    window.show();
    ui::InboxPage *inbox = test::inboxOf(window);
    const int before = int(f.services->replica().latest()->size());

    // The worker is held before the second file until the test lets it go.
    QSemaphore reached, proceed;
    inbox->setImportHook([&](int index) {
        if (index == 1) {
            reached.release();
            proceed.tryAcquire(1, 15000);
        }
    });
    f.dialogs.nextFiles = files;
    QTest::mouseClick(inbox->importButton(), Qt::LeftButton);
    REQUIRE(inbox->isImporting()); // the click returned while the files are read
    REQUIRE(test::waitUntil([&] { return reached.available() > 0; }, 15000));
    QProgressDialog *progress = inbox->importProgress();
    REQUIRE(progress);
    CHECK(progress->isVisible());
    CHECK(progress->windowModality() == Qt::WindowModal);
    CHECK(progress->maximum() == 3);
    REQUIRE(test::waitUntil([&] { return progress->labelText().contains(QStringLiteral("pacote-1.mobiliza (1 of 3)")); }));
    CHECK_FALSE(inbox->importButton()->isEnabled());
    CHECK_FALSE(window.grab().isNull()); // the window paints meanwhile
    // Cancelar: the first file is in, the others are not looked at.
    QPushButton *cancel = progress->findChild<QPushButton *>();
    REQUIRE(cancel);
    QTest::mouseClick(cancel, Qt::LeftButton);
    proceed.release();
    waitImported(inbox);
    CHECK(inbox->importProgress() == nullptr);
    CHECK(inbox->importButton()->isEnabled());
    INFO(f.dialogs.warnings.join(QLatin1Char('\n')).toStdString());
    REQUIRE(f.dialogs.warnings.isEmpty());
    REQUIRE(f.dialogs.messages.size() == 1);
    const QString summary = f.dialogs.messages.last();
    CHECK(summary.contains(QStringLiteral("1 package(s) imported")));
    CHECK(summary.contains(QStringLiteral("pacote-1.mobiliza")));
    CHECK(summary.contains(QStringLiteral("Cancelled: 2 file(s) were not looked at")));
    CHECK_FALSE(summary.contains(QStringLiteral("pacote-2.mobiliza")));
    CHECK(int(f.services->replica().latest()->size()) == before + 1);
    // In the inbox at once (the worker wrote through its own connection).
    CHECK(test::rowOfReport(inbox->table(), uuids.at(0)) >= 0);
    CHECK(test::rowOfReport(inbox->table(), uuids.at(1)) < 0);

    // The rest, again: the first is already here, the two others come in.
    inbox->setImportHook({});
    f.dialogs.nextFiles = files;
    QTest::mouseClick(inbox->importButton(), Qt::LeftButton);
    waitImported(inbox);
    REQUIRE(f.dialogs.messages.size() == 2);
    CHECK(f.dialogs.messages.last().contains(QStringLiteral("2 package(s) imported")));
    CHECK(f.dialogs.messages.last().contains(QStringLiteral("1 package(s) already here")));
    CHECK(int(f.services->replica().latest()->size()) == before + 3);
}
