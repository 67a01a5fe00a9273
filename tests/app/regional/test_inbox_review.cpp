// Reviewing at the URS: the report view (text, findings, photos with the
// keyboard and the wheel), returning with a comment and notes, bulk accept.
#include <catch2/catch.hpp>
#include "tests/support/catch_qt.h"

#include "app/ui/regional/photo_viewer.h"
#include "app/ui/regional/report_view.h"
#include "app/ui/regional/return_dialog.h"
#include "tests/app/regional/regional_fixture.h"
#include "tests/app/regional/regional_ui_helpers.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
#include <QTextBrowser>
#include <QToolButton>
#include <QWheelEvent>

using namespace mobiliza;
using test::cellText;
using test::rowOfReport;
using ui::InboxModel;

namespace {

void wheel(QWidget *widget, int delta)
{
    const QPointF at = QRectF(widget->rect()).center();
    QWheelEvent event(at, widget->mapToGlobal(at), QPoint(), QPoint(0, delta), Qt::NoButton, Qt::NoModifier,
                      Qt::NoScrollPhase, false);
    QApplication::sendEvent(widget, &event);
}

} // namespace

TEST_CASE("regional report view: the report as sent, its findings, and the photos by keyboard and wheel")
{
    test::RegionalFixture f;
    f.seedScenario();
    ui::MainWindow window(f.context, nullptr, &f.dialogs);
    window.resize(1366, 768);
    window.show();
    ui::InboxPage *inbox = test::inboxOf(window);
    QTableView *table = inbox->table();
    test::clickRow(table, rowOfReport(table, f.onTime.uuid));
    QTest::keyClick(table, Qt::Key_Return);
    REQUIRE(inbox->isShowingReport());
    ui::ReportView *view = inbox->reportView();
    CHECK(view->reportUuid() == f.onTime.uuid);
    CHECK(view->titleLabel()->text() == QStringLiteral("%1 — 10/2026").arg(f.onTime.name));
    CHECK(view->stateLabel()->text().contains(QStringLiteral("10/11/2026 23:30")));

    // The header and the actions with their fields, as the PDF labels them.
    const QString text = view->text()->toPlainText();
    CHECK(text.contains(QStringLiteral("IBGE %1").arg(f.onTime.municipality)));
    CHECK(text.contains(QStringLiteral("URS:")));
    CHECK(text.contains(QStringLiteral("outubro de 2026")));
    CHECK(text.contains(QStringLiteral("Ação 1 — Ação 1 — mutirão contra a dengue")));
    CHECK(text.contains(QStringLiteral("Ação 2 — Ação 2 — mutirão contra a dengue")));
    CHECK(text.contains(QStringLiteral("Bairro Santa Luzia, ruas 1 a 8")));
    CHECK(text.contains(QStringLiteral("Foto 4 — Foto 2 da ação")));
    CHECK(text.indexOf(QStringLiteral("Ação 1 —")) < text.indexOf(QStringLiteral("Ação 2 —")));

    // The rules re-run here: identifiable people without authorization are warnings.
    CHECK(view->findingsList()->count() == 2);
    CHECK(view->findingsSummary()->text().contains(QStringLiteral("warning")));

    // Photos: the first appears without blocking, then the keyboard moves through them.
    ui::PhotoViewer *photos = view->photos();
    CHECK(photos->positionLabel()->text() == QStringLiteral("Photo 1 of 4"));
    REQUIRE(test::waitUntil([&] { return photos->canvas()->hasImage(); }));
    CHECK(photos->captionLabel()->text() == QStringLiteral("Photo 1 — Foto 1 da ação"));
    CHECK(photos->flagsLabel()->text() == QStringLiteral("Identifiable people: no · Image-use authorization on file: no"));
    photos->canvas()->setFocus();
    QTest::keyClick(photos->canvas(), Qt::Key_Right);
    CHECK(photos->positionLabel()->text() == QStringLiteral("Photo 2 of 4"));
    CHECK(photos->flagsLabel()->text().contains(QStringLiteral("Identifiable people: yes")));
    CHECK(photos->flagsLabel()->text().startsWith(QStringLiteral("⚠ ")));
    CHECK(photos->flagsLabel()->text().contains(QStringLiteral("Image-use authorization on file: no")));
    QTest::keyClick(photos->canvas(), Qt::Key_Right);
    QTest::keyClick(photos->canvas(), Qt::Key_Right);
    CHECK(photos->positionLabel()->text() == QStringLiteral("Photo 4 of 4"));
    CHECK_FALSE(photos->nextButton()->isEnabled());
    QTest::keyClick(photos->canvas(), Qt::Key_Right); // stays on the last
    CHECK(photos->current() == 3);
    QTest::keyClick(photos->canvas(), Qt::Key_Left);
    CHECK(photos->positionLabel()->text() == QStringLiteral("Photo 3 of 4"));
    QTest::mouseClick(photos->previousButton(), Qt::LeftButton);
    CHECK(photos->positionLabel()->text() == QStringLiteral("Photo 2 of 4"));
    CHECK(photos->captionLabel()->text() == QStringLiteral("Photo 2 — Foto 2 da ação"));
    REQUIRE(test::waitUntil([&] { return photos->canvas()->hasImage(); }));

    // Zoom: the wheel, then + / − / 0 on the keyboard.
    CHECK(photos->canvas()->zoom() == Approx(1.0));
    const QString fitted = photos->zoomLabel()->text();
    wheel(photos->canvas(), 120);
    CHECK(photos->canvas()->zoom() > 1.0);
    CHECK(photos->zoomLabel()->text() != fitted);
    wheel(photos->canvas(), -120);
    CHECK(photos->canvas()->zoom() == Approx(1.0));
    photos->canvas()->setFocus();
    QTest::keyClick(photos->canvas(), Qt::Key_Plus);
    QTest::keyClick(photos->canvas(), Qt::Key_Plus);
    CHECK(photos->canvas()->zoom() == Approx(1.5625));
    QTest::keyClick(photos->canvas(), Qt::Key_Minus);
    CHECK(photos->canvas()->zoom() == Approx(1.25));
    QTest::keyClick(photos->canvas(), Qt::Key_0);
    CHECK(photos->canvas()->zoom() == Approx(1.0));

    QTest::mouseClick(view->backButton(), Qt::LeftButton);
    CHECK_FALSE(inbox->isShowingReport());
}

