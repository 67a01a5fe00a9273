// The targets every level measures against (core/reference/targets.h) and the
// profile's copy of them (core/services/targets_service.h): the document's rules,
// which target applies to a set of municipalities, and who may change what.
#include <catch2/catch.hpp>

#include "core/domain/clock.h"
#include "core/reference/reference_data.h"
#include "core/reference/targets.h"
#include "core/services/services.h"
#include "tests/support/temp_dir.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTimeZone>

using namespace mobiliza::core;

namespace {

const ReferenceData &reference()
{
    static const ReferenceData r = ReferenceData::embedded();
    return r;
}

Targets sample()
{
    Targets t;
    t.revision = 3;
    t.updated = QDateTime(QDate(2026, 12, 1), QTime(9, 30), QTimeZone::utc());
    t.updatedBy = QStringLiteral("Núcleo central");
    t.coverage.insert(QStringLiteral("Barbacena"), 0.8);
    YearTargets y;
    y.year = 2026;
    y.state = 12000;
    y.perMunicipality = 6;
    y.urs.insert(QStringLiteral("Barbacena"), 330);
    t.years << y;
    return t;
}

QByteArray edited(const Targets &t, const std::function<void(QJsonObject &)> &change)
{
    QJsonObject o = QJsonDocument::fromJson(t.toJson()).object();
    change(o);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QList<Municipality> firstOf(const QString &urs, int n)
{
    return reference().municipalitiesOfUrs(urs).mid(0, n);
}

} // namespace

TEST_CASE("Targets: the document reads back as written, and a wrong value refuses the whole document")
{
    const Targets t = sample();
    auto back = Targets::fromJson(t.toJson());
    REQUIRE(back);
    CHECK(back.value() == t);
    CHECK(back->toJson() == t.toJson()); // the same targets, the same bytes

    const QList<std::pair<const char *, std::function<void(QJsonObject &)>>> wrong{
        {"schema 2", [](QJsonObject &o) { o.insert(QStringLiteral("schema"), 2); }},
        {"revision 0", [](QJsonObject &o) { o.insert(QStringLiteral("revision"), 0); }},
        {"no date", [](QJsonObject &o) { o.remove(QStringLiteral("updated")); }},
        {"share above 1",
         [](QJsonObject &o) { o.insert(QStringLiteral("coverage"), QJsonObject{{QStringLiteral("Barbacena"), 1.2}}); }},
        {"share 0",
         [](QJsonObject &o) { o.insert(QStringLiteral("coverage"), QJsonObject{{QStringLiteral("Barbacena"), 0}}); }},
        {"fractional actions",
         [](QJsonObject &o) {
             o.insert(QStringLiteral("actions"),
                      QJsonArray{QJsonObject{{QStringLiteral("year"), 2026}, {QStringLiteral("state"), 10.5}}});
         }},
        {"negative actions",
         [](QJsonObject &o) {
             o.insert(QStringLiteral("actions"),
                      QJsonArray{QJsonObject{{QStringLiteral("year"), 2026}, {QStringLiteral("perMunicipality"), -1}}});
         }},
        {"a year twice",
         [](QJsonObject &o) {
             o.insert(QStringLiteral("actions"),
                      QJsonArray{QJsonObject{{QStringLiteral("year"), 2026}, {QStringLiteral("state"), 1}},
                                 QJsonObject{{QStringLiteral("year"), 2026}, {QStringLiteral("state"), 2}}});
         }},
    };
    for (const auto &[name, change] : wrong) {
        INFO(name);
        auto parsed = Targets::fromJson(edited(t, change));
        REQUIRE_FALSE(parsed);
        CHECK(parsed.error().code == QStringLiteral("invalid_targets"));
        CHECK(parsed.error().message.contains(QStringLiteral("central")));
    }
    CHECK_FALSE(Targets::fromJson("not json"));
    // A key a newer central level adds is ignored, not refused.
    CHECK(Targets::fromJson(edited(t, [](QJsonObject &o) { o.insert(QStringLiteral("later"), 1); })));
}

TEST_CASE("Targets: URS are named as the reference table names them, never by an alias or unknown")
{
    Targets t = sample();
    CHECK(t.checkAgainst(reference()));
    t.coverage.insert(QStringLiteral("Manhumirim"), 0.9); // Manhuaçu's old name
    auto alias = t.checkAgainst(reference());
    REQUIRE_FALSE(alias);
    CHECK(alias.error().code == QStringLiteral("unknown_urs"));
    t = sample();
    t.years[0].urs.insert(QStringLiteral("Atlântida"), 5);
    CHECK_FALSE(t.checkAgainst(reference()));
}

TEST_CASE("Targets: a URS's coverage target is the published one, else the reference table's")
{
    const Targets t = sample();
    CHECK(t.coverageOf(reference(), QStringLiteral("Barbacena")) == Approx(0.8));
    CHECK(t.coverageOf(reference(), QStringLiteral("Alfenas")) ==
          Approx(reference().ursByName(QStringLiteral("Alfenas"))->coverageTarget));
    CHECK(Targets().coverageTarget(reference(), reference().municipalities()) ==
          Approx(reference().coverageTarget(reference().municipalities())));
    // Weighted by municipalities: 33 of Barbacena at 80 % and 24 of Alfenas at 100 %.
    QList<Municipality> two = reference().municipalitiesOfUrs(QStringLiteral("Barbacena"));
    two << reference().municipalitiesOfUrs(QStringLiteral("Alfenas"));
    const double table = reference().ursByName(QStringLiteral("Alfenas"))->coverageTarget;
    CHECK(t.coverageTarget(reference(), two) == Approx((33 * 0.8 + 24 * table) / 57.0));
    CHECK(t.coverageTarget(reference(), {}) == 1.0);
}

TEST_CASE("Targets: the actions expected of a set of municipalities, by the rule that applies")
{
    const Targets t = sample();
    // The whole state: the state's target.
    CHECK(t.yearlyActions(reference(), reference().municipalities(), 2026) == Approx(12000));
    // All of a URS with its own target: that target.
    CHECK(t.yearlyActions(reference(), reference().municipalitiesOfUrs(QStringLiteral("Barbacena")), 2026) ==
          Approx(330));
    // Part of a URS, or a URS without its own: the per-municipality target.
    CHECK(t.yearlyActions(reference(), firstOf(QStringLiteral("Barbacena"), 3), 2026) == Approx(18));
    CHECK(t.yearlyActions(reference(), reference().municipalitiesOfUrs(QStringLiteral("Alfenas")), 2026) ==
          Approx(24 * 6));
    // Without a per-municipality target, part of a URS takes its share of the URS's.
    Targets noPer = t;
    noPer.years[0].perMunicipality = 0;
    CHECK(noPer.yearlyActions(reference(), firstOf(QStringLiteral("Barbacena"), 11), 2026) == Approx(330.0 / 3));
    CHECK_FALSE(noPer.yearlyActions(reference(), firstOf(QStringLiteral("Alfenas"), 3), 2026));
    // A target for only some of the set is no target for the set: Barbacena's 330 is not the state's.
    noPer.years[0].state = 0;
    CHECK_FALSE(noPer.yearlyActions(reference(), reference().municipalities(), 2026));
    QList<Municipality> mixed = reference().municipalitiesOfUrs(QStringLiteral("Barbacena"));
    mixed << firstOf(QStringLiteral("Alfenas"), 1);
    CHECK_FALSE(noPer.yearlyActions(reference(), mixed, 2026));
    // A year without targets has none.
    CHECK_FALSE(t.yearlyActions(reference(), reference().municipalities(), 2025));

    // Over a range: 1/12 of the year's target per month; none unless every year has one.
    CHECK(t.actionsIn(reference(), reference().municipalities(), Period{2026, 1}, Period{2026, 3}) ==
          Approx(3000));
    CHECK(t.actionsIn(reference(), reference().municipalities(), Period{2026, 1}, Period{2026, 12}) ==
          Approx(12000));
    CHECK_FALSE(t.actionsIn(reference(), reference().municipalities(), Period{2025, 11}, Period{2026, 2}));
    Targets two = t;
    YearTargets y2025;
    y2025.year = 2025;
    y2025.state = 2400;
    two.years.prepend(y2025);
    CHECK(two.actionsIn(reference(), reference().municipalities(), Period{2025, 11}, Period{2026, 2}) ==
          Approx(2 * 200 + 2 * 1000));
}

TEST_CASE("Targets service: only the central level edits, each edit the next revision, pending until the "
          "hub confirms it")
{
    mobiliza::test::TempDir dir;
    FixedClock clock(QDateTime(QDate(2026, 12, 1), QTime(12, 0), QTimeZone::utc()));
    auto opened = Services::open(dir.path(), clock);
    REQUIRE(opened);
    Services &services = *opened.value();
    TargetsService &targets = services.targets();
    CHECK(targets.current().revision == 0);

    REQUIRE(services.profile().setRole(Role::Urs, QStringLiteral("Barbacena")));
    auto refused = targets.edit(sample(), reference());
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == QStringLiteral("not_central"));
    CHECK(targets.current().revision == 0);
    // The settings route cannot write them either.
    CHECK_FALSE(services.profile().setSetting(TargetsService::settingKey(), QString::fromUtf8(sample().toJson())));
}

