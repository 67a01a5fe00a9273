// The UI thread's longest stall (issue 12 §7; a plain executable, never run by
// ctest; QT_QPA_PLATFORM=offscreen is set when there is no display).
//
//   bench_ui_stalls [--idle-seconds N] [--keys N] [--photo-kb N] [--sync-page NAME]
//
// --photo-kb N adds to every action of the 12 months to send one noisy
// 1600 × 1200 JPEG of at most about N KB (the demo's photos are ≈ 20 KB).
// --sync-page NAME shows another page than "sync" during the sync (reports,
// partners, panel, settings): which stalls are the page's, which the pass's.
//
// The probe: a 16 ms QTimer (Qt::PreciseTimer) on the GUI thread; each tick
// records how late it fired — the time since the previous tick minus 16 ms
// (QElapsedTimer). For each scenario: ticks, p50, p99 and max lateness, and the
// stalls > 50 ms. Goal: max < 16 ms (one frame).
//
// The profile: municipality 3106200 with 120 months of reports — the
// demonstration set (core::DemoData: the last 12 months concluded, the current
// month a draft) and 107 older months of 8 actions each, 1–3 photos an action,
// concluded and marked received as if sent long ago.
//   1. idle: the main window (1366 × 768) on the Relatórios page, 3 s.
//   2. typing: the editor on the current month's draft, a new action, 200 key
//      presses into its title, one every 60 ms (posted QKeyEvents), so the
//      300 ms autosave and every page's reaction run as for a person; measured
//      until 1 s after the last key. Twice: without a break (the debounced
//      autosave then waits for the last key), and with a 400 ms pause after each
//      word (a save after each word).
//   3. syncing 12 months: the real `mobiliza-hub serve` as a child process, the
//      profile enrolled through the SyncController, the window on the
//      Synchronization page, "sync now" until passFinished (+ 250 ms). The
//      five longest ticks are printed with when they came.
#include "app/ui/app_context.h"
#include "app/ui/dialogs.h"
#include "app/ui/editor/action_form.h"
#include "app/ui/editor/report_editor_page.h"
#include "app/ui/main_window.h"
#include "bench/ui/stall_probe.h"
#include "core/demo/demo_content.h"
#include "core/demo/demo_data.h"
#include "core/services/notifier.h"
#include "core/services/outbox_service.h"
#include "core/services/report_service.h"
#include "core/services/services.h"
#include "sync/client/sync_controller.h"
#include "sync/client/token_store.h"
#include "tests/reliability/client_profile.h"
#include "tests/reliability/reliability_fixture.h"

#include <QApplication>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QKeyEvent>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <memory>
#include <numeric>
#include <optional>

#ifndef MOBILIZA_HUB_EXE
#error "MOBILIZA_HUB_EXE must name the mobiliza-hub executable"
#endif

using namespace mobiliza;
using bench::kTickMs;
using bench::StallProbe;
using bench::TimedApplication;

namespace {

constexpr double kStallMs = 50.0;
const char *const kMunicipality = "3106200";

int fail(const QString &what)
{
    std::fprintf(stderr, "bench_ui_stalls: %s\n", qPrintable(what));
    return 1;
}

// The dialogs seam answered at once (nothing here should ask anything: what was
// said is printed at the end).
class BenchDialogs final : public ui::Dialogs
{
public:
    bool confirm(QWidget *, const QString &, const QString &text, const QString &, Tone) override
    {
        said << QStringLiteral("confirm: ") + text;
        return true;
    }
    void warn(QWidget *, const QString &, const QString &text) override
    {
        said << QStringLiteral("warn: ") + text;
    }
    void inform(QWidget *, const QString &, const QString &text) override
    {
        said << QStringLiteral("inform: ") + text;
    }
    QStringList openImageFiles(QWidget *, const QString &) override { return {}; }
    QStringList openFiles(QWidget *, const QString &, const QString &) override { return {}; }
    QString saveFileName(QWidget *, const QString &, const QString &, const QString &) override { return {}; }
    bool openFile(QWidget *, const QString &) override { return false; }

