// The CSV and the XLSX read back by real consumers, not by our own parser: Python's csv module (how
// pandas, R and Power BI see a CSV: plain values, never ="…" formulas) and LibreOffice Calc (the
// cell types of the XLSX). Both programs are installed by scripts/setup.sh: a missing one fails
// the test instead of skipping it, so the check cannot silently stop running.
#include <catch2/catch.hpp>

#include "tests/support/catch_qt.h"

#include "core/outputs/output_format.h"
#include "core/outputs/table_export.h"
#include "tests/support/temp_dir.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QStandardPaths>
#include <QUrl>

using namespace mobiliza::core::outputs;
using mobiliza::test::TempDir;

namespace {

constexpr int kToolTimeoutMs = 120000;

// One row with every kind of cell the exports write.
Table sampleTable()
{
    Table t;
    t.sheetName = QStringLiteral("Amostra");
    t.columns = {{QStringLiteral("Código IBGE")}, {QStringLiteral("CEP")},
                 {QStringLiteral("Competência")}, {QStringLiteral("Data")},
                 {QStringLiteral("Latitude")},    {QStringLiteral("Pessoas")},
                 {QStringLiteral("Descrição")},   {QStringLiteral("Observação")}};
    t.rows << QList<Cell>{Cell::code(QStringLiteral("0310620")),
                          Cell::code(QStringLiteral("01001-000")),
                          Cell::code(QStringLiteral("10/2026")),
                          Cell::date_(QDate(2026, 10, 15)),
                          Cell::decimal(-19.9167),
                          Cell::integer(1200),
                          Cell::text_(QStringLiteral("Palestra \"Saúde; já\"\r\nLinha 2")),
                          Cell::text_(QStringLiteral("=HYPERLINK(\"http://x\")"))};
    return t;
}

QString requiredProgram(const QString &name, const char *install)
{
    const QString path = QStandardPaths::findExecutable(name);
    if (path.isEmpty())
        FAIL(name.toStdString() << " is not on the PATH: " << install);
    return path;
}

// Runs a tool to the end and returns its standard output; fails on a timeout or an error exit.
QByteArray runOrFail(const QString &program, const QStringList &arguments,
                     const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment())
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    if (!process.waitForFinished(kToolTimeoutMs)) {
        process.kill();
        process.waitForFinished();
        FAIL(program.toStdString() << " did not finish in " << kToolTimeoutMs / 1000
                                   << " s: " << process.errorString().toStdString());
    }
    INFO(program.toStdString() << " said: " << process.readAllStandardError().toStdString());
    REQUIRE(process.exitStatus() == QProcess::NormalExit);
    REQUIRE(process.exitCode() == 0);
    return process.readAllStandardOutput();
}

QByteArray fileBytes(const QString &path)
{
    QFile file(path);
    INFO(path.toStdString());
    REQUIRE(file.open(QIODevice::ReadOnly));
    return file.readAll();
}

} // namespace

TEST_CASE("CSV read back by Python's csv module: plain codes, dates, decimals and escaped text")
{
    const QString python =
        requiredProgram(QStringLiteral("python3"), "install python3 (scripts/setup.sh installs it)");
    TempDir dir;
    const QString path = dir.filePath(QStringLiteral("amostra.csv"));
    REQUIRE(writeFileAtomically(path, tableCsv(sampleTable())).ok());
    const QByteArray bytes = fileBytes(path);
    CHECK(bytes.startsWith("\xEF\xBB\xBF"));
    CHECK_FALSE(bytes.contains("=\"")); // no cell is a formula

    const QByteArray json =
        runOrFail(python, {QStringLiteral("-c"),
                           QStringLiteral("import csv, json, sys\n"
                                          "with open(sys.argv[1], encoding='utf-8-sig', newline='') as f:\n"
                                          "    print(json.dumps(list(csv.reader(f, delimiter=';'))))\n"),
                           path});
    const QJsonArray rows = QJsonDocument::fromJson(json).array();
    INFO(json.toStdString());
    REQUIRE(rows.size() == 2);
    CHECK(rows.at(0).toArray() == QJsonArray{QStringLiteral("Código IBGE"), QStringLiteral("CEP"),
                                             QStringLiteral("Competência"), QStringLiteral("Data"),
                                             QStringLiteral("Latitude"), QStringLiteral("Pessoas"),
                                             QStringLiteral("Descrição"), QStringLiteral("Observação")});
    // Text from the user keeps its content; one starting like a formula gets the apostrophe.
    CHECK(rows.at(1).toArray() == QJsonArray{QStringLiteral("0310620"), QStringLiteral("01001-000"),
                                             QStringLiteral("10/2026"), QStringLiteral("15/10/2026"),
                                             QStringLiteral("-19,9167"), QStringLiteral("1200"),
                                             QStringLiteral("Palestra \"Saúde; já\"\nLinha 2"),
                                             QStringLiteral("'=HYPERLINK(\"http://x\")")});
}

TEST_CASE("XLSX read back by LibreOffice Calc: codes as text, dates as dates, numbers as numbers")
{
    const QString soffice = requiredProgram(QStringLiteral("soffice"),
                                            "install libreoffice-calc-nogui (scripts/setup.sh installs it)");
    TempDir dir;
    const QString xlsx = dir.filePath(QStringLiteral("amostra.xlsx"));
    REQUIRE(writeTableXlsx(sampleTable(), xlsx).ok());

    // A profile of its own, so that parallel runs do not share LibreOffice's lock; pt-BR, the
    // users' locale, decides how Calc shows the decimal number.
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("LC_ALL"), QStringLiteral("pt_BR.UTF-8"));
    environment.insert(QStringLiteral("LANG"), QStringLiteral("pt_BR.UTF-8"));
    const QString profile = QUrl::fromLocalFile(dir.filePath(QStringLiteral("profile"))).toString();
    // ';' (59), '"' (34), UTF-8 (76), from line 1, quote all text cells, save cells as shown: a
    // quoted field was a text cell, an unquoted one a number (or a date, shown dd/mm/yyyy).
    runOrFail(soffice,
              {QStringLiteral("-env:UserInstallation=") + profile, QStringLiteral("--headless"),
               QStringLiteral("--convert-to"),
               QStringLiteral("csv:Text - txt - csv (StarCalc):59,34,76,1,,0,true,true,true"),
               QStringLiteral("--outdir"), dir.filePath(QStringLiteral("out")), xlsx},
              environment);

    const QString csv = QString::fromUtf8(fileBytes(dir.filePath(QStringLiteral("out/amostra.csv"))));
    CHECK(csv ==
          QStringLiteral("\"Código IBGE\";\"CEP\";\"Competência\";\"Data\";\"Latitude\";\"Pessoas\";"
                         "\"Descrição\";\"Observação\"\n"
                         "\"0310620\";\"01001-000\";\"10/2026\";15/10/2026;-19,9167;1200;"
                         "\"Palestra \"\"Saúde; já\"\"\nLinha 2\";\"=HYPERLINK(\"\"http://x\"\")\"\n"));
}
