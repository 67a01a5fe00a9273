// The partners register driven through its real widgets, offscreen.
#include <catch2/catch.hpp>
#include "tests/support/catch_qt.h"

#include "app/ui/models/partner_list_model.h"
#include "app/ui/pages/partners_page.h"
#include "app/ui/partners/municipality_combo.h"
#include "app/ui/partners/partner_editor_dialog.h"
#include "app/ui/partners/partner_prompts.h"
#include "core/services/services.h"
#include "core/validators/br_validators.h"
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

namespace {

// QTest::keyClicks asserts on non-ASCII characters: type those as key events with text.
void typeText(QWidget *widget, const QString &text)
{
    for (const QChar c : text) {
        if (c.unicode() < 128)
            QTest::keyClick(widget, c.toLatin1());
        else
            QTest::sendKeyEvent(QTest::Click, widget, Qt::Key_unknown, QString(c), Qt::NoModifier);
    }
}

struct FakePrompts final : ui::PartnerPrompts
{
    bool answer = true;
    QString fileName;
    QStringList confirmations;
    QStringList messages;
    QStringList warnings;

    bool confirm(QWidget *, const QString &, const QString &text, const QString &) override
    {
        confirmations << text;
        return answer;
    }
    QString saveFileName(QWidget *, const QString &, const QString &, const QString &) override { return fileName; }
    void inform(QWidget *, const QString &, const QString &text) override { messages << text; }
    void warn(QWidget *, const QString &, const QString &text) override { warnings << text; }
};

struct Fixture
{
    test::TempDir dir;
    core::FixedClock clock{QDateTime(QDate(2026, 11, 22), QTime(14, 0), QTimeZone::utc())};
    std::unique_ptr<core::Services> services;
    ui::AppContext context;

    Fixture()
    {
        auto opened = core::Services::open(dir.path(), clock);
        REQUIRE(opened.ok());
        services = std::move(opened.value());
        REQUIRE(services->profile().setMunicipality(QStringLiteral("3106200")).ok());
        context = ui::AppContext{dir.path(), core::ReferenceData::embedded(),
                                 core::ProgramDefinition::sesMgMobilizacao(), services.get(), &clock};
    }

    core::Partner add(const QString &name, core::PartnerKind kind = core::PartnerKind::Organization,
                      const QString &sector = QStringLiteral("educacao"),
                      core::PartnerStage stage = core::PartnerStage::Mapped,
                      const QString &municipality = QStringLiteral("3106200"))
    {
        core::Partner p;
        p.name = name;
        p.kind = kind;
        p.sector = sector;
        p.stage = stage;
        p.municipality = municipality;
        auto saved = services->partners().save(p);
        REQUIRE(saved.ok());
        return saved.value();
    }
};

// A page with a fake prompt seam and model testers on both models.
struct PageFixture : Fixture
{
    ui::PartnersPage page{context};
    FakePrompts *prompts = nullptr;
    std::unique_ptr<QAbstractItemModelTester> sourceTester;
    std::unique_ptr<QAbstractItemModelTester> filterTester;

