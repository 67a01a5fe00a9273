// The URS's notes in the municipality's editor, driven like a person offscreen:
// a report returned with notes on an action, on a photo and on the whole report
// shows each beside what it points at, while returned and once reopened as the
// correction (revision 2).
#include <catch2/catch.hpp>
#include "tests/support/catch_qt.h"

#include "app/ui/editor/action_form.h"
#include "app/ui/editor/action_list_model.h"
#include "app/ui/editor/photo_card.h"
#include "app/ui/editor/photo_strip.h"
#include "app/ui/editor/report_editor_page.h"
#include "app/ui/main_window.h"
#include "core/services/outbox_service.h"
#include "tests/app/editor/editor_fixture.h"
#include "tests/support/valid_report.h"

#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QScrollArea>
#include <QTest>

using namespace mobiliza;

namespace {

// A November report of two actions (1 photo, then 2), concluded and received by
// the hub, then returned from the status feed with three notes: on the second
// action, on its first photo (Foto 2) and on the report as a whole.
struct ReturnedReport
{
    QString report;
    QString noted;      // the second action
    QString notedPhoto; // its first photo
    QString other;      // the first action
};

ReturnedReport returnWithNotes(test::EditorFixture &f)
{
    ReturnedReport r;
    auto &reports = f.services->reports();
    r.report = f.createNovember();
    const core::Period period{2026, 11};
    int seed = 1;
    for (int n = 1; n <= 2; ++n) {
        auto action = reports.addAction(r.report, test::validActionValues(period, n));
        REQUIRE(action.ok());
        (n == 1 ? r.other : r.noted) = action->uuid;
        for (int i = 0; i < n; ++i) {
            auto photo = reports.addPhoto(action->uuid, test::validPhoto(f.storeBlob(seed), period, seed));
            REQUIRE(photo.ok());
            if (n == 2 && i == 0)
                r.notedPhoto = photo->uuid;
            ++seed;
        }
    }
    REQUIRE(reports.conclude(r.report).ok());
    REQUIRE(reports.applyEvent(r.report, core::ReportEvent::StartSending).ok());
    REQUIRE(reports.applyEvent(r.report, core::ReportEvent::HubReceived).ok());
    core::OutboxService outbox(f.services->database(), f.services->notifier(), f.clock, f.services->audit());
    const QList<core::ReviewNote> notes{
        {r.noted, r.notedPhoto, QStringLiteral("Foto ilegível: não dá para ver a equipe.")},
        {r.noted, {}, QStringLiteral("Qual escola recebeu a ação? O local está vago.")},
        {{}, {}, QStringLiteral("Anexe a lista de presença assinada.")}};
    auto applied = outbox.applyHubReviews(
        {core::HubReview{r.report, 1, QStringLiteral("returned"), QStringLiteral("Ação 2, Foto 2: ilegível."),
                         f.clock.now(), notes, QStringLiteral("Maria")}},
        12);
    REQUIRE(applied.ok());
    REQUIRE(applied->size() == 1);
    return r;
}

void clickRow(QListView *list, int row)
{
    const QRect rect = list->visualRect(list->model()->index(row, 0));
    REQUIRE(rect.isValid());
    QTest::mouseClick(list->viewport(), Qt::LeftButton, Qt::NoModifier, rect.center());
}

// What the person sees on the noted action: the note box and the marked card.
void checkNotedAction(ui::ReportEditorPage &page, const ReturnedReport &r)
{
    REQUIRE(page.currentActionUuid() == r.noted);
    QLabel *box = page.form()->reviewNotesBox();
    CHECK(box->isVisible());
    CHECK(box->text().contains(QStringLiteral("URS (Maria)")));
    CHECK(box->text().contains(QStringLiteral("Qual escola recebeu a ação?")));
    CHECK(box->text().contains(QStringLiteral("Photo 2: Foto ilegível")));
    ui::PhotoCard *noted = page.photoStrip()->card(r.notedPhoto);
    REQUIRE(noted);
    CHECK(noted->hasReviewNote());
    CHECK(noted->reviewNoteLabel()->isVisible());
    CHECK(noted->reviewNoteLabel()->text().contains(QStringLiteral("Foto ilegível")));
    const QList<ui::PhotoCard *> cards = page.photoStrip()->cards();
    REQUIRE(cards.size() == 2);
    CHECK_FALSE(cards.at(1)->hasReviewNote());
    CHECK_FALSE(cards.at(1)->reviewNoteLabel()->isVisible());
}

} // namespace

