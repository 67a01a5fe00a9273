// The apoiador's window (issue 11) driven through its real widgets, offscreen: the pages
// the apoio program has, the quadrimestre on the reports page, and the editors of the
// national field types — the state, the municipalities of that state, the list of
// encaminhamentos — typed, clicked and read back from the store.
#include "tests/support/catch_qt.h"
#include <catch2/catch.hpp>

#include "app/ui/editor/action_form.h"
#include "app/ui/editor/action_list_model.h"
#include "app/ui/editor/field_editors.h"
#include "app/ui/editor/report_editor_page.h"
#include "app/ui/main_window.h"
#include "app/ui/pages/reports_page.h"
#include "core/demo/demo_data.h"
#include "core/services/services.h"
#include "tests/app/editor/editor_fixture.h"
#include "tests/app/fake_dialogs.h"
#include "tests/support/temp_dir.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTest>
#include <QTimeZone>
#include <QToolButton>

using namespace mobiliza;

namespace {

struct ApoiadorWindow
{
    test::TempDir dir;
    core::FixedClock clock{QDateTime(QDate(2026, 11, 22), QTime(14, 0), QTimeZone::utc())};
    std::unique_ptr<core::Services> services;
    ui::AppContext context;
    test::FakeDialogs dialogs;
    std::unique_ptr<ui::MainWindow> window;

    ApoiadorWindow()
    {
        auto opened = core::Services::open(dir.path(), clock);
        REQUIRE(opened.ok());
        services = std::move(opened.value());
        REQUIRE(services->profile().setProgram(core::ProgramDefinition::apoioCosemsId()).ok());
        REQUIRE(services->profile().setRole(core::Role::Municipality, QStringLiteral("BA")).ok());
        context = ui::AppContext{dir.path(), core::ReferenceData::embedded(),
                                 core::ProgramDefinition::apoioCosems(), services.get(), &clock};
        window = std::make_unique<ui::MainWindow>(context, nullptr, &dialogs);
        window->resize(1366, 768);
        window->show();
        window->activateWindow();
        REQUIRE(QTest::qWaitForWindowActive(window.get()));
    }
    ~ApoiadorWindow() { window.reset(); }

    ui::ReportEditorPage *editor() const { return window->findChild<ui::ReportEditorPage *>(); }
    QWidget *field(const QString &id) const { return editor()->form()->fieldWidget(id); }
    core::Action storedAction() const
    {
        editor()->flushPendingEdits();
        const auto r = services->reports().report(editor()->report().uuid);
        REQUIRE(r.ok());
        REQUIRE(r.value().actions.size() == 1);
        return r.value().actions.at(0);
    }
};

QListWidgetItem *itemNamed(QListWidget *list, const QString &text)
{
    for (int i = 0; i < list->count(); ++i)
        if (list->item(i)->text() == text)
            return list->item(i);
    return nullptr;
}

// The next widget Tab stops at (the focus chain also holds widgets that take no focus).
QWidget *nextTabStop(QWidget *w)
{
    QWidget *next = w->nextInFocusChain();
    while (next && next != w && !(next->focusPolicy() & Qt::TabFocus))
        next = next->nextInFocusChain();
    REQUIRE(next);
    return next;
}

} // namespace

