// The Balanço's pages (footer, demonstration mark, page breaks), its text and
// tables, and the pt-BR wording of months and catalogue codes.
#include "core/outputs/output_format.h"
#include "core/panel/balanco_pdf_p.h"
#include "core/program/program_definition.h"

#include <QPainterPath>
#include <QTextLayout>

#include <algorithm>
#include <memory>

namespace mobiliza::core::balanco_detail {

QString monthTick(const Period &period)
{
    if (!period.isValid())
        return {};
    return QStringLiteral("%1/%2")
        .arg(outputs::monthName(period.month).left(3))
        .arg(period.year % 100, 2, 10, QLatin1Char('0'));
}

QString codeLabel(const ProgramDefinition &program, const QString &role, const QString &code)
{
    if (code.isEmpty())
        return role == field_role::Themes ? QStringLiteral("Demais temas") : QStringLiteral("Não informado");
    if (const auto field = program.field(program.fieldForRole(role)))
        if (const auto entry = program.catalogueEntry(field->catalogue, code))
            return entry->label;
    return code;
}

// ------------------------------------------------------------------ Sheet
Sheet::Sheet(QPdfWriter *writer, QPainter *painter, int totalPages, QString footer, bool demo)
    : m_writer(writer), m_painter(painter), m_totalPages(totalPages), m_footer(std::move(footer)),
      m_demo(demo), m_width(writer->width()), m_bottom(writer->height() - pt(28))
{
}

void Sheet::footer()
{
    QPainter &p = *m_painter;
    if (m_demo) {
        // Light, on top, drawn as a shape so it does not mix with the copied text (as the report's).
        QFont font = makeFont(10, true);
        font.setPixelSize(int(pt(58)));
        QPainterPath mark;
        mark.addText(0, 0, font, QStringLiteral("DEMONSTRAÇÃO"));
        p.save();
        p.translate(m_width / 2, m_bottom / 2);
        p.rotate(-35);
        p.translate(-mark.boundingRect().center());
        p.fillPath(mark, QColor(200, 40, 40, 45));
        p.restore();
    }
    const qreal top = m_bottom + pt(10);
    p.setPen(QPen(kRule, pt(0.5)));
    p.drawLine(QPointF(0, top), QPointF(m_width, top));
    p.setFont(makeFont(7.5));
    p.setPen(kMuted);
    const QRectF r(0, top + pt(3), m_width, pt(14));
    p.drawText(r, Qt::AlignLeft | Qt::AlignVCenter, m_footer);
    p.drawText(r, Qt::AlignRight | Qt::AlignVCenter,
               QStringLiteral("Página %1 de %2").arg(m_page).arg(m_totalPages));
}

void Sheet::newPage()
{
    footer();
    m_writer->newPage();
    ++m_page;
    m_y = 0;
}

void Sheet::finish()
{
    footer();
}

void Sheet::ensureSpace(qreal height)
{
    if (m_y > 0 && m_y + height > m_bottom)
        newPage();
}

namespace {

// Lines of `text` in `width`, laid out with the writer's metrics.
std::unique_ptr<QTextLayout> laidOut(const QString &text, const QFont &font, qreal width, Qt::Alignment align,
                                     int boldPrefix, QPaintDevice *device, qreal *height)
{
    auto layout = std::make_unique<QTextLayout>(text, font, device);
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    option.setAlignment(align);
    layout->setTextOption(option);
    if (boldPrefix > 0) {
        QTextLayout::FormatRange range;
        range.start = 0;
        range.length = boldPrefix;
        range.format.setFontWeight(QFont::Bold);
        layout->setFormats({range});
    }
    layout->beginLayout();
    *height = 0;
    for (QTextLine line = layout->createLine(); line.isValid(); line = layout->createLine()) {
        line.setLineWidth(width);
        line.setPosition(QPointF(0, *height));
        *height += line.height();
    }
    layout->endLayout();
    return layout;
}

} // namespace

qreal Sheet::textHeight(const QString &text, const QFont &font, qreal width, int boldPrefix) const
{
    qreal height = 0;
    laidOut(text, font, width, Qt::AlignLeft, boldPrefix, m_writer, &height);
    return height;
}

void Sheet::drawText(const QString &text, const QFont &font, qreal x, qreal y, qreal width,
                     const QColor &color, Qt::Alignment align, int boldPrefix)
{
    qreal height = 0;
    const auto layout = laidOut(text, font, width, align, boldPrefix, m_writer, &height);
    m_painter->setPen(color);
    layout->draw(m_painter, QPointF(x, y));
}

void Sheet::paragraph(const QString &text, const QFont &font, const QColor &color, Qt::Alignment align)
{
    const qreal height = textHeight(text, font, m_width);
    ensureSpace(height);
    drawText(text, font, 0, m_y, m_width, color, align);
    m_y += height;
}

void Sheet::heading(const QString &text, qreal keepWith)
{
    const QFont font = makeFont(11, true);
    const qreal height = textHeight(text, font, m_width);
    ensureSpace(height + pt(8) + keepWith);
    drawText(text, font, 0, m_y, m_width, kAccent);
    m_y += height;
    m_painter->setPen(QPen(kAccent, pt(0.8)));
    m_painter->drawLine(QPointF(0, m_y + pt(2)), QPointF(m_width, m_y + pt(2)));
    m_y += pt(7);
}

void Sheet::table(const QList<Column> &columns, const QList<QStringList> &rows, const QList<int> &boldRows)
{
    qreal shares = 0;
    for (const Column &c : columns)
        shares += c.share;
    QList<qreal> widths;
    for (const Column &c : columns)
        widths << m_width * c.share / shares;
    const qreal pad = pt(3);
    const auto rowHeight = [&](const QStringList &cells, const QFont &font) {
        qreal h = 0;
        for (int i = 0; i < columns.size(); ++i)
            h = std::max(h, textHeight(cells.value(i), font, widths.at(i) - 2 * pad));
        return h + 2 * pt(1.6);
    };
    const auto drawRow = [&](const QStringList &cells, const QFont &font, qreal height, const QColor &band) {
        if (band.isValid()) {
            m_painter->setPen(Qt::NoPen);
            m_painter->setBrush(band);
            m_painter->drawRect(QRectF(0, m_y, m_width, height));
            m_painter->setBrush(Qt::NoBrush);
        }
        qreal x = 0;
        for (int i = 0; i < columns.size(); ++i) {
            drawText(cells.value(i), font, x + pad, m_y + pt(1.6), widths.at(i) - 2 * pad, kInk,
                     columns.at(i).number ? Qt::AlignRight : Qt::AlignLeft);
            x += widths.at(i);
        }
        m_painter->setPen(QPen(kRule, pt(0.3)));
        m_painter->drawLine(QPointF(0, m_y + height), QPointF(m_width, m_y + height));
        m_y += height;
    };
    QStringList titles;
    for (const Column &c : columns)
        titles << c.title;
    const QFont headFont = makeFont(8, true);
    const QFont bodyFont = makeFont(8);
    const qreal headHeight = rowHeight(titles, headFont);
    const auto header = [&] { drawRow(titles, headFont, headHeight, kBand); };
    // The header with at least the first row (or with nothing: an empty table).
    ensureSpace(headHeight + (rows.isEmpty() ? 0 : rowHeight(rows.first(), bodyFont)));
    header();
    for (int r = 0; r < rows.size(); ++r) {
        const bool bold = boldRows.contains(r);
        const QFont &font = bold ? headFont : bodyFont;
        const qreal height = rowHeight(rows.at(r), font);
        if (m_y + height > m_bottom) {
            newPage();
            header();
        }
        drawRow(rows.at(r), font, height, bold ? kBand : QColor());
    }
    m_y += pt(10);
}

} // namespace mobiliza::core::balanco_detail