TEST_CASE("regional report view: returning needs a comment, and the note points at the chosen action")
{
    test::RegionalFixture f;
    f.seedScenario();
    ui::MainWindow window(f.context, nullptr, &f.dialogs);
    window.show();
    ui::InboxPage *inbox = test::inboxOf(window);
    QTableView *table = inbox->table();
    test::clickRow(table, rowOfReport(table, f.onTime.uuid));
    QTest::mouseDClick(table->viewport(), Qt::LeftButton, Qt::NoModifier,
                       table->visualRect(table->model()->index(rowOfReport(table, f.onTime.uuid), 0)).center());
    REQUIRE(inbox->isShowingReport());
    ui::ReportView *view = inbox->reportView();
    REQUIRE(view->returnButton()->isEnabled());

    QTest::mouseClick(view->returnButton(), Qt::LeftButton);
    REQUIRE(test::waitUntil([&] { return view->returnDialog() && view->returnDialog()->isVisible(); }));
    ui::ReturnDialog *dialog = view->returnDialog();
    CHECK_FALSE(dialog->okButton()->isEnabled()); // no comment yet
    QTest::mouseClick(dialog->okButton(), Qt::LeftButton);
    CHECK(dialog->isVisible());
    CHECK(f.services->reviews().all().value().isEmpty());

    // A note on action 2: choose it in the list with the keyboard, type, add.
    dialog->anchorBox()->setFocus();
    for (int i = 0; i < dialog->anchorBox()->count() && dialog->anchorBox()->currentText() != QStringLiteral("Action 2");
         ++i)
        QTest::keyClick(dialog->anchorBox(), Qt::Key_Down);
    REQUIRE(dialog->anchorBox()->currentText() == QStringLiteral("Action 2"));
    QTest::keyClicks(dialog->noteField(), QStringLiteral("sem lista de presenca"));
    QTest::mouseClick(dialog->addNoteButton(), Qt::LeftButton);
    CHECK(dialog->noteList()->count() == 1);
    CHECK(dialog->noteList()->item(0)->text() == QStringLiteral("Action 2: sem lista de presenca"));
    CHECK_FALSE(dialog->okButton()->isEnabled()); // still no comment
    QTest::keyClicks(dialog->commentField(), QStringLiteral("   "));
    CHECK_FALSE(dialog->okButton()->isEnabled()); // blanks are no comment
    QTest::keyClicks(dialog->commentField(), QStringLiteral("Falta a lista de presenca da acao 2."));
    REQUIRE(dialog->okButton()->isEnabled());
    QTest::mouseClick(dialog->okButton(), Qt::LeftButton);
    REQUIRE(test::waitUntil([&] { return !view->returnDialog(); }));

    const auto all = f.services->reviews().all();
    REQUIRE(all.ok());
    REQUIRE(all.value().size() == 1);
    const core::ReviewDecisionRecord &d = all.value().first();
    CHECK(d.report == f.onTime.uuid);
    CHECK(d.revision == 1);
    CHECK(d.decision == core::Decision::Return);
    CHECK(d.state == QStringLiteral("queued"));
    CHECK(d.comment == QStringLiteral("Falta a lista de presenca da acao 2."));
    CHECK(d.reviewer == QStringLiteral("Marta Reis"));
    REQUIRE(d.notes.size() == 1);
    CHECK(d.notes.first().action == f.onTime.actionUuids.at(1));
    CHECK(d.notes.first().photo.isEmpty());
    CHECK(d.notes.first().text == QStringLiteral("sem lista de presenca"));

    // The view and the list show the decision waiting to be sent.
    CHECK(view->stateLabel()->text().contains(QStringLiteral("Returned (to be sent)")));
    CHECK_FALSE(view->acceptButton()->isEnabled());
    CHECK_FALSE(view->returnButton()->isEnabled());
    QTest::keyClick(view->text(), Qt::Key_Escape);
    REQUIRE_FALSE(inbox->isShowingReport());
    CHECK(cellText(table, rowOfReport(table, f.onTime.uuid), InboxModel::State)
          == QStringLiteral("Returned (to be sent)"));
    CHECK(inbox->stateButton(QStringLiteral("returned"))->text() == QStringLiteral("Returned (2)"));
}