TEST_CASE("apoio editor: the apoiador's pages, a quadrimestre created and an action recorded by hand")
{
    ApoiadorWindow w;
    // The apoio program has no partners register and no monthly Painel.
    CHECK(w.window->page(QStringLiteral("partners")) == nullptr);
    CHECK(w.window->page(QStringLiteral("panel")) == nullptr);
    CHECK(w.window->windowTitle().contains(QStringLiteral("BA")));

    auto *reports = qobject_cast<ui::ReportsPage *>(w.window->page(QStringLiteral("reports")));
    REQUIRE(reports);
    CHECK_FALSE(reports->findChildren<QLabel *>().isEmpty());
    bool headerSaysQuadrimestre = false;
    for (QLabel *l : reports->findChildren<QLabel *>())
        headerSaysQuadrimestre = headerSaysQuadrimestre || l->text() == QStringLiteral("Four-month reports");
    CHECK(headerSaysQuadrimestre);
    auto *create = reports->findChild<QPushButton *>(QStringLiteral("createReport"));
    REQUIRE(create);
    REQUIRE(create->isVisible());
    // 22/11/2026 is in the third quadrimestre (September–December).
    CHECK(create->text() == QStringLiteral("Create the report of the Four-month period 3 of 2026"));
    QTest::mouseClick(create, Qt::LeftButton);
    ui::ReportEditorPage *editor = w.editor();
    REQUIRE(editor);
    REQUIRE(editor->isVisible());
    CHECK(editor->report().period.key() == QStringLiteral("2026-Q3"));

    // A new action starts in the apoiador's state; its municipalities are that state's.
    auto *addAction = editor->findChild<QToolButton *>(QStringLiteral("addAction"));
    REQUIRE(addAction);
    QTest::mouseClick(addAction, Qt::LeftButton);
    REQUIRE(editor->report().actions.size() == 1);
    auto *uf = qobject_cast<QComboBox *>(w.field(QStringLiteral("uf")));
    REQUIRE(uf);
    CHECK(uf->currentData().toString() == QStringLiteral("BA"));
    auto *municipalities =
        w.editor()->form()->fieldBlock(QStringLiteral("municipalities"))->findChild<ui::CheckList *>();
    REQUIRE(municipalities);
    CHECK(municipalities->list()->count() == 417); // Bahia's municipalities
    CHECK(itemNamed(municipalities->list(), QStringLiteral("Recife")) == nullptr);

    // Typed into the filter, Enter, Space: Feira de Santana ticked, by keyboard only.
    municipalities->filterField()->setFocus();
    test::typeText(municipalities->filterField(), QStringLiteral("feira de sant"));
    QTest::keyClick(municipalities->filterField(), Qt::Key_Return);
    REQUIRE(QApplication::focusWidget() == municipalities->list());
    QTest::keyClick(municipalities->list(), Qt::Key_Space);
    CHECK(w.storedAction().values.value(QStringLiteral("municipalities")).toArray() ==
          QJsonArray{QStringLiteral("2910800")});

    // The state changed afterwards: the list follows it, and what was ticked stays, marked.
    uf->setFocus();
    uf->setCurrentIndex(uf->findData(QStringLiteral("PE")));
    CHECK(itemNamed(municipalities->list(), QStringLiteral("Recife")) != nullptr);
    QListWidgetItem *kept =
        itemNamed(municipalities->list(), QStringLiteral("Feira de Santana (BA) — not of the chosen state"));
    REQUIRE(kept);
    CHECK(kept->checkState() == Qt::Checked);
    core::Action stored = w.storedAction();
    CHECK(stored.values.value(QStringLiteral("uf")).toString() == QStringLiteral("PE"));
    CHECK(stored.values.value(QStringLiteral("municipalities")).toArray() ==
          QJsonArray{QStringLiteral("2910800")});
    // …and the validation names it (the rule municipalities_in_uf), with the action's number.
    bool outside = false;
    for (const auto &finding : editor->findings())
        outside = outside || finding.code == QStringLiteral("outside_uf");
    CHECK(outside);
    uf->setCurrentIndex(uf->findData(QStringLiteral("BA")));
    CHECK(municipalities->list()->count() == 417); // back: the mark is gone, the tick kept
    CHECK(itemNamed(municipalities->list(), QStringLiteral("Feira de Santana"))->checkState() == Qt::Checked);

    // The type names the action in the list.
    auto *type = qobject_cast<QComboBox *>(w.field(QStringLiteral("support_type")));
    REQUIRE(type);
    type->setCurrentIndex(type->findData(QStringLiteral("visita_tecnica")));
    w.editor()->flushPendingEdits();
    CHECK(editor->actionModel()->index(0).data().toString().contains(QStringLiteral("Visita técnica")));
}

