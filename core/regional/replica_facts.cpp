#include "core/regional/replica_facts.h"

#include "core/program/program_definition.h"
#include "core/store/sql.h"

#include <QJsonArray>
#include <QJsonValue>

#include <algorithm>

namespace mobiliza::core {

namespace {

QStringList codesOf(const QJsonValue &value)
{
    QStringList codes;
    if (value.isArray()) {
        for (const QJsonValue &v : value.toArray())
            if (v.isString() && !v.toString().isEmpty())
                codes << v.toString();
    } else if (value.isString() && !value.toString().isEmpty()) {
        codes << value.toString();
    }
    codes.removeDuplicates();
    return codes;
}

qint64 peopleOf(const QJsonValue &value)
{
    // The validated manifest holds an integer ≥ 0; anything else counts nothing.
    if (!value.isDouble())
        return 0;
    const double d = value.toDouble();
    return d > 0 && d < 1e12 ? qint64(d) : 0;
}

} // namespace

QList<SearchText> searchTextsOf(const ProgramDefinition &program, const QJsonObject &values)
{
    QList<SearchText> out;
    for (const QString &id : program.panel().search) {
        const auto field = program.field(id);
        if (!field)
            continue;
        const QJsonValue v = values.value(id);
        if (field->isList()) {
            // One passage per entry: its text fields, as the report reads them ("— " between).
            const QJsonArray entries = v.toArray();
            for (qsizetype i = 0; i < entries.size(); ++i) {
                QStringList parts;
                for (const FieldDefinition &item : field->itemFields)
                    if (item.isTextual())
                        if (const QString t = entries.at(i).toObject().value(item.id).toString().trimmed();
                            !t.isEmpty())
                            parts << t;
                if (!parts.isEmpty())
                    out << SearchText{id, int(i), parts.join(QStringLiteral(" — "))};
            }
        } else if (const QString t = v.toString().trimmed(); v.isString() && !t.isEmpty()) {
            out << SearchText{id, -1, t};
        }
    }
    // The search marks the words it found with STX/ETX (text_search.h): never in the text itself.
    for (SearchText &t : out)
        t.text.remove(QChar(0x02)).remove(QChar(0x03));
    return out;
}

QByteArray packActions(const QList<PackedAction> &actions)
{
    QByteArray packed;
    for (const PackedAction &a : actions) {
        if (!packed.isEmpty())
            packed += kPackedActionSep;
        packed += QByteArray::number(a.people) + kPackedFieldSep + a.format.toUtf8() + kPackedFieldSep +
                  a.themes.join(QLatin1Char(kPackedCodeSep)).toUtf8() + kPackedFieldSep +
                  a.audiences.join(QLatin1Char(kPackedCodeSep)).toUtf8();
    }
    return packed;
}

PackedAction packedActionOf(const ProgramDefinition &program, const QJsonObject &values)
{
    const auto codes = [&](const QString &role) {
        const QString field = program.fieldForRole(role);
        return field.isEmpty() ? QStringList{} : codesOf(values.value(field));
    };
    const QString people = program.fieldForRole(field_role::PeopleReached);
    return PackedAction{people.isEmpty() ? 0 : peopleOf(values.value(people)),
                        codes(field_role::Format).value(0), codes(field_role::Themes),
                        codes(field_role::Audience)};
}

QByteArrayView PackedActionView::firstTheme() const
{
    const qsizetype at = themes.indexOf(kPackedCodeSep);
    return at < 0 ? themes : themes.first(at);
}

bool PackedActionView::hasTheme(QByteArrayView code) const
{
    bool found = false;
    forEachCode(themes, [&](QByteArrayView c) { found = found || c == code; });
    return found;
}

Status dropReplicaFacts(const QSqlDatabase &db, const QString &report, int revision)
{
    // replica_action_codes go with their action (ON DELETE CASCADE), the packed
    // actions with any of them (trigger replica_actions_unpack).
    auto gone = execSql(db, QStringLiteral("DELETE FROM replica_actions WHERE report = ? AND revision = ?"),
                        {report, revision});
    if (!gone)
        return gone.error();
    // An FTS5 table has no index on its UNINDEXED columns: the words of a revision are found by
    // a scan, of only the programs that search (an SES-MG copy keeps the table empty).
    auto words = execSql(db, QStringLiteral("DELETE FROM replica_text WHERE report = ? AND revision = ?"),
                         {report, revision});
    if (!words)
        return words.error();
    auto unmarked = execSql(
        db,
        QStringLiteral(
            "UPDATE replica_revisions SET facts = 0, text_indexed = 0 WHERE report = ? AND revision = ?"),
        {report, revision});
    if (!unmarked)
        return unmarked.error();
    return {};
}

Status writeReplicaFacts(const QSqlDatabase &db, const Report &decoded, int revision,
                         const ProgramDefinition *program)
{
    if (Status dropped = dropReplicaFacts(db, decoded.uuid, revision); !dropped)
        return dropped;
    if (!program)
        return {};
    QList<std::pair<int, PackedAction>> packed; // by position
    for (const Action &a : decoded.actions) {
        const PackedAction &p = packed.emplace_back(a.position, packedActionOf(*program, a.values)).second;
        auto put =
            execSql(db,
                    QStringLiteral("INSERT INTO replica_actions (report, revision, position, municipality, "
                                   "period, format, people) VALUES (?, ?, ?, ?, ?, ?, ?)"),
                    {decoded.uuid, revision, a.position, decoded.municipality, decoded.period.key(),
                     textArg(p.format), p.people});
        if (!put)
            return put.error();
        const std::pair<QString, const QStringList *> kinds[] = {{QStringLiteral("theme"), &p.themes},
                                                                 {QStringLiteral("audience"), &p.audiences}};
        for (const auto &[kind, codes] : kinds) {
            for (int i = 0; i < codes->size(); ++i) {
                auto code =
                    execSql(db,
                            QStringLiteral("INSERT INTO replica_action_codes (report, revision, position, "
                                           "kind, ord, code) VALUES (?, ?, ?, ?, ?, ?)"),
                            {decoded.uuid, revision, a.position, kind, i, codes->at(i)});
                if (!code)
                    return code.error();
            }
        }
    }
    // The same actions in one row (schema 12), in position order as the panel reads them.
    std::sort(packed.begin(), packed.end(), [](const auto &x, const auto &y) { return x.first < y.first; });
    QList<PackedAction> inOrder;
    for (const auto &[position, action] : std::as_const(packed))
        inOrder << action;
    if (!inOrder.isEmpty()) {
        auto put = execSql(
            db,
            QStringLiteral("INSERT INTO replica_packed_actions (report, revision, packed) VALUES (?, ?, ?)"),
            {decoded.uuid, revision, packActions(inOrder)});
        if (!put)
            return put.error();
    }
    // The words of the fields the program searches (schema 16).
    for (const Action &a : decoded.actions)
        for (const SearchText &t : searchTextsOf(*program, a.values)) {
            auto put =
                execSql(db,
                        QStringLiteral("INSERT INTO replica_text (body, report, revision, position, field) "
                                       "VALUES (?, ?, ?, ?, ?)"),
                        {t.text, decoded.uuid, revision, a.position,
                         t.entry < 0 ? t.field : QStringLiteral("%1[%2]").arg(t.field).arg(t.entry)});
            if (!put)
                return put.error();
        }
    auto marked = execSql(
        db,
        QStringLiteral(
            "UPDATE replica_revisions SET facts = 1, text_indexed = 1 WHERE report = ? AND revision = ?"),
        {decoded.uuid, revision});
    if (!marked)
        return marked.error();
    return {};
}

} // namespace mobiliza::core
