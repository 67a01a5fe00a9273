#include "core/reference/targets.h"

#include "core/reference/reference_data.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace mobiliza::core {

namespace {

Error invalidTargets(const QString &what)
{
    return Error{QStringLiteral("invalid_targets"),
                 QCoreApplication::translate("Targets", "The targets file cannot be used: %1. Ask the central level to publish the targets again.")
                     .arg(what)};
}

// A whole number of actions in 0…kMaxActions (a JSON number without a fraction).
bool actionCount(const QJsonValue &v, qint64 *out)
{
    if (!v.isDouble())
        return false;
    const double d = v.toDouble();
    if (!(d >= 0) || d > double(Targets::kMaxActions) || std::floor(d) != d)
        return false;
    *out = qint64(d);
    return true;
}

} // namespace

Result<Targets> Targets::fromJson(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return invalidTargets(QCoreApplication::translate("Targets", "it is not a JSON object"));
    const QJsonObject o = doc.object();
    if (o.value(QLatin1String("schema")).toInt(-1) != SchemaVersion)
        return invalidTargets(
            QCoreApplication::translate("Targets", "its schema is not %1").arg(SchemaVersion));
    Targets t;
    const QJsonValue revision = o.value(QLatin1String("revision"));
    if (!revision.isDouble() || revision.toDouble() < 1 || revision.toDouble() > 2e9 ||
        std::floor(revision.toDouble()) != revision.toDouble())
        return invalidTargets(
            QCoreApplication::translate("Targets", "its revision is not a whole number from 1 on"));
    t.revision = int(revision.toDouble());
    t.updated = QDateTime::fromString(o.value(QLatin1String("updated")).toString(), Qt::ISODateWithMs);
    if (!t.updated.isValid())
        return invalidTargets(QCoreApplication::translate(
            "Targets", "the moment it was saved (\"updated\") is missing or not a date"));
    t.updated = t.updated.toUTC();
    t.updatedBy = o.value(QLatin1String("updatedBy")).toString().left(200);

    const QJsonValue coverage = o.value(QLatin1String("coverage"));
    if (!coverage.isUndefined() && !coverage.isObject())
        return invalidTargets(QCoreApplication::translate("Targets", "\"coverage\" is not an object"));
    const QJsonObject shares = coverage.toObject();
    for (auto it = shares.begin(); it != shares.end(); ++it) {
        const double share = it.value().toDouble(-1);
        if (it.key().trimmed().isEmpty() || !it.value().isDouble() || !(share > 0.0) || share > 1.0)
            return invalidTargets(
                QCoreApplication::translate(
                    "Targets", "the coverage target of \"%1\" is not a share above 0 and up to 1")
                    .arg(it.key()));
        t.coverage.insert(it.key(), share);
    }

    const QJsonValue years = o.value(QLatin1String("actions"));
    if (!years.isUndefined() && !years.isArray())
        return invalidTargets(QCoreApplication::translate("Targets", "\"actions\" is not a list"));
    QSet<int> seen;
    for (const QJsonValue &v : years.toArray()) {
        const QJsonObject y = v.toObject();
        YearTargets yt;
        yt.year = y.value(QLatin1String("year")).toInt(0);
        if (yt.year < 2000 || yt.year > 2100 || seen.contains(yt.year))
            return invalidTargets(QCoreApplication::translate(
                "Targets", "a year of the action targets is missing, repeated or outside 2000–2100"));
        seen.insert(yt.year);
        if (y.contains(QLatin1String("state")) && !actionCount(y.value(QLatin1String("state")), &yt.state))
            return invalidTargets(
                QCoreApplication::translate(
                    "Targets", "the state's action target for %1 is not a whole number of actions")
                    .arg(yt.year));
        if (y.contains(QLatin1String("perMunicipality")) &&
            !actionCount(y.value(QLatin1String("perMunicipality")), &yt.perMunicipality))
            return invalidTargets(
                QCoreApplication::translate(
                    "Targets", "the action target per municipality for %1 is not a whole number of actions")
                    .arg(yt.year));
        const QJsonObject urs = y.value(QLatin1String("urs")).toObject();
        for (auto it = urs.begin(); it != urs.end(); ++it) {
            qint64 n = 0;
            if (it.key().trimmed().isEmpty() || !actionCount(it.value(), &n))
                return invalidTargets(
                    QCoreApplication::translate(
                        "Targets", "the action target of \"%1\" for %2 is not a whole number of actions")
                        .arg(it.key())
                        .arg(yt.year));
            if (n > 0)
                yt.urs.insert(it.key(), n);
        }
        if (!yt.isEmpty())
            t.years << yt;
    }
    std::sort(t.years.begin(), t.years.end(), [](const YearTargets &a, const YearTargets &b) { return a.year < b.year; });
    return t;
}

