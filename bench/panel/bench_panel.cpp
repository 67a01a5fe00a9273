// The Painel at state scale (issue 10, "Scale and speed"; a plain executable,
// never run by ctest):
//
//   bench_panel [--dir DIR] [--runs N] [--months M] [--sample-every K] [--no-shell]
//
// 0. a central profile at DIR (default: <temp>/mobiliza-bench-panel, kept and
//    reused by the next run) with the replica of the whole state: the 853
//    municipalities of the reference table × M months (default 120) of reports,
//    ≈ 1 M actions, written as ReplicaService/replica_facts write them; every
//    K-th revision (default 2000) also goes through the real pull path in
//    another profile and every row of both is compared;
// 1. computePanel for the central scope as the page's worker does it (a fresh
//    connection, the local decisions, the computation), median and worst of N
//    runs (default 5): the default range (the last 12 months: the page opens,
//    goal < 1 s), then a theme, a URS, and the ten years (filter changes, goal
//    < 150 ms each);
// 2. each statement of those computations, timed here and, as the same SQL with
//    its arguments written in, by the `sqlite3` shell on the same file (best of
//    3 each; goal: here ≤ 1.2 × the shell);
// 3. the process's peak memory (VmHWM) with the ten-year replica open and
//    computed over, goal < 400 MB.
#include "bench/panel/panel_replica.h"

#include "core/panel/panel_cache.h"
#include "core/panel/panel_query.h"
#include "core/panel/panel_query_p.h"
#include "core/reference/reference_repository.h"
#include "core/regional/review_outbox.h"
#include "core/services/blob_store.h"
#include "core/services/notifier.h"
#include "core/store/database.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlQuery>

#include <algorithm>
#include <cstdio>

using namespace mobiliza;
using namespace mobiliza::core;

namespace {

int fail(const QString &what)
{
    std::fprintf(stderr, "bench_panel: %s\n", qPrintable(what));
    return 1;
}

struct Stats
{
    double median = 0;
    double worst = 0;
};

Stats stats(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return {v.at(v.size() / 2), v.last()};
}

QString storedVersion(const QString &dir)
{
    if (!QFileInfo::exists(QDir(dir).filePath(Database::fileName())))
        return {};
    auto database = Database::open(dir);
    if (!database)
        return {};
    QSqlQuery q(database.value()->db());
    if (q.exec(QStringLiteral("SELECT value FROM settings WHERE key = 'bench_panel_replica'")) && q.next())
        return q.value(0).toString();
    return {};
}

qint64 scalar(const Database &database, const QString &sql)
{
    QSqlQuery q(database.db());
    return q.exec(sql) && q.next() ? q.value(0).toLongLong() : -1;
}

long peakMemoryKb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QRegularExpression hwm(QStringLiteral("^VmHWM:\\s+(\\d+)"), QRegularExpression::MultilineOption);
    const auto m = hwm.match(QString::fromLatin1(status.readAll()));
    return m.hasMatch() ? m.captured(1).toLong() : -1;
}

struct Traced
{
    QString sql;
    QVariantList args;
    qint64 nsecs = 0;
};

// One computation as PanelJob's worker does it: its own connection, the local
// decisions, computePanel. Returns the milliseconds of computePanel alone and of the whole.
Result<std::pair<double, double>> computeOnce(const QString &dir, const Clock &clock,
                                              const ProgramDefinition &program,
                                              const QList<Municipality> &scope, const PanelFilter &filter,
                                              PanelData *out = nullptr)
{
    QElapsedTimer whole;
    whole.start();
    auto database = Database::open(dir);
    if (!database)
        return database.error();
    Notifier quiet;
    BlobStore blobs(QDir(dir).filePath(QStringLiteral("blobs")));
    ReplicaService replica(*database.value(), quiet, blobs, clock);
    ReviewOutbox reviews(*database.value(), quiet, clock, replica);
    QElapsedTimer compute;
    compute.start();
    auto data = computePanel(*database.value(), replica, program, scope, filter, reviews.localStates());
    const double computeMs = double(compute.nsecsElapsed()) / 1e6;
    if (!data)
        return data.error();
    if (out)
        *out = data.value();
    return std::pair{computeMs, double(whole.nsecsElapsed()) / 1e6};
}

