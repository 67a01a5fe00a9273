// The store: connection settings, opening refusals, migrations from every
// earlier schema version, transactions.
#include "core/store/database.h"
#include "core/store/migrations.h"
#include "core/store/transaction.h"
#include "tests/core/store/store_test_util.h"

#include <QDir>
#include <QFileInfo>

using namespace mobiliza;
using namespace mobiliza::core;
using mobiliza::test::count;
using mobiliza::test::exec;
using mobiliza::test::fileBytes;
using mobiliza::test::RawConnection;
using mobiliza::test::scalar;
using mobiliza::test::TempDir;

namespace {

std::unique_ptr<Database> openOrFail(const QString &dir, const Database::Options &options = {})
{
    auto db = Database::open(dir, options);
    INFO((db.ok() ? QString() : db.error().message).toStdString());
    REQUIRE(db.ok());
    return std::move(db.value());
}

// Representative rows for each table that exists at `version`.
void fillAtVersion(const QSqlDatabase &db, int version)
{
    const QString t = QStringLiteral("2024-05-02T10:00:00.000Z");
    if (version >= 1) {
        exec(db, QStringLiteral("INSERT INTO settings (key, value) VALUES ('municipality', '3106200'), "
                                "('installation_id', 'inst-1')"));
        exec(db,
             QStringLiteral(
                 "INSERT INTO reports (uuid, program_id, municipality, period, state, revision, "
                 "no_actions, justification, review_comment, created_at, updated_at) VALUES "
                 "('r1', 'ses_mg', '3106200', '2024-05', 'returned', 1, 0, '', 'Faltou foto', ?, ?)"),
             {t, t});
        exec(db,
             QStringLiteral("INSERT INTO actions (uuid, report_uuid, position, values_json, created_at, "
                            "updated_at) VALUES ('a1', 'r1', 0, '{\"title\":\"Blitz dengue\"}', ?, ?), "
                            "('a2', 'r1', 1, '{\"title\":\"Roda de conversa\"}', ?, ?)"),
             {t, t, t, t});
        exec(db,
             QStringLiteral("INSERT INTO partners (uuid, kind, name, stage, created_at, updated_at) "
                            "VALUES ('p1', 'organization', 'Escola Estadual Central', 'active', ?, ?)"),
             {t, t});
        exec(db,
             QStringLiteral("INSERT INTO partner_stage_history (partner_uuid, stage, date, recorded_at) "
                            "VALUES ('p1', 'active', '2024-05-02', ?)"),
             {t});
        exec(db,
             QStringLiteral("INSERT INTO action_partners (action_uuid, partner_uuid) VALUES ('a1', 'p1')"));
        exec(db,
             QStringLiteral(
                 "INSERT INTO photos (uuid, action_uuid, sha256, position, caption, author, "
                 "created_at, updated_at) VALUES ('f1', 'a1', ?, 0, 'Equipe na praça', 'Ana', ?, ?)"),
             {QString(64, QLatin1Char('a')), t, t});
        exec(db,
             QStringLiteral(
                 "INSERT INTO report_revisions (uuid, report_uuid, revision, snapshot_json, sha256, "
                 "created_at) VALUES ('v1', 'r1', 1, '{}', ?, ?)"),
             {QString(64, QLatin1Char('b')), t});
    }
    if (version >= 2) {
        exec(db,
             QStringLiteral(
                 "INSERT INTO audit_log (at, installation_id, user_name, entity, entity_uuid, "
                 "action, detail_json) VALUES (?, 'inst-1', 'Ana', 'report', 'r1', 'conclude', '{}')"),
             {t});
        exec(db,
             QStringLiteral(
                 "INSERT INTO outbox (uuid, revision_uuid, state, attempts, created_at, updated_at) "
                 "VALUES ('o1', 'v1', 'received', 1, ?, ?)"),
             {t, t});
    }
}

void checkDataFrom(const QSqlDatabase &db, int version)
{
    if (version >= 1) {
        CHECK(
            scalar(db, QStringLiteral("SELECT value FROM settings WHERE key = 'municipality'")).toString() ==
            QStringLiteral("3106200"));
        CHECK(scalar(db, QStringLiteral("SELECT review_comment FROM reports WHERE uuid = 'r1'")).toString() ==
              QStringLiteral("Faltou foto"));
        CHECK(count(db, QStringLiteral("SELECT count(*) FROM actions WHERE report_uuid = 'r1'")) == 2);
        CHECK(scalar(db, QStringLiteral("SELECT values_json FROM actions WHERE uuid = 'a2'")).toString() ==
              QStringLiteral("{\"title\":\"Roda de conversa\"}"));
        CHECK(count(db, QStringLiteral("SELECT count(*) FROM action_partners")) == 1);
        CHECK(count(db, QStringLiteral("SELECT count(*) FROM partner_stage_history")) == 1);
        CHECK(scalar(db, QStringLiteral("SELECT caption FROM photos WHERE uuid = 'f1'")).toString() ==
              QStringLiteral("Equipe na praça"));
        CHECK(count(db, QStringLiteral("SELECT count(*) FROM report_revisions")) == 1);
    } else {
        CHECK(count(db, QStringLiteral("SELECT count(*) FROM reports")) == 0);
    }
    if (version >= 2) {
        CHECK(count(db, QStringLiteral("SELECT count(*) FROM audit_log WHERE installation_id = 'inst-1'")) ==
              1);
        CHECK(scalar(db, QStringLiteral("SELECT state FROM outbox WHERE uuid = 'o1'")).toString() ==
              QStringLiteral("received"));
    }
}

QStringList schemaOf(const QSqlDatabase &db)
{
    QStringList lines;
    auto q =
        runSql(db, QStringLiteral("SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name"));
    REQUIRE(q.ok());
    while (q.value().next())
        lines << q.value().value(0).toString() + QLatin1Char('|') + q.value().value(1).toString() +
                     QLatin1Char('|') + q.value().value(2).toString() + QLatin1Char('|') +
                     q.value().value(3).toString().simplified();
    return lines;
}

} // namespace

