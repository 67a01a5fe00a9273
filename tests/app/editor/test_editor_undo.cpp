// Undo/redo through the service, reordering, and autosave that survives closing.
#include <catch2/catch.hpp>
#include "tests/support/catch_qt.h"

#include "app/ui/editor/action_form.h"
#include "app/ui/editor/action_list_model.h"
#include "app/ui/editor/photo_card.h"
#include "app/ui/editor/photo_strip.h"
#include "app/ui/editor/report_editor_page.h"
#include "tests/app/editor/editor_fixture.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QTest>
#include <QToolButton>
#include <QUndoStack>

using namespace mobiliza;
using core::field_role::Description;
using core::field_role::Title;

namespace {

// A report with actions built through the service: titles, photos, partners.
struct Built
{
    test::EditorFixture f;
    QString report;
    QList<core::Action> actions;
    QString partner;

    explicit Built(const QList<int> &photosPerAction)
    {
        report = f.createNovember();
        core::Partner p;
        p.name = QStringLiteral("Escola Estadual Tiradentes");
        auto saved = f.services->partners().save(p);
        REQUIRE(saved.ok());
        partner = saved.value().uuid;
        int seed = 10;
        for (int i = 0; i < photosPerAction.size(); ++i) {
            auto a = f.services->reports().addAction(
                report, QJsonObject{{f.fieldId(Title), QStringLiteral("Ação de teste %1").arg(i + 1)},
                                    {f.fieldId(core::field_role::Date), QStringLiteral("2026-11-0%1").arg(i + 1)}});
            REQUIRE(a.ok());
            REQUIRE(f.services->reports().setActionPartners(a.value().uuid, {partner}).ok());
            for (int k = 0; k < photosPerAction.at(i); ++k) {
                core::Photo meta;
                meta.sha256 = f.storeBlob(seed++);
                meta.caption = QStringLiteral("Foto %1 da ação %2").arg(k + 1).arg(i + 1);
                REQUIRE(f.services->reports().addPhoto(a.value().uuid, meta).ok());
            }
        }
        actions = f.services->reports().report(report).value().actions;
    }
};

std::unique_ptr<ui::ReportEditorPage> openPage(test::EditorFixture &f, const QString &report)
{
    auto page = std::make_unique<ui::ReportEditorPage>(f.context, f.dialogs);
    page->resize(1200, 860);
    page->show();
    page->activateWindow();
    REQUIRE(QTest::qWaitForWindowActive(page.get()));
    REQUIRE(page->openReport(report));
    return page;
}

QList<int> numbers(const ui::PhotoStrip *strip)
{
    QList<int> list;
    for (const ui::PhotoCard *card : strip->cards())
        list << card->number();
    return list;
}

} // namespace

TEST_CASE("editor undo: a field edit is undone and redone through the service")
{
    test::EditorFixture f;
    const QString report = f.createNovember();
    auto page = openPage(f, report);
    page->addNewAction();
    auto *title = qobject_cast<QLineEdit *>(page->form()->fieldWidget(f.fieldId(Title)));
    REQUIRE(title);
    test::typeText(title, QStringLiteral("Caminhada"));
    page->flushPendingEdits();
    auto *description = qobject_cast<QPlainTextEdit *>(page->form()->fieldWidget(f.fieldId(Description)));
    REQUIRE(description);
    test::typeText(description, QStringLiteral("Caminhada pela saúde"));
    // Not flushed yet: undo saves it first, then undoes exactly that edit.
    page->undo();
    auto stored = [&] { return f.services->reports().report(report).value().actions.at(0).values; };
    CHECK(stored().value(f.fieldId(Title)).toString() == QStringLiteral("Caminhada"));
    CHECK_FALSE(stored().contains(f.fieldId(Description)));
    CHECK(description->toPlainText().isEmpty());
    page->undo(); // the title typed, as one step
    CHECK_FALSE(stored().contains(f.fieldId(Title)));
    CHECK(title->text().isEmpty());
    page->redo();
    page->redo();
    CHECK(stored().value(f.fieldId(Title)).toString() == QStringLiteral("Caminhada"));
    CHECK(stored().value(f.fieldId(Description)).toString() == QStringLiteral("Caminhada pela saúde"));
    CHECK(title->text() == QStringLiteral("Caminhada"));
    CHECK(description->toPlainText() == QStringLiteral("Caminhada pela saúde"));
}