// One step as PanelJob's worker runs it (a connection of its own) through the inputs
// kept from the previous ones: a computation, or (`offered`) the background read of the
// range the page offers. Returns the ms with the connection, and whether it read.
Result<std::pair<double, bool>> computeKept(const QString &dir, const Clock &clock,
                                            const ProgramDefinition &program,
                                            const QList<Municipality> &scope, const PanelFilter &filter,
                                            std::shared_ptr<const PanelInputCache> &cache, bool offered)
{
    QElapsedTimer whole;
    whole.start();
    auto database = Database::open(dir);
    if (!database)
        return database.error();
    Notifier quiet;
    BlobStore blobs(QDir(dir).filePath(QStringLiteral("blobs")));
    ReplicaService replica(*database.value(), quiet, blobs, clock);
    ReviewOutbox reviews(*database.value(), quiet, clock, replica);
    if (offered) {
        const auto before = cache;
        if (Status kept =
                keepPanelInputs(*database.value(), program, scope, filter, reviews.localStates(), cache);
            !kept)
            return kept.error();
        return std::pair{double(whole.nsecsElapsed()) / 1e6, cache != before};
    }
    bool read = false;
    auto data =
        computePanelCached(*database.value(), program, scope, filter, reviews.localStates(), cache, &read);
    if (!data)
        return data.error();
    return std::pair{double(whole.nsecsElapsed()) / 1e6, read};
}

QString literal(const QVariant &v)
{
    if (v.isNull())
        return QStringLiteral("NULL");
    switch (v.typeId()) {
    case QMetaType::Int:
    case QMetaType::LongLong:
    case QMetaType::UInt:
    case QMetaType::ULongLong:
    case QMetaType::Double:
    case QMetaType::Bool:
        return v.toString();
    default:
        return QLatin1Char('\'') + v.toString().replace(QLatin1Char('\''), QStringLiteral("''")) +
               QLatin1Char('\'');
    }
}

// The statement with its arguments written in, as one line for the shell.
QString inlined(const Traced &t)
{
    QString out;
    int arg = 0;
    for (const QChar c : t.sql) {
        if (c == QLatin1Char('?') && arg < t.args.size())
            out += literal(t.args.at(arg++));
        else
            out += c;
    }
    return out.simplified() + QLatin1Char(';');
}