TEST_CASE("store: connection settings are in effect on the connection", "[store]")
{
    TempDir dir;
    auto db = openOrFail(dir.path());
    const QSqlDatabase c = db->db();
    CHECK(scalar(c, QStringLiteral("PRAGMA journal_mode")).toString() == QStringLiteral("wal"));
    CHECK(scalar(c, QStringLiteral("PRAGMA foreign_keys")).toInt() == 1);
    CHECK(scalar(c, QStringLiteral("PRAGMA busy_timeout")).toInt() == Database::kBusyTimeoutMs);
    CHECK(scalar(c, QStringLiteral("PRAGMA synchronous")).toInt() == 2); // FULL
    CHECK(scalar(c, QStringLiteral("PRAGMA secure_delete")).toInt() == 1);
    CHECK(db->schemaVersion() == latestSchemaVersion());
    CHECK(QFileInfo(db->filePath()).absoluteFilePath() ==
          QFileInfo(QDir(dir.path()).filePath(QStringLiteral("mobiliza.sqlite"))).absoluteFilePath());
    CHECK(db->integrityCheck().ok());

    // Foreign keys are enforced: an action of a missing report is refused.
    auto orphan = execSql(c, QStringLiteral("INSERT INTO actions (uuid, report_uuid, position, created_at, "
                                            "updated_at) VALUES ('x', 'missing', 0, 't', 't')"));
    CHECK_FALSE(orphan.ok());
    CHECK(orphan.error().code == QStringLiteral("database"));
}

TEST_CASE("store: two instances on one folder have their own connections", "[store]")
{
    TempDir dir;
    auto first = openOrFail(dir.path());
    auto second = openOrFail(dir.path());
    REQUIRE(first->connectionName() != second->connectionName());
    exec(first->db(), QStringLiteral("INSERT INTO settings (key, value) VALUES ('k', 'from first')"));
    CHECK(scalar(second->db(), QStringLiteral("SELECT value FROM settings WHERE key = 'k'")).toString() ==
          QStringLiteral("from first"));
    CHECK(scalar(second->db(), QStringLiteral("PRAGMA foreign_keys")).toInt() == 1);
    first.reset(); // closing one leaves the other usable
    CHECK(count(second->db(), QStringLiteral("SELECT count(*) FROM settings")) == 1);
}