TEST_CASE("editor undo: a removed action comes back with its uuid, place, values, partners and photos")
{
    Built b({1, 2, 1});
    auto page = openPage(b.f, b.report);
    QAbstractItemModelTester tester(page->actionModel(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    page->selectAction(1);
    const core::Action removed = b.actions.at(1);
    b.f.dialogs.answers = {false};
    QTest::mouseClick(page->removeActionButton(), Qt::LeftButton);
    CHECK(page->report().actions.size() == 3); // declined
    QTest::mouseClick(page->removeActionButton(), Qt::LeftButton);
    REQUIRE(page->report().actions.size() == 2);
    CHECK(b.f.dialogs.questions.last().contains(QStringLiteral("2 photo")));
    CHECK(page->actionModel()->index(1).data().toString().startsWith(QStringLiteral("Ação 2 — Ação de teste 3")));

    page->undo();
    const core::Report r = b.f.services->reports().report(b.report).value();
    REQUIRE(r.actions.size() == 3);
    const core::Action &back = r.actions.at(1);
    CHECK(back.uuid == removed.uuid);
    CHECK(back.position == 1);
    CHECK(back.values == removed.values);
    CHECK(back.partnerUuids == QStringList{b.partner});
    REQUIRE(back.photos.size() == 2);
    CHECK(back.photos.at(0).uuid == removed.photos.at(0).uuid);
    CHECK(back.photos.at(1).caption == removed.photos.at(1).caption);
    CHECK(page->currentActionUuid() == removed.uuid);
    CHECK(numbers(page->photoStrip()) == QList<int>{2, 3});
    page->redo();
    CHECK(b.f.services->reports().report(b.report).value().actions.size() == 2);
}

TEST_CASE("editor: moving actions renumbers the photos across the report")
{
    Built b({1, 2});
    auto page = openPage(b.f, b.report);
    page->selectAction(0);
    CHECK(numbers(page->photoStrip()) == QList<int>{1});
    page->selectAction(1);
    CHECK(numbers(page->photoStrip()) == QList<int>{2, 3});
    page->actionList()->setFocus();
    QTest::keyClick(page->actionList(), Qt::Key_Up, Qt::AltModifier); // Alt+Up on the list
    const core::Report r = b.f.services->reports().report(b.report).value();
    CHECK(r.actions.at(0).uuid == b.actions.at(1).uuid);
    CHECK(page->currentRow() == 0);
    CHECK(numbers(page->photoStrip()) == QList<int>{1, 2});
    page->selectAction(1);
    CHECK(numbers(page->photoStrip()) == QList<int>{3});
    CHECK(page->actionModel()->index(0).data().toString().contains(QStringLiteral("Ação de teste 2")));

    // Photos move inside their action too, and undo puts them back.
    page->selectAction(0);
    const QString first = page->photoStrip()->cards().at(0)->uuid();
    QTest::mouseClick(page->photoStrip()->cards().at(0)->moveLaterButton(), Qt::LeftButton);
    CHECK(page->photoStrip()->cards().at(1)->uuid() == first);
    page->undo();
    CHECK(page->photoStrip()->cards().at(0)->uuid() == first);
    page->undo();
    CHECK(b.f.services->reports().report(b.report).value().actions.at(0).uuid == b.actions.at(0).uuid);
}

TEST_CASE("editor: what is typed is saved without any save command and survives closing")
{
    test::EditorFixture f;
    const QString report = f.createNovember();
    {
        auto page = openPage(f, report);
        page->addNewAction();
        test::typeText(page->form()->fieldWidget(f.fieldId(Title)), QStringLiteral("Roda de conversa"));
        CHECK(page->saveIndicator()->text() == QStringLiteral("Saving…"));
        // The debounce saves on its own…
        QTRY_COMPARE_WITH_TIMEOUT(page->hasPendingEdits(), false, 3000);
        CHECK(page->saveIndicator()->text().startsWith(QStringLiteral("Saved at ")));
        CHECK(f.services->reports().report(report).value().actions.at(0).values.value(f.fieldId(Title)).toString() ==
              QStringLiteral("Roda de conversa"));
        // …and closing right after typing loses nothing either.
        test::typeText(page->form()->fieldWidget(f.fieldId(Description)), QStringLiteral("Com gestantes da UBS."));
        CHECK(page->hasPendingEdits());
    }
    f.reopenServices();
    const core::Action a = f.services->reports().report(report).value().actions.at(0);
    CHECK(a.values.value(f.fieldId(Title)).toString() == QStringLiteral("Roda de conversa"));
    CHECK(a.values.value(f.fieldId(Description)).toString() == QStringLiteral("Com gestantes da UBS."));
}

TEST_CASE("editor: switching actions saves the pending text first")
{
    Built b({0, 0});
    auto page = openPage(b.f, b.report);
    page->selectAction(0);
    QTest::keyClick(page->form()->fieldWidget(b.f.fieldId(Title)), Qt::Key_End);
    test::typeText(page->form()->fieldWidget(b.f.fieldId(Title)), QStringLiteral(" (revisada)"));
    page->selectAction(1);
    CHECK(b.f.services->reports().report(b.report).value().actions.at(0).values.value(b.f.fieldId(Title)).toString() ==
          QStringLiteral("Ação de teste 1 (revisada)"));
    CHECK(qobject_cast<QLineEdit *>(page->form()->fieldWidget(b.f.fieldId(Title)))->text() ==
          QStringLiteral("Ação de teste 2"));
}
