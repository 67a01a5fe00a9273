#include "core/panel/text_search.h"

#include "core/outputs/output_format.h"
#include "core/outputs/report_document.h"
#include "core/outputs/table_export.h"
#include "core/program/program_definition.h"
#include "core/regional/region_partners.h"
#include "core/regional/replica_service.h"
#include "core/regional/review_outbox.h"
#include "core/services/blob_store.h"
#include "core/services/notifier.h"
#include "core/store/database.h"
#include "core/store/sql.h"

#include <QCoreApplication>
#include <QDir>
#include <QRegularExpression>
#include <QSet>

#include <map>
#include <optional>

namespace mobiliza::core {

QString ftsExpression(const QString &query)
{
    // Words as the index cuts them (letters and digits); each a quoted prefix, so nothing the
    // person types is read as an FTS5 operator (AND, NEAR, a column filter, a quote).
    static const QRegularExpression word(QStringLiteral("[\\p{L}\\p{N}]+"));
    QStringList terms;
    for (auto it = word.globalMatch(query); it.hasNext();)
        terms << QLatin1Char('"') + it.next().captured() + QStringLiteral("\"*");
    return terms.join(QLatin1Char(' '));
}

Result<TextSearchResult> searchTexts(const QSqlDatabase &db, const ReplicaService &replica,
                                     const ProgramDefinition &program, const TextSearchFilter &filter,
                                     const QHash<QString, QString> &localStates)
{
    const ProgramPanelFilter &f = filter.panel;
    if (!program.isPeriodOf(f.from) || !program.isPeriodOf(f.to) || f.to < f.from)
        return Error{QStringLiteral("invalid_filter"),
                     QCoreApplication::translate("ProgramPanel", "Choose a first and a last period of the "
                                                                 "program, the first not after the last.")};
    const QString expression = ftsExpression(filter.query);
    if (expression.isEmpty())
        return Error{QStringLiteral("empty_query"),
                     QCoreApplication::translate("TextSearch", "Type one or more words to search for.")};
    // The matches of the latest revision of each report of the program in the periods, best
    // first; the review states and the state (UF) of the action are checked below.
    auto q =
        runSql(db,
               QStringLiteral(
                   "SELECT t.report, t.revision, t.position, t.field, "
                   "snippet(replica_text, 0, char(2), char(3), '…', 24), bm25(replica_text), r.state, "
                   "r.municipality, "
                   "r.period FROM replica_text t CROSS JOIN replica_revisions r ON r.report = t.report AND "
                   "r.revision = "
                   "t.revision WHERE replica_text MATCH ? AND r.program = ? AND r.period BETWEEN ? AND ? AND "
                   "r.revision = (SELECT MAX(revision) FROM replica_revisions x WHERE x.report = r.report) "
                   "ORDER BY bm25(replica_text), t.report, t.position, t.field"),
               {expression, program.id(), f.from.key(), f.to.key()});
    if (!q)
        return q.error();
    const QStringList counted = panelStates(f.includeReceived);
    const QString ufField = program.fieldForRole(field_role::Uf);
    QHash<QString, std::optional<Report>> reports; // "report#revision" → decoded, once
    QHash<QString, QString> names;                 // unit → its name at the hub
    TextSearchResult result;
    QSet<QString> actions;
    while (q.value().next()) {
        TextMatch m;
        m.report = q.value().value(0).toString();
        m.revision = q.value().value(1).toInt();
        m.position = q.value().value(2).toInt();
        const QString field = q.value().value(3).toString();
        m.field = field.section(QLatin1Char('['), 0, 0);
        m.entry =
            field.contains(QLatin1Char('[')) ? field.section(QLatin1Char('['), 1).chopped(1).toInt() : -1;
        m.passage = q.value().value(4).toString();
        m.rank = q.value().value(5).toDouble();
        const QString key = m.report + QLatin1Char('#') + QString::number(m.revision);
        if (!counted.contains(localStates.value(key, q.value().value(6).toString())))
            continue;
        m.unit = q.value().value(7).toString();
        m.period = Period::fromKey(q.value().value(8).toString());
        auto cached = reports.find(key);
        if (cached == reports.end()) {
            auto decoded = replica.report(m.report, m.revision);
            cached = reports.insert(key, decoded ? std::optional<Report>(decoded.value()) : std::nullopt);
        }
        if (!cached->has_value())
            continue; // indexed from a manifest that no longer decodes: cannot happen short of damage
        const Action *action = nullptr;
        for (const Action &a : (*cached)->actions)
            if (a.position == m.position)
                action = &a;
        if (!action || (!f.uf.isEmpty() && action->values.value(ufField).toString() != f.uf))
            continue;
        m.values = action->values;
        ++result.total;
        actions.insert(key + QLatin1Char('#') + QString::number(m.position));
        if (result.matches.size() < filter.limit)
            result.matches << m;
    }
    result.actions = int(actions.size());
    if (!result.matches.isEmpty()) {
        auto named = replica.unitNames();
        if (named)
            names = named.value();
        for (TextMatch &m : result.matches)
            m.unitName = names.value(m.unit);
    }
    return result;
}

Result<TextSearchResult> searchTextsIn(const QString &dataDir, const Clock &clock,
                                       const ProgramDefinition &program, const TextSearchFilter &filter)
{
    auto database = Database::open(dataDir);
    if (!database)
        return database.error();
    Notifier quiet; // nothing is written here
    BlobStore blobs(QDir(dataDir).filePath(QStringLiteral("blobs")));
    ReplicaService replica(*database.value(), quiet, blobs, clock);
    ReviewOutbox reviews(*database.value(), quiet, clock, replica);
    return searchTexts(database.value()->db(), replica, program, filter, reviews.localStates());
}

Status writeTextMatches(const TextSearchResult &result, const ProgramDefinition &program, const QString &path)
{
    using outputs::Cell;
    const ProgramDefinition official = program.official();
    // Each action once, in the order of its best match, with every field and passage it matched.
    struct Record
    {
        const TextMatch *first = nullptr;
        QStringList fields, passages;
    };
    QList<Record> records;
    QHash<QString, qsizetype> index;
    for (const TextMatch &m : result.matches) {
        const QString key = m.report + QLatin1Char('#') + QString::number(m.revision) + QLatin1Char('#') +
                            QString::number(m.position);
        auto at = index.constFind(key);
        if (at == index.constEnd()) {
            at = index.insert(key, records.size());
            records << Record{&m, {}, {}};
        }
        Record &r = records[*at];
        const auto f = official.field(m.field);
        const QString label = f ? f->label : m.field;
        if (!r.fields.contains(label))
            r.fields << label;
        QString passage = m.passage;
        passage.replace(kMatchStart, QStringLiteral("[")).replace(kMatchEnd, QStringLiteral("]"));
        r.passages << QStringLiteral("%1: %2").arg(label, passage);
    }
    // The program's columns, as the report's CSV has them, after who, when and what matched.
    ReportDocumentInput in;
    in.program = official;
    outputs::Table table = outputs::fieldsTable(in); // the header, no row
    table.sheetName = QCoreApplication::translate("TextSearch", "Search");
    table.columns.insert(1, outputs::Column{QCoreApplication::translate("TextSearch", "Name"), 22, false});
    table.columns.insert(2,
                         outputs::Column{QCoreApplication::translate("TextSearch", "Found in"), 20, false});
    table.columns.insert(3, outputs::Column{QCoreApplication::translate("TextSearch", "Passages"), 60, true});
    for (const Record &r : std::as_const(records)) {
        in.report.municipality = r.first->unit;
        in.report.period = r.first->period;
        Action action;
        action.position = r.first->position;
        action.values = r.first->values;
        in.report.actions = {action};
        QList<Cell> row = outputs::fieldsTable(in).rows.value(0);
        row.insert(1, Cell::text_(r.first->unitName));
        row.insert(2, Cell::text_(r.fields.join(QStringLiteral("; "))));
        row.insert(3, Cell::text_(r.passages.join(QLatin1Char('\n'))));
        table.rows << row;
    }
    if (isXlsxPath(path))
        return outputs::writeTableXlsx(table, path);
    return outputs::writeFileAtomically(path, outputs::tableCsv(table));
}

} // namespace mobiliza::core
