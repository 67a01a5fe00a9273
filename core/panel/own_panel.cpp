#include "core/panel/own_panel.h"

#include "core/panel/panel_query_p.h"
#include "core/program/program_definition.h"
#include "core/regional/replica_facts.h"
#include "core/services/audit.h"
#include "core/store/database.h"

#include <QJsonDocument>

namespace mobiliza::core {

using namespace panel_detail;

namespace {

bool acceptedAbove(const QString &state)
{
    return state == QLatin1String("accepted") || state == QLatin1String("forwarded") ||
           state == QLatin1String("consolidated");
}

// What the URS knows of the month's report, from this profile's side (own_panel.h).
CoverageState ownCoverage(const ProgramDefinition &program, const Period &period, const QString &state,
                          int revision, bool noActions, const QString &hubReceived,
                          const QString &firstConcluded)
{
    // Returned, or its correction not yet at the URS (being edited, or concluded and
    // waiting to be sent): the URS holds the returned revision.
    const bool correcting =
        revision > 1 && (state == QLatin1String("draft") || state == QLatin1String("ready") ||
                         state == QLatin1String("sending"));
    if (state == QLatin1String("returned") || correcting)
        return CoverageState::Returned;
    QString sent = hubReceived;
    // The hub has it but no receipt of this outbox says when (a package carried by hand,
    // its state learned without the time): the conclusion stands in for it — earlier than
    // the URS's own date, so such a month may show on time here and late at the URS.
    if (sent.isEmpty() && (state == QLatin1String("received") || acceptedAbove(state)))
        sent = firstConcluded;
    if (sent.isEmpty())
        return CoverageState::Missing;
    if (noActions)
        return CoverageState::NoActions;
    return program.isLate(period, brasiliaDate(parseStoreTimestamp(sent))) ? CoverageState::Late
                                                                           : CoverageState::OnTime;
}

} // namespace

Result<PanelData> computeOwnPanel(Database &database, const ProgramDefinition &program,
                                  const Municipality &municipality, const PanelFilter &filter)
{
    if (Status valid = checkFilter(filter); !valid)
        return valid.error();
    const QSqlDatabase db = database.db();
    ReadSnapshot snapshot(db);
    const Period lo = panelInputsFrom(filter);
    const int first = monthNumber(lo);
    const int months = monthsBetween(lo, filter.to) + 1;

    PanelInputs inputs;
    inputs.municipalities = {municipality};
    inputs.states = QVector<CoverageState>(months, CoverageState::Missing);
    const QVariantList range{program.id(), municipality.ibge, lo.key(), filter.to.key()};
    // One report a month (UNIQUE in the schema); its first reception by the hub.
    QHash<QString, int> counted; // report uuid → month number, for the reports whose actions count
    QHash<QString, std::pair<QString, QString>> ofMonth; // period key → report uuid, state
    Status reports = eachRow(
        db,
        QStringLiteral(
            "SELECT r.uuid, r.period, r.state, r.revision, r.no_actions, "
            "(SELECT MIN(o.hub_received_at) FROM report_revisions v JOIN outbox o ON o.revision_uuid = "
            "v.uuid "
            "WHERE v.report_uuid = r.uuid), "
            "(SELECT MIN(v.created_at) FROM report_revisions v WHERE v.report_uuid = r.uuid) "
            "FROM reports r WHERE r.program_id = ? AND r.municipality = ? AND r.period BETWEEN ? AND ?"),
        range, [&](const QSqlQuery &q) {
            const Period period = Period::fromKey(q.value(1).toString());
            const QString state = q.value(2).toString();
            if (!period.isValid())
                return;
            const int month = monthNumber(period);
            ofMonth.insert(period.key(), {q.value(0).toString(), state});
            inputs.states[month - first] =
                ownCoverage(program, period, state, q.value(3).toInt(), q.value(4).toInt() == 1,
                            q.value(5).toString(), q.value(6).toString());
            if (filter.includeReceived || acceptedAbove(state))
                counted.insert(q.value(0).toString(), month);
        });
    if (!reports)
        return reports.error();

    // The counted reports' actions as they stand, packed as the replica packs them.
    QHash<QString, QList<PackedAction>> actions;
    Status read =
        eachRow(db,
                QStringLiteral("SELECT a.report_uuid, a.values_json FROM reports r JOIN actions a ON "
                               "a.report_uuid = r.uuid WHERE r.program_id = ? AND r.municipality = ? "
                               "AND r.period BETWEEN ? AND ? ORDER BY a.report_uuid, a.position"),
                range, [&](const QSqlQuery &q) {
                    const QString report = q.value(0).toString();
                    if (!counted.contains(report))
                        return;
                    const QJsonObject values = QJsonDocument::fromJson(q.value(1).toByteArray()).object();
                    actions[report] << packedActionOf(program, values);
                });
    if (!read)
        return read.error();
    for (auto it = actions.cbegin(); it != actions.cend(); ++it)
        inputs.addPicked(0, counted.value(it.key()), packActions(it.value()));

    PanelData data = assemblePanel(filter, inputs);
    // Months, not municipalities: of the range, and of the range before it.
    const auto reported = [&](int from, int count) {
        int n = 0;
        for (int i = std::max(from, 0); i < from + count && i < months; ++i)
            n += coverageCounts(inputs.states.at(i)) ? 1 : 0;
        return n;
    };
    const int range0 = monthsBetween(lo, filter.from);
    data.tiles.reporting = reported(range0, filter.months());
    data.tiles.expected = filter.months();
    data.previous.reporting = reported(range0 - filter.months(), filter.months());
    data.previous.expected = filter.months();
    for (PanelCell &cell : data.cells) {
        const auto report = ofMonth.value(cell.period.key());
        cell.report = report.first;
        cell.reportState = report.second;
    }
    return data;
}

} // namespace mobiliza::core