    PageFixture()
    {
        auto fake = std::make_unique<FakePrompts>();
        prompts = fake.get();
        page.setPrompts(std::move(fake));
        sourceTester = std::make_unique<QAbstractItemModelTester>(
            page.model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        filterTester = std::make_unique<QAbstractItemModelTester>(
            page.filterModel(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        page.resize(1000, 700);
        page.show();
    }

    ui::PartnerEditorDialog *openNew()
    {
        QTest::mouseClick(page.newButton(), Qt::LeftButton);
        REQUIRE(page.editor() != nullptr);
        REQUIRE(page.editor()->isVisible());
        return page.editor();
    }

    ui::PartnerEditorDialog *openExisting(const QString &uuid)
    {
        REQUIRE(page.selectPartner(uuid));
        QTest::mouseClick(page.editButton(), Qt::LeftButton);
        REQUIRE(page.editor() != nullptr);
        return page.editor();
    }

    void saveAndWaitClosed(ui::PartnerEditorDialog *editor)
    {
        QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
        REQUIRE(QTest::qWaitFor([this] { return page.editor() == nullptr; }, 2000));
    }

    QString cell(int row, int column) const
    {
        return page.table()->model()->index(row, column).data().toString();
    }
};

} // namespace

TEST_CASE("partners: a partner typed into the editor is saved normalized and shown in the table")
{
    PageFixture f;
    REQUIRE(f.page.table()->model()->rowCount() == 0);
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

TEST_CASE("partners: filters by kind, sector, stage and municipality, and accent-insensitive search")
{
    PageFixture f;
    const QString neighbour = QStringLiteral("3118601"); // Contagem
    REQUIRE(f.context.reference.municipality(neighbour).has_value());
    f.add(QStringLiteral("Associação São José"), core::PartnerKind::Organization, QStringLiteral("religioso"),
          core::PartnerStage::Active);
    f.add(QStringLiteral("Rádio Comunitária"), core::PartnerKind::Organization, QStringLiteral("imprensa_midia"),
          core::PartnerStage::Sensitized, neighbour);
    f.add(QStringLiteral("João Pereira"), core::PartnerKind::Person, QStringLiteral("esporte"),
          core::PartnerStage::Active);
    f.add(QStringLiteral("Coletivo Jovem"), core::PartnerKind::InformalGroup, QStringLiteral("cultura"),
          core::PartnerStage::Mapped);
    QAbstractItemModel *table = f.page.table()->model();
    REQUIRE(table->rowCount() == 4);
    CHECK(f.page.countLabel()->text().contains(QStringLiteral("4")));

    QComboBox *stage = f.page.stageFilter();
    stage->setCurrentIndex(stage->findData(QStringLiteral("active")));
    CHECK(table->rowCount() == 2);
    CHECK(f.page.countLabel()->text() == QStringLiteral("2 of 4 partners"));
    QComboBox *kind = f.page.kindFilter();
    kind->setCurrentIndex(kind->findData(QStringLiteral("person")));
    REQUIRE(table->rowCount() == 1);
    CHECK(f.cell(0, 0) == QStringLiteral("João Pereira"));
    kind->setCurrentIndex(0);
    stage->setCurrentIndex(0);
    CHECK(table->rowCount() == 4);

    QComboBox *sector = f.page.sectorFilter();
    sector->setCurrentIndex(sector->findData(QStringLiteral("imprensa_midia")));
    REQUIRE(table->rowCount() == 1);
    CHECK(f.cell(0, 0) == QStringLiteral("Rádio Comunitária"));
    sector->setCurrentIndex(0);

    QComboBox *municipality = f.page.municipalityFilter();
    CHECK(municipality->itemData(1).toString() == QStringLiteral("3106200")); // the profile's comes first
    REQUIRE(municipality->findData(neighbour) > 0);
    municipality->setCurrentIndex(municipality->findData(neighbour));
    REQUIRE(table->rowCount() == 1);
    CHECK(f.cell(0, 0) == QStringLiteral("Rádio Comunitária"));
    municipality->setCurrentIndex(0);

    typeText(f.page.searchField(), QStringLiteral("JOAO"));
    REQUIRE(table->rowCount() == 1);
    CHECK(f.cell(0, 0) == QStringLiteral("João Pereira"));
    f.page.searchField()->clear();
    typeText(f.page.searchField(), QStringLiteral("associacao sao jose"));
    REQUIRE(table->rowCount() == 1);
    CHECK(f.cell(0, 0) == QStringLiteral("Associação São José"));
    f.page.searchField()->clear();
    typeText(f.page.searchField(), QStringLiteral("contagem")); // by municipality name
    REQUIRE(table->rowCount() == 1);
    CHECK(f.cell(0, 0) == QStringLiteral("Rádio Comunitária"));
    // Search and filters combine.
    sector->setCurrentIndex(sector->findData(QStringLiteral("religioso")));
    CHECK(table->rowCount() == 0);
    CHECK(f.page.countLabel()->text() == QStringLiteral("0 of 4 partners"));
    CHECK_FALSE(f.page.eraseButton()->isEnabled());
}

TEST_CASE("partners: the per-person export holds the person's data and actions")
{
    PageFixture f;
    core::Partner p;
    p.name = QStringLiteral("Maria da Conceição");
    p.kind = core::PartnerKind::Person;
    p.document = QStringLiteral("52998224725");
    p.phones = {QStringLiteral("+5531987654321")};
    p.email = QStringLiteral("maria@example.com.br");
    p.municipality = QStringLiteral("3106200");
    p.sector = QStringLiteral("religioso");
    auto saved = f.services->partners().save(p);
    REQUIRE(saved.ok());
    auto report = f.services->reports().createReport(f.context.program.id(), core::Period{2026, 10});
    REQUIRE(report.ok());
    REQUIRE(f.services->reports().addAction(report->uuid, {{QStringLiteral("title"), QStringLiteral("Roda de conversa")}}).ok());
    auto action = f.services->reports().addAction(report->uuid, {{QStringLiteral("title"), QStringLiteral("Caminhada contra a dengue")}});
    REQUIRE(action.ok());
    REQUIRE(f.services->reports().setActionPartners(action->uuid, {saved->uuid}).ok());

    // The editor lists the action.
    auto *editor = f.openExisting(saved->uuid);
    REQUIRE(editor->actionsList()->count() == 1);
    CHECK(editor->actionsList()->item(0)->text() == QStringLiteral("Ação 2 — Caminhada contra a dengue (10/2026)"));
    editor->reject();
    REQUIRE(QTest::qWaitFor([&f] { return f.page.editor() == nullptr; }, 2000));

    REQUIRE(f.page.selectPartner(saved->uuid));
    f.prompts->fileName = f.dir.filePath(QStringLiteral("maria.json"));
    REQUIRE(f.page.exportSelected());
    CHECK(f.prompts->messages.size() == 1);
    QFile file(f.prompts->fileName);
    REQUIRE(file.open(QIODevice::ReadOnly));
    const QJsonObject o = QJsonDocument::fromJson(file.readAll()).object();
    CHECK(o.value(QStringLiteral("nome")).toString() == QStringLiteral("Maria da Conceição"));
    CHECK(o.value(QStringLiteral("documento")).toString() == QStringLiteral("52998224725"));
    CHECK(o.value(QStringLiteral("telefones")).toArray().first().toString() == QStringLiteral("+5531987654321"));
    CHECK(o.value(QStringLiteral("email")).toString() == QStringLiteral("maria@example.com.br"));
    CHECK(o.value(QStringLiteral("municipio_nome")).toString() == QStringLiteral("Belo Horizonte"));
    CHECK(o.value(QStringLiteral("setor_nome")).toString() == QStringLiteral("Religioso"));
    CHECK(o.value(QStringLiteral("exportado_em")).toString() == QStringLiteral("2026-11-22T14:00:00Z"));
    const QJsonArray actions = o.value(QStringLiteral("acoes")).toArray();
    REQUIRE(actions.size() == 1);
    CHECK(actions.first().toString() == QStringLiteral("Ação 2 — Caminhada contra a dengue (10/2026)"));

    // Cancelled file dialog: nothing written, no message.
    f.prompts->fileName.clear();
    CHECK_FALSE(f.page.exportSelected());
    CHECK(f.prompts->messages.size() == 1);
}

TEST_CASE("partners: erasure asks first, then removes the partner and its links")
{
    PageFixture f;
    const auto keep = f.add(QStringLiteral("Escola Municipal"));
    const auto gone = f.add(QStringLiteral("Maria Erasmo"), core::PartnerKind::Person);
    auto report = f.services->reports().createReport(f.context.program.id(), core::Period{2026, 10});
    REQUIRE(report.ok());
    auto action = f.services->reports().addAction(report->uuid, {{QStringLiteral("title"), QStringLiteral("Blitz")}});
    REQUIRE(action.ok());
    REQUIRE(f.services->reports().setActionPartners(action->uuid, {gone.uuid, keep.uuid}).ok());
    REQUIRE(f.page.table()->model()->rowCount() == 2);

    SECTION("cancelled: the partner stays")
    {
        f.prompts->answer = false;
        REQUIRE(f.page.selectPartner(gone.uuid));
        QTest::mouseClick(f.page.eraseButton(), Qt::LeftButton);
        REQUIRE(f.prompts->confirmations.size() == 1);
        CHECK(f.prompts->confirmations.first().contains(QStringLiteral("Maria Erasmo")));
        CHECK(f.page.table()->model()->rowCount() == 2);
        CHECK(f.services->partners().partner(gone.uuid).ok());
        CHECK(f.services->partners().actionsOfPartner(gone.uuid).size() == 1);
    }
    SECTION("confirmed with the Delete key: the row disappears and the data is gone")
    {
        f.prompts->answer = true;
        REQUIRE(f.page.selectPartner(gone.uuid));
        f.page.table()->setFocus();
        QTest::keyClick(f.page.table(), Qt::Key_Delete);
        REQUIRE(f.prompts->confirmations.size() == 1);
        CHECK(f.prompts->confirmations.first().contains(QStringLiteral("links: 1")));
        CHECK(f.page.table()->model()->rowCount() == 1);
        CHECK(f.cell(0, 0) == QStringLiteral("Escola Municipal"));
        const auto after = f.services->partners().partner(gone.uuid);
        REQUIRE_FALSE(after.ok());
        CHECK(after.error().code == QStringLiteral("not_found"));
        const auto reloaded = f.services->reports().report(report->uuid);
        REQUIRE(reloaded.ok());
        CHECK(reloaded->actions.first().partnerUuids == QStringList{keep.uuid});
        CHECK(f.prompts->warnings.isEmpty());
    }
}

TEST_CASE("partners: keyboard — Ctrl+N opens a new partner, Enter opens the selected one")
{
    PageFixture f;
    const auto partner = f.add(QStringLiteral("Pastoral da Criança"));
    f.page.activateWindow();
    REQUIRE(QTest::qWaitForWindowActive(&f.page));
    f.page.table()->setFocus();
    QTest::keySequence(f.page.table(), QKeySequence(Qt::CTRL | Qt::Key_N));
    REQUIRE(f.page.editor() != nullptr);
    CHECK(f.page.editor()->isNew());
    f.page.editor()->reject(); // nothing typed: closes without asking
    REQUIRE(QTest::qWaitFor([&f] { return f.page.editor() == nullptr; }, 2000));
    CHECK(f.prompts->confirmations.isEmpty());

    REQUIRE(f.page.selectPartner(partner.uuid));
    f.page.activateWindow();
    REQUIRE(QTest::qWaitForWindowActive(&f.page));
    f.page.table()->setFocus();
    QTest::keyClick(f.page.table(), Qt::Key_Return);
    REQUIRE(f.page.editor() != nullptr);
    CHECK(f.page.editor()->nameField()->text() == QStringLiteral("Pastoral da Criança"));
}

TEST_CASE("partners: closing the editor with unsaved typing asks before discarding")
{
    PageFixture f;
    auto *editor = f.openNew();
    typeText(editor->nameField(), QStringLiteral("Rascunho"));
    REQUIRE(editor->hasChanges());
    f.prompts->answer = false;
    QTest::keyClick(editor, Qt::Key_Escape);
    CHECK(f.prompts->confirmations.size() == 1);
    CHECK(editor->isVisible());
    CHECK(editor->nameField()->text() == QStringLiteral("Rascunho"));
    f.prompts->answer = true;
    editor->reject();
    REQUIRE(QTest::qWaitFor([&f] { return f.page.editor() == nullptr; }, 2000));
    CHECK(f.services->partners().partners().isEmpty());
}
