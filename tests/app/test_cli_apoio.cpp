// The apoio program (issue 11) through the real start-up path: --program / --role / --uf
// on first use, what such a profile refuses afterwards, periods written YYYY-Qn, the
// apoiador's demonstration data and its exports. The panel and the text search:
// test_cli_apoio_panel.cpp.
#include "tests/support/catch_qt.h"
#include <catch2/catch.hpp>

#include "app/ui/application.h"
#include "core/program/program_registry.h"
#include "core/reference/brazil_reference.h"
#include "core/services/services.h"
#include "tests/app/cli_apoio_run.h"
#include "tests/support/temp_dir.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>

using namespace mobiliza;

TEST_CASE("cli apoio: an apoiador profile is set up once with --program, --role and --uf")
{
    test::TempDir dir;
    const QString data = dir.filePath(QStringLiteral("apoiador"));

    // The level's place is asked for by name, and checked against the national table.
    auto r = test::runCliEn(data, {"--program", "apoio_cosems", "--role", "apoiador", "--status"});
    CHECK(r.code == 1);
    CHECK(r.err.contains(QStringLiteral("--role apoiador needs --uf XX")));
    r = test::runCliEn(data, {"--program", "apoio_cosems", "--role", "apoiador", "--uf", "ZZ", "--status"});
    CHECK(r.code == 1);
    CHECK(r.err.contains(QStringLiteral("\"ZZ\" is not a Brazilian state")));
    CHECK(r.err.contains(QStringLiteral("BA")));
    r = test::runCliEn(data,
                       {"--program", "apoio_cosems", "--role", "apoiador", "--urs", "Barbacena", "--status"});
    CHECK(r.code == 2); // a URS names nothing in this program
    CHECK(r.err.contains(QStringLiteral("--urs NAME is only used with --role urs")));
    // Nothing of the refused attempts stayed: the profile is still free to be anything.
    {
        auto opened = core::Services::open(data, test::cliClock());
        REQUIRE(opened);
        CHECK_FALSE(opened.value()->profile().role().has_value());
        CHECK(opened.value()->profile().setting(QStringLiteral("program")).isEmpty());
    }

    r = test::runCliEn(data, {"--program", "apoio_cosems", "--role", "apoiador", "--uf", "ba", "--status"});
    CHECK(r.err == QString());
    REQUIRE(r.code == 0);
    CHECK(r.out.isEmpty()); // no report yet
    {
        auto opened = core::Services::open(data, test::cliClock());
        REQUIRE(opened);
        auto &profile = opened.value()->profile();
        CHECK(profile.program() == QStringLiteral("apoio_cosems"));
        CHECK(profile.role() == core::Role::Municipality); // the reporting tier
        CHECK(profile.uf() == QStringLiteral("BA"));
        CHECK(profile.reportingUnit().startsWith(QStringLiteral("ap-")));
    }

    // The same again is fine; another program or a level of another program is refused in words.
    CHECK(test::runCliEn(data, {"--program", "apoio_cosems", "--role", "apoiador", "--status"}).code == 0);
    r = test::runCliEn(data, {"--program", "ses_mg_mobilizacao", "--status"});
    CHECK(r.code == 1);
    CHECK(r.err.contains(QStringLiteral("cannot switch")));
    CHECK(r.err.contains(QStringLiteral("--data-dir")));
    // A level of the other program names that program: refused as a switch of program.
    r = test::runCliEn(data, {"--role", "urs", "--urs", "Barbacena", "--status"});
    CHECK(r.code == 1);
    CHECK(r.err.contains(QStringLiteral("cannot switch")));
    // A level no program has, with the program named: its own levels are listed.
    r = test::runCliEn(data,
                       {"--program", "apoio_cosems", "--role", "urs", "--urs", "Barbacena", "--status"});
    CHECK(r.code == 2);
    CHECK(r.err.contains(QStringLiteral("Unknown role \"urs\"")));
    CHECK(r.err.contains(QStringLiteral("apoiador, cosems, conasems")));
    r = test::runCliEn(data, {"--role", "cosems", "--uf", "BA", "--status"});
    CHECK(r.code == 1);
    CHECK(r.err.contains(QStringLiteral("cannot become"))); // says what the profile is
    CHECK(r.err.contains(QStringLiteral("BA")));
    r = test::runCliEn(data, {"--municipality", "3106200", "--status"});
    CHECK(r.code == 1);
    CHECK(r.err.contains(QStringLiteral("--municipality IBGE is not used")));
}

