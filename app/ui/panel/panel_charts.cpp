#include "app/ui/panel/panel_charts.h"

#include "app/ui/panel/panel_areas.h"
#include "core/panel/panel_style.h"

#include "core/program/program_definition.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QCoreApplication>
#include <QHorizontalBarSeries>
#include <QLegend>
#include <QLineSeries>
#include <QLocale>
#include <QPen>
#include <QStackedBarSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace mobiliza::ui {

namespace {

const QColor kInk(0x1f, 0x5f, 0x8b);

QChart *newChart(const QString &title)
{
    auto *chart = new QChart;
    chart->setTitle(title);
    QFont f = chart->titleFont();
    f.setBold(true);
    chart->setTitleFont(f);
    chart->setAnimationOptions(QChart::NoAnimation); // a filter change redraws at once
    chart->setBackgroundRoundness(4);
    chart->setMargins(QMargins(6, 4, 6, 4));
    chart->legend()->setVisible(false);
    chart->setLocalizeNumbers(true); // "30.000" in pt-BR
    return chart;
}

// A month axis whose labels fit 12 to 24 bars in half the page.
QBarCategoryAxis *monthAxis(const core::PanelData &data);

QStringList monthTicks(const core::PanelData &data)
{
    QStringList ticks;
    for (const core::Period &p : data.periods)
        ticks << panelMonthTick(p);
    return ticks;
}

QBarCategoryAxis *monthAxis(const core::PanelData &data)
{
    auto *x = new QBarCategoryAxis;
    x->append(monthTicks(data));
    QFont f = x->labelsFont();
    f.setPointSizeF(std::max(6.5, f.pointSizeF() * 0.85));
    x->setLabelsFont(f);
    if (data.periods.size() > 8)
        x->setLabelsAngle(-45);
    return x;
}

// One bar per month of `values` in `chart`, on the month axis (added here); the
// caller adds the value axis.
template <typename Values>
QBarSeries *addMonthBars(QChart *chart, const core::PanelData &data, const QString &name, const QColor &color,
                         const Values &values)
{
    auto *series = new QBarSeries;
    auto *set = new QBarSet(name);
    set->setColor(color);
    set->setBorderColor(Qt::white);
    for (auto v : values)
        set->append(double(v));
    series->append(set);
    series->setBarWidth(0.7);
    chart->addSeries(series);
    QBarCategoryAxis *x = monthAxis(data);
    chart->addAxis(x, Qt::AlignBottom);
    series->attachAxis(x);
    return series;
}

// A value axis from 0 with round ticks and integer labels.
QValueAxis *countAxis(qint64 max)
{
    auto *axis = new QValueAxis;
    axis->setRange(0, std::max<qint64>(max, 4));
    axis->applyNiceNumbers();
    axis->setLabelFormat(QStringLiteral("%.0f"));
    return axis;
}

} // namespace

QString panelMonthTick(const core::Period &period)
{
    // Three letters, no dot, whatever the locale's data says ("mar./26" would be cut).
    static const char *const months[] = {
        QT_TRANSLATE_NOOP("PanelCharts", "Jan"), QT_TRANSLATE_NOOP("PanelCharts", "Feb"),
        QT_TRANSLATE_NOOP("PanelCharts", "Mar"), QT_TRANSLATE_NOOP("PanelCharts", "Apr"),
        QT_TRANSLATE_NOOP("PanelCharts", "May"), QT_TRANSLATE_NOOP("PanelCharts", "Jun"),
        QT_TRANSLATE_NOOP("PanelCharts", "Jul"), QT_TRANSLATE_NOOP("PanelCharts", "Aug"),
        QT_TRANSLATE_NOOP("PanelCharts", "Sep"), QT_TRANSLATE_NOOP("PanelCharts", "Oct"),
        QT_TRANSLATE_NOOP("PanelCharts", "Nov"), QT_TRANSLATE_NOOP("PanelCharts", "Dec")};
    if (!period.isValid())
        return {};
    return QStringLiteral("%1/%2")
        .arg(QCoreApplication::translate("PanelCharts", months[period.month - 1]))
        .arg(period.year % 100, 2, 10, QLatin1Char('0'));
}

