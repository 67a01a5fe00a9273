// Input that must not change data without the person meaning to (issue 12, §3), on
// the real widgets, offscreen, driven as a person does: the mouse wheel over fields
// while scrolling the form, and dates typed as dd/mm/aaaa.
#include "tests/support/catch_qt.h"
#include <catch2/catch.hpp>

#include "app/ui/editor/action_form.h"
#include "app/ui/editor/field_editors.h"
#include "app/ui/editor/optional_date_edit.h"
#include "app/ui/editor/photo_card.h"
#include "app/ui/editor/photo_strip.h"
#include "app/ui/editor/report_editor_page.h"
#include "app/ui/main_window.h"
#include "tests/app/editor/editor_fixture.h"

#include <QAction>
#include <QApplication>
#include <QCalendarWidget>
#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>
#include <QVBoxLayout>
#include <QWheelEvent>

using namespace mobiliza;

namespace {

// A notch of the wheel (down) over the middle of `w`, as the window system sends it.
void wheelOver(QWidget *w, int delta = -120)
{
    const QPointF at(w->width() / 2.0, w->height() / 2.0);
    QWheelEvent event(at, w->mapToGlobal(at), QPoint(), QPoint(0, delta), Qt::NoButton, Qt::NoModifier,
                      Qt::NoScrollPhase, false);
    QApplication::sendEvent(w, &event);
}

QScrollArea *scrollAreaOf(QWidget *w)
{
    for (QWidget *p = w->parentWidget(); p; p = p->parentWidget())
        if (auto *area = qobject_cast<QScrollArea *>(p))
            return area;
    return nullptr;
}

// A date field between two others, in an active window, as a form has it.
struct DateForm
{
    QWidget window;
    QLineEdit *before = new QLineEdit(&window);
    ui::OptionalDateEdit *date = new ui::OptionalDateEdit(&window);
    QLineEdit *after = new QLineEdit(&window);

    DateForm()
    {
        auto *layout = new QVBoxLayout(&window);
        layout->addWidget(before);
        layout->addWidget(date);
        layout->addWidget(after);
        date->setSuggestedDate(QDate(2026, 11, 1));
        window.show();
        QApplication::setActiveWindow(&window);
        REQUIRE(QTest::qWaitForWindowActive(&window));
        before->setFocus();
        QTest::keyClick(before, Qt::Key_Tab);
        REQUIRE(date->hasFocus());
    }
};

// The real main window, 1366×768, active, on the editor of November with a new action.
struct EditorWindow
{
    test::EditorFixture f;
    QString report = f.createNovember();
    ui::MainWindow window{f.context, nullptr, &f.dialogs};
    ui::ReportEditorPage *editor = nullptr;

    EditorWindow()
    {
        window.resize(1366, 768);
        window.show();
        QApplication::setActiveWindow(&window);
        REQUIRE(QTest::qWaitForWindowActive(&window));
        window.openReport(report);
        editor = window.editor();
        REQUIRE(editor);
        editor->addNewAction();
    }
};

} // namespace

TEST_CASE("editor: the wheel over Formato or a field not clicked into scrolls the form and changes nothing")
{
    EditorWindow w;
    test::EditorFixture &f = w.f;
    const QString &report = w.report;
    ui::ReportEditorPage *editor = w.editor;
    auto *format =
        qobject_cast<QComboBox *>(editor->form()->fieldWidget(f.fieldId(core::field_role::Format)));
    REQUIRE(format);
    // The person chose "Roda de conversa" and went on to another field.
    format->setFocus();
    QTest::keyClick(format, Qt::Key_Down);
    while (format->currentData().toString() != QStringLiteral("roda_conversa") &&
           format->currentIndex() < format->count() - 1)
        QTest::keyClick(format, Qt::Key_Down);
    REQUIRE(format->currentData().toString() == QStringLiteral("roda_conversa"));
    QWidget *title = editor->form()->fieldWidget(f.fieldId(core::field_role::Title));
    REQUIRE(title);
    title->setFocus();
    REQUIRE_FALSE(format->hasFocus());
    editor->flushPendingEdits();

    // Scrolling the form with the wheel, the pointer passes over Formato.
    QScrollArea *area = scrollAreaOf(format);
    REQUIRE(area);
    REQUIRE(area->verticalScrollBar()->maximum() > 0);
    area->verticalScrollBar()->setValue(0);
    wheelOver(format);
    CHECK(area->verticalScrollBar()->value() > 0); // the form scrolled
    CHECK(format->currentData().toString() == QStringLiteral("roda_conversa"));
    CHECK_FALSE(format->hasFocus());
    editor->flushPendingEdits();
    auto stored = f.services->reports().report(report);
    REQUIRE(stored);
    REQUIRE(stored.value().actions.size() == 1);
    CHECK(stored.value().actions.first().values.value(f.fieldId(core::field_role::Format)).toString() ==
          QStringLiteral("roda_conversa"));

    // Clicked into (the list closed again), the wheel is the field's.
    QTest::mouseClick(format, Qt::LeftButton);
    if (QWidget *popup = QApplication::activePopupWidget())
        QTest::keyClick(popup, Qt::Key_Escape);
    REQUIRE(format->hasFocus());
    const int scrolled = area->verticalScrollBar()->value();
    wheelOver(format);
    CHECK(format->currentData().toString() != QStringLiteral("roda_conversa"));
    CHECK(area->verticalScrollBar()->value() == scrolled);
}

