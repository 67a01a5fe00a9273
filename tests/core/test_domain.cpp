#include <catch2/catch.hpp>

#include "core/domain/report_state.h"
#include "core/domain/types.h"

#include <QSet>

using namespace mobiliza::core;

namespace {
using S = ReportState;
using E = ReportEvent;

struct Legal
{
    S from;
    E event;
    S to;
};

// The lifecycle of BRIEF §2, written out once by hand.
const QList<Legal> kLegal = {
    {S::Draft, E::Conclude, S::Ready},         {S::Ready, E::Withdraw, S::Draft},
    {S::Ready, E::StartSending, S::Sending},   {S::Sending, E::SendFailed, S::Ready},
    {S::Sending, E::HubReceived, S::Received}, {S::Ready, E::HubReceived, S::Received},
    {S::Received, E::Accept, S::Accepted},     {S::Received, E::Return, S::Returned},
    {S::Accepted, E::Return, S::Returned},     {S::Returned, E::Reopen, S::Draft},
    {S::Accepted, E::Forward, S::Forwarded},   {S::Forwarded, E::Consolidate, S::Consolidated},
    {S::Forwarded, E::Recall, S::Received},
};
} // namespace

TEST_CASE("every legal transition reaches its target")
{
    for (const auto &l : kLegal) {
        INFO(reportStateKey(l.from).toStdString() << " + " << reportEventKey(l.event).toStdString());
        const auto r = ReportStateMachine::apply(l.from, l.event);
        CHECK(r.ok);
        CHECK(r.to == l.to);
        CHECK(r.error.isEmpty());
    }
}

TEST_CASE("every illegal transition is an error, not a silent no-op")
{
    int illegal = 0;
    for (S from : ReportStateMachine::allStates()) {
        for (E ev : ReportStateMachine::allEvents()) {
            const bool legal = std::any_of(kLegal.begin(), kLegal.end(), [&](const Legal &l) {
                return l.from == from && l.event == ev;
            });
            if (legal)
                continue;
            ++illegal;
            INFO(reportStateKey(from).toStdString() << " + " << reportEventKey(ev).toStdString());
            const auto r = ReportStateMachine::apply(from, ev);
            CHECK_FALSE(r.ok);
            CHECK(r.to == from);
            CHECK_FALSE(r.error.isEmpty());
        }
    }
    // 8 states × 11 events − 13 legal pairs.
    CHECK(illegal == 8 * 11 - 13);
}

TEST_CASE("only drafts are editable and a report has left once the hub received it")
{
    for (S s : ReportStateMachine::allStates())
        CHECK(ReportStateMachine::isEditable(s) == (s == S::Draft));
    CHECK_FALSE(ReportStateMachine::hasLeft(S::Ready));
    CHECK_FALSE(ReportStateMachine::hasLeft(S::Sending));
    CHECK(ReportStateMachine::hasLeft(S::Received));
    CHECK(ReportStateMachine::hasLeft(S::Returned));
}

TEST_CASE("state keys round-trip and are unique")
{
    QSet<QString> keys;
    for (S s : ReportStateMachine::allStates()) {
        const QString key = reportStateKey(s);
        CHECK_FALSE(key.isEmpty());
        keys.insert(key);
        S back = S::Consolidated;
        REQUIRE(reportStateFromKey(key, &back));
        CHECK(back == s);
        CHECK_FALSE(reportStateLabel(s).isEmpty());
    }
    CHECK(keys.size() == ReportStateMachine::allStates().size());
    CHECK_FALSE(reportStateFromKey(QStringLiteral("sent-ish"), nullptr));
}

TEST_CASE("periods parse, format and step across years")
{
    const Period p = Period::fromKey(QStringLiteral("2026-01"));
    REQUIRE(p.isValid());
    CHECK(p.display() == QStringLiteral("01/2026"));
    CHECK(p.previous().key() == QStringLiteral("2025-12"));
    CHECK(Period{2025, 12}.next() == p);
    CHECK(p.lastDay() == QDate(2026, 1, 31));
    CHECK(Period{2024, 2}.lastDay() == QDate(2024, 2, 29));
    CHECK_FALSE(Period::fromKey(QStringLiteral("2026-13")).isValid());
    CHECK_FALSE(Period::fromKey(QStringLiteral("26-01")).isValid());
    CHECK_FALSE(Period::fromKey(QStringLiteral("2026-1")).isValid());
    CHECK(Period::fromDate(QDate(2026, 11, 22)) == Period{2026, 11});
    CHECK(Period{2025, 12} < Period{2026, 1});
}

TEST_CASE("quadrimestres parse, format, step across years and hold their dates")
{
    const Period q1 = Period::fromKey(QStringLiteral("2026-Q1"));
    REQUIRE(q1.isValid());
    CHECK(q1 == Period::quadrimesterOf(2026, 1));
    CHECK(q1.key() == QStringLiteral("2026-Q1"));
    CHECK(q1.firstDay() == QDate(2026, 1, 1));
    CHECK(q1.lastDay() == QDate(2026, 4, 30));
    CHECK(q1.next().key() == QStringLiteral("2026-Q2"));
    CHECK(q1.next().next().lastDay() == QDate(2026, 12, 31));
    CHECK(q1.next().next().next().key() == QStringLiteral("2027-Q1"));
    CHECK(q1.previous().key() == QStringLiteral("2025-Q3"));
    CHECK(q1.previous().firstDay() == QDate(2025, 9, 1));
    CHECK(Period::containing(QDate(2026, 8, 31), 4).key() == QStringLiteral("2026-Q2"));
    CHECK(Period::containing(QDate(2026, 9, 1), 4).key() == QStringLiteral("2026-Q3"));
    CHECK(Period::containing(QDate(2026, 9, 1), 1) == Period{2026, 9});
    CHECK_FALSE(Period::containing(QDate(2026, 9, 1), 3).isValid());
    CHECK(q1.contains(QDate(2026, 4, 30)));
    CHECK_FALSE(q1.contains(QDate(2026, 5, 1)));
    CHECK(q1.display() == QStringLiteral("Four-month period 1 of 2026")); // no translator installed
    for (const char *bad : {"2026-Q0", "2026-Q4", "2026-q1", "2026-Q", "2026-Q12", "26-Q1"})
        CHECK_FALSE(Period::fromKey(QLatin1String(bad)).isValid());
    // A period not starting a quadrimestre, or of another length, is not a period.
    CHECK_FALSE((Period{2026, 2, 4}).isValid());
    CHECK_FALSE((Period{2026, 1, 3}).isValid());
    // Months are unchanged by the second kind.
    CHECK(Period::fromKey(QStringLiteral("2026-04")).months == 1);
    CHECK(Period{2026, 12}.next() == (Period{2027, 1}));
}

TEST_CASE("partner keys round-trip")
{
    for (auto k : {PartnerKind::Person, PartnerKind::Organization, PartnerKind::InformalGroup}) {
        PartnerKind back = PartnerKind::Person;
        REQUIRE(partnerKindFromKey(partnerKindKey(k), &back));
        CHECK(back == k);
    }
    for (auto s : {PartnerStage::Mapped, PartnerStage::Sensitized, PartnerStage::Active,
                   PartnerStage::Inactive}) {
        PartnerStage back = PartnerStage::Mapped;
        REQUIRE(partnerStageFromKey(partnerStageKey(s), &back));
        CHECK(back == s);
    }
    CHECK(newUuid().size() == 36);
    CHECK(newUuid() != newUuid());
}
