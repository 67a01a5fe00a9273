// The PDF layout's pages (footer, watermark, page breaks) and text primitives.
#include "core/outputs/report_pdf_p.h"

#include <QPainter>
#include <QPainterPath>

namespace mobiliza::core::outputs::pdf_detail {

QFont makeFont(qreal points, bool bold, bool italic)
{
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setStyleHint(QFont::SansSerif);
    f.setHintingPreference(QFont::PreferNoHinting);
    f.setPointSizeF(points);
    f.setBold(bold);
    f.setItalic(italic);
    // Any letter spacing makes Qt shape without ligatures: "fi" stays two letters, so the text
    // copied or searched in the PDF is the text that was typed (Qt 6.4 has no font features API).
    f.setLetterSpacing(QFont::AbsoluteSpacing, 0.02);
    return f;
}

void Layout::run()
{
    header();
    if (m_in.report.noActions) {
        noActions();
    } else {
        actions();
        if (stopped())
            return;
        totals();
    }
    signature();
    finishPage();
}

void Layout::finishPage()
{
    if (!m_painter)
        return;
    if (m_in.demo) {
        // On top of everything (photos included), light; drawn as a shape, not as text, so it
        // does not mix with the text copied from the PDF.
        QFont font = makeFont(10, true);
        font.setPixelSize(int(pt(58)));
        QPainterPath mark;
        mark.addText(0, 0, font, QStringLiteral("DEMONSTRAÇÃO"));
        m_painter->save();
        m_painter->translate(m_width / 2, m_bottom / 2);
        m_painter->rotate(-35);
        m_painter->translate(-mark.boundingRect().center());
        m_painter->fillPath(mark, QColor(200, 40, 40, 45));
        m_painter->restore();
    }
    const qreal top = m_bottom + pt(10);
    m_painter->setPen(QPen(kRule, pt(0.5)));
    m_painter->drawLine(QPointF(0, top), QPointF(m_width, top));
    m_painter->setFont(makeFont(7.5));
    m_painter->setPen(kMuted);
    const QRectF r(0, top + pt(3), m_width, pt(14));
    QString left =
        QStringLiteral("Relatório mensal — %1 — competência %2 — revisão %3")
            .arg(m_in.municipalityName, m_in.report.period.display(), QString::number(m_in.report.revision));
    if (m_in.demo)
        left += QStringLiteral(" — DEMONSTRAÇÃO");
    m_painter->drawText(r, Qt::AlignLeft | Qt::AlignVCenter, left);
    m_painter->drawText(r, Qt::AlignRight | Qt::AlignVCenter,
                        QStringLiteral("Página %1 de %2").arg(m_page).arg(m_totalPages));
}

void Layout::newPage()
{
    finishPage();
    if (m_painter)
        m_pages.newPage();
    ++m_page;
    beginPage();
}

void Layout::ensureSpace(qreal height)
{
    if (m_y > 0 && m_y + height > m_bottom)
        newPage();
}

Layout::Laid Layout::lay(const QString &text, const QFont &font, qreal width, Qt::Alignment align,
                         int boldPrefix) const
{
    QString t = text;
    t.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    t.replace(QLatin1Char('\n'), QChar::LineSeparator);
    Laid laid;
    laid.layout = std::make_unique<QTextLayout>(t, font, m_pages.metrics());
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    option.setAlignment(align);
    laid.layout->setTextOption(option);
    if (boldPrefix > 0) {
        QTextLayout::FormatRange range;
        range.start = 0;
        range.length = boldPrefix;
        range.format.setFontWeight(QFont::Bold);
        laid.layout->setFormats({range});
    }
    laid.layout->beginLayout();
    for (;;) {
        QTextLine line = laid.layout->createLine();
        if (!line.isValid())
            break;
        line.setLineWidth(width);
        line.setPosition(QPointF(0, laid.height));
        laid.height += line.height();
    }
    laid.layout->endLayout();
    return laid;
}

void Layout::drawLaid(const Laid &laid, qreal x, qreal y, const QColor &color)
{
    if (!m_painter)
        return;
    m_painter->setPen(color);
    laid.layout->draw(m_painter, QPointF(x, y));
}

void Layout::paragraph(const QString &text, const QFont &font, qreal indent, int boldPrefix,
                       const QColor &color, Qt::Alignment align)
{
    const Laid laid = lay(text, font, m_width - indent, align, boldPrefix);
    for (int i = 0; i < laid.layout->lineCount(); ++i) {
        const QTextLine line = laid.layout->lineAt(i);
        ensureSpace(line.height());
        if (m_painter) {
            m_painter->setPen(color);
            line.draw(m_painter, QPointF(indent, m_y - line.y()));
        }
        m_y += line.height();
    }
}

void Layout::labelled(const QString &label, const QString &value)
{
    if (value.trimmed().isEmpty())
        return;
    const QString prefix = label + QStringLiteral(": ");
    paragraph(prefix + value.trimmed(), makeFont(9.5), 0, int(prefix.size()));
    m_y += pt(2);
}

void Layout::longText(const QString &label, const QString &value)
{
    if (value.trimmed().isEmpty())
        return;
    ensureSpace(pt(30));
    paragraph(label, makeFont(9.5, true));
    m_y += pt(1);
    paragraph(value.trimmed(), makeFont(9.5), pt(8));
    m_y += pt(3);
}

void Layout::heading(const QString &text, qreal points, qreal keepWith)
{
    const Laid laid = lay(text, makeFont(points, true), m_width);
    ensureSpace(laid.height + keepWith);
    drawLaid(laid, 0, m_y, kAccent);
    m_y += laid.height;
    if (m_painter) {
        m_painter->setPen(QPen(kAccent, pt(0.8)));
        m_painter->drawLine(QPointF(0, m_y + pt(2)), QPointF(m_width, m_y + pt(2)));
    }
    m_y += pt(8);
}

} // namespace mobiliza::core::outputs::pdf_detail