TEST_CASE("date field: typed as dd/mm/aaaa with digits only, the slashes come by themselves and Tab leaves")
{
    DateForm form;
    ui::OptionalDateEdit *date = form.date;
    QSignalSpy changed(date, &ui::OptionalDateEdit::dateChanged);

    test::typeText(date, QStringLiteral("14"));
    CHECK(date->text() == QStringLiteral("14/"));
    test::typeText(date, QStringLiteral("102026"));
    CHECK(date->text() == QStringLiteral("14/10/2026"));
    CHECK(date->value() == QDate(2026, 10, 14));
    CHECK(changed.count() == 1);
    // One Tab leaves the field.
    QTest::keyClick(date, Qt::Key_Tab);
    CHECK(form.after->hasFocus());
    CHECK(date->value() == QDate(2026, 10, 14));

    // Back, select all and type another date: it replaces the old one.
    QTest::keyClick(form.after, Qt::Key_Tab, Qt::ShiftModifier);
    REQUIRE(date->hasFocus());
    QTest::keyClick(date, Qt::Key_A, Qt::ControlModifier);
    test::typeText(date, QStringLiteral("05112026"));
    CHECK(date->text() == QStringLiteral("05/11/2026"));
    CHECK(date->value() == QDate(2026, 11, 5));

    // Letters are not taken; Backspace takes the slash with the digit before it.
    QTest::keyClick(date, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(date, Qt::Key_Delete);
    CHECK(date->text().isEmpty());
    CHECK_FALSE(date->value().isValid());
    test::typeText(date, QStringLiteral("ab"));
    CHECK(date->text().isEmpty());
    test::typeText(date, QStringLiteral("1/3"));
    CHECK(date->text() == QStringLiteral("01/3"));
    QTest::keyClick(date, Qt::Key_Backspace);
    QTest::keyClick(date, Qt::Key_Backspace);
    CHECK(date->text() == QStringLiteral("01"));

    // The day alone takes the report's month when the person leaves.
    QTest::keyClick(date, Qt::Key_Backspace);
    test::typeText(date, QStringLiteral("7"));
    QTest::keyClick(date, Qt::Key_Tab);
    CHECK(date->text() == QStringLiteral("07/11/2026"));
    CHECK(date->value() == QDate(2026, 11, 7));
}

TEST_CASE("date field: an empty one stays empty, a date that does not exist is said and not kept")
{
    DateForm form;
    ui::OptionalDateEdit *date = form.date;
    QSignalSpy changed(date, &ui::OptionalDateEdit::dateChanged);
    // Tab through an empty optional date: it stays empty, nothing changed.
    QTest::keyClick(date, Qt::Key_Tab);
    CHECK(form.after->hasFocus());
    CHECK(date->text().isEmpty());
    CHECK_FALSE(date->value().isValid());
    CHECK(changed.isEmpty());
    CHECK_FALSE(date->hasInvalidText());

    // 31/02 does not exist: red while typed, and no date once the person leaves.
    QTest::keyClick(form.after, Qt::Key_Tab, Qt::ShiftModifier);
    test::typeText(date, QStringLiteral("01022026"));
    REQUIRE(date->value() == QDate(2026, 2, 1));
    QTest::keyClick(date, Qt::Key_A, Qt::ControlModifier);
    test::typeText(date, QStringLiteral("31022026"));
    CHECK(date->text() == QStringLiteral("31/02/2026"));
    CHECK(date->hasInvalidText());
    QTest::keyClick(date, Qt::Key_Tab);
    CHECK(form.after->hasFocus());
    CHECK(date->hasInvalidText());
    CHECK_FALSE(date->value().isValid());
    CHECK(date->toolTip().contains(QStringLiteral("31/02/2026")));
    CHECK(changed.count() == 2); // 01/02/2026, then no date
    CHECK(changed.last().first().toDate().isNull());
}

TEST_CASE("date field: Alt+Down opens the calendar on the report's month, Enter takes the day chosen")
{
    DateForm form;
    ui::OptionalDateEdit *date = form.date;
    QTest::keyClick(date, Qt::Key_Down, Qt::AltModifier);
    auto *calendar = date->findChild<QCalendarWidget *>(QStringLiteral("dateCalendar"));
    REQUIRE(calendar);
    REQUIRE(calendar->isVisible());
    CHECK(calendar->monthShown() == 11);
    CHECK(calendar->yearShown() == 2026);
    // The keys go where the focus is: the calendar's grid.
    QWidget *grid = QApplication::focusWidget();
    REQUIRE(grid);
    REQUIRE(calendar->isAncestorOf(grid));
    QTest::keyClick(grid, Qt::Key_Right); // the next day
    QTest::keyClick(grid, Qt::Key_Return);
    CHECK_FALSE(calendar->isVisible());
    CHECK(date->value() == QDate(2026, 11, 2));
    CHECK(date->text() == QStringLiteral("02/11/2026"));
    CHECK(date->hasFocus());
    // The button at the end of the field opens it too.
    auto *button = date->findChild<QAction *>(QStringLiteral("openCalendar"));
    REQUIRE(button);
    button->trigger();
    CHECK(calendar->isVisible());
    CHECK(calendar->selectedDate() == QDate(2026, 11, 2));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
    CHECK_FALSE(calendar->isVisible());
    CHECK(date->value() == QDate(2026, 11, 2));
}

TEST_CASE(
    "photo cards: Tab walks each card's fields in reading order before its buttons, and removing a photo "
    "asks first")
{
    EditorWindow w;
    test::EditorFixture &f = w.f;
    const QString &report = w.report;
    ui::ReportEditorPage *editor = w.editor;
    QSignalSpy finished(editor, &ui::ReportEditorPage::importFinished);
    f.dialogs.nextFiles = {f.makeJpeg(QStringLiteral("a.jpg"), 2), f.makeJpeg(QStringLiteral("b.jpg"), 3)};
    QTest::mouseClick(editor->photoStrip()->addButton(), Qt::LeftButton);
    REQUIRE((finished.count() > 0 || finished.wait(20000)));
    const auto cards = editor->photoStrip()->cards();
    REQUIRE(cards.size() == 2);
    QHash<QWidget *, QString> names;
    for (int i = 0; i < 2; ++i) {
        const QString n = QString::number(i + 1);
        names[cards[i]->captionField()] = QStringLiteral("caption") + n;
        names[cards[i]->dateField()] = QStringLiteral("date") + n;
        names[cards[i]->authorField()] = QStringLiteral("author") + n;
        names[cards[i]->identifiableBox()] = QStringLiteral("identifiable") + n;
        names[cards[i]->authorizationBox()] = QStringLiteral("authorization") + n;
        names[cards[i]->moveEarlierButton()] = QStringLiteral("earlier") + n;
        names[cards[i]->moveLaterButton()] = QStringLiteral("later") + n;
        names[cards[i]->removeButton()] = QStringLiteral("remove") + n;
    }
    cards[0]->captionField()->setFocus();
    QStringList walked;
    for (int i = 0; i < 15; ++i) {
        QWidget *w = QApplication::focusWidget();
        REQUIRE(w);
        walked << names.value(w, QStringLiteral("elsewhere"));
        QTest::keyClick(w, Qt::Key_Tab);
    }
    // The first photo cannot move earlier: its button is hidden and skipped.
    CHECK(walked ==
          QStringList{QStringLiteral("caption1"), QStringLiteral("date1"), QStringLiteral("author1"),
                      QStringLiteral("identifiable1"), QStringLiteral("authorization1"),
                      QStringLiteral("later1"), QStringLiteral("remove1"), QStringLiteral("caption2"),
                      QStringLiteral("date2"), QStringLiteral("author2"), QStringLiteral("identifiable2"),
                      QStringLiteral("authorization2"), QStringLiteral("earlier2"), QStringLiteral("remove2"),
                      QStringLiteral("elsewhere")});

    // Caption, Tab, Tab, a name with a space: it lands in the author, no photo goes.
    cards[0]->captionField()->setFocus();
    QTest::keyClick(cards[0]->captionField(), Qt::Key_Tab);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    REQUIRE(QApplication::focusWidget() == cards[0]->authorField());
    test::typeText(cards[0]->authorField(), QStringLiteral("Ana Souza"));
    CHECK(cards[0]->authorField()->text() == QStringLiteral("Ana Souza"));
    CHECK(editor->photoStrip()->cards().size() == 2);

    // Removing asks first; "no" keeps it, "yes" removes it.
    f.dialogs.answers = {false};
    QTest::mouseClick(cards[1]->removeButton(), Qt::LeftButton);
    REQUIRE(f.dialogs.questions.size() == 1);
    CHECK(f.dialogs.questions.last().contains(QStringLiteral("Ctrl+Z")));
    CHECK(editor->photoStrip()->cards().size() == 2);
    f.dialogs.answers = {true};
    QTest::mouseClick(editor->photoStrip()->cards().at(1)->removeButton(), Qt::LeftButton);
    CHECK(f.dialogs.questions.size() == 2);
    CHECK(editor->photoStrip()->cards().size() == 1);
    editor->flushPendingEdits();
    auto stored = f.services->reports().report(report);
    REQUIRE(stored);
    REQUIRE(stored.value().actions.size() == 1);
    CHECK(stored.value().actions.first().photos.size() == 1);
    CHECK(stored.value().actions.first().photos.first().author == QStringLiteral("Ana Souza"));
}

TEST_CASE("action form: Tab walks every field to Materiais, Space ticks the item the filter shows, and the "
          "filters start empty on the next action")
{
    EditorWindow w;
    test::EditorFixture &f = w.f;
    const QString &report = w.report;
    ui::ReportEditorPage *editor = w.editor;
    ui::ActionForm *form = editor->form();
    const auto field = [&](QLatin1String role) {
        QWidget *w = form->fieldWidget(f.fieldId(role));
        REQUIRE(w);
        return w;
    };

    // From "Pessoas alcançadas": Tab, the estimate box, Tab, Materiais — what is typed
    // there is kept (Tab used to stop on the box, and the text went nowhere).
    QWidget *people = field(core::field_role::PeopleReached);
    people->setFocus();
    test::typeText(people, QStringLiteral("120"));
    QTest::keyClick(people, Qt::Key_Tab);
    auto *estimate = qobject_cast<QCheckBox *>(QApplication::focusWidget());
    REQUIRE(estimate);
    QTest::keyClick(estimate, Qt::Key_Space);
    CHECK(estimate->isChecked());
    QTest::keyClick(estimate, Qt::Key_Tab);
    QWidget *materials = field(core::field_role::Materials);
    REQUIRE(QApplication::focusWidget() == materials);
    test::typeText(materials, QStringLiteral("Folhetos e cartazes"));
    editor->flushPendingEdits();
    auto stored = f.services->reports().report(report);
    REQUIRE(stored);
    CHECK(stored.value().actions.first().values.value(f.fieldId(core::field_role::Materials)).toString() ==
          QStringLiteral("Folhetos e cartazes"));

    // Temas filtered to "vacina": Tab into the list, Space ticks the item shown, never
    // the one that was current before the filter hid it.
    auto *themesFilter = qobject_cast<QLineEdit *>(field(core::field_role::Themes));
    REQUIRE(themesFilter);
    auto *themes = qobject_cast<ui::CheckList *>(themesFilter->parentWidget());
    REQUIRE(themes);
    themes->list()->setCurrentRow(0); // "Arboviroses…", current before the filter
    themesFilter->setFocus();
    test::typeText(themesFilter, QStringLiteral("vacina"));
    QTest::keyClick(themesFilter, Qt::Key_Tab);
    REQUIRE(QApplication::focusWidget() == themes->list());
    QTest::keyClick(themes->list(), Qt::Key_Space);
    QStringList shown;
    for (int i = 0; i < themes->list()->count(); ++i)
        if (!themes->list()->item(i)->isHidden())
            shown << themes->list()->item(i)->data(Qt::UserRole).toString();
    REQUIRE_FALSE(shown.isEmpty());
    CHECK(themes->checkedKeys() == QStringList{shown.first()});

    // The next action: the filter starts empty, every theme is listed.
    editor->addNewAction();
    CHECK(themesFilter->text().isEmpty());
    for (int i = 0; i < themes->list()->count(); ++i)
        CHECK_FALSE(themes->list()->item(i)->isHidden());
}

TEST_CASE("date field: a day typed over in place, a digit deleted inside, a pasted ISO date")
{
    DateForm form;
    ui::OptionalDateEdit *date = form.date;
    test::typeText(date, QStringLiteral("14102026"));
    REQUIRE(date->value() == QDate(2026, 10, 14));

    // The day selected (double-click) and typed over: 25/10/2026, nothing pushed along.
    date->setSelection(0, 2);
    test::typeText(date, QStringLiteral("25"));
    CHECK(date->text() == QStringLiteral("25/10/2026"));
    CHECK(date->value() == QDate(2026, 10, 25));

    // A digit of the month deleted inside: nothing taken until the person leaves.
    date->setCursorPosition(5);
    QTest::keyClick(date, Qt::Key_Backspace);
    CHECK(date->text() == QStringLiteral("25/1/2026"));
    CHECK(date->value() == QDate(2026, 10, 25));
    QTest::keyClick(date, Qt::Key_Tab);
    CHECK(date->text() == QStringLiteral("25/01/2026"));
    CHECK(date->value() == QDate(2026, 1, 25));

    // An ISO date pasted is not taken for a day of the year 1112.
    QTest::keyClick(form.after, Qt::Key_Tab, Qt::ShiftModifier);
    QTest::keyClick(date, Qt::Key_A, Qt::ControlModifier);
    date->insert(QStringLiteral("2010-11-12"));
    Q_EMIT date->textEdited(date->text()); // insert() is the clipboard's path, without the signal
    QTest::keyClick(date, Qt::Key_Tab);
    CHECK(date->hasInvalidText());
    CHECK_FALSE(date->value().isValid());
}

TEST_CASE("editor: a date still being typed is kept by a new action, and a photo's date takes the report's "
          "month")
{
    test::EditorFixture f;
    auto october = f.services->reports().createReport(f.context.program.id(), {2026, 10});
    REQUIRE(october);
    ui::MainWindow window(f.context, nullptr, &f.dialogs);
    window.resize(1366, 768);
    window.show();
    QApplication::setActiveWindow(&window);
    REQUIRE(QTest::qWaitForWindowActive(&window));
    window.openReport(october.value().uuid);
    ui::ReportEditorPage *editor = window.editor();
    REQUIRE(editor);
    editor->addNewAction();
    auto *date =
        qobject_cast<ui::OptionalDateEdit *>(editor->form()->fieldWidget(f.fieldId(core::field_role::Date)));
    REQUIRE(date);
    date->setFocus();
    test::typeText(date, QStringLiteral("15"));
    // Ctrl+Shift+N with the focus still in the date: the day typed is kept, of October.
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_N, Qt::ControlModifier | Qt::ShiftModifier);
    auto stored = f.services->reports().report(october.value().uuid);
    REQUIRE(stored);
    REQUIRE(stored.value().actions.size() == 2);
    CHECK(stored.value().actions.first().values.value(f.fieldId(core::field_role::Date)).toString() ==
          QStringLiteral("2026-10-15"));

    // A photo's date: the day alone takes October (the report's month), not today's.
    QSignalSpy finished(editor, &ui::ReportEditorPage::importFinished);
    f.dialogs.nextFiles = {f.makeJpeg(QStringLiteral("a.jpg"), 2)};
    QTest::mouseClick(editor->photoStrip()->addButton(), Qt::LeftButton);
    REQUIRE((finished.count() > 0 || finished.wait(20000)));
    ui::OptionalDateEdit *photoDate = editor->photoStrip()->cards().first()->dateField();
    photoDate->setFocus();
    QTest::keyClick(photoDate, Qt::Key_A, Qt::ControlModifier);
    test::typeText(photoDate, QStringLiteral("7"));
    QTest::keyClick(photoDate, Qt::Key_Tab);
    CHECK(photoDate->value() == QDate(2026, 10, 7));
}
