// The central level's desk (docs/protocol.md §10.7) on the real widgets: its
// pages (no batches), the forwarded reports shown first, Consolidar and
// Devolver à URS from the report view; and the URS's side of a report the
// central level returned: decidable again, the central level's words shown and
// carried into the return to the municipality; a URS's batch file taken in.
#include "tests/support/catch_qt.h"
#include <catch2/catch.hpp>

#include "app/ui/main_window.h"
#include "app/ui/regional/inbox_page.h"
#include "app/ui/regional/report_view.h"
#include "app/ui/regional/return_dialog.h"
#include "core/package/batch_file.h"
#include "core/regional/batch_service.h"
#include "core/regional/review_outbox.h"
#include "tests/app/cli_run.h"
#include "tests/app/regional/regional_fixture.h"
#include "tests/app/regional/regional_ui_helpers.h"
#include "tests/core/package/package_test_util.h"

#include <QDialogButtonBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
#include <QTextBrowser>
#include <QToolButton>

using namespace mobiliza;
using test::rowOfReport;

namespace {

test::SeedOptions inState(const QString &state, const QString &comment = {})
{
    test::SeedOptions o;
    o.state = state;
    o.comment = comment;
    return o;
}

QString localState(test::RegionalFixture &f, const test::SeededReport &r)
{
    return f.services->reviews().localStates().value(core::revisionKey(r.uuid, r.revision));
}

} // namespace

TEST_CASE(
    "central desk: the forwarded reports first, consolidated or returned to the URS from the report view")
{
    test::RegionalFixture f(core::Role::Central);
    const test::SeededReport forwarded = f.seed(f.municipalities.at(0), inState(QStringLiteral("forwarded")));
    const test::SeededReport other = f.seed(f.municipalities.at(1), inState(QStringLiteral("forwarded")));
    const test::SeededReport received = f.seed(f.municipalities.at(2), inState(QStringLiteral("received")));
    ui::MainWindow window(f.context, nullptr, &f.dialogs);
    window.resize(1366, 768);
    window.show();
    // The central level makes no batches.
    CHECK(window.page(QStringLiteral("batches")) == nullptr);
    REQUIRE(window.page(QStringLiteral("panel")) != nullptr);

    ui::InboxPage *inbox = test::inboxOf(window);
    QTableView *table = inbox->table();
    // What waits for the central level is what it sees first.
    CHECK(rowOfReport(table, forwarded.uuid) >= 0);
    CHECK(rowOfReport(table, received.uuid) < 0);
    auto *bulk = inbox->findChild<QPushButton *>(QStringLiteral("acceptSelected"));
    REQUIRE(bulk);
    CHECK(bulk->text().startsWith(QStringLiteral("Consolidate")));

    // Open it (Enter) and consolidate it.
    test::clickRow(table, rowOfReport(table, forwarded.uuid));
    QTest::keyClick(table, Qt::Key_Return);
    REQUIRE(inbox->isShowingReport());
    ui::ReportView *view = inbox->reportView();
    CHECK(view->acceptButton()->text() == QStringLiteral("Consolidate"));
    CHECK(view->returnButton()->text() == QStringLiteral("Return to the URS…"));
    REQUIRE(view->acceptButton()->isEnabled());
    QTest::mouseClick(view->acceptButton(), Qt::LeftButton);
    CHECK(f.dialogs.questions.constLast().contains(QStringLiteral("Consolidate the report of")));
    CHECK(localState(f, forwarded) == QStringLiteral("consolidated"));
    auto due = f.services->reviews().due();
    REQUIRE(due.ok());
    REQUIRE(due->size() == 1);
    CHECK(due->first().decision == core::Decision::Consolidate);
    CHECK_FALSE(view->acceptButton()->isEnabled()); // decided: waits to be sent

    // The other one goes back to its URS, with what to look at.
    QTest::keyClick(view, Qt::Key_Escape);
    REQUIRE_FALSE(inbox->isShowingReport());
    inbox->openReport(other.uuid);
    REQUIRE(inbox->isShowingReport());
    QTest::mouseClick(view->returnButton(), Qt::LeftButton);
    ui::ReturnDialog *dialog = view->returnDialog();
    REQUIRE(dialog);
    CHECK(dialog->windowTitle() == QStringLiteral("Return to the URS"));
    auto *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    CHECK_FALSE(ok->isEnabled()); // a comment is required
    dialog->commentField()->setFocus();
    QTest::keyClicks(dialog->commentField(), QStringLiteral("A foto 2 nao mostra a acao."));
    REQUIRE(ok->isEnabled());
    QTest::mouseClick(ok, Qt::LeftButton);
    CHECK(localState(f, other) == QStringLiteral("returned_to_urs"));
    due = f.services->reviews().due();
    REQUIRE(due.ok());
    REQUIRE(due->size() == 2);
    for (const core::ReviewDecisionRecord &d : due.value())
        if (d.report == other.uuid) {
            CHECK(d.decision == core::Decision::ReturnToUrs);
            CHECK(d.comment == QStringLiteral("A foto 2 nao mostra a acao."));
        }
}

