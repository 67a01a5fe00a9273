// Shared by the balanco_*.cpp files (not part of core's API): the Sheet that
// lays the Balanço mensal out on A4 pages (footer, page breaks, text, tables),
// the charts drawn as vectors with QPainter, and the pt-BR wording they share.
// The page geometry, fonts and colours are the official report's
// (core/outputs/report_pdf_p.h).
#pragma once

#include "core/outputs/report_pdf_p.h"
#include "core/panel/panel_nuclei.h"
#include "core/panel/panel_query.h"

#include <QColor>
#include <QFont>
#include <QList>
#include <QPainter>
#include <QPdfWriter>
#include <QRectF>
#include <QString>
#include <QStringList>
#include <QVector>

namespace mobiliza::core {

class ProgramDefinition;
class ReferenceData;

namespace balanco_detail {

using outputs::pdf_detail::kAccent;
using outputs::pdf_detail::kBand;
using outputs::pdf_detail::kInk;
using outputs::pdf_detail::kMuted;
using outputs::pdf_detail::kRule;
using outputs::pdf_detail::makeFont;
using outputs::pdf_detail::mm;
using outputs::pdf_detail::pt;

// ------------------------------------------------------------------ wording
QString periodRange(const Period &from, const Period &to); // "04/2026 a 09/2026"
Period previousFrom(const PanelFilter &filter);            // the first month compared with
QString monthTick(const Period &period);                   // "abr/26"
// A catalogue label of the field with `role`; an empty code: "Demais temas"
// for themes, "Não informado" otherwise.
QString codeLabel(const ProgramDefinition &program, const QString &role, const QString &code);
inline const QColor kBars(0x1f, 0x5f, 0x8b);
inline const QColor kPeople(0x3a, 0x9a, 0x5b);
inline const QColor kTarget(0xc2, 0x45, 0x45);

// ------------------------------------------------------------------ pages
// Draws on one QPdfWriter page after page; `totalPages` 0 while counting them.
class Sheet
{
public:
    Sheet(QPdfWriter *writer, QPainter *painter, int totalPages, QString footer, bool demo);

    QPainter &painter() { return *m_painter; }
    qreal width() const { return m_width; }
    qreal y() const { return m_y; }
    void advance(qreal dy) { m_y += dy; }
    int page() const { return m_page; }

    // A new page when `height` does not fit below y (never on an empty page).
    void ensureSpace(qreal height);
    void newPage();
    void finish(); // the last page's footer

    // Text wrapped in `width`: its height, and drawn with its top at (x, y).
    // The first `boldPrefix` characters in bold (a label).
    qreal textHeight(const QString &text, const QFont &font, qreal width, int boldPrefix = 0) const;
    void drawText(const QString &text, const QFont &font, qreal x, qreal y, qreal width,
                  const QColor &color = kInk, Qt::Alignment align = Qt::AlignLeft, int boldPrefix = 0);
    // A block of text at y that moves y below it (kept on one page).
    void paragraph(const QString &text, const QFont &font, const QColor &color = kInk,
                   Qt::Alignment align = Qt::AlignLeft);
    // A section title with a rule, kept with `keepWith` of what follows.
    void heading(const QString &text, qreal keepWith);

    struct Column
    {
        QString title;
        qreal share = 1;    // of the table's width, relative to the others
        bool number = true; // right-aligned
    };
    // Rows break across pages; the header row is repeated on each. Rows in
    // `boldRows` (a total) are bold on a band.
    void table(const QList<Column> &columns, const QList<QStringList> &rows, const QList<int> &boldRows = {});

private:
    void footer();

    QPdfWriter *m_writer;
    QPainter *m_painter;
    int m_totalPages;
    QString m_footer;
    bool m_demo;
    qreal m_width;
    qreal m_bottom;
    qreal m_y = 0;
    int m_page = 1;
};

// ------------------------------------------------------------------ charts (balanco_charts.cpp)
struct Stack
{
    QString label;
    QColor color;
    QVector<qint64> values; // per month
};

// Each drawn in `box` (its title on top) on the painter; vectors only.
void drawStackedMonths(QPainter &p, const QRectF &box, const QString &title, const QList<Period> &periods,
                       const QList<Stack> &stacks);
// One bar per month; with `target` ≥ 0, a dashed line at that value and a
// legend naming the bars and the line. `axisMax` > 0 fixes the value axis.
void drawMonthBars(QPainter &p, const QRectF &box, const QString &title, const QList<Period> &periods,
                   const QVector<qint64> &values, const QColor &color, qint64 axisMax = 0, double target = -1,
                   const QString &barsName = {}, const QString &targetName = {});
// Horizontal bars, most first, the value at the end of each.
void drawHorizontalBars(QPainter &p, const QRectF &box, const QString &title, const QStringList &labels,
                        const QVector<qint64> &values);

// ------------------------------------------------------------------ tables (balanco_tables.cpp)
// The tables behind the tiles and charts, then the núcleos per URS.
void writeTables(Sheet &sheet, const PanelData &data, const QList<UrsNuclei> &nuclei,
                 const ProgramDefinition &program, const ReferenceData &reference);

} // namespace balanco_detail
} // namespace mobiliza::core
