// The URS's "Parceiros da região" page, driven like a person on the real widgets
// offscreen: between Lotes and Sincronização, an empty state that says what to
// do, no work while hidden, typing in the search and choosing a municipality,
// counts in words, and the filtered list exported through the Dialogs seam (CSV
// and XLSX, written off the UI thread, no personal contact). Also rendered at the
// two screen sizes of the regional offices.
#include <catch2/catch.hpp>
#include "tests/support/catch_qt.h"

#include "app/ui/command_line.h"
#include "app/ui/pages/role_pages.h"
#include "app/ui/regional/partners_region_model.h"
#include "app/ui/regional/partners_region_page.h"
#include "core/outputs/export_job.h"
#include "core/regional/region_partners.h"
#include "tests/app/cli_run.h"
#include "tests/app/regional/regional_fixture.h"
#include "tests/app/regional/regional_ui_helpers.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>

using namespace mobiliza;
using ui::PartnersRegionModel;

namespace {

ui::PartnersRegionPage *openPartners(ui::MainWindow &window)
{
    QListWidget *nav = window.navigation();
    const int row = int(ui::regionalPageNames().indexOf(QStringLiteral("partners")));
    REQUIRE(row == 3); // between Lotes and Painel (issue 9's order of the URS's pages)
    REQUIRE(ui::regionalPageNames().at(row + 1) == QStringLiteral("panel"));
    QTest::mouseClick(nav->viewport(), Qt::LeftButton, Qt::NoModifier, nav->visualItemRect(nav->item(row)).center());
    REQUIRE(window.currentPageName() == QStringLiteral("partners"));
    auto *page = qobject_cast<ui::PartnersRegionPage *>(window.page(QStringLiteral("partners")));
    REQUIRE(page);
    return page;
}

core::RegionPartner partner(const core::Municipality &m, const QString &name, qint64 cursor,
                            core::PartnerKind kind = core::PartnerKind::Organization,
                            const QString &sector = QStringLiteral("educacao"),
                            core::PartnerStage stage = core::PartnerStage::Active)
{
    core::RegionPartner p;
    p.uuid = core::newUuid();
    p.municipality = m.ibge;
    p.name = name;
    p.kind = kind;
    p.sector = sector;
    p.stage = stage;
    p.updatedAt = QDateTime(QDate(2026, 11, 3), QTime(13, 0), QTimeZone::utc()).addDays(cursor);
    p.cursor = cursor;
    return p;
}

// Seven partners in three of the URS's municipalities, as a pass would bring them.
QList<core::RegionPartner> seedPartners(test::RegionalFixture &f)
{
    const core::Municipality &a = f.municipalities.at(0);
    const core::Municipality &b = f.municipalities.at(1);
    const core::Municipality &c = f.municipalities.at(2);
    core::RegionPartner radio = partner(b, QStringLiteral("Rádio Comunitária Esperança FM"), 2,
                                        core::PartnerKind::Organization, QStringLiteral("imprensa_midia"));
    radio.cnpj = QStringLiteral("11222333000181");
    radio.consent = true;
    radio.consentDate = QDate(2026, 3, 9);
    const QList<core::RegionPartner> all{
        partner(a, QStringLiteral("Escola Estadual Padre Anchieta"), 1),
        radio,
        partner(a, QStringLiteral("Clube de Mães Santa Luzia"), 3, core::PartnerKind::InformalGroup,
                QStringLiteral("assistencia_social"), core::PartnerStage::Mapped),
        partner(b, QStringLiteral("Conselho Municipal de Saúde"), 4, core::PartnerKind::Organization,
                QStringLiteral("conselho_controle_social"), core::PartnerStage::Sensitized),
        partner(c, QStringLiteral("Maria Aparecida Souza"), 5, core::PartnerKind::Person, QStringLiteral("saude")),
        partner(c, QStringLiteral("Paróquia São Sebastião"), 6, core::PartnerKind::Organization,
                QStringLiteral("religioso")),
        partner(c, QStringLiteral("Rádio Cultura AM"), 7, core::PartnerKind::Organization,
                QStringLiteral("imprensa_midia"), core::PartnerStage::Inactive),
    };
    REQUIRE(core::RegionPartners(*f.services).applyPulled(all, 7).ok());
    return all;
}

QStringList namesShown(const ui::PartnersRegionPage *page)
{
    QStringList names;
    const QAbstractItemModel *m = page->table()->model();
    for (int row = 0; row < m->rowCount(); ++row)
        names << m->index(row, PartnersRegionModel::Name).data().toString();
    return names;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    REQUIRE(f.open(QIODevice::ReadOnly));
    return f.readAll();
}

} // namespace

