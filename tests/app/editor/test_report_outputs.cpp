// The outputs of a report from the window (issue 12 §1): the official PDF, the
// actions as CSV/XLSX and the package for a USB stick, from the Relatórios list
// (its "PDF and files" menu) and from the editor, written off the UI thread.
#include "tests/support/catch_qt.h"
#include <catch2/catch.hpp>

#include "app/ui/editor/action_form.h"
#include "app/ui/editor/report_editor_page.h"
#include "app/ui/main_window.h"
#include "app/ui/models/report_list_model.h"
#include "app/ui/pages/pdf_preview_dialog.h"
#include "app/ui/pages/report_outputs.h"
#include "app/ui/pages/reports_page.h"
#include "core/demo/demo_data.h"
#include "core/exports/month_exports.h"
#include "core/package/report_package.h"
#include "tests/app/editor/editor_fixture.h"

#include <QAction>
#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QScreen>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTimer>
#include <QToolButton>

using namespace mobiliza;
using Kind = ui::ReportOutputs::Kind;

namespace {

QString pdfText(const QString &pdf)
{
    QProcess p;
    p.start(QStringLiteral("pdftotext"),
            {QStringLiteral("-enc"), QStringLiteral("UTF-8"), pdf, QStringLiteral("-")});
    REQUIRE(p.waitForFinished(60000)); // poppler-utils (scripts/setup.sh)
    REQUIRE(p.exitCode() == 0);
    return QString::fromUtf8(p.readAllStandardOutput()).simplified();
}

QByteArray head(const QString &path, int n)
{
    QFile file(path);
    REQUIRE(file.open(QIODevice::ReadOnly));
    return file.read(n);
}

// The whole of one export: `finished` once the worker is done with the file.
bool waitFinished(QSignalSpy &spy)
{
    return !spy.isEmpty() || spy.wait(60000);
}

struct ListWindow
{
    test::EditorFixture f;
    ui::MainWindow window{f.context, nullptr, &f.dialogs};
    ui::ReportsPage *page = nullptr;

    ListWindow()
    {
        core::DemoData seed(*f.services, f.context.program, f.context.reference, f.clock);
        REQUIRE(seed.seed().ok());
        window.resize(1366, 768);
        window.show();
        QApplication::setActiveWindow(&window);
        REQUIRE(QTest::qWaitForWindowActive(&window));
        page = qobject_cast<ui::ReportsPage *>(window.page(QStringLiteral("reports")));
        REQUIRE(page);
    }

    // Clicks the row of the month, as a person does.
    void clickMonth(const QString &key)
    {
        for (int row = 0; row < page->model()->rowCount(); ++row) {
            const QModelIndex index = page->model()->index(row, 0);
            if (index.data(ui::ReportListModel::PeriodKeyRole).toString() != key)
                continue;
            QTableView *table = page->table();
            QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(index).center());
            REQUIRE(table->currentIndex().row() == row);
            return;
        }
        FAIL("no row for " << key.toStdString());
    }
};

} // namespace