TEST_CASE("editor notes: a returned report shows each URS note beside its action and photo, also once reopened")
{
    test::EditorFixture f;
    const ReturnedReport r = returnWithNotes(f);
    ui::ReportEditorPage page(f.context, f.dialogs);
    page.resize(1200, 860);
    page.show();
    page.activateWindow();
    REQUIRE(QTest::qWaitForWindowActive(&page));
    REQUIRE(page.openReport(r.report));
    REQUIRE(page.report().state == core::ReportState::Returned);
    CHECK(page.returnNotes().notes.size() == 3);

    // The note on the report as a whole goes with the comment at the top.
    CHECK(page.banner()->text().contains(QStringLiteral("Ação 2, Foto 2: ilegível.")));
    CHECK(page.banner()->text().contains(QStringLiteral("Anexe a lista de presença assinada.")));
    CHECK_FALSE(page.banner()->text().contains(QStringLiteral("Qual escola")));
    // The list marks the noted action, not the other one.
    ui::ActionListModel *model = page.actionModel();
    CHECK(model->index(1).data(ui::ActionListModel::ReviewNotesRole).toStringList().size() == 2);
    CHECK(model->index(1).data().toString().contains(QStringLiteral("2 notes from the URS")));
    CHECK(model->index(1).data(Qt::ToolTipRole).toString().contains(QStringLiteral("Qual escola")));
    CHECK(model->index(0).data(ui::ActionListModel::ReviewNotesRole).toStringList().isEmpty());

    // The first action has no note: no box.
    REQUIRE(page.currentActionUuid() == r.other);
    CHECK_FALSE(page.form()->reviewNotesBox()->isVisible());
    CHECK_FALSE(page.photoStrip()->cards().at(0)->hasReviewNote());

    // A click on the noted action shows its notes, and its noted photo is marked.
    clickRow(page.actionList(), 1);
    checkNotedAction(page, r);

    // Correct it: revision 2 keeps the same actions and photos, so the notes stay put.
    f.dialogs.answers = {true};
    QTest::mouseClick(page.reopenButton(), Qt::LeftButton);
    REQUIRE(page.report().state == core::ReportState::Draft);
    REQUIRE(page.report().revision == 2);
    CHECK(page.banner()->text().contains(QStringLiteral("Anexe a lista de presença assinada.")));

    // By keyboard: up to the first action (no note), down to the noted one.
    page.actionList()->setFocus(Qt::TabFocusReason);
    QTest::keyClick(page.actionList(), Qt::Key_Up);
    CHECK(page.currentActionUuid() == r.other);
    CHECK_FALSE(page.form()->reviewNotesBox()->isVisible());
    QTest::keyClick(page.actionList(), Qt::Key_Down);
    checkNotedAction(page, r);
    // The note on the photo is reached with Tab from "Add photos…", before the caption.
    page.photoStrip()->addButton()->setFocus(Qt::TabFocusReason);
    QTest::keyClick(page.photoStrip()->addButton(), Qt::Key_Tab);
    CHECK(QApplication::focusWidget() == static_cast<QWidget *>(page.photoStrip()->card(r.notedPhoto)->reviewNoteLabel()));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    CHECK(QApplication::focusWidget() == static_cast<QWidget *>(page.photoStrip()->card(r.notedPhoto)->captionField()));
    // The action's note box takes the keyboard too (read by screen readers).
    CHECK(page.form()->reviewNotesBox()->focusPolicy() & Qt::TabFocus);
}

TEST_CASE("editor notes: readable in the main window at 1366x768 and 1024x600")
{
    test::EditorFixture f;
    const ReturnedReport r = returnWithNotes(f);
    REQUIRE(f.services->reports().applyEvent(r.report, core::ReportEvent::Reopen).ok());
    for (const QSize size : {QSize(1366, 768), QSize(1024, 600)}) {
        INFO(size.width() << "x" << size.height());
        ui::MainWindow window(f.context, nullptr, &f.dialogs);
        window.setAttribute(Qt::WA_DontShowOnScreen);
        window.resize(size);
        window.show();
        window.openReport(r.report);
        ui::ReportEditorPage *editor = window.editor();
        editor->selectAction(1);
        QCoreApplication::processEvents();
        REQUIRE(editor->currentActionUuid() == r.noted);
        QLabel *box = editor->form()->reviewNotesBox();
        REQUIRE(box->isVisible());
        // The box is whole inside the form's visible width, and the banner's notes are not cut.
        QScrollArea *scroll = editor->formScrollArea();
        const QRect boxInViewport(box->mapTo(scroll->viewport(), QPoint(0, 0)), box->size());
        CHECK(boxInViewport.right() <= scroll->viewport()->width());
        CHECK(box->heightForWidth(box->width()) <= box->height());
        CHECK(editor->banner()->heightForWidth(editor->banner()->width()) <= editor->banner()->height());
        const QString tag = QStringLiteral("%1x%2").arg(size.width()).arg(size.height());
        test::shoot(window, QStringLiteral("notes-action-%1.png").arg(tag));
        // The noted photo card, scrolled into view as the strip's first card.
        ui::PhotoCard *card = editor->photoStrip()->card(r.notedPhoto);
        REQUIRE(card);
        scroll->ensureWidgetVisible(card, 10, 10);
        QCoreApplication::processEvents();
        CHECK(card->reviewNoteLabel()->isVisible());
        test::shoot(window, QStringLiteral("notes-photo-%1.png").arg(tag));
        // The other action: the noted one stays marked in the list.
        editor->selectAction(0);
        QCoreApplication::processEvents();
        CHECK_FALSE(editor->form()->reviewNotesBox()->isVisible());
        test::shoot(window, QStringLiteral("notes-list-%1.png").arg(tag));
    }
}
