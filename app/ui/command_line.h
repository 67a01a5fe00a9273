// The command line of `mobiliza` (QCommandLineParser). Pure parsing, no side
// effects, so tests can check every combination.
#pragma once

#include <QString>
#include <QStringList>

namespace mobiliza::ui {

struct CommandLine
{
    QString dataDir;      // --data-dir DIR (empty: platform default)
    QString language;     // --lang pt_BR|en (empty: the profile's choice, else pt_BR)
    QString municipality; // --municipality IBGE
    bool demoData = false;
    QString screenshotFile; // --screenshot FILE
    QString page;           // --page NAME
    bool status = false;
    QString exportKind;    // --export pdf|csv|xlsx|package|partners-csv|partners-xlsx
    QString month;         // --month YYYY-MM, or YYYY-Qn for a quadrimestral program
    QString outFile;       // --out FILE
    QString importPackage; // --import-package FILE (the first one)
    QStringList importPackages; // --import-package FILE... (files or folders; more may follow as arguments)
    QStringList
        openFiles; // FILE.mobiliza / FILE.mobiliza-lote alone (opened with the app): the window imports them
    QString program;            // --program ID (first use): a shipped program's id (SES-MG's the default)
    QString role;               // --role KEY (first use): municipality|urs|central, apoiador|cosems|conasems
    QString uf;                 // --uf XX (with a level set up by state: apoiador, cosems)
    QString urs;           // --urs NAME (with --role urs)
    bool pull = false;     // --pull: one pass of the regional replica (URS, central)
    QString reviewReport;  // --review REPORT_UUID
    bool accept = false;   // --accept (with --review)
    QString returnText;    // --return TEXT (with --review)
    bool coverage = false; // --coverage (with --month)
    bool forward = false;  // --forward (with --month; --out FILE: a batch file)
    QStringList importReceipts; // --import-receipt FILE...: the central level's receipts of batch files (URS)
    QStringList importBatches;  // --import-batch FILE...: URS batch files (the central level)
    bool batches = false;       // --batches: one line per batch made here (URS)
    bool partners = false;      // --partners [--out FILE.csv|.xlsx]: the partners of the region (URS)
    bool panel = false;         // --panel --from YYYY-MM --to YYYY-MM [--urs NAME] [--theme CODE] --out FILE
    QString search; // --search WORDS --from PERIOD --to PERIOD [--out FILE]: the apoio panel's texts
    QString fromMonth;          // --from YYYY-MM (with --panel)
    QString toMonth;            // --to YYYY-MM (with --panel)
    QString theme;              // --theme CODE (with --panel)
    QString hubUrl;        // --hub URL (with --enroll)
    QString enrollCode;    // --enroll CODE
    bool sync = false;     // --sync: one pass

    bool showHelp = false;
    bool showVersion = false;
    QString helpText;
    QString error; // non-empty: a usage error, in the UI language

    bool isHeadless() const
    {
        return status || !screenshotFile.isEmpty() || !exportKind.isEmpty() || !importPackage.isEmpty() ||
               !enrollCode.isEmpty() || sync || pull || !reviewReport.isEmpty() || coverage || forward ||
               !importReceipts.isEmpty() || !importBatches.isEmpty() || batches || partners || panel ||
               !search.isEmpty();
    }
    static QStringList pageNames();   // reports, editor, partners, sync, panel, settings; inbox, report, coverage, batches
    static QStringList exportKinds(); // pdf, csv, xlsx, package, partners-csv, partners-xlsx
    static bool exportNeedsMonth(const QString &kind);
};

CommandLine parseCommandLine(const QStringList &arguments);

// Before the application object exists: true when argv asks for a headless run,
// so the caller can choose the offscreen platform when there is no display.
bool argumentsAreHeadless(int argc, char **argv);

} // namespace mobiliza::ui
