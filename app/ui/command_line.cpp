#include "app/ui/command_line.h"

#include <QCommandLineParser>
#include <QCoreApplication>

namespace mobiliza::ui {

QStringList CommandLine::pageNames()
{
    return {QStringLiteral("reports"), QStringLiteral("partners"), QStringLiteral("sync"),
            QStringLiteral("panel"), QStringLiteral("settings")};
}

CommandLine parseCommandLine(const QStringList &arguments)
{
    CommandLine cl;
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("CommandLine", "Mobiliza: records social-mobilization actions in public health, offline first."));
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")},
                                  QCoreApplication::translate("CommandLine", "Shows this help."));
    const QCommandLineOption version(QStringList{QStringLiteral("v"), QStringLiteral("version")},
                                     QCoreApplication::translate("CommandLine", "Shows the version."));
    const QCommandLineOption dataDir(QStringLiteral("data-dir"),
                                     QCoreApplication::translate("CommandLine", "Profile folder (default: the platform's application data folder)."),
                                     QCoreApplication::translate("CommandLine", "DIR"));
    const QCommandLineOption lang(QStringLiteral("lang"), QCoreApplication::translate("CommandLine", "Interface language: pt_BR (default) or en."),
                                  QCoreApplication::translate("CommandLine", "LANG"));
    const QCommandLineOption municipality(
        QStringLiteral("municipality"),
        QCoreApplication::translate("CommandLine", "IBGE code of the municipality this profile reports for (first use only)."), QCoreApplication::translate("CommandLine", "IBGE"));
    const QCommandLineOption demo(QStringLiteral("demo-data"),
                                  QCoreApplication::translate("CommandLine", "Fills the profile with a clearly marked demonstration data set."));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        QCoreApplication::translate("CommandLine", "Saves the main window (1280×800) as a PNG image and exits."),
                                        QCoreApplication::translate("CommandLine", "FILE"));
    const QCommandLineOption page(QStringLiteral("page"),
                                  QCoreApplication::translate("CommandLine", "Page for --screenshot: reports, partners, sync, panel or settings."),
                                  QCoreApplication::translate("CommandLine", "NAME"));
    const QCommandLineOption status(QStringLiteral("status"),
                                    QCoreApplication::translate("CommandLine", "Prints one line per report (YYYY-MM, state, revision) and exits."));
    parser.addOptions({help, version, dataDir, lang, municipality, demo, screenshot, page, status});

    cl.helpText = parser.helpText();
    if (!parser.parse(arguments)) {
        cl.error = parser.errorText();
        return cl;
    }
    cl.showHelp = parser.isSet(help);
    cl.showVersion = parser.isSet(version);
    cl.dataDir = parser.value(dataDir);
    cl.language = parser.value(lang);
    cl.municipality = parser.value(municipality).trimmed();
    cl.demoData = parser.isSet(demo);
    cl.screenshotFile = parser.value(screenshot);
    cl.page = parser.value(page);
    cl.status = parser.isSet(status);

    if (!parser.positionalArguments().isEmpty()) {
        cl.error = QCoreApplication::translate("CommandLine", "Unexpected argument: %1. See --help.").arg(parser.positionalArguments().constFirst());
    } else if (!cl.language.isEmpty() && cl.language != QLatin1String("pt_BR")
               && cl.language != QLatin1String("en")) {
        cl.error = QCoreApplication::translate("CommandLine", "Unknown language \"%1\": use pt_BR or en.").arg(cl.language);
    } else if (parser.isSet(page) && cl.screenshotFile.isEmpty()) {
        cl.error = QCoreApplication::translate("CommandLine", "--page is only used with --screenshot FILE.");
    } else if (!cl.page.isEmpty() && !CommandLine::pageNames().contains(cl.page)) {
        cl.error = QCoreApplication::translate("CommandLine", "Unknown page \"%1\": use one of %2.")
                       .arg(cl.page, CommandLine::pageNames().join(QStringLiteral(", ")));
    } else if (parser.isSet(dataDir) && cl.dataDir.trimmed().isEmpty()) {
        cl.error = QCoreApplication::translate("CommandLine", "--data-dir needs a folder.");
    } else if (cl.status && !cl.screenshotFile.isEmpty()) {
        cl.error = QCoreApplication::translate("CommandLine", "Use either --status or --screenshot, not both.");
    }
    return cl;
}

bool argumentsAreHeadless(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray a(argv[i]);
        if (a == "--status" || a == "-status" || a == "--screenshot" || a == "-screenshot"
            || a.startsWith("--screenshot=") || a == "--help" || a == "-h" || a == "--version"
            || a == "-v")
            return true;
    }
    return false;
}

} // namespace mobiliza::ui
