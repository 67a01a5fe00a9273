// The URS coverage grid: cell states, the month's totals, what a missing cell
// means, opening a report from a cell, and the list of who did not report.
#include "tests/support/catch_qt.h"
#include <catch2/catch.hpp>

#include "app/ui/regional/coverage_model.h"
#include "app/ui/regional/report_view.h"
#include "tests/app/regional/regional_fixture.h"
#include "tests/app/regional/regional_ui_helpers.h"
#include "tests/core/reference/reference_fixtures.h"

#include <QAbstractItemModelTester>
#include <QClipboard>
#include <QFile>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTextBrowser>

using namespace mobiliza;

namespace {

int rowOfMunicipality(const ui::CoverageModel *m, const QString &ibge)
{
    for (int row = 0; row < m->rowCount(); ++row)
        if (m->grid().rows.at(row).municipality.ibge == ibge)
            return row;
    return -1;
}

QString stateAt(const ui::CoverageModel *m, const QString &ibge, int column)
{
    return m->index(rowOfMunicipality(m, ibge), column).data(ui::CoverageModel::StateKeyRole).toString();
}

QPoint cellCentre(QTableView *table, int row, int column)
{
    const QModelIndex idx = table->model()->index(row, column);
    table->scrollTo(idx);
    return table->visualRect(idx).center();
}

} // namespace

TEST_CASE("regional coverage: each cell's state, the month's totals and a missing report in words")
{
    test::RegionalFixture f;
    f.seedScenario();
    ui::MainWindow window(f.context, nullptr, &f.dialogs);
    window.resize(1366, 768);
    window.show();
    QTest::mouseClick(window.navigation()->viewport(), Qt::LeftButton, Qt::NoModifier,
                      window.navigation()->visualItemRect(window.navigation()->item(1)).center());
    REQUIRE(window.currentPageName() == QStringLiteral("coverage"));
    ui::CoveragePage *page = test::coverageOf(window);
    ui::CoverageModel *m = page->model();
    QAbstractItemModelTester tester(m, QAbstractItemModelTester::FailureReportingMode::Fatal);

    REQUIRE(m->columnCount() == 12);
    REQUIRE(m->rowCount() == f.municipalities.size());
    CHECK(m->headerData(0, Qt::Horizontal).toString().startsWith(QStringLiteral("11/2025")));
    const int oct = 11;
    CHECK(m->headerData(oct, Qt::Horizontal).toString().startsWith(QStringLiteral("10/2026")));
    CHECK(m->headerData(0, Qt::Vertical).toString() == f.municipalities.first().name); // by name

    CHECK(stateAt(m, f.onTime.municipality, oct) == QStringLiteral("on_time")); // 23:30 in Brasília
    CHECK(stateAt(m, f.late.municipality, oct) == QStringLiteral("late"));      // 00:30 the day after
    CHECK(stateAt(m, f.noActions.municipality, oct) == QStringLiteral("no_actions"));
    CHECK(stateAt(m, f.returned.municipality, oct) == QStringLiteral("returned"));
    CHECK(stateAt(m, f.accepted.municipality, oct) == QStringLiteral("on_time"));
    const QString missing = f.municipalities.at(6).ibge;
    CHECK(stateAt(m, missing, oct) == QStringLiteral("missing"));
    CHECK(m->index(rowOfMunicipality(m, missing), oct).data().toString() == QStringLiteral("—"));
    CHECK(stateAt(m, f.onTime.municipality, oct - 1) == QStringLiteral("on_time")); // 09/2026
    CHECK(stateAt(m, f.late.municipality, oct - 1) == QStringLiteral("missing"));
    // The colours of the legend.
    CHECK(m->index(rowOfMunicipality(m, f.late.municipality), oct)
              .data(ui::CoverageModel::FillRole)
              .value<QColor>() == ui::CoverageModel::fill(core::CoverageState::Late));

    // Totals against the target: on time, late, without actions and the listed one count; returned does not.
    const int n = int(f.municipalities.size());
    const QString total = QStringLiteral("5 of %1 (%2%)").arg(n).arg(qRound(500.0 / n));
    CHECK(m->totalText(oct) == total);
    CHECK(m->headerData(oct, Qt::Horizontal).toString() ==
          QStringLiteral("10/2026\n5 of %1\n(%2%)").arg(n).arg(qRound(500.0 / n)));
    CHECK(m->totalText(oct - 1) == QStringLiteral("1 of %1 (%2%)").arg(n).arg(qRound(100.0 / n)));
    CHECK(page->monthLabel()->text().contains(total));

    // A click on a missing cell says what is missing and until when.
    QTableView *table = page->table();
    QTest::mouseClick(table->viewport(), Qt::LeftButton, Qt::NoModifier,
                      cellCentre(table, rowOfMunicipality(m, missing), oct));
    CHECK(page->detailLabel()->text() ==
          QStringLiteral("%1 has not sent the report of 10/2026; deadline: 10/11/2026.")
              .arg(f.municipalities.at(6).name));
    CHECK_FALSE(page->openButton()->isEnabled());
    QTest::mouseClick(table->viewport(), Qt::LeftButton, Qt::NoModifier,
                      cellCentre(table, rowOfMunicipality(m, f.late.municipality), oct));
    CHECK(page->detailLabel()->text().contains(QStringLiteral("late, on 11/11/2026 00:30")));
    CHECK(page->openButton()->isEnabled());
}