TEST_CASE("partners of the region: an empty copy says to synchronize, and a hidden page does no work")
{
    test::RegionalFixture f;
    ui::MainWindow window(f.context, nullptr, &f.dialogs);
    window.resize(1366, 768);
    window.show();
    auto *page = qobject_cast<ui::PartnersRegionPage *>(window.page(QStringLiteral("partners")));
    REQUIRE(page);
    CHECK(page->reloads() == 0); // not shown yet: nothing read

    page = openPartners(window);
    CHECK(page->reloads() == 1);
    CHECK(page->emptyLabel()->isVisible());
    CHECK(page->emptyLabel()->text().contains(QStringLiteral("Synchronize")));
    CHECK_FALSE(page->table()->isVisible());
    CHECK_FALSE(page->csvButton()->isEnabled());
    CHECK_FALSE(page->xlsxButton()->isEnabled());

    // A pass brings partners while another page is shown: nothing is read until the page is.
    REQUIRE(window.showPage(QStringLiteral("inbox")));
    seedPartners(f);
    CHECK(page->reloads() == 1);
    page = openPartners(window);
    CHECK(page->reloads() == 2);
    CHECK_FALSE(page->emptyLabel()->isVisible());
    CHECK(page->table()->isVisible());
    CHECK(page->table()->model()->rowCount() == 7);
    CHECK(page->countLabel()->text().contains(QStringLiteral("7")));
    CHECK(page->countLabel()->text().contains(QStringLiteral("3")));
    // While shown, the next pass's changes come in at once.
    core::RegionPartner erased;
    erased.uuid = page->model()->partners().first().uuid;
    erased.municipality = page->model()->partners().first().municipality;
    erased.deleted = true;
    erased.cursor = 8;
    REQUIRE(core::RegionPartners(*f.services).applyPulled({erased}, 8).ok());
    CHECK(page->reloads() == 3);
    CHECK(page->table()->model()->rowCount() == 6);
}