TEST_CASE("central desk: at the URS, a report the central level returned is decidable again, with its words")
{
    test::RegionalFixture f; // Barbacena's URS
    const test::SeededReport back =
        f.seed(f.municipalities.at(0),
               inState(QStringLiteral("returned_to_urs"), QStringLiteral("Falta a lista de presença.")));
    ui::MainWindow window(f.context, nullptr, &f.dialogs);
    window.resize(1366, 768);
    window.show();
    ui::InboxPage *inbox = test::inboxOf(window);
    auto *chip = inbox->findChild<QToolButton *>(QStringLiteral("state_returned_to_urs"));
    REQUIRE(chip);
    CHECK(chip->isVisible());
    CHECK(chip->text().startsWith(QStringLiteral("Returned to the URS (1)")));
    inbox->openReport(back.uuid);
    REQUIRE(inbox->isShowingReport());
    ui::ReportView *view = inbox->reportView();
    CHECK(view->text()->toPlainText().contains(QStringLiteral("Falta a lista de presença.")));
    CHECK(view->acceptButton()->text() == QStringLiteral("Accept"));
    REQUIRE(view->returnButton()->isEnabled());
    QTest::mouseClick(view->returnButton(), Qt::LeftButton);
    ui::ReturnDialog *dialog = view->returnDialog();
    REQUIRE(dialog);
    CHECK(dialog->comment() == QStringLiteral("Central level: Falta a lista de presença."));
    QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    CHECK(localState(f, back) == QStringLiteral("returned"));
}

TEST_CASE("central desk: --review consolidates or returns a report from the command line, naming it")
{
    test::RegionalFixture f(core::Role::Central);
    const test::SeededReport first = f.seed(f.municipalities.at(0), inState(QStringLiteral("forwarded")));
    const test::SeededReport second = f.seed(f.municipalities.at(1), inState(QStringLiteral("forwarded")));
    const test::SeededReport accepted = f.seed(f.municipalities.at(2), inState(QStringLiteral("accepted")));
    const QString dir = f.dir.path();

    test::CliRun r = test::runCli({QStringLiteral("--data-dir"), dir, QStringLiteral("--review"), first.uuid,
                                   QStringLiteral("--accept")});
    INFO(QString(r.out + r.err).toStdString());
    REQUIRE(r.code == 0);
    // The command line speaks pt-BR (the profile's language).
    CHECK(r.out.startsWith(QStringLiteral("Relatório de %1, 10/2026 (revisão 1) consolidado.").arg(first.name)));
    CHECK(localState(f, first) == QStringLiteral("consolidated"));

    r = test::runCli({QStringLiteral("--data-dir"), dir, QStringLiteral("--review"), second.uuid,
                      QStringLiteral("--return"), QStringLiteral("Faltam as fotos da ação 2.")});
    REQUIRE(r.code == 0);
    CHECK(r.out.startsWith(
        QStringLiteral("Relatório de %1, 10/2026 (revisão 1) devolvido à sua URS.").arg(second.name)));
    CHECK(localState(f, second) == QStringLiteral("returned_to_urs"));

    // A report the URS has not forwarded: refused, its state in words.
    r = test::runCli({QStringLiteral("--data-dir"), dir, QStringLiteral("--review"), accepted.uuid,
                      QStringLiteral("--accept")});
    CHECK(r.code == 1);
    CHECK(r.err.contains(QStringLiteral("\"Aceito\"")));
    CHECK(localState(f, accepted).isEmpty());
}

