// The quali part of the apoio panel (issue 11): full-text search across the fields a program
// declares searchable ("panel.search": what was done, results, difficulties,
// encaminhamentos), accent- and case-insensitive (SQLite FTS5, unicode61 remove_diacritics 2:
// "reuniao" finds "Reunião"), ranked (bm25), with the panel's filters (periods, state, the
// review states counted), the words found marked in each passage; and the matching records
// as CSV/XLSX for qualitative analysis. Reads the copy's replica_text (schema 16), written
// with the revisions' facts (core/regional/replica_facts.h).
#pragma once

#include "core/panel/program_panel.h"
#include "core/util/result.h"

#include <QDate>
#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace mobiliza::core {

class BrazilReference;
class Clock;
class ProgramDefinition;
class ReplicaService;

// Around each word found in TextMatch::passage.
inline constexpr QChar kMatchStart = QChar(0x02);
inline constexpr QChar kMatchEnd = QChar(0x03);

struct TextSearchFilter
{
    ProgramPanelFilter panel; // periods, state (the action's), review states counted
    QString query;            // words, as a person types them
    int limit = 500;          // matches returned, best first
};

struct TextMatch
{
    QString report;
    int revision = 0;
    QString unit;     // the reporting unit (an apoiador's id)
    QString unitName; // its name at the hub, when known
    Period period;
    int position = 0;   // the action's (0-based): "Ação position + 1"
    QString field;      // the field's id
    int entry = -1;     // a list's entry (0-based); -1 for a text field
    QString passage;    // the words around the match, each word found between kMatchStart and kMatchEnd
    double rank = 0;    // bm25: lower is better
    QJsonObject values; // the action's values (for the export)
};

struct TextSearchResult
{
    QList<TextMatch> matches; // best first, at most filter.limit
    int total = 0;            // matches before the limit
    int actions = 0;          // distinct actions among all matches
};

// The words of `query` as an FTS5 expression: each a quoted prefix ("reun"*), all required;
// nothing FTS5 could read as an operator. Empty when the query has no word.
QString ftsExpression(const QString &query);

// Error "empty_query" when the query has no word.
Result<TextSearchResult> searchTexts(const QSqlDatabase &db, const ReplicaService &replica,
                                     const ProgramDefinition &program, const TextSearchFilter &filter,
                                     const QHash<QString, QString> &localStates = {});
// The same through a connection of the calling thread's own (a worker), the review decisions
// made here included.
Result<TextSearchResult> searchTextsIn(const QString &dataDir, const Clock &clock,
                                       const ProgramDefinition &program, const TextSearchFilter &filter);

// The matching records (each action once, in the order of its best match): who, when, the
// fields matched and the passages, then every field of the action as the report's CSV has it.
// By the file's suffix: .xlsx, otherwise CSV; atomic.
Status writeTextMatches(const TextSearchResult &result, const ProgramDefinition &program,
                        const QString &path);

} // namespace mobiliza::core
