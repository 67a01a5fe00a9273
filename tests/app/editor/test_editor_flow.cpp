// The report editor driven through its real widgets, offscreen: the weekly
// path of a municipal reference from an empty month to a concluded report.
#include <catch2/catch.hpp>
#include "tests/support/catch_qt.h"

#include "app/ui/editor/action_form.h"
#include "app/ui/editor/action_list_model.h"
#include "app/ui/editor/field_editors.h"
#include "app/ui/editor/findings_panel.h"
#include "app/ui/editor/no_actions_panel.h"
#include "app/ui/editor/optional_date_edit.h"
#include "app/ui/editor/photo_card.h"
#include "app/ui/editor/photo_strip.h"
#include "app/ui/editor/report_editor_page.h"
#include "tests/app/editor/editor_fixture.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QMimeData>
#include <QProgressBar>
#include <QUrl>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

using namespace mobiliza;
using core::field_role::Audience;
using core::field_role::Date;
using core::field_role::Description;
using core::field_role::Format;
using core::field_role::PeopleReached;
using core::field_role::Place;
using core::field_role::Themes;
using core::field_role::Title;

namespace {

struct Editor
{
    test::EditorFixture f;
    QString report;
    std::unique_ptr<ui::ReportEditorPage> page;

    Editor()
    {
        report = f.createNovember();
        page = std::make_unique<ui::ReportEditorPage>(f.context, f.dialogs);
        page->resize(1200, 860);
        page->show();
        page->activateWindow();
        REQUIRE(QTest::qWaitForWindowActive(page.get()));
        REQUIRE(page->openReport(report));
    }

    QWidget *field(QLatin1String role) const { return page->form()->fieldWidget(f.fieldId(role)); }

    // Checks the catalogue entries with these codes in a generated checkable list.
    void check(QLatin1String role, const QStringList &codes)
    {
        auto *list = qobject_cast<ui::CheckList *>(field(role)->parentWidget()); // filter line or list inside it
        REQUIRE(list);
        for (int i = 0; i < list->list()->count(); ++i)
            if (codes.contains(list->list()->item(i)->data(Qt::UserRole).toString()))
                list->list()->item(i)->setCheckState(Qt::Checked);
    }

    void clickFinding(const QString &path)
    {
        QListWidget *list = page->findingsPanel()->list();
        const int row = page->findingsPanel()->rowOf(path);
        REQUIRE(row >= 0);
        list->scrollToItem(list->item(row));
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(list->item(row)).center());
    }

    core::Report stored() const
    {
        auto r = f.services->reports().report(report);
        REQUIRE(r.ok());
        return r.value();
    }

    void importAndWait(const QStringList &files)
    {
        QSignalSpy finished(page.get(), &ui::ReportEditorPage::importFinished);
        f.dialogs.nextFiles = files;
        QTest::mouseClick(page->photoStrip()->addButton(), Qt::LeftButton);
        REQUIRE((finished.count() > 0 || finished.wait(20000)));
    }

    // Title, date, themes, format, place, audience, people, description: typed.
    void fillAction(const QString &title)
    {
        test::typeText(field(Title), title);
        auto *date = qobject_cast<ui::OptionalDateEdit *>(field(Date));
        REQUIRE(date);
        date->setFocus();
        test::typeText(date, QStringLiteral("14"));
        QTest::keyClick(date, Qt::Key_Tab);
        check(Themes, {QStringLiteral("arboviroses")});
        auto *format = qobject_cast<QComboBox *>(field(Format));
        REQUIRE(format);
        format->setFocus();
        format->setCurrentIndex(format->findData(QStringLiteral("mutirao")));
        test::typeText(field(Place), QStringLiteral("Praça da Matriz, bairro Centro"));
        check(Audience, {QStringLiteral("1")});
        test::typeText(field(PeopleReached), QStringLiteral("240"));
        test::typeText(field(Description),
                         QStringLiteral("Mutirão de limpeza com agentes de endemias e moradores; 3 caminhões de "
                                        "entulho recolhidos."));
        page->flushPendingEdits();
    }
};

} // namespace

