#include "core/reference/reference_data.h"

#include <QCollator>
#include <QCoreApplication>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QLocale>
#include <QMap>
#include <QSet>

#include <algorithm>
#include <numeric>

#include "core/util/text.h"

namespace mobiliza::core {

struct ReferenceData::Impl
{
    QString version;
    int revision = 0;
    QDate published;

    QList<Municipality> municipalities; // sorted by name (collation)
    QList<QStringList> foldedNames;     // per municipality: name, then aliases
    QList<QStringList> compactNames;    // same, without spaces
    QHash<QString, qsizetype> byIbge;
    QHash<QString, qsizetype> byDatasus;

    QList<Urs> urs;                                       // sorted by name (collation)
    QHash<QString, qsizetype> ursByFolded;                // folded name or alias → index
    QHash<QString, QList<qsizetype>> municipalitiesByUrs; // canonical name → indexes

    QList<RegiaoSaude> regioes; // sorted by code
    QHash<QString, qsizetype> regiaoByCode;
    QList<Macrorregiao> macros; // sorted by code
    QHash<QString, qsizetype> macroByCode;

    QMap<QString, QList<CatalogueEntry>> catalogues;
};

namespace {

Error invalidReference(const QString &detail)
{
    return Error{QStringLiteral("invalid_reference"),
                 QCoreApplication::translate("ReferenceData",
                                             "The reference file is incomplete or damaged: %1. Ask "
                                             "SES-MG for a new copy of the file and import it again.")
                     .arg(detail)};
}

Error emptyList(const QString &key)
{
    return invalidReference(
        QCoreApplication::translate("ReferenceData", "the list \"%1\" is missing or empty").arg(key));
}

Error missingField(const QString &key, qsizetype index)
{
    return invalidReference(
        QCoreApplication::translate("ReferenceData", "entry %1 of \"%2\" has no code or name")
            .arg(index + 1)
            .arg(key));
}

Error duplicate(const QString &key, const QString &code)
{
    return invalidReference(
        QCoreApplication::translate("ReferenceData", "the code %1 appears twice in \"%2\"").arg(code, key));
}

bool isDigits(const QString &s, qsizetype size)
{
    return s.size() == size && std::all_of(s.begin(), s.end(), [](QChar c) {
               return c >= QLatin1Char('0') && c <= QLatin1Char('9');
           });
}

QString str(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString().trimmed();
}

QStringList stringList(const QJsonValue &value)
{
    QStringList out;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &v : array) {
        const QString s = v.toString().trimmed();
        if (!s.isEmpty())
            out.append(s);
    }
    return out;
}

} // namespace

ReferenceData::ReferenceData()
{
    static const std::shared_ptr<const Impl> empty = std::make_shared<Impl>();
    d = empty;
}

ReferenceData::ReferenceData(std::shared_ptr<const Impl> impl) : d(std::move(impl)) {}