TEST_CASE("cli apoio: a level key names its program, and an SES-MG profile refuses it")
{
    test::TempDir dir;
    // --role cosems alone: the apoio program's coordination of a state.
    const QString cosems = dir.filePath(QStringLiteral("cosems"));
    auto r = test::runCliEn(cosems, {"--role", "cosems", "--uf", "PE", "--status"});
    CHECK(r.err == QString());
    REQUIRE(r.code == 0);
    {
        auto opened = core::Services::open(cosems, test::cliClock());
        REQUIRE(opened);
        CHECK(opened.value()->profile().program() == QStringLiteral("apoio_cosems"));
        CHECK(opened.value()->profile().role() == core::Role::Urs);
        CHECK(opened.value()->profile().uf() == QStringLiteral("PE"));
    }
    // CONASEMS is national: no place; a --uf is refused rather than ignored.
    const QString conasems = dir.filePath(QStringLiteral("conasems"));
    r = test::runCliEn(conasems, {"--role", "conasems", "--uf", "PE", "--status"});
    CHECK(r.code == 1);
    CHECK(r.err.contains(QStringLiteral("--uf XX is not used")));
    r = test::runCliEn(conasems, {"--role", "conasems", "--status"});
    CHECK(r.err == QString());
    CHECK(r.code == 0);

    const QString ses = dir.filePath(QStringLiteral("ses"));
    REQUIRE(test::runCliEn(ses, {"--role", "municipality", "--municipality", "3106200", "--status"}).code ==
            0);
    r = test::runCliEn(ses, {"--role", "apoiador", "--uf", "BA", "--status"});
    CHECK(r.code == 1);
    CHECK(r.err.contains(QStringLiteral("cannot switch")));
    r = test::runCliEn(ses, {"--program", "nonexistent", "--status"});
    CHECK(r.code == 2);
    CHECK(r.err.contains(QStringLiteral("apoio_cosems")));
    r = test::runCliEn(ses, {"--role", "director", "--status"});
    CHECK(r.code == 2);
    CHECK(r.err.contains(QStringLiteral("apoiador")));
}

TEST_CASE("cli apoio: the apoiador's demonstration year, by quadrimestre, valid and varied")
{
    test::TempDir dir;
    const QString data = dir.filePath(QStringLiteral("apoiador"));
    auto r = test::runCliEn(
        data, {"--program", "apoio_cosems", "--role", "apoiador", "--uf", "BA", "--demo-data", "--status"});
    CHECK(r.err == QString());
    REQUIRE(r.code == 0);
    // 22/11/2026: the three quadrimestres before the current one concluded, the current a draft.
    CHECK(r.out == QStringLiteral("2025-Q3\tready\t1\n2026-Q1\tready\t1\n2026-Q2\tready\t1\n"
                                  "2026-Q3\tdraft\t1\n"));

    auto opened = core::Services::open(data, test::cliClock());
    REQUIRE(opened);
    auto &services = *opened.value();
    const auto summaries = services.reports().summaries();
    REQUIRE(summaries);
    QSet<QString> modes, types, modalities;
    int open = 0, done = 0, late = 0, actions = 0, regions = 0;
    const auto engine = services.programs().engine(QStringLiteral("apoio_cosems"));
    REQUIRE(engine);
    const auto &brazil = core::BrazilReference::embedded();
    for (const auto &s : summaries.value()) {
        const auto report = services.reports().report(s.uuid);
        REQUIRE(report);
        // Every seeded report passes the program's own rules (the concluded ones were validated to conclude).
        CHECK_FALSE(core::hasBlocking(engine->validate(report.value())));
        for (const core::Action &a : report.value().actions) {
            ++actions;
            const QJsonObject &v = a.values;
            modes << v.value(QStringLiteral("learning_mode")).toString();
            types << v.value(QStringLiteral("support_type")).toString();
            modalities << v.value(QStringLiteral("modality")).toString();
            CHECK(v.value(QStringLiteral("uf")).toString() == QStringLiteral("BA"));
            for (const auto code : v.value(QStringLiteral("municipalities")).toArray())
                CHECK(brazil.ufOf(code.toString()) == QStringLiteral("BA"));
            regions += v.value(QStringLiteral("scope")).toString() == QStringLiteral("regiao_saude");
            for (const auto item : v.value(QStringLiteral("referrals")).toArray()) {
                const QJsonObject o = item.toObject();
                if (o.value(QStringLiteral("done")).toBool()) {
                    ++done;
                    CHECK(QDate::fromString(o.value(QStringLiteral("done_on")).toString(), Qt::ISODate) <=
                          test::kCliNow.date());
                } else {
                    ++open;
                    late += QDate::fromString(o.value(QStringLiteral("follow_up")).toString(), Qt::ISODate) <
                            test::kCliNow.date();
                }
            }
        }
    }
    CHECK(actions >= 25);
    CHECK(modes == QSet<QString>{QStringLiteral("pratica"), QStringLiteral("interacao_social"),
                                 QStringLiteral("aprendizado_formal")});
    CHECK(types.size() >= 5);
    CHECK(modalities.size() == 3);
    CHECK(regions > 0);
    CHECK(done > 0);
    CHECK(open > 0);
    CHECK(late > 0);
    CHECK(services.profile().isDemo());
    opened.value().reset();

    // Seeding again changes nothing.
    r = test::runCliEn(data, {"--demo-data", "--status"});
    CHECK(r.code == 0);
    CHECK(r.out.count(QLatin1Char('\n')) == 4);
}