TEST_CASE("report outputs: from the list, the official PDF opens to print, the actions go to CSV and a "
          "concluded month to a package file")
{
    ListWindow w;
    test::FakeDialogs &dialogs = w.f.dialogs;
    ui::ReportOutputs *outputs = w.page->outputs();
    QToolButton *files = w.page->filesButton();
    REQUIRE(files->isVisible());

    // A draft has no package (it carries a concluded report), and says so.
    w.clickMonth(QStringLiteral("2026-11"));
    CHECK(outputs->action(Kind::Pdf)->isEnabled());
    CHECK_FALSE(outputs->action(Kind::Package)->isEnabled());
    CHECK(outputs->action(Kind::Package)->toolTip().contains(QStringLiteral("Conclude the report first")));

    // October, concluded: the person opens "PDF and files" with the keyboard and takes the PDF.
    w.clickMonth(QStringLiteral("2026-10"));
    REQUIRE(outputs->action(Kind::Package)->isEnabled());
    QSignalSpy finished(outputs, &ui::ReportOutputs::finished);
    dialogs.savePath = w.f.dir.filePath(QStringLiteral("outubro.pdf"));
    QMenu *menu = files->menu();
    files->setFocus();
    bool menuShown = false;
    bool pdfChosen = false;
    // CHECKs, not REQUIREs, in here: this runs inside the menu's own event loop.
    QTimer::singleShot(0, [menu, pdf = outputs->action(Kind::Pdf), &menuShown, &pdfChosen] {
        menuShown = menu->isVisible();
        // "See the pages" comes first; the arrow goes down to the official PDF.
        for (int i = 0; i < 4 && menu->activeAction() != pdf; ++i)
            QTest::keyClick(menu, Qt::Key_Down);
        pdfChosen = menu->activeAction() == pdf;
        if (pdfChosen)
            QTest::keyClick(menu, Qt::Key_Return);
        else
            menu->close();
    });
    QTest::keyClick(files, Qt::Key_Space);
    REQUIRE(menuShown);
    REQUIRE(pdfChosen);
    REQUIRE(waitFinished(finished));
    CHECK(finished.takeFirst().at(1).toBool());
    CHECK(dialogs.lastSuggestedPath == QStringLiteral("relatorio-Belo-Horizonte-2026-10.pdf"));
    CHECK(head(dialogs.savePath, 5) == QByteArray("%PDF-"));
    CHECK(pdfText(dialogs.savePath).contains(QStringLiteral("10/2026")));
    REQUIRE_FALSE(dialogs.questions.isEmpty());
    CHECK(dialogs.questions.last().contains(QStringLiteral("Open it now to read or print")));
    CHECK(dialogs.opened == QStringList{dialogs.savePath}); // answered "Open": the system's viewer
    CHECK(outputs->action(Kind::Pdf)->isEnabled());         // ready for the next one

    // The actions as CSV: the extension is added when the name has none.
    dialogs.savePath = w.f.dir.filePath(QStringLiteral("acoes"));
    dialogs.defaultAnswer = false; // "Open the file now?" — not now
    outputs->action(Kind::Csv)->trigger();
    REQUIRE(waitFinished(finished));
    CHECK(finished.takeFirst().at(1).toBool());
    const QString csv = dialogs.savePath + QStringLiteral(".csv");
    CHECK(head(csv, 3) == QByteArray("\xEF\xBB\xBF")); // UTF-8 with BOM: Excel reads the accents
    CHECK(dialogs.opened.size() == 1);

    // The package of October: the file a URS takes in, verified like a push.
    dialogs.savePath = w.f.dir.filePath(QStringLiteral("pendrive.mobiliza"));
    outputs->action(Kind::Package)->trigger();
    REQUIRE(waitFinished(finished));
    CHECK(finished.takeFirst().at(1).toBool());
    REQUIRE_FALSE(dialogs.messages.isEmpty());
    CHECK(dialogs.messages.last().contains(QStringLiteral("Take this file to the URS")));
    const auto read = core::package::readPackage(dialogs.savePath);
    REQUIRE(read.ok());
    CHECK(read->info.period == core::Period{2026, 10});
    CHECK(read->info.municipality == QStringLiteral("3106200"));

    // A folder that does not exist: a clear message, and no file.
    dialogs.savePath = w.f.dir.filePath(QStringLiteral("no-such-folder/outubro.pdf"));
    outputs->action(Kind::Pdf)->trigger();
    REQUIRE(waitFinished(finished));
    CHECK_FALSE(finished.takeFirst().at(1).toBool());
    REQUIRE_FALSE(dialogs.warnings.isEmpty());
    CHECK(dialogs.warnings.last().contains(QStringLiteral("The file was not written")));
    CHECK(dialogs.warnings.last().contains(QStringLiteral("Choose another folder")));
    CHECK_FALSE(QFile::exists(dialogs.savePath));

    // The same actions by right-clicking a row (the menu lists them after "Open the report").
    CHECK(w.page->table()->contextMenuPolicy() == Qt::CustomContextMenu);
}