TEST_CASE("regional report view: a note on a photo keeps both the action and the photo")
{
    test::RegionalFixture f;
    f.seedScenario();
    ui::MainWindow window(f.context, nullptr, &f.dialogs);
    window.show();
    ui::InboxPage *inbox = test::inboxOf(window);
    REQUIRE(inbox->openReport(f.onTime.uuid));
    ui::ReportView *view = inbox->reportView();
    QTest::mouseClick(view->returnButton(), Qt::LeftButton);
    REQUIRE(test::waitUntil([&] { return view->returnDialog() != nullptr; }));
    ui::ReturnDialog *dialog = view->returnDialog();
    const int photo3 = dialog->anchorBox()->findText(QStringLiteral("Action 2, Photo 3"));
    REQUIRE(photo3 > 0);
    dialog->anchorBox()->setCurrentIndex(photo3);
    QTest::keyClicks(dialog->noteField(), QStringLiteral("ilegivel"));
    QTest::keyClicks(dialog->commentField(), QStringLiteral("Troque a foto 3."));
    // The note typed but not added is not lost: OK keeps it.
    QTest::mouseClick(dialog->okButton(), Qt::LeftButton);
    const auto all = f.services->reviews().all();
    REQUIRE(all.value().size() == 1);
    REQUIRE(all.value().first().notes.size() == 1);
    CHECK(all.value().first().notes.first().action == f.onTime.actionUuids.at(1));
    CHECK(all.value().first().notes.first().photo == f.onTime.photoUuids.at(2));
}

