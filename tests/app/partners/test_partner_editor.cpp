// The partner editor driven through its real widgets, offscreen: what is typed
// is validated, normalized and saved; stages and consent are recorded.
#include <catch2/catch.hpp>
#include "tests/support/catch_qt.h"

#include "app/ui/models/partner_list_model.h"
#include "app/ui/pages/partners_page.h"
#include "app/ui/partners/municipality_combo.h"
#include "app/ui/partners/partner_editor_dialog.h"
#include "core/services/services.h"
#include "core/validators/br_validators.h"
#include "tests/app/partners/partners_fixture.h"
#include "tests/support/temp_dir.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTimeZone>

using namespace mobiliza;
using namespace mobiliza::test;

TEST_CASE("partners: a partner typed into the editor is saved normalized and shown in the table")
{
    PageFixture f;
    REQUIRE(f.page.table()->model()->rowCount() == 0);
    CHECK(f.page.countLabel()->text() == QStringLiteral("No partner yet")); // not "0 partner"
    auto *editor = f.openNew();
    CHECK(editor->isNew());
    // The profile's municipality is the default.
    CHECK(editor->municipalityBox()->code() == QStringLiteral("3106200"));
    editor->kindBox()->setCurrentIndex(editor->kindBox()->findData(QStringLiteral("organization")));
    editor->sectorBox()->setCurrentIndex(editor->sectorBox()->findData(QStringLiteral("cultura")));
    typeText(editor->nameField(), QStringLiteral("Associação Cultural Arte Viva"));
    typeText(editor->documentField(), QStringLiteral("11222333000181"));
    CHECK(editor->documentField()->text() == QStringLiteral("11.222.333/0001-81"));
    typeText(editor->contactNameField(), QStringLiteral("Joana Lima"));
    typeText(editor->phoneFields().first(), QStringLiteral("31987654321"));
    CHECK(editor->phoneFields().first()->text() == QStringLiteral("(31) 98765-4321"));
    QTest::mouseClick(editor->addPhoneButton(), Qt::LeftButton);
    REQUIRE(editor->phoneFields().size() == 2);
    typeText(editor->phoneFields().at(1), QStringLiteral("3132611234"));
    CHECK(editor->phoneFields().at(1)->text() == QStringLiteral("(31) 3261-1234"));
    typeText(editor->emailField(), QStringLiteral("contato@arteviva.org.br"));
    typeText(editor->cepField(), QStringLiteral("30130010"));
    CHECK(editor->cepField()->text() == QStringLiteral("30130-010"));
    CHECK(editor->stageHistoryList()->count() == 1); // the first stage, recorded on save
    f.saveAndWaitClosed(editor);

    const auto all = f.services->partners().partners();
    REQUIRE(all.size() == 1);
    const core::Partner &p = all.first();
    CHECK(p.name == QStringLiteral("Associação Cultural Arte Viva"));
    CHECK(p.kind == core::PartnerKind::Organization);
    CHECK(p.sector == QStringLiteral("cultura"));
    CHECK(p.document == QStringLiteral("11222333000181"));
    CHECK(p.phones == QStringList{QStringLiteral("+5531987654321"), QStringLiteral("+553132611234")});
    CHECK(p.email == QStringLiteral("contato@arteviva.org.br"));
    CHECK(p.cep == QStringLiteral("30130010"));
    CHECK(p.municipality == QStringLiteral("3106200"));
    REQUIRE(p.stageHistory.size() == 1);
    CHECK(p.stageHistory.first().date == QDate(2026, 11, 22));

    REQUIRE(f.page.table()->model()->rowCount() == 1);
    CHECK(f.page.countLabel()->text().startsWith(QStringLiteral("1 partner")));
    CHECK(f.cell(0, ui::PartnerListModel::Name) == QStringLiteral("Associação Cultural Arte Viva"));
    CHECK(f.cell(0, ui::PartnerListModel::Sector) == QStringLiteral("Cultura"));
    CHECK(f.cell(0, ui::PartnerListModel::Municipality) == QStringLiteral("Belo Horizonte"));
    CHECK(f.cell(0, ui::PartnerListModel::Phone).startsWith(QStringLiteral("(31) 98765-4321")));
    CHECK(f.cell(0, ui::PartnerListModel::Consent) == QStringLiteral("No"));
    CHECK(f.page.selectedUuid() == p.uuid); // the saved partner is selected
}