TEST_CASE("store: migrating a database of every earlier version keeps its data", "[store][migrations]")
{
    const int latest = latestSchemaVersion();
    REQUIRE(latest >= 2);

    TempDir freshDir;
    QStringList freshSchema;
    {
        auto fresh = openOrFail(freshDir.path());
        freshSchema = schemaOf(fresh->db());
    }

    for (int version = 0; version < latest; ++version) {
        INFO("starting from schema version " << version);
        TempDir dir;
        {
            auto db = openOrFail(dir.path(), Database::Options{.targetVersion = version});
            REQUIRE(db->schemaVersion() == version);
            fillAtVersion(db->db(), version);
        }
        auto db = openOrFail(dir.path());
        CHECK(db->schemaVersion() == latest);
        checkDataFrom(db->db(), version);
        CHECK(db->integrityCheck().ok());
        CHECK(count(db->db(), QStringLiteral("SELECT count(*) FROM pragma_foreign_key_check")) == 0);
        CHECK(scalar(db->db(), QStringLiteral("PRAGMA foreign_keys")).toInt() == 1);
        CHECK(schemaOf(db->db()) == freshSchema);
        // A database that had data was backed up before the migration.
        const QString backup =
            QDir(dir.path()).filePath(QStringLiteral("backups/mobiliza-schema-v%1.sqlite").arg(version));
        CHECK(QFileInfo::exists(backup) == (version > 0));
        if (version > 0) {
            RawConnection raw(backup);
            CHECK(count(raw.db(), QStringLiteral("PRAGMA user_version")) == version);
            CHECK(count(raw.db(), QStringLiteral("SELECT count(*) FROM actions")) == 2);
        }
    }
}

TEST_CASE("store: a report period is a month or a quadrimestre, nothing else", "[store][migrations]")
{
    TempDir dir;
    {
        auto db = openOrFail(dir.path(), Database::Options{.targetVersion = 12});
        fillAtVersion(db->db(), 12);
    }
    auto db = openOrFail(dir.path());
    const QString t = QStringLiteral("2026-05-02T10:00:00.000Z");
    auto insert = [&](const QString &uuid, const QString &period) {
        QSqlQuery q(db->db());
        q.prepare(
            QStringLiteral("INSERT INTO reports (uuid, program_id, municipality, period, state, created_at, "
                           "updated_at) VALUES (?, 'apoio_cosems', 'apoiador-1', ?, 'draft', ?, ?)"));
        for (const auto &v : {uuid, period, t, t})
            q.addBindValue(v);
        return q.exec();
    };
    CHECK(insert(QStringLiteral("q1"), QStringLiteral("2026-Q1")));
    CHECK(insert(QStringLiteral("q3"), QStringLiteral("2026-Q3")));
    CHECK(insert(QStringLiteral("m"), QStringLiteral("2026-06")));
    CHECK_FALSE(insert(QStringLiteral("q4"), QStringLiteral("2026-Q4")));
    CHECK_FALSE(insert(QStringLiteral("x"), QStringLiteral("2026-6")));
    // The rebuilt table kept the month's report and its actions (nothing cascaded).
    CHECK(count(db->db(), QStringLiteral("SELECT count(*) FROM reports WHERE uuid = 'r1'")) == 1);
    CHECK(count(db->db(), QStringLiteral("SELECT count(*) FROM actions WHERE report_uuid = 'r1'")) == 2);
}

