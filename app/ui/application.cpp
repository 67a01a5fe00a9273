#include "app/ui/application.h"

#include "app/platform/console.h"
#include "app/ui/command_line.h"
#include "app/ui/dialogs/municipality_dialog.h"
#include "app/ui/main_window.h"
#include "app/ui/pages/panel_page.h"
#include "app/ui/panel/panel_command.h"
#include "app/ui/panel/panel_dashboard.h"
#include "app/ui/panel/program_panel_page.h"
#include "app/ui/panel/targets_dialog.h"
#include "app/ui/profile_setup.h"
#include "app/ui/regional/inbox_page.h"
#include "app/ui/regional/regional_commands.h"
#include "app/ui/regional/report_view.h"
#include "app/ui/single_instance.h"
#include "app/ui/sync/keychain_token_store.h"
#include "core/demo/apoio_demo.h"
#include "core/demo/demo_data.h"
#include "core/demo/regional_demo.h"
#include "core/exports/month_exports.h"
#include "core/package/report_package.h"
#include "core/reference/reference_repository.h"
#include "core/services/blob_collector.h"
#include "core/services/services.h"
#include "sync/client/sync_controller.h"

#include <QApplication>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QFuture>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QLoggingCategory>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTextBrowser>
#include <QTextStream>
#include <QTimer>
#include <QTranslator>
#include <QtConcurrent/QtConcurrentRun>

#include <cstdio>
#include <memory>

