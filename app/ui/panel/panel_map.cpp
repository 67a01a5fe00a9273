#include "app/ui/panel/panel_map.h"

#include <QChart>
#include <QCoreApplication>
#include <QFile>
#include <QLocale>
#include <QScatterSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace mobiliza::ui {

namespace {

// Minas Gerais' extent, with a margin (degrees).
constexpr double kWest = -51.2;
constexpr double kEast = -39.7;
constexpr double kSouth = -23.0;
constexpr double kNorth = -14.1;

const QColor kClassColours[] = {QColor(0xc9, 0xd1, 0xd9), QColor(0xa6, 0xcb, 0xe3), QColor(0x5a, 0x9b, 0xd4),
                                QColor(0x1f, 0x5f, 0x8b), QColor(0x0b, 0x2f, 0x4e)};

// Axes that hold every dot of `series` (or `fallback`, west/south to east/north, when there is
// none), widened so a degree of longitude and of latitude keep their proportion (cos of the
// latitude) in a plot about 1.25 times wider than tall; hidden, and added to `chart`.
std::pair<QValueAxis *, QValueAxis *> addMapAxes(QChart *chart, const QList<QScatterSeries *> &series,
                                                 const QRectF &fallback)
{
    constexpr double kFar = 1e9;
    double west = kFar, east = -kFar, south = kFar, north = -kFar;
    for (const QScatterSeries *s : series)
        for (const QPointF &p : s->points()) {
            west = std::min(west, p.x());
            east = std::max(east, p.x());
            south = std::min(south, p.y());
            north = std::max(north, p.y());
        }
    if (west > east) { // no dot
        west = fallback.left();
        east = fallback.right();
        south = fallback.top();
        north = fallback.bottom();
    }
    const double margin = 0.25;
    west -= margin;
    east += margin;
    south -= margin;
    north += margin;
    const double squeeze = std::cos((south + north) / 2 * M_PI / 180);
    const double wide = (east - west) * squeeze, tall = north - south;
    constexpr double kRatio = 1.25;
    if (wide / tall < kRatio) {
        const double grow = (tall * kRatio / squeeze - (east - west)) / 2;
        west -= grow;
        east += grow;
    } else {
        const double grow = (wide / kRatio - tall) / 2;
        south -= grow;
        north += grow;
    }
    auto *x = new QValueAxis;
    auto *y = new QValueAxis;
    x->setRange(west, east);
    y->setRange(south, north);
    for (QValueAxis *a : {x, y}) {
        a->setVisible(false);
        a->setGridLineVisible(false);
    }
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    return {x, y};
}

// The map's axes (addMapAxes), then each class's series named with its count of dots, its
// municipalities in "ibges" and its bounds in "lower"/"upper" (for a click and the tests).
void addClassSeries(QChart *chart, const QList<QScatterSeries *> &series, const QList<MapClass> &classes,
                    const QList<QStringList> &ibges, const QRectF &fallback)
{
    auto [x, y] = addMapAxes(chart, series, fallback);
    const QLocale locale;
    for (int c = 0; c < classes.size(); ++c) {
        QScatterSeries *s = series.at(c);
        s->setName(QStringLiteral("%1 (%2)").arg(classes.at(c).label, locale.toString(ibges.at(c).size())));
        s->setProperty("ibges", ibges.at(c));
        s->setProperty("lower", classes.at(c).lower);
        s->setProperty("upper", classes.at(c).upper);
        chart->addSeries(s);
        s->attachAxis(x);
        s->attachAxis(y);
    }
}

} // namespace

const QHash<QString, QPointF> &municipalityCoordinates()
{
    static const QHash<QString, QPointF> coordinates = [] {
        QHash<QString, QPointF> out;
        QFile file(QStringLiteral(":/reference/mg_municipios_geo.csv"));
        if (!file.open(QIODevice::ReadOnly))
            return out;
        bool header = true;
        while (!file.atEnd()) {
            const QList<QByteArray> cells = file.readLine().trimmed().split(',');
            if (header) {
                header = false;
                continue;
            }
            if (cells.size() < 4)
                continue;
            bool latOk = false, lonOk = false;
            const double lat = cells.at(2).toDouble(&latOk);
            const double lon = cells.at(3).toDouble(&lonOk);
            if (latOk && lonOk)
                out.insert(QString::fromLatin1(cells.at(0)), QPointF(lon, lat));
        }
        return out;
    }();
    return coordinates;
}

