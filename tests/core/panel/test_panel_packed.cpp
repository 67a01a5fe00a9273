// The Painel's packed actions (schema 12, replica_packed_actions): one row per
// revision that computePanel reads instead of the facts' rows. Each is compared
// with a packing made here from replica_actions and replica_action_codes, after
// the manifests are stored, after a revision is listed with another hash, after
// the facts are gone and written again by the backfill, and after the migration
// to schema 12 packs the facts a profile already had.
#include "core/regional/replica_facts.h"
#include "core/store/sql.h"
#include "tests/core/panel/panel_seed.h"

#include <map>

using namespace mobiliza;
using namespace mobiliza::core;
using namespace mobiliza::test::panel;

namespace {

using Packed = std::map<QString, QByteArray>; // "report#revision" → packed

QString keyOf(const QSqlQuery &q)
{
    return q.value(0).toString() + QLatin1Char('#') + q.value(1).toString();
}

Packed stored(const QSqlDatabase &db)
{
    Packed out;
    auto q = runSql(db, QStringLiteral("SELECT report, revision, packed FROM replica_packed_actions"));
    REQUIRE(q);
    while (q.value().next())
        out[keyOf(q.value())] = q.value().value(2).toByteArray();
    return out;
}

// The same from the facts' rows, packed here.
Packed fromFacts(const QSqlDatabase &db)
{
    std::map<QString, std::map<int, PackedAction>> actions;
    auto a =
        runSql(db, QStringLiteral("SELECT report, revision, position, people, format FROM replica_actions"));
    REQUIRE(a);
    while (a.value().next())
        actions[keyOf(a.value())][a.value().value(2).toInt()] =
            PackedAction{a.value().value(3).toLongLong(), a.value().value(4).toString(), {}, {}};
    auto c =
        runSql(db, QStringLiteral("SELECT report, revision, position, kind, code FROM replica_action_codes "
                                  "ORDER BY report, revision, position, kind, ord"));
    REQUIRE(c);
    while (c.value().next()) {
        PackedAction &action = actions[keyOf(c.value())][c.value().value(2).toInt()];
        (c.value().value(3).toString() == QStringLiteral("theme") ? action.themes : action.audiences)
            << c.value().value(4).toString();
    }
    Packed out;
    for (const auto &[key, byPosition] : actions) {
        QList<PackedAction> list;
        for (const auto &[position, action] : byPosition)
            list << action;
        out[key] = packActions(list);
    }
    return out;
}

// Every action read back from the packed rows: what the panel sees.
QList<PackedAction> unpacked(const Packed &packed)
{
    QList<PackedAction> out;
    for (const auto &[key, bytes] : packed)
        forEachPackedAction(bytes, [&](const PackedActionView &v) {
            PackedAction a{v.people, QString::fromUtf8(v.format), {}, {}};
            forEachCode(v.themes, [&](QByteArrayView c) { a.themes << QString::fromUtf8(c); });
            forEachCode(v.audiences, [&](QByteArrayView c) { a.audiences << QString::fromUtf8(c); });
            CHECK(v.firstTheme() == a.themes.value(0).toUtf8());
            for (const QString &t : std::as_const(a.themes))
                CHECK(v.hasTheme(t.toUtf8()));
            CHECK_FALSE(v.hasTheme("nao_existe"));
            out << a;
        });
    return out;
}

qint64 count(const QSqlDatabase &db, const QString &sql)
{
    auto v = scalarSql(db, sql);
    REQUIRE(v);
    return v.value().toLongLong();
}

} // namespace

