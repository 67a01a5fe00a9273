// The whole window in pt-BR (issue 12 §4): every text a person can see on every
// page of a municipality's window (labels, buttons, menus, headers, placeholders,
// tooltips, the editor and the preview) is looked up in the project's own
// catalogue; a text that is one of its English source strings (so its
// translation was not used) fails the test, naming the text and where it is.
#include "tests/support/catch_qt.h"
#include <catch2/catch.hpp>

#include "app/ui/editor/report_editor_page.h"
#include "app/ui/pages/report_outputs.h"
#include "tests/app/ptbr_demo_window.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAction>
#include <QComboBox>
#include <QFile>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QRegularExpression>
#include <QTabWidget>
#include <QTest>
#include <QTextDocumentFragment>
#include <QToolButton>
#include <QXmlStreamReader>

using namespace mobiliza;

namespace {

// The English source strings whose pt-BR translation differs (a text shown in
// English that is one of these was not translated), as whole-text patterns
// (%1, %n: anything). Strings too short or generic to tell are left out.
QList<QRegularExpression> englishPatterns()
{
    QFile ts(QStringLiteral(MOBILIZA_TS_PT_BR));
    REQUIRE(ts.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&ts);
    QList<QRegularExpression> out;
    QString source;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == QLatin1String("source")) {
            source = xml.readElementText();
        } else if (xml.name() == QLatin1String("translation")) {
            const QString translation = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            QString literal = source;
            literal.remove(QRegularExpression(QStringLiteral("%[0-9n]")));
            // At least two English words of letters: "OK", "CSV", "%1 — %2" tell nothing.
            static const QRegularExpression words(QStringLiteral("[A-Za-z]{2,}\\s+[A-Za-z]{2,}"));
            if (translation.simplified() == source.simplified() || !words.match(literal).hasMatch())
                continue;
            QString pattern = QRegularExpression::escape(source.simplified());
            pattern.replace(QRegularExpression(QStringLiteral("%[0-9n]")), QStringLiteral(".*"));
            out << QRegularExpression(QStringLiteral("^") + pattern + QStringLiteral("$"),
                                      QRegularExpression::DotMatchesEverythingOption);
        }
    }
    REQUIRE_FALSE(xml.hasError());
    REQUIRE(out.size() > 500); // the catalogue was read
    return out;
}

// What a person reads: HTML as text, mnemonics ("&Name") without their '&'.
QString shown(const QString &text)
{
    QString plain = Qt::mightBeRichText(text) ? QTextDocumentFragment::fromHtml(text).toPlainText() : text;
    plain.remove(QRegularExpression(QStringLiteral("&(?!&)")));
    return plain.simplified();
}

struct Texts
{
    QStringList where; // "reportsPage › QPushButton#createReport: text"
    void add(const QString &place, const QString &text)
    {
        const QString s = shown(text);
        if (!s.isEmpty())
            where << place + QStringLiteral(": ") + s;
    }
    void addMenu(const QString &place, const QMenu *menu)
    {
        for (const QAction *a : menu->actions()) {
            add(place + QStringLiteral(" menu"), a->text());
            add(place + QStringLiteral(" menu tooltip"), a->toolTip());
        }
    }
    // Everything visible in `root` and below.
    void collect(const QString &page, QWidget *root)
    {
        QList<QWidget *> widgets = root->findChildren<QWidget *>();
        widgets.prepend(root);
        for (QWidget *w : widgets) {
            if (!w->isVisibleTo(root->window()))
                continue;
            const QString place = page + QStringLiteral(" › ") +
                                  QString::fromLatin1(w->metaObject()->className()) + QLatin1Char('#') +
                                  w->objectName();
            if (!w->toolTip().isEmpty())
                add(place + QStringLiteral(" tooltip"), w->toolTip());
            if (auto *l = qobject_cast<QLabel *>(w))
                add(place, l->text());
            else if (auto *b = qobject_cast<QAbstractButton *>(w)) {
                add(place, b->text());
                if (auto *t = qobject_cast<QToolButton *>(w); t && t->menu())
                    addMenu(place, t->menu());
            } else if (auto *g = qobject_cast<QGroupBox *>(w))
                add(place, g->title());
            else if (auto *e = qobject_cast<QLineEdit *>(w))
                add(place + QStringLiteral(" placeholder"), e->placeholderText());
            else if (auto *c = qobject_cast<QComboBox *>(w)) {
                for (int i = 0; i < c->count(); ++i)
                    add(place + QStringLiteral(" item"), c->itemText(i));
            } else if (auto *tabs = qobject_cast<QTabWidget *>(w)) {
                for (int i = 0; i < tabs->count(); ++i)
                    add(place + QStringLiteral(" tab"), tabs->tabText(i));
            } else if (auto *h = qobject_cast<QHeaderView *>(w); h && h->model()) {
                for (int i = 0; i < h->count(); ++i)
                    add(place + QStringLiteral(" header"),
                        h->model()->headerData(i, h->orientation()).toString());
            } else if (auto *v = qobject_cast<QAbstractItemView *>(w); v && v->model()) {
                const QAbstractItemModel *m = v->model();
                for (int r = 0; r < qMin(m->rowCount(v->rootIndex()), 40); ++r)
                    for (int c = 0; c < m->columnCount(v->rootIndex()); ++c) {
                        const QModelIndex i = m->index(r, c, v->rootIndex());
                        add(place + QStringLiteral(" cell"), i.data().toString());
                        add(place + QStringLiteral(" cell tooltip"), i.data(Qt::ToolTipRole).toString());
                    }
            }
        }
    }
};

} // namespace

TEST_CASE("pt-BR: every page of the municipality's window shows no English text from the project's catalogue")
{
    const QList<QRegularExpression> english = englishPatterns();
    QStringList found;
    {
        test::PtBrDemoWindow demo(QSize(1366, 768));
        ui::MainWindow &window = *demo.window;
        Texts texts;
        texts.add(QStringLiteral("window title"), window.windowTitle());
        for (const QString &page :
             {QStringLiteral("reports"), QStringLiteral("partners"), QStringLiteral("sync"),
              QStringLiteral("panel"), QStringLiteral("settings"), QStringLiteral("editor")}) {
            REQUIRE(window.showPage(page));
            QCoreApplication::processEvents();
            texts.collect(page, page == QLatin1String("editor") ? static_cast<QWidget *>(window.editor())
                                                                : window.page(page));
        }
        // A concluded month in the editor: its banner, "See the pages" and the preview.
        window.showPage(QStringLiteral("reports"));
        ui::ReportEditorPage *editor = window.editor();
        REQUIRE(editor);
        const QString concluded = demo.firstReportIn(core::ReportState::Ready);
        REQUIRE_FALSE(concluded.isEmpty());
        window.openReport(concluded);
        REQUIRE(editor->seePagesButton()->isVisible());
        texts.collect(QStringLiteral("editor (concluded)"), editor);
        ui::PdfPreviewDialog *preview = editor->outputs()->showPreview();
        REQUIRE(preview);
        texts.collect(QStringLiteral("preview"), preview);
        preview->close();

        REQUIRE(texts.where.size() > 200); // the pages were read
        for (const QString &entry : std::as_const(texts.where)) {
            const QString text = entry.mid(entry.indexOf(QStringLiteral(": ")) + 2);
            for (const QRegularExpression &re : english)
                if (re.match(text).hasMatch()) {
                    found << entry;
                    break;
                }
        }
    }
    INFO("shown in English: " << found.join(QStringLiteral("\n")).toStdString());
    CHECK(found.isEmpty());
}
