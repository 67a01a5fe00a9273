#include "core/store/migrations.h"

#include "core/store/sql.h"
#include "core/store/transaction.h"

#include <QCoreApplication>
#include <QFile>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSqlQuery>

namespace mobiliza::core {

Q_LOGGING_CATEGORY(lcMigrations, "mobiliza.store.migrations")

namespace {

// The schema history. Append only: never edit, reorder or remove an entry.
struct MigrationFile
{
    int version;
    const char *name;
    const char *resource;
};
constexpr MigrationFile kMigrationFiles[] = {
    {1, "initial", ":/migrations/0001_initial.sql"},
    {2, "audit_outbox", ":/migrations/0002_audit_outbox.sql"},
    {3, "regional_desk", ":/migrations/0003_regional_desk.sql"},
    {4, "review_notes", ":/migrations/0004_review_notes.sql"},
    {5, "regional_outbox", ":/migrations/0005_regional_outbox.sql"},
    {6, "report_history", ":/migrations/0006_report_history.sql"},
    {7, "region_partners", ":/migrations/0007_region_partners.sql"},
    {8, "panel_facts", ":/migrations/0008_panel_facts.sql"},
    {9, "central_decisions", ":/migrations/0009_central_decisions.sql"},
    {10, "panel_indexes", ":/migrations/0010_panel_indexes.sql"},
    {11, "review_seen", ":/migrations/0011_review_seen.sql"},
    {12, "panel_packed", ":/migrations/0012_panel_packed.sql"},
    {13, "period_kinds", ":/migrations/0013_period_kinds.sql"},
    {14, "unit_names", ":/migrations/0014_unit_names.sql"},
    {15, "unit_roster", ":/migrations/0015_unit_roster.sql"},
    {16, "replica_text", ":/migrations/0016_replica_text.sql"},
};

Error migrationError(int version, const QString &name, const QString &detail)
{
    return Error{QStringLiteral("migration_failed"),
                 QCoreApplication::translate(
                     "Database",
                     "The data could not be updated to the format of this version of Mobiliza (step "
                     "%1, \"%2\": %3). Nothing was changed: the data is as it was before. Report this "
                     "message to the support team.")
                     .arg(version)
                     .arg(name, detail)};
}

} // namespace

QList<Migration> builtinMigrations()
{
    QList<Migration> list;
    for (const auto &file : kMigrationFiles) {
        QFile f(QString::fromLatin1(file.resource));
        Migration m{file.version, QString::fromLatin1(file.name), {}};
        if (f.open(QIODevice::ReadOnly))
            m.sql = QString::fromUtf8(f.readAll());
        else
            qCCritical(lcMigrations) << "missing migration resource" << file.resource;
        list << m;
    }
    return list;
}

int latestSchemaVersion()
{
    return std::end(kMigrationFiles)[-1].version;
}

QStringList splitSqlStatements(const QString &script)
{
    QStringList statements;
    QString current;
    int depth = 0; // BEGIN … END nesting inside CREATE TRIGGER
    const qsizetype n = script.size();
    qsizetype i = 0;

    auto flushWord = [&](const QString &word) {
        const QString w = word.toUpper();
        static const QRegularExpression triggerStart(
            QStringLiteral("^\\s*CREATE\\s+(TEMP\\s+|TEMPORARY\\s+)?TRIGGER\\b"),
            QRegularExpression::CaseInsensitiveOption);
        if (w == QLatin1String("BEGIN") && triggerStart.match(current).hasMatch())
            ++depth;
        else if (w == QLatin1String("CASE") && depth > 0)
            ++depth;
        else if (w == QLatin1String("END") && depth > 0)
            --depth;
    };

    QString word;
    while (i < n) {
        const QChar c = script.at(i);
        const QChar next = i + 1 < n ? script.at(i + 1) : QChar();
        if (c.isLetterOrNumber() || c == QLatin1Char('_')) {
            word += c;
            current += c;
            ++i;
            continue;
        }
        if (!word.isEmpty()) {
            flushWord(word);
            word.clear();
        }
        if (c == QLatin1Char('-') && next == QLatin1Char('-')) { // line comment
            while (i < n && script.at(i) != QLatin1Char('\n'))
                ++i;
            current += QLatin1Char(' ');
            continue;
        }
        if (c == QLatin1Char('/') && next == QLatin1Char('*')) { // block comment
            i += 2;
            while (i + 1 < n && !(script.at(i) == QLatin1Char('*') && script.at(i + 1) == QLatin1Char('/')))
                ++i;
            i += 2;
            current += QLatin1Char(' ');
            continue;
        }
        if (c == QLatin1Char('\'') || c == QLatin1Char('"') || c == QLatin1Char('`') ||
            c == QLatin1Char('[')) {
            const QChar close = c == QLatin1Char('[') ? QLatin1Char(']') : c;
            current += c;
            ++i;
            while (i < n) {
                current += script.at(i);
                if (script.at(i) == close) {
                    if (i + 1 < n && script.at(i + 1) == close && close != QLatin1Char(']')) {
                        current += script.at(i + 1); // doubled quote
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                ++i;
            }
            continue;
        }
        if (c == QLatin1Char(';') && depth == 0) {
            const QString statement = current.trimmed();
            if (!statement.isEmpty())
                statements << statement;
            current.clear();
            ++i;
            continue;
        }
        current += c;
        ++i;
    }
    if (!word.isEmpty())
        flushWord(word);
    const QString rest = current.trimmed();
    if (!rest.isEmpty())
        statements << rest;
    return statements;
}

Result<int> readSchemaVersion(QSqlDatabase db)
{
    auto version = scalarSql(db, QStringLiteral("PRAGMA user_version"));
    if (!version)
        return version.error();
    return version.value().toInt();
}

Status migrate(QSqlDatabase db, const QList<Migration> &migrations, int target)
{
    if (migrations.isEmpty())
        return {};
    if (target < 0)
        target = migrations.constLast().version;

    auto current = readSchemaVersion(db);
    if (!current)
        return current.error();
    if (current.value() >= target)
        return {};

    // SQLite's procedure for schema changes: foreign keys off outside the
    // transaction (a table rebuild must not cascade), foreign_key_check inside it
    // before the commit, then foreign keys back to what they were.
    auto fkWas = scalarSql(db, QStringLiteral("PRAGMA foreign_keys"));
    if (!fkWas)
        return fkWas.error();
    if (auto off = execSql(db, QStringLiteral("PRAGMA foreign_keys=OFF")); !off)
        return off.error();
    auto restoreFk = qScopeGuard([&] {
        if (fkWas.value().toInt() != 0)
            execSql(db, QStringLiteral("PRAGMA foreign_keys=ON"));
    });

    int expected = current.value() + 1;
    for (const Migration &m : migrations) {
        if (m.version <= current.value())
            continue;
        if (m.version > target)
            break;
        if (m.version != expected)
            return migrationError(m.version, m.name, QStringLiteral("expected version %1").arg(expected));
        const Status step = inTransaction(db, [&]() -> Status {
            for (const QString &statement : splitSqlStatements(m.sql)) {
                QSqlQuery query(db);
                if (!query.exec(statement))
                    return migrationError(m.version, m.name, query.lastError().text());
            }
            QSqlQuery check(db);
            if (!check.exec(QStringLiteral("PRAGMA foreign_key_check")))
                return migrationError(m.version, m.name, check.lastError().text());
            if (check.next())
                return migrationError(
                    m.version, m.name,
                    QStringLiteral("foreign key violation in table %1").arg(check.value(0).toString()));
            check.finish();
            QSqlQuery bump(db);
            if (!bump.exec(QStringLiteral("PRAGMA user_version=%1").arg(m.version)))
                return migrationError(m.version, m.name, bump.lastError().text());
            return {};
        });
        if (!step) {
            qCWarning(lcMigrations) << "migration" << m.version << "failed:" << step.error().message;
            return step;
        }
        qCDebug(lcMigrations) << "schema migrated to version" << m.version << m.name;
        ++expected;
    }
    return {};
}

} // namespace mobiliza::core
