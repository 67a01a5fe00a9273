// The Balanço's charts, drawn as vectors with QPainter (no Qt Charts in core):
// month bars (stacked by theme, or one series with a target line) and
// horizontal bars of counts. Colours and labels follow the on-screen Painel
// (app/ui/panel/panel_charts.cpp); numbers in pt-BR (30.000).
#include "core/outputs/output_format.h"
#include "core/panel/balanco_pdf_p.h"

#include <QFontMetricsF>

#include <algorithm>
#include <cmath>

namespace mobiliza::core::balanco_detail {

namespace {

const QColor kGrid(0xdd, 0xe2, 0xe8);

// A value axis from 0: a round step and the top it reaches (four or five ticks).
struct Axis
{
    qint64 top = 1;
    qint64 step = 1;
};

Axis niceAxis(qint64 max)
{
    max = std::max<qint64>(max, 4);
    const double raw = double(max) / 4.0;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    qint64 step = 1;
    for (double f : {1.0, 2.0, 5.0, 10.0}) {
        step = std::max<qint64>(1, std::llround(f * magnitude));
        if (double(step) >= raw)
            break;
    }
    return Axis{(max + step - 1) / step * step, step};
}

QFont titleFont()
{
    return makeFont(8.5, true);
}

QFont labelFont()
{
    return makeFont(6.5);
}

// The chart's title across the top of `box`; the rest of the box below it.
QRectF drawTitle(QPainter &p, const QRectF &box, const QString &title)
{
    p.setPen(QPen(kRule, pt(0.5)));
    p.setBrush(Qt::NoBrush);
    p.drawRoundedRect(box, pt(3), pt(3));
    const QFontMetricsF fm(titleFont(), p.device());
    p.setFont(titleFont());
    p.setPen(kInk);
    const QRectF line(box.left() + pt(6), box.top() + pt(4), box.width() - pt(12), fm.height());
    p.drawText(line, Qt::AlignLeft | Qt::AlignVCenter, fm.elidedText(title, Qt::ElideRight, line.width()));
    return box.adjusted(pt(6), pt(4) + fm.height() + pt(4), -pt(6), -pt(5));
}

// The value axis at the left of `area` (labels, grid): the plot's rectangle.
QRectF drawValueAxis(QPainter &p, const QRectF &area, const Axis &axis, qreal bottomMargin)
{
    const QFontMetricsF fm(labelFont(), p.device());
    const qreal labelWidth = fm.horizontalAdvance(outputs::integerBr(axis.top)) + pt(4);
    const QRectF plot(area.left() + labelWidth, area.top() + fm.height() / 2, area.width() - labelWidth,
                      area.height() - bottomMargin - fm.height() / 2);
    // The ticks, and the top itself ("of N"), unless it would touch the tick below it.
    QList<qint64> ticks;
    for (qint64 v = 0; v < axis.top; v += axis.step)
        ticks << v;
    if (ticks.size() > 1 && 2 * (axis.top - ticks.last()) <= axis.step)
        ticks.removeLast();
    ticks << axis.top;
    p.setFont(labelFont());
    for (qint64 v : std::as_const(ticks)) {
        const qreal y = plot.bottom() - plot.height() * double(v) / double(axis.top);
        p.setPen(QPen(v == 0 ? kMuted : kGrid, pt(v == 0 ? 0.6 : 0.4)));
        p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
        p.setPen(kMuted);
        p.drawText(QRectF(area.left(), y - fm.height() / 2, labelWidth - pt(3), fm.height()),
                   Qt::AlignRight | Qt::AlignVCenter, outputs::integerBr(v));
    }
    return plot;
}

// The month labels under the plot, every k-th one when they would touch.
void drawMonthAxis(QPainter &p, const QRectF &plot, const QList<Period> &periods)
{
    if (periods.isEmpty())
        return;
    const QFontMetricsF fm(labelFont(), p.device());
    const qreal slot = plot.width() / qreal(periods.size());
    qreal label = 0;
    for (const Period &period : periods)
        label = std::max(label, fm.horizontalAdvance(monthTick(period)));
    label += pt(2);
    const int every = std::max(1, int(std::ceil(label / slot)));
    p.setFont(labelFont());
    p.setPen(kMuted);
    for (int i = 0; i < periods.size(); i += every) {
        const qreal x = plot.left() + slot * (i + 0.5);
        p.drawText(QRectF(x - label / 2, plot.bottom() + pt(2), label, fm.height()), Qt::AlignCenter,
                   monthTick(periods.at(i)));
    }
}

qreal monthAxisHeight(QPainter &p)
{
    return QFontMetricsF(labelFont(), p.device()).height() + pt(3);
}

// A legend entry: a swatch (or a dashed line) and its label; returns its width.
qreal legendEntry(QPainter &p, const QPointF &at, const QColor &color, const QString &label,
                  bool line = false)
{
    const QFontMetricsF fm(labelFont(), p.device());
    const qreal side = fm.height() * 0.7;
    const qreal mid = at.y() + fm.height() / 2;
    if (line) {
        QPen pen(color, pt(1.2), Qt::DashLine);
        p.setPen(pen);
        p.drawLine(QPointF(at.x(), mid), QPointF(at.x() + side * 1.6, mid));
    } else {
        p.setPen(Qt::NoPen);
        p.setBrush(color);
        p.drawRect(QRectF(at.x(), mid - side / 2, side, side));
        p.setBrush(Qt::NoBrush);
    }
    const qreal textX = at.x() + (line ? side * 1.6 : side) + pt(3);
    p.setFont(labelFont());
    p.setPen(kInk);
    p.drawText(QPointF(textX, at.y() + fm.ascent()), label);
    return textX - at.x() + fm.horizontalAdvance(label) + pt(10);
}

// Said in the middle of an empty chart.
void drawNothing(QPainter &p, const QRectF &area)
{
    p.setFont(makeFont(8, false, true));
    p.setPen(kMuted);
    p.drawText(area, Qt::AlignCenter, QStringLiteral("Nenhuma ação no período"));
}

} // namespace

void drawStackedMonths(QPainter &p, const QRectF &box, const QString &title, const QList<Period> &periods,
                       const QList<Stack> &stacks)
{
    QRectF area = drawTitle(p, box, title);
    // The legend at the right: one line per stack.
    const QFontMetricsF fm(labelFont(), p.device());
    const qreal legendWidth = area.width() * 0.28;
    qreal ly = area.top() + pt(2);
    for (const Stack &s : stacks) {
        QString label = s.label;
        const qreal room = legendWidth - fm.height() - pt(4);
        label = fm.elidedText(label, Qt::ElideRight, room);
        legendEntry(p, QPointF(area.right() - legendWidth + pt(6), ly), s.color, label);
        ly += fm.height() + pt(2);
    }
    area.setRight(area.right() - legendWidth);

    qint64 max = 0;
    for (int i = 0; i < periods.size(); ++i) {
        qint64 total = 0;
        for (const Stack &s : stacks)
            total += s.values.value(i);
        max = std::max(max, total);
    }
    const Axis axis = niceAxis(max);
    const QRectF plot = drawValueAxis(p, area, axis, monthAxisHeight(p));
    const qreal slot = plot.width() / qreal(std::max<qsizetype>(1, periods.size()));
    p.setPen(QPen(Qt::white, pt(0.3)));
    for (int i = 0; i < periods.size(); ++i) {
        qreal base = plot.bottom();
        for (const Stack &s : stacks) {
            const qreal h = plot.height() * double(s.values.value(i)) / double(axis.top);
            if (h <= 0)
                continue;
            p.setBrush(s.color);
            p.drawRect(QRectF(plot.left() + slot * (i + 0.15), base - h, slot * 0.7, h));
            base -= h;
        }
    }
    p.setBrush(Qt::NoBrush);
    drawMonthAxis(p, plot, periods);
    if (max == 0)
        drawNothing(p, plot);
}

void drawMonthBars(QPainter &p, const QRectF &box, const QString &title, const QList<Period> &periods,
                   const QVector<qint64> &values, const QColor &color, qint64 axisMax, double target,
                   const QString &barsName, const QString &targetName)
{
    QRectF area = drawTitle(p, box, title);
    const QFontMetricsF fm(labelFont(), p.device());
    if (target >= 0) { // the legend under the plot
        const qreal legendTop = area.bottom() - fm.height();
        const qreal w = legendEntry(p, QPointF(area.left() + pt(20), legendTop), color, barsName);
        legendEntry(p, QPointF(area.left() + pt(20) + w, legendTop), kTarget, targetName, true);
        area.setBottom(legendTop - pt(3));
    }
    qint64 max = axisMax;
    for (qint64 v : values)
        max = std::max(max, v);
    Axis axis = niceAxis(max);
    if (axisMax > 0 && max == axisMax) { // "of N": the axis ends at N, ticks of about a fifth
        axis.top = axisMax;
        axis.step = std::max<qint64>(1, axisMax / 5);
    }
    const QRectF plot = drawValueAxis(p, area, axis, monthAxisHeight(p));
    const qreal slot = plot.width() / qreal(std::max<qsizetype>(1, periods.size()));
    p.setPen(Qt::NoPen);
    p.setBrush(color);
    for (int i = 0; i < periods.size(); ++i) {
        const qreal h = plot.height() * double(values.value(i)) / double(axis.top);
        if (h > 0)
            p.drawRect(QRectF(plot.left() + slot * (i + 0.15), plot.bottom() - h, slot * 0.7, h));
    }
    p.setBrush(Qt::NoBrush);
    if (target >= 0) {
        const qreal y = plot.bottom() - plot.height() * target / double(axis.top);
        p.setPen(QPen(kTarget, pt(1.2), Qt::DashLine));
        p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
    } else if (max == 0) {
        drawNothing(p, plot);
    }
    drawMonthAxis(p, plot, periods);
}

void drawHorizontalBars(QPainter &p, const QRectF &box, const QString &title, const QStringList &labels,
                        const QVector<qint64> &values)
{
    const QRectF area = drawTitle(p, box, title);
    if (labels.isEmpty()) {
        drawNothing(p, area);
        return;
    }
    const QFontMetricsF fm(labelFont(), p.device());
    qint64 max = 1;
    for (qint64 v : values)
        max = std::max(max, v);
    const qreal labelWidth = area.width() * 0.42;
    const qreal valueWidth = fm.horizontalAdvance(outputs::integerBr(max)) + pt(4);
    const qreal barsLeft = area.left() + labelWidth + pt(4);
    const qreal barsWidth = area.right() - valueWidth - barsLeft;
    const int n = int(labels.size());
    const qreal row = n > 0 ? std::min(area.height() / n, fm.height() * 2.1) : 0;
    p.setFont(labelFont());
    for (int i = 0; i < n; ++i) {
        const qreal top = area.top() + row * i;
        const QRectF text(area.left(), top, labelWidth, row);
        p.setPen(kInk);
        p.drawText(text, Qt::AlignRight | Qt::AlignVCenter,
                   fm.elidedText(labels.at(i), Qt::ElideRight, labelWidth));
        const qreal w = barsWidth * double(values.value(i)) / double(max);
        p.setPen(Qt::NoPen);
        p.setBrush(kBars);
        p.drawRect(QRectF(barsLeft, top + row * 0.15, w, row * 0.7));
        p.setBrush(Qt::NoBrush);
        p.setPen(kInk);
        p.drawText(QRectF(barsLeft + w + pt(2), top, valueWidth, row), Qt::AlignLeft | Qt::AlignVCenter,
                   outputs::integerBr(values.value(i)));
    }
    p.setPen(QPen(kMuted, pt(0.6)));
    p.drawLine(QPointF(barsLeft, area.top()), QPointF(barsLeft, area.top() + row * n));
}

} // namespace mobiliza::core::balanco_detail