TEST_CASE("editor: an action typed in the form, blocked without a photo, then concluded with one")
{
    Editor e;
    QAbstractItemModelTester tester(e.page->actionModel(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    auto *page = e.page.get();
    CHECK(page->noActionsPanel()->isVisible()); // an empty month offers "add" or "sem ações"

    // Ctrl+Shift+N from the keyboard adds the action and puts the cursor in its title.
    page->noActionsPanel()->addButton()->setFocus();
    QTest::keySequence(QApplication::focusWidget(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    REQUIRE(page->report().actions.size() == 1);
    CHECK(page->form()->isVisible());
    CHECK(QApplication::focusWidget() == e.field(Title));

    e.fillAction(QStringLiteral("Dia D contra a dengue"));
    const core::Action stored = e.stored().actions.at(0);
    CHECK(stored.values.value(e.f.fieldId(Title)).toString() == QStringLiteral("Dia D contra a dengue"));
    CHECK(stored.values.value(e.f.fieldId(Date)).toString() == QStringLiteral("2026-11-14"));
    CHECK(stored.values.value(e.f.fieldId(Themes)).toArray().contains(QStringLiteral("arboviroses")));
    CHECK(stored.values.value(e.f.fieldId(Format)).toString() == QStringLiteral("mutirao"));
    CHECK(stored.values.value(e.f.fieldId(PeopleReached)).toInt() == 240);
    CHECK(stored.values.value(e.f.fieldId(Description)).toString().startsWith(QStringLiteral("Mutirão")));
    CHECK(page->actionModel()->index(0).data().toString().startsWith(QStringLiteral("Ação 1 — Dia D contra a dengue")));
    CHECK(page->saveIndicator()->text().contains(QStringLiteral(":")));

    // No photo: concluding is blocked and the finding points at the photo strip.
    CHECK(page->concludeButton()->property("blocked").toBool());
    CHECK(page->findingsPanel()->rowOf(QStringLiteral("actions[0].photos")) >= 0);
    // Ctrl+Enter says why and goes to the first thing to fix: the photos.
    QTest::keySequence(QApplication::focusWidget(), QKeySequence(Qt::CTRL | Qt::Key_Return));
    CHECK(page->report().state == core::ReportState::Draft);
    CHECK(page->messageLabel()->isVisible());
    CHECK(page->photoStrip()->isAncestorOf(QApplication::focusWidget()));
    // So does a click on the (muted) Concluir: it is not a dead button.
    e.page->form()->setFocus();
    page->messageLabel()->clear();
    QTest::mouseClick(page->concludeButton(), Qt::LeftButton);
    CHECK(page->report().state == core::ReportState::Draft);
    CHECK_FALSE(page->messageLabel()->text().isEmpty());
    CHECK(page->photoStrip()->isAncestorOf(QApplication::focusWidget()));
    CHECK(page->findingsPanel()->list()->currentRow() == 0);
    e.clickFinding(QStringLiteral("actions[0].photos"));
    CHECK(page->photoStrip()->isAncestorOf(QApplication::focusWidget()));

    // A photo through the file dialog seam, imported off the UI thread.
    e.importAndWait({e.f.makeJpeg(QStringLiteral("mutirao.jpg"), 1, {2400, 1800})});
    CHECK(e.f.dialogs.fileDialogs == 1);
    REQUIRE(page->photoStrip()->cards().size() == 1);
    ui::PhotoCard *card = page->photoStrip()->cards().at(0);
    CHECK(card->number() == 1);
    CHECK(card->photo().author == QStringLiteral("Ana Souza"));
    CHECK(card->photo().takenOn == QDate(2026, 11, 14)); // no EXIF date: the action's
    CHECK(e.stored().actions.at(0).photos.size() == 1);
    CHECK(e.stored().actions.at(0).photos.at(0).width == 1600); // reduced by the pipeline
    CHECK(page->findingsPanel()->rowOf(QStringLiteral("actions[0].photos")) < 0);
    // The caption is required by the program: its finding jumps to the caption field.
    e.clickFinding(QStringLiteral("actions[0].photos[0].caption"));
    CHECK(QApplication::focusWidget() == card->captionField());
    test::typeText(card->captionField(), QStringLiteral("Moradores e agentes no mutirão"));
    page->flushPendingEdits();
    CHECK(e.stored().actions.at(0).photos.at(0).caption == QStringLiteral("Moradores e agentes no mutirão"));

    // Conclude: confirmed through the seam, the month becomes a ready revision, read-only.
    REQUIRE(page->concludeButton()->isEnabled());
    QTest::mouseClick(page->concludeButton(), Qt::LeftButton);
    CHECK(e.f.dialogs.questions.size() == 1);
    CHECK(e.stored().state == core::ReportState::Ready);
    CHECK(e.f.services->reports().revisions(e.report).size() == 1);
    CHECK(qobject_cast<QLineEdit *>(e.field(Title))->isReadOnly());
    CHECK_FALSE(page->addActionButton()->isEnabled());
    CHECK_FALSE(page->photoStrip()->addButton()->isVisible());
    CHECK(page->banner()->isVisible());
    CHECK(page->banner()->text().contains(QStringLiteral("revision 1")));
    CHECK(page->reopenButton()->isVisible());

    // Withdrawn while unsent: back to an editable draft.
    QTest::mouseClick(page->reopenButton(), Qt::LeftButton);
    CHECK(e.stored().state == core::ReportState::Draft);
    CHECK_FALSE(qobject_cast<QLineEdit *>(e.field(Title))->isReadOnly());
    CHECK(e.f.services->reports().revisions(e.report).isEmpty());
}

TEST_CASE("editor: the photo strip refuses a duplicate with a message and keeps numbering")
{
    Editor e;
    e.page->addNewAction();
    const QString file = e.f.makeJpeg(QStringLiteral("a.jpg"), 2);
    e.importAndWait({file});
    REQUIRE(e.stored().actions.at(0).photos.size() == 1);
    // The same picture again, alone and among new ones: refused, said clearly, the rest imported.
    e.importAndWait({file, e.f.makeJpeg(QStringLiteral("b.jpg"), 3)});
    CHECK(e.stored().actions.at(0).photos.size() == 2);
    QLabel *messages = e.page->photoStrip()->messageLabel();
    CHECK(messages->isVisible());
    CHECK(messages->text().contains(QStringLiteral("a.jpg")));
    CHECK(messages->text().contains(QStringLiteral("already in the action")));
    // A file that is not an image: the pipeline's message, nothing added.
    const QString bogus = e.f.images.filePath(QStringLiteral("notes.jpg"));
    {
        QFile out(bogus);
        REQUIRE(out.open(QIODevice::WriteOnly));
        out.write("this is not a photo at all, just text pretending to be one");
    }
    e.importAndWait({bogus});
    CHECK(e.stored().actions.at(0).photos.size() == 2);
    CHECK(e.page->photoStrip()->messageLabel()->text().contains(QStringLiteral("notes.jpg")));
    const auto cards = e.page->photoStrip()->cards();
    REQUIRE(cards.size() == 2);
    CHECK(cards.at(0)->number() == 1);
    CHECK(cards.at(1)->number() == 2);
}

TEST_CASE("editor: a date outside the month is a finding that points at the date field")
{
    Editor e;
    e.page->addNewAction();
    auto *date = qobject_cast<ui::OptionalDateEdit *>(e.field(Date));
    REQUIRE(date);
    date->setFocus();
    date->setDate(QDate(2026, 10, 30));
    e.page->flushPendingEdits();
    const QString path = QStringLiteral("actions[0].fields.%1").arg(e.f.fieldId(Date));
    const auto &findings = e.page->findings();
    const auto it = std::find_if(findings.begin(), findings.end(),
                                 [&](const core::Finding &x) { return x.code == QStringLiteral("date_outside_period"); });
    REQUIRE(it != findings.end());
    CHECK(it->path == path);
    e.field(Title)->setFocus();
    e.clickFinding(path);
    CHECK(QApplication::focusWidget() == date);
}

TEST_CASE("editor: a month without actions is concluded with a justification")
{
    Editor e;
    ui::NoActionsPanel *panel = e.page->noActionsPanel();
    REQUIRE(panel->isVisible());
    QTest::mouseClick(panel->noActionsBox(), Qt::LeftButton, {}, QPoint(8, panel->noActionsBox()->height() / 2));
    REQUIRE(panel->noActionsBox()->isChecked());
    CHECK(e.stored().noActions);
    test::typeText(panel->justificationField(), QStringLiteral("Chuvas"));
    e.page->flushPendingEdits();
    CHECK(e.page->findingsPanel()->rowOf(QStringLiteral("report.noActionsJustification")) >= 0);
    CHECK(e.page->concludeButton()->property("blocked").toBool());
    e.clickFinding(QStringLiteral("report.noActionsJustification"));
    CHECK(QApplication::focusWidget() == panel->justificationField());
    test::typeText(panel->justificationField(), QStringLiteral(" fortes isolaram a zona rural o mês inteiro."));
    e.page->flushPendingEdits();
    CHECK(e.page->findings().isEmpty());
    REQUIRE(e.page->conclude());
    const core::Report r = e.stored();
    CHECK(r.state == core::ReportState::Ready);
    CHECK(r.noActions);
    CHECK(r.noActionsJustification.startsWith(QStringLiteral("Chuvas fortes")));
}

TEST_CASE("editor: a returned report shows the reviewer's comment and reopens as the next revision")
{
    Editor e;
    auto &reports = e.f.services->reports();
    REQUIRE(reports.setNoActions(e.report, true, QStringLiteral("Equipe em férias coletivas durante o mês.")).ok());
    REQUIRE(reports.conclude(e.report).ok());
    REQUIRE(reports.applyEvent(e.report, core::ReportEvent::StartSending).ok());
    REQUIRE(reports.applyEvent(e.report, core::ReportEvent::HubReceived).ok());
    REQUIRE(reports.applyEvent(e.report, core::ReportEvent::Return, QStringLiteral("Faltou a justificativa assinada.")).ok());
    // The page follows the notifier: it shows the returned state without reopening.
    CHECK(e.page->report().state == core::ReportState::Returned);
    CHECK(e.page->banner()->text().contains(QStringLiteral("Faltou a justificativa assinada.")));
    CHECK(e.page->reopenButton()->text().contains(QStringLiteral("2")));
    e.f.dialogs.answers = {false};
    QTest::mouseClick(e.page->reopenButton(), Qt::LeftButton);
    CHECK(e.stored().state == core::ReportState::Returned); // declined: nothing changes
    QTest::mouseClick(e.page->reopenButton(), Qt::LeftButton);
    CHECK(e.stored().state == core::ReportState::Draft);
    CHECK(e.stored().revision == 2);
    CHECK(e.page->banner()->text().contains(QStringLiteral("Faltou a justificativa assinada.")));

    // Concluded again as it came back: asked first, as the URS would find nothing changed.
    e.f.dialogs.questions.clear();
    e.f.dialogs.answers = {false};
    CHECK_FALSE(e.page->conclude());
    REQUIRE(e.f.dialogs.questions.size() == 1);
    CHECK(e.f.dialogs.questions.constFirst().startsWith(QStringLiteral(
        "Nothing changed since revision 1, which the URS returned with this comment: “Faltou a justificativa "
        "assinada.”")));
    CHECK(e.stored().state == core::ReportState::Draft); // declined: still the draft
    // Corrected as asked: the usual question only.
    test::typeText(e.page->noActionsPanel()->justificationField(),
                   QStringLiteral(" Justificativa assinada anexa."));
    e.page->flushPendingEdits();
    e.f.dialogs.questions.clear();
    e.f.dialogs.answers.clear();
    CHECK_FALSE(e.page->findingsPanel()->isHidden()); // "Before concluding", while it can be concluded
    REQUIRE(e.page->conclude());
    REQUIRE(e.f.dialogs.questions.size() == 1);
    CHECK(e.f.dialogs.questions.constFirst().startsWith(QStringLiteral("Conclude the report of ")));
    CHECK(e.stored().state == core::ReportState::Ready);
    CHECK(e.stored().revision == 2);
    CHECK(e.page->findingsPanel()->isHidden()); // locked: nothing left to say before concluding
}

TEST_CASE("action form: generated from any program, with its companions shown when they apply")
{
    test::EditorFixture f;
    const auto apoio = core::ProgramDefinition::load(test::sourcePath(QStringLiteral("tests/core/program/fixtures/cosems_apoio.json")));
    REQUIRE(apoio.ok());
    for (const core::ProgramDefinition &program : {f.context.program, apoio.value()}) {
        ui::ActionForm form(program);
        form.show();
        for (const core::FieldDefinition &field : program.fields()) {
            INFO(field.id.toStdString());
            CHECK(form.fieldWidget(field.id) != nullptr);
            CHECK(form.fieldWidget(field.id)->accessibleName() == field.label);
        }
        // Every "Outro" text appears only while the other value is chosen.
        for (const core::FieldDefinition &field : program.fields()) {
            if (field.otherField.isEmpty())
                continue;
            core::Action action;
            action.uuid = QStringLiteral("a");
            form.setAction(action, {2026, 11}, true);
            CHECK_FALSE(form.fieldBlock(field.otherField)->isVisible());
            action.values.insert(field.id, field.isMultiple() ? QJsonValue(QJsonArray{field.otherValue})
                                                              : QJsonValue(field.otherValue));
            form.setAction(action, {2026, 11}, true);
            CHECK(form.fieldBlock(field.otherField)->isVisible());
            action.values.insert(field.otherField, QStringLiteral("texto"));
            form.setAction(action, {2026, 11}, true);
            CHECK(form.values().value(field.otherField).toString() == QStringLiteral("texto"));
            // …and its text is not kept once only another value is chosen.
            QString another;
            for (const auto &entry : program.catalogue(field.catalogue))
                if (another.isEmpty() && entry.active && entry.code != field.otherValue)
                    another = entry.code;
            action.values.insert(field.id, field.isMultiple() ? QJsonValue(QJsonArray{another}) : QJsonValue(another));
            form.setAction(action, {2026, 11}, true);
            CHECK_FALSE(form.fieldBlock(field.otherField)->isVisible());
            CHECK_FALSE(form.values().contains(field.otherField));
        }
    }
    // The estimate checkbox sits with the number it qualifies.
    ui::ActionForm form(f.context.program);
    const auto people = f.context.program.field(f.fieldId(PeopleReached));
    REQUIRE(people);
    REQUIRE_FALSE(people->estimateField.isEmpty());
    CHECK(form.fieldBlock(people->id)->isAncestorOf(form.fieldWidget(people->estimateField)));
    CHECK(qobject_cast<QCheckBox *>(form.fieldWidget(people->estimateField)));
}

TEST_CASE("editor: photos dropped on the strip are imported, and a cancelled import says so")
{
    Editor e;
    e.page->addNewAction();
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(e.f.makeJpeg(QStringLiteral("drop1.jpg"), 5)),
                  QUrl::fromLocalFile(e.f.makeJpeg(QStringLiteral("drop2.png"), 6)),
                  QUrl::fromLocalFile(e.f.images.path())}); // a folder is ignored
    QSignalSpy finished(e.page.get(), &ui::ReportEditorPage::importFinished);
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(e.page->photoStrip(), &enter);
    CHECK(enter.isAccepted());
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(e.page->photoStrip(), &drop);
    REQUIRE((finished.count() > 0 || finished.wait(20000)));
    CHECK(e.stored().actions.at(0).photos.size() == 2);
    CHECK(e.page->photoStrip()->cards().size() == 2);

    QStringList many;
    for (int i = 0; i < 6; ++i)
        many << e.f.makeJpeg(QStringLiteral("big%1.jpg").arg(i), 20 + i, {3000, 2000});
    finished.clear();
    e.page->importPhotos(many);
    CHECK(e.page->isImporting());
    CHECK(e.page->photoStrip()->progressBar()->isVisible());
    CHECK_FALSE(e.page->concludeButton()->isEnabled());
    QTest::mouseClick(e.page->photoStrip()->cancelButton(), Qt::LeftButton);
    REQUIRE((finished.count() > 0 || finished.wait(20000)));
    CHECK(finished.at(0).at(0).toBool()); // cancelled
    CHECK(e.stored().actions.at(0).photos.size() < 8);
    CHECK_FALSE(e.page->photoStrip()->progressBar()->isVisible());
    CHECK(e.page->photoStrip()->messageLabel()->text().contains(QStringLiteral("cancelled")));
}
