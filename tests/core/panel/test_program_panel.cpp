// The apoio program's quanti panel (issue 11: what a COSEMS and CONASEMS see), over the
// COSEMS demonstration copy: every figure equals a count made another way — the manifests'
// JSON read here by the apoio program's field names, not through the program's "panel"
// declaration — for the states counted, a decision made here, a state filter and a date.
#include <catch2/catch.hpp>

#include "core/panel/program_panel.h"
#include "core/program/program_definition.h"
#include "core/reference/brazil_reference.h"
#include "core/regional/replica_service.h"
#include "core/services/services.h"
#include "tests/support/cosems_demo.h"
#include "tests/support/temp_dir.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTimeZone>

#include <map>

using namespace mobiliza;
using namespace mobiliza::core;

namespace {

// What the panel should say, counted from the manifests' JSON by the apoio field names.
struct ApoioHandCount
{
    qint64 actions = 0, participants = 0;
    std::map<QString, qint64> type, modality, mode, topics, uf, parts;
    QSet<QString> reports, units, municipalities;
    int open = 0, done = 0, late = 0, withoutMunicipalities = 0;
};

ApoioHandCount apoioCountByHand(const ReplicaService &replica, const QList<Period> &periods,
                                const QSet<QString> &states, const QString &uf, const QDate &today,
                                const QHash<QString, QString> &decidedHere = {})
{
    ApoioHandCount e;
    for (const Period &p : periods) {
        auto latest = replica.latest(p);
        REQUIRE(latest.ok());
        for (const ReplicaRevision &r : latest.value()) {
            const QString state =
                decidedHere.value(r.report + QLatin1Char('#') + QString::number(r.revision), r.state);
            if (!states.contains(state) || !r.hasManifest)
                continue;
            auto bytes = replica.manifest(r.report, r.revision);
            REQUIRE(bytes.ok());
            const QJsonArray actions =
                QJsonDocument::fromJson(bytes.value()).object().value(QStringLiteral("actions")).toArray();
            for (const QJsonValue &a : actions) {
                const QJsonObject v = a.toObject().value(QStringLiteral("values")).toObject();
                if (!uf.isEmpty() && v.value(QStringLiteral("uf")).toString() != uf)
                    continue;
                ++e.actions;
                e.reports.insert(r.report);
                e.units.insert(r.municipality);
                ++e.type[v.value(QStringLiteral("support_type")).toString()];
                ++e.modality[v.value(QStringLiteral("modality")).toString()];
                ++e.mode[v.value(QStringLiteral("learning_mode")).toString()];
                ++e.uf[v.value(QStringLiteral("uf")).toString()];
                for (const QJsonValue &t : v.value(QStringLiteral("topics")).toArray())
                    ++e.topics[t.toString()];
                e.participants += v.value(QStringLiteral("participants")).toInt();
                for (const char *part : {"participants_gestores", "participants_tecnicos",
                                         "participants_apoiadores", "participants_outros"})
                    e.parts[QString::fromLatin1(part)] += v.value(QString::fromLatin1(part)).toInt();
                const QJsonArray named = v.value(QStringLiteral("municipalities")).toArray();
                if (named.isEmpty())
                    ++e.withoutMunicipalities;
                for (const QJsonValue &m : named)
                    e.municipalities.insert(m.toString());
                for (const QJsonValue &ref : v.value(QStringLiteral("referrals")).toArray()) {
                    const QJsonObject o = ref.toObject();
                    if (o.value(QStringLiteral("done")).toBool())
                        ++e.done;
                    else if (QDate::fromString(o.value(QStringLiteral("follow_up")).toString(), Qt::ISODate) <
                             today)
                        ++e.late;
                    else
                        ++e.open;
                }
            }
        }
    }
    return e;
}

// Every figure of `d` against the hand count.
void checkApoioPanel(const ProgramPanelData &d, const ApoioHandCount &e, const BrazilReference &brazil)
{
    CHECK(d.actions == e.actions);
    CHECK(d.participants == e.participants);
    CHECK(d.reports == e.reports.size());
    CHECK(d.units == e.units.size());
    REQUIRE(d.breakdowns.size() == 3);
    const std::map<QString, qint64> *byField[] = {&e.type, &e.modality, &e.topics};
    const char *fields[] = {"support_type", "modality", "topics"};
    for (int b = 0; b < 3; ++b) {
        INFO(fields[b]);
        CHECK(d.breakdowns.at(b).field == QString::fromLatin1(fields[b]));
        qint64 sum = 0;
        for (const PanelCount &c : d.breakdowns.at(b).counts) {
            INFO(c.code.toStdString());
            const auto it = byField[b]->find(c.code);
            CHECK(c.count == (it == byField[b]->end() ? 0 : it->second));
            sum += c.count;
        }
        qint64 expectedSum = 0;
        for (const auto &[code, n] : *byField[b])
            expectedSum += n;
        CHECK(sum == expectedSum); // no code left out
    }
    REQUIRE(d.mixes.size() == 1);
    const ProgramPanelMix &mix = d.mixes.first();
    CHECK(mix.total() == e.actions); // every action has one learning mode
    for (const PanelCount &c : mix.counts)
        CHECK(c.count == e.mode.at(c.code));
    qint64 ufSum = 0;
    for (const PanelCount &c : d.byUf) {
        CHECK(c.count == e.uf.at(c.code));
        ufSum += c.count;
    }
    CHECK(ufSum == e.actions);
    REQUIRE(d.participantsByPart.size() == 5);
    qint64 partsSum = 0;
    for (const PanelCount &c : d.participantsByPart) {
        partsSum += c.count;
        if (!c.code.isEmpty())
            CHECK(c.count == e.parts.at(c.code));
    }
    CHECK(partsSum == e.participants); // the parts add up, and nothing is counted twice
    QSet<QString> reached;
    qint64 mentions = 0;
    for (auto it = d.municipalities.cbegin(); it != d.municipalities.cend(); ++it) {
        reached.insert(it.key());
        mentions += it.value();
        CHECK((d.filter.uf.isEmpty() || brazil.ufOf(it.key()) == d.filter.uf));
    }
    CHECK(reached == e.municipalities);
    CHECK(mentions >= reached.size());
    CHECK(d.withoutMunicipalities == e.withoutMunicipalities);
    CHECK(d.referralsOpen == e.open);
    CHECK(d.referralsDone == e.done);
    CHECK(d.referralsLate == e.late);
    qint64 perPeriod = 0;
    for (qint64 n : d.actionsByPeriod)
        perPeriod += n;
    CHECK(perPeriod == e.actions);
}

} // namespace

