// Versioned, forward-only schema migrations.
//
// The schema version lives in `PRAGMA user_version`. Migration N is the SQL file
// `:/migrations/NNNN_name.sql`; it runs inside one transaction together with the
// bump of user_version to N, so a failing migration leaves the database exactly at
// N-1. Migrations are never edited once released and never run backwards: a new
// schema change is a new file appended to builtinMigrations().
#pragma once

#include "core/util/result.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace mobiliza::core {

struct Migration
{
    int version = 0; // 1, 2, … contiguous
    QString name;    // "initial", "audit_outbox"
    QString sql;     // one or more statements separated by ';'
};

// The migrations shipped with this build, in order (read from the Qt resources).
QList<Migration> builtinMigrations();

// The schema version this build writes (the last builtin migration).
int latestSchemaVersion();

// Splits a SQL script into single statements (QSQLITE runs one statement per
// exec). Understands '…' and "…" quoting, -- and /* */ comments, and
// CREATE TRIGGER … BEGIN … END bodies.
QStringList splitSqlStatements(const QString &script);

// Reads PRAGMA user_version; an Error when the file cannot be read as a database.
Result<int> readSchemaVersion(QSqlDatabase db);

// Runs migrations (version > current && version <= target) in order, each in its
// own transaction. target < 0 means "the last one in the list".
Status migrate(QSqlDatabase db, const QList<Migration> &migrations, int target = -1);

} // namespace mobiliza::core
