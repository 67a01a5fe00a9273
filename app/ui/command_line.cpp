#include "app/ui/command_line.h"

#include "core/domain/types.h"

#include <QCommandLineParser>
#include <QCoreApplication>

namespace mobiliza::ui {

QStringList CommandLine::pageNames()
{
    return {QStringLiteral("reports"), QStringLiteral("editor"), QStringLiteral("partners"),
            QStringLiteral("sync"),    QStringLiteral("panel"),  QStringLiteral("settings")};
}

QStringList CommandLine::exportKinds()
{
    return {QStringLiteral("pdf"),     QStringLiteral("csv"),          QStringLiteral("xlsx"),
            QStringLiteral("package"), QStringLiteral("partners-csv"), QStringLiteral("partners-xlsx")};
}

bool CommandLine::exportNeedsMonth(const QString &kind)
{
    return !kind.startsWith(QLatin1String("partners-"));
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
                                  QCoreApplication::translate("CommandLine", "Page for --screenshot: reports, editor, partners, sync, panel or settings."),
                                  QCoreApplication::translate("CommandLine", "NAME"));
    const QCommandLineOption status(QStringLiteral("status"),
                                    QCoreApplication::translate("CommandLine", "Prints one line per report (YYYY-MM, state, revision) and exits."));
    const QCommandLineOption exportOpt(
        QStringLiteral("export"),
        QCoreApplication::translate("CommandLine",
                                    "Exports and exits: pdf, csv, xlsx or package (of --month), "
                                    "partners-csv or partners-xlsx (the partners register)."),
        QCoreApplication::translate("CommandLine", "KIND"));
    const QCommandLineOption month(QStringLiteral("month"),
                                   QCoreApplication::translate("CommandLine", "The report's month for --export."),
                                   QCoreApplication::translate("CommandLine", "YYYY-MM"));
    const QCommandLineOption out(QStringLiteral("out"),
                                 QCoreApplication::translate("CommandLine", "The file --export writes."),
                                 QCoreApplication::translate("CommandLine", "FILE"));
    const QCommandLineOption importPackage(
        QStringLiteral("import-package"),
        QCoreApplication::translate("CommandLine",
                                    "Imports a report package file (.mobiliza) after checking it, and exits."),
        QCoreApplication::translate("CommandLine", "FILE"));
    const QCommandLineOption hub(QStringLiteral("hub"),
                                 QCoreApplication::translate("CommandLine",
                                                             "Address of the URS hub, used with --enroll."),
                                 QCoreApplication::translate("CommandLine", "URL"));
    const QCommandLineOption enroll(
        QStringLiteral("enroll"),
        QCoreApplication::translate("CommandLine",
                                    "Connects this installation to the hub with the one-time code from the URS."),
        QCoreApplication::translate("CommandLine", "CODE"));
    const QCommandLineOption syncOpt(
        QStringLiteral("sync"),
        QCoreApplication::translate("CommandLine",
                                    "Runs one synchronization and exits: 0 only when the hub confirmed everything."));
    parser.addOptions({help, version, dataDir, lang, municipality, demo, screenshot, page, status, exportOpt, month,
                       out, importPackage, hub, enroll, syncOpt});

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
    cl.exportKind = parser.value(exportOpt);
    cl.month = parser.value(month).trimmed();
    cl.outFile = parser.value(out);
    cl.importPackage = parser.value(importPackage);
    cl.hubUrl = parser.value(hub).trimmed();
    cl.enrollCode = parser.value(enroll).trimmed();
    cl.sync = parser.isSet(syncOpt);
    // --enroll may be followed by --sync in the same run; everything else is one action per run.
    const int headlessActions = int(cl.status) + int(!cl.screenshotFile.isEmpty()) + int(!cl.exportKind.isEmpty())
                                + int(!cl.importPackage.isEmpty()) + int(cl.sync || !cl.enrollCode.isEmpty());

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
    } else if (parser.isSet(enroll) != parser.isSet(hub)) {
        cl.error = QCoreApplication::translate("CommandLine", "--hub URL and --enroll CODE go together.");
    } else if (parser.isSet(enroll) && (cl.enrollCode.isEmpty() || cl.hubUrl.isEmpty())) {
        cl.error = QCoreApplication::translate("CommandLine", "--hub needs an address and --enroll needs a code.");
    } else if (headlessActions > 1) {
        cl.error = QCoreApplication::translate(
            "CommandLine",
            "Use only one of --status, --screenshot, --export, --import-package and --sync at a time.");
    } else if (!cl.exportKind.isEmpty() && !CommandLine::exportKinds().contains(cl.exportKind)) {
        cl.error = QCoreApplication::translate("CommandLine", "Unknown export \"%1\": use one of %2.")
                       .arg(cl.exportKind, CommandLine::exportKinds().join(QStringLiteral(", ")));
    } else if (!cl.exportKind.isEmpty() && cl.outFile.trimmed().isEmpty()) {
        cl.error = QCoreApplication::translate("CommandLine", "--export needs --out FILE.");
    } else if (!cl.exportKind.isEmpty() && CommandLine::exportNeedsMonth(cl.exportKind) && cl.month.isEmpty()) {
        cl.error = QCoreApplication::translate("CommandLine", "--export %1 needs --month YYYY-MM.").arg(cl.exportKind);
    } else if (!cl.month.isEmpty() && !core::Period::fromKey(cl.month).isValid()) {
        cl.error = QCoreApplication::translate("CommandLine", "\"%1\" is not a month: use YYYY-MM, e.g. 2026-10.")
                       .arg(cl.month);
    } else if ((parser.isSet(month) || parser.isSet(out)) && cl.exportKind.isEmpty()) {
        cl.error = QCoreApplication::translate("CommandLine", "--month and --out are only used with --export.");
    }
    return cl;
}

bool argumentsAreHeadless(int argc, char **argv)
{
    static const QList<QByteArray> flags{"status", "screenshot", "export", "import-package", "enroll",
                                         "sync",   "help",       "version"};
    for (int i = 1; i < argc; ++i) {
        QByteArray a(argv[i]);
        if (a == "-h" || a == "-v")
            return true;
        if (!a.startsWith('-'))
            continue;
        while (a.startsWith('-'))
            a.remove(0, 1);
        const int eq = a.indexOf('=');
        if (eq >= 0)
            a.truncate(eq);
        if (flags.contains(a))
            return true;
    }
    return false;
}

} // namespace mobiliza::ui