TEST_CASE("partners: an invalid CPF is refused next to the field and nothing is saved")
{
    PageFixture f;
    auto *editor = f.openNew();
    editor->kindBox()->setCurrentIndex(editor->kindBox()->findData(QStringLiteral("person")));
    CHECK(QString(editor->documentLabel()->text()).remove(QLatin1Char('&')) == QStringLiteral("CPF"));
    typeText(editor->nameField(), QStringLiteral("José da Silva"));
    typeText(editor->documentField(), QStringLiteral("12345678900"));
    CHECK(editor->documentField()->text() == QStringLiteral("123.456.789-00"));
    editor->tabs()->setCurrentIndex(1); // the error must bring its tab back
    QTest::mouseClick(editor->saveButton(), Qt::LeftButton);

    const QString expected = core::br::parseCpf(QStringLiteral("123.456.789-00")).error().message;
    REQUIRE_FALSE(expected.isEmpty());
    CHECK(editor->fieldError(editor->documentField()) == expected);
    CHECK(editor->saveErrorLabel()->isVisible());
    CHECK(editor->tabs()->currentIndex() == 0);
    CHECK(editor->focusWidget() == editor->documentField());
    CHECK(editor->isVisible());
    CHECK(f.page.editor() == editor);
    CHECK(editor->nameField()->text() == QStringLiteral("José da Silva")); // nothing typed is lost
    CHECK(f.services->partners().partners().isEmpty());

    // Corrected, it saves.
    editor->documentField()->clear();
    typeText(editor->documentField(), QStringLiteral("529.982.247-25"));
    CHECK(editor->documentField()->text() == QStringLiteral("529.982.247-25"));
    f.saveAndWaitClosed(editor);
    const auto all = f.services->partners().partners();
    REQUIRE(all.size() == 1);
    CHECK(all.first().document == QStringLiteral("52998224725"));
    CHECK(all.first().kind == core::PartnerKind::Person);
}

TEST_CASE("partners: numeric and alphanumeric CNPJ are accepted and stored normalized")
{
    Fixture f;
    SECTION("alphanumeric typed in lower case without the mask")
    {
        ui::PartnerEditorDialog editor(f.context, core::Partner{});
        editor.show();
        editor.kindBox()->setCurrentIndex(editor.kindBox()->findData(QStringLiteral("organization")));
        typeText(editor.nameField(), QStringLiteral("Empresa Nova"));
        typeText(editor.documentField(), QStringLiteral("12abc34501de35"));
        CHECK(editor.documentField()->text() == QStringLiteral("12.ABC.345/01DE-35"));
        REQUIRE(editor.save());
        CHECK(editor.result() == QDialog::Accepted);
        CHECK(f.services->partners().partner(editor.partner().uuid)->document == QStringLiteral("12ABC34501DE35"));
    }
    SECTION("alphanumeric typed with the mask")
    {
        ui::PartnerEditorDialog editor(f.context, core::Partner{});
        editor.show();
        editor.kindBox()->setCurrentIndex(editor.kindBox()->findData(QStringLiteral("organization")));
        typeText(editor.nameField(), QStringLiteral("Empresa Nova"));
        typeText(editor.documentField(), QStringLiteral("12.ABC.345/01DE-35"));
        CHECK(editor.documentField()->text() == QStringLiteral("12.ABC.345/01DE-35"));
        REQUIRE(editor.save());
        CHECK(editor.partner().document == QStringLiteral("12ABC34501DE35"));
    }
    SECTION("a wrong check digit is refused with the validator's message")
    {
        ui::PartnerEditorDialog editor(f.context, core::Partner{});
        editor.show();
        editor.kindBox()->setCurrentIndex(editor.kindBox()->findData(QStringLiteral("organization")));
        typeText(editor.nameField(), QStringLiteral("Empresa Nova"));
        typeText(editor.documentField(), QStringLiteral("11222333000182"));
        CHECK_FALSE(editor.save());
        CHECK(editor.fieldError(editor.documentField()) ==
              core::br::parseCnpj(QStringLiteral("11222333000182")).error().message);
        CHECK(f.services->partners().partners().isEmpty());
    }
    SECTION("an existing CNPJ is shown masked and kept")
    {
        auto p = f.services->partners().save([] {
            core::Partner x;
            x.name = QStringLiteral("Rádio Comunitária");
            x.document = QStringLiteral("11222333000181");
            return x;
        }());
        REQUIRE(p.ok());
        ui::PartnerEditorDialog editor(f.context, p.value());
        CHECK(editor.documentField()->text() == QStringLiteral("11.222.333/0001-81"));
        CHECK_FALSE(editor.hasChanges());
        REQUIRE(editor.save());
        CHECK(f.services->partners().partner(p->uuid)->document == QStringLiteral("11222333000181"));
    }
}

