#include "app/ui/command_line.h"

#include "core/domain/types.h"
#include "core/program/program_definition.h"

#include <algorithm>

#include <QCommandLineParser>
#include <QCoreApplication>

namespace mobiliza::ui {

namespace {

// The shipped programs' ids, and the level keys of one program (of every one when
// `program` is empty: the profile may already hold a program).
QStringList programIds()
{
    QStringList ids;
    for (const core::ProgramDefinition &p : core::ProgramDefinition::embedded())
        ids << p.id();
    return ids;
}

QStringList levelKeys(const QString &program)
{
    QStringList keys;
    for (const core::ProgramDefinition &p : core::ProgramDefinition::embedded())
        if (program.isEmpty() || p.id() == program)
            for (const core::ProgramLevel &l : p.levels())
                keys << l.key;
    return keys;
}

// "municipality, urs, central (ses_mg_mobilizacao); apoiador, cosems, conasems (apoio_cosems)".
QString levelsByProgram()
{
    QStringList parts;
    for (const QString &id : programIds())
        parts << QStringLiteral("%1 (%2)").arg(levelKeys(id).join(QStringLiteral(", ")), id);
    return parts.join(QStringLiteral("; "));
}

} // namespace

QStringList CommandLine::pageNames()
{
    // A municipality's pages, then the regional desk's (a profile shows its role's).
    return {QStringLiteral("reports"), QStringLiteral("editor"),  QStringLiteral("partners"),
            QStringLiteral("sync"),    QStringLiteral("panel"),   QStringLiteral("settings"),
            QStringLiteral("inbox"),   QStringLiteral("report"),  QStringLiteral("coverage"),
            QStringLiteral("batches"), QStringLiteral("history"), QStringLiteral("targets")};
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
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QCoreApplication::translate("CommandLine",
                                    "Saves the main window (1366×768) as a PNG image and exits."),
        QCoreApplication::translate("CommandLine", "FILE"));
    const QCommandLineOption page(QStringLiteral("page"),
                                  QCoreApplication::translate("CommandLine", "Page for --screenshot: reports, editor, partners, sync, panel or settings (a municipality); inbox, report, history, coverage, batches, partners, panel, sync or settings (a URS)."),
                                  QCoreApplication::translate("CommandLine", "NAME"));
    const QCommandLineOption status(
        QStringLiteral("status"),
        QCoreApplication::translate("CommandLine",
                                    "Prints one line per report (its period: YYYY-MM, or YYYY-Qn in a "
                                    "quadrimestral program; state, revision; a reviewing level: the "
                                    "unit and the report's id) and exits."));
    const QCommandLineOption exportOpt(
        QStringLiteral("export"),
        QCoreApplication::translate("CommandLine",
                                    "Exports and exits: pdf, csv, xlsx or package (of --month), "
                                    "partners-csv or partners-xlsx (the partners register)."),
        QCoreApplication::translate("CommandLine", "KIND"));
    const QCommandLineOption month(
        QStringLiteral("month"),
        QCoreApplication::translate("CommandLine",
                                    "The report's period for --export, --coverage and --forward: YYYY-MM, or "
                                    "YYYY-Qn (n = 1, 2, 3) in a quadrimestral program."),
        QCoreApplication::translate("CommandLine", "PERIOD"));
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
    const QCommandLineOption role(
        QStringLiteral("role"),
        QCoreApplication::translate(
            "CommandLine", "What this installation is (first use only), one of its program's levels: %1.")
            .arg(levelsByProgram()),
        QCoreApplication::translate("CommandLine", "ROLE"));
    const QCommandLineOption programOpt(
        QStringLiteral("program"),
        QCoreApplication::translate("CommandLine",
                                    "The program this profile records (first use only): %1 (the first is the "
                                    "default).")
            .arg(programIds().join(QStringLiteral(", "))),
        QCoreApplication::translate("CommandLine", "PROGRAM"));
    const QCommandLineOption ufOpt(
        QStringLiteral("uf"),
        QCoreApplication::translate("CommandLine",
                                    "The state of an apoiador or COSEMS profile (first use only), e.g. BA."),
        QCoreApplication::translate("CommandLine", "XX"));
    const QCommandLineOption urs(QStringLiteral("urs"),
                                 QCoreApplication::translate("CommandLine",
                                                             "The regional health unit of a --role urs profile."),
                                 QCoreApplication::translate("CommandLine", "NAME"));
    const QCommandLineOption pull(
        QStringLiteral("pull"),
        QCoreApplication::translate("CommandLine",
                                    "A reviewing level (URS, central level; COSEMS, CONASEMS): "
                                    "receives the reports and photos once, sends the decisions "
                                    "made here, and exits: 0 only when the local copy is up to date."));
    const QCommandLineOption review(
        QStringLiteral("review"),
        QCoreApplication::translate(
            "CommandLine", "URS, COSEMS or central level: decides on a report's latest revision, with "
                           "--accept or --return TEXT (at the central level: consolidates it, "
                           "or returns it to its URS); the decision is sent at the next "
                           "synchronization."),
        QCoreApplication::translate("CommandLine", "REPORT_UUID"));
    const QCommandLineOption accept(QStringLiteral("accept"),
                                    QCoreApplication::translate("CommandLine", "With --review: accepts the report (the central level: consolidates it)."));
    const QCommandLineOption returnOpt(
        QStringLiteral("return"),
        QCoreApplication::translate("CommandLine", "With --review: returns the report for correction, with this comment "
                                                   "(the central level: to its URS)."),
        QCoreApplication::translate("CommandLine", "TEXT"));
    const QCommandLineOption coverage(
        QStringLiteral("coverage"),
        QCoreApplication::translate("CommandLine",
                                    "URS: prints one line per municipality for --month (IBGE code, "
                                    "name, state) and exits. COSEMS: one line per apoiador (id, name, "
                                    "state), then \"municipalities_reached\", how many municipalities of "
                                    "the state the period's actions reached and how many it has."));
    const QCommandLineOption forward(
        QStringLiteral("forward"),
        QCoreApplication::translate("CommandLine", "URS: forwards the accepted reports of --month to the central level "
                                                   "(over the network, or as a batch file with --out FILE) and exits."));
    const QCommandLineOption importReceipt(
        QStringLiteral("import-receipt"),
        QCoreApplication::translate("CommandLine", "URS: records the central level's receipt files (.mobiliza-recibo) "
                                                   "of batch files, and exits."),
        QCoreApplication::translate("CommandLine", "FILE"));
    const QCommandLineOption importBatch(
        QStringLiteral("import-batch"),
        QCoreApplication::translate("CommandLine",
                                    "Central level: takes in URS batch files (.mobiliza-lote) after "
                                    "checking them, sends them to the hub, writes each receipt for "
                                    "the URS beside its file, and exits."),
        QCoreApplication::translate("CommandLine", "FILE"));
    const QCommandLineOption batchesOpt(
        QStringLiteral("batches"),
        QCoreApplication::translate("CommandLine", "URS: prints one line per batch made here (id, month, channel, "
                                                   "state, reports, hub id, received at) and exits."));
    const QCommandLineOption partnersOpt(
        QStringLiteral("partners"),
        QCoreApplication::translate("CommandLine", "URS: prints one line per partner of the region (IBGE code, "
                                                   "municipality, name, kind, sector, stage, consent) or, with --out "
                                                   "FILE.csv|FILE.xlsx, writes them for Excel without personal "
                                                   "contacts, and exits."));
    const QCommandLineOption panelOpt(
        QStringLiteral("panel"),
        QCoreApplication::translate("CommandLine",
                                    "URS, central: writes the Painel's data of --from to --to "
                                    "(optionally of one --urs NAME and one --theme CODE) to --out "
                                    "FILE.csv|FILE.xlsx (one row per municipality and month, for Excel) "
                                    "or the Balanço mensal to --out FILE.pdf (tiles, charts, tables and "
                                    "núcleos per URS), and exits. COSEMS, CONASEMS: the apoio panel's "
                                    "figures of --from to --to (YYYY-Qn) to --out FILE.csv|FILE.xlsx."));
    const QCommandLineOption fromOpt(
        QStringLiteral("from"), QCoreApplication::translate("CommandLine", "With --panel: the first period."),
        QCoreApplication::translate("CommandLine", "PERIOD"));
    const QCommandLineOption toOpt(
        QStringLiteral("to"), QCoreApplication::translate("CommandLine", "With --panel: the last period."),
        QCoreApplication::translate("CommandLine", "PERIOD"));
    const QCommandLineOption searchOpt(
        QStringLiteral("search"),
        QCoreApplication::translate("CommandLine",
                                    "COSEMS, CONASEMS: finds WORDS in what was recorded (what was done, "
                                    "results, difficulties, encaminhamentos; accents and case aside) in the "
                                    "accepted reports of --from to --to, prints the best passages with the "
                                    "words in [brackets], and with --out FILE.csv|FILE.xlsx writes the "
                                    "actions found; then exits."),
        QCoreApplication::translate("CommandLine", "WORDS"));
    const QCommandLineOption themeOpt(
        QStringLiteral("theme"),
        QCoreApplication::translate("CommandLine", "With --panel: only the actions of this theme (its code, e.g. "
                                                   "arboviroses)."),
        QCoreApplication::translate("CommandLine", "CODE"));
    parser.addOptions({help,          version,     dataDir,    lang,        municipality, demo,
                       screenshot,    page,        status,     exportOpt,   month,        out,
                       importPackage, hub,         enroll,     syncOpt,     role,         urs,
                       pull,          review,      accept,     returnOpt,   coverage,     forward,
                       importReceipt, importBatch, batchesOpt, partnersOpt, panelOpt,     fromOpt,
                       toOpt,         themeOpt,    programOpt, ufOpt,       searchOpt});

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
    cl.importPackages = parser.values(importPackage);
    if (!cl.importPackages.isEmpty())
        cl.importPackages << parser.positionalArguments(); // --import-package a.mobiliza b.mobiliza …
    cl.importPackage = cl.importPackages.value(0);
    cl.importReceipts = parser.values(importReceipt);
    if (!cl.importReceipts.isEmpty() && cl.importPackages.isEmpty())
        cl.importReceipts << parser.positionalArguments(); // --import-receipt a.mobiliza-recibo b.mobiliza-recibo …
    cl.importBatches = parser.values(importBatch);
    if (!cl.importBatches.isEmpty() && cl.importPackages.isEmpty() && cl.importReceipts.isEmpty())
        cl.importBatches << parser.positionalArguments(); // --import-batch a.mobiliza-lote b.mobiliza-lote …
    cl.batches = parser.isSet(batchesOpt);
    cl.partners = parser.isSet(partnersOpt);
    cl.panel = parser.isSet(panelOpt);
    cl.search = parser.value(searchOpt);
    cl.fromMonth = parser.value(fromOpt).trimmed();
    cl.toMonth = parser.value(toOpt).trimmed();
    cl.theme = parser.value(themeOpt).trimmed();
    cl.role = parser.value(role).trimmed();
    cl.program = parser.value(programOpt).trimmed();
    cl.uf = parser.value(ufOpt).trimmed().toUpper();
    cl.urs = parser.value(urs).trimmed();
    cl.pull = parser.isSet(pull);
    cl.reviewReport = parser.value(review).trimmed();
    cl.accept = parser.isSet(accept);
    cl.returnText = parser.value(returnOpt);
    cl.coverage = parser.isSet(coverage);
    cl.forward = parser.isSet(forward);
    cl.hubUrl = parser.value(hub).trimmed();
    cl.enrollCode = parser.value(enroll).trimmed();
    cl.sync = parser.isSet(syncOpt);
    // --enroll may be followed by --sync in the same run; everything else is one action per run.
    const int headlessActions =
        int(cl.status) + int(!cl.screenshotFile.isEmpty()) + int(!cl.exportKind.isEmpty()) +
        int(!cl.importPackage.isEmpty()) + int(cl.sync || !cl.enrollCode.isEmpty()) + int(cl.pull) +
        int(!cl.reviewReport.isEmpty()) + int(cl.coverage) + int(cl.forward) +
        int(!cl.importReceipts.isEmpty()) + int(!cl.importBatches.isEmpty()) + int(cl.batches) +
        int(cl.partners) + int(cl.panel) + int(parser.isSet(searchOpt));