TEST_CASE("report outputs: the editor's official PDF holds what was typed a moment before")
{
    test::EditorFixture f;
    const QString report = f.createNovember();
    ui::MainWindow window{f.context, nullptr, &f.dialogs};
    window.resize(1366, 768);
    window.show();
    QApplication::setActiveWindow(&window);
    REQUIRE(QTest::qWaitForWindowActive(&window));
    window.openReport(report);
    ui::ReportEditorPage *editor = window.editor();
    REQUIRE(editor);
    editor->addNewAction();
    auto *title = qobject_cast<QLineEdit *>(editor->form()->fieldWidget(f.fieldId(core::field_role::Title)));
    REQUIRE(title);
    title->setFocus();
    test::typeText(title, QStringLiteral("Roda de conversa na praça central"));
    REQUIRE(editor->hasPendingEdits()); // not saved yet: the autosave waits for a pause

    REQUIRE(editor->filesButton()->isEnabled());
    QSignalSpy finished(editor->outputs(), &ui::ReportOutputs::finished);
    f.dialogs.savePath = f.dir.filePath(QStringLiteral("novembro.pdf"));
    f.dialogs.defaultAnswer = false;
    editor->outputs()->action(Kind::Pdf)->trigger();
    CHECK_FALSE(editor->hasPendingEdits()); // saved before the report was read
    REQUIRE(waitFinished(finished));
    CHECK(finished.takeFirst().at(1).toBool());
    CHECK(pdfText(f.dialogs.savePath).contains(QStringLiteral("Roda de conversa na praça central")));
    // A draft: no package from the editor either.
    CHECK_FALSE(editor->outputs()->action(Kind::Package)->isEnabled());
}

TEST_CASE("report outputs: a concluded report shows its pages as the URS will see them, the PDF's pages")
{
    ListWindow w;
    test::FakeDialogs &dialogs = w.f.dialogs;
    w.clickMonth(QStringLiteral("2026-10")); // concluded, waiting to be sent
    QTest::keyClick(w.page->table(), Qt::Key_Return);
    ui::ReportEditorPage *editor = w.window.editor();
    REQUIRE(editor);
    REQUIRE(editor->isVisible());
    REQUIRE(editor->seePagesButton()->isVisible());

    QTest::mouseClick(editor->seePagesButton(), Qt::LeftButton);
    ui::PdfPreviewDialog *preview = editor->outputs()->previewDialog();
    REQUIRE(preview);
    CHECK(preview->isVisible());
    CHECK(preview->height() <= w.window.screen()->availableGeometry().height());
    QSignalSpy drawn(preview, &ui::PdfPreviewDialog::drawn);
    REQUIRE((!drawn.isEmpty() || drawn.wait(60000)));
    CHECK(drawn.first().at(0).toBool());
    const int pages = preview->pageCount();
    CHECK(pages >= 2);
    CHECK(preview->findChildren<QLabel *>(QStringLiteral("previewPage1")).size() == 1);
    CHECK(preview->statusLabel()->text().contains(QStringLiteral("exactly as in the official PDF")));

    // "Save the PDF…" from the preview: the same pages, in the file.
    QSignalSpy finished(editor->outputs(), &ui::ReportOutputs::finished);
    dialogs.savePath = w.f.dir.filePath(QStringLiteral("visto.pdf"));
    dialogs.defaultAnswer = false;
    QTest::mouseClick(preview->savePdfButton(), Qt::LeftButton);
    REQUIRE(waitFinished(finished));
    QProcess info;
    info.start(QStringLiteral("pdfinfo"), {dialogs.savePath});
    REQUIRE(info.waitForFinished(60000));
    const QString out = QString::fromUtf8(info.readAllStandardOutput());
    CHECK(out.contains(QRegularExpression(QStringLiteral("Pages:\\s+%1\\n").arg(pages))));
    preview->close();

    // A draft has nothing to show yet: its pages are not what goes.
    w.window.openReport(w.page->model()->index(0, 0).data(ui::ReportListModel::UuidRole).toString());
    CHECK_FALSE(editor->seePagesButton()->isVisible());
}