TEST_CASE("cli apoio: a COSEMS's demonstration is its apoiadores' quadrimestres and the hub's roster")
{
    test::TempDir dir;
    const QString cosems = dir.filePath(QStringLiteral("cosems"));
    test::CliRun r = test::runCliEn(
        cosems, {"--program", "apoio_cosems", "--role", "cosems", "--uf", "BA", "--demo-data", "--status"});
    INFO(r.err.toStdString());
    REQUIRE(r.code == 0);
    // One line per report: period, apoiador, state, revision, report.
    const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    REQUIRE(lines.size() >= 20);
    QSet<QString> periods, units, states;
    for (const QString &line : lines) {
        const QStringList f = line.split(QLatin1Char('\t'));
        REQUIRE(f.size() == 5);
        CHECK(core::Period::fromKey(f[0]).isQuadrimester());
        CHECK(core::isApoiadorId(f[1]));
        periods << f[0];
        units << f[1];
        states << f[2];
    }
    CHECK(periods.size() == 4);
    CHECK(units.size() == 8);
    CHECK(states ==
          QSet<QString>{QStringLiteral("accepted"), QStringLiteral("returned"), QStringLiteral("received")});
    // Seeding again changes nothing.
    CHECK(test::runCliEn(cosems, {"--demo-data", "--status"}).out == r.out);

    // The newest quadrimestre's coverage: Ana has not sent it, Paulo has left (not expected),
    // Juliana joined during it and sent it; then where the apoio reached in Bahia.
    const QString newest = *std::max_element(periods.cbegin(), periods.cend());
    r = test::runCliEn(cosems, {"--coverage", "--month", newest.toUtf8().constData()});
    REQUIRE(r.code == 0);
    const QStringList coverage = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    REQUIRE(coverage.size() == 9);
    const auto stateOf = [&](const QString &name) {
        for (const QString &line : coverage)
            if (line.section(QLatin1Char('\t'), 1, 1) == name)
                return line.section(QLatin1Char('\t'), 2);
        return QString();
    };
    CHECK(stateOf(QStringLiteral("Ana Prado")) == QStringLiteral("missing"));
    CHECK(stateOf(QStringLiteral("Paulo Andrade")) == QStringLiteral("not_expected"));
    CHECK(stateOf(QStringLiteral("João Lima")) == QStringLiteral("late"));
    CHECK(stateOf(QStringLiteral("Maria Souza")) == QStringLiteral("returned"));
    CHECK_FALSE(stateOf(QStringLiteral("Juliana Teixeira")).isEmpty());
    CHECK(stateOf(QStringLiteral("Juliana Teixeira")) != QStringLiteral("not_expected"));
    const QStringList reach = coverage.last().split(QLatin1Char('\t'));
    REQUIRE(reach.size() == 3);
    CHECK(reach[0] == QStringLiteral("municipalities_reached"));
    CHECK(reach[1].toInt() > 0);
    CHECK(reach[2] == QStringLiteral("417"));
}

