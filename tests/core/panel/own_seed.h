// A municipality's own reports for its Painel (core/panel/own_panel.h): months in
// every state the municipal profile knows — accepted on time, late by Brasília's
// day, returned, a correction concluded and not sent, a draft past its deadline,
// "sem ações no mês", one before the range —
// written through ReportService, the sending seeded as the outbox records it (the
// revision and the hub's receipt). Header-only, Catch2's REQUIRE: used by the core
// test and by the page's GUI test, which count the same months another way.
#pragma once

#include "tests/support/catch_qt.h"

#include "core/services/services.h"
#include "core/store/sql.h"
#include "tests/support/valid_report.h"

#include <QJsonArray>
#include <QUuid>

namespace mobiliza::test::own {

struct Month
{
    core::Period period;
    QString state;       // reportStateKey
    QString hubReceived; // store timestamp of the first receipt; empty: not sent
    bool noActions = false;
    QList<QJsonObject> actions;
    int revision = 1; // 2: a correction of a returned revision 1 (its receipt: hubReceived), not sent
    QString uuid;     // filled by seed()
};

inline QJsonObject action(const core::Period &p, int n, const QStringList &themes, const QString &format,
                          int people)
{
    QJsonObject v = validActionValues(p, n);
    v.insert(QStringLiteral("themes"), QJsonArray::fromStringList(themes));
    v.insert(QStringLiteral("format"), format);
    v.insert(QStringLiteral("people_reached"), people);
    return v;
}

// Today is 2026-05-15; the deadline is the 10th of the next month, counted in
// Brasília time (UTC−3): a receipt at 02:00 UTC on the 11th is still on time.
inline QList<Month> months()
{
    const QString arbo = QStringLiteral("arboviroses"), mental = QStringLiteral("saude_mental"),
                  vac = QStringLiteral("vacinacao");
    const QString mutirao = QStringLiteral("mutirao"), roda = QStringLiteral("roda_conversa");
    const core::Period sep{2025, 9}, oct{2025, 10}, nov{2025, 11}, dec{2025, 12}, jan{2026, 1}, feb{2026, 2},
        mar{2026, 3}, apr{2026, 4};
    return {
        {sep,
         QStringLiteral("accepted"),
         QStringLiteral("2025-10-08T13:00:00.000Z"),
         false,
         {action(sep, 1, {vac}, mutirao, 30)}},
        // Returned, corrected and concluded again, not yet sent: the URS holds the return.
        {oct,
         QStringLiteral("ready"),
         QStringLiteral("2025-11-05T12:00:00.000Z"),
         false,
         {action(oct, 1, {arbo}, roda, 18)},
         2},
        {nov, QStringLiteral("accepted"), QStringLiteral("2025-12-03T13:00:00.000Z"), true, {}},
        {dec,
         QStringLiteral("accepted"),
         QStringLiteral("2026-01-09T15:00:00.000Z"),
         false,
         {action(dec, 1, {vac}, mutirao, 30)}},
        // Due 10/02: 03:00 UTC on the 11th is the first minute of the 11th in Brasília, late.
        {jan,
         QStringLiteral("accepted"),
         QStringLiteral("2026-02-11T03:00:00.000Z"),
         false,
         {action(jan, 1, {arbo, mental}, mutirao, 41), action(jan, 2, {mental}, roda, 12)}},
        // Due 10/03: 02:00 UTC on the 11th is 23:00 on the 10th in Brasília, on time.
        {feb,
         QStringLiteral("received"),
         QStringLiteral("2026-03-11T02:00:00.000Z"),
         false,
         {action(feb, 1, {arbo}, roda, 25)}},
        {mar,
         QStringLiteral("returned"),
         QStringLiteral("2026-04-02T10:00:00.000Z"),
         false,
         {action(mar, 1, {vac, arbo}, mutirao, 60)}},
        {apr,
         QStringLiteral("draft"),
         QString(),
         false,
         {action(apr, 1, {arbo}, mutirao, 5), action(apr, 2, {mental}, roda, 7),
          action(apr, 3, {vac}, {}, 9)}},
    };
}

inline QList<Month> seed(core::Services &services)
{
    QList<Month> seeded = months();
    REQUIRE(services.profile().setMunicipality(QStringLiteral("3106200")).ok());
    const QSqlDatabase db = services.database().db();
    for (Month &m : seeded) {
        auto report = services.reports().createReport(kSesMgProgram, m.period);
        REQUIRE(report.ok());
        m.uuid = report.value().uuid;
        for (const QJsonObject &values : std::as_const(m.actions))
            REQUIRE(services.reports().addAction(m.uuid, values).ok());
        if (m.noActions)
            REQUIRE(services.reports()
                        .setNoActions(m.uuid, true, QStringLiteral("Equipe em férias coletivas no mês."))
                        .ok());
        REQUIRE(core::execSql(db, QStringLiteral("UPDATE reports SET state = ?, revision = ? WHERE uuid = ?"),
                              {m.state, m.revision, m.uuid})
                    .ok());
        // Each revision concluded here and its outbox row: received by the hub (revision 1,
        // when hubReceived says so), or waiting to be sent (the correction).
        for (int r = 1; r <= m.revision; ++r) {
            const bool received = r == 1 && !m.hubReceived.isEmpty();
            if (!received && m.revision == 1)
                break; // never concluded
            const QString at = received ? m.hubReceived : QStringLiteral("2026-05-14T12:00:00.000Z");
            const QString revision = QUuid::createUuid().toString(QUuid::WithoutBraces);
            REQUIRE(core::execSql(
                        db,
                        QStringLiteral("INSERT INTO report_revisions (uuid, report_uuid, revision, "
                                       "snapshot_json, sha256, created_at) VALUES (?, ?, ?, '{}', ?, ?)"),
                        {revision, m.uuid, r, QString(64, QLatin1Char('a')), at})
                        .ok());
            REQUIRE(core::execSql(
                        db,
                        QStringLiteral("INSERT INTO outbox (uuid, revision_uuid, state, hub_received_at, "
                                       "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)"),
                        {QUuid::createUuid().toString(QUuid::WithoutBraces), revision,
                         received ? QStringLiteral("received") : QStringLiteral("queued"),
                         received ? QVariant(at) : QVariant(), at, at})
                        .ok());
        }
    }
    return seeded;
}

} // namespace mobiliza::test::own