QString panelCodeLabel(const core::ProgramDefinition &program, const QString &role, const QString &code)
{
    if (code.isEmpty())
        return role == core::field_role::Themes ? QCoreApplication::translate("PanelCharts", "Other themes")
                                                : QCoreApplication::translate("PanelCharts", "Not said");
    if (const auto field = program.field(program.fieldForRole(role)))
        if (const auto entry = program.catalogueEntry(field->catalogue, code))
            return entry->label;
    return code;
}

QChart *makeThemeChart(const core::PanelData &data, const core::ProgramDefinition &program)
{
    QChart *chart = newChart(QCoreApplication::translate("PanelCharts", "Actions per month, by theme"));
    auto *series = new QStackedBarSeries;
    qint64 max = 0;
    for (qint64 v : data.actions)
        max = std::max(max, v);
    for (int i = 0; i < data.stackThemes.size(); ++i) {
        const core::PanelCount &stack = data.stackThemes.at(i);
        auto *set = new QBarSet(
            core::panelShortLabel(panelCodeLabel(program, core::field_role::Themes, stack.code), 30));
        set->setProperty("code", stack.code);
        set->setColor(core::panelStackColor(i, stack.code.isEmpty()));
        set->setBorderColor(Qt::white);
        for (qint64 v : data.actionsByTheme.at(i))
            set->append(double(v));
        series->append(set);
    }
    series->setBarWidth(0.7);
    chart->addSeries(series);
    QBarCategoryAxis *x = monthAxis(data);
    chart->addAxis(x, Qt::AlignBottom);
    series->attachAxis(x);
    QValueAxis *y = countAxis(max);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(y);
    // Under the bars: beside them it would take the width the months' labels need on a 1024 px screen.
    chart->legend()->setVisible(!data.stackThemes.isEmpty());
    chart->legend()->setAlignment(Qt::AlignBottom);
    return chart;
}

QChart *makePeopleChart(const core::PanelData &data)
{
    QChart *chart = newChart(QCoreApplication::translate("PanelCharts", "People reached per month"));
    QBarSeries *series =
        addMonthBars(chart, data, QCoreApplication::translate("PanelCharts", "People reached"),
                     QColor(0x3a, 0x9a, 0x5b), data.people);
    QValueAxis *y = countAxis(*std::max_element(data.people.cbegin(), data.people.cend()));
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(y);
    return chart;
}

QChart *makeCoverageChart(const core::PanelData &data)
{
    const int expected = data.tiles.expected;
    QChart *chart =
        newChart(QCoreApplication::translate("PanelCharts", "Municipalities that reported, per month (of %1)")
                     .arg(expected));
    QBarSeries *series = addMonthBars(chart, data, QCoreApplication::translate("PanelCharts", "Reported"),
                                      kInk, data.reporting);
    // The target, a line across the months.
    auto *target = new QLineSeries;
    target->setName(QCoreApplication::translate("PanelCharts", "Target (%1 %)")
                        .arg(QLocale().toString(data.target * 100.0, 'f', 0)));
    const double goal = data.target * expected;
    target->append(-0.5, goal);
    target->append(double(data.periods.size()) - 0.5, goal);
    QPen pen(QColor(0xc2, 0x45, 0x45));
    pen.setWidthF(2.0);
    pen.setStyle(Qt::DashLine);
    target->setPen(pen);
    chart->addSeries(target);
    auto *lineX = new QValueAxis; // the line spans the bars' width; hidden
    lineX->setRange(-0.5, double(data.periods.size()) - 0.5);
    lineX->setVisible(false);
    chart->addAxis(lineX, Qt::AlignBottom);
    target->attachAxis(lineX);
    auto *y = new QValueAxis;
    y->setRange(0, std::max(expected, 1));
    y->setTickType(QValueAxis::TicksDynamic);
    y->setTickAnchor(0);
    y->setTickInterval(std::max(1, expected / 5));
    y->setLabelFormat(QStringLiteral("%.0f"));
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(y);
    target->attachAxis(y);
    chart->legend()->setVisible(true);
    chart->legend()->setAlignment(Qt::AlignBottom);
    return chart;
}