TEST_CASE("regional coverage: a cell with a report opens it in the inbox's report view")
{
    test::RegionalFixture f;
    f.seedScenario();
    ui::MainWindow window(f.context, nullptr, &f.dialogs);
    window.show();
    REQUIRE(window.showPage(QStringLiteral("coverage")));
    ui::CoveragePage *page = test::coverageOf(window);
    QTableView *table = page->table();
    const int row = rowOfMunicipality(page->model(), f.noActions.municipality);
    QSignalSpy asked(page, &ui::CoveragePage::openReportRequested);
    QTest::mouseClick(table->viewport(), Qt::LeftButton, Qt::NoModifier, cellCentre(table, row, 11));
    CHECK(window.currentPageName() == QStringLiteral("coverage")); // a click selects, it does not leave
    QTest::mouseDClick(table->viewport(), Qt::LeftButton, Qt::NoModifier, cellCentre(table, row, 11));
    CHECK(asked.count() == 1);
    REQUIRE(window.currentPageName() == QStringLiteral("inbox"));
    ui::InboxPage *inbox = test::inboxOf(window);
    REQUIRE(inbox->isShowingReport());
    CHECK(inbox->reportView()->reportUuid() == f.noActions.uuid);
    CHECK(inbox->reportView()->text()->toPlainText().contains(QStringLiteral("No actions in the month")));
    CHECK(window.navigation()->currentRow() == 0);

    // Enter on another cell, from the keyboard.
    REQUIRE(window.showPage(QStringLiteral("coverage")));
    table->setFocus();
    table->setCurrentIndex(page->model()->index(rowOfMunicipality(page->model(), f.late.municipality), 11));
    QTest::keyClick(table, Qt::Key_Return);
    REQUIRE(window.currentPageName() == QStringLiteral("inbox"));
    CHECK(inbox->reportView()->reportUuid() == f.late.uuid);
}

