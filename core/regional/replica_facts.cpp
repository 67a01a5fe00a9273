#include "core/regional/replica_facts.h"

#include "core/program/program_definition.h"
#include "core/store/sql.h"

#include <QJsonArray>
#include <QJsonValue>

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

Status dropReplicaFacts(const QSqlDatabase &db, const QString &report, int revision)
{
    // replica_action_codes go with their action (ON DELETE CASCADE).
    auto gone = execSql(db, QStringLiteral("DELETE FROM replica_actions WHERE report = ? AND revision = ?"),
                        {report, revision});
    if (!gone)
        return gone.error();
    auto unmarked = execSql(
        db, QStringLiteral("UPDATE replica_revisions SET facts = 0 WHERE report = ? AND revision = ?"),
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
    const QString themes = program->fieldForRole(field_role::Themes);
    const QString format = program->fieldForRole(field_role::Format);
    const QString audience = program->fieldForRole(field_role::Audience);
    const QString people = program->fieldForRole(field_role::PeopleReached);
    for (const Action &a : decoded.actions) {
        const QStringList formats = format.isEmpty() ? QStringList{} : codesOf(a.values.value(format));
        auto put =
            execSql(db,
                    QStringLiteral("INSERT INTO replica_actions (report, revision, position, municipality, "
                                   "period, format, people) VALUES (?, ?, ?, ?, ?, ?, ?)"),
                    {decoded.uuid, revision, a.position, decoded.municipality, decoded.period.key(),
                     textArg(formats.value(0)), people.isEmpty() ? 0 : peopleOf(a.values.value(people))});
        if (!put)
            return put.error();
        const std::pair<QString, QString> kinds[] = {{QStringLiteral("theme"), themes},
                                                     {QStringLiteral("audience"), audience}};
        for (const auto &[kind, field] : kinds) {
            if (field.isEmpty())
                continue;
            const QStringList codes = codesOf(a.values.value(field));
            for (int i = 0; i < codes.size(); ++i) {
                auto code =
                    execSql(db,
                            QStringLiteral("INSERT INTO replica_action_codes (report, revision, position, "
                                           "kind, ord, code) VALUES (?, ?, ?, ?, ?, ?)"),
                            {decoded.uuid, revision, a.position, kind, i, codes.at(i)});
                if (!code)
                    return code.error();
            }
        }
    }
    auto marked = execSql(
        db, QStringLiteral("UPDATE replica_revisions SET facts = 1 WHERE report = ? AND revision = ?"),
        {decoded.uuid, revision});
    if (!marked)
        return marked.error();
    return {};
}

} // namespace mobiliza::core