QChart *makeCountsChart(const QString &title, const QList<core::PanelCount> &counts,
                        const core::ProgramDefinition &program, const QString &role, int maxBars)
{
    return makeCountsChart(
        title, counts, [&](const QString &code) { return panelCodeLabel(program, role, code); }, maxBars);
}

QChart *makeCountsChart(const QString &title, const QList<core::PanelCount> &counts,
                        const std::function<QString(const QString &)> &labelOf, int maxBars)
{
    QChart *chart = newChart(title);
    QList<core::PanelCount> shown = counts.mid(0, maxBars);
    if (counts.size() > maxBars) {
        core::PanelCount rest;
        for (qsizetype i = maxBars; i < counts.size(); ++i)
            rest.count += counts.at(i).count;
        shown.removeLast();
        rest.count += counts.at(maxBars - 1).count;
        rest.code = QStringLiteral("*");
        shown << rest;
    }
    std::reverse(shown.begin(), shown.end()); // the biggest on top
    auto *series = new QHorizontalBarSeries;
    auto *set = new QBarSet(title);
    set->setColor(kInk);
    set->setBorderColor(Qt::white);
    QStringList labels, codes;
    qint64 max = 0;
    for (const core::PanelCount &c : shown) {
        set->append(double(c.count));
        max = std::max(max, c.count);
        QString label = c.code == QStringLiteral("*")
                            ? QCoreApplication::translate("PanelCharts", "All others")
                            : core::panelShortLabel(labelOf(c.code), 28);
        while (labels.contains(label)) // a category axis keeps one of equal labels
            label += QChar(0x200B);
        labels << label;
        codes << c.code;
    }
    set->setProperty("codes", codes); // bar i → its catalogue code ("*": the rest), for a click
    series->append(set);
    series->setBarWidth(0.7);
    series->setLabelsVisible(true);
    series->setLabelsPosition(QAbstractBarSeries::LabelsInsideEnd);
    set->setLabelColor(Qt::white);
    chart->addSeries(series);
    auto *y = new QBarCategoryAxis;
    y->append(labels);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(y);
    QValueAxis *x = countAxis(max);
    chart->addAxis(x, Qt::AlignBottom);
    series->attachAxis(x);
    return chart;
}

QChart *makeMixChart(const QString &title, const QList<core::PanelCount> &counts,
                     const QList<QPair<QString, int>> &reference,
                     const std::function<QString(const QString &)> &labelOf)
{
    QChart *chart = newChart(title);
    qint64 total = 0;
    for (const core::PanelCount &c : counts)
        total += c.count;
    auto *series = new QHorizontalBarSeries;
    auto *actual = new QBarSet(QCoreApplication::translate("PanelCharts", "Recorded (%)"));
    actual->setColor(kInk);
    auto *expected = new QBarSet(QCoreApplication::translate("PanelCharts", "Reference (%)"));
    expected->setColor(QColor(0xc9, 0xd1, 0xd9));
    QStringList labels, codes;
    const QLocale locale;
    // Bottom to top: the first code of the reference on top, as the legend reads. Each label
    // says the share recorded (a bar of a few per cent has no room for it); the grey bar under
    // it is the reference.
    for (qsizetype i = reference.size() - 1; i >= 0; --i) {
        qint64 n = 0;
        for (const core::PanelCount &c : counts)
            if (c.code == reference.at(i).first)
                n = c.count;
        const double share = total > 0 ? std::round(1000.0 * double(n) / double(total)) / 10.0 : 0.0;
        actual->append(share);
        expected->append(double(reference.at(i).second));
        labels << QCoreApplication::translate("PanelCharts", "%1: %2%")
                      .arg(core::panelShortLabel(labelOf(reference.at(i).first), 28),
                           locale.toString(share, 'f', 1));
        codes << reference.at(i).first;
    }
    for (QBarSet *set : {expected, actual}) {
        set->setBorderColor(Qt::white);
        set->setProperty("codes", codes);
        series->append(set);
    }
    series->setBarWidth(0.8);
    chart->addSeries(series);
    auto *y = new QBarCategoryAxis;
    y->append(labels);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(y);
    auto *x = new QValueAxis;
    x->setRange(0, 100);
    x->setTickCount(6);
    x->setLabelFormat(QStringLiteral("%.0f"));
    chart->addAxis(x, Qt::AlignBottom);
    series->attachAxis(x);
    chart->legend()->setVisible(true);
    chart->legend()->setAlignment(Qt::AlignBottom);
    return chart;
}