    QStringList said;
};

struct Figures
{
    QString scenario;
    int ticks = 0;
    double p50 = 0;
    double p99 = 0;
    double max = 0;
    int stalls = 0;
    double seconds = 0;
    QString baseline;
};

Figures figuresOf(const QString &scenario, QList<double> late, double seconds, const QString &baseline)
{
    Figures f{scenario, int(late.size()), 0, 0, 0, 0, seconds, baseline};
    if (late.isEmpty())
        return f;
    std::sort(late.begin(), late.end());
    const auto at = [&](double q) {
        const auto i = qsizetype(std::ceil(q * double(late.size()))) - 1;
        return late.at(std::clamp<qsizetype>(i, 0, late.size() - 1));
    };
    f.p50 = at(0.50);
    f.p99 = at(0.99);
    f.max = late.last();
    f.stalls = int(std::count_if(late.begin(), late.end(), [](double v) { return v > kStallMs; }));
    return f;
}

// Runs `begin` (which arranges for the loop to quit) under the probe.
Figures measure(const QString &scenario, const QString &baseline,
                const std::function<void(QEventLoop &)> &begin)
{
    StallProbe probe;
    QEventLoop loop;
    QElapsedTimer wall;
    probe.start();
    wall.start();
    auto *timed = static_cast<TimedApplication *>(QCoreApplication::instance());
    timed->record(true);
    QTimer::singleShot(0, &loop, [&] { begin(loop); });
    loop.exec();
    const QList<double> late = probe.stop();
    timed->record(false);
    const Figures f = figuresOf(scenario, late, double(wall.elapsed()) / 1000.0, baseline);
    std::printf("   %s: %d ticks in %.1f s, p50 %.1f ms, p99 %.1f ms, max %.1f ms, %d stall(s) > 50 ms\n",
                qPrintable(scenario), f.ticks, f.seconds, f.p50, f.p99, f.max, f.stalls);
    // The longest ones, and when: to match them with what ran then.
    QList<qsizetype> order(late.size());
    std::iota(order.begin(), order.end(), qsizetype(0));
    std::sort(order.begin(), order.end(), [&](qsizetype a, qsizetype b) { return late.at(a) > late.at(b); });
    QStringList worst;
    const QList<double> at = probe.firedAt();
    for (qsizetype i = 0; i < std::min<qsizetype>(5, order.size()) && late.at(order.at(i)) > kTickMs; ++i)
        worst << QStringLiteral("%1 ms at %2 s")
                     .arg(late.at(order.at(i)), 0, 'f', 1)
                     .arg(at.at(order.at(i)), 0, 'f', 2);
    if (!worst.isEmpty())
        std::printf("   longest over 16 ms: %s\n", qPrintable(worst.join(QStringLiteral(", "))));
    if (const QStringList slow = timed->slowest(12); !slow.isEmpty())
        std::printf("   longest events (> 12 ms): %s\n", qPrintable(slow.join(QStringLiteral("; "))));
    std::fflush(stdout);
    return f;
}

void settle(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

qint64 folderBytes(const QString &path)
{
    qint64 total = 0;
    QDirIterator it(path, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        total += QFileInfo(it.next()).size();
    return total;
}

// The keys typed into the title (at most 120 characters): a title written, and
// when it gets long, its last words rubbed out (Backspace) and written again.
QList<QPair<int, QString>> keystrokes(int count)
{
    const QString text =
        QStringLiteral("Dia D contra a dengue no bairro Esperança com a escola, a paróquia e a "
                       "rádio comunitária; visita às casas e mutirão de limpeza ");
    QList<QPair<int, QString>> keys;
    int length = 0;
    int next = 0;
    bool erasing = false;
    while (keys.size() < count) {
        if (erasing || length >= 100) {
            erasing = length > 60;
            if (erasing) {
                keys << qMakePair(int(Qt::Key_Backspace), QString());
                --length;
                continue;
            }
        }
        const QChar c = text.at(next % text.size());
        ++next;
        int key = Qt::Key_unknown;
        if (c == QLatin1Char(' '))
            key = Qt::Key_Space;
        else if (c.isLetterOrNumber() && c.unicode() < 128)
            key = c.toUpper().unicode();
        else if (c.unicode() < 128)
            key = c.unicode();
        keys << qMakePair(key, QString(c));
        ++length;
    }
    return keys;
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    qputenv("QT_LOGGING_RULES", "mobiliza.*=false");
    TimedApplication app(argc, argv);
    int idleSeconds = 3;
    int keyCount = 200;
    int photoKb = 0;
    QString syncPage = QStringLiteral("sync");
    const QStringList args = QCoreApplication::arguments();
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args.at(i) == QLatin1String("--idle-seconds"))
            idleSeconds = std::max(1, args.at(++i).toInt());
        else if (args.at(i) == QLatin1String("--keys"))
            keyCount = std::max(1, args.at(++i).toInt());
        else if (args.at(i) == QLatin1String("--photo-kb"))
            photoKb = std::max(0, args.at(++i).toInt());
        else if (args.at(i) == QLatin1String("--sync-page"))
            syncPage = args.at(++i);
    }

    // ---- the profile: 120 months
    QTemporaryDir dir;
    core::FixedClock clock(QDateTime(QDate(2026, 11, 22), QTime(14, 0), QTimeZone::utc()));
    auto opened = core::Services::open(dir.path(), clock);
    if (!opened)
        return fail(opened.error().message);
    core::Services &services = *opened.value();
    if (auto s = services.profile().setMunicipality(QString::fromLatin1(kMunicipality)); !s)
        return fail(s.error().message);
    const core::ReferenceData reference = core::ReferenceData::embedded();
    const core::ProgramDefinition program = core::ProgramDefinition::sesMgMobilizacao();

    QNetworkAccessManager network;
    sync::FileTokenStore tokens(dir.filePath(sync::FileTokenStore::defaultFileName()));
    sync::SyncOptions syncOptions;
    syncOptions.watchConnectivity = false;
    syncOptions.periodicMs = 24 * 3600 * 1000; // passes only when "sync now" is pressed
    syncOptions.timeouts = {30'000, 30'000};
    syncOptions.random01 = [] { return 0.5; };
    syncOptions.installationLabel = QStringLiteral("bench_ui_stalls");
    sync::SyncController controller(services, &network, tokens, syncOptions);

    QElapsedTimer creation;
    creation.start();
    auto demo = core::DemoData(services, program, reference, clock).seed();
    if (!demo)
        return fail(demo.error().message);
    int reports = demo->reports;
    int actions = demo->actions;
    int photos = demo->photos;
    // Stores one photo for an action: `bytes` with a numbered tail (each its own blob),
    // the rest of `meta` as given. Its size in bytes, or why it failed.
    const auto addPhoto = [&](const QString &action, QByteArray bytes,
                              core::Photo meta) -> core::Result<qint64> {
        bytes += QByteArray::number(photos).rightJustified(12, '0');
        const auto sha = services.blobs().put(bytes);
        if (!sha)
            return sha.error();
        meta.sha256 = sha.value();
        meta.author = QStringLiteral("Equipe de mobilização");
        meta.bytes = bytes.size();
        if (auto added = services.reports().addPhoto(action, meta); !added)
            return added.error();
        ++photos;
        return qint64(bytes.size());
    };
    const core::Period current = core::Period::fromDate(clock.today());
    core::Period oldest = current;
    for (int i = 0; i < 12; ++i)
        oldest = oldest.previous(); // the demo's oldest month

    // A few generated photos, each stored with a distinct tail (a JPEG ignores
    // bytes after its end), so every photo is its own blob of a demo photo's size.
    QRandomGenerator rng(20261122u);
    QList<QByteArray> pool;
    for (int i = 0; i < 12; ++i)
        pool << core::demo::makePhoto(rng, i);
    qint64 olderPhotoBytes = 0;
    qint64 bigPhotoBytes = 0;
    int bigPhotos = 0;
    int sample = 0;
    const QString municipality = QString::fromLatin1(kMunicipality);
    for (core::Period period = oldest.previous(); reports < 120; period = period.previous()) {
        const auto created = services.reports().createReport(program.id(), period);
        if (!created)
            return fail(created.error().message);
        ++reports;
        for (int a = 0; a < 8; ++a) {
            const QDate date(period.year, period.month, 1 + int(rng.bounded(period.lastDay().day())));
            const QJsonObject values = core::demo::actionValues(program, sample, date, municipality, rng);
            const auto action = services.reports().addAction(created->uuid, values);
            if (!action)
                return fail(action.error().message);
            ++actions;
            const int count = 1 + int(rng.bounded(3));
            for (int k = 0; k < count; ++k) {
                core::Photo meta;
                meta.caption =
                    QStringLiteral("%1 — registro %2").arg(core::demo::sampleTitle(sample)).arg(k + 1);
                meta.takenOn = date;
                meta.identifiablePeople = k == 0;
                meta.authorizationOnFile = k == 0;
                meta.width = core::demo::kPhotoWidth;
                meta.height = core::demo::kPhotoHeight;
                const auto added = addPhoto(action->uuid, pool.at(photos % pool.size()), meta);
                if (!added)
                    return fail(added.error().message);
                olderPhotoBytes += added.value();
            }
            ++sample;
        }
        if (auto s = services.reports().conclude(created->uuid); !s)
            return fail(QStringLiteral("%1: %2").arg(period.display(), s.error().message));
    }
    // --photo-kb N: each action of the 12 months to send gets one more photo, a
    // noisy 1600 × 1200 JPEG of about N KB (a camera's photo as the import
    // pipeline stores it), withdrawn and concluded again to take it.
    if (photoKb > 0) {
        // The highest JPEG quality (95, 85, … 15) whose photo stays within N KB.
        int quality = 95;
        QList<QByteArray> big{test::noiseJpeg(1u, 1600, 1200, quality)};
        while (quality > 15 && big.first().size() > qint64(photoKb) * 1024) {
            quality -= 10;
            big = {test::noiseJpeg(1u, 1600, 1200, quality)};
        }
        for (quint32 seed = 2; big.size() < 6; ++seed)
            big << test::noiseJpeg(seed, 1600, 1200, quality);
        const auto summaries = services.reports().summaries();
        if (!summaries)
            return fail(summaries.error().message);
        for (const auto &s : summaries.value()) {
            if (s.state != core::ReportState::Ready || s.period < oldest)
                continue;
            if (auto w = services.reports().applyEvent(s.uuid, core::ReportEvent::Withdraw); !w)
                return fail(w.error().message);
            const auto report = services.reports().report(s.uuid);
            if (!report)
                return fail(report.error().message);
            for (const core::Action &action : report->actions) {
                core::Photo meta;
                meta.caption = QStringLiteral("Registro da ação");
                meta.takenOn = action.photos.isEmpty() ? s.period.firstDay() : action.photos.first().takenOn;
                meta.width = 1600;
                meta.height = 1200;
                const auto added = addPhoto(action.uuid, big.at(photos % big.size()), meta);
                if (!added)
                    return fail(added.error().message);
                bigPhotoBytes += added.value();
                ++bigPhotos;
            }
            if (auto c = services.reports().conclude(s.uuid); !c)
                return fail(c.error().message);
        }
    }
    // The older months were sent long ago: their outbox rows carry a receipt.
    const auto items = controller.outbox().items();
    if (!items)
        return fail(items.error().message);
    int toSend = 0;
    int photosToSend = 0;
    qint64 bytesToSend = 0;
    for (const core::OutboxItem &item : items.value()) {
        if (item.period < oldest) {
            core::OutboxReceipt receipt{QStringLiteral("history-%1").arg(item.period.key()),
                                        clock.now().addDays(-30), item.manifestSha256};
            if (auto s = controller.outbox().markReceived(item.uuid, receipt); !s)
                return fail(s.error().message);
        } else {
            ++toSend;
            photosToSend += int(item.blobs.size());
            bytesToSend += item.bytes;
        }
    }
    const double creationSeconds = double(creation.elapsed()) / 1000.0;
    QString draft;
    if (const auto summaries = services.reports().summaries(); summaries) {
        for (const auto &s : summaries.value())
            if (s.period == current && s.state == core::ReportState::Draft)
                draft = s.uuid;
    }
    if (draft.isEmpty())
        return fail(QStringLiteral("no draft for the current month"));
    std::printf("profile (municipality %s): %d reports (120 months), %d actions, %d photos, %.1f MB on disk; "
                "made in %.1f s\n",
                kMunicipality, reports, actions, photos, double(folderBytes(dir.path())) / 1e6,
                creationSeconds);
    std::printf(
        "photos: the demo's %d × %d JPEGs, %.0f KB on average (the older months' are copies of them, each "
        "its own blob)\n",
        core::demo::kPhotoWidth, core::demo::kPhotoHeight,
        double(olderPhotoBytes) / double(std::max(1, photos - demo->photos)) / 1024.0);
    if (bigPhotos > 0)
        std::printf("--photo-kb: %d more photos in the months to send, 1600 × 1200, %.0f KB on average\n",
                    bigPhotos, double(bigPhotoBytes) / double(bigPhotos) / 1024.0);
    std::printf("to send: %d months, %d photos, %.1f MB (manifests + photos)\n", toSend, photosToSend,
                double(bytesToSend) / 1e6);
    std::fflush(stdout);

    // ---- the window
    BenchDialogs dialogs;
    ui::AppContext context{
        dir.path(), reference, program, &services, &clock, &controller, core::Role::Municipality};
    ui::MainWindow window(context, nullptr, &dialogs);
    window.resize(1366, 768);
    window.show();
    window.activateWindow();
    window.showPage(QStringLiteral("reports"));
    settle(1000); // the first paints and whatever the pages start on their own
    QList<Figures> table;

    // ---- 1. idle
    std::printf("1. idle, the Relatórios page, %d s\n", idleSeconds);
    table << measure(QStringLiteral("idle"), QStringLiteral("p99 0.5 ms"), [&](QEventLoop &loop) {
        QTimer::singleShot(idleSeconds * 1000, &loop, &QEventLoop::quit);
    });

    // ---- 2. typing, twice: a key every 60 ms without a break (the autosave waits
    // for the last key), then with a 400 ms pause after each word (it saves then)
    window.openReport(draft);
    ui::ReportEditorPage *editor = window.editor();
    if (!editor || editor->report().uuid != draft)
        return fail(QStringLiteral("the editor did not open the draft"));
    int saves = 0;
    QObject::connect(&services.notifier(), &core::Notifier::reportChanged, &app, [&](const QString &uuid) {
        if (uuid == draft)
            ++saves;
    });
    const auto typing = [&](const QString &scenario, int wordPauseMs) -> std::optional<Figures> {
        editor->addNewAction();
        settle(500);
        QWidget *field = editor->form()->fieldWidget(program.fieldForRole(core::field_role::Title));
        auto *title = qobject_cast<QLineEdit *>(field);
        if (!title && field)
            title = field->findChild<QLineEdit *>();
        if (!title) {
            fail(QStringLiteral("no title field"));
            return std::nullopt;
        }
        title->setFocus();
        settle(200);
        const QString actionUuid = editor->currentActionUuid();
        const auto keys = keystrokes(keyCount);
        std::printf(
            "2. typing %d keys into a new action's title of the current month's draft, one every 60 ms%s\n",
            int(keys.size()),
            wordPauseMs > 0 ? qPrintable(QStringLiteral(", %1 ms more after each word").arg(wordPauseMs))
                            : ", no pause");
        saves = 0;
        const Figures f = measure(scenario, QStringLiteral("not measured before"), [&](QEventLoop &loop) {
            auto typed = std::make_shared<int>(0);
            auto next = std::make_shared<std::function<void()>>();
            *next = [&, typed, next] {
                if (*typed == keys.size()) {
                    QTimer::singleShot(1000, &loop, &QEventLoop::quit); // the autosave and its reactions
                    *next = nullptr;                                    // (breaks the cycle)
                    return;
                }
                const auto &[key, text] = keys.at(*typed);
                ++*typed;
                QCoreApplication::postEvent(title,
                                            new QKeyEvent(QEvent::KeyPress, key, Qt::NoModifier, text));
                QCoreApplication::postEvent(title,
                                            new QKeyEvent(QEvent::KeyRelease, key, Qt::NoModifier, text));
                const int delay = 60 + (key == Qt::Key_Space ? wordPauseMs : 0);
                QTimer::singleShot(delay, Qt::PreciseTimer, &loop, [next] {
                    if (*next)
                        (*next)();
                });
            };
            (*next)();
        });
        editor->flushPendingEdits();
        QString saved;
        if (const auto report = services.reports().report(draft); report)
            for (const core::Action &a : report->actions)
                if (a.uuid == actionUuid)
                    saved = a.values.value(program.fieldForRole(core::field_role::Title)).toString();
        std::printf("   the title: %d characters in the field, %d saved%s; %d change notification(s) of the "
                    "draft while measured\n",
                    int(title->text().size()), int(saved.size()),
                    saved == title->text() && !saved.isEmpty() ? "" : "  (NOT SAVED AS TYPED)", saves);
        return f;
    };
    const auto steady = typing(QStringLiteral("typing in a 10-year profile, 60 ms a key"), 0);
    if (!steady)
        return 1;
    table << *steady;
    const auto pausing =
        typing(QStringLiteral("typing in a 10-year profile, 400 ms pause after each word"), 400);
    if (!pausing)
        return 1;
    table << *pausing;

    // ---- 3. syncing 12 months
    QTemporaryDir hubDir;
    test::HubProcess hub(QStringLiteral(MOBILIZA_HUB_EXE), hubDir.path());
    if (!hub.start())
        return fail(hub.why());
    const QString code = hub.enrollCode(QString::fromLatin1(kMunicipality));
    if (code.isEmpty())
        return fail(QStringLiteral("no enrollment code: ") + hub.why());
    if (auto e = controller.enrollBlocking(hub.url(), code); !e)
        return fail(e.error().message);
    if (!window.showPage(syncPage))
        return fail(QStringLiteral("no page ") + syncPage);
    settle(1000);
    std::printf("3. syncing: \"sync now\" with %d concluded months queued, the page \"%s\" shown (hub %s)\n",
                toSend, qPrintable(syncPage), qPrintable(hub.url()));
    sync::PassReport pass;
    const QString syncScenario = syncPage == QLatin1String("sync")
                                     ? QStringLiteral("syncing 12 months")
                                     : QStringLiteral("syncing 12 months, page %1 shown").arg(syncPage);
    table << measure(syncScenario, QStringLiteral("p99 71 ms, max 84 ms, ~1 stall > 50 ms a month sent"),
                     [&](QEventLoop &loop) {
                         QObject::connect(&controller, &sync::SyncController::passFinished, &loop,
                                          [&](const sync::PassReport &report) {
                                              pass = report;
                                              QTimer::singleShot(250, &loop, &QEventLoop::quit);
                                          });
                         controller.syncNow();
                     });
    std::printf("   the pass: %d sent, %d rejected, %d failed, %d remaining, all confirmed: %s\n", pass.sent,
                pass.rejected, pass.failed, pass.remaining, pass.allConfirmed ? "yes" : "NO");
    for (const QString &m : pass.messages)
        std::printf("   %s\n", qPrintable(m));
    hub.stop();

    // ---- the table
    std::printf(
        "\n| scenario | ticks | p50 | p99 | max | stalls > 50 ms | goal: max < 16 ms | baseline (before) |\n"
        "| --- | --- | --- | --- | --- | --- | --- | --- |\n");
    bool ok = true;
    for (const Figures &f : table) {
        const bool met = f.max < kTickMs;
        ok = ok && met;
        std::printf("| %s | %d | %.1f ms | %.1f ms | %.1f ms | %d | %s | %s |\n", qPrintable(f.scenario),
                    f.ticks, f.p50, f.p99, f.max, f.stalls, met ? "ok" : "ABOVE GOAL",
                    qPrintable(f.baseline));
    }
    for (const QString &s : dialogs.said)
        std::printf("dialog: %s\n", qPrintable(s));
    window.close();
    return ok && pass.allConfirmed ? 0 : 1;
}
