#include "core/panel/panel_rows.h"
#include "core/panel/panel_query_p.h"

#include "core/program/program_definition.h"
#include "core/regional/coverage.h"
#include "core/regional/replica_service.h"
#include "core/regional/review_outbox.h"
#include "core/services/blob_store.h"
#include "core/services/notifier.h"
#include "core/store/database.h"

#include <QCollator>
#include <QDir>
#include <QLocale>

#include <algorithm>

namespace mobiliza::core {

using namespace panel_detail;

namespace {

// The scope narrowed by the filter's municipalities, in the scope's order.
QList<Municipality> narrowed(const QList<Municipality> &scope, const PanelFilter &filter)
{
    const QSet<QString> wanted(filter.municipalities.begin(), filter.municipalities.end());
    QList<Municipality> out;
    for (const Municipality &m : scope)
        if (wanted.isEmpty() || wanted.contains(m.ibge))
            out << m;
    return out;
}

PanelActionRow rowOf(const Municipality &m)
{
    PanelActionRow row;
    row.municipality = m.ibge;
    row.name = m.name;
    row.urs = m.urs;
    return row;
}

// Every report of the range whose month is covered, from the coverage grid the tiles count.
Result<QList<PanelActionRow>> reportRows(Database &database, const ProgramDefinition &program,
                                         const QList<Municipality> &municipalities, const PanelFilter &filter,
                                         const QHash<QString, QString> &localStates)
{
    auto grid = computeCoverage(database, program, municipalities, filter.to, filter.months(), localStates);
    if (!grid)
        return grid.error();
    QList<PanelActionRow> rows;
    for (const CoverageRow &r : grid.value().rows) {
        for (int p = 0; p < r.cells.size(); ++p) {
            const CoverageCell &cell = r.cells.at(p);
            if (!coverageCounts(cell.state))
                continue;
            PanelActionRow row = rowOf(r.municipality);
            row.period = grid.value().periods.at(p);
            row.report = cell.report;
            row.revision = cell.revision;
            row.reviewState = cell.reviewState;
            row.coverage = cell.state;
            row.firstSent = cell.firstSentAt;
            rows << row;
        }
    }
    return rows;
}

// The counted actions of filter.from … filter.to over the picked revisions, with
// their title and date out of the stored manifests (decoded once per revision).
Result<QList<PanelActionRow>> actionRows(const QSqlDatabase &db, const ReplicaService &replica,
                                         const ProgramDefinition &program,
                                         const QHash<QString, Municipality> &byIbge, const PanelFilter &filter)
{
    const ActionScope range = actionScope(filter, filter.from, filter.to);
    QList<PanelActionRow> rows;
    Status read = eachRow(
        db,
        QStringLiteral(
            "SELECT a.report, a.revision, a.position, a.municipality, a.period, a.format, a.people, "
            "(SELECT COALESCE((SELECT l.state FROM temp.review_local l WHERE l.report = a.report AND "
            "l.revision = a.revision), r.state) FROM replica_revisions r WHERE r.report = a.report AND "
            "r.revision = a.revision), "
            "(SELECT group_concat(c.code, char(31)) FROM (SELECT c.code FROM replica_action_codes c WHERE "
            "c.report = a.report AND c.revision = a.revision AND c.position = a.position AND c.kind = "
            "'theme' ORDER BY c.ord) c)") +
            range.sql,
        range.args, [&](const QSqlQuery &q) {
            PanelActionRow row = rowOf(byIbge.value(q.value(3).toString()));
            row.report = q.value(0).toString();
            row.revision = q.value(1).toInt();
            row.position = q.value(2).toInt();
            row.period = Period::fromKey(q.value(4).toString());
            row.format = q.value(5).toString();
            row.people = q.value(6).toLongLong();
            row.reviewState = q.value(7).toString();
            row.themes = q.value(8).toString().split(QChar(31), Qt::SkipEmptyParts);
            rows << row;
        });
    if (!read)
        return read.error();
    // Each revision's manifest decoded once, its actions' title and date kept, the rest let go.
    const QString titleField = program.fieldForRole(field_role::Title);
    const QString dateField = program.fieldForRole(field_role::Date);
    QHash<QString, QList<int>> rowsOfRevision; // "uuid#revision" → indices in rows
    for (int i = 0; i < rows.size(); ++i)
        rowsOfRevision[rows.at(i).report + QLatin1Char('#') + QString::number(rows.at(i).revision)] << i;
    for (const QList<int> &indices : std::as_const(rowsOfRevision)) {
        const PanelActionRow &first = rows.at(indices.first());
        auto report = replica.report(first.report, first.revision);
        if (!report)
            continue; // listed, manifest not here yet: no facts either, so never reached
        for (const Action &a : std::as_const(report.value().actions)) {
            for (const int i : indices) {
                if (rows.at(i).position != a.position)
                    continue;
                rows[i].title = a.values.value(titleField).toString().simplified();
                rows[i].date = QDate::fromString(a.values.value(dateField).toString(), Qt::ISODate);
            }
        }
    }
    return rows;
}

} // namespace

Result<QList<PanelActionRow>> panelActionRows(Database &database, const ReplicaService &replica,
                                              const ProgramDefinition &program,
                                              const QList<Municipality> &scope, const PanelFilter &filter,
                                              const QHash<QString, QString> &localStates, PanelListKind kind)
{
    if (Status valid = checkFilter(filter); !valid)
        return valid.error();
    const QSqlDatabase db = database.db();
    ReadSnapshot snapshot(db);
    const QList<Municipality> municipalities = narrowed(scope, filter);

    Result<QList<PanelActionRow>> rows = QList<PanelActionRow>{};
    if (kind == PanelListKind::Reports) {
        rows = reportRows(database, program, municipalities, filter, localStates);
    } else {
        // The revisions whose actions count, over the range and the active núcleos' three months.
        const Period activeFrom = addMonths(filter.to, -2);
        QStringList ibges;
        QHash<QString, Municipality> byIbge;
        for (const Municipality &m : municipalities) {
            ibges << m.ibge;
            byIbge.insert(m.ibge, m);
        }
        if (Status s = pickCountedRevisions(db, program.id(), ibges, filter.includeReceived, localStates,
                                            std::min(filter.from, activeFrom), filter.to);
            !s)
            return s.error();
        if (kind == PanelListKind::InactiveMunicipalities) {
            auto active = activeMunicipalities(db, filter, filter.to);
            if (!active)
                return active.error();
            QList<PanelActionRow> inactive;
            for (const Municipality &m : municipalities)
                if (!active.value().contains(m.ibge))
                    inactive << rowOf(m);
            rows = inactive;
        } else {
            PanelFilter window = filter;
            if (kind == PanelListKind::ActiveActions)
                window.from = activeFrom;
            rows = actionRows(db, replica, program, byIbge, window);
        }
    }
    if (!rows)
        return rows;
    // Months, then the municipalities' names in Portuguese order (ranked once), then positions.
    QCollator collator{QLocale(QLocale::Portuguese, QLocale::Brazil)};
    QList<Municipality> byName = municipalities;
    std::sort(byName.begin(), byName.end(),
              [&](const Municipality &a, const Municipality &b) { return collator.compare(a.name, b.name) < 0; });
    QHash<QString, int> rank;
    for (int i = 0; i < byName.size(); ++i)
        rank.insert(byName.at(i).ibge, i);
    QList<PanelActionRow> sorted = std::move(rows.value());
    std::stable_sort(sorted.begin(), sorted.end(), [&](const PanelActionRow &a, const PanelActionRow &b) {
        if (a.period != b.period)
            return a.period < b.period;
        if (a.municipality != b.municipality)
            return rank.value(a.municipality) < rank.value(b.municipality);
        return a.position < b.position;
    });
    return sorted;
}

struct PanelReader::Parts
{
    std::unique_ptr<Database> database;
    Notifier quiet; // nothing is written
    std::unique_ptr<BlobStore> blobs;
    std::unique_ptr<ReplicaService> replica;
    std::unique_ptr<ReviewOutbox> reviews;
};

PanelReader::PanelReader() : m_parts(std::make_unique<Parts>()) {}
PanelReader::~PanelReader() = default;

Result<std::unique_ptr<PanelReader>> PanelReader::open(const QString &dataDir, const Clock &clock)
{
    // A connection of this thread's own, closed when the reader goes; only reads
    // (the temp tables of the picked revisions aside), so no set-up of the profile.
    auto database = Database::open(dataDir);
    if (!database)
        return database.error();
    std::unique_ptr<PanelReader> reader(new PanelReader);
    Parts &p = *reader->m_parts;
    p.database = std::move(database.value());
    p.blobs = std::make_unique<BlobStore>(QDir(dataDir).filePath(QStringLiteral("blobs")));
    p.replica = std::make_unique<ReplicaService>(*p.database, p.quiet, *p.blobs, clock);
    p.reviews = std::make_unique<ReviewOutbox>(*p.database, p.quiet, clock, *p.replica);
    return reader;
}

Database &PanelReader::database() const
{
    return *m_parts->database;
}

const ReplicaService &PanelReader::replica() const
{
    return *m_parts->replica;
}

QHash<QString, QString> PanelReader::localStates() const
{
    return m_parts->reviews->localStates();
}

Result<QList<PanelActionRow>> panelActionRows(const QString &dataDir, const Clock &clock,
                                              const ProgramDefinition &program,
                                              const QList<Municipality> &scope, const PanelFilter &filter,
                                              PanelListKind kind)
{
    auto reader = PanelReader::open(dataDir, clock);
    if (!reader)
        return reader.error();
    const PanelReader &r = *reader.value();
    return panelActionRows(r.database(), r.replica(), program, scope, filter, r.localStates(), kind);
}

} // namespace mobiliza::core