TEST_CASE("Targets service: the central level's edit, its publication and the hub's newer targets")
{
    mobiliza::test::TempDir dir;
    FixedClock clock(QDateTime(QDate(2026, 12, 1), QTime(12, 0), QTimeZone::utc()));
    auto opened = Services::open(dir.path(), clock);
    REQUIRE(opened);
    Services &services = *opened.value();
    REQUIRE(services.profile().setRole(Role::Central));
    REQUIRE(services.profile().setUserName(QStringLiteral("Ana")));
    TargetsService &targets = services.targets();
    QSignalSpy changed(&services.notifier(), &Notifier::targetsChanged);

    Targets mine = sample();
    mine.revision = 99; // the service numbers it, whatever the caller says
    auto saved = targets.edit(mine, reference());
    REQUIRE(saved);
    CHECK(saved->revision == 1);
    CHECK(saved->updatedBy == QStringLiteral("Ana"));
    CHECK(saved->updated == clock.now());
    CHECK(targets.pending());
    CHECK(targets.current() == saved.value());
    CHECK(changed.count() == 1);

    // The same values again write nothing.
    REQUIRE(targets.edit(sample(), reference()));
    CHECK(targets.current().revision == 1);
    CHECK(changed.count() == 1);

    // An unknown URS is refused, nothing written.
    Targets bad = sample();
    bad.coverage.insert(QStringLiteral("Nowhere"), 0.5);
    CHECK_FALSE(targets.edit(bad, reference()));
    CHECK(targets.current().revision == 1);

    // While the edit is pending, the hub's targets do not replace it…
    Targets theirs = sample();
    theirs.revision = 5;
    theirs.coverage.insert(QStringLiteral("Alfenas"), 0.5);
    auto adopted = targets.adopt(theirs);
    REQUIRE(adopted);
    CHECK_FALSE(adopted.value());
    CHECK(targets.current().revision == 1);
    // …the edit is renumbered past the hub's before it is sent, and confirmed.
    auto sent = targets.prepareToPublish(5);
    REQUIRE(sent);
    CHECK(sent->revision == 6);
    CHECK(targets.pending());
    // The hub already holding 6 may hold this very edit (its answer lost): sent as it is;
    // renumbered only once the hub refused it as stale.
    CHECK(targets.prepareToPublish(6).value().revision == 6);
    CHECK(targets.prepareToPublish(6, true).value().revision == 7);
    REQUIRE(targets.prepareToPublish(7).value().revision == 7);
    CHECK(targets.current().revision == 7);
    REQUIRE(targets.published(7));
    CHECK_FALSE(targets.pending());
    CHECK(targets.current().revision == 7);
    CHECK_FALSE(targets.current().coverage.contains(QStringLiteral("Alfenas")));

    // Then newer published targets are taken, older ones ignored.
    theirs.revision = 8;
    CHECK(targets.adopt(theirs).value());
    CHECK(targets.current() == theirs);
    theirs.revision = 4;
    CHECK_FALSE(targets.adopt(theirs).value());
    CHECK(targets.current().revision == 8);
    const QList<AuditEntry> trail = services.audit().entries(QStringLiteral("targets"));
    REQUIRE(trail.size() >= 4);
    CHECK(trail.first().action == QStringLiteral("edit"));
    CHECK(trail.last().action == QStringLiteral("adopt"));
}

