// The partners register driven through its real widgets, offscreen: filters,
// search, the per-person export, erasure, the keyboard and discarding changes.
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
    f.dialogs->savePath = f.dir.filePath(QStringLiteral("maria.json"));
    REQUIRE(f.page.exportSelected());
    CHECK(f.dialogs->messages.size() == 1);
    QFile file(f.dialogs->savePath);
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

    // Beside it, the same to read or print: a page in words, formatted the Brazilian way.
    QFile page(f.dir.filePath(QStringLiteral("maria.html")));
    REQUIRE(page.open(QIODevice::ReadOnly));
    const QString html = QString::fromUtf8(page.readAll());
    CHECK(html.contains(QStringLiteral("<h1>Maria da Conceição</h1>")));
    CHECK(html.contains(QStringLiteral("CPF 529.982.247-25")));
    CHECK(html.contains(QStringLiteral("(31) 98765-4321")));
    CHECK(html.contains(QStringLiteral("Belo Horizonte")));
    CHECK(html.contains(QStringLiteral("Caminhada contra a dengue")));
    CHECK(html.contains(QStringLiteral("Lei 13.709/2018")));
    CHECK_FALSE(html.contains(QStringLiteral("\"nome\""))); // not the JSON
    CHECK(f.dialogs->messages.first().contains(QStringLiteral("maria.html")));

    // Cancelled file dialog: nothing written, no message.
    f.dialogs->savePath.clear();
    CHECK_FALSE(f.page.exportSelected());
    CHECK(f.dialogs->messages.size() == 1);
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
        f.dialogs->defaultAnswer = false;
        REQUIRE(f.page.selectPartner(gone.uuid));
        QTest::mouseClick(f.page.eraseButton(), Qt::LeftButton);
        REQUIRE(f.dialogs->questions.size() == 1);
        CHECK(f.dialogs->questions.first().contains(QStringLiteral("Maria Erasmo")));
        CHECK(f.page.table()->model()->rowCount() == 2);
        CHECK(f.services->partners().partner(gone.uuid).ok());
        CHECK(f.services->partners().actionsOfPartner(gone.uuid).size() == 1);
    }
    SECTION("confirmed with the Delete key: the row disappears and the data is gone")
    {
        f.dialogs->defaultAnswer = true;
        REQUIRE(f.page.selectPartner(gone.uuid));
        f.page.table()->setFocus();
        QTest::keyClick(f.page.table(), Qt::Key_Delete);
        REQUIRE(f.dialogs->questions.size() == 1);
        CHECK(f.dialogs->questions.first().contains(QStringLiteral("links: 1")));
        CHECK(f.page.table()->model()->rowCount() == 1);
        CHECK(f.cell(0, 0) == QStringLiteral("Escola Municipal"));
        const auto after = f.services->partners().partner(gone.uuid);
        REQUIRE_FALSE(after.ok());
        CHECK(after.error().code == QStringLiteral("not_found"));
        const auto reloaded = f.services->reports().report(report->uuid);
        REQUIRE(reloaded.ok());
        CHECK(reloaded->actions.first().partnerUuids == QStringList{keep.uuid});
        CHECK(f.dialogs->warnings.isEmpty());
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
    CHECK(f.dialogs->questions.isEmpty());

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
    f.dialogs->defaultAnswer = false;
    QTest::keyClick(editor, Qt::Key_Escape);
    CHECK(f.dialogs->questions.size() == 1);
    CHECK(editor->isVisible());
    CHECK(editor->nameField()->text() == QStringLiteral("Rascunho"));
    f.dialogs->defaultAnswer = true;
    editor->reject();
    REQUIRE(QTest::qWaitFor([&f] { return f.page.editor() == nullptr; }, 2000));
    CHECK(f.services->partners().partners().isEmpty());
}
