// A URS replica seeded with varied reports (themes, formats, audiences, people,
// states, corrections, late and missing months, decisions made here and not yet
// pulled back), and what the independent counts of the Painel's tests need to
// read the reports themselves. Shared by tests/core/panel.
#pragma once

#include "core/panel/panel_query.h"
#include "core/reference/reference_data.h"
#include "core/regional/review_outbox.h"
#include "tests/core/regional/replica_fixture.h"

#include <QJsonArray>
#include <QRandomGenerator>

namespace mobiliza::test::panel {

using namespace mobiliza::core;
using test::Sent;

inline const QString kProgram = QStringLiteral("ses_mg_mobilizacao");

struct Seeded
{
    QList<Sent> all; // every revision, as listed
    QHash<QString, QString> localStates;
    QList<Municipality> scope;
};

inline QStringList codes(const ProgramDefinition &program, const QString &catalogue)
{
    QStringList out;
    for (const CatalogueEntry &e : program.catalogue(catalogue))
        out << e.code;
    return out;
}

inline Sent withActions(Sent s, int count, const ProgramDefinition &program, QRandomGenerator &rng)
{
    const QStringList themes = codes(program, QStringLiteral("temas"));
    const QStringList formats = codes(program, QStringLiteral("formatos"));
    const QStringList audiences = codes(program, QStringLiteral("publico_alvo"));
    s.report.actions.clear();
    s.report.noActions = count == 0;
    if (s.report.noActions)
        s.report.noActionsJustification = QStringLiteral("Equipe em campanha.");
    for (int i = 0; i < count; ++i) {
        Action a;
        a.uuid = newUuid();
        a.position = i;
        QJsonArray t, aud;
        // Few themes, so some repeat and the "other themes" stack fills.
        const int nThemes = 1 + int(rng.bounded(2));
        for (int k = 0; k < nThemes; ++k)
            t << themes.at(int(rng.bounded(9)));
        for (int k = 0, n = 1 + int(rng.bounded(3)); k < n; ++k)
            aud << audiences.at(int(rng.bounded(int(audiences.size()))));
        a.values = QJsonObject{{QStringLiteral("title"), QStringLiteral("Ação %1").arg(i + 1)},
                               {QStringLiteral("themes"), t},
                               {QStringLiteral("format"), formats.at(int(rng.bounded(5)))},
                               {QStringLiteral("audience"), aud},
                               {QStringLiteral("people_reached"), int(rng.bounded(400))}};
        s.report.actions << a;
    }
    s.manifest = ReportService::manifest(s.report, s.entry.receivedAt.addSecs(-60));
    s.entry.manifestSha256 = test::sha(s.manifest);
    return s;
}

// A scope of two URS, as the central level sees them: 7 municipalities of Belo
// Horizonte, then 6 of Barbacena (a URS then narrows it).
inline QList<Municipality> twoUrs(const ReferenceData &reference)
{
    return reference.municipalitiesOfUrs(QStringLiteral("Belo Horizonte")).mid(0, 7) +
           reference.municipalitiesOfUrs(QStringLiteral("Barbacena")).mid(0, 6);
}

// Reports of 2026-01 … 2026-10 of `scope` (default: 12 municipalities of URS
// Belo Horizonte) in the URS profile's replica.
inline Seeded seed(test::UrsProfile &urs, quint32 seedValue, const QList<Municipality> &scope = {})
{
    Services &services = *urs.services;
    const ProgramDefinition program =
        services.programs().engine(kProgram)->program(); // a copy: outlives a reopen
    QRandomGenerator rng(seedValue);
    Seeded out;
    out.scope = scope.isEmpty()
                    ? services.reference().municipalitiesOfUrs(QStringLiteral("Belo Horizonte")).mid(0, 12)
                    : scope;
    REQUIRE(out.scope.size() >= 2);
    const QStringList states{QStringLiteral("received"),     QStringLiteral("in_review"),
                             QStringLiteral("accepted"),     QStringLiteral("forwarded"),
                             QStringLiteral("consolidated"), QStringLiteral("returned")};
    qint64 cursor = 0;
    for (Period p = Period{2026, 1}; !(Period{2026, 10} < p); p = p.next()) {
        for (const Municipality &m : std::as_const(out.scope)) {
            if (rng.bounded(10) == 0)
                continue; // missing month
            // On time or late (the deadline is in the next month).
            const QDate day = program.deadline(p).addDays(int(rng.bounded(12)) - 8);
            const QDateTime at(day, QTime(14, 0), Qt::UTC);
            Sent first =
                withActions(test::sent(m.ibge, p, 1, at, ++cursor), int(rng.bounded(5)), program, rng);
            first.entry.state = states.at(int(rng.bounded(int(states.size()))));
            out.all << first;
            if (first.entry.state == QStringLiteral("returned") && rng.bounded(2) == 0) {
                Sent second =
                    withActions(test::sent(m.ibge, p, 2, at.addDays(5), ++cursor, false, first.report.uuid),
                                int(rng.bounded(5)), program, rng);
                second.entry.state = states.at(int(rng.bounded(5))); // never returned again
                out.all << second;
            } else if (first.entry.state == QStringLiteral("received") && rng.bounded(3) == 0) {
                // A decision made here, not pulled back yet.
                out.localStates.insert(revisionKey(first.report.uuid, 1), rng.bounded(2)
                                                                              ? QStringLiteral("accepted")
                                                                              : QStringLiteral("returned"));
            }
        }
    }
    QList<ReplicaRevision> entries;
    for (const Sent &s : std::as_const(out.all))
        entries << s.entry;
    REQUIRE(services.replica().applyPulled(entries, cursor));
    for (const Sent &s : std::as_const(out.all))
        REQUIRE(services.replica().storeManifest(s.report.uuid, s.report.revision, s.manifest));
    return out;
}

inline QString stateOf(const Seeded &s, const Sent &r)
{
    return s.localStates.value(revisionKey(r.report.uuid, r.report.revision), r.entry.state);
}

// Each report's latest revision.
inline QHash<QString, const Sent *> latestOf(const Seeded &s)
{
    QHash<QString, const Sent *> latest;
    for (const Sent &r : s.all)
        if (!latest.contains(r.report.uuid) ||
            latest.value(r.report.uuid)->report.revision < r.report.revision)
            latest.insert(r.report.uuid, &r);
    return latest;
}

inline bool keeps(const PanelFilter &f, const Action &a)
{
    if (!f.format.isEmpty() && a.values.value(QStringLiteral("format")).toString() != f.format)
        return false;
    if (!f.theme.isEmpty() && !a.values.value(QStringLiteral("themes")).toArray().contains(f.theme))
        return false;
    return true;
}

} // namespace mobiliza::test::panel