TEST_CASE("apoio editor: encaminhamentos added, typed, ticked done and removed in the form")
{
    ApoiadorWindow w;
    auto created = w.services->reports().createReport(core::ProgramDefinition::apoioCosemsId(),
                                                      core::Period::quadrimesterOf(2026, 3));
    REQUIRE(created.ok());
    REQUIRE(w.services->reports()
                .addAction(created.value().uuid,
                           QJsonObject{{QStringLiteral("uf"), QStringLiteral("BA")},
                                       {QStringLiteral("date"), QStringLiteral("2026-10-05")}})
                .ok());
    REQUIRE(w.window->showPage(QStringLiteral("reports")));
    w.window->openReport(created.value().uuid);
    ui::ReportEditorPage *editor = w.editor();
    REQUIRE(editor->isVisible());

    QWidget *block = editor->form()->fieldBlock(QStringLiteral("referrals"));
    REQUIRE(block);
    auto *add = block->findChild<QPushButton *>(QStringLiteral("addListEntry"));
    REQUIRE(add);
    CHECK(add->text().contains(QStringLiteral("Encaminhamentos")));
    QTest::mouseClick(add, Qt::LeftButton);
    // The cursor is in the new entry's first field: typed, then Tab to the next.
    QWidget *first = QApplication::focusWidget();
    REQUIRE(first);
    REQUIRE(block->isAncestorOf(first));
    test::typeText(first, QStringLiteral("Enviar a PAS revisada"));
    QTest::keyClick(first, Qt::Key_Tab);
    REQUIRE(QApplication::focusWidget()->accessibleName() == QStringLiteral("Responsável"));
    test::typeText(QApplication::focusWidget(), QStringLiteral("Secretaria Municipal"));
    // Shift+Tab goes back to the description; the entry's last field is followed by its Remove,
    // then Add, then the form goes on (not back to the top of the window).
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Backtab);
    CHECK(QApplication::focusWidget() == first);
    QWidget *doneOn = nullptr;
    for (auto *w : block->findChildren<QWidget *>())
        if (w->accessibleName() == QStringLiteral("Feito em"))
            doneOn = w;
    REQUIRE(doneOn);
    CHECK(nextTabStop(doneOn)->objectName() == QStringLiteral("removeListEntry"));
    CHECK(nextTabStop(nextTabStop(doneOn)) == add);
    QWidget *after = nextTabStop(add);
    CHECK_FALSE(block->isAncestorOf(after));
    CHECK(editor->isAncestorOf(after)); // still in the editor, not the navigation
    core::Action stored = w.storedAction();
    QJsonArray referrals = stored.values.value(QStringLiteral("referrals")).toArray();
    REQUIRE(referrals.size() == 1);
    CHECK(referrals.at(0).toObject().value(QStringLiteral("description")).toString() ==
          QStringLiteral("Enviar a PAS revisada"));
    CHECK(referrals.at(0).toObject().value(QStringLiteral("responsible")).toString() ==
          QStringLiteral("Secretaria Municipal"));
    CHECK_FALSE(referrals.at(0).toObject().contains(QStringLiteral("done"))); // an unticked box is no answer
    // Its missing follow-up date is a finding that names the entry.
    bool followUpMissing = false;
    for (const auto &finding : editor->findings())
        followUpMissing = followUpMissing || finding.path.contains(QStringLiteral("referrals[0].follow_up"));
    CHECK(followUpMissing);

    // Ticked done with a click.
    QCheckBox *done = nullptr;
    for (QCheckBox *box : block->findChildren<QCheckBox *>())
        if (box->text() == QStringLiteral("Feito"))
            done = box;
    REQUIRE(done);
    QTest::mouseClick(done, Qt::LeftButton, {}, QPoint(6, done->height() / 2));
    CHECK(w.storedAction()
              .values.value(QStringLiteral("referrals"))
              .toArray()
              .at(0)
              .toObject()
              .value(QStringLiteral("done")) == QJsonValue(true));

    // A second entry, then the first removed: the second keeps its words and becomes the first.
    QTest::mouseClick(add, Qt::LeftButton);
    test::typeText(QApplication::focusWidget(), QStringLiteral("Agendar a CIR"));
    QList<QPushButton *> removes = block->findChildren<QPushButton *>(QStringLiteral("removeListEntry"));
    REQUIRE(removes.size() == 2);
    QTest::mouseClick(removes.first(), Qt::LeftButton);
    referrals = w.storedAction().values.value(QStringLiteral("referrals")).toArray();
    REQUIRE(referrals.size() == 1);
    CHECK(referrals.at(0).toObject().value(QStringLiteral("description")).toString() ==
          QStringLiteral("Agendar a CIR"));
    // Undo brings the removed one back, and exactly that: the words typed before stay.
    editor->undo();
    referrals = w.storedAction().values.value(QStringLiteral("referrals")).toArray();
    REQUIRE(referrals.size() == 2);
    CHECK(referrals.at(0).toObject().value(QStringLiteral("description")).toString() ==
          QStringLiteral("Enviar a PAS revisada"));
    CHECK(referrals.at(0).toObject().value(QStringLiteral("done")) == QJsonValue(true));
    CHECK(referrals.at(1).toObject().value(QStringLiteral("description")).toString() ==
          QStringLiteral("Agendar a CIR"));
    int shownEntries = 0; // removed ones go at the next turn of the event loop: count what is shown
    for (QPushButton *b : block->findChildren<QPushButton *>(QStringLiteral("removeListEntry")))
        shownEntries += b->isVisibleTo(block);
    CHECK(shownEntries == 2);
    // One more undo takes the second entry's words away, not the entry before them.
    editor->undo();
    referrals = w.storedAction().values.value(QStringLiteral("referrals")).toArray();
    REQUIRE(referrals.size() == 2);
    CHECK_FALSE(referrals.at(1).toObject().contains(QStringLiteral("description")));
}

