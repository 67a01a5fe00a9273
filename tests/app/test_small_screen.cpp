// A 1024×600 netbook (issue 12 §5): every page of a municipality's window and its
// dialogs, in pt-BR (the longer words), fit the screen without scrolling sideways
// and without cutting a word. For each visible widget: a scroll area shows no
// horizontal scroll bar, a label that does not wrap, a button, a check box, a tab
// bar and a table's column headers are at least as wide as their words need; a
// dialog fits the screen.
// With MOBILIZA_SCREENSHOT_DIR set the pages are saved there as PNGs.
#include "tests/support/catch_qt.h"
#include <catch2/catch.hpp>

#include "app/ui/editor/action_form.h"
#include "app/ui/editor/photo_strip.h"
#include "app/ui/editor/report_editor_page.h"
#include "app/ui/pages/pdf_preview_dialog.h"
#include "app/ui/pages/report_outputs.h"
#include "app/ui/partners/partner_editor_dialog.h"
#include "app/ui/sync/enroll_dialog.h"
#include "tests/app/fits_screen.h"
#include "tests/app/ptbr_demo_window.h"

#include <QAbstractButton>
#include <QAbstractScrollArea>
#include <QDir>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTest>

using namespace mobiliza;

namespace {

const QSize kNetbook(1024, 600);

void keep(QWidget *w, const QString &name)
{
    const QString dir = qEnvironmentVariable("MOBILIZA_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        w->grab().save(QDir(dir).filePath(name + QStringLiteral("-1024x600.png")));
}

} // namespace

TEST_CASE("1024x600: the apoiador's pages and its quadrimestre's editor fit, in pt-BR, without cutting words")
{
    QStringList problems;
    test::PtBrDemoWindow demo(kNetbook, true);
    ui::MainWindow &window = *demo.window;
    const auto check = [&](const QString &page) {
        QCoreApplication::processEvents();
        problems << test::problemsIn(page, &window);
        if (window.width() != kNetbook.width() || window.height() != kNetbook.height())
            problems
                << page +
                       QStringLiteral(": the window became %1×%2").arg(window.width()).arg(window.height());
        keep(&window, QStringLiteral("apoio-") + page);
    };
    for (const QString &page :
         {QStringLiteral("reports"), QStringLiteral("sync"), QStringLiteral("settings")}) {
        REQUIRE(window.showPage(page));
        check(page);
    }
    // The quadrimestre being written: its title is a month's longer cousin.
    const QString draft = demo.firstReportIn(core::ReportState::Draft);
    REQUIRE_FALSE(draft.isEmpty());
    window.openReport(draft);
    REQUIRE(window.editor());
    REQUIRE(window.editor()->form()->isVisible());
    check(QStringLiteral("editor"));
    INFO(problems.join(QLatin1Char('\n')).toStdString());
    CHECK(problems.isEmpty());
}

TEST_CASE(
    "1024x600: every page and dialog of the municipality's window fits, in pt-BR, without cutting words")
{
    QStringList problems;
    int checkedPages = 0;
    {
        test::PtBrDemoWindow demo(kNetbook);
        ui::MainWindow &window = *demo.window;
        ui::AppContext &context = demo.context;
        test::FakeDialogs &dialogs = demo.dialogs;
        // A dialog can be as small as the screen (the app sizes it within the screen;
        // the offscreen screen here is larger than a netbook's), and is checked at that size.
        const auto fitDialog = [&](const QString &name, QWidget *dialog) {
            const QSize least = dialog->minimumSize().expandedTo(dialog->minimumSizeHint());
            if (least.width() > kNetbook.width() || least.height() > kNetbook.height())
                problems << name + QStringLiteral(": at least %1×%2, larger than the screen")
                                       .arg(least.width())
                                       .arg(least.height());
            dialog->resize(dialog->size().boundedTo(kNetbook));
        };
        const auto check = [&](const QString &page, QWidget *root) {
            QCoreApplication::processEvents();
            problems << test::problemsIn(page, root);
            // Nothing on the page forced the window wider or taller than the screen.
            if (window.width() != kNetbook.width() || window.height() != kNetbook.height())
                problems << page + QStringLiteral(": the window became %1×%2")
                                       .arg(window.width())
                                       .arg(window.height());
            keep(root, page);
            ++checkedPages;
        };

        for (const QString &page :
             {QStringLiteral("reports"), QStringLiteral("partners"), QStringLiteral("sync"),
              QStringLiteral("panel"), QStringLiteral("settings")}) {
            REQUIRE(window.showPage(page));
            check(page, &window);
        }

        // The month being written: the form of an action with its photo cards (dates,
        // authors, the LGPD boxes and warning).
        const QString draft = demo.firstReportIn(core::ReportState::Draft);
        const QString concluded = demo.firstReportIn(core::ReportState::Ready);
        REQUIRE_FALSE(draft.isEmpty());
        REQUIRE_FALSE(concluded.isEmpty());
        window.openReport(draft);
        ui::ReportEditorPage *editor = window.editor();
        REQUIRE(editor);
        REQUIRE(editor->form()->isVisible());
        check(QStringLiteral("editor"), &window);
        QWidget *strip = editor->photoStrip();
        for (QWidget *p = strip->parentWidget(); p; p = p->parentWidget())
            if (auto *scroll = qobject_cast<QScrollArea *>(p)) {
                scroll->ensureWidgetVisible(strip, 0, 0);
                break;
            }
        check(QStringLiteral("editor-photos"), &window);

        // A concluded month, and the preview of its pages.
        window.openReport(concluded);
        REQUIRE(editor->seePagesButton()->isVisible());
        check(QStringLiteral("editor-concluded"), &window);
        ui::PdfPreviewDialog *preview = editor->outputs()->showPreview();
        REQUIRE(preview);
        REQUIRE(QTest::qWaitFor([&] { return preview->pageCount() > 0 && !preview->isDrawing(); }, 30000));
        fitDialog(QStringLiteral("preview"), preview);
        check(QStringLiteral("preview"), preview);
        preview->close();

        // The partner dialog: a person and an organization, every tab.
        for (const core::PartnerKind kind : {core::PartnerKind::Person, core::PartnerKind::Organization}) {
            const QString name =
                kind == core::PartnerKind::Person ? QStringLiteral("person") : QStringLiteral("organization");
            core::Partner partner;
            partner.kind = kind;
            ui::PartnerEditorDialog partnerDialog(context, partner, &dialogs, &window);
            partnerDialog.show();
            REQUIRE(QTest::qWaitForWindowExposed(&partnerDialog));
            fitDialog(QStringLiteral("partner dialog (%1)").arg(name), &partnerDialog);
            for (int tab = 0; tab < partnerDialog.tabs()->count(); ++tab) {
                partnerDialog.tabs()->setCurrentIndex(tab);
                check(QStringLiteral("partner-%1-tab%2").arg(name).arg(tab + 1), &partnerDialog);
            }
            partnerDialog.close();
        }

        // The hub connection dialog.
        ui::EnrollDialog enroll(nullptr, QString(), &window);
        enroll.show();
        REQUIRE(QTest::qWaitForWindowExposed(&enroll));
        fitDialog(QStringLiteral("enroll"), &enroll);
        check(QStringLiteral("enroll"), &enroll);
    }
    CHECK(checkedPages >= 14);
    INFO("does not fit at 1024×600:\n" << problems.join(QStringLiteral("\n")).toStdString());
    CHECK(problems.isEmpty());
}