TEST_CASE("partners: phone, CEP, e-mail and municipality are validated")
{
    Fixture f;
    ui::PartnerEditorDialog editor(f.context, core::Partner{});
    editor.show();
    typeText(editor.nameField(), QStringLiteral("Escola Estadual"));
    typeText(editor.phoneFields().first(), QStringLiteral("3198765"));
    typeText(editor.cepField(), QStringLiteral("3013"));
    CHECK(editor.cepField()->text() == QStringLiteral("3013"));
    typeText(editor.emailField(), QStringLiteral("escola@"));
    editor.municipalityBox()->setEditText(QStringLiteral("Cidade Inexistente"));
    CHECK_FALSE(editor.save());
    CHECK(editor.fieldError(editor.phoneFields().first()) ==
          core::br::parsePhone(QStringLiteral("(31) 9876-5")).error().message);
    CHECK(editor.fieldError(editor.cepField()) == core::br::parseCep(QStringLiteral("3013")).error().message);
    CHECK_FALSE(editor.fieldError(editor.emailField()).isEmpty());
    CHECK(editor.fieldError(editor.municipalityBox()).contains(QStringLiteral("Cidade Inexistente")));
    CHECK(editor.focusWidget() == editor.phoneFields().first()); // the first refused field, on its tab
    CHECK(f.services->partners().partners().isEmpty());

    // Corrected: the neighbouring municipality typed without accents, the CEP masked.
    editor.phoneFields().first()->clear();
    typeText(editor.phoneFields().first(), QStringLiteral("31987654321"));
    editor.cepField()->clear();
    typeText(editor.cepField(), QStringLiteral("36300-000"));
    editor.emailField()->clear();
    typeText(editor.emailField(), QStringLiteral("escola@educacao.mg.gov.br"));
    editor.municipalityBox()->setEditText(QStringLiteral("sao joao del rei"));
    const auto sjdr = f.context.reference.searchMunicipalities(QStringLiteral("São João del Rei"), 1);
    REQUIRE(sjdr.size() == 1);
    CHECK(editor.municipalityBox()->code() == sjdr.first().ibge);
    REQUIRE(editor.save());
    const auto stored = f.services->partners().partner(editor.partner().uuid);
    REQUIRE(stored.ok());
    CHECK(stored->phones == QStringList{QStringLiteral("+5531987654321")});
    CHECK(stored->cep == QStringLiteral("36300000"));
    CHECK(stored->municipality == sjdr.first().ibge);
    // Shown masked when reopened.
    ui::PartnerEditorDialog again(f.context, stored.value());
    CHECK(again.phoneFields().first()->text() == QStringLiteral("(31) 98765-4321"));
    CHECK(again.cepField()->text() == QStringLiteral("36300-000"));
    CHECK(again.municipalityBox()->currentText() == sjdr.first().name);
}

TEST_CASE("partners: a stage change adds a history row dated by the clock")
{
    PageFixture f;
    const auto partner = f.add(QStringLiteral("Conselho Municipal de Saúde"));
    REQUIRE(partner.stageHistory.size() == 1);
    f.clock.set(QDateTime(QDate(2026, 11, 24), QTime(12, 0), QTimeZone::utc()));

    auto *editor = f.openExisting(partner.uuid);
    REQUIRE(editor->stageHistoryList()->count() == 1);
    CHECK(editor->stageHistoryList()->item(0)->text().contains(QStringLiteral("22/11/2026")));
    editor->stageBox()->setCurrentIndex(editor->stageBox()->findData(QStringLiteral("active")));
    REQUIRE(editor->stageHistoryList()->count() == 2);
    CHECK(editor->stageHistoryList()->item(1)->text().contains(QStringLiteral("24/11/2026")));
    CHECK(editor->stageHistoryList()->item(1)->text().contains(ui::partnerStageLabel(core::PartnerStage::Active)));
    // Back to the stored stage: no new row.
    editor->stageBox()->setCurrentIndex(editor->stageBox()->findData(QStringLiteral("mapped")));
    CHECK(editor->stageHistoryList()->count() == 1);
    editor->stageBox()->setCurrentIndex(editor->stageBox()->findData(QStringLiteral("active")));
    f.saveAndWaitClosed(editor);

    const auto stored = f.services->partners().partner(partner.uuid);
    REQUIRE(stored.ok());
    CHECK(stored->stage == core::PartnerStage::Active);
    REQUIRE(stored->stageHistory.size() == 2);
    CHECK(stored->stageHistory.at(1).stage == core::PartnerStage::Active);
    CHECK(stored->stageHistory.at(1).date == QDate(2026, 11, 24));
    CHECK(f.cell(0, ui::PartnerListModel::Stage) == ui::partnerStageLabel(core::PartnerStage::Active));
}