TEST_CASE("regional inbox: bulk accept asks how many and accepts exactly the selected ones")
{
    test::RegionalFixture f;
    f.seedScenario();
    ui::MainWindow window(f.context, nullptr, &f.dialogs);
    window.show();
    ui::InboxPage *inbox = test::inboxOf(window);
    QTableView *table = inbox->table();
    CHECK_FALSE(inbox->acceptSelectedButton()->isEnabled());

    test::clickRow(table, rowOfReport(table, f.onTime.uuid));
    test::clickRow(table, rowOfReport(table, f.late.uuid), Qt::ControlModifier);
    test::clickRow(table, rowOfReport(table, f.listed.uuid), Qt::ControlModifier); // content not here: skipped
    CHECK(table->selectionModel()->selectedRows().size() == 3);
    REQUIRE(inbox->acceptSelectedButton()->isEnabled());
    CHECK(inbox->acceptSelectedButton()->text() == QStringLiteral("Accept selected (2)"));

    // Cancelled: nothing decided.
    f.dialogs.answers = {false};
    QTest::mouseClick(inbox->acceptSelectedButton(), Qt::LeftButton);
    REQUIRE(f.dialogs.questions.size() == 1);
    CHECK(f.dialogs.questions.first().startsWith(QStringLiteral("Accept 2 report(s)?")));
    CHECK(f.dialogs.questions.first().contains(QStringLiteral("1 other selected report(s) cannot be accepted")));
    CHECK(f.services->reviews().all().value().isEmpty());

    QTest::mouseClick(inbox->acceptSelectedButton(), Qt::LeftButton);
    const auto all = f.services->reviews().all();
    REQUIRE(all.value().size() == 2);
    QStringList decided;
    for (const auto &d : all.value()) {
        CHECK(d.decision == core::Decision::Accept);
        CHECK(d.reviewer == QStringLiteral("Marta Reis"));
        decided << d.report;
    }
    decided.sort();
    QStringList expected{f.onTime.uuid, f.late.uuid};
    expected.sort();
    CHECK(decided == expected);
    REQUIRE_FALSE(f.dialogs.messages.isEmpty());
    CHECK(f.dialogs.messages.last().startsWith(QStringLiteral("2 report(s) accepted.")));
    CHECK(cellText(table, rowOfReport(table, f.onTime.uuid), InboxModel::State)
          == QStringLiteral("Accepted (to be sent)"));
    CHECK(cellText(table, rowOfReport(table, f.late.uuid), InboxModel::State)
          == QStringLiteral("Accepted (to be sent)"));
    CHECK(cellText(table, rowOfReport(table, f.noActions.uuid), InboxModel::State) == QStringLiteral("New"));
    CHECK(cellText(table, rowOfReport(table, f.listed.uuid), InboxModel::State) == QStringLiteral("New"));
    // Still selected after the refresh, but nothing left to accept among them.
    CHECK(table->selectionModel()->selectedRows().size() == 3);
    CHECK_FALSE(inbox->acceptSelectedButton()->isEnabled());
}

TEST_CASE("regional report view: accepting one report, and the hub's refusal shown in words")
{
    test::RegionalFixture f;
    f.seedScenario();
    ui::MainWindow window(f.context, nullptr, &f.dialogs);
    window.show();
    ui::InboxPage *inbox = test::inboxOf(window);
    REQUIRE(inbox->openReport(f.late.uuid));
    ui::ReportView *view = inbox->reportView();
    QTest::mouseClick(view->acceptButton(), Qt::LeftButton);
    REQUIRE(f.dialogs.questions.size() == 1);
    CHECK(f.dialogs.questions.first().contains(f.late.name));
    auto all = f.services->reviews().all();
    REQUIRE(all.value().size() == 1);
    CHECK(all.value().first().decision == core::Decision::Accept);
    CHECK(view->stateLabel()->text().contains(QStringLiteral("Accepted (to be sent)")));
    CHECK(view->messageLabel()->text().contains(QStringLiteral("next synchronization")));

    // The hub refused it (another reviewer decided first): the list says why.
    REQUIRE(f.services->reviews()
                .markRefused(all.value().first().uuid, QStringLiteral("returned"),
                             QStringLiteral("Outra pessoa já devolveu este relatório."))
                .ok());
    CHECK(view->stateLabel()->text().contains(QStringLiteral("Refused by the hub: Outra pessoa já devolveu")));
    QTest::mouseClick(view->backButton(), Qt::LeftButton);
    CHECK(cellText(inbox->table(), rowOfReport(inbox->table(), f.late.uuid), InboxModel::State)
          == QStringLiteral("Refused by the hub: Outra pessoa já devolveu este relatório."));
}