TEST_CASE("store: the services read a migrated database", "[store][migrations]")
{
    TempDir dir;
    {
        auto db = openOrFail(dir.path(), Database::Options{.targetVersion = 1});
        fillAtVersion(db->db(), 1);
    }
    FixedClock clock(mobiliza::test::fixedNow());
    auto services = Services::open(dir.path(), clock);
    REQUIRE(services.ok());
    auto report = services.value()->reports().report(QStringLiteral("r1"));
    REQUIRE(report.ok());
    CHECK(report->state == ReportState::Returned);
    REQUIRE(report->actions.size() == 2);
    CHECK(report->actions[0].values.value(QStringLiteral("title")).toString() ==
          QStringLiteral("Blitz dengue"));
    CHECK(report->actions[0].partnerUuids == QStringList{QStringLiteral("p1")});
    REQUIRE(report->actions[0].photos.size() == 1);
    CHECK(report->actions[0].photos[0].author == QStringLiteral("Ana"));
    CHECK(services.value()->profile().installationId() == QStringLiteral("inst-1"));
}

TEST_CASE("store: a database from a newer version is refused and left untouched", "[store]")
{
    TempDir dir;
    QString path;
    {
        auto db = openOrFail(dir.path());
        path = db->filePath();
        exec(db->db(),
             QStringLiteral("INSERT INTO settings (key, value) VALUES ('municipality', '3106200')"));
        exec(db->db(), QStringLiteral("PRAGMA user_version = %1").arg(latestSchemaVersion() + 5));
    }
    const QByteArray before = fileBytes(path);
    REQUIRE_FALSE(before.isEmpty());

    auto refused = Database::open(dir.path());
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == QStringLiteral("newer_schema"));
    CHECK(refused.error().message.contains(QString::number(latestSchemaVersion() + 5)));
    CHECK(fileBytes(path) == before);
    CHECK_FALSE(QFileInfo::exists(path + QStringLiteral("-wal")));

    FixedClock clock(mobiliza::test::fixedNow());
    CHECK_FALSE(Services::open(dir.path(), clock).ok());
    CHECK(fileBytes(path) == before);
}

TEST_CASE("store: a file that is not a database is refused and left untouched", "[store]")
{
    TempDir dir;
    const QString path = dir.filePath(QStringLiteral("mobiliza.sqlite"));
    QByteArray junk;
    for (int i = 0; i < 200; ++i)
        junk += "Relatorio de acoes de mobilizacao social - nao e um banco de dados.\n";
    {
        QFile f(path);
        REQUIRE(f.open(QIODevice::WriteOnly));
        f.write(junk);
    }
    auto refused = Database::open(dir.path());
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == QStringLiteral("not_a_database"));
    CHECK(fileBytes(path) == junk);

    // Another program's SQLite file (tables but no Mobiliza schema) is refused too.
    TempDir other;
    const QString otherPath = other.filePath(QStringLiteral("mobiliza.sqlite"));
    {
        RawConnection raw(otherPath);
        exec(raw.db(), QStringLiteral("CREATE TABLE contacts (name TEXT)"));
    }
    const QByteArray otherBefore = fileBytes(otherPath);
    auto foreign = Database::open(other.path());
    REQUIRE_FALSE(foreign.ok());
    CHECK(foreign.error().code == QStringLiteral("not_a_database"));
    CHECK(fileBytes(otherPath) == otherBefore);
}

TEST_CASE("store: a folder that cannot be written is a clear error", "[store]")
{
    TempDir dir;
    const QString blocker = dir.filePath(QStringLiteral("a-file"));
    {
        QFile f(blocker);
        REQUIRE(f.open(QIODevice::WriteOnly));
        f.write("x");
    }
    // A path below a regular file can never be created (even for root).
    auto refused = Database::open(blocker + QStringLiteral("/profile"));
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == QStringLiteral("not_writable"));
    CHECK(refused.error().message.contains(QStringLiteral("profile")));
}

