// The report view's History tab at the URS: the thread as the hub told it (who,
// when, from which installation, the notes in the PDF's numbering), a decision
// made here shown at once as waiting, and the summary of a thread never brought.
#include <catch2/catch.hpp>
#include "tests/support/catch_qt.h"

#include "app/ui/regional/report_view.h"
#include "core/regional/report_history.h"
#include "tests/app/regional/regional_fixture.h"
#include "tests/app/regional/regional_ui_helpers.h"

#include <QPushButton>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>

using namespace mobiliza;
using test::rowOfReport;

namespace {

const QString kOtherInstallation = QStringLiteral("5d1f0c2a-9b7e-4c3d-8a6f-2e4b1c9d7a30");

ui::ReportView *openReport(ui::MainWindow &window, const QString &uuid)
{
    ui::InboxPage *inbox = test::inboxOf(window);
    QTableView *table = inbox->table();
    test::clickRow(table, rowOfReport(table, uuid));
    QTest::keyClick(table, Qt::Key_Return);
    REQUIRE(inbox->isShowingReport());
    return inbox->reportView();
}

void clickTab(QTabWidget *tabs, int index)
{
    QTabBar *bar = tabs->tabBar();
    QTest::mouseClick(bar, Qt::LeftButton, Qt::NoModifier, bar->tabRect(index).center());
}

} // namespace

TEST_CASE("regional report view: the History tab tells who decided what, when and from where")
{
    test::RegionalFixture f;
    f.seedScenario();
    // The hub's thread of the on-time report: received, then put in review by another
    // installation of the URS with a note on action 2's photo (Foto 3 of the report).
    core::ReportHistory history(*f.services);
    const QDateTime received = QDateTime(QDate(2026, 11, 11), QTime(2, 30), Qt::UTC);
    core::HistoryEntry r1;
    r1.cursor = 1;
    r1.revision = 1;
    r1.state = QStringLiteral("received");
    r1.at = received;
    core::HistoryEntry review = r1;
    review.cursor = 2;
    review.state = QStringLiteral("in_review");
    review.decision = core::newUuid();
    review.by = QStringLiteral("Ana Paula");
    review.installation = kOtherInstallation;
    review.comment = QStringLiteral("Conferindo as fotos com a equipe.");
    review.notes << core::ReviewNote{f.onTime.actionUuids.at(1), f.onTime.photoUuids.at(2), QStringLiteral("escura")};
    review.at = received.addDays(1);
    REQUIRE(history.store(f.onTime.uuid, f.cursor, {r1, review}).ok());

    ui::MainWindow window(f.context, nullptr, &f.dialogs);
    window.resize(1366, 768);
    window.show();
    ui::ReportView *view = openReport(window, f.onTime.uuid);
    QTabWidget *tabs = view->tabs();
    CHECK(tabs->currentWidget() == view->text()); // the report first
    CHECK(tabs->tabText(1) == QStringLiteral("History (2)"));
    clickTab(tabs, 1);
    REQUIRE(tabs->currentWidget() == view->historyText());
    QString text = view->historyText()->toPlainText();
    CHECK(text.contains(QStringLiteral("Revision 1: In review")));
    CHECK(text.contains(QStringLiteral("by Ana Paula")));
    CHECK(text.contains(QStringLiteral("from installation 5d1f0c2a")));
    CHECK(text.contains(QStringLiteral("Conferindo as fotos com a equipe.")));
    CHECK(text.contains(QStringLiteral("Action 2, Photo 3: escura")));
    CHECK(text.contains(QStringLiteral("Revision 1 received by the hub")));
    CHECK(text.contains(QStringLiteral("10/11/2026 23:30"))); // Brasília time
    // Newest first.
    CHECK(text.indexOf(QStringLiteral("In review")) < text.indexOf(QStringLiteral("received by the hub")));
    CHECK_FALSE(text.contains(QStringLiteral("Summary from the list")));

    // Accepting here: the thread shows it at once, waiting to be sent, from this installation.
    REQUIRE(view->acceptButton()->isEnabled());
    QTest::mouseClick(view->acceptButton(), Qt::LeftButton);
    REQUIRE(test::waitUntil([&] { return tabs->tabText(1) == QStringLiteral("History (3)"); }));
    text = view->historyText()->toPlainText();
    CHECK(text.contains(QStringLiteral("Revision 1: Accepted")));
    CHECK(text.contains(QStringLiteral("made here, waits to be sent to the hub")));
    CHECK(text.contains(QStringLiteral("from this installation")));
    CHECK(text.indexOf(QStringLiteral("Accepted")) < text.indexOf(QStringLiteral("In review")));
}

TEST_CASE("regional report view: a history never brought shows the listing's summary and is asked for")
{
    test::RegionalFixture f;
    f.seedScenario();
    core::ReportHistory history(*f.services);
    // The fixture's October reports are the newest month: the pass would bring them.
    // September's (accepted) is not, until the reviewer opens it.
    auto stale = history.stale();
    REQUIRE(stale.ok());
    for (const core::StaleHistory &s : stale.value())
        CHECK(s.report != f.september.uuid);

    ui::MainWindow window(f.context, nullptr, &f.dialogs);
    window.show();
    ui::InboxPage *inbox = test::inboxOf(window);
    REQUIRE(inbox->openReport(f.september.uuid));
    ui::ReportView *view = inbox->reportView();
    clickTab(view->tabs(), 1);
    const QString text = view->historyText()->toPlainText();
    CHECK(text.contains(QStringLiteral("Summary from the list of reports")));
    CHECK(text.contains(QStringLiteral("Revision 1 received by the hub")));
    CHECK(text.contains(QStringLiteral("Revision 1: Accepted")));
    // Opening it asked for it: the next pass brings it.
    stale = history.stale();
    REQUIRE(stale.ok());
    bool asked = false;
    for (const core::StaleHistory &s : stale.value())
        asked = asked || s.report == f.september.uuid;
    CHECK(asked);
}