    // Package or batch files alone (the file manager opens them with the app): the window imports them.
    const QStringList positional = parser.positionalArguments();
    const auto isMobilizaFile = [](const QString &p) {
        return p.endsWith(QStringLiteral(".mobiliza"), Qt::CaseInsensitive) ||
               p.endsWith(QStringLiteral(".mobiliza-lote"), Qt::CaseInsensitive);
    };
    if (!positional.isEmpty() && headlessActions == 0 && cl.importPackages.isEmpty() &&
        std::all_of(positional.begin(), positional.end(), isMobilizaFile))
        cl.openFiles = positional;
    if (!positional.isEmpty() && cl.openFiles.isEmpty() && cl.importPackages.isEmpty() &&
        cl.importReceipts.isEmpty() && cl.importBatches.isEmpty()) {
        // The first argument that is not one of Mobiliza's files (or the first one).
        const auto odd = std::find_if_not(positional.begin(), positional.end(), isMobilizaFile);
        cl.error = QCoreApplication::translate("CommandLine", "Unexpected argument: %1. See --help.")
                       .arg(odd != positional.end() ? *odd : positional.constFirst());
    } else if (!cl.language.isEmpty() && cl.language != QLatin1String("pt_BR") &&
               cl.language != QLatin1String("en")) {
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
    } else if (!cl.program.isEmpty() && !programIds().contains(cl.program)) {
        cl.error = QCoreApplication::translate("CommandLine", "Unknown program \"%1\": use one of %2.")
                       .arg(cl.program, programIds().join(QStringLiteral(", ")));
    } else if (!cl.role.isEmpty() && !levelKeys(cl.program).contains(cl.role)) {
        cl.error = QCoreApplication::translate("CommandLine", "Unknown role \"%1\": use one of %2.")
                       .arg(cl.role, levelKeys(cl.program).join(QStringLiteral(", ")));
    } else if (parser.isSet(ufOpt) && cl.uf.isEmpty()) {
        cl.error = QCoreApplication::translate("CommandLine",
                                               "--uf needs the two letters of a state, e.g. --uf BA.");
    } else if (cl.role == QLatin1String("urs") && cl.urs.isEmpty()) {
        cl.error = QCoreApplication::translate("CommandLine", "--role urs needs --urs NAME (for example --urs Barbacena).");
    } else if (parser.isSet(urs) && cl.role != QLatin1String("urs") && !cl.panel) {
        cl.error = QCoreApplication::translate("CommandLine", "--urs NAME is only used with --role urs.");
    } else if (parser.isSet(municipality) && !cl.role.isEmpty() && cl.role != QLatin1String("municipality")) {
        cl.error = QCoreApplication::translate("CommandLine", "--municipality is only used with --role municipality.");
    } else if (headlessActions > 1) {
        cl.error = QCoreApplication::translate(
            "CommandLine",
            "Use only one of --status, --screenshot, --export, --import-package, --sync, --pull, --review, "
            "--coverage and --forward at a time.");
    } else if (parser.isSet(review) && cl.accept == parser.isSet(returnOpt)) {
        cl.error = QCoreApplication::translate("CommandLine", "--review REPORT_UUID needs either --accept or --return TEXT.");
    } else if (!parser.isSet(review) && (cl.accept || parser.isSet(returnOpt))) {
        cl.error = QCoreApplication::translate("CommandLine", "--accept and --return are only used with --review REPORT_UUID.");
    } else if (parser.isSet(returnOpt) && cl.returnText.trimmed().isEmpty()) {
        cl.error =
            QCoreApplication::translate("CommandLine", "--return needs the comment: what must be corrected.");
    } else if (cl.panel &&
               (cl.fromMonth.isEmpty() || cl.toMonth.isEmpty() || cl.outFile.trimmed().isEmpty())) {
        cl.error = QCoreApplication::translate(
            "CommandLine", "--panel needs --from PERIOD, --to PERIOD (YYYY-MM, or YYYY-Qn in a "
                           "quadrimestral program) and --out FILE.csv|FILE.xlsx|FILE.pdf.");
    } else if (cl.panel && (!core::Period::fromKey(cl.fromMonth).isValid() ||
                            !core::Period::fromKey(cl.toMonth).isValid())) {
        cl.error = QCoreApplication::translate("CommandLine",
                                               "\"%1\" is not a period: use YYYY-MM, e.g. 2026-10 (or "
                                               "YYYY-Qn, e.g. 2026-Q2, in a quadrimestral program).")
                       .arg(core::Period::fromKey(cl.fromMonth).isValid() ? cl.toMonth : cl.fromMonth);
    } else if (parser.isSet(searchOpt) && cl.search.trimmed().isEmpty()) {
        cl.error = QCoreApplication::translate(
            "CommandLine", "--search needs the words to find, e.g. --search \"reuniao cir\".");
    } else if (parser.isSet(searchOpt) && (cl.fromMonth.isEmpty() || cl.toMonth.isEmpty())) {
        cl.error = QCoreApplication::translate(
            "CommandLine", "--search needs --from PERIOD and --to PERIOD, e.g. --from 2025-Q3 "
                           "--to 2026-Q2.");
    } else if (parser.isSet(searchOpt) && parser.isSet(themeOpt)) {
        cl.error = QCoreApplication::translate("CommandLine", "--theme is only used with --panel.");
    } else if (!cl.panel && !parser.isSet(searchOpt) &&
               (parser.isSet(fromOpt) || parser.isSet(toOpt) || parser.isSet(themeOpt))) {
        cl.error = QCoreApplication::translate("CommandLine", "--from, --to and --theme are only used with --panel.");
    } else if (cl.coverage && cl.month.isEmpty()) {
        cl.error = QCoreApplication::translate(
            "CommandLine",
            "--coverage needs --month PERIOD (YYYY-MM, or YYYY-Qn in a quadrimestral program).");
    } else if (cl.forward && cl.month.isEmpty()) {
        cl.error = QCoreApplication::translate("CommandLine", "--forward needs --month YYYY-MM.");
    } else if (!cl.exportKind.isEmpty() && !CommandLine::exportKinds().contains(cl.exportKind)) {
        cl.error = QCoreApplication::translate("CommandLine", "Unknown export \"%1\": use one of %2.")
                       .arg(cl.exportKind, CommandLine::exportKinds().join(QStringLiteral(", ")));
    } else if (!cl.exportKind.isEmpty() && cl.outFile.trimmed().isEmpty()) {
        cl.error = QCoreApplication::translate("CommandLine", "--export needs --out FILE.");
    } else if (!cl.exportKind.isEmpty() && CommandLine::exportNeedsMonth(cl.exportKind) &&
               cl.month.isEmpty()) {
        cl.error = QCoreApplication::translate("CommandLine", "--export %1 needs --month YYYY-MM.").arg(cl.exportKind);
    } else if (!cl.month.isEmpty() && !core::Period::fromKey(cl.month).isValid()) {
        cl.error = QCoreApplication::translate("CommandLine",
                                               "\"%1\" is not a period: use YYYY-MM, e.g. 2026-10 "
                                               "(or YYYY-Qn, e.g. 2026-Q2, in a quadrimestral program).")
                       .arg(cl.month);
    } else if ((parser.isSet(month) && cl.exportKind.isEmpty() && !cl.coverage && !cl.forward) ||
               (parser.isSet(out) && cl.exportKind.isEmpty() && !cl.forward && !cl.partners && !cl.panel &&
                !parser.isSet(searchOpt))) {
        cl.error = QCoreApplication::translate("CommandLine", "--month and --out are only used with --export and --forward (and --month with --coverage).");
    }
    return cl;
}

bool argumentsAreHeadless(int argc, char **argv)
{
    static const QList<QByteArray> flags{
        "status",         "screenshot",   "export",  "import-package", "enroll",   "sync",
        "help",           "version",      "pull",    "review",         "coverage", "forward",
        "import-receipt", "import-batch", "batches", "partners",       "panel",    "search"};
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
