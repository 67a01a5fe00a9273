// A report's history thread at the URS (core/regional/report_history.h): what
// the pass must bring (stale, newest month or opened), what is kept, and what
// the report view reads — the hub's events, else the listing's summary, with
// this installation's decisions the hub has not shown yet.
#include "core/regional/report_history.h"
#include "tests/core/regional/replica_fixture.h"

using namespace mobiliza;
using namespace mobiliza::core;
using test::sent;

namespace {

HistoryEntry event(qint64 cursor, int revision, const QString &state, const QDateTime &at, const QString &decision = {})
{
    HistoryEntry e;
    e.cursor = cursor;
    e.revision = revision;
    e.state = state;
    e.at = at;
    e.decision = decision;
    return e;
}

QStringList staleReports(ReportHistory &history)
{
    const auto stale = history.stale();
    REQUIRE(stale);
    QStringList out;
    for (const StaleHistory &s : stale.value())
        out << s.report;
    return out;
}

} // namespace

TEST_CASE("The URS brings the history of the newest month and of opened reports, again when the listing changes")
{
    test::UrsProfile urs;
    ReplicaService &replica = urs.services->replica();
    ReportHistory history(*urs.services);
    const QDateTime t0(QDate(2026, 11, 5), QTime(14, 0), Qt::UTC);
    auto october = sent(QStringLiteral("3106200"), {2026, 10}, 1, t0, 11);
    auto september = sent(QStringLiteral("3106200"), {2026, 9}, 1, t0.addDays(-30), 7);
    REQUIRE(replica.applyPulled({september.entry, october.entry}, 11));

    // Only the newest month's report is brought without being asked, with the cursor listed now.
    auto stale = history.stale();
    REQUIRE(stale);
    REQUIRE(stale->size() == 1);
    CHECK(stale->first().report == october.report.uuid);
    CHECK(stale->first().listedCursor == 11);

    // Brought: not stale any more; the report view reads what the hub said.
    const QString decision = newUuid();
    HistoryEntry returned = event(12, 1, QStringLiteral("returned"), t0.addDays(1), decision);
    returned.comment = QStringLiteral("Ação 1: falta a foto da reunião.");
    returned.notes << ReviewNote{october.report.actions.first().uuid, {}, QStringLiteral("falta a foto")};
    returned.by = QStringLiteral("Ana");
    returned.installation = QStringLiteral("11111111-2222-4333-8444-555555555555");
    REQUIRE(history.store(october.report.uuid, 11, {event(11, 1, QStringLiteral("received"), t0), returned}));
    CHECK(staleReports(history).isEmpty());
    auto thread = history.thread(october.report.uuid);
    REQUIRE(thread);
    CHECK(thread->fromHub);
    CHECK_FALSE(thread->stale);
    CHECK(thread->fetchedAt == urs.clock.now());
    REQUIRE(thread->entries.size() == 2);
    CHECK(thread->entries.at(1).state == QStringLiteral("returned"));
    CHECK(thread->entries.at(1).by == QStringLiteral("Ana"));
    REQUIRE(thread->entries.at(1).notes.size() == 1);
    CHECK(thread->entries.at(1).notes.first().action == october.report.actions.first().uuid);

    // The listing moves (the state changed on the hub): stale again, the old thread still shown.
    auto changed = october.entry;
    changed.state = QStringLiteral("returned");
    changed.cursor = 12;
    REQUIRE(replica.applyPulled({changed}, 12));
    CHECK(staleReports(history) == QStringList{october.report.uuid});
    CHECK(history.thread(october.report.uuid)->stale);
    CHECK(history.thread(october.report.uuid)->entries.size() == 2);

    // A new store replaces the thread, never appends to it.
    REQUIRE(history.store(october.report.uuid, 12, {event(11, 1, QStringLiteral("received"), t0)}));
    CHECK(history.thread(october.report.uuid)->entries.size() == 1);

    // September was never brought: the listing's summary, marked as such.
    auto summary = history.thread(september.report.uuid);
    REQUIRE(summary);
    CHECK_FALSE(summary->fromHub);
    CHECK(summary->stale);
    REQUIRE(summary->entries.size() == 1);
    CHECK(summary->entries.first().state == QStringLiteral("received"));
    CHECK(summary->entries.first().at == september.entry.receivedAt);

    // The reviewer opens it: the next pass brings it, older month or not.
    REQUIRE(history.want(september.report.uuid));
    CHECK(staleReports(history).contains(september.report.uuid));
    // The hub has none for it (404): not asked again until the listing changes.
    REQUIRE(history.markUnavailable(september.report.uuid, 7));
    CHECK_FALSE(staleReports(history).contains(september.report.uuid));
}

TEST_CASE("A decision made here shows in the history until the hub's history has it, refused ones with the reason")
{
    test::UrsProfile urs;
    ReplicaService &replica = urs.services->replica();
    ReportHistory history(*urs.services);
    const QDateTime t0(QDate(2026, 11, 5), QTime(14, 0), Qt::UTC);
    auto october = sent(QStringLiteral("3106200"), {2026, 10}, 1, t0, 11);
    REQUIRE(replica.applyPulled({october.entry}, 11));
    REQUIRE(replica.storeManifest(october.report.uuid, 1, october.manifest));

    auto decided = urs.services->reviews().decide(october.report.uuid, 1, Decision::Return,
                                                  QStringLiteral("Falta a lista de presença."), {},
                                                  QStringLiteral("Maria"));
    REQUIRE(decided);
    auto thread = history.thread(october.report.uuid);
    REQUIRE(thread);
    REQUIRE(thread->entries.size() == 2); // the listing's "received", then the decision made here
    const HistoryEntry &mine = thread->entries.last();
    CHECK(mine.pending == QStringLiteral("queued"));
    CHECK(mine.state == QStringLiteral("returned"));
    CHECK(mine.comment == QStringLiteral("Falta a lista de presença."));
    CHECK(mine.by == QStringLiteral("Maria"));
    CHECK(mine.installation == urs.services->profile().installationId());

    // Refused by the hub: still shown, with the reason.
    REQUIRE(urs.services->reviews().markRefused(decided->uuid, QStringLiteral("accepted"),
                                                QStringLiteral("Outra pessoa já aceitou.")));
    thread = history.thread(october.report.uuid);
    CHECK(thread->entries.last().pending == QStringLiteral("refused"));
    CHECK(thread->entries.last().refusal == QStringLiteral("Outra pessoa já aceitou."));

    // Once the hub's history carries the decision, it is shown once: the hub's.
    HistoryEntry hubs = event(12, 1, QStringLiteral("returned"), t0.addDays(1), decided->uuid);
    hubs.by = QStringLiteral("Maria");
    REQUIRE(history.store(october.report.uuid, 11, {event(11, 1, QStringLiteral("received"), t0), hubs}));
    thread = history.thread(october.report.uuid);
    REQUIRE(thread->entries.size() == 2);
    CHECK(thread->entries.last().pending.isEmpty());
    CHECK(thread->entries.last().cursor == 12);
}
