// computePanelCached (core/panel/panel_cache.h): a filter the kept inputs cover is
// counted without reading and gives exactly computePanel's figures; one they do not
// cover (a range outside, another way of counting, other pending decisions) reads.
#include "core/panel/panel_cache.h"
#include "core/panel/panel_job.h"
#include "core/panel/panel_query.h"
#include "tests/core/panel/panel_seed.h"

#include <QSignalSpy>

using namespace mobiliza;
using namespace mobiliza::core;
using namespace mobiliza::test::panel;

namespace {

void checkSame(const PanelData &got, const PanelData &want)
{
    CHECK(got.periods == want.periods);
    const auto tiles = [](const PanelTiles &t) {
        return std::vector<qint64>{t.actions, t.people, t.reporting, t.expected, t.onTime, t.late, t.activeNuclei};
    };
    CHECK(tiles(got.tiles) == tiles(want.tiles));
    CHECK(tiles(got.previous) == tiles(want.previous));
    CHECK(got.actions == want.actions);
    CHECK(got.people == want.people);
    CHECK(got.reporting == want.reporting);
    const auto counts = [](const QList<PanelCount> &l) {
        QStringList out;
        for (const PanelCount &c : l)
            out << c.code + QLatin1Char('=') + QString::number(c.count);
        return out;
    };
    CHECK(counts(got.stackThemes) == counts(want.stackThemes));
    CHECK(got.actionsByTheme == want.actionsByTheme);
    CHECK(counts(got.byFormat) == counts(want.byFormat));
    CHECK(counts(got.byAudience) == counts(want.byAudience));
    REQUIRE(got.ranking.size() == want.ranking.size());
    for (int i = 0; i < got.ranking.size(); ++i) {
        CHECK(got.ranking.at(i).municipality == want.ranking.at(i).municipality);
        CHECK(got.ranking.at(i).actions == want.ranking.at(i).actions);
        CHECK(got.ranking.at(i).monthsReported == want.ranking.at(i).monthsReported);
    }
    REQUIRE(got.cells.size() == want.cells.size());
    for (int i = 0; i < got.cells.size(); ++i) {
        CHECK(got.cells.at(i).coverage == want.cells.at(i).coverage);
        CHECK(got.cells.at(i).actions == want.cells.at(i).actions);
        CHECK(got.cells.at(i).people == want.cells.at(i).people);
    }
}

} // namespace

TEST_CASE("The panel's kept inputs: a filter they cover is counted without reading, as computePanel counts it")
{
    test::UrsProfile urs;
    Services &services = *urs.services;
    const ReferenceData &reference = services.reference();
    const Seeded s = seed(urs, 11, twoUrs(reference));
    const ProgramDefinition program = services.programs().engine(kProgram)->program();
    std::shared_ptr<const PanelInputCache> cache;

    // Each step: the filter, the pending decisions, and whether the kept inputs cover it.
    struct Step
    {
        const char *what;
        PanelFilter filter;
        bool withLocal;
        bool reads;
    };
    PanelFilter year{Period{2026, 1}, Period{2026, 10}};
    PanelFilter theme = year;
    theme.theme = QStringLiteral("arboviroses");
    PanelFilter oneUrs = year;
    for (const Municipality &m : s.scope)
        if (m.urs == s.scope.first().urs)
            oneUrs.municipalities << m.ibge;
    REQUIRE(oneUrs.municipalities.size() < s.scope.size());
    PanelFilter inside{Period{2026, 3}, Period{2026, 6}};
    inside.format = QStringLiteral("mutirao");
    PanelFilter longer{Period{2025, 1}, Period{2026, 10}};
    PanelFilter received = longer;
    received.includeReceived = true;
    PanelFilter one = inside;
    one.municipalities = {s.scope.last().ibge};
    const Step steps[] = {
        {"the first computation reads", year, true, true},
        {"another theme does not", theme, true, false},
        {"one URS's municipalities do not", oneUrs, true, false},
        {"a range inside, with a format, does not", inside, true, false},
        {"a range reaching further back reads", longer, true, true},
        {"counting received reports too reads", received, true, true},
        {"other pending decisions read", received, false, true},
        {"one municipality of a range inside does not", [&] {
             PanelFilter f = one;
             f.includeReceived = true;
             return f;
         }(), false, false},
    };
    for (const Step &step : steps) {
        INFO(step.what);
        const QHash<QString, QString> local = step.withLocal ? s.localStates : QHash<QString, QString>{};
        auto want = computePanel(services.database(), services.replica(), program, s.scope, step.filter, local);
        bool read = !step.reads;
        auto got =
            computePanelCached(services.database(), program, s.scope, step.filter, local, cache, &read);
        REQUIRE(want);
        REQUIRE(got);
        REQUIRE(cache);
        CHECK(read == step.reads);
        checkSame(got.value(), want.value());
    }
    // The seed has what the steps are about: actions of the theme, pending decisions.
    CHECK_FALSE(s.localStates.isEmpty());
}