TEST_CASE("store: a failing migration rolls back and leaves the version unchanged", "[store][migrations]")
{
    TempDir dir;
    {
        auto db = openOrFail(dir.path());
        fillAtVersion(db->db(), latestSchemaVersion());
    }
    const int latest = latestSchemaVersion();

    SECTION("a statement fails")
    {
        auto migrations = builtinMigrations();
        migrations << Migration{latest + 1, QStringLiteral("broken"),
                                QStringLiteral("CREATE TABLE extra (x INTEGER);\n"
                                               "UPDATE reports SET review_comment = 'changed';\n"
                                               "INSERT INTO no_such_table VALUES (1);")};
        auto failed = Database::open(dir.path(), Database::Options{.migrations = migrations});
        REQUIRE_FALSE(failed.ok());
        CHECK(failed.error().code == QStringLiteral("migration_failed"));
        CHECK(failed.error().message.contains(QStringLiteral("broken")));
    }
    SECTION("the migration breaks a foreign key")
    {
        auto migrations = builtinMigrations();
        migrations << Migration{latest + 1, QStringLiteral("orphan"),
                                QStringLiteral("CREATE TABLE extra (x INTEGER);\n"
                                               "UPDATE reports SET review_comment = 'changed';\n"
                                               "DELETE FROM reports WHERE uuid = 'r1';")};
        auto failed = Database::open(dir.path(), Database::Options{.migrations = migrations});
        REQUIRE_FALSE(failed.ok());
        CHECK(failed.error().code == QStringLiteral("migration_failed"));
    }

    auto db = openOrFail(dir.path());
    CHECK(db->schemaVersion() == latest);
    CHECK(count(db->db(), QStringLiteral("SELECT count(*) FROM sqlite_schema WHERE name = 'extra'")) == 0);
    CHECK(
        scalar(db->db(), QStringLiteral("SELECT review_comment FROM reports WHERE uuid = 'r1'")).toString() ==
        QStringLiteral("Faltou foto"));
    CHECK(count(db->db(), QStringLiteral("SELECT count(*) FROM actions")) == 2);
    CHECK(db->integrityCheck().ok());
}

TEST_CASE("store: SQL scripts are split into statements", "[store][migrations]")
{
    const QString script = QStringLiteral(
        "-- a comment; with a semicolon\n"
        "CREATE TABLE t (a TEXT DEFAULT 'x;y', \"b;c\" INTEGER); /* block; comment */\n"
        "CREATE TRIGGER t_ai AFTER INSERT ON t BEGIN\n"
        "  UPDATE t SET a = CASE WHEN new.a = '' THEN 'empty' ELSE new.a END WHERE rowid = new.rowid;\n"
        "  SELECT 1;\n"
        "END;\n"
        "INSERT INTO t (a) VALUES ('it''s; fine')\n");
    const QStringList statements = splitSqlStatements(script);
    REQUIRE(statements.size() == 3);
    CHECK(statements[0].startsWith(QStringLiteral("CREATE TABLE t")));
    CHECK(statements[0].contains(QStringLiteral("'x;y'")));
    CHECK(statements[1].startsWith(QStringLiteral("CREATE TRIGGER")));
    CHECK(statements[1].endsWith(QStringLiteral("END")));
    CHECK(statements[2] == QStringLiteral("INSERT INTO t (a) VALUES ('it''s; fine')"));

    // Every builtin migration splits into statements that all run.
    for (const Migration &m : builtinMigrations()) {
        INFO(m.name.toStdString());
        CHECK_FALSE(m.sql.isEmpty());
        // At least one statement each (schema 11 is a single ALTER TABLE), none lost to a comment.
        const QStringList statements = splitSqlStatements(m.sql);
        CHECK_FALSE(statements.isEmpty());
        for (const QString &statement : statements)
            CHECK_FALSE(statement.trimmed().startsWith(QStringLiteral("--")));
    }
}