TEST_CASE("Each revision's packed actions equal its facts after every change to them, and read back whole")
{
    test::UrsProfile urs;
    const Seeded s = seed(urs, 12);
    const QSqlDatabase db = urs.services->database().db();
    const Packed packed = stored(db);
    REQUIRE(packed.size() > 50);
    CHECK(packed == fromFacts(db));
    // Read back: every action of the facts, its people, format and codes.
    const QList<PackedAction> actions = unpacked(packed);
    CHECK(actions.size() == count(db, QStringLiteral("SELECT COUNT(*) FROM replica_actions")));
    qint64 people = 0, themes = 0, audiences = 0;
    bool twoThemes = false;
    for (const PackedAction &a : actions) {
        people += a.people;
        themes += a.themes.size();
        audiences += a.audiences.size();
        twoThemes = twoThemes || a.themes.size() > 1;
    }
    CHECK(people == count(db, QStringLiteral("SELECT SUM(people) FROM replica_actions")));
    CHECK(themes ==
          count(db, QStringLiteral("SELECT COUNT(*) FROM replica_action_codes WHERE kind = 'theme'")));
    CHECK(audiences ==
          count(db, QStringLiteral("SELECT COUNT(*) FROM replica_action_codes WHERE kind = 'audience'")));
    CHECK(twoThemes); // the order of the themes matters (the first stacks)

    SECTION("a revision listed with another hash loses them with its facts")
    {
        const Sent *target = nullptr;
        for (const Sent &r : s.all)
            if (!r.report.actions.isEmpty())
                target = &r;
        REQUIRE(target);
        const QString key = target->report.uuid + QLatin1Char('#') + QString::number(target->report.revision);
        REQUIRE(packed.count(key) == 1);
        ReplicaRevision changed = target->entry;
        changed.manifestSha256 = test::sha("another content");
        changed.cursor = 10'000;
        REQUIRE(urs.services->replica().applyPulled({changed}, 10'000));
        const Packed after = stored(db);
        CHECK(after.count(key) == 0);
        CHECK(after.size() == packed.size() - 1);
        CHECK(after == fromFacts(db));
    }
    SECTION("facts gone are packed again by the backfill when the profile opens")
    {
        REQUIRE(execSql(db, QStringLiteral("DELETE FROM replica_actions")));
        REQUIRE(execSql(db, QStringLiteral("UPDATE replica_revisions SET facts = 0")));
        CHECK(stored(db).empty());
        urs.services.reset();
        auto reopened = Services::open(urs.dir.path(), urs.clock);
        REQUIRE(reopened);
        CHECK(stored(reopened.value()->database().db()) == packed);
    }
}

TEST_CASE("The migration to schema 12 packs the facts a profile had exactly as writeReplicaFacts does")
{
    test::UrsProfile urs;
    seed(urs, 13);
    Packed packed = stored(urs.services->database().db());
    REQUIRE(packed.size() > 50);
    {
        // The profile as schema 11 left it: facts, nothing packed.
        const QSqlDatabase db = urs.services->database().db();
        REQUIRE(execSql(db, QStringLiteral("DROP TRIGGER replica_actions_unpack")));
        REQUIRE(execSql(db, QStringLiteral("DROP TABLE replica_packed_actions")));
        REQUIRE(execSql(db, QStringLiteral("DROP TABLE unit_names"))); // schema 14's
        REQUIRE(execSql(db, QStringLiteral("DROP TABLE unit_roster"))); // schema 15's
        REQUIRE(execSql(db, QStringLiteral("DROP TABLE replica_text"))); // schema 16's
        REQUIRE(execSql(db, QStringLiteral("ALTER TABLE replica_revisions DROP COLUMN text_indexed")));
        REQUIRE(execSql(db, QStringLiteral("PRAGMA user_version = 11")));
    }
    urs.services.reset();
    auto reopened = Services::open(urs.dir.path(), urs.clock);
    REQUIRE(reopened);
    const QSqlDatabase db = reopened.value()->database().db();
    CHECK(count(db, QStringLiteral("PRAGMA user_version")) == latestSchemaVersion());
    CHECK(stored(db) == packed);
    // And the trigger came with it: an action's facts gone, its revision's packed row goes.
    REQUIRE(execSql(db, QStringLiteral("DELETE FROM replica_actions WHERE (report, revision, position) = "
                                       "(SELECT report, revision, position FROM replica_actions LIMIT 1)")));
    CHECK(stored(db).size() == packed.size() - 1);
}
