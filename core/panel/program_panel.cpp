#include "core/panel/program_panel.h"

#include "core/program/program_definition.h"
#include "core/reference/brazil_reference.h"
#include "core/regional/replica_service.h"
#include "core/regional/review_outbox.h"
#include "core/services/blob_store.h"
#include "core/services/notifier.h"
#include "core/store/database.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonArray>
#include <QSet>

#include <algorithm>

namespace mobiliza::core {

qint64 ProgramPanelMix::total() const
{
    qint64 sum = 0;
    for (const PanelCount &c : counts)
        sum += c.count;
    return sum;
}

double ProgramPanelMix::percent(qsizetype i) const
{
    const qint64 all = total();
    return all > 0 && i >= 0 && i < counts.size() ? 100.0 * double(counts.at(i).count) / double(all) : 0.0;
}

ReferralFields referralFields(const ProgramDefinition &program)
{
    ReferralFields r;
    const auto list = program.field(program.fieldForRole(field_role::Referrals));
    if (!list)
        return r;
    r.list = list->id;
    for (const FieldDefinition &f : list->itemFields) {
        if (r.done.isEmpty() && f.type == field_type::Boolean)
            r.done = f.id;
        if (r.followUp.isEmpty() && f.type == field_type::Date && f.required)
            r.followUp = f.id;
    }
    return r;
}

namespace {

// The codes an action holds in `field`: one for a choice, each for a multichoice.
QStringList codesIn(const QJsonObject &values, const FieldDefinition &field)
{
    const QJsonValue v = values.value(field.id);
    QStringList codes;
    if (field.isMultiple()) {
        for (const QJsonValue &c : v.toArray())
            if (c.isString() && !c.toString().isEmpty() && !codes.contains(c.toString()))
                codes << c.toString();
    } else if (v.isString() && !v.toString().isEmpty()) {
        codes << v.toString();
    }
    return codes;
}

// Counts by code in the catalogue's order, codes outside it after (a newer definition's),
// and "" (not said) last when any.
QList<PanelCount> inCatalogueOrder(const ProgramDefinition &program, const FieldDefinition &field,
                                   const QHash<QString, qint64> &counts)
{
    QList<PanelCount> out;
    QSet<QString> seen;
    for (const CatalogueEntry &e : program.catalogue(field.catalogue)) {
        out << PanelCount{e.code, counts.value(e.code)};
        seen.insert(e.code);
    }
    QStringList others;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        if (!it.key().isEmpty() && !seen.contains(it.key()))
            others << it.key();
    others.sort();
    for (const QString &code : std::as_const(others))
        out << PanelCount{code, counts.value(code)};
    if (counts.value(QString()) > 0)
        out << PanelCount{QString(), counts.value(QString())};
    return out;
}

qint64 integerIn(const QJsonObject &values, const QString &field)
{
    const QJsonValue v = values.value(field);
    return v.isDouble() ? std::max<qint64>(0, v.toInteger()) : 0;
}

} // namespace

Result<ProgramPanelData> computeProgramPanel(const ReplicaService &replica, const ProgramDefinition &program,
                                             const BrazilReference &brazil, const ProgramPanelFilter &filter,
                                             const QHash<QString, QString> &localStates)
{
    if (!program.isPeriodOf(filter.from) || !program.isPeriodOf(filter.to) || filter.to < filter.from)
        return Error{QStringLiteral("invalid_filter"),
                     QCoreApplication::translate("ProgramPanel", "Choose a first and a last period of the "
                                                                 "program, the first not after the last.")};
    ProgramPanelData data;
    data.filter = filter;
    for (Period p = filter.from; !(filter.to < p); p = p.next())
        data.periods << p;
    data.actionsByPeriod.fill(0, data.periods.size());

    const PanelDefinition panel = program.panel();
    QList<FieldDefinition> breakdownFields;
    for (const QString &id : panel.breakdowns)
        if (const auto f = program.field(id))
            breakdownFields << *f;
    QList<QHash<QString, qint64>> breakdownCounts(breakdownFields.size());
    QList<FieldDefinition> mixFields;
    QList<PanelReference> references;
    for (const PanelReference &r : panel.references)
        if (const auto f = program.field(r.field)) {
            mixFields << *f;
            references << r;
        }
    QList<QHash<QString, qint64>> mixCounts(mixFields.size());

    const QString ufField = program.fieldForRole(field_role::Uf);
    const QString municipalitiesField = program.fieldForRole(field_role::Municipalities);
    const QString peopleField = program.fieldForRole(field_role::PeopleReached);
    QStringList parts;
    for (const RuleDefinition &rule : program.rules())
        if (rule.kind == QLatin1String("parts_sum") && rule.field == peopleField && !peopleField.isEmpty())
            parts = rule.parts;
    QVector<qint64> partSums(parts.size(), 0);
    qint64 unassigned = 0;
    const ReferralFields referrals = referralFields(program);
    QHash<QString, qint64> byUf;
    // The territory: the filter's state, or the country.
    const auto inTerritory = [&](const QString &ibge) {
        return filter.uf.isEmpty() ? brazil.municipality(ibge).has_value() : brazil.ufOf(ibge) == filter.uf;
    };
    data.territoryMunicipalities =
        int(filter.uf.isEmpty() ? brazil.municipalityCount() : brazil.municipalitiesOf(filter.uf).size());

    const QStringList counted = panelStates(filter.includeReceived);
    QSet<QString> units;
    for (qsizetype pi = 0; pi < data.periods.size(); ++pi) {
        auto latest = replica.latest(data.periods.at(pi));
        if (!latest)
            return latest.error();
        for (const ReplicaRevision &r : latest.value()) {
            if (r.program != program.id())
                continue;
            const QString state =
                localStates.value(r.report + QLatin1Char('#') + QString::number(r.revision), r.state);
            if (!counted.contains(state))
                continue;
            if (!r.hasManifest) {
                ++data.reportsWaiting;
                continue;
            }
            auto report = replica.report(r.report, r.revision);
            if (!report)
                return report.error();
            bool any = false;
            for (const Action &action : report.value().actions) {
                const QJsonObject &v = action.values;
                const QString uf = ufField.isEmpty() ? QString() : v.value(ufField).toString();
                if (!filter.uf.isEmpty() && uf != filter.uf)
                    continue;
                any = true;
                ++data.actions;
                ++data.actionsByPeriod[pi];
                ++byUf[uf];
                for (qsizetype b = 0; b < breakdownFields.size(); ++b) {
                    const QStringList codes = codesIn(v, breakdownFields.at(b));
                    if (codes.isEmpty())
                        ++breakdownCounts[b][QString()];
                    for (const QString &code : codes)
                        ++breakdownCounts[b][code];
                }
                for (qsizetype m = 0; m < mixFields.size(); ++m)
                    for (const QString &code : codesIn(v, mixFields.at(m)))
                        ++mixCounts[m][code];
                if (!peopleField.isEmpty()) {
                    const qint64 total = integerIn(v, peopleField);
                    data.participants += total;
                    qint64 inParts = 0;
                    for (qsizetype k = 0; k < parts.size(); ++k) {
                        const qint64 part = integerIn(v, parts.at(k));
                        partSums[k] += part;
                        inParts += part;
                    }
                    unassigned += std::max<qint64>(0, total - inParts);
                }
                const QJsonArray named =
                    municipalitiesField.isEmpty() ? QJsonArray() : v.value(municipalitiesField).toArray();
                QSet<QString> once; // a code listed twice in one action counts once
                for (const QJsonValue &code : named)
                    if (!once.contains(code.toString()) && inTerritory(code.toString())) {
                        once.insert(code.toString());
                        ++data.municipalities[code.toString()];
                    }
                if (named.isEmpty())
                    ++data.withoutMunicipalities;
                if (!referrals.list.isEmpty()) {
                    for (const QJsonValue &entry : v.value(referrals.list).toArray()) {
                        const QJsonObject item = entry.toObject();
                        if (!referrals.done.isEmpty() && item.value(referrals.done).toBool()) {
                            ++data.referralsDone;
                            continue;
                        }
                        const QDate due =
                            QDate::fromString(item.value(referrals.followUp).toString(), Qt::ISODate);
                        if (due.isValid() && filter.today.isValid() && due < filter.today)
                            ++data.referralsLate;
                        else
                            ++data.referralsOpen;
                    }
                }
            }
            if (any || (report.value().noActions && filter.uf.isEmpty())) {
                ++data.reports;
                units.insert(r.municipality);
            }
        }
    }
    data.units = int(units.size());
    for (qsizetype b = 0; b < breakdownFields.size(); ++b)
        data.breakdowns << ProgramPanelBreakdown{
            breakdownFields.at(b).id,
            inCatalogueOrder(program, breakdownFields.at(b), breakdownCounts.at(b))};
    for (qsizetype m = 0; m < mixFields.size(); ++m) {
        ProgramPanelMix mix;
        mix.field = mixFields.at(m).id;
        mix.shares = references.at(m).shares;
        for (const auto &share : std::as_const(mix.shares))
            mix.counts << PanelCount{share.first, mixCounts.at(m).value(share.first)};
        data.mixes << mix;
    }
    for (auto it = byUf.cbegin(); it != byUf.cend(); ++it)
        data.byUf << PanelCount{it.key(), it.value()};
    std::sort(data.byUf.begin(), data.byUf.end(), [](const PanelCount &a, const PanelCount &b) {
        if (a.code.isEmpty() != b.code.isEmpty())
            return b.code.isEmpty();
        return a.count != b.count ? a.count > b.count : a.code < b.code;
    });
    for (qsizetype k = 0; k < parts.size(); ++k)
        data.participantsByPart << PanelCount{parts.at(k), partSums.at(k)};
    if (!peopleField.isEmpty())
        data.participantsByPart << PanelCount{QString(), unassigned};
    return data;
}

Result<ProgramPanelAnswer> computeProgramPanelIn(const QString &dataDir, const Clock &clock,
                                                 const ProgramDefinition &program,
                                                 const BrazilReference &brazil,
                                                 const ProgramPanelFilter &filter)
{
    auto database = Database::open(dataDir);
    if (!database)
        return database.error();
    Notifier quiet; // nothing is written here
    BlobStore blobs(QDir(dataDir).filePath(QStringLiteral("blobs")));
    ReplicaService replica(*database.value(), quiet, blobs, clock);
    ReviewOutbox reviews(*database.value(), quiet, clock, replica);
    const QHash<QString, QString> decided = reviews.localStates();
    auto current = computeProgramPanel(replica, program, brazil, filter, decided);
    if (!current)
        return current.error();
    ProgramPanelFilter before = filter;
    before.to = filter.from.previous();
    before.from = before.to;
    for (qsizetype i = 1; i < current.value().periods.size(); ++i)
        before.from = before.from.previous();
    auto previous = computeProgramPanel(replica, program, brazil, before, decided);
    if (!previous)
        return previous.error();
    return ProgramPanelAnswer{current.value(), previous.value()};
}

} // namespace mobiliza::core
