// The report list in the users' words, the editor inside the main window, the
// service additions behind undo, and a rendered screenshot of the editor.
#include <catch2/catch.hpp>
#include "tests/support/catch_qt.h"

#include "app/ui/editor/action_list_model.h"
#include "app/ui/editor/photo_strip.h"
#include "app/ui/editor/report_editor_page.h"
#include "app/ui/main_window.h"
#include "app/ui/models/report_list_model.h"
#include "app/ui/pages/reports_page.h"
#include "core/demo/demo_data.h"
#include "tests/app/editor/editor_fixture.h"
#include "tests/support/valid_report.h"

#include "app/ui/editor/photo_card.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QTest>

using namespace mobiliza;

namespace {

} // namespace

TEST_CASE("report list: states in the users' words, the reviewer's comment, the justified empty month")
{
    test::EditorFixture f;
    auto &reports = f.services->reports();
    const QString returned = reports.createReport(f.context.program.id(), {2026, 9}).value().uuid;
    REQUIRE(reports.setNoActions(returned, true, QStringLiteral("Equipe afastada por surto de gripe.")).ok());
    REQUIRE(reports.conclude(returned).ok());
    REQUIRE(reports.applyEvent(returned, core::ReportEvent::StartSending).ok());
    REQUIRE(reports.applyEvent(returned, core::ReportEvent::HubReceived).ok());
    REQUIRE(reports.applyEvent(returned, core::ReportEvent::Return, QStringLiteral("Anexar a ata da reunião.")).ok());
    const QString ready = reports.createReport(f.context.program.id(), {2026, 10}).value().uuid;
    REQUIRE(reports.setNoActions(ready, true, QStringLiteral("Nenhuma ação por causa das eleições.")).ok());
    REQUIRE(reports.conclude(ready).ok());
    f.createNovember();

    ui::ReportListModel model(f.context);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    REQUIRE(model.rowCount() == 3);
    auto state = [&](int row) { return model.index(row, ui::ReportListModel::State).data().toString(); };
    CHECK(state(0) == QStringLiteral("Draft"));
    CHECK(state(1) == QStringLiteral("Ready — in the outbox"));
    CHECK(state(2).contains(QStringLiteral("Returned for correction")));
    CHECK(state(2).contains(QStringLiteral("Anexar a ata da reunião.")));
    CHECK(model.index(2, ui::ReportListModel::State).data(Qt::ToolTipRole).toString().contains(
        QStringLiteral("Anexar a ata")));
    CHECK(model.index(2, 0).data(ui::ReportListModel::ReviewCommentRole).toString() ==
          QStringLiteral("Anexar a ata da reunião."));
    CHECK(model.index(1, ui::ReportListModel::Actions).data().toString() == QStringLiteral("none (justified)"));
    CHECK(model.index(1, 0).data(ui::ReportListModel::NoActionsRole).toBool());
    // September was due on 10/10: returned and not corrected, it is late.
    CHECK(model.index(2, 0).data(ui::ReportListModel::LateRole).toBool());
    CHECK(model.index(2, ui::ReportListModel::Deadline).data().toString().contains(QStringLiteral("late")));

    REQUIRE(reports.applyEvent(returned, core::ReportEvent::Reopen).ok());
    CHECK(state(2) == QStringLiteral("Draft — correcting revision 2"));
}

TEST_CASE("main window: a month opens in the editor and the back button returns to the list")
{
    test::EditorFixture f;
    const QString report = f.createNovember();
    ui::MainWindow window(f.context, nullptr, &f.dialogs);
    window.show();
    auto *reportsPage = qobject_cast<ui::ReportsPage *>(window.page(QStringLiteral("reports")));
    REQUIRE(reportsPage);
    reportsPage->table()->setCurrentIndex(reportsPage->model()->index(0, 0));
    QTest::mouseClick(reportsPage->openButton(), Qt::LeftButton);
    CHECK(window.currentPageName() == QStringLiteral("editor"));
    CHECK(window.editor()->report().uuid == report);
    QTest::mouseClick(window.editor()->backButton(), Qt::LeftButton);
    CHECK(window.currentPageName() == QStringLiteral("reports"));
    // Keyboard: Enter on the month opens it.
    reportsPage->table()->setFocus();
    QTest::keyClick(reportsPage->table(), Qt::Key_Return);
    CHECK(window.currentPageName() == QStringLiteral("editor"));
    CHECK(window.showPage(QStringLiteral("partners")));
    CHECK(window.showPage(QStringLiteral("reports")));
    CHECK(window.currentPageName() == QStringLiteral("reports"));
}