QChart *makePeriodBarsChart(const QString &title, const QList<core::Period> &periods,
                            const QVector<qint64> &values)
{
    QChart *chart = newChart(title);
    auto *series = new QBarSeries;
    auto *set = new QBarSet(title);
    set->setColor(kInk);
    set->setBorderColor(Qt::white);
    QStringList ticks;
    qint64 max = 0;
    for (qsizetype i = 0; i < periods.size() && i < values.size(); ++i) {
        set->append(double(values.at(i)));
        max = std::max(max, values.at(i));
        ticks << (periods.at(i).isQuadrimester() ? QCoreApplication::translate("PanelCharts", "Q%1/%2")
                                                       .arg(periods.at(i).quadrimester())
                                                       .arg(periods.at(i).year % 100, 2, 10, QLatin1Char('0'))
                                                 : panelMonthTick(periods.at(i)));
    }
    series->append(set);
    series->setBarWidth(0.6);
    series->setLabelsVisible(true);
    series->setLabelsPosition(QAbstractBarSeries::LabelsInsideEnd);
    set->setLabelColor(Qt::white);
    chart->addSeries(series);
    auto *x = new QBarCategoryAxis;
    x->append(ticks);
    chart->addAxis(x, Qt::AlignBottom);
    series->attachAxis(x);
    QValueAxis *y = countAxis(max);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(y);
    return chart;
}

QChart *makeGroupCoverageChart(const QList<PanelGroup> &groups, const QString &level, double target,
                               const core::PanelData &data)
{
    QChart *chart =
        newChart(QCoreApplication::translate("PanelCharts", "Coverage by %1, %2 to %3 (% of the months "
                                                            "reported)")
                     .arg(level, data.filter.from.display(), data.filter.to.display()));
    auto *series = new QHorizontalBarSeries;
    auto *set = new QBarSet(QCoreApplication::translate("PanelCharts", "Reported"));
    set->setColor(kInk);
    set->setBorderColor(Qt::white);
    QStringList labels, codes;
    // The first group on top: the bars go bottom-up.
    for (auto it = groups.crbegin(); it != groups.crend(); ++it) {
        set->append(std::round(it->share() * 1000.0) / 10.0);
        QString label = core::panelShortLabel(it->label, 30);
        while (labels.contains(label))
            label += QChar(0x200B);
        labels << label;
        codes << it->key;
    }
    set->setProperty("codes", codes);
    series->append(set);
    series->setBarWidth(0.75);
    chart->addSeries(series);
    auto *y = new QBarCategoryAxis;
    y->append(labels);
    QFont f = y->labelsFont();
    f.setPointSizeF(std::max(6.5, f.pointSizeF() * 0.85));
    y->setLabelsFont(f);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(y);
    auto *x = new QValueAxis;
    x->setRange(0, 100);
    x->setTickCount(6);
    x->setLabelFormat(QStringLiteral("%.0f %")); // localized numbers: the format's rest is literal
    chart->addAxis(x, Qt::AlignBottom);
    series->attachAxis(x);
    // The target, a vertical line across the bars.
    auto *goal = new QLineSeries;
    goal->setName(QCoreApplication::translate("PanelCharts", "Target (%1 %)")
                      .arg(QLocale().toString(target * 100.0, 'f', 0)));
    goal->append(target * 100.0, -0.5);
    goal->append(target * 100.0, double(groups.size()) - 0.5);
    QPen pen(QColor(0xc2, 0x45, 0x45));
    pen.setWidthF(2.0);
    pen.setStyle(Qt::DashLine);
    goal->setPen(pen);
    chart->addSeries(goal);
    goal->attachAxis(x);
    auto *lineY = new QValueAxis; // the line spans the bars' height; hidden
    lineY->setRange(-0.5, double(groups.size()) - 0.5);
    lineY->setVisible(false);
    chart->addAxis(lineY, Qt::AlignRight);
    goal->attachAxis(lineY);
    chart->legend()->setVisible(true);
    chart->legend()->setAlignment(Qt::AlignBottom);
    return chart;
}

} // namespace mobiliza::ui