namespace mobiliza::ui {

Q_LOGGING_CATEGORY(lcApplication, "mobiliza.app")

namespace {

class Translators
{
public:
    void install(const QString &language)
    {
        for (auto &t : m_installed)
            QCoreApplication::removeTranslator(t.get());
        m_installed.clear();
        const bool portuguese = language != QLatin1String("en");
        QLocale::setDefault(portuguese ? QLocale(QLocale::Portuguese, QLocale::Brazil)
                                       : QLocale(QLocale::English, QLocale::UnitedStates));
        load(QStringLiteral(":/i18n/mobiliza_%1.qm").arg(portuguese ? QStringLiteral("pt_BR") : QStringLiteral("en")));
        // Qt's own dialogs and buttons: the catalogue qt_pt_BR (Debian's meta-catalogue,
        // windeployqt's merged one), or qtbase_pt_BR where only that is installed.
        const QString qtDir = QLibraryInfo::path(QLibraryInfo::TranslationsPath);
        if (portuguese && !load(qtDir + QStringLiteral("/qt_pt_BR.qm")))
            load(qtDir + QStringLiteral("/qtbase_pt_BR.qm"));
    }

private:
    bool load(const QString &file)
    {
        auto t = std::make_unique<QTranslator>();
        if (!t->load(file) || !QCoreApplication::installTranslator(t.get()))
            return false;
        m_installed.push_back(std::move(t));
        return true;
    }
    std::vector<std::unique_ptr<QTranslator>> m_installed;
};

QString defaultDataDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

// Not being able to tidy up is no reason to stop: it is tried again next time.
void tidyBlobs(core::Services &services, const core::Clock &clock)
{
    if (auto tidied =
            core::collectProfileBlobs(services.database(), services.blobs(), services.audit(), clock);
        !tidied)
        qCWarning(lcApplication) << "photo files not tidied:" << tidied.error().code;
}

// The same on a worker, through a connection of its own. The collection holds the
// write lock while it reads the references, so nothing is deleted that a write of the
// window names meanwhile (that write waits for it, as for any other).
QFuture<void> tidyInBackground(const QString &dataDir, const core::Clock &clock)
{
    return QtConcurrent::run([dataDir, &clock] {
        auto opened = core::Services::open(dataDir, clock);
        if (!opened) {
            qCWarning(lcApplication) << "photo files not tidied:" << opened.error().code;
            return;
        }
        tidyBlobs(*opened.value(), clock);
    });
}

int fail(const QString &message, bool headless, QString *err)
{
    if (headless || !qobject_cast<QApplication *>(QCoreApplication::instance())) {
        *err += message + QLatin1Char('\n');
    } else {
        QMessageBox box(QMessageBox::Critical, QCoreApplication::translate("Application", "Mobiliza"), message, QMessageBox::Ok);
        box.exec();
        *err += message + QLatin1Char('\n');
    }
    return 1;
}

} // namespace

int runMobiliza(const QStringList &arguments, const StartupSeams &seams, QString *out, QString *err)
{
    static Translators translators; // lives as long as the application
    // First pass only to know the language for messages about the command line itself.
    CommandLine cl = parseCommandLine(arguments);
    translators.install(cl.language.isEmpty() ? QStringLiteral("pt_BR") : cl.language);
    cl = parseCommandLine(arguments);

    if (!cl.error.isEmpty()) {
        *err += cl.error + QLatin1Char('\n');
        return 2;
    }
    if (cl.showHelp) {
        *out += cl.helpText;
        return 0;
    }
    if (cl.showVersion) {
        *out += QStringLiteral("mobiliza %1\n").arg(QCoreApplication::applicationVersion());
        return 0;
    }
    const bool headless = cl.isHeadless();

    core::SystemClock systemClock;
    const core::Clock &clock = seams.clock ? *seams.clock : systemClock;
    QString dataDir = cl.dataDir.isEmpty() ? (seams.defaultDataDir.isEmpty() ? defaultDataDir() : seams.defaultDataDir)
                                           : cl.dataDir;
    dataDir = QDir(dataDir).absolutePath();

    // One window per profile (single_instance.h): a second start brings the first
    // window forward; a headless run says when a window has the profile open.
    std::unique_ptr<ProfileWindowLock> windowLock;
    if (!headless && cl.screenshotFile.isEmpty() && QDir().mkpath(dataDir)) {
        windowLock = std::make_unique<ProfileWindowLock>(dataDir);
        switch (windowLock->acquire(cl.openFiles)) {
        case ProfileWindowLock::Outcome::Acquired:
            break;
        case ProfileWindowLock::Outcome::Forwarded:
            *out +=
                (cl.openFiles.isEmpty()
                     ? QCoreApplication::translate("Application",
                                                   "Mobiliza is already open on this profile: its window was "
                                                   "brought forward.")
                     : QCoreApplication::translate("Application",
                                                   "Mobiliza is already open on this profile: the files were "
                                                   "handed to its window, which imports them.")) +
                QLatin1Char('\n');
            return 0;
        case ProfileWindowLock::Outcome::Starting:
            return fail(QCoreApplication::translate(
                            "Application", "Mobiliza is already starting on this profile: answer the "
                                           "questions in the window it opened."),
                        headless, err);
        case ProfileWindowLock::Outcome::HeldByOther:
            return fail(QCoreApplication::translate(
                            "Application",
                            "Mobiliza is already open on this profile (process %1) and did not "
                            "answer. Close it, or wait for it to finish, and open Mobiliza again.")
                            .arg(windowLock->holderPid()),
                        headless, err);
        }
    } else if (qint64 pid = 0; headless && ProfileWindowLock::windowIsOpen(dataDir, &pid)) {
        *err += QCoreApplication::translate(
                    "Application", "Note: Mobiliza is open in a window on this profile (process %1); what "
                                   "this command changes shows there too.")
                    .arg(pid) +
                QLatin1Char('\n');
    }

    auto opened = core::Services::open(dataDir, clock);
    if (!opened)
        return fail(opened.error().message, headless, err);
    std::unique_ptr<core::Services> services = std::move(opened.value());
    auto &profile = services->profile();

    // A safe point to delete photo files nothing references any more and the
    // `.part` files of a crashed writer (nothing of this run is in flight yet). A
    // window does it on a worker once it is shown (tidyInBackground): at the central
    // level it reads every manifest of the replica, which must not delay the window.
    if (headless)
        tidyBlobs(*services, clock);

    // The profile's saved language applies unless --lang says otherwise.
    const QString savedLanguage = profile.setting(QStringLiteral("language"));
    if (cl.language.isEmpty() && !savedLanguage.isEmpty())
        translators.install(savedLanguage);
    else if (!cl.language.isEmpty())
        (void)profile.setSetting(QStringLiteral("language"), cl.language);

    const core::ReferenceRepository referenceRepository(dataDir);
    const core::ReferenceData reference = referenceRepository.current();
    // What this installation is: --program / --role / its place (first use), else the
    // profile's, else asked (or the demo default).
    const ProfileSetup setup = setUpProfile(cl, seams, profile, reference, headless);
    if (setup.kind == ProfileSetup::Kind::Failed)
        return fail(setup.message, headless, err);
    if (setup.kind == ProfileSetup::Kind::NotChosen) {
        // The person closed the first-run question: nothing to do, nothing lost — said, not silent.
        *out += setup.message + QLatin1Char('\n');
        if (!seams.askProfile && !seams.askMunicipality) {
            QMessageBox box(QMessageBox::Information, QCoreApplication::translate("Application", "Mobiliza"),
                            setup.message, QMessageBox::Ok);
            box.exec();
        }
        return 0;
    }
    const core::ProgramDefinition &program = setup.program;
    const core::Role role = setup.role;
    // A period on the command line is written as the program counts them.
    for (const QString &key : {cl.month, cl.fromMonth, cl.toMonth})
        if (!key.isEmpty())
            if (const QString problem = periodKeyProblem(program, key); !problem.isEmpty())
                return fail(problem, headless, err);

    const bool people = program.reportingUnit() == QLatin1String("apoiador");
    if (cl.demoData && !core::hasDemoData(program))
        return fail(QCoreApplication::translate(
                        "Application", "There is no demonstration data for “%1” (it exists only for the "
                                       "programs shipped with Mobiliza): nothing was added to this "
                                       "profile. Leave out --demo-data.")
                        .arg(program.name()),
                    headless, err);
    if (cl.demoData) {
        // A URS's and the central level's: a replica as if pulled (the central level's, the whole state).
        // A COSEMS's: its apoiadores' reports and the hub's roster; the CONASEMS's: several states'.
        const auto seeded =
            role == core::Role::Municipality ? core::DemoData(*services, program, reference, clock).seed()
            : people && role == core::Role::Central ? core::seedConasemsReplica(*services, program, clock)
            : people                                ? core::seedCosemsReplica(*services, program, clock)
                     : core::RegionalDemo(*services, program, reference, clock).seed();
        if (!seeded)
            return fail(seeded.error().message, headless, err);
    }

    // The municipality's commands and the regional desk's do not mix.
    if (role == core::Role::Municipality && isRegionalCommand(cl))
        return fail(QCoreApplication::translate("Application", "--pull, --review and --coverage are for a URS profile; "
                                                               "this profile is a municipality's (use --sync to send its reports)."),
                    headless, err);
    if (role == core::Role::Central && !cl.importPackages.isEmpty())
        return fail(QCoreApplication::translate("Application",
                                                "The central level imports the URS's batch files, with "
                                                "--import-batch FILE; a municipality's report package goes "
                                                "to its URS."),
                    headless, err);
    if (role != core::Role::Municipality && !cl.exportKind.isEmpty())
        return fail(QCoreApplication::translate("Application", "This command is for a municipality's profile; this one is %1.")
                        .arg(core::roleLabel(role)),
                    headless, err);

    if (!cl.exportKind.isEmpty()) {
        const auto exported = core::runExport(*services, program, reference, cl.exportKind,
                                              core::Period::fromKey(cl.month), cl.outFile);
        if (!exported)
            return fail(exported.error().message, headless, err);
        *out += QCoreApplication::translate("Application", "Saved %1").arg(QDir::toNativeSeparators(cl.outFile))
                + QLatin1Char('\n');
        return 0;
    }

    if (!cl.importPackages.isEmpty() && role == core::Role::Municipality) {
        // Files, or folders: every .mobiliza file in them. Each is verified and
        // imported on its own; one that fails does not stop the others.
        QStringList files;
        for (const QString &path : cl.importPackages) {
            const QFileInfo info(path);
            if (info.isDir()) {
                const QDir dir(path);
                for (const QString &name : dir.entryList({QStringLiteral("*.mobiliza")}, QDir::Files, QDir::Name))
                    files << dir.filePath(name);
            } else {
                files << path;
            }
        }
        if (files.isEmpty())
            return fail(QCoreApplication::translate("Application", "There is no package file (.mobiliza) in %1.")
                            .arg(cl.importPackages.join(QStringLiteral(", "))),
                        headless, err);
        int failed = 0;
        for (const QString &file : std::as_const(files)) {
            const QString prefix = files.size() > 1 ? QDir::toNativeSeparators(file) + QStringLiteral(": ") : QString();
            const auto imported = core::package::importPackage(*services, file);
            if (!imported) {
                ++failed;
                *err += prefix + imported.error().message + QLatin1Char('\n');
                continue;
            }
            const auto &o = imported.value();
            *out += prefix
                    + (o.kind == core::ImportOutcome::Kind::AlreadyPresent
                           ? QCoreApplication::translate("Application",
                                                         "The report of %1, revision %2, was already here: nothing changed.")
                                 .arg(o.period.display())
                                 .arg(o.revision)
                           : QCoreApplication::translate("Application",
                                                         "Imported the report of %1, revision %2, with %3 photo(s).")
                                 .arg(o.period.display())
                                 .arg(o.revision)
                                 .arg(o.photoCount))
                    + QLatin1Char('\n');
        }
        return failed == 0 ? 0 : 1;
    }

    // Sync: one controller per run, with the token in the keychain (or its 0600 fallback file).
    QNetworkAccessManager network;
    const QString tokenFile = QDir(dataDir).filePath(QStringLiteral("hub-token"));
    ui::KeychainTokenStore tokens(QStringLiteral("Mobiliza"),
                                  QStringLiteral("hub-token-") + profile.installationId(), tokenFile);
    sync::SyncController syncController(*services, &network, tokens);

    // With the lab setting, plain http:// reaches another computer: said every time it is used.
    const auto warnIfUnprotected = [err](const QUrl &url) {
        if (sync::HubClient::isUnprotectedUrl(url) && sync::HubClient::insecureHubAllowed())
            *err += sync::HubClient::insecureWarning() + QLatin1Char('\n');
    };
    if (!cl.enrollCode.isEmpty()) {
        warnIfUnprotected(sync::HubClient::normalizeUrl(cl.hubUrl));
        const auto enrolled = syncController.enrollBlocking(cl.hubUrl, cl.enrollCode, 60000);
        if (!enrolled)
            return fail(enrolled.error().message, headless, err);
        *out += QCoreApplication::translate("Application", "Connected to %1.")
                    .arg(enrolled.value().hub.name.isEmpty() ? cl.hubUrl : enrolled.value().hub.name)
                + QLatin1Char('\n');
        // What the Sync page says when the system has no password vault.
        if (syncController.tokenInFallbackStorage())
            *out +=
                QCoreApplication::translate(
                    "Application",
                    "The key that lets this computer send reports is kept in a file of your user account "
                    "(%1): this computer has no password vault for it. Lock the computer when you leave it.")
                    .arg(QDir::toNativeSeparators(tokenFile)) +
                QLatin1Char('\n');
        if (!cl.sync)
            return 0;
    }

    if (cl.panel)
        return runPanelCommand(cl, *services, reference, program, role, out, err);
    if (!cl.search.isEmpty())
        return runSearchCommand(cl, dataDir, *services, program, role, out, err);
    if (role != core::Role::Municipality
        && (isRegionalCommand(cl) || cl.sync || cl.status || !cl.importPackages.isEmpty()))
        return runRegionalCommand(cl, *services, reference, program, syncController, out, err);

    if (cl.sync) {
        if (const auto enrollment = syncController.enrollment(); enrollment && cl.enrollCode.isEmpty())
            warnIfUnprotected(enrollment->url);
        const sync::PassReport pass = syncController.runPassBlocking(10 * 60'000);
        for (const QString &m : pass.messages)
            *(pass.allConfirmed ? out : err) += m + QLatin1Char('\n');
        *out += QCoreApplication::translate("Application", "Sent: %1. Set aside: %2. Still to send: %3.")
                    .arg(pass.sent)
                    .arg(pass.rejected)
                    .arg(pass.remaining)
                + QLatin1Char('\n');
        // Left waiting for the moment the hub asked for (its 429 and Retry-After): say
        // when, so that running --sync again is not a guess (before then it sends nothing).
        // Otherwise, when Mobiliza (open) tries again by itself: the earliest report's
        // next attempt after its backoff; --sync itself may be run again at any time.
        if (pass.remaining > 0) {
            const auto when = [](const QDateTime &at) {
                return QLocale().toString(at.toLocalTime(), QStringLiteral("dd/MM/yyyy HH:mm:ss"));
            };
            if (const QDateTime next = syncController.hubAskedToWaitUntil(); next.isValid())
                *out += QCoreApplication::translate(
                            "Application", "The hub asked to wait: the next attempt is at %1. Mobiliza, "
                                           "when open, tries again by itself; or run --sync again then.")
                            .arg(when(next)) +
                        QLatin1Char('\n');
            else if (syncController.outbox().count(core::OutboxState::Queued) > 0)
                *out += QCoreApplication::translate(
                            "Application", "Mobiliza, when open, tries again by itself at %1; or run "
                                           "--sync again at any time.")
                            .arg(when(syncController.nextAutomaticPassAt())) +
                        QLatin1Char('\n');
        }
        // What came back to be corrected, with what the reviewer said: the window's Reports
        // page says it in red; a headless run says it here.
        if (auto listed = services->reports().summaries(); listed) {
            const QHash<QString, QString> comments = services->reports().reviewComments();
            for (const core::ReportSummary &s : listed.value())
                if (s.state == core::ReportState::Returned)
                    *out += QCoreApplication::translate(
                                "Application", "Returned for correction: %1, revision %2 — “%3”. Open it "
                                               "in Mobiliza (Reports) to correct it and conclude it again.")
                                .arg(s.period.display(), QString::number(s.revision),
                                     comments.value(s.uuid).simplified()) +
                            QLatin1Char('\n');
        }
        return pass.allConfirmed ? 0 : 1;
    }

    if (cl.status) {
        auto listed = services->reports().summaries();
        if (!listed)
            return fail(QCoreApplication::translate("Application", "The reports could not be read: %1")
                            .arg(listed.error().message),
                        headless, err);
        auto summaries = listed.value();
        std::sort(summaries.begin(), summaries.end(),
                  [](const core::ReportSummary &a, const core::ReportSummary &b) { return a.period < b.period; });
        for (const auto &s : summaries)
            *out += QStringLiteral("%1\t%2\t%3\n").arg(s.period.key(), core::reportStateKey(s.state)).arg(s.revision);
        return 0;
    }

    // The window shows the program's labels in its language; documents keep the official ones.
    const QString uiLanguage = !cl.language.isEmpty()     ? cl.language
                               : !savedLanguage.isEmpty() ? savedLanguage
                                                          : QStringLiteral("pt_BR");
    AppContext context{dataDir,         reference, program.localized(uiLanguage), services.get(), &clock,
                       &syncController, role};
    if (cl.screenshotFile.isEmpty())
        syncController.start(); // timers, connectivity and automatic passes: only in an interactive run
    MainWindow window(context);

    if (!cl.screenshotFile.isEmpty()) {
        window.setAttribute(Qt::WA_DontShowOnScreen);
        // The secretariats' 1366×768 laptops; MOBILIZA_SCREENSHOT_SIZE=1024x600 (scripts/screenshots.sh)
        // renders the netbooks' screen the guide shows too.
        const QStringList size = qEnvironmentVariable("MOBILIZA_SCREENSHOT_SIZE").split(QLatin1Char('x'));
        const int width = size.size() == 2 ? size.at(0).toInt() : 0,
                  height = size.size() == 2 ? size.at(1).toInt() : 0;
        window.resize(width >= 640 && height >= 400 ? QSize(width, height) : QSize(1366, 768));
        const bool reportPage = cl.page == QLatin1String("report") || cl.page == QLatin1String("history");
        // "targets": the Painel's targets window, over the panel.
        const bool targetsPage = cl.page == QLatin1String("targets") && role != core::Role::Municipality;
        const QString shownPage = targetsPage ? QStringLiteral("panel") : cl.page;
        if (reportPage && role != core::Role::Municipality) {
            // The inbox's report view on a correction (what changed shows), else the first report.
            auto *inbox = qobject_cast<InboxPage *>(window.page(QStringLiteral("inbox")));
            QString uuid;
            if (const auto latest = services->replica().latest(); latest && !latest.value().isEmpty()) {
                uuid = latest.value().last().report;
                for (const auto &r : latest.value())
                    if (r.revision > 1)
                        uuid = r.report;
            }
            if (!inbox || uuid.isEmpty() || !window.showPage(QStringLiteral("inbox")) || !inbox->openReport(uuid))
                return fail(QCoreApplication::translate("Application", "There is no report to show yet."), headless, err);
            if (cl.page == QLatin1String("history"))
                inbox->reportView()->tabs()->setCurrentWidget(inbox->reportView()->historyText());
        } else if (!shownPage.isEmpty() && !window.showPage(shownPage))
            return fail(QCoreApplication::translate("Application", "The page \"%1\" is not one of this profile's (%2).")
                            .arg(cl.page, core::roleLabel(role)),
                        headless, err);
        window.show();
        QCoreApplication::processEvents();
        // The Painel computes on a worker: the picture waits for its figures.
        auto *panel = qobject_cast<PanelDashboard *>(window.page(shownPage));
        if (panel && panel->isComputing()) {
            QEventLoop settled;
            QObject::connect(panel, &PanelDashboard::refreshed, &settled, &QEventLoop::quit);
            QObject::connect(panel, &PanelDashboard::computeFailed, &settled, &QEventLoop::quit);
            settled.exec();
        }
        if (auto *own = qobject_cast<PanelPage *>(window.page(shownPage)); own && own->isComputing()) {
            QEventLoop settled;
            QObject::connect(own, &PanelPage::refreshed, &settled, &QEventLoop::quit);
            QObject::connect(own, &PanelPage::computeFailed, &settled, &QEventLoop::quit);
            settled.exec();
        }
        if (auto *apoio = qobject_cast<ProgramPanelPage *>(window.page(shownPage));
            apoio && apoio->isComputing()) {
            QEventLoop settled;
            QObject::connect(apoio, &ProgramPanelPage::computed, &settled, &QEventLoop::quit);
            QObject::connect(apoio, &ProgramPanelPage::computeFailed, &settled, &QEventLoop::quit);
            settled.exec();
        }
        // The new figures resize the tiles (their wrapped lines): let the layouts settle.
        for (int i = 0; i < 3; ++i)
            QCoreApplication::processEvents();
        QWidget *shot = &window;
        if (targetsPage && panel) {
            shot = panel->openTargets();
            QCoreApplication::processEvents();
        }
        const QImage image = shot->grab().toImage();
        if (image.isNull() || !image.save(cl.screenshotFile, "PNG"))
            return fail(QCoreApplication::translate("Application", "Could not save the screenshot to %1. Check that the folder exists and is writable.")
                            .arg(QDir::toNativeSeparators(cl.screenshotFile)),
                        headless, err);
        return 0;
    }

    if (windowLock)
        QObject::connect(windowLock.get(), &ProfileWindowLock::raiseRequested, &window,
                         [&window](const QStringList &files) {
                             qCInfo(lcApplication) << "window brought forward at another start's request";
                             window.showNormal();
                             window.raise();
                             window.activateWindow();
                             window.importFiles(files);
                         });
    window.show();
    if (windowLock)
        windowLock->setReady();
    // Opened with package files (the file manager's "Open with Mobiliza"): imported once shown.
    if (!cl.openFiles.isEmpty())
        QTimer::singleShot(0, &window, [&window, files = cl.openFiles] { window.importFiles(files); });
    QFuture<void> tidying = tidyInBackground(dataDir, clock);
    const int code = QApplication::exec();
    tidying.waitForFinished();
    return code;
}

int runApplication(int argc, char **argv)
{
    const bool headless = argumentsAreHeadless(argc, argv);
    // Windows: a command's output goes to the console it was typed in. The window never
    // joins one (Ctrl+C at that prompt, or closing it, would end the window unsaved).
    if (headless)
        platform::useParentConsole();
#ifndef Q_OS_WIN
    // No display needed (ssh, cron). Windows always has one, and windeployqt deploys only
    // its own platform plugin.
    if (headless && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
#endif
    // Our debug lines (migrations…) only when asked for with QT_LOGGING_RULES; a command's
    // output is its own words in the person's language, so its info lines (English, for
    // developers) are off too.
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(headless
                                             ? QStringLiteral("mobiliza.*.debug=false\nmobiliza.*.info=false")
                                             : QStringLiteral("mobiliza.*.debug=false"));
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Mobiliza"));
    QApplication::setApplicationName(QStringLiteral("mobiliza"));
    QApplication::setApplicationDisplayName(QStringLiteral("Mobiliza"));
    QApplication::setApplicationVersion(QStringLiteral(MOBILIZA_VERSION));
    // The installed .desktop file (its icon on Wayland; the taskbar groups the windows by it).
    QGuiApplication::setDesktopFileName(QStringLiteral("br.gov.mg.saude.Mobiliza"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/mobiliza.svg")));

    QString out, err;
    const int code = runMobiliza(QApplication::arguments(), StartupSeams{}, &out, &err);
    const QByteArray outBytes = out.toUtf8(), errBytes = err.toUtf8();
    platform::writeUtf8(stdout, std::string_view(outBytes.constData(), size_t(outBytes.size())));
    platform::writeUtf8(stderr, std::string_view(errBytes.constData(), size_t(errBytes.size())));
    return code;
}

} // namespace mobiliza::ui