Result<ReferenceData> ReferenceData::fromJson(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return Error{QStringLiteral("invalid_json"),
                     QCoreApplication::translate("ReferenceData",
                                                 "The reference file could not be read (%1). Use the file "
                                                 "exactly as published by SES-MG, without editing it.")
                         .arg(parseError.error != QJsonParseError::NoError
                                  ? parseError.errorString()
                                  : QCoreApplication::translate("ReferenceData", "it is not a JSON object"))};
    const QJsonObject root = doc.object();
    const int schema = root.value(QLatin1String("schema")).toInt(-1);
    if (schema != SchemaVersion)
        return Error{QStringLiteral("unsupported_schema"),
                     QCoreApplication::translate("ReferenceData",
                                                 "The reference file uses format %1, which this version of "
                                                 "Mobiliza cannot read. Update Mobiliza or ask SES-MG for a "
                                                 "file in format %2.")
                         .arg(schema)
                         .arg(SchemaVersion)};

    auto impl = std::make_shared<Impl>();
    impl->version = str(root, "version");
    impl->revision = root.value(QLatin1String("revision")).toInt(0);
    impl->published = QDate::fromString(str(root, "published"), Qt::ISODate);
    if (impl->version.isEmpty() || impl->revision <= 0 || !impl->published.isValid())
        return invalidReference(QCoreApplication::translate(
            "ReferenceData", "the version, revision or publication date is missing"));

    QCollator collator{QLocale(QLocale::Portuguese, QLocale::Brazil)};
    collator.setNumericMode(true);

    // Macrorregiões.
    const QString macroKey = QStringLiteral("macrorregioes");
    const QJsonArray macros = root.value(macroKey).toArray();
    if (macros.isEmpty())
        return emptyList(macroKey);
    for (qsizetype i = 0; i < macros.size(); ++i) {
        const QJsonObject o = macros.at(i).toObject();
        Macrorregiao m{str(o, "code"), str(o, "name")};
        if (m.code.isEmpty() || m.name.isEmpty())
            return missingField(macroKey, i);
        if (impl->macroByCode.contains(m.code))
            return duplicate(macroKey, m.code);
        impl->macroByCode.insert(m.code, -1);
        impl->macros.append(m);
    }
    std::sort(impl->macros.begin(), impl->macros.end(),
              [](const Macrorregiao &a, const Macrorregiao &b) { return a.code < b.code; });
    for (qsizetype i = 0; i < impl->macros.size(); ++i)
        impl->macroByCode.insert(impl->macros.at(i).code, i);

    // URS.
    const QString ursKey = QStringLiteral("urs");
    const QJsonArray urs = root.value(ursKey).toArray();
    if (urs.isEmpty())
        return emptyList(ursKey);
    QSet<QString> ursNames;
    for (qsizetype i = 0; i < urs.size(); ++i) {
        const QJsonObject o = urs.at(i).toObject();
        Urs u;
        u.name = str(o, "name");
        u.aliases = stringList(o.value(QLatin1String("aliases")));
        if (u.name.isEmpty())
            return missingField(ursKey, i);
        if (const QJsonValue target = o.value(QLatin1String("coverageTarget")); !target.isUndefined()) {
            u.coverageTarget = target.toDouble(-1);
            if (!target.isDouble() || !(u.coverageTarget > 0.0) || u.coverageTarget > 1.0)
                return invalidReference(QCoreApplication::translate(
                                            "ReferenceData", "the coverage target of URS %1 is not a share "
                                                             "between 0 and 1")
                                            .arg(u.name));
        }
        if (ursNames.contains(u.name))
            return duplicate(ursKey, u.name);
        ursNames.insert(u.name);
        impl->urs.append(u);
    }
    std::sort(impl->urs.begin(), impl->urs.end(),
              [&collator](const Urs &a, const Urs &b) { return collator.compare(a.name, b.name) < 0; });
    for (qsizetype i = 0; i < impl->urs.size(); ++i) {
        const Urs &u = impl->urs.at(i);
        for (const QString &name : QStringList{u.name} + u.aliases) {
            const QString key = foldForSearch(name);
            if (impl->ursByFolded.value(key, i) != i)
                return duplicate(ursKey, name);
            impl->ursByFolded.insert(key, i);
        }
    }

    // Regiões de saúde.
    const QString regiaoKey = QStringLiteral("regioes");
    const QJsonArray regioes = root.value(regiaoKey).toArray();
    if (regioes.isEmpty())
        return emptyList(regiaoKey);
    for (qsizetype i = 0; i < regioes.size(); ++i) {
        const QJsonObject o = regioes.at(i).toObject();
        RegiaoSaude r{str(o, "code"), str(o, "name"), str(o, "macro"), str(o, "urs")};
        if (r.code.isEmpty() || r.name.isEmpty())
            return missingField(regiaoKey, i);
        if (impl->regiaoByCode.contains(r.code))
            return duplicate(regiaoKey, r.code);
        if (!impl->macroByCode.contains(r.macroCode) || !ursNames.contains(r.urs))
            return invalidReference(QCoreApplication::translate(
                                        "ReferenceData", "the região de saúde %1 refers to an unknown URS or "
                                                         "macrorregião")
                                        .arg(r.code));
        impl->regiaoByCode.insert(r.code, -1);
        impl->regioes.append(r);
    }
    std::sort(impl->regioes.begin(), impl->regioes.end(),
              [](const RegiaoSaude &a, const RegiaoSaude &b) { return a.code < b.code; });
    for (qsizetype i = 0; i < impl->regioes.size(); ++i)
        impl->regiaoByCode.insert(impl->regioes.at(i).code, i);

    // Municipalities.
    const QString munKey = QStringLiteral("municipalities");
    const QJsonArray municipalities = root.value(munKey).toArray();
    if (municipalities.isEmpty())
        return emptyList(munKey);
    QSet<QString> ibgeCodes;
    QSet<QString> datasusCodes;
    for (qsizetype i = 0; i < municipalities.size(); ++i) {
        const QJsonObject o = municipalities.at(i).toObject();
        Municipality m;
        m.ibge = str(o, "ibge");
        m.name = str(o, "name");
        m.urs = str(o, "urs");
        m.regiaoCode = str(o, "regiao");
        m.macroCode = str(o, "macro");
        m.aliases = stringList(o.value(QLatin1String("aliases")));
        m.ursUncertain = o.value(QLatin1String("ursUncertain")).toBool(false);
        if (m.ibge.isEmpty() || m.name.isEmpty())
            return missingField(munKey, i);
        if (!isDigits(m.ibge, 7))
            return invalidReference(
                QCoreApplication::translate("ReferenceData", "the IBGE code \"%1\" does not have 7 digits")
                    .arg(m.ibge));
        if (ibgeCodes.contains(m.ibge) || datasusCodes.contains(m.ibge.left(6)))
            return duplicate(munKey, m.ibge);
        ibgeCodes.insert(m.ibge);
        datasusCodes.insert(m.ibge.left(6));
        if (!ursNames.contains(m.urs) || !impl->regiaoByCode.contains(m.regiaoCode) ||
            !impl->macroByCode.contains(m.macroCode))
            return invalidReference(
                QCoreApplication::translate("ReferenceData", "the municipality %1 refers to an unknown URS, "
                                                             "região de saúde or macrorregião")
                    .arg(m.ibge));
        impl->municipalities.append(m);
    }
    {
        // Sort by name with the pt-BR collation (ties by code), using precomputed keys.
        QList<qsizetype> order(impl->municipalities.size());
        std::iota(order.begin(), order.end(), qsizetype(0));
        QList<QCollatorSortKey> keys;
        keys.reserve(order.size());
        for (const Municipality &m : std::as_const(impl->municipalities))
            keys.append(collator.sortKey(m.name));
        std::sort(order.begin(), order.end(), [&](qsizetype a, qsizetype b) {
            const int c = keys.at(a).compare(keys.at(b));
            return c != 0 ? c < 0 : impl->municipalities.at(a).ibge < impl->municipalities.at(b).ibge;
        });
        QList<Municipality> sorted;
        sorted.reserve(order.size());
        for (qsizetype i : std::as_const(order))
            sorted.append(impl->municipalities.at(i));
        impl->municipalities = std::move(sorted);
    }
    for (qsizetype i = 0; i < impl->municipalities.size(); ++i) {
        const Municipality &m = impl->municipalities.at(i);
        impl->byIbge.insert(m.ibge, i);
        impl->byDatasus.insert(m.ibge.left(6), i);
        QStringList folded;
        QStringList compact;
        for (const QString &name : QStringList{m.name} + m.aliases) {
            folded.append(foldForSearch(name));
            compact.append(foldCompact(name));
        }
        impl->foldedNames.append(folded);
        impl->compactNames.append(compact);
        impl->municipalitiesByUrs[m.urs].append(i);
    }
    for (Urs &u : impl->urs)
        u.municipalityCount = int(impl->municipalitiesByUrs.value(u.name).size());

    // Catalogues.
    const QString catKey = QStringLiteral("catalogues");
    const QJsonObject catalogues = root.value(catKey).toObject();
    if (catalogues.isEmpty())
        return emptyList(catKey);
    for (auto it = catalogues.begin(); it != catalogues.end(); ++it) {
        const QJsonArray entries = it.value().toArray();
        const auto badCatalogue = [&] {
            return invalidReference(
                QCoreApplication::translate("ReferenceData",
                                            "the catalogue \"%1\" is empty or has an entry without "
                                            "code or label")
                    .arg(it.key()));
        };
        if (entries.isEmpty())
            return badCatalogue();
        QList<CatalogueEntry> list;
        QSet<QString> codes;
        for (const QJsonValue &v : entries) {
            const QJsonObject o = v.toObject();
            CatalogueEntry e;
            e.code = str(o, "code");
            e.label = str(o, "label");
            e.esusCode = str(o, "esus");
            e.active = o.value(QLatin1String("active")).toBool(true);
            if (e.code.isEmpty() || e.label.isEmpty())
                return badCatalogue();
            if (codes.contains(e.code))
                return duplicate(it.key(), e.code);
            codes.insert(e.code);
            list.append(e);
        }
        impl->catalogues.insert(it.key(), list);
    }

    return ReferenceData(std::shared_ptr<const Impl>(std::move(impl)));
}