TEST_CASE("central desk: Import batch file takes a URS's file in on a worker and refuses a damaged one")
{
    test::RegionalFixture f(core::Role::Central);
    test::TempDir usb;
    // A municipality of the URS (Barbacena) concluded March 2025; the URS wrote its batch file.
    test::Profile town(false);
    REQUIRE(town.services->profile().setMunicipality(f.municipalities.at(6).ibge).ok());
    const QString uuid = test::concludedReport(town);
    const QString lote = usb.filePath(QStringLiteral("lote-Barbacena-2025-03.mobiliza-lote"));
    const core::package::BatchFileInfo info{core::newUuid(),
                                            QStringLiteral("Barbacena"),
                                            test::kMarch,
                                            f.clock.now().toUTC(),
                                            QStringLiteral("Joana (URS Barbacena)"),
                                            {}};
    REQUIRE(core::package::writeBatchFile(
                info, {core::package::BatchFileInput{town.reports().revision(uuid, 1)->snapshotJson}},
                [&town](const QString &sha) { return town.services->blobs().read(sha); }, lote)
                .ok());
    const QString damaged = usb.filePath(QStringLiteral("lote-cortado.mobiliza-lote"));
    {
        QFile in(lote), out(damaged);
        REQUIRE(in.open(QIODevice::ReadOnly));
        REQUIRE(out.open(QIODevice::WriteOnly));
        out.write(in.read(in.size() / 2));
    }

    ui::MainWindow window(f.context, nullptr, &f.dialogs);
    window.resize(1366, 768);
    window.show();
    ui::InboxPage *inbox = test::inboxOf(window);
    QPushButton *import = inbox->importButton();
    REQUIRE(import->isVisible());
    CHECK(import->text() == QStringLiteral("Import batch file…"));

    f.dialogs.nextFiles = {lote, damaged};
    QTest::mouseClick(import, Qt::LeftButton);
    REQUIRE(test::waitUntil([&] { return !inbox->isImporting(); }, 30000));
    CHECK(f.dialogs.lastFilter.contains(QStringLiteral("*.mobiliza-lote")));
    REQUIRE(f.dialogs.warnings.size() == 1);
    const QString summary = f.dialogs.warnings.last();
    INFO(summary.toStdString());
    CHECK(summary.contains(QStringLiteral("1 batch file(s) taken in")));
    CHECK(summary.contains(
        QStringLiteral("lote-Barbacena-2025-03.mobiliza-lote: URS Barbacena, 03/2025, 1 report(s)")));
    CHECK(summary.contains(QStringLiteral("1 file(s) refused")));
    CHECK(summary.contains(QStringLiteral("lote-cortado.mobiliza-lote")));
    // In the central level's copy at once, and the batch waits to go to the hub.
    auto here = f.services->replica().revision(uuid, 1);
    REQUIRE(here.ok());
    CHECK(here->has_value());
    auto batches = core::BatchService(*f.services).all();
    REQUIRE(batches.ok());
    REQUIRE(batches->size() == 1);
    CHECK(batches->first().uuid == info.batchUuid);
    CHECK(batches->first().state == QStringLiteral("queued"));

    // The same file again: nothing changed.
    f.dialogs.nextFiles = {lote};
    QTest::mouseClick(import, Qt::LeftButton);
    REQUIRE(test::waitUntil([&] { return !inbox->isImporting(); }, 30000));
    REQUIRE_FALSE(f.dialogs.messages.isEmpty());
    CHECK(
        f.dialogs.messages.last().contains(QStringLiteral("1 batch file(s) already here (nothing changed)")));
    CHECK(core::BatchService(*f.services).all()->size() == 1);
}
