// Issue 12 §7, "the UI thread stays free": every autosave of the editor notifies a
// change of its report; the pages that are not on screen (Synchronization, Painel)
// do no work for it, and read what changed once, when they are shown.
#include "tests/support/catch_qt.h"
#include <catch2/catch.hpp>

#include "app/ui/editor/action_form.h"
#include "app/ui/editor/report_editor_page.h"
#include "app/ui/main_window.h"
#include "app/ui/models/report_list_model.h"
#include "app/ui/pages/panel_page.h"
#include "app/ui/pages/reports_page.h"
#include "app/ui/pages/sync_page.h"
#include "core/program/program_definition.h"
#include "core/services/outbox_service.h"
#include "tests/app/editor/editor_fixture.h"
#include "tests/support/valid_report.h"

#include <QApplication>
#include <QListWidget>
#include <QSignalSpy>
#include <QTest>

using namespace mobiliza;

namespace {

// October 2026 with one valid action and its photo, still a draft: ready to conclude.
QString validOctober(test::EditorFixture &f)
{
    auto &reports = f.services->reports();
    const core::Period period{2026, 10};
    auto created = reports.createReport(f.context.program.id(), period);
    REQUIRE(created.ok());
    auto action = reports.addAction(created->uuid, test::validActionValues(period, 1));
    REQUIRE(action.ok());
    REQUIRE(reports.addPhoto(action->uuid, test::validPhoto(f.storeBlob(1), period, 1)).ok());
    return created->uuid;
}

QString rowText(const ui::SyncPage *page, int row)
{
    const QListWidgetItem *item = page->queue()->item(row);
    return item ? item->text() : QString();
}

// The state key of a month on the Relatórios list ("draft", "ready"…), as the list has it.
QString stateOf(const ui::ReportsPage *page, const QString &periodKey)
{
    const QAbstractItemModel *model = page->model();
    for (int row = 0; row < model->rowCount(); ++row)
        if (model->index(row, 0).data(ui::ReportListModel::PeriodKeyRole).toString() == periodKey)
            return model->index(row, 0).data(ui::ReportListModel::StateKeyRole).toString();
    return {};
}

} // namespace