ReferenceData ReferenceData::embedded()
{
    // Immutable and parsed once: the resource cannot change while the program runs.
    static const ReferenceData data = [] {
        QFile file(QStringLiteral(":/reference/mg_reference.json"));
        if (!file.open(QIODevice::ReadOnly))
            qFatal("The built-in reference table :/reference/mg_reference.json is missing: the build is "
                   "broken.");
        const auto parsed = fromJson(file.readAll());
        if (!parsed)
            qFatal("The built-in reference table is invalid (%s): the build is broken.",
                   qUtf8Printable(parsed.error().message));
        return parsed.value();
    }();
    return data;
}

bool ReferenceData::isEmpty() const
{
    return d->municipalities.isEmpty();
}

QString ReferenceData::version() const
{
    return d->version;
}

int ReferenceData::revision() const
{
    return d->revision;
}

QDate ReferenceData::published() const
{
    return d->published;
}

const QList<Municipality> &ReferenceData::municipalities() const
{
    return d->municipalities;
}

std::optional<Municipality> ReferenceData::municipality(const QString &ibge) const
{
    const QString code = ibge.trimmed();
    const auto &index = code.size() == 6 ? d->byDatasus : d->byIbge;
    const auto it = index.constFind(code);
    if (it == index.constEnd())
        return std::nullopt;
    return d->municipalities.at(it.value());
}