QList<MapClass> actionClasses(const QList<qint64> &values)
{
    QList<MapClass> classes{{0, 0, QCoreApplication::translate("PanelMap", "no action")}};
    QList<qint64> positive;
    for (qint64 v : values)
        if (v > 0)
            positive << v;
    if (positive.isEmpty())
        return classes;
    std::sort(positive.begin(), positive.end());
    qint64 lower = 1;
    const QLocale locale;
    for (int q = 1; q <= 4 && lower <= positive.constLast(); ++q) {
        // The quartile's upper bound; the last class ends at the maximum.
        qint64 upper = q == 4
                           ? positive.constLast()
                           : positive.at(std::min<qsizetype>(positive.size() - 1, positive.size() * q / 4));
        if (upper < lower)
            continue; // a quartile that adds nothing: the next class starts here
        classes << MapClass{lower, upper,
                            lower == upper
                                ? QCoreApplication::translate("PanelMap", "%n action(s)", nullptr, int(lower))
                                : QCoreApplication::translate("PanelMap", "%1 to %2 actions")
                                      .arg(locale.toString(lower), locale.toString(upper))};
        lower = upper + 1;
    }
    return classes;
}

QChart *makeMapChart(const core::PanelData &data, MapColour colour)
{
    auto *chart = new QChart;
    chart->setTitle(
        colour == MapColour::Actions
            ? QCoreApplication::translate("PanelMap", "Municipalities on the map — actions in the period")
            : QCoreApplication::translate("PanelMap",
                                          "Municipalities on the map — months reported in the period"));
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));

    QList<MapClass> classes;
    QList<qint64> values;
    for (const core::PanelRankRow &r : data.ranking)
        values << (colour == MapColour::Actions ? r.actions : qint64(r.monthsReported));
    const int months = data.filter.months();
    if (colour == MapColour::Actions) {
        classes = actionClasses(values);
    } else {
        classes << MapClass{0, 0, QCoreApplication::translate("PanelMap", "no month")};
        if (months > 1)
            classes << MapClass{1, months - 1, QCoreApplication::translate("PanelMap", "some months")};
        classes << MapClass{months, months,
                            months > 1 ? QCoreApplication::translate("PanelMap", "every month")
                                       : QCoreApplication::translate("PanelMap", "reported")};
    }
    const QHash<QString, QPointF> &where = municipalityCoordinates();
    QList<QScatterSeries *> series;
    QList<QStringList> ibges;
    for (int i = 0; i < classes.size(); ++i) {
        auto *s = new QScatterSeries;
        s->setMarkerSize(8);
        s->setBorderColor(i == 0 ? QColor(0x8a, 0x96, 0xa3)
                                 : QColor(Qt::transparent)); // "no action" on white
        const int colourIndex =
            colour == MapColour::Actions ? std::min(i, 4) : (i == 0 ? 0 : (i == classes.size() - 1 ? 4 : 2));
        s->setColor(kClassColours[colourIndex]);
        series << s;
        ibges << QStringList();
    }
    for (int r = 0; r < data.ranking.size(); ++r) {
        const auto at = where.constFind(data.ranking.at(r).municipality);
        if (at == where.constEnd())
            continue;
        const qint64 v = values.at(r);
        for (int c = 0; c < classes.size(); ++c)
            if (v >= classes.at(c).lower && v <= classes.at(c).upper) {
                series[c]->append(*at);
                ibges[c] << data.ranking.at(r).municipality;
                break;
            }
    }
    addClassSeries(chart, series, classes, ibges, QRectF(QPointF(kWest, kSouth), QPointF(kEast, kNorth)));
    return chart;
}

} // namespace mobiliza::ui

namespace mobiliza::ui {

QChart *makeReachMapChart(const QString &title, const QList<core::BrMunicipality> &territory,
                          const QHash<QString, qint64> &actions)
{
    auto *chart = new QChart;
    chart->setTitle(title);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->setAnimationOptions(QChart::NoAnimation);
    QList<qint64> values;
    for (const core::BrMunicipality &m : territory)
        values << actions.value(m.ibge);
    const QList<MapClass> classes = actionClasses(values);
    QList<QScatterSeries *> series;
    QList<QStringList> ibges(classes.size());
    for (int i = 0; i < classes.size(); ++i) {
        auto *s = new QScatterSeries;
        // The many dots of a country stay apart; those of a state can be larger.
        s->setMarkerSize(territory.size() > 1500 ? 4 : 7);
        s->setBorderColor(i == 0 ? QColor(0x8a, 0x96, 0xa3) : QColor(Qt::transparent));
        s->setColor(kClassColours[std::min(i, 4)]);
        series << s;
    }
    for (qsizetype r = 0; r < territory.size(); ++r) {
        const core::BrMunicipality &m = territory.at(r);
        for (int c = 0; c < classes.size(); ++c)
            if (values.at(r) >= classes.at(c).lower && values.at(r) <= classes.at(c).upper) {
                series[c]->append(QPointF(m.longitude, m.latitude));
                ibges[c] << m.ibge;
                break;
            }
    }
    addClassSeries(chart, series, classes, ibges, QRectF(QPointF(-74.0, -34.0), QPointF(-34.0, 5.5)));
    return chart;
}

} // namespace mobiliza::ui