TEST_CASE(
    "hidden pages: editor autosaves cost the Synchronization, Reports and Painel pages nothing until shown")
{
    test::EditorFixture f;
    const QString october = validOctober(f);
    const QString november = f.createNovember();
    ui::MainWindow window(f.context, nullptr, &f.dialogs);
    window.resize(1366, 768);
    window.show();
    auto *syncPage = qobject_cast<ui::SyncPage *>(window.page(QStringLiteral("sync")));
    auto *panel = qobject_cast<ui::PanelPage *>(window.page(QStringLiteral("panel")));
    auto *reportsPage = qobject_cast<ui::ReportsPage *>(window.page(QStringLiteral("reports")));
    REQUIRE(syncPage);
    REQUIRE(panel);
    REQUIRE(reportsPage);
    window.openReport(november);
    ui::ReportEditorPage *editor = window.editor();
    REQUIRE(editor);
    REQUIRE(window.currentPageName() == QStringLiteral("editor"));
    REQUIRE_FALSE(syncPage->isVisible());
    REQUIRE_FALSE(panel->isVisible());
    const int syncReloads = syncPage->reloadCount();
    CHECK(syncPage->queue()->count() == 0); // nothing concluded yet
    CHECK(panel->figureRequests() == 0);    // never shown: never computed

    // Typing in the title, saved after each word: one change notified per autosave.
    QSignalSpy changes(&f.services->notifier(), &core::Notifier::reportChanged);
    editor->addNewAction();
    QWidget *title = editor->form()->fieldWidget(f.fieldId(core::field_role::Title));
    REQUIRE(title);
    title->setFocus();
    const int autosaves = 6;
    for (int i = 0; i < autosaves; ++i) {
        test::typeText(title, QStringLiteral(" palavra"));
        REQUIRE(editor->hasPendingEdits());
        editor->flushPendingEdits();
    }
    QCoreApplication::processEvents(); // whatever a page queued for itself runs now
    CHECK(changes.count() >= autosaves + 1);
    auto stored = f.services->reports().report(november);
    REQUIRE(stored.ok());
    REQUIRE(stored->actions.size() == 1);
    const QString typed = stored->actions.first().values.value(f.fieldId(core::field_role::Title)).toString();
    CHECK(typed.count(QStringLiteral("palavra")) == autosaves);
    CHECK(syncPage->reloadCount() == syncReloads);
    CHECK(syncPage->isStale());
    CHECK(panel->figureRequests() == 0);
    CHECK(reportsPage->model()->isStale()); // the month list too: read again when shown

    // October is concluded while the Synchronization page is hidden: not read yet...
    REQUIRE(f.services->reports().conclude(october).ok());
    QCoreApplication::processEvents();
    CHECK(syncPage->reloadCount() == syncReloads);
    CHECK(syncPage->queue()->count() == 0);
    CHECK(stateOf(reportsPage, QStringLiteral("2026-10")) == QStringLiteral("draft"));

    // ...and there, read once, when the page is shown.
    REQUIRE(window.showPage(QStringLiteral("sync")));
    REQUIRE(syncPage->isVisible());
    CHECK(syncPage->reloadCount() == syncReloads + 1);
    CHECK_FALSE(syncPage->isStale());
    REQUIRE(syncPage->queue()->count() == 1);
    CHECK(rowText(syncPage, 0).contains(QStringLiteral("revision 1")));
    CHECK(rowText(syncPage, 0).contains(QStringLiteral("waiting to be sent")));
    QCoreApplication::processEvents();
    CHECK(syncPage->reloadCount() == syncReloads + 1);

    // The month list, when shown, has October concluded.
    REQUIRE(window.showPage(QStringLiteral("reports")));
    CHECK_FALSE(reportsPage->model()->isStale());
    CHECK(stateOf(reportsPage, QStringLiteral("2026-10")) == QStringLiteral("ready"));

    // Shown again with nothing changed: nothing to read.
    window.openReport(november);
    REQUIRE_FALSE(syncPage->isVisible());
    REQUIRE(window.showPage(QStringLiteral("sync")));
    CHECK(syncPage->reloadCount() == syncReloads + 1);

    // The Painel computes once, when shown, with the words typed while it was hidden.
    QSignalSpy refreshed(panel, &ui::PanelPage::refreshed);
    REQUIRE(window.showPage(QStringLiteral("panel")));
    REQUIRE((!refreshed.isEmpty() || refreshed.wait(20000)));
    CHECK(panel->figureRequests() == 1);
    REQUIRE(panel->data().has_value());
    CHECK(panel->data()->tiles.actions == 2); // October's action and November's
    CHECK(panel->chartBuilds() == 1);

    // Shown, a change that moves no figure (an action's title) is computed again, and its
    // charts are not drawn again (four charts rebuilt stalled the window for ~35 ms).
    auto &reports = f.services->reports();
    const core::Action first = reports.report(november)->actions.first();
    QJsonObject values = first.values;
    values.insert(f.fieldId(core::field_role::Title), QStringLiteral("Roda de conversa na escola"));
    refreshed.clear();
    REQUIRE(reports.updateAction(first.uuid, values).ok());
    REQUIRE(refreshed.wait(20000));
    CHECK(panel->figureRequests() == 2);
    CHECK(panel->chartBuilds() == 1);

    // One that moves them (another action) is drawn.
    refreshed.clear();
    REQUIRE(reports.addAction(november, test::validActionValues({2026, 11}, 2)).ok());
    REQUIRE(refreshed.wait(20000));
    CHECK(panel->data()->tiles.actions == 3);
    CHECK(panel->chartBuilds() == 2);
}

TEST_CASE("hidden pages: a visible Synchronization page reloads once for a burst of changes")
{
    test::EditorFixture f;
    const QString october = validOctober(f);
    ui::SyncPage page(f.context);
    page.resize(1000, 640);
    page.show();
    REQUIRE(QTest::qWaitForWindowExposed(&page));
    QCoreApplication::processEvents();
    const int before = page.reloadCount();
    CHECK(page.queue()->count() == 0);

    // Concluded, then held and released from elsewhere: three notifications in a row.
    QSignalSpy changes(&f.services->notifier(), &core::Notifier::reportChanged);
    REQUIRE(f.services->reports().conclude(october).ok());
    core::OutboxService outbox(f.services->database(), f.services->notifier(), f.clock, f.services->audit());
    auto items = outbox.items();
    REQUIRE(items.ok());
    REQUIRE(items->size() == 1);
    REQUIRE(outbox.hold(items->first().uuid).ok());
    REQUIRE(outbox.release(items->first().uuid).ok());
    CHECK(changes.count() >= 3);
    CHECK(page.reloadCount() == before); // not yet: once the burst is over

    REQUIRE(QTest::qWaitFor([&] { return page.reloadCount() > before; }, 5000));
    QCoreApplication::processEvents();
    CHECK(page.reloadCount() == before + 1);
    REQUIRE(page.queue()->count() == 1);
    CHECK(rowText(&page, 0).contains(QStringLiteral("waiting to be sent")));
}