TEST_CASE("Targets service: a demonstration's example targets give way to the first published ones")
{
    const Targets example = [] {
        Targets t = sample();
        t.revision = 1;
        return t;
    }();
    Targets published = sample();
    published.revision = 1;
    published.years.first().perMunicipality += 7; // other values than the example's

    SECTION("at a URS: the hub's revision 1 replaces the example")
    {
        mobiliza::test::TempDir dir;
        FixedClock clock(QDateTime(QDate(2026, 12, 1), QTime(12, 0), QTimeZone::utc()));
        auto opened = Services::open(dir.path(), clock);
        REQUIRE(opened);
        TargetsService &targets = opened.value()->targets();
        REQUIRE(opened.value()->profile().setRole(Role::Urs, QStringLiteral("Barbacena")));
        REQUIRE(targets.storeExample(example));
        CHECK(targets.isExample());
        CHECK(targets.current().revision == 1);
        CHECK(targets.publishedRevision() == 0);
        CHECK_FALSE(targets.pending());
        auto adopted = targets.adopt(published);
        REQUIRE(adopted);
        CHECK(adopted.value());
        CHECK_FALSE(targets.isExample());
        CHECK(targets.current() == published);
        // Real targets are never replaced by an example.
        REQUIRE(targets.storeExample(example));
        CHECK(targets.current() == published);
        CHECK_FALSE(targets.isExample());
    }

    SECTION("at the central level: its first edit is revision 1, to publish")
    {
        mobiliza::test::TempDir dir;
        FixedClock clock(QDateTime(QDate(2026, 12, 1), QTime(12, 0), QTimeZone::utc()));
        auto opened = Services::open(dir.path(), clock);
        REQUIRE(opened);
        TargetsService &targets = opened.value()->targets();
        REQUIRE(opened.value()->profile().setRole(Role::Central));
        REQUIRE(targets.storeExample(example));
        // Saved as it is, the example becomes the central level's own first revision.
        auto saved = targets.edit(example, reference());
        REQUIRE(saved);
        CHECK(saved->revision == 1);
        CHECK(targets.pending());
        CHECK_FALSE(targets.isExample());
    }
}