TEST_CASE("partners of the region: typing in the search, choosing a municipality, and the export through the seam")
{
    test::RegionalFixture f;
    seedPartners(f);
    ui::MainWindow window(f.context, nullptr, &f.dialogs);
    window.resize(1366, 768);
    window.show();
    ui::PartnersRegionPage *page = openPartners(window);
    QTableView *table = page->table();
    // By municipality, then name; the columns say it in words.
    CHECK(table->model()->index(0, PartnersRegionModel::Municipality).data().toString() == f.municipalities.at(0).name);
    CHECK(namesShown(page).mid(0, 2) ==
          QStringList{QStringLiteral("Clube de Mães Santa Luzia"), QStringLiteral("Escola Estadual Padre Anchieta")});
    const QModelIndex radio = table->model()->index(namesShown(page).indexOf(QStringLiteral("Rádio Comunitária Esperança FM")), 0);
    CHECK(radio.siblingAtColumn(PartnersRegionModel::Consent).data().toString() == QStringLiteral("Yes (09/03/2026)"));
    CHECK(radio.siblingAtColumn(PartnersRegionModel::Sector).data().toString() == QStringLiteral("Imprensa / mídia"));

    // Accents and case aside, like the municipal register.
    page->searchField()->setFocus();
    QTest::keyClicks(page->searchField(), QStringLiteral("radio"));
    CHECK(namesShown(page) == QStringList{QStringLiteral("Rádio Comunitária Esperança FM"), QStringLiteral("Rádio Cultura AM")});
    CHECK(page->countLabel()->text().contains(QStringLiteral("of 7")));
    page->searchField()->clear();
    CHECK(table->model()->rowCount() == 7);

    // A municipality from the list (only those with partners are there), then a stage.
    QComboBox *municipality = page->municipalityFilter();
    CHECK(municipality->count() == 4); // "All" and the three
    municipality->setCurrentIndex(municipality->findData(f.municipalities.at(2).ibge));
    CHECK(namesShown(page) == QStringList{QStringLiteral("Maria Aparecida Souza"), QStringLiteral("Paróquia São Sebastião"),
                                          QStringLiteral("Rádio Cultura AM")});
    page->stageFilter()->setCurrentIndex(page->stageFilter()->findData(core::partnerStageKey(core::PartnerStage::Inactive)));
    CHECK(namesShown(page) == QStringList{QStringLiteral("Rádio Cultura AM")});
    page->kindFilter()->setCurrentIndex(page->kindFilter()->findData(core::partnerKindKey(core::PartnerKind::Person)));
    CHECK(table->model()->rowCount() == 0);
    CHECK(page->emptyLabel()->isVisible());
    CHECK(page->emptyLabel()->text().contains(QStringLiteral("filters")));
    CHECK_FALSE(page->csvButton()->isEnabled());
    page->kindFilter()->setCurrentIndex(0);
    page->stageFilter()->setCurrentIndex(0);
    CHECK(table->model()->rowCount() == 3);

    // Cancelled: nothing starts.
    f.dialogs.savePath.clear();
    CHECK_FALSE(page->exportCsv());
    CHECK(page->exportJob() == nullptr);

    // The filtered list to CSV: a click, the file asked through the seam, written off the UI thread.
    test::TempDir out;
    f.dialogs.savePath = out.filePath(QStringLiteral("parceiros.csv"));
    QTest::mouseClick(page->csvButton(), Qt::LeftButton);
    REQUIRE(page->exportJob());
    CHECK(f.dialogs.lastSuggestedPath.endsWith(QStringLiteral(".csv")));
    CHECK_FALSE(page->xlsxButton()->isEnabled()); // one export at a time
    QSignalSpy csvDone(page->exportJob(), &core::ExportJob::finished);
    REQUIRE((csvDone.count() == 1 || csvDone.wait(10000)));
    CHECK(f.dialogs.warnings.isEmpty());
    REQUIRE(f.dialogs.messages.size() == 1);
    CHECK(f.dialogs.messages.last().contains(QStringLiteral("3")));
    const QByteArray csv = readAll(f.dialogs.savePath);
    CHECK(csv.startsWith("\xEF\xBB\xBF"));
    const QString text = QString::fromUtf8(csv.mid(3));
    CHECK(text.count(QStringLiteral("\r\n")) == 4); // the header and the three shown
    CHECK(text.contains(f.municipalities.at(2).name));
    CHECK(text.contains(QStringLiteral("Paróquia São Sebastião")));
    CHECK_FALSE(text.contains(QStringLiteral("Escola Estadual Padre Anchieta"))); // filtered out
    for (const char *column : {"E-mail", "Telefones", "Pessoa de contato", "CPF"})
        CHECK_FALSE(text.section(QStringLiteral("\r\n"), 0, 0).split(QLatin1Char(';')).contains(QLatin1String(column)));
    CHECK(page->csvButton()->isEnabled());

    // And to XLSX.
    municipality->setCurrentIndex(0);
    f.dialogs.savePath = out.filePath(QStringLiteral("parceiros.xlsx"));
    QTest::mouseClick(page->xlsxButton(), Qt::LeftButton);
    REQUIRE(page->exportJob());
    QSignalSpy xlsxDone(page->exportJob(), &core::ExportJob::finished);
    REQUIRE((xlsxDone.count() == 1 || xlsxDone.wait(10000)));
    CHECK(f.dialogs.warnings.isEmpty());
    CHECK(f.dialogs.messages.size() == 2);
    CHECK(readAll(f.dialogs.savePath).startsWith("PK"));

    // A folder that cannot be written: told in words, nothing else changes.
    f.dialogs.savePath = out.filePath(QStringLiteral("falta/parceiros.csv"));
    REQUIRE(page->exportCsv());
    QSignalSpy failed(page->exportJob(), &core::ExportJob::finished);
    REQUIRE((failed.count() == 1 || failed.wait(10000)));
    CHECK(f.dialogs.warnings.size() == 1);
}