bool ReferenceData::isValidMunicipalityCode(const QString &ibge) const
{
    return d->byIbge.contains(ibge.trimmed());
}

QList<Municipality> ReferenceData::searchMunicipalities(const QString &query, int limit) const
{
    const QString q = foldForSearch(query);
    if (q.isEmpty())
        return {};
    const bool numeric = isDigits(q, q.size());
    const QString qCompact = foldCompact(query);

    QList<std::pair<int, qsizetype>> hits; // (rank, index in alphabetical order)
    for (qsizetype i = 0; i < d->municipalities.size(); ++i) {
        int rank = 4;
        if (numeric) {
            const QString &ibge = d->municipalities.at(i).ibge;
            if (ibge == q || (q.size() == 6 && ibge.startsWith(q)))
                rank = 0;
            else if (ibge.startsWith(q))
                rank = 1;
        } else {
            const QStringList &folded = d->foldedNames.at(i);
            const QStringList &compact = d->compactNames.at(i);
            for (qsizetype n = 0; n < folded.size() && rank > 0; ++n)
                rank = std::min(rank, rankFoldedMatch(folded.at(n), compact.at(n), q, qCompact));
        }
        if (rank < 4)
            hits.append({rank, i});
    }
    std::sort(hits.begin(), hits.end());
    if (limit > 0 && hits.size() > limit)
        hits.resize(limit);
    QList<Municipality> out;
    out.reserve(hits.size());
    for (const auto &hit : std::as_const(hits))
        out.append(d->municipalities.at(hit.second));
    return out;
}

QList<Urs> ReferenceData::urs() const
{
    return d->urs;
}

std::optional<Urs> ReferenceData::ursByName(const QString &nameOrAlias) const
{
    const auto it = d->ursByFolded.constFind(foldForSearch(nameOrAlias));
    if (it == d->ursByFolded.constEnd())
        return std::nullopt;
    return d->urs.at(it.value());
}

QList<Municipality> ReferenceData::municipalitiesOfUrs(const QString &ursNameOrAlias) const
{
    const auto u = ursByName(ursNameOrAlias);
    if (!u)
        return {};
    QList<Municipality> out;
    const QList<qsizetype> indexes = d->municipalitiesByUrs.value(u->name);
    out.reserve(indexes.size());
    for (qsizetype i : indexes)
        out.append(d->municipalities.at(i));
    return out;
}

QList<RegiaoSaude> ReferenceData::regioes() const
{
    return d->regioes;
}

std::optional<RegiaoSaude> ReferenceData::regiao(const QString &code) const
{
    const auto it = d->regiaoByCode.constFind(code.trimmed());
    if (it == d->regiaoByCode.constEnd())
        return std::nullopt;
    return d->regioes.at(it.value());
}

QList<Macrorregiao> ReferenceData::macrorregioes() const
{
    return d->macros;
}

std::optional<Macrorregiao> ReferenceData::macrorregiao(const QString &code) const
{
    const auto it = d->macroByCode.constFind(code.trimmed());
    if (it == d->macroByCode.constEnd())
        return std::nullopt;
    return d->macros.at(it.value());
}

QStringList ReferenceData::catalogueNames() const
{
    return d->catalogues.keys();
}

QList<CatalogueEntry> ReferenceData::catalogue(const QString &name) const
{
    return d->catalogues.value(name);
}


double ReferenceData::coverageTarget(const QList<Municipality> &municipalities) const
{
    if (municipalities.isEmpty())
        return 1.0;
    double expected = 0;
    for (const Municipality &m : municipalities) {
        const auto u = ursByName(m.urs);
        expected += u ? u->coverageTarget : 1.0;
    }
    return expected / double(municipalities.size());
}
} // namespace mobiliza::core