TEST_CASE(
    "report outputs: Import package… brings in a package of this municipality, checked on a worker, and "
    "refuses a damaged one saying so")
{
    // October's package, saved on another computer of the secretariat.
    test::EditorFixture other;
    core::DemoData seed(*other.services, other.context.program, other.context.reference, other.clock);
    REQUIRE(seed.seed().ok());
    const QString good = other.dir.filePath(QStringLiteral("pacote-outubro.mobiliza"));
    REQUIRE(core::runExport(*other.services, other.context.program, other.context.reference,
                            QStringLiteral("package"), {2026, 10}, good)
                .ok());
    const QString damaged = other.dir.filePath(QStringLiteral("danificado.mobiliza"));
    REQUIRE(QFile::copy(good, damaged));
    {
        QFile file(damaged);
        REQUIRE(file.open(QIODevice::ReadWrite));
        REQUIRE(file.seek(file.size() / 2));
        REQUIRE(file.write("xxxxxxxx") == 8);
    }

    test::EditorFixture f;
    ui::MainWindow window{f.context, nullptr, &f.dialogs};
    window.resize(1366, 768);
    window.show();
    QApplication::setActiveWindow(&window);
    REQUIRE(QTest::qWaitForWindowActive(&window));
    auto *page = qobject_cast<ui::ReportsPage *>(window.page(QStringLiteral("reports")));
    REQUIRE(page);
    REQUIRE(page->model()->rowCount() == 0);
    QSignalSpy finished(page, &ui::ReportsPage::importFinished);
    f.dialogs.nextFiles = {damaged, good};
    QTest::mouseClick(page->importButton(), Qt::LeftButton);
    CHECK(f.dialogs.lastFilter.contains(QStringLiteral("*.mobiliza")));
    REQUIRE(page->isImporting());
    CHECK_FALSE(page->importButton()->isEnabled()); // one import at a time
    REQUIRE((!finished.isEmpty() || finished.wait(60000)));
    CHECK(finished.first().at(0).toInt() == 1); // imported
    CHECK(finished.first().at(1).toInt() == 1); // refused
    CHECK(page->importButton()->isEnabled());
    // The damaged file did not stop the good one, and says what happened to each.
    REQUIRE(page->model()->rowCount() == 1);
    CHECK(page->model()->index(0, 0).data(ui::ReportListModel::PeriodKeyRole).toString() ==
          QStringLiteral("2026-10"));
    REQUIRE_FALSE(f.dialogs.warnings.isEmpty());
    const QString said = f.dialogs.warnings.last();
    CHECK(said.contains(QStringLiteral("1 report(s) imported")));
    CHECK(said.contains(QStringLiteral("danificado.mobiliza")));
    CHECK(said.contains(QStringLiteral("refused (nothing was kept from them)")));

    // The same package again: nothing changed, and it says so (no warning).
    finished.clear();
    const int warnings = int(f.dialogs.warnings.size());
    REQUIRE(page->importPackages({good}));
    REQUIRE((!finished.isEmpty() || finished.wait(60000)));
    CHECK(f.dialogs.warnings.size() == warnings);
    REQUIRE_FALSE(f.dialogs.messages.isEmpty());
    CHECK(f.dialogs.messages.last().contains(QStringLiteral("already here (nothing changed)")));
    CHECK(page->model()->rowCount() == 1);
}

