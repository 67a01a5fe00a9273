// The municipality's side of the field harness (bench/field/field.sh, issue 13): a
// month of N camera photos, concluded in the real window and left alone. A plain
// executable, never run by ctest (tests/reliability/field_test.sh runs it through
// field.sh, in a bounded form).
//
//   bench_field_client --data-dir D --hub URL --code CODE [--photos N] [--actions A]
//                      [--idle-timeout S] [--timeout S] [--photo-dir P]
//   bench_field_client --data-dir D --template OUT [--photos N] [--actions A] [--photo-dir P]
//
// --template OUT (for bench/hub/bench_state.sh, no hub, no window): the same month,
// each stored photo followed by "mobiliza-bench-3106200" (a JPEG ignores bytes after
// its end; another municipality's copy puts its own 7-digit code there: same size,
// its own content address), concluded through ReportService; writes OUT/manifest.json
// (the outbox's exact bytes), OUT/photos/<sha256> and OUT/report (uuid, revision).
//
// 1. A new municipal profile (3106200) in D with the current month's draft: A
//    valid actions (4 by default) sharing N photos (20 by default). Each photo is a
//    4000 × 3000 camera-like JPEG (noise, gradients, EXIF date and orientation)
//    taken through the real PhotoPipeline, as "Adicionar fotos" does; the sources
//    are kept in P (default D/../camera) and made only once.
// 2. Enrolled with CODE at URL (the same call as "Conectar ao hub da URS…").
// 3. The main window (1366 × 768, offscreen without a display) on the editor of
//    that draft; "Concluir" clicked. From then on nobody touches anything: the
//    SyncController runs its passes by itself, with the app's own options (its
//    connectivity watcher, its timers, random jitter) — only the time-out without
//    progress can be shortened with --idle-timeout, for the bounded test.
// 4. Waits until the month's outbox row holds the hub's receipt (or --timeout S,
//    600 by default), then prints one line of figures and "RESULT key=value …"
//    (seconds from the click to the receipt, passes, failed passes, resumes,
//    the payload: manifest and photos). Exit 0 only when the receipt came.
#include "app/ui/app_context.h"
#include "app/ui/dialogs.h"
#include "app/ui/editor/report_editor_page.h"
#include "app/ui/main_window.h"
#include "core/demo/demo_content.h"
#include "core/photos/photo_pipeline.h"
#include "core/program/program_definition.h"
#include "core/reference/reference_data.h"
#include "core/services/outbox_service.h"
#include "core/services/report_service.h"
#include "core/services/services.h"
#include "sync/client/sync_controller.h"
#include "sync/client/token_store.h"
#include "tests/core/photos/image_factory.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QRandomGenerator>
#include <QTimer>

#include <cstdio>

using namespace mobiliza;