TEST_CASE("store: transactions commit or roll back as a whole", "[store]")
{
    TempDir dir;
    auto db = openOrFail(dir.path());
    const QSqlDatabase c = db->db();

    {
        Transaction tx(c);
        REQUIRE(tx.isActive());
        exec(c, QStringLiteral("INSERT INTO settings (key, value) VALUES ('a', '1')"));
        // destroyed without commit
    }
    CHECK(count(c, QStringLiteral("SELECT count(*) FROM settings")) == 0);

    Status failed = inTransaction(c, [&]() -> Status {
        exec(c, QStringLiteral("INSERT INTO settings (key, value) VALUES ('b', '2')"));
        auto dup = execSql(c, QStringLiteral("INSERT INTO settings (key, value) VALUES ('b', '3')"));
        if (!dup)
            return dup.error();
        return {};
    });
    CHECK_FALSE(failed.ok());
    CHECK(failed.error().code == QStringLiteral("database"));
    CHECK(count(c, QStringLiteral("SELECT count(*) FROM settings")) == 0);

    Result<int> committed = inTransaction(c, [&]() -> Result<int> {
        exec(c, QStringLiteral("INSERT INTO settings (key, value) VALUES ('c', '4')"));
        return 42;
    });
    REQUIRE(committed.ok());
    CHECK(committed.value() == 42);
    CHECK(count(c, QStringLiteral("SELECT count(*) FROM settings")) == 1);

    // textArg never binds NULL for NOT NULL columns.
    exec(c, QStringLiteral("INSERT INTO settings (key, value) VALUES ('empty', ?)"), {textArg(QString())});
    CHECK(count(c, QStringLiteral("SELECT count(*) FROM settings WHERE key = 'empty' AND value = ''")) == 1);
}

TEST_CASE("store: a statement cache prepares each statement once and reuses it", "[store]")
{
    TempDir dir;
    RawConnection raw(dir.filePath(QStringLiteral("cache.sqlite")));
    StatementCache cache;
    REQUIRE(cache.exec(raw.db(), QStringLiteral("CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER)")).ok());
    CHECK(cache.size() == 0); // no arguments (DDL): never kept
    for (int i = 0; i < 5; ++i) {
        auto inserted = cache.exec(raw.db(), QStringLiteral("INSERT INTO t (k, v) VALUES (?, ?)"),
                                   {QStringLiteral("k%1").arg(i), i * 10});
        REQUIRE(inserted.ok());
        CHECK(inserted.value() == 1);
    }
    CHECK(cache.prepares() == 1);
    const QString byValue = QStringLiteral("SELECT k FROM t WHERE v >= ? ORDER BY k");
    CHECK(cache.strings(raw.db(), byValue, {20}).value() ==
          (QStringList{QStringLiteral("k2"), QStringLiteral("k3"), QStringLiteral("k4")}));
    CHECK(cache.strings(raw.db(), byValue, {40}).value() ==
          QStringList{QStringLiteral("k4")}); // rebound, not appended
    const auto rows = cache.rows(raw.db(), QStringLiteral("SELECT k, v FROM t WHERE v < ? ORDER BY v"), {15});
    REQUIRE(rows.ok());
    REQUIRE(rows->size() == 2);
    CHECK(rows->at(1) == QVariantList{QStringLiteral("k1"), 10});
    CHECK(cache.scalar(raw.db(), QStringLiteral("SELECT SUM(v) FROM t WHERE v > ?"), {0}).value().toInt() ==
          100);
    CHECK(cache.prepares() == 4);
    CHECK(cache.size() == 4);

    // A finished query holds no lock: another connection writes meanwhile.
    RawConnection other(dir.filePath(QStringLiteral("cache.sqlite")));
    REQUIRE(execSql(other.db(), QStringLiteral("INSERT INTO t (k, v) VALUES ('x', 1)")).ok());
    CHECK(cache.strings(raw.db(), byValue, {0}).value().size() == 6);

    // A statement that fails is an error, and is not kept.
    const QString unique = QStringLiteral("INSERT INTO t (k, v) VALUES (?, ?)");
    const auto duplicate = cache.exec(raw.db(), unique, {QStringLiteral("k0"), 1});
    CHECK_FALSE(duplicate.ok());
    CHECK(cache.size() == 3);
    REQUIRE(cache.exec(raw.db(), unique, {QStringLiteral("k9"), 90}).ok());
    CHECK(cache.prepares() == 5); // prepared again
    cache.clear();
    CHECK(cache.size() == 0);
}