TEST_CASE(
    "report outputs: a URS batch file opened with a municipality's app is refused, saying where it goes")
{
    // The file manager opened "lote-Barbacena-2026-10.mobiliza-lote" with Mobiliza (its MIME type's app).
    test::EditorFixture f;
    const QString batch = f.dir.filePath(QStringLiteral("lote-Barbacena-2026-10.mobiliza-lote"));
    {
        QFile file(batch);
        REQUIRE(file.open(QIODevice::WriteOnly));
        REQUIRE(file.write("PK\x03\x04 a batch file") > 0);
    }
    ui::MainWindow window{f.context, nullptr, &f.dialogs};
    window.resize(1366, 768);
    window.show();
    auto *page = qobject_cast<ui::ReportsPage *>(window.page(QStringLiteral("reports")));
    REQUIRE(page);
    QSignalSpy finished(page, &ui::ReportsPage::importFinished);
    REQUIRE(window.importFiles({batch}));
    REQUIRE((!finished.isEmpty() || finished.wait(60000)));
    CHECK(finished.first().at(0).toInt() == 0); // imported
    CHECK(finished.first().at(1).toInt() == 1); // refused
    REQUIRE_FALSE(f.dialogs.warnings.isEmpty());
    const QString said = f.dialogs.warnings.last();
    CHECK(said.contains(QStringLiteral("lote-Barbacena-2026-10.mobiliza-lote")));
    CHECK(said.contains(QStringLiteral("central level's installation takes it in")));
    CHECK(page->model()->rowCount() == 0);
}

TEST_CASE("report outputs: the editor with its PDF and files button fits a 1024x600 screen")
{
    ListWindow w;
    w.window.resize(1024, 600);
    w.window.showPage(QStringLiteral("editor"));
    QCoreApplication::processEvents();
    ui::ReportEditorPage *editor = w.window.editor();
    REQUIRE(editor->isVisible());
    REQUIRE(editor->filesButton()->isVisible());
    // The window's own minimum (its widgets' sum) does not push it wider than the screen.
    CHECK(w.window.minimumSizeHint().width() <= 1024);
    CHECK(w.window.width() <= 1024);
    // Every button of the top bar is inside the window.
    for (QWidget *b :
         {static_cast<QWidget *>(editor->filesButton()), static_cast<QWidget *>(editor->concludeButton())})
        CHECK(b->mapTo(&w.window, QPoint(b->width(), 0)).x() <= w.window.width());
}

TEST_CASE("report outputs: in an English window the form speaks English, the official PDF stays Portuguese")
{
    test::EditorFixture f;
    f.context.program = f.context.program.localized(QStringLiteral("en")); // as --lang en sets it up
    const QString report = f.createNovember();
    ui::MainWindow window{f.context, nullptr, &f.dialogs};
    window.resize(1366, 768);
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    window.openReport(report);
    ui::ReportEditorPage *editor = window.editor();
    editor->addNewAction();
    QStringList labels;
    for (const QLabel *l : editor->form()->findChildren<QLabel *>())
        labels << l->text();
    const QString shown = labels.join(QLatin1Char('\n'));
    CHECK(shown.contains(QStringLiteral("Action title")));
    CHECK(shown.contains(QStringLiteral("Target audience")));
    CHECK_FALSE(shown.contains(QStringLiteral("Título da ação")));

    auto *title = qobject_cast<QLineEdit *>(editor->form()->fieldWidget(f.fieldId(core::field_role::Title)));
    REQUIRE(title);
    title->setFocus();
    test::typeText(title, QStringLiteral("Caminhada no parque"));
    QSignalSpy finished(editor->outputs(), &ui::ReportOutputs::finished);
    f.dialogs.savePath = f.dir.filePath(QStringLiteral("oficial.pdf"));
    f.dialogs.defaultAnswer = false;
    editor->outputs()->action(Kind::Pdf)->trigger();
    REQUIRE(waitFinished(finished));
    const QString text = pdfText(f.dialogs.savePath);
    CHECK(text.contains(QStringLiteral("Caminhada no parque")));
    CHECK(text.contains(QStringLiteral("Ações realizadas")));
    CHECK_FALSE(text.contains(QStringLiteral("Action title")));
}