QByteArray Targets::toJson() const
{
    QJsonObject shares;
    for (auto it = coverage.begin(); it != coverage.end(); ++it)
        shares.insert(it.key(), it.value());
    QJsonArray list;
    for (const YearTargets &y : years) {
        QJsonObject urs;
        for (auto it = y.urs.begin(); it != y.urs.end(); ++it)
            urs.insert(it.key(), double(it.value()));
        QJsonObject o{{QStringLiteral("year"), y.year}};
        if (y.state > 0)
            o.insert(QStringLiteral("state"), double(y.state));
        if (y.perMunicipality > 0)
            o.insert(QStringLiteral("perMunicipality"), double(y.perMunicipality));
        if (!urs.isEmpty())
            o.insert(QStringLiteral("urs"), urs);
        list.append(o);
    }
    QJsonObject o{{QStringLiteral("schema"), SchemaVersion},
                  {QStringLiteral("revision"), revision},
                  {QStringLiteral("updated"), updated.toUTC().toString(Qt::ISODateWithMs)},
                  {QStringLiteral("coverage"), shares},
                  {QStringLiteral("actions"), list}};
    if (!updatedBy.isEmpty())
        o.insert(QStringLiteral("updatedBy"), updatedBy);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

Status Targets::checkAgainst(const ReferenceData &reference) const
{
    auto known = [&](const QString &name) {
        const auto u = reference.ursByName(name);
        return u && u->name == name;
    };
    QStringList names = coverage.keys();
    for (const YearTargets &y : years)
        names << y.urs.keys();
    for (const QString &name : std::as_const(names))
        if (!known(name))
            return Error{QStringLiteral("unknown_urs"),
                         QCoreApplication::translate("Targets", "The targets name the URS \"%1\", which the reference table does not have by that "
                            "name. Use the URS's name as the list shows it.")
                             .arg(name)};
    return {};
}

double Targets::coverageOf(const ReferenceData &reference, const QString &urs) const
{
    if (const auto it = coverage.constFind(urs); it != coverage.constEnd())
        return it.value();
    const auto u = reference.ursByName(urs);
    if (u && coverage.contains(u->name))
        return coverage.value(u->name);
    return u ? u->coverageTarget : 1.0;
}

double Targets::coverageTarget(const ReferenceData &reference, const QList<Municipality> &municipalities) const
{
    if (municipalities.isEmpty())
        return 1.0;
    QHash<QString, double> byUrs;
    double expected = 0;
    for (const Municipality &m : municipalities) {
        auto it = byUrs.constFind(m.urs);
        if (it == byUrs.constEnd())
            it = byUrs.insert(m.urs, coverageOf(reference, m.urs));
        expected += it.value();
    }
    return expected / double(municipalities.size());
}

const YearTargets *Targets::year(int y) const
{
    for (const YearTargets &t : years)
        if (t.year == y)
            return &t;
    return nullptr;
}

std::optional<double> Targets::yearlyActions(const ReferenceData &reference,
                                             const QList<Municipality> &municipalities, int y) const
{
    const YearTargets *t = year(y);
    if (!t || municipalities.isEmpty())
        return std::nullopt;
    if (t->state > 0 && municipalities.size() >= reference.municipalities().size()) {
        QSet<QString> codes;
        for (const Municipality &m : municipalities)
            codes.insert(m.ibge);
        if (codes.size() == reference.municipalities().size())
            return double(t->state);
    }
    QHash<QString, int> inUrs; // canonical URS name → how many of the set it has
    for (const Municipality &m : municipalities) {
        const auto u = reference.ursByName(m.urs);
        ++inUrs[u ? u->name : m.urs];
    }
    double total = 0;
    for (auto it = inUrs.constBegin(); it != inUrs.constEnd(); ++it) {
        const auto u = reference.ursByName(it.key());
        const int all = u ? u->municipalityCount : it.value();
        const qint64 ursTarget = t->urs.value(it.key());
        if (ursTarget > 0 && it.value() >= all)
            total += double(ursTarget);
        else if (t->perMunicipality > 0)
            total += double(it.value()) * double(t->perMunicipality);
        else if (ursTarget > 0 && all > 0)
            total += double(ursTarget) * double(it.value()) / double(all);
        else
            return std::nullopt; // a target for part of the set would compare unlike things
    }
    return total;
}

std::optional<double> Targets::actionsIn(const ReferenceData &reference, const QList<Municipality> &municipalities,
                                         Period from, Period to) const
{
    if (!from.isValid() || !to.isValid() || to < from)
        return std::nullopt;
    double total = 0;
    for (int y = from.year; y <= to.year; ++y) {
        const auto yearly = yearlyActions(reference, municipalities, y);
        if (!yearly)
            return std::nullopt; // a line for part of the range would compare unlike things
        const int first = y == from.year ? from.month : 1;
        const int last = y == to.year ? to.month : 12;
        total += *yearly * double(last - first + 1) / 12.0;
    }
    return total;
}

} // namespace mobiliza::core
