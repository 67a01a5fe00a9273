#include "core/reference/brazil_reference.h"

#include <QCollator>
#include <QFile>
#include <QHash>
#include <QLocale>
#include <QRegularExpression>

#include <algorithm>

#include "core/util/text.h"

namespace mobiliza::core {

struct BrazilReference::Impl
{
    QList<FederativeUnit> units;          // by name
    QHash<QString, qsizetype> unitByUf;   // "MG" → index in units
    QList<BrMunicipality> municipalities; // by name
    QHash<QString, qsizetype> byIbge;     // code → index in municipalities
    QStringList folded;                   // per municipality, foldForSearch(name)
    QStringList compact;                  // foldCompact(name)
};

namespace {

// Splits a CSV without quoting (the inputs have none: a test checks); nullopt when a line
// has another number of cells than the header.
std::optional<QList<QStringList>> rows(const QByteArray &csv, qsizetype cells)
{
    QList<QStringList> out;
    const QStringList lines = QString::fromUtf8(csv).split(QLatin1Char('\n'));
    for (qsizetype i = 1; i < lines.size(); ++i) { // line 0: the header
        const QString line = lines.at(i).trimmed();
        if (line.isEmpty())
            continue;
        const QStringList row = line.split(QLatin1Char(','));
        if (row.size() != cells)
            return std::nullopt;
        out << row;
    }
    return out;
}

bool toNumber(const QString &text, double *out)
{
    bool ok = false;
    *out = text.toDouble(&ok);
    return ok;
}

QByteArray readResource(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

BrazilReference::BrazilReference(std::shared_ptr<const Impl> impl) : d(std::move(impl)) {}

std::optional<BrazilReference> BrazilReference::fromCsv(const QByteArray &states,
                                                        const QByteArray &municipalities)
{
    const auto stateRows = rows(states, 6);
    const auto municipalityRows = rows(municipalities, 6);
    if (!stateRows || !municipalityRows || stateRows->isEmpty() || municipalityRows->isEmpty())
        return std::nullopt;
    static const QRegularExpression stateCode(QStringLiteral("^\\d{2}$"));
    static const QRegularExpression ufCode(QStringLiteral("^[A-Z]{2}$"));
    static const QRegularExpression ibgeCode(QStringLiteral("^\\d{7}$"));

    auto impl = std::make_shared<Impl>();
    QHash<QString, QString> ufByStateCode;
    for (const auto &row : *stateRows) {
        FederativeUnit u{row.at(0), row.at(1), row.at(2), row.at(5), 0, 0};
        if (!stateCode.match(u.code).hasMatch() || !ufCode.match(u.uf).hasMatch() || u.name.isEmpty() ||
            !toNumber(row.at(3), &u.latitude) || !toNumber(row.at(4), &u.longitude) ||
            ufByStateCode.contains(u.code) || impl->unitByUf.contains(u.uf))
            return std::nullopt;
        ufByStateCode.insert(u.code, u.uf);
        impl->unitByUf.insert(u.uf, 0);
        impl->units << u;
    }
    for (const auto &row : *municipalityRows) {
        BrMunicipality m{row.at(0), row.at(1), ufByStateCode.value(row.at(2)),
                         0,         0,         row.at(5) == QLatin1String("1")};
        if (!ibgeCode.match(m.ibge).hasMatch() || m.name.isEmpty() || m.uf.isEmpty() ||
            !m.ibge.startsWith(row.at(2)) || !toNumber(row.at(3), &m.latitude) ||
            !toNumber(row.at(4), &m.longitude) || impl->byIbge.contains(m.ibge))
            return std::nullopt;
        impl->byIbge.insert(m.ibge, 0);
        impl->municipalities << m;
    }

    QCollator collator{QLocale(QLocale::Portuguese, QLocale::Brazil)};
    std::sort(impl->units.begin(), impl->units.end(), [&](const FederativeUnit &a, const FederativeUnit &b) {
        return collator.compare(a.name, b.name) < 0;
    });
    for (qsizetype i = 0; i < impl->units.size(); ++i)
        impl->unitByUf[impl->units.at(i).uf] = i;
    std::stable_sort(impl->municipalities.begin(), impl->municipalities.end(),
                     [&](const BrMunicipality &a, const BrMunicipality &b) {
                         return collator.compare(a.name, b.name) < 0;
                     });
    for (qsizetype i = 0; i < impl->municipalities.size(); ++i) {
        const auto &m = impl->municipalities.at(i);
        impl->byIbge[m.ibge] = i;
        impl->folded << foldForSearch(m.name);
        impl->compact << foldCompact(m.name);
    }
    return BrazilReference(std::move(impl));
}

const BrazilReference &BrazilReference::embedded()
{
    static const BrazilReference table = [] {
        auto parsed = fromCsv(readResource(QStringLiteral(":/reference/br_estados.csv")),
                              readResource(QStringLiteral(":/reference/br_municipios.csv")));
        if (!parsed)
            qFatal("the embedded national reference table (:/reference/br_*.csv) is missing or malformed");
        return *parsed;
    }();
    return table;
}

QList<FederativeUnit> BrazilReference::units() const
{
    return d->units;
}

std::optional<FederativeUnit> BrazilReference::unit(const QString &uf) const
{
    const auto it = d->unitByUf.constFind(uf.trimmed().toUpper());
    if (it == d->unitByUf.constEnd())
        return std::nullopt;
    return d->units.at(*it);
}

bool BrazilReference::isUf(const QString &uf) const
{
    return d->unitByUf.contains(uf);
}

qsizetype BrazilReference::municipalityCount() const
{
    return d->municipalities.size();
}

std::optional<BrMunicipality> BrazilReference::municipality(const QString &ibge) const
{
    const auto it = d->byIbge.constFind(ibge.trimmed());
    if (it == d->byIbge.constEnd())
        return std::nullopt;
    return d->municipalities.at(*it);
}

QString BrazilReference::ufOf(const QString &ibge) const
{
    const auto it = d->byIbge.constFind(ibge.trimmed());
    return it == d->byIbge.constEnd() ? QString() : d->municipalities.at(*it).uf;
}

QList<BrMunicipality> BrazilReference::municipalitiesOf(const QString &uf) const
{
    QList<BrMunicipality> out;
    for (const auto &m : d->municipalities)
        if (m.uf == uf)
            out << m;
    return out;
}

QList<BrMunicipality> BrazilReference::search(const QString &query, const QString &uf, int limit) const
{
    const QString q = foldForSearch(query);
    const QString qCompact = foldCompact(query);
    if (q.isEmpty())
        return {};
    const bool digits = std::all_of(qCompact.begin(), qCompact.end(), [](QChar c) { return c.isDigit(); });
    QList<QPair<int, qsizetype>> ranked; // (rank, index): the list is by name, so ties keep it
    for (qsizetype i = 0; i < d->municipalities.size(); ++i) {
        const auto &m = d->municipalities.at(i);
        if (!uf.isEmpty() && m.uf != uf)
            continue;
        const int rank = digits ? (m.ibge.startsWith(qCompact) ? 1 : 4)
                                : rankFoldedMatch(d->folded.at(i), d->compact.at(i), q, qCompact);
        if (rank < 4)
            ranked.append({rank, i});
    }
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const auto &a, const auto &b) { return a.first < b.first; });
    QList<BrMunicipality> out;
    for (const auto &r : ranked) {
        if (limit > 0 && out.size() >= limit)
            break;
        out << d->municipalities.at(r.second);
    }
    return out;
}

ReferenceChecks BrazilReference::checks() const
{
    const auto impl = d;
    ReferenceChecks c;
    c.isMunicipality = [impl](const QString &ibge) { return impl->byIbge.contains(ibge); };
    c.isUf = [impl](const QString &uf) { return impl->unitByUf.contains(uf); };
    c.ufOfMunicipality = [impl](const QString &ibge) {
        const auto it = impl->byIbge.constFind(ibge);
        return it == impl->byIbge.constEnd() ? QString() : impl->municipalities.at(*it).uf;
    };
    c.municipalityName = [impl](const QString &ibge) {
        const auto it = impl->byIbge.constFind(ibge);
        return it == impl->byIbge.constEnd() ? QString() : impl->municipalities.at(*it).name;
    };
    return c;
}

} // namespace mobiliza::core
