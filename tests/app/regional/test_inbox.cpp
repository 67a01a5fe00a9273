// The URS inbox: what the list shows, its filters, and that it works only when seen.
#include <catch2/catch.hpp>
#include "tests/support/catch_qt.h"

#include "app/ui/pages/role_pages.h"
#include "app/ui/regional/photo_viewer.h"
#include "app/ui/regional/report_view.h"
#include "core/util/text.h"
#include "tests/app/regional/regional_fixture.h"
#include "tests/app/regional/regional_ui_helpers.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTableView>
#include <QTextBrowser>
#include <QToolButton>

using namespace mobiliza;
using test::cellText;
using test::rowOfReport;
using ui::InboxModel;

TEST_CASE("regional inbox: the newest month's reports with states, counts and Brasília times")
{
    test::RegionalFixture f;
    f.seedScenario();
    ui::MainWindow window(f.context, nullptr, &f.dialogs);
    window.show();
    REQUIRE(window.navigation()->count() == ui::regionalPageNames().size());
    CHECK(window.currentPageName() == QStringLiteral("inbox"));
    ui::InboxPage *inbox = test::inboxOf(window);
    REQUIRE(inbox);
    QAbstractItemModelTester tester(inbox->model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    QTableView *table = inbox->table();

    CHECK(inbox->monthBox()->currentText() == QStringLiteral("10/2026")); // the newest month
    REQUIRE(table->model()->rowCount() == 6);
    // By municipality name.
    CHECK(cellText(table, 0, InboxModel::Municipality) == f.onTime.name);

    const int onTime = rowOfReport(table, f.onTime.uuid);
    REQUIRE(onTime >= 0);
    CHECK(cellText(table, onTime, InboxModel::Period) == QStringLiteral("10/2026"));
    CHECK(cellText(table, onTime, InboxModel::Revision) == QStringLiteral("1"));
    // 02:30 UTC on 11/11 is 23:30 on 10/11 in Brasília: on time.
    CHECK(cellText(table, onTime, InboxModel::ReceivedAt) == QStringLiteral("10/11/2026 23:30"));
    CHECK(cellText(table, onTime, InboxModel::State) == QStringLiteral("New"));
    CHECK(cellText(table, onTime, InboxModel::Deadline) == QStringLiteral("On time"));
    CHECK(cellText(table, onTime, InboxModel::Actions) == QStringLiteral("2"));
    CHECK(cellText(table, onTime, InboxModel::Photos) == QStringLiteral("4"));

    const int late = rowOfReport(table, f.late.uuid);
    CHECK(cellText(table, late, InboxModel::ReceivedAt) == QStringLiteral("11/11/2026 00:30"));
    CHECK(cellText(table, late, InboxModel::Deadline) == QStringLiteral("Late"));
    CHECK(table->model()->index(late, 0).data(InboxModel::LateRole).toBool());

    const int listed = rowOfReport(table, f.listed.uuid);
    CHECK(cellText(table, listed, InboxModel::Actions) == QStringLiteral("—"));
    CHECK(cellText(table, listed, InboxModel::Photos) == QStringLiteral("—"));
    CHECK_FALSE(table->model()->index(listed, 0).data(InboxModel::DecidableRole).toBool());
    CHECK(cellText(table, rowOfReport(table, f.noActions.uuid), InboxModel::Actions) == QStringLiteral("no actions"));
    CHECK(cellText(table, rowOfReport(table, f.returned.uuid), InboxModel::State) == QStringLiteral("Returned"));
    CHECK(cellText(table, rowOfReport(table, f.accepted.uuid), InboxModel::State) == QStringLiteral("Accepted"));

    // Counts per state, for the month.
    CHECK(inbox->stateButton({})->text() == QStringLiteral("All (6)"));
    CHECK(inbox->stateButton(QStringLiteral("received"))->text() == QStringLiteral("New (4)"));
    CHECK(inbox->stateButton(QStringLiteral("returned"))->text() == QStringLiteral("Returned (1)"));
    CHECK(inbox->stateButton(QStringLiteral("accepted"))->text() == QStringLiteral("Accepted (1)"));
    CHECK(inbox->stateButton(QStringLiteral("in_review"))->text() == QStringLiteral("In review (0)"));
}

TEST_CASE("regional inbox: the state chips, the name search and the month filter")
{
    test::RegionalFixture f;
    f.seedScenario();
    ui::MainWindow window(f.context, nullptr, &f.dialogs);
    window.show();
    ui::InboxPage *inbox = test::inboxOf(window);
    QTableView *table = inbox->table();
    REQUIRE(table->model()->rowCount() == 6);

    QTest::mouseClick(inbox->stateButton(QStringLiteral("returned")), Qt::LeftButton);
    REQUIRE(table->model()->rowCount() == 1);
    CHECK(cellText(table, 0, InboxModel::Municipality) == f.returned.name);
    QTest::mouseClick(inbox->stateButton(QStringLiteral("received")), Qt::LeftButton);
    CHECK(table->model()->rowCount() == 4);
    QTest::mouseClick(inbox->stateButton({}), Qt::LeftButton);
    CHECK(table->model()->rowCount() == 6);

    // Accent- and case-free typing finds the municipality; the counts follow the search.
    QTest::keyClicks(inbox->searchField(), core::foldForSearch(f.late.name).toUpper());
    REQUIRE(table->model()->rowCount() >= 1);
    CHECK(rowOfReport(table, f.late.uuid) >= 0);
    CHECK(rowOfReport(table, f.onTime.uuid) < 0);
    CHECK(inbox->stateButton({})->text() == QStringLiteral("All (%1)").arg(table->model()->rowCount()));
    inbox->searchField()->clear();
    CHECK(table->model()->rowCount() == 6);

    // The previous month: municipality 0's accepted report only.
    QComboBox *month = inbox->monthBox();
    month->setFocus();
    QTest::keyClick(month, Qt::Key_Down);
    CHECK(month->currentText() == QStringLiteral("09/2026"));
    REQUIRE(table->model()->rowCount() == 1);
    CHECK(table->model()->index(0, 0).data(InboxModel::ReportRole).toString() == f.september.uuid);
    CHECK(inbox->stateButton(QStringLiteral("accepted"))->text() == QStringLiteral("Accepted (1)"));
    QTest::keyClick(month, Qt::Key_Down);
    CHECK(month->currentText() == QStringLiteral("All months"));
    CHECK(table->model()->rowCount() == 7);
}

TEST_CASE("regional inbox: no work while hidden, and a change made meanwhile shows on return")
{
    test::RegionalFixture f;
    f.seedScenario();
    ui::MainWindow window(f.context, nullptr, &f.dialogs);
    window.show();
    ui::InboxPage *inbox = test::inboxOf(window);
    REQUIRE(inbox->table()->model()->rowCount() == 6);
    REQUIRE(window.showPage(QStringLiteral("coverage")));
    CHECK_FALSE(inbox->isVisible());
    const int reloads = inbox->reloadCount();

    test::SeedOptions o;
    o.receivedAt = QDateTime(QDate(2026, 11, 8), QTime(9, 0), QTimeZone::utc());
    const test::SeededReport more = f.seed(f.municipalities.at(6), o); // emits replicaChanged
    CHECK(inbox->reloadCount() == reloads);                             // nothing read while hidden

    REQUIRE(window.showPage(QStringLiteral("inbox")));
    CHECK(inbox->reloadCount() == reloads + 1);
    CHECK(inbox->table()->model()->rowCount() == 7);
    CHECK(rowOfReport(inbox->table(), more.uuid) >= 0);
}

TEST_CASE("regional inbox: a report whose content or photos have not arrived says so")
{
    test::RegionalFixture f;
    test::SeedOptions o;
    o.withPhotos = false;
    const test::SeededReport noPhotos = f.seed(f.municipalities.at(0), o);
    test::SeedOptions bare;
    bare.withManifest = false;
    const test::SeededReport listed = f.seed(f.municipalities.at(1), bare);
    ui::MainWindow window(f.context, nullptr, &f.dialogs);
    window.show();
    ui::InboxPage *inbox = test::inboxOf(window);
    QTableView *table = inbox->table();

    test::clickRow(table, rowOfReport(table, noPhotos.uuid));
    QTest::keyClick(table, Qt::Key_Return);
    REQUIRE(inbox->isShowingReport());
    ui::PhotoViewer *photos = inbox->reportView()->photos();
    CHECK(photos->positionLabel()->text() == QStringLiteral("Photo 1 of 1"));
    CHECK(photos->canvas()->message() == QStringLiteral("Photo not received yet — synchronize"));
    CHECK_FALSE(photos->canvas()->hasImage());
    CHECK(inbox->reportView()->acceptButton()->isEnabled()); // the content is here: it can be decided

    QTest::mouseClick(inbox->reportView()->backButton(), Qt::LeftButton);
    REQUIRE_FALSE(inbox->isShowingReport());
    test::clickRow(table, rowOfReport(table, listed.uuid));
    QTest::mouseClick(inbox->openButton(), Qt::LeftButton);
    REQUIRE(inbox->isShowingReport());
    CHECK_FALSE(inbox->reportView()->hasContent());
    CHECK(inbox->reportView()->text()->toPlainText().contains(QStringLiteral("has not arrived yet")));
    CHECK_FALSE(inbox->reportView()->acceptButton()->isEnabled());
    CHECK_FALSE(inbox->reportView()->returnButton()->isEnabled());
}