TEST_CASE("partners of the region: rendered at 1366x768 and 1024x600")
{
    test::RegionalFixture f;
    seedPartners(f);
    test::TempDir scratch;
    test::atOfficeScreens(scratch.path(), [&f](QSize size, const QString &folder) {
        ui::MainWindow window(f.context, nullptr, &f.dialogs);
        window.resize(size);
        window.show();
        ui::PartnersRegionPage *page = openPartners(window);
        QCoreApplication::processEvents();
        CHECK(window.width() == size.width()); // nothing forces the window wider than the screen
        for (QPushButton *button : {page->csvButton(), page->xlsxButton()})
            CHECK(button->width() >= button->sizeHint().width());
        CHECK(page->countLabel()->width() >= page->countLabel()->sizeHint().width());
        CHECK(page->table()->height() > 5 * page->table()->verticalHeader()->defaultSectionSize());
        const QImage image = window.grab().toImage();
        CHECK(image.save(
            QDir(folder).filePath(QStringLiteral("partners-region-%1x%2.png").arg(size.width()).arg(size.height()))));
    });
}

TEST_CASE("partners of the region: --partners prints the copy, or writes it with --out, in a URS profile only")
{
    CHECK(ui::parseCommandLine({QStringLiteral("mobiliza"), QStringLiteral("--partners"), QStringLiteral("--out"),
                                QStringLiteral("p.xlsx")})
              .error.isEmpty());
    CHECK_FALSE(ui::parseCommandLine({QStringLiteral("mobiliza"), QStringLiteral("--partners"), QStringLiteral("--status")})
                    .error.isEmpty());
    test::TempDir dir;
    const QString urs = dir.filePath(QStringLiteral("urs"));
    test::CliRun r = test::runCli({QStringLiteral("--data-dir"), urs, QStringLiteral("--role"), QStringLiteral("urs"),
                                   QStringLiteral("--urs"), QStringLiteral("Barbacena"), QStringLiteral("--demo-data"),
                                   QStringLiteral("--partners")});
    INFO(r.err.toStdString());
    REQUIRE(r.code == 0);
    const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    REQUIRE(lines.size() >= 33 * 3); // every municipality of the URS has some
    for (const QString &line : lines) {
        const QStringList fields = line.split(QLatin1Char('\t'));
        REQUIRE(fields.size() == 7);
        CHECK(fields.at(0).size() == 7); // IBGE
        CHECK((fields.at(6) == QStringLiteral("yes") || fields.at(6) == QStringLiteral("no")));
    }
    CHECK(r.out.contains(QStringLiteral("\tBarbacena\t")));

    const QString csv = dir.filePath(QStringLiteral("parceiros.csv"));
    r = test::runCli({QStringLiteral("--data-dir"), urs, QStringLiteral("--partners"), QStringLiteral("--out"), csv});
    REQUIRE(r.code == 0);
    CHECK(r.out.contains(QString::number(lines.size())));
    const QByteArray bytes = readAll(csv);
    CHECK(bytes.startsWith("\xEF\xBB\xBF"));
    CHECK(QString::fromUtf8(bytes).count(QStringLiteral("\r\n")) == lines.size() + 1);
    const QString xlsx = dir.filePath(QStringLiteral("parceiros.xlsx"));
    REQUIRE(test::runCli({QStringLiteral("--data-dir"), urs, QStringLiteral("--partners"), QStringLiteral("--out"), xlsx})
                .code == 0);
    CHECK(readAll(xlsx).startsWith("PK"));

    // A municipality's profile has no partners of a region.
    r = test::runCli({QStringLiteral("--data-dir"), dir.filePath(QStringLiteral("bh")), QStringLiteral("--municipality"),
                      QStringLiteral("3106200"), QStringLiteral("--partners")});
    CHECK(r.code == 1);
    CHECK_FALSE(r.err.isEmpty());
}