namespace {

const char *const kMunicipality = "3106200";

int fail(const QString &what)
{
    std::fprintf(stderr, "bench_field_client: %s\n", qPrintable(what));
    std::fflush(stderr);
    return 1;
}

// Confirms what the window asks ("Concluir o relatório de …?"); what it says is printed.
class AnsweringDialogs final : public ui::Dialogs
{
public:
    bool confirm(QWidget *, const QString &, const QString &text, const QString &, Tone) override
    {
        std::printf("window asked: %s — yes\n", qPrintable(text.simplified()));
        return true;
    }
    void warn(QWidget *, const QString &, const QString &text) override
    {
        std::printf("window warned: %s\n", qPrintable(text.simplified()));
    }
    void inform(QWidget *, const QString &, const QString &text) override
    {
        std::printf("window said: %s\n", qPrintable(text.simplified()));
    }
    QStringList openImageFiles(QWidget *, const QString &) override { return {}; }
    QStringList openFiles(QWidget *, const QString &, const QString &) override { return {}; }
    QString saveFileName(QWidget *, const QString &, const QString &, const QString &) override { return {}; }
    bool openFile(QWidget *, const QString &) override { return false; }
};

// The camera's files, made once per folder: distinct content (a patch per photo).
QStringList cameraFiles(const QString &dir, int count, const QDate &takenOn)
{
    QDir().mkpath(dir);
    QStringList files;
    const QByteArray date = takenOn.toString(QStringLiteral("yyyy:MM:dd")).toLatin1() + " 09:30:00";
    for (int i = 0; i < count; ++i) {
        const QString path = QDir(dir).filePath(QStringLiteral("IMG_%1.jpg").arg(1000 + i));
        if (!QFileInfo::exists(path)) {
            QImage image = test::noisyPhoto(4000, 3000, quint32(7 + i));
            for (int y = 0; y < 64; ++y)
                for (int x = 0; x < 64; ++x)
                    image.setPixel(100 + x + 70 * (i % 50), 100 + y, qRgb(i * 5 % 256, 255 - i, 0));
            const QByteArray jpeg =
                test::withExif(test::encode(image, "jpeg", 92), test::ExifSpec{1, date, true});
            if (!test::writeFile(path, jpeg))
                return {};
        }
        files << path;
    }
    return files;
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QString dataDir, hubUrl, code, photoDir, templateDir;
    int photoCount = 20, actionCount = 4, idleTimeout = 0, timeout = 600;
    const QStringList args = QCoreApplication::arguments();
    for (int i = 1; i + 1 < args.size(); ++i) {
        const QString &a = args.at(i);
        if (a == QLatin1String("--data-dir"))
            dataDir = args.at(++i);
        else if (a == QLatin1String("--hub"))
            hubUrl = args.at(++i);
        else if (a == QLatin1String("--code"))
            code = args.at(++i);
        else if (a == QLatin1String("--photos"))
            photoCount = std::max(1, args.at(++i).toInt());
        else if (a == QLatin1String("--actions"))
            actionCount = std::max(1, args.at(++i).toInt());
        else if (a == QLatin1String("--idle-timeout"))
            idleTimeout = std::max(1, args.at(++i).toInt());
        else if (a == QLatin1String("--timeout"))
            timeout = std::max(1, args.at(++i).toInt());
        else if (a == QLatin1String("--photo-dir"))
            photoDir = args.at(++i);
        else if (a == QLatin1String("--template"))
            templateDir = args.at(++i);
    }
    if (dataDir.isEmpty() || (templateDir.isEmpty() && (hubUrl.isEmpty() || code.isEmpty())))
        return fail(
            QStringLiteral("usage: --data-dir D (--hub URL --code CODE | --template OUT) [--photos N] "
                           "[--actions A] [--idle-timeout S] [--timeout S] [--photo-dir P]"));
    if (QDir(dataDir).exists() && !QDir(dataDir).isEmpty())
        return fail(QStringLiteral("%1 is not empty: the harness makes a new profile").arg(dataDir));
    if (photoDir.isEmpty())
        photoDir = QDir(dataDir).absoluteFilePath(QStringLiteral("../camera"));

    // ---- 1. the profile and the draft (the system's clock: the hub's own month)
    core::SystemClock clock;
    auto opened = core::Services::open(dataDir, clock);
    if (!opened)
        return fail(opened.error().message);
    core::Services &services = *opened.value();
    if (auto s = services.profile().setMunicipality(QString::fromLatin1(kMunicipality)); !s)
        return fail(s.error().message);
    services.profile().setUserName(QStringLiteral("Equipe de mobilização"));
    const core::ReferenceData reference = core::ReferenceData::embedded();
    const core::ProgramDefinition program = core::ProgramDefinition::sesMgMobilizacao();
    const core::Period period = core::Period::fromDate(clock.today());
    const auto report = services.reports().createReport(program.id(), period);
    if (!report)
        return fail(report.error().message);
    QRandomGenerator rng(20261203u);
    const QDate date = period.firstDay();
    const QStringList files = cameraFiles(photoDir, photoCount, date);
    if (files.size() != photoCount)
        return fail(QStringLiteral("could not write the camera's files in %1").arg(photoDir));
    const core::PhotoPipeline pipeline(services.blobs());
    qint64 sourceBytes = 0, storedBytes = 0;
    QElapsedTimer importing;
    importing.start();
    QString actionUuid;
    for (int i = 0; i < photoCount; ++i) {
        if (i % std::max(1, (photoCount + actionCount - 1) / actionCount) == 0) {
            const auto action = services.reports().addAction(
                report->uuid,
                core::demo::actionValues(program, i, date, QString::fromLatin1(kMunicipality), rng));
            if (!action)
                return fail(action.error().message);
            actionUuid = action->uuid;
        }
        const auto imported = pipeline.importFile(files.at(i));
        if (!imported)
            return fail(imported.error().message);
        core::Photo meta;
        meta.actionUuid = actionUuid;
        meta.sha256 = imported->sha256;
        meta.width = imported->width;
        meta.height = imported->height;
        meta.bytes = imported->bytes;
        if (!templateDir.isEmpty()) { // a tail to make each municipality's copy its own blob
            auto bytes = services.blobs().read(imported->sha256);
            if (!bytes)
                return fail(bytes.error().message);
            const auto tailed =
                services.blobs().put(bytes.value() + QByteArrayLiteral("mobiliza-bench-") + kMunicipality);
            if (!tailed)
                return fail(tailed.error().message);
            meta.sha256 = tailed.value();
            meta.bytes = bytes.value().size() + 22;
        }
        meta.takenOn = imported->takenOn.isValid() ? imported->takenOn : date;
        meta.author = services.profile().userName();
        meta.caption = QStringLiteral("Registro %1").arg(i + 1);
        if (auto added = services.reports().addPhoto(actionUuid, meta); !added)
            return fail(added.error().message);
        sourceBytes += QFileInfo(files.at(i)).size();
        storedBytes += imported->bytes;
    }
    std::printf("month %s: %d actions, %d photos from the camera (4000 × 3000, %.1f MB) stored as %.2f MB "
                "(%.0f KB a photo) in %.1f s\n",
                qPrintable(period.display()), actionCount, photoCount, double(sourceBytes) / 1e6,
                double(storedBytes) / 1e6, double(storedBytes) / photoCount / 1024.0,
                double(importing.elapsed()) / 1000.0);

    if (!templateDir.isEmpty()) {
        if (auto concluded = services.reports().conclude(report->uuid); !concluded)
            return fail(concluded.error().message);
        core::OutboxService outbox(services.database(), services.notifier(), services.clock(),
                                   services.audit());
        const auto items = outbox.items();
        if (!items || items->size() != 1)
            return fail(QStringLiteral("the concluded month is not in the outbox"));
        const core::OutboxItem &item = items->first();
        const auto manifest = outbox.manifest(item.uuid);
        if (!manifest)
            return fail(manifest.error().message);
        QDir(templateDir).mkpath(QStringLiteral("photos"));
        if (!test::writeFile(QDir(templateDir).filePath(QStringLiteral("manifest.json")), manifest.value()) ||
            !test::writeFile(QDir(templateDir).filePath(QStringLiteral("report")),
                             QStringLiteral("%1 %2\n").arg(item.reportUuid).arg(item.revision).toLatin1()))
            return fail(QStringLiteral("cannot write in %1").arg(templateDir));
        for (const core::OutboxBlob &blob : item.blobs) {
            const auto bytes = services.blobs().read(blob.sha256);
            if (!bytes ||
                !test::writeFile(QDir(templateDir).filePath(QStringLiteral("photos/") + blob.sha256),
                                 bytes.value()))
                return fail(QStringLiteral("photo %1 not written").arg(blob.sha256));
        }
        std::printf("template in %s: manifest %lld bytes, %d photos\n", qPrintable(templateDir),
                    static_cast<long long>(manifest->size()), int(item.blobs.size()));
        return 0;
    }

    // ---- 2. enrolled, as the window's dialog does
    QNetworkAccessManager network;
    sync::FileTokenStore tokens(QDir(dataDir).filePath(sync::FileTokenStore::defaultFileName()));
    sync::SyncOptions options; // the app's own: timers, connectivity watcher, jitter
    if (idleTimeout > 0)
        options.timeouts.idleMs = idleTimeout * 1000;
    options.installationLabel = QStringLiteral("bench_field_client");
    sync::SyncController controller(services, &network, tokens, options);
    if (auto enrolled = controller.enrollBlocking(hubUrl, code, 120'000); !enrolled)
        return fail(QStringLiteral("enrollment: %1").arg(enrolled.error().message));

    // ---- 3. the window; "Concluir"
    AnsweringDialogs dialogs;
    ui::AppContext context{
        dataDir, reference, program, &services, &clock, &controller, core::Role::Municipality};
    ui::MainWindow window(context, nullptr, &dialogs);
    window.resize(1366, 768);
    window.show();
    controller.start();
    window.openReport(report->uuid);
    ui::ReportEditorPage *editor = window.editor();
    if (!editor || editor->report().uuid != report->uuid)
        return fail(QStringLiteral("the editor did not open the month"));
    int passes = 0, failedPasses = 0, resumed = 0;
    QStringList errors;
    QObject::connect(&controller, &sync::SyncController::passFinished, &app, [&](const sync::PassReport &r) {
        ++passes;
        resumed += r.resumed;
        if (r.error) {
            ++failedPasses;
            errors << sync::HubError::kindKey(r.error->kind);
        }
    });
    QElapsedTimer wall;
    QEventLoop settle;
    QTimer::singleShot(300, &settle, &QEventLoop::quit); // first paints
    settle.exec();
    if (!editor->concludeButton()->isEnabled())
        return fail(QStringLiteral("\"Concluir\" is not enabled: the month has a problem"));
    wall.start();
    editor->concludeButton()->click();
    const auto item = [&]() -> std::optional<core::OutboxItem> {
        const auto items = controller.outbox().items();
        if (!items)
            return std::nullopt;
        for (const core::OutboxItem &i : items.value())
            if (i.reportUuid == report->uuid)
                return i;
        return std::nullopt;
    };
    const auto queued = item();
    if (!queued)
        return fail(QStringLiteral("the click did not conclude the month"));
    std::printf("concluded: revision %d in the outbox, %.2f MB (manifest and photos); now nobody touches "
                "anything\n",
                queued->revision, double(queued->bytes) / 1e6);
    std::fflush(stdout);

    // ---- 4. until the receipt (checked whenever the outbox changes, and every second)
    QEventLoop wait;
    bool received = false;
    const auto check = [&] {
        if (const auto now = item(); now && now->state == core::OutboxState::Received) {
            received = true;
            wait.quit();
        }
    };
    QObject::connect(&services.notifier(), &core::Notifier::reportChanged, &wait, check);
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &wait, check);
    poll.start(1000);
    QTimer::singleShot(timeout * 1000, &wait, &QEventLoop::quit);
    check();
    if (!received)
        wait.exec();
    const double seconds = double(wall.elapsed()) / 1000.0;
    if (controller.isRunning()) { // the receipt is in; the pass's end (status feed) counts it
        QEventLoop end;
        QObject::connect(&controller, &sync::SyncController::passFinished, &end, &QEventLoop::quit);
        QTimer::singleShot(60'000, &end, &QEventLoop::quit);
        end.exec();
    }
    const auto last = item();
    std::printf("%s after %.1f s: %d pass(es), %d failed (%s), %d resume(s) after a cut; last error: %s\n",
                received ? "receipt" : "NO RECEIPT", seconds, passes, failedPasses,
                qPrintable(errors.join(QLatin1Char(','))), resumed,
                last ? qPrintable(last->lastError.code.isEmpty() ? QStringLiteral("-") : last->lastError.code)
                     : "-");
    std::printf("RESULT received=%d seconds=%.1f passes=%d failed_passes=%d resumed=%d payload_bytes=%lld "
                "photos=%d photo_bytes=%lld\n",
                received ? 1 : 0, seconds, passes, failedPasses, resumed,
                static_cast<long long>(queued->bytes), photoCount, static_cast<long long>(storedBytes));
    std::fflush(stdout);
    return received ? 0 : 1;
}