TEST_CASE("partners: consent is recorded, then revoked with the date of revocation")
{
    PageFixture f;
    core::Partner p;
    p.name = QStringLiteral("Maria das Dores");
    p.kind = core::PartnerKind::Person;
    auto saved = f.services->partners().save(p);
    REQUIRE(saved.ok());

    auto *editor = f.openExisting(saved->uuid);
    CHECK_FALSE(editor->revokeButton()->isEnabled());
    editor->consentGivenBox()->setChecked(true);
    CHECK(editor->consentDateField()->text() == QStringLiteral("22/11/2026")); // today, editable
    editor->consentDateField()->clear();
    typeText(editor->consentDateField(), QStringLiteral("01102026"));
    CHECK(editor->consentDateField()->text() == QStringLiteral("01/10/2026"));
    editor->consentChannelBox()->setEditText(QStringLiteral("WhatsApp"));
    typeText(editor->consentPurposeField(), QStringLiteral("Receber campanhas"));
    f.saveAndWaitClosed(editor);
    auto stored = f.services->partners().partner(saved->uuid);
    REQUIRE(stored.ok());
    CHECK(stored->consent.given);
    CHECK(stored->consent.date == QDate(2026, 10, 1));
    CHECK(stored->consent.channel == QStringLiteral("WhatsApp"));
    CHECK(stored->consent.purpose == QStringLiteral("Receber campanhas"));
    CHECK_FALSE(stored->consent.revokedOn.isValid());
    CHECK(f.cell(0, ui::PartnerListModel::Consent) == QStringLiteral("Yes"));

    f.clock.set(QDateTime(QDate(2026, 12, 3), QTime(12, 0), QTimeZone::utc()));
    editor = f.openExisting(saved->uuid);
    REQUIRE(editor->revokeButton()->isEnabled());
    QTest::mouseClick(editor->revokeButton(), Qt::LeftButton);
    CHECK(editor->consentStatusLabel()->text().contains(QStringLiteral("03/12/2026")));
    CHECK_FALSE(editor->consentGivenBox()->isChecked());
    f.saveAndWaitClosed(editor);
    stored = f.services->partners().partner(saved->uuid);
    REQUIRE(stored.ok());
    CHECK_FALSE(stored->consent.given);
    CHECK(stored->consent.revokedOn == QDate(2026, 12, 3));
    CHECK(stored->consent.date == QDate(2026, 10, 1)); // what was given stays on record
    CHECK(f.cell(0, ui::PartnerListModel::Consent) == QStringLiteral("No"));
}

TEST_CASE("partners: a future consent date is refused")
{
    Fixture f;
    ui::PartnerEditorDialog editor(f.context, core::Partner{});
    typeText(editor.nameField(), QStringLiteral("Grupo de Mães"));
    editor.consentGivenBox()->setChecked(true);
    editor.consentDateField()->clear();
    typeText(editor.consentDateField(), QStringLiteral("01012027"));
    CHECK_FALSE(editor.save());
    CHECK(editor.fieldError(editor.consentDateField()).contains(QStringLiteral("01/01/2027")));
    CHECK(editor.tabs()->currentWidget()->isAncestorOf(editor.consentDateField()));
}

TEST_CASE(
    "partners: a person is neither governmental nor formally constituted: those boxes are for organizations")
{
    PageFixture f;
    auto *editor = f.openNew();
    editor->kindBox()->setCurrentIndex(editor->kindBox()->findData(QStringLiteral("organization")));
    REQUIRE(editor->formalBox()->isVisibleTo(editor));
    REQUIRE(editor->governmentalBox()->isVisibleTo(editor));
    QTest::keyClick(editor->governmentalBox(), Qt::Key_Space);
    if (!editor->formalBox()->isChecked())
        QTest::keyClick(editor->formalBox(), Qt::Key_Space);
    REQUIRE(editor->governmentalBox()->isChecked());
    REQUIRE(editor->formalBox()->isChecked());

    // The person changes the kind: the boxes go, and what they said is not kept.
    editor->kindBox()->setCurrentIndex(editor->kindBox()->findData(QStringLiteral("person")));
    CHECK_FALSE(editor->formalBox()->isVisibleTo(editor));
    CHECK_FALSE(editor->governmentalBox()->isVisibleTo(editor));
    typeText(editor->nameField(), QStringLiteral("Maria das Graças Souza"));
    f.saveAndWaitClosed(editor);
    const auto all = f.services->partners().partners();
    REQUIRE(all.size() == 1);
    CHECK(all.first().kind == core::PartnerKind::Person);
    CHECK_FALSE(all.first().formal);
    CHECK_FALSE(all.first().governmental);
}