// Runs `statements` in order, `rounds` times, in one `sqlite3` shell on `file`:
// each statement's "Run Time: real" in seconds, per round.
Result<QList<QList<double>>> shellTimes(const QString &file, const QStringList &statements, int rounds)
{
    QString script = QStringLiteral(".timer on\n.output /dev/null\n");
    for (int r = 0; r < rounds; ++r)
        script += statements.join(QLatin1Char('\n')) + QLatin1Char('\n');
    QProcess shell;
    shell.start(QStringLiteral("sqlite3"), {file});
    if (!shell.waitForStarted())
        return Error{QStringLiteral("bench"), QStringLiteral("no sqlite3 shell (apt-get install sqlite3)")};
    shell.write(script.toUtf8());
    shell.closeWriteChannel();
    shell.waitForFinished(600'000);
    const QString err = QString::fromUtf8(shell.readAllStandardError()).trimmed();
    if (!err.isEmpty())
        return Error{QStringLiteral("bench"), QStringLiteral("sqlite3: ") + err};
    const QRegularExpression runTime(QStringLiteral("Run Time: real ([0-9.]+)"));
    QList<double> all;
    for (auto it = runTime.globalMatch(QString::fromUtf8(shell.readAllStandardOutput())); it.hasNext();)
        all << it.next().captured(1).toDouble();
    if (all.size() != statements.size() * rounds)
        return Error{QStringLiteral("bench"), QStringLiteral("sqlite3 timed %1 statements, not %2")
                                                  .arg(all.size())
                                                  .arg(statements.size() * rounds)};
    QList<QList<double>> out;
    for (int r = 0; r < rounds; ++r)
        out << all.mid(r * statements.size(), statements.size());
    return out;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    qputenv("QT_LOGGING_RULES", "mobiliza.*=false");
    QString dir = QDir::temp().filePath(QStringLiteral("mobiliza-bench-panel"));
    int runs = 5;
    int months = 120;
    int sampleEvery = 2000;
    bool shell = true;
    const QStringList args = app.arguments();
    for (int i = 1; i < args.size(); ++i) {
        const QString a = args.at(i);
        const QString next = i + 1 < args.size() ? args.at(i + 1) : QString();
        if (a == QLatin1String("--dir"))
            dir = next, ++i;
        else if (a == QLatin1String("--runs"))
            runs = std::max(1, next.toInt()), ++i;
        else if (a == QLatin1String("--months"))
            months = std::clamp(next.toInt(), 12, 240), ++i;
        else if (a == QLatin1String("--sample-every"))
            sampleEvery = std::max(1, next.toInt()), ++i;
        else if (a == QLatin1String("--no-shell"))
            shell = false;
        else
            return fail(QStringLiteral("unknown argument %1").arg(a));
    }

    FixedClock clock(QDateTime(QDate(2026, 11, 30), QTime(12, 0), Qt::UTC));
    const ProgramDefinition program = ProgramDefinition::sesMgMobilizacao();
    const ReferenceData reference = ReferenceRepository(dir).current();
    const QList<Municipality> state = reference.municipalities();

    // ---- 0. the replica
    if (storedVersion(dir) != bench::replicaMark(months)) {
        QDir(dir).removeRecursively();
        QDir().mkpath(dir);
        QElapsedTimer t;
        t.start();
        auto made = bench::generateReplica(dir, clock, reference, program, months, sampleEvery);
        if (!made)
            return fail(made.error().message);
        std::printf("0. generated %d reports, %d revisions, %lld actions, %lld codes in %.1f s\n",
                    made->reports, made->revisions, static_cast<long long>(made->actions),
                    static_cast<long long>(made->codes), double(t.elapsed()) / 1000.0);
        const QString checkDir = dir + QStringLiteral("-check");
        QDir(checkDir).removeRecursively();
        auto checked = bench::checkAgainstRealPath(dir, checkDir, clock, made->sample);
        QDir(checkDir).removeRecursively();
        if (!checked)
            return fail(checked.error().message);
        std::printf("   the same %d revisions through ReplicaService::applyPulled + storeManifest: %lld rows "
                    "compared, all equal\n",
                    int(made->sample.size()), static_cast<long long>(checked.value()));
    }
    {
        auto database = Database::open(dir);
        if (!database)
            return fail(database.error().message);
        std::printf(
            "   replica at %s: schema %d, %lld revisions, %lld actions, %lld codes, %lld packed, %.0f MB\n",
            qPrintable(dir), database.value()->schemaVersion(),
            static_cast<long long>(
                scalar(*database.value(), QStringLiteral("SELECT COUNT(*) FROM replica_revisions"))),
            static_cast<long long>(
                scalar(*database.value(), QStringLiteral("SELECT COUNT(*) FROM replica_actions"))),
            static_cast<long long>(
                scalar(*database.value(), QStringLiteral("SELECT COUNT(*) FROM replica_action_codes"))),
            static_cast<long long>(
                scalar(*database.value(), QStringLiteral("SELECT COUNT(*) FROM replica_packed_actions"))),
            double(QFileInfo(database.value()->filePath()).size()) / 1e6);
    }

    // ---- 1. the computations
    const Period newest = Period::fromDate(clock.today()).previous();
    Period yearAgo = newest;
    for (int i = 0; i < 11; ++i)
        yearAgo = yearAgo.previous();
    Period first = newest;
    for (int i = 1; i < months; ++i)
        first = first.previous();
    PanelFilter open{yearAgo, newest};
    open.target = reference.coverageTarget(state);
    PanelFilter theme = open;
    theme.theme = program.catalogue(QStringLiteral("temas")).first().code;
    Urs largest;
    for (const Urs &u : reference.urs())
        if (u.municipalityCount > largest.municipalityCount)
            largest = u;
    PanelFilter urs = open;
    for (const Municipality &m : reference.municipalitiesOfUrs(largest.name))
        urs.municipalities << m.ibge;
    urs.target = reference.coverageTarget(reference.municipalitiesOfUrs(largest.name));
    PanelFilter all = open;
    all.from = first;
    const struct
    {
        QString name;
        PanelFilter filter;
        double goal;
    } cases[] = {
        {QStringLiteral("opens: the state, last 12 months"), open, 1000},
        {QStringLiteral("filter: theme %1").arg(theme.theme), theme, 150},
        {QStringLiteral("filter: URS %1 (%2 municipalities)")
             .arg(largest.name)
             .arg(urs.municipalities.size()),
         urs, 150},
        {QStringLiteral("filter: %1 months (%2 … %3)").arg(months).arg(first.display(), newest.display()),
         all, 150}};

    std::printf(
        "1. computePanel over the state (%d municipalities), a fresh connection each time, %d runs:\n",
        int(state.size()), runs);
    for (const auto &c : cases) {
        QList<double> computeMs, wholeMs;
        PanelData data;
        for (int i = 0; i < runs; ++i) {
            auto once = computeOnce(dir, clock, program, state, c.filter, &data);
            if (!once)
                return fail(once.error().message);
            computeMs << once->first;
            wholeMs << once->second;
        }
        const Stats s = stats(computeMs), w = stats(wholeMs);
        // A filter's goal is the page's (1b: the inputs kept); here every case reads the
        // replica again, which the page does only when it opens.
        const bool opening = &c == &cases[0];
        const QString verdict =
            opening
                ? QStringLiteral("goal < %1 ms: %2")
                      .arg(c.goal, 0, 'f', 0)
                      .arg(w.worst < c.goal ? QStringLiteral("ok") : QStringLiteral("ABOVE GOAL"))
                : QStringLiteral("read again (the page's change: 1b, goal < %1 ms)").arg(c.goal, 0, 'f', 0);
        std::printf("   %-52s median %7.1f ms, worst %7.1f ms (with the connection: %7.1f)   %s\n",
                    qPrintable(c.name), s.median, s.worst, w.worst, qPrintable(verdict));
        std::printf("   %52s %lld actions, %lld people, %d/%d reporting, %d cells\n", "",
                    static_cast<long long>(data.tiles.actions), static_cast<long long>(data.tiles.people),
                    data.tiles.reporting, data.tiles.expected, int(data.cells.size()));
    }

    // ---- 1b. the page's filter changes, as PanelJob makes them: what a computation
    // read is kept, and a filter it covers is counted from memory (panel_cache.h).
    {
        PanelFilter allTheme = all;
        allTheme.theme = theme.theme;
        PanelFilter allUrs = urs;
        allUrs.from = first;
        // The page offers every month of the replica (PanelDashboard::fillMonths).
        const struct
        {
            QString name;
            PanelFilter filter;
            double goal; // 0: in the background, nobody waits for it
            bool offered;
        } steps[] = {
            {QStringLiteral("opens: the state, last 12 months"), open, 1000, false},
            {QStringLiteral("(background: the %1 months offered)").arg(months), all, 0, true},
            {QStringLiteral("then theme %1").arg(theme.theme), theme, 150, false},
            {QStringLiteral("then URS %1").arg(largest.name), urs, 150, false},
            {QStringLiteral("then %1 months").arg(months), all, 150, false},
            {QStringLiteral("then %1 months, theme %2").arg(months).arg(theme.theme), allTheme, 150, false},
            {QStringLiteral("then %1 months, URS %2").arg(months).arg(largest.name), allUrs, 150, false},
            {QStringLiteral("then back to the last 12 months"), open, 150, false}};
        std::printf(
            "1b. the page's filter changes in this order, with the inputs kept between them (PanelJob), "
            "worst of %d sequences:\n",
            runs);
        QList<QList<double>> ms(std::size(steps));
        QList<bool> read(std::size(steps));
        for (int r = 0; r < runs; ++r) {
            std::shared_ptr<const PanelInputCache> cache;
            for (size_t i = 0; i < std::size(steps); ++i) {
                auto once = computeKept(dir, clock, program, state, steps[i].filter, cache, steps[i].offered);
                if (!once)
                    return fail(once.error().message);
                ms[int(i)] << once->first;
                read[int(i)] = once->second;
            }
        }
        for (size_t i = 0; i < std::size(steps); ++i) {
            const Stats w = stats(ms.at(int(i)));
            if (steps[i].goal == 0) {
                std::printf("   %-52s median %7.1f ms, worst %7.1f ms %s  while the figures show\n",
                            qPrintable(steps[i].name), w.median, w.worst,
                            read.at(int(i)) ? "(read)" : "(kept)");
                continue;
            }
            std::printf("   %-52s median %7.1f ms, worst %7.1f ms %s  goal < %4.0f ms: %s\n",
                        qPrintable(steps[i].name), w.median, w.worst, read.at(int(i)) ? "(read)" : "(kept)",
                        steps[i].goal, w.worst < steps[i].goal ? "ok" : "ABOVE GOAL");
        }
    }

    // ---- 2. each statement, here and in the sqlite3 shell
    if (shell) {
        std::printf("2. each statement here and in the sqlite3 shell on the same file (best of 3, ms):\n");
        const QString file = QDir(dir).filePath(Database::fileName());
        for (const auto &c : cases) {
            QList<QList<Traced>> rounds;
            for (int r = 0; r < 3; ++r) {
                QList<Traced> traced;
                panel_detail::setQueryTrace([&traced](const QString &sql, const QVariantList &a, qint64 ns) {
                    traced << Traced{sql, a, ns};
                });
                auto once = computeOnce(dir, clock, program, state, c.filter);
                panel_detail::setQueryTrace({});
                if (!once)
                    return fail(once.error().message);
                rounds << traced;
            }
            QStringList statements;
            for (const Traced &t : rounds.first())
                statements << inlined(t);
            auto times = shellTimes(file, statements, 3);
            if (!times)
                return fail(times.error().message);
            std::printf("   %s\n", qPrintable(c.name));
            double hereTotal = 0, shellTotal = 0;
            bool allOk = true;
            for (int i = 0; i < statements.size(); ++i) {
                double here = 1e18, there = 1e18;
                for (int r = 0; r < 3; ++r) {
                    if (i < rounds.at(r).size())
                        here = std::min(here, double(rounds.at(r).at(i).nsecs) / 1e6);
                    there = std::min(there, times->at(r).at(i) * 1000.0);
                }
                hereTotal += here;
                shellTotal += there;
                // The shell prints its time rounded to the millisecond (real %.3f s): its
                // statement may have taken up to 0.5 ms more than it says, and below 5 ms
                // the ratio says nothing.
                const bool ok = here <= 1.2 * (there + 0.5) || here < 5.0;
                allOk = allOk && ok;
                std::printf("     %8.1f %8.1f  %-4s %s\n", here, there, ok ? "ok" : "SLOW",
                            qPrintable(statements.at(i).left(150)));
            }
            std::printf("     %8.1f %8.1f  total (here, shell)   goal here ≤ 1.2 × shell: %s\n", hereTotal,
                        shellTotal, allOk ? "ok" : "ABOVE GOAL");
        }
    }

    // ---- 3. memory
    const long kb = peakMemoryKb();
    std::printf("3. peak memory (VmHWM) of this process: %.0f MB   goal < 400 MB: %s\n", double(kb) / 1024.0,
                kb >= 0 && kb < 400 * 1024 ? "ok" : "ABOVE GOAL");
    return 0;
}