TEST_CASE("main window: --page editor without a chosen report opens the most recent draft")
{
    test::EditorFixture f;
    core::DemoData seed(*f.services, f.context.program, f.context.reference, f.clock);
    REQUIRE(seed.seed().ok());
    ui::MainWindow window(f.context, nullptr, &f.dialogs);
    window.setAttribute(Qt::WA_DontShowOnScreen);
    window.resize(1280, 800);
    REQUIRE(window.showPage(QStringLiteral("editor")));
    window.show();
    QCoreApplication::processEvents();
    ui::ReportEditorPage *editor = window.editor();
    CHECK(window.currentPageName() == QStringLiteral("editor"));
    CHECK(editor->report().period == core::Period{2026, 11});
    CHECK(editor->report().state == core::ReportState::Draft);
    CHECK(editor->currentRow() == 0);
    CHECK(editor->actionModel()->rowCount() == int(editor->report().actions.size()));
    // What the reference sees: every card shows its photo once the thumbnails,
    // decoded off the UI thread, arrive.
    const QList<ui::PhotoCard *> cards = editor->photoStrip()->cards();
    REQUIRE_FALSE(cards.isEmpty());
    REQUIRE(QTest::qWaitFor(
        [&cards] { return std::all_of(cards.begin(), cards.end(), [](auto *c) { return c->hasThumbnail(); }); },
        10000));
    CHECK(cards.first()->number() == 1);
    CHECK_FALSE(cards.first()->captionField()->text().isEmpty());
    test::shoot(window, QStringLiteral("mobiliza_editor.png"));

    // A finding about the photos puts the keyboard in the photo strip.
    editor->activateFinding(QStringLiteral("actions[0].photos"));
    QWidget *focused = window.focusWidget();
    REQUIRE(focused != nullptr);
    CHECK((focused == editor->photoStrip() || editor->photoStrip()->isAncestorOf(focused)));
    test::shoot(window, QStringLiteral("mobiliza_editor_photos.png"));

    // A new action is added at the end and becomes the one being edited.
    const int before = editor->actionModel()->rowCount();
    editor->addNewAction();
    CHECK(editor->actionModel()->rowCount() == before + 1);
    CHECK(editor->currentRow() == before);
    CHECK(editor->photoStrip()->cards().isEmpty());
    test::shoot(window, QStringLiteral("mobiliza_editor_new.png"));
}

TEST_CASE("report service: restoring puts back the same photo, refuses a duplicate or a locked report")
{
    test::EditorFixture f;
    auto &reports = f.services->reports();
    const QString report = f.createNovember();
    const auto action = reports.addAction(report, test::validActionValues({2026, 11}));
    REQUIRE(action.ok());
    core::Photo meta = test::validPhoto(f.storeBlob(1), {2026, 11});
    const auto first = reports.addPhoto(action.value().uuid, meta);
    REQUIRE(first.ok());
    const auto again = reports.addPhoto(action.value().uuid, meta);
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().code == QStringLiteral("duplicate_photo"));
    CHECK(again.error().message.contains(QStringLiteral("photo 1")));
    // The same picture in another action is fine.
    const auto other = reports.addAction(report, {});
    CHECK(reports.addPhoto(other.value().uuid, meta).ok());

    meta.sha256 = f.storeBlob(2);
    const auto second = reports.addPhoto(action.value().uuid, meta);
    REQUIRE(second.ok());
    REQUIRE(reports.removePhoto(first.value().uuid).ok());
    const auto restored = reports.restorePhoto(first.value());
    REQUIRE(restored.ok());
    const auto photos = reports.report(report).value().actions.at(0).photos;
    REQUIRE(photos.size() == 2);
    CHECK(photos.at(0).uuid == first.value().uuid); // its old place, first
    CHECK(photos.at(1).uuid == second.value().uuid);
    CHECK(reports.restorePhoto(first.value()).error().code == QStringLiteral("already_exists"));

    REQUIRE(reports.removeAction(other.value().uuid).ok());
    REQUIRE(reports.setNoActions(report, false, {}).ok());
    core::Action gone = other.value();
    gone.photos = {};
    REQUIRE(reports.conclude(report).ok());
    CHECK(reports.restoreAction(gone).error().code == QStringLiteral("locked"));
    CHECK(reports.reviewComments().isEmpty());
}