TEST_CASE(
    "apoio editor: a concluded quadrimestre's lists cannot be ticked, and an entry keeps what no field shows")
{
    ApoiadorWindow w;
    core::DemoData seed(*w.services, w.context.program, w.context.reference, w.clock);
    REQUIRE(seed.seed().ok());
    const auto concluded = w.services->reports().reportFor(core::ProgramDefinition::apoioCosemsId(),
                                                           core::Period::quadrimesterOf(2026, 2));
    REQUIRE(concluded.ok());
    w.window->openReport(concluded.value().uuid);
    ui::ReportEditorPage *editor = w.editor();
    REQUIRE(editor->isVisible());
    auto *municipalities =
        editor->form()->fieldBlock(QStringLiteral("municipalities"))->findChild<ui::CheckList *>();
    REQUIRE(municipalities);
    REQUIRE(municipalities->list()->count() > 0);
    for (int i = 0; i < municipalities->list()->count(); ++i)
        CHECK_FALSE(municipalities->list()->item(i)->flags().testFlag(Qt::ItemIsUserCheckable));

    // A draft whose entry holds a key of another version: typing in the entry keeps it.
    auto created = w.services->reports().reportFor(core::ProgramDefinition::apoioCosemsId(),
                                                   core::Period::quadrimesterOf(2026, 3));
    REQUIRE(created.ok());
    const core::Action first = created.value().actions.at(0);
    QJsonObject values = first.values;
    values.insert(QStringLiteral("referrals"),
                  QJsonArray{QJsonObject{{QStringLiteral("description"), QStringLiteral("Rever o plano")},
                                         {QStringLiteral("legacy_note"), QStringLiteral("kept")}}});
    REQUIRE(w.services->reports().updateAction(first.uuid, values).ok());
    w.window->openReport(created.value().uuid);
    QWidget *block = editor->form()->fieldBlock(QStringLiteral("referrals"));
    QLineEdit *description = nullptr;
    for (auto *line : block->findChildren<QLineEdit *>())
        if (line->accessibleName() == QStringLiteral("Encaminhamento"))
            description = line;
    REQUIRE(description);
    description->setFocus();
    description->end(false);
    test::typeText(description, QStringLiteral(" anual"));
    editor->flushPendingEdits();
    const auto reread = w.services->reports().report(created.value().uuid);
    REQUIRE(reread.ok());
    const QJsonObject entry =
        reread.value().actions.at(0).values.value(QStringLiteral("referrals")).toArray().at(0).toObject();
    CHECK(entry.value(QStringLiteral("description")).toString() == QStringLiteral("Rever o plano anual"));
    CHECK(entry.value(QStringLiteral("legacy_note")).toString() == QStringLiteral("kept"));
}

TEST_CASE("apoio editor: the SES-MG central level keeps its own header")
{
    test::TempDir dir;
    core::FixedClock clock{QDateTime(QDate(2026, 11, 22), QTime(14, 0), QTimeZone::utc())};
    auto opened = core::Services::open(dir.path(), clock);
    REQUIRE(opened.ok());
    REQUIRE(opened.value()->profile().setRole(core::Role::Central).ok());
    ui::AppContext context{dir.path(),
                           core::ReferenceData::embedded(),
                           core::ProgramDefinition::sesMgMobilizacao(),
                           opened.value().get(),
                           &clock,
                           nullptr,
                           core::Role::Central};
    test::FakeDialogs dialogs;
    auto window = std::make_unique<ui::MainWindow>(context, nullptr, &dialogs);
    bool header = false;
    for (QLabel *l : window->findChildren<QLabel *>())
        header = header || l->text() == QStringLiteral("SES-MG — central level");
    CHECK(header);
    window.reset();
}