TEST_CASE("The panel's job reads the offered months after the first figures: a short range reads beside it, "
          "a long one waits for it and is counted from memory")
{
    test::UrsProfile urs;
    Services &services = *urs.services;
    const Seeded s = seed(urs, 11, twoUrs(services.reference()));
    const ProgramDefinition program = services.programs().engine(kProgram)->program();

    // The page offers 11/2024 … 10/2026 and opens on 07 … 10/2026.
    PanelRequest first{program, PanelFilter{Period{2026, 7}, Period{2026, 10}}, s.scope};
    first.offeredFrom = Period{2024, 11};
    first.offeredTo = Period{2026, 10};
    PanelRequest shortRange = first; // 3 months: 9 of inputs, read beside the read ahead
    shortRange.filter.from = Period{2026, 1};
    shortRange.filter.to = Period{2026, 3};
    PanelRequest wider = first; // 22 months: 44 of inputs, more than a short read
    wider.filter.from = Period{2025, 1};
    wider.filter.theme = QStringLiteral("arboviroses");

    const QHash<QString, QString> local = services.reviews().localStates();
    const auto checkAnswer = [&](const PanelData &got, const PanelFilter &filter) {
        auto want = computePanel(services.database(), services.replica(), program, s.scope, filter, local);
        REQUIRE(want);
        checkSame(got, want.value());
    };

    // Each time the person changes the range as soon as the first figures show, while
    // the offered months are being read: a long range waits for that read (and so
    // reads nothing itself); a short one reads beside it (had it waited, the offered
    // months would hold it and it would read nothing).
    for (const auto &[then, reads] : {std::pair{wider, false}, std::pair{shortRange, true}}) {
        INFO("then " << then.filter.from.key().toStdString() << " … " << then.filter.to.key().toStdString());
        PanelJob job(urs.dir.path(), urs.clock);
        QList<PanelData> answers;
        QList<bool> read;
        QStringList failures;
        bool keepingWhenShown = false;
        QSignalSpy kept(&job, &PanelJob::kept);
        QSignalSpy ready(&job, &PanelJob::ready);
        QObject::connect(&job, &PanelJob::failed, [&](const QString &message) { failures << message; });
        QObject::connect(&job, &PanelJob::ready, [&, then = then](const PanelData &data) {
            answers << data;
            read << job.lastAnswerRead();
            if (answers.size() == 1) {
                keepingWhenShown = job.isKeeping();
                job.request(then);
            }
        });
        job.request(first);
        while (answers.size() < 2 && ready.wait(20000)) {
        }
        REQUIRE(failures.isEmpty());
        REQUIRE(answers.size() == 2);
        CHECK(keepingWhenShown);
        CHECK(read == QList<bool>{true, reads});
        checkAnswer(answers.at(0), first.filter);
        checkAnswer(answers.at(1), then.filter);
        CHECK(answers.at(1).tiles.actions > 0);
        REQUIRE((kept.size() == 1 || kept.wait(20000)));
    }

    // The replica changed: what was kept is not used, the next figures read again,
    // and the read ahead waits for the replica to be quiet (a pull changes it often).
    PanelJob job(urs.dir.path(), urs.clock);
    QSignalSpy ready(&job, &PanelJob::ready);
    job.request(first);
    REQUIRE((ready.size() == 1 || ready.wait(20000)));
    CHECK(job.lastAnswerRead());
    CHECK(job.isKeeping()); // the first figures of a quiet replica: read ahead at once
    QSignalSpy kept(&job, &PanelJob::kept);
    REQUIRE((kept.size() == 1 || kept.wait(20000)));
    job.request(wider);
    REQUIRE((ready.size() == 2 || ready.wait(20000)));
    CHECK_FALSE(job.lastAnswerRead());
    job.invalidate();
    job.request(first);
    REQUIRE((ready.size() == 3 || ready.wait(20000)));
    CHECK(job.lastAnswerRead());
    CHECK_FALSE(job.isKeeping());
    // A range before what the page offers reads too.
    PanelRequest older = first;
    older.filter.from = Period{2024, 1};
    job.request(older);
    REQUIRE((ready.size() == 4 || ready.wait(20000)));
    CHECK(job.lastAnswerRead());
}