TEST_CASE("regional coverage: the month's municipalities that did not report, as CSV for Excel and as a list")
{
    test::RegionalFixture f;
    f.seedScenario();
    ui::MainWindow window(f.context, nullptr, &f.dialogs);
    window.show();
    REQUIRE(window.showPage(QStringLiteral("coverage")));
    ui::CoveragePage *page = test::coverageOf(window);
    REQUIRE(page->selectedColumn() == 11); // the newest month by default
    REQUIRE(page->exportButton()->isEnabled());

    test::TempDir out;
    f.dialogs.savePath = out.filePath(QStringLiteral("nao-enviados.csv"));
    QTest::mouseClick(page->exportButton(), Qt::LeftButton);
    QFile file(f.dialogs.savePath);
    REQUIRE(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    REQUIRE(bytes.startsWith("\xEF\xBB\xBF")); // UTF-8 with BOM
    const QStringList lines =
        QString::fromUtf8(bytes.mid(3)).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    const int n = int(f.municipalities.size());
    REQUIRE(lines.size() == 1 + (n - 5)); // header + missing + returned
    CHECK(lines.first() ==
          QStringLiteral("Código IBGE;Município;URS;Competência;Situação;Prazo;Primeiro envio"));
    const QString missing = f.municipalities.at(6).ibge;
    bool sawMissing = false, sawReturned = false;
    for (const QString &line : lines.mid(1)) {
        CHECK_FALSE(line.contains(f.onTime.municipality));
        CHECK_FALSE(line.contains(f.late.municipality));
        // Codes plain, never formulas (="3105608" reaches pandas or Power BI as that text).
        if (line.startsWith(QStringLiteral("%1;").arg(missing))) {
            sawMissing = true;
            CHECK(line == QStringLiteral("%1;%2;Barbacena;10/2026;Não enviado;10/11/2026;")
                              .arg(missing, f.municipalities.at(6).name));
        }
        if (line.startsWith(QStringLiteral("%1;").arg(f.returned.municipality))) {
            sawReturned = true;
            CHECK(line.endsWith(QStringLiteral(";Devolvido para correção;10/11/2026;04/11/2026")));
        }
    }
    CHECK(sawMissing);
    CHECK(sawReturned);
    REQUIRE_FALSE(f.dialogs.messages.isEmpty());
    CHECK(f.dialogs.messages.last().contains(QStringLiteral("nao-enviados.csv")));

    QTest::mouseClick(page->copyButton(), Qt::LeftButton);
    const QString copied = QGuiApplication::clipboard()->text();
    CHECK(copied.startsWith(
        QStringLiteral("Municipalities of the URS Barbacena that did not report 10/2026 (%1 of %2):")
            .arg(n - 5)
            .arg(n)));
    CHECK(copied.contains(QLatin1Char('\n') + f.municipalities.at(6).name + QLatin1Char('\n')));
    CHECK(copied.contains(f.returned.name + QStringLiteral(" (returned for correction)")));
    CHECK_FALSE(copied.contains(f.late.name + QLatin1Char('\n')));
}

TEST_CASE("regional coverage: the target line is the reference table's, and a month under it is marked")
{
    test::RegionalFixture f;
    f.seedScenario();
    // A table that expects 10 % of URS Barbacena's municipalities each month.
    auto table = core::ReferenceData::fromJson(test::editedReference([](QJsonObject &root) {
        QJsonArray urs = root.value(QStringLiteral("urs")).toArray();
        for (qsizetype i = 0; i < urs.size(); ++i) {
            QJsonObject u = urs.at(i).toObject();
            if (u.value(QStringLiteral("name")).toString() == test::kUrs) {
                u.insert(QStringLiteral("coverageTarget"), 0.1);
                urs.replace(i, u);
            }
        }
        root.insert(QStringLiteral("urs"), urs);
    }));
    REQUIRE(table);
    for (const double target : {1.0, 0.1}) {
        ui::AppContext context = f.context;
        if (target < 1.0)
            context.reference = table.value();
        ui::CoveragePage page(context, f.dialogs);
        page.resize(1366, 768);
        page.show();
        QCoreApplication::processEvents();
        const core::CoverageGrid &grid = page.model()->grid();
        REQUIRE(grid.periods.size() == 12);
        CHECK(grid.target == Approx(target));
        const int last = int(grid.periods.size()) - 1; // 10/2026: 5 of 33 reported
        CHECK(page.model()
                  ->headerData(last, Qt::Horizontal, Qt::ToolTipRole)
                  .toString()
                  .contains(QStringLiteral("target: %1%").arg(qRound(target * 100))));
        // Under 100 % the month is marked; 5 of 33 is above 10 %.
        const QColor ink = page.model()->headerData(last, Qt::Horizontal, Qt::ForegroundRole).value<QColor>();
        CHECK((ink == QColor(0x9a, 0x2a, 0x10)) == (target == 1.0));
    }
}