namespace {

// The rows of a panel CSV named `figure`: code → value.
QMap<QString, int> panelRows(const QString &csvPath, const QString &figure)
{
    QFile csv(csvPath);
    REQUIRE(csv.open(QIODevice::ReadOnly));
    QMap<QString, int> out;
    for (const QString &line : QString::fromUtf8(csv.readAll()).split(QStringLiteral("\r\n")))
        if (line.section(QLatin1Char(';'), 0, 0) == figure)
            out.insert(line.section(QLatin1Char(';'), 1, 1), line.section(QLatin1Char(';'), 3, 3).toInt());
    return out;
}

} // namespace

TEST_CASE("cli apoio: CONASEMS's demonstration is eight states' copies, Bahia's the same as its COSEMS's")
{
    test::TempDir dir;
    const QString conasems = dir.filePath(QStringLiteral("conasems"));
    test::CliRun r = test::runCliEn(
        conasems, {"--program", "apoio_cosems", "--role", "conasems", "--demo-data", "--status"});
    INFO(r.err.toStdString());
    REQUIRE(r.code == 0);
    const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QSet<QString> units, periods;
    for (const QString &line : lines) {
        units << line.section(QLatin1Char('\t'), 1, 1);
        periods << line.section(QLatin1Char('\t'), 0, 0);
    }
    CHECK(units.size() == 8 * 8);
    REQUIRE(periods.size() == 4);
    CHECK(test::runCliEn(conasems, {"--demo-data", "--status"}).out ==
          r.out); // seeding again changes nothing

    // Bahia's COSEMS, seeded the same day: its reports are CONASEMS's Bahia lines (period,
    // apoiador, state, revision; the report ids are new in each copy).
    const QString cosems = dir.filePath(QStringLiteral("cosems"));
    const test::CliRun ba = test::runCliEn(
        cosems, {"--program", "apoio_cosems", "--role", "cosems", "--uf", "BA", "--demo-data", "--status"});
    REQUIRE(ba.code == 0);
    const auto withoutIds = [](const QString &out) {
        QSet<QString> set;
        for (const QString &line : out.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
            set << line.section(QLatin1Char('\t'), 0, 3);
        return set;
    };
    const QSet<QString> bahia = withoutIds(ba.out);
    REQUIRE(bahia.size() >= 20);
    CHECK(withoutIds(r.out).contains(bahia));

    // The country's panel: every state's actions, Bahia's the number its COSEMS's panel counts.
    QStringList sorted(periods.cbegin(), periods.cend());
    std::sort(sorted.begin(), sorted.end());
    const QByteArray from = sorted.first().toUtf8(), to = sorted.last().toUtf8();
    const QString country = dir.filePath(QStringLiteral("brasil.csv"));
    r = test::runCliEn(conasems, {"--panel", "--from", from.constData(), "--to", to.constData(), "--out",
                                  country.toUtf8().constData()});
    INFO(r.err.toStdString());
    REQUIRE(r.code == 0);
    CHECK(r.out.startsWith(QStringLiteral("Panel of Brazil, ")));
    const QString state = dir.filePath(QStringLiteral("bahia.csv"));
    REQUIRE(test::runCliEn(cosems, {"--panel", "--from", from.constData(), "--to", to.constData(), "--out",
                                    state.toUtf8().constData()})
                .code == 0);
    const QMap<QString, int> byState = panelRows(country, QStringLiteral("Actions by state"));
    CHECK(QSet<QString>(byState.keyBegin(), byState.keyEnd()) ==
          QSet<QString>{QStringLiteral("BA"), QStringLiteral("PE"), QStringLiteral("CE"),
                        QStringLiteral("PA"), QStringLiteral("MG"), QStringLiteral("SP"),
                        QStringLiteral("RS"), QStringLiteral("GO")});
    for (const int actions : byState)
        CHECK(actions > 0);
    const QMap<QString, int> bahiaActions = panelRows(state, QStringLiteral("Actions"));
    REQUIRE(bahiaActions.size() == 1);
    CHECK(bahiaActions.first() > 0);
    CHECK(byState.value(QStringLiteral("BA")) == bahiaActions.first());
}

TEST_CASE("cli apoio: a period is written as the program counts them")
{
    test::TempDir dir;
    const QString data = dir.filePath(QStringLiteral("apoiador"));
    REQUIRE(test::runCliEn(data, {"--program", "apoio_cosems", "--role", "apoiador", "--uf", "BA",
                                  "--demo-data", "--status"})
                .code == 0);
    const QString csv = dir.filePath(QStringLiteral("q2.csv"));
    auto r =
        test::runCliEn(data, {"--export", "csv", "--month", "2026-10", "--out", csv.toUtf8().constData()});
    CHECK(r.code == 1);
    CHECK(r.err.contains(QStringLiteral("reports by quadrimestre")));
    CHECK(r.err.contains(QStringLiteral("2026-Q2")));
    CHECK_FALSE(QFile::exists(csv));
    r = test::runCliEn(data, {"--export", "csv", "--month", "2026-Q4", "--out", csv.toUtf8().constData()});
    CHECK(r.code == 2); // there is no fourth quadrimestre
    CHECK(r.err.contains(QStringLiteral("YYYY-Qn")));

    const QString ses = dir.filePath(QStringLiteral("ses"));
    REQUIRE(test::runCliEn(ses, {"--municipality", "3106200", "--demo-data", "--status"}).code == 0);
    r = test::runCliEn(ses, {"--export", "csv", "--month", "2026-Q2", "--out", csv.toUtf8().constData()});
    CHECK(r.code == 1);
    CHECK(r.err.contains(QStringLiteral("\"2026-Q2\" is not a month")));
}

TEST_CASE("cli apoio: the apoiador's quadrimestre as CSV (a column per field) and as the COSEMS's PDF")
{
    test::TempDir dir;
    const QString data = dir.filePath(QStringLiteral("apoiador"));
    REQUIRE(test::runCliEn(data, {"--program", "apoio_cosems", "--role", "apoiador", "--uf", "BA",
                                  "--demo-data", "--status"})
                .code == 0);
    auto opened = core::Services::open(data, test::cliClock());
    REQUIRE(opened);
    const auto report = opened.value()->reports().reportFor(QStringLiteral("apoio_cosems"),
                                                            core::Period::quadrimesterOf(2026, 2));
    REQUIRE(report);
    const core::Report q2 = report.value();
    opened.value().reset();
    REQUIRE(q2.actions.size() >= 7);

    const QString csv = dir.filePath(QStringLiteral("q2.csv"));
    auto r =
        test::runCliEn(data, {"--export", "csv", "--month", "2026-Q2", "--out", csv.toUtf8().constData()});
    CHECK(r.err == QString());
    REQUIRE(r.code == 0);
    QFile file(csv);
    REQUIRE(file.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(file.readAll());
    const QStringList header = text.section(QStringLiteral("\r\n"), 0, 0).split(QLatin1Char(';'));
    CHECK(header.contains(QStringLiteral("Quadrimestre")));
    CHECK(header.contains(QStringLiteral("Municípios apoiados")));
    CHECK(header.contains(QStringLiteral("Municípios apoiados (IBGE)")));
    CHECK(header.contains(QStringLiteral("Modo de aprendizagem (70-20-10)")));
    CHECK(header.contains(QStringLiteral("Encaminhamentos")));
    CHECK_FALSE(header.contains(QStringLiteral("Título da ação"))); // not the SES-MG columns
    // Every action is a row, and its first municipality is there by name and by code.
    const auto &brazil = core::BrazilReference::embedded();
    for (const core::Action &a : q2.actions) {
        const QString code = a.values.value(QStringLiteral("municipalities")).toArray().at(0).toString();
        CHECK(text.contains(code));
        CHECK(text.contains(brazil.municipality(code)->name));
    }
    CHECK(text.count(QStringLiteral("2026-Q2;")) == q2.actions.size());

    const QString pdf = dir.filePath(QStringLiteral("q2.pdf"));
    r = test::runCliEn(data, {"--export", "pdf", "--month", "2026-Q2", "--out", pdf.toUtf8().constData()});
    CHECK(r.err == QString());
    REQUIRE(r.code == 0);
    QProcess p;
    p.start(QStringLiteral("pdftotext"),
            {QStringLiteral("-enc"), QStringLiteral("UTF-8"), pdf, QStringLiteral("-")});
    REQUIRE(p.waitForFinished(60000));
    REQUIRE(p.exitCode() == 0);
    const QString pdfText = QString::fromUtf8(p.readAllStandardOutput()).simplified();
    CHECK(pdfText.contains(QStringLiteral("COSEMS-BA")));
    CHECK(pdfText.contains(QStringLiteral("RELATÓRIO QUADRIMESTRAL")));
    CHECK(pdfText.contains(QStringLiteral("2º quadrimestre de 2026 (maio a agosto)")));
    CHECK(pdfText.contains(QStringLiteral("Bahia (BA)")));
    CHECK(pdfText.contains(QStringLiteral("Totais do quadrimestre")));
    CHECK_FALSE(pdfText.contains(QStringLiteral("Secretaria Municipal de Saúde de")));
    // An encaminhamento of the quadrimestre, as the PDF writes it.
    QString referral;
    for (const core::Action &a : q2.actions)
        if (const QJsonArray items = a.values.value(QStringLiteral("referrals")).toArray(); !items.isEmpty())
            referral = items.at(0).toObject().value(QStringLiteral("responsible")).toString();
    REQUIRE_FALSE(referral.isEmpty());
    CHECK(pdfText.contains(QStringLiteral("Responsável: ") + referral));
}

TEST_CASE("cli apoio: the first-run answer names the program, and the profile takes it")
{
    test::TempDir dir;
    const QString data = dir.filePath(QStringLiteral("asked"));
    ui::StartupSeams seams;
    seams.clock = &test::cliClock();
    int asked = 0;
    seams.askProfile = [&asked] {
        ++asked;
        return ui::ProfileAnswer{core::ProgramDefinition::apoioCosemsId(), core::Role::Urs,
                                 QStringLiteral("rs")};
    };
    QString out, err;
    const int code =
        ui::runMobiliza({QStringLiteral("mobiliza"), QStringLiteral("--data-dir"), data,
                         QStringLiteral("--lang"), QStringLiteral("en"), QStringLiteral("--status")},
                        seams, &out, &err);
    CHECK(err == QString());
    CHECK(code == 0);
    CHECK(asked == 1);
    auto opened = core::Services::open(data, test::cliClock());
    REQUIRE(opened);
    CHECK(opened.value()->profile().program() == QStringLiteral("apoio_cosems"));
    CHECK(opened.value()->profile().role() == core::Role::Urs);
    CHECK(opened.value()->profile().uf() == QStringLiteral("RS"));
    opened.value().reset();
    // Set up: not asked again.
    out.clear();
    CHECK(ui::runMobiliza(
              {QStringLiteral("mobiliza"), QStringLiteral("--data-dir"), data, QStringLiteral("--status")},
              seams, &out, &err) == 0);
    CHECK(asked == 1);
}

TEST_CASE("cli apoio: a level named without its place takes the demo's, asks, or says what is missing")
{
    test::TempDir dir;
    // SES-MG as before the second program: --role municipality --demo-data is Belo Horizonte.
    const QString ses = dir.filePath(QStringLiteral("ses"));
    auto r = test::runCliEn(ses, {"--role", "municipality", "--demo-data", "--status"});
    CHECK(r.err == QString());
    REQUIRE(r.code == 0);
    {
        auto opened = core::Services::open(ses, test::cliClock());
        REQUIRE(opened);
        CHECK(opened.value()->profile().municipality() == QStringLiteral("3106200"));
    }
    // …and alone, headless, the message of an unset profile.
    r = test::runCliEn(dir.filePath(QStringLiteral("unset")), {"--role", "municipality", "--status"});
    CHECK(r.code == 1);
    CHECK(r.err.contains(QStringLiteral("not set up yet")));
    // The apoiador's demo takes a state; alone, headless, it asks for --uf by name.
    const QString apoio = dir.filePath(QStringLiteral("apoio"));
    r = test::runCliEn(apoio, {"--role", "apoiador", "--demo-data", "--status"});
    CHECK(r.err == QString());
    REQUIRE(r.code == 0);
    {
        auto opened = core::Services::open(apoio, test::cliClock());
        REQUIRE(opened);
        CHECK(opened.value()->profile().uf() == QStringLiteral("BA"));
    }
    r = test::runCliEn(dir.filePath(QStringLiteral("apoio2")), {"--role", "apoiador", "--status"});
    CHECK(r.code == 1);
    CHECK(r.err.contains(QStringLiteral("--role apoiador needs --uf XX")));
}