TEST_CASE("The apoio panel: every figure equals a count of the manifests made another way")
{
    test::TempDir dir;
    const FixedClock clock{QDateTime(QDate(2026, 11, 22), QTime(14, 0), QTimeZone::utc())};
    const std::unique_ptr<Services> opened = test::cosemsDemoOfBahia(dir, clock);
    Services &services = *opened;
    const ProgramDefinition program = ProgramDefinition::apoioCosems();
    const BrazilReference &brazil = BrazilReference::embedded();

    ProgramPanelFilter filter;
    filter.from = Period::fromKey(QStringLiteral("2025-Q2")); // the demo's four quadrimestres
    filter.to = Period::fromKey(QStringLiteral("2026-Q2"));
    filter.uf = QStringLiteral("BA");
    filter.today = clock.today();
    const QList<Period> periods{filter.from, Period::fromKey(QStringLiteral("2025-Q3")),
                                Period::fromKey(QStringLiteral("2026-Q1")), filter.to};
    const QSet<QString> accepted{QStringLiteral("accepted"), QStringLiteral("forwarded"),
                                 QStringLiteral("consolidated")};
    QSet<QString> withReceived = accepted;
    withReceived << QStringLiteral("received") << QStringLiteral("in_review");

    SECTION("the reviewed reports only, in Bahia")
    {
        auto d = computeProgramPanel(services.replica(), program, brazil, filter);
        REQUIRE(d.ok());
        const ApoioHandCount e =
            apoioCountByHand(services.replica(), periods, accepted, filter.uf, filter.today);
        REQUIRE(e.actions > 20); // the demo has reviewed reports: the checks below compare something
        REQUIRE(e.late > 0);
        REQUIRE(e.done > 0);
        checkApoioPanel(d.value(), e, brazil);
        CHECK(d.value().periods == periods);
        CHECK(d.value().territoryMunicipalities == 417);
        CHECK(d.value().byUf == QList<PanelCount>{{QStringLiteral("BA"), e.actions}});
        // The mix's reference is the program's 70-20-10.
        CHECK(d.value().mixes.first().shares.first() == qMakePair(QStringLiteral("pratica"), 70));
    }
    SECTION("with the reports still to review, and a decision made here before the hub confirms it")
    {
        auto plain = computeProgramPanel(services.replica(), program, brazil, filter);
        REQUIRE(plain.ok());
        ProgramPanelFilter wide = filter;
        wide.includeReceived = true;
        auto d = computeProgramPanel(services.replica(), program, brazil, wide);
        REQUIRE(d.ok());
        const ApoioHandCount e =
            apoioCountByHand(services.replica(), periods, withReceived, filter.uf, filter.today);
        checkApoioPanel(d.value(), e, brazil);
        CHECK(d.value().actions > plain.value().actions); // some wait for review in the newest

        // Return one accepted report here: it leaves the reviewed count at once.
        auto latest = services.replica().latest(filter.to);
        REQUIRE(latest.ok());
        QHash<QString, QString> decided;
        for (const ReplicaRevision &r : latest.value())
            if (r.state == QStringLiteral("accepted") && r.hasManifest && decided.isEmpty())
                decided.insert(r.report + QStringLiteral("#1"), QStringLiteral("returned"));
        REQUIRE(decided.size() == 1);
        auto afterReturn = computeProgramPanel(services.replica(), program, brazil, filter, decided);
        REQUIRE(afterReturn.ok());
        checkApoioPanel(
            afterReturn.value(),
            apoioCountByHand(services.replica(), periods, accepted, filter.uf, filter.today, decided),
            brazil);
        CHECK(afterReturn.value().actions < plain.value().actions);
    }
    SECTION("another state has nothing, and the country has Bahia's")
    {
        ProgramPanelFilter sp = filter;
        sp.uf = QStringLiteral("SP");
        auto d = computeProgramPanel(services.replica(), program, brazil, sp);
        REQUIRE(d.ok());
        CHECK(d.value().actions == 0);
        CHECK(d.value().reports == 0);
        CHECK(d.value().municipalities.isEmpty());
        CHECK(d.value().territoryMunicipalities == 645);
        ProgramPanelFilter country = filter;
        country.uf.clear();
        auto all = computeProgramPanel(services.replica(), program, brazil, country);
        REQUIRE(all.ok());
        checkApoioPanel(all.value(),
                        apoioCountByHand(services.replica(), periods, accepted, QString(), filter.today),
                        brazil);
        CHECK(all.value().territoryMunicipalities == 5571);
    }
    SECTION("a later day makes open encaminhamentos late, never done ones")
    {
        auto now = computeProgramPanel(services.replica(), program, brazil, filter);
        ProgramPanelFilter later = filter;
        later.today = filter.today.addYears(1);
        auto then = computeProgramPanel(services.replica(), program, brazil, later);
        REQUIRE(now.ok());
        REQUIRE(then.ok());
        CHECK(then.value().referralsOpen == 0);
        CHECK(then.value().referralsLate == now.value().referralsLate + now.value().referralsOpen);
        CHECK(then.value().referralsDone == now.value().referralsDone);
    }
    SECTION("a range upside down, or of months, is refused in words")
    {
        ProgramPanelFilter bad = filter;
        bad.from = filter.to.next();
        CHECK(computeProgramPanel(services.replica(), program, brazil, bad).error().code ==
              QStringLiteral("invalid_filter"));
        bad.from = Period{2026, 3};
        CHECK(computeProgramPanel(services.replica(), program, brazil, bad).error().code ==
              QStringLiteral("invalid_filter"));
    }
}
