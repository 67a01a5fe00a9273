// The Balanço mensal PDF of a seeded replica (panel_seed.h), read back with
// `pdftotext -layout`: the tiles, the month rows, the ranking and the núcleos
// per URS are there as computed, in pt-BR, on numbered pages; a file that
// cannot be written is an error in words and leaves nothing behind.
#include "core/outputs/output_format.h"
#include "core/panel/balanco_pdf.h"
#include "core/panel/panel_nuclei.h"
#include "core/panel/panel_query.h"
#include "tests/core/outputs/outputs_fixture.h"
#include "tests/core/panel/panel_seed.h"
#include "tests/support/catch_qt.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <csignal>
#include <sys/resource.h>

using namespace mobiliza;
using namespace mobiliza::core;
using namespace mobiliza::test::panel;

namespace {

struct Computed
{
    PanelData data;
    QList<UrsNuclei> nuclei;
};

Computed compute(Services &services, const Seeded &s, const PanelFilter &f)
{
    const ProgramDefinition program = services.programs().engine(kProgram)->program();
    auto data = computePanel(services.database(), services.replica(), program, s.scope, f, s.localStates);
    REQUIRE(data);
    auto nuclei = computeNuclei(services.database(), services.replica(), kProgram, s.scope, f, s.localStates);
    REQUIRE(nuclei);
    return {data.value(), nuclei.value()};
}

QString layoutText(const QString &pdf)
{
    const test::ProcessOutput out =
        test::runTool(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), QStringLiteral("-enc"),
                                                    QStringLiteral("UTF-8"), pdf, QStringLiteral("-")});
    REQUIRE(out.started); // poppler-utils (scripts/setup.sh)
    REQUIRE(out.exitCode == 0);
    return QString::fromUtf8(out.out);
}

// A line holding these cells in this order, separated by spaces only.
bool hasRow(const QString &text, const QStringList &cells)
{
    QStringList escaped;
    for (const QString &c : cells)
        escaped << QRegularExpression::escape(c);
    const QRegularExpression row(QStringLiteral("(^|\\s)") + escaped.join(QStringLiteral("\\s+")) +
                                     QStringLiteral("(\\s|$)"),
                                 QRegularExpression::MultilineOption);
    return row.match(text).hasMatch();
}

QString nameOf(const ReferenceData &reference, const QString &ibge)
{
    const auto m = reference.municipality(ibge);
    REQUIRE(m);
    return m->name;
}

using outputs::integerBr;

} // namespace

TEST_CASE("The Balanço PDF holds the tiles, the month rows, the ranking and the núcleos per URS, in pt-BR")
{
    test::UrsProfile urs;
    Services &services = *urs.services;
    const ReferenceData &reference = services.reference();
    const Seeded s = seed(urs, 20261201, twoUrs(reference));
    const ProgramDefinition program = services.programs().engine(kProgram)->program();
    const Computed c = compute(services, s, PanelFilter{Period{2026, 4}, Period{2026, 9}});
    const PanelData &d = c.data;
    REQUIRE(d.tiles.people >= 1000); // a thousands separator to see

    const QString pdf = urs.dir.filePath(QStringLiteral("balanco.pdf"));
    const BalancoInfo info{QStringLiteral("Minas Gerais"),
                           QDateTime(QDate(2026, 11, 20), QTime(12, 5), Qt::UTC),
                           QStringLiteral("Ana Souza")};
    REQUIRE(writeBalancoPdf(d, c.nuclei, program, reference, info, pdf));
    const QString text = layoutText(pdf);
    const int pages = test::pdfPageCount(pdf);
    REQUIRE(pages >= 2);

    CHECK(text.contains(QStringLiteral("Balanço mensal das ações de mobilização social")));
    CHECK(text.contains(QStringLiteral("Minas Gerais — abril a setembro de 2026")));
    CHECK(text.contains(QStringLiteral("20/11/2026 09:05")));
    CHECK(text.contains(QStringLiteral("Ana Souza")));
    CHECK(text.contains(QStringLiteral("aceitos, encaminhados ao nível central ou consolidados")));
    CHECK(text.contains(QStringLiteral("Página 1 de %1").arg(pages)));
    CHECK(text.contains(QStringLiteral("Página %1 de %1").arg(pages)));
    CHECK_FALSE(text.contains(QStringLiteral("Página %1 de").arg(pages + 1)));

    // The five tiles side by side, with their change.
    const QString rate = d.tiles.onTimeRate() < 0
                             ? QStringLiteral("—")
                             : integerBr(std::llround(d.tiles.onTimeRate() * 100)) + QStringLiteral(" %");
    CHECK(hasRow(text, {integerBr(d.tiles.actions), integerBr(d.tiles.people),
                        QStringLiteral("%1 de %2").arg(d.tiles.reporting).arg(d.tiles.expected), rate,
                        integerBr(d.tiles.activeNuclei)}));
    const qint64 delta = d.tiles.actions - d.previous.actions;
    CHECK(text.contains((delta > 0   ? QStringLiteral("▲ ")
                         : delta < 0 ? QStringLiteral("▼ ")
                                     : QStringLiteral("= ")) +
                        integerBr(std::llabs(delta))));

    // Every month's row, and the total.
    for (int i = 0; i < d.periods.size(); ++i) {
        CAPTURE(d.periods.at(i).key());
        CHECK(hasRow(text, {d.periods.at(i).display(), integerBr(d.actions.at(i)), integerBr(d.people.at(i)),
                            QStringLiteral("%1 de %2").arg(d.reporting.at(i)).arg(d.tiles.expected)}));
    }
    CHECK(hasRow(text, {QStringLiteral("Total"), integerBr(d.tiles.actions), integerBr(d.tiles.people)}));

    // The ranking: first and last, with their URS and months sent.
    for (int i : {0, int(d.ranking.size()) - 1}) {
        const PanelRankRow &r = d.ranking.at(i);
        CAPTURE(r.municipality);
        CHECK(hasRow(text, {QString::number(i + 1), nameOf(reference, r.municipality),
                            reference.municipality(r.municipality)->urs, integerBr(r.actions),
                            integerBr(r.people), QStringLiteral("%1 de 6").arg(r.monthsReported)}));
    }

    // The núcleos, one row per URS and the total.
    REQUIRE(c.nuclei.size() == 2);
    int active = 0, fresh = 0;
    for (const UrsNuclei &n : c.nuclei) {
        CAPTURE(n.urs);
        CHECK(hasRow(text, {n.urs, QString::number(n.municipalities), QString::number(n.active),
                            QString::number(n.fresh)}));
        active += n.active;
        fresh += n.fresh;
    }
    CHECK(hasRow(text, {QStringLiteral("Total"), QStringLiteral("13"), QString::number(active),
                        QString::number(fresh)}));
    CHECK(active == d.tiles.activeNuclei);

    // The breakdowns: the first theme of the stacks and the first format, with their counts.
    const auto labelOf = [&](const QString &role, const QString &code) {
        const auto field = program.field(program.fieldForRole(role));
        REQUIRE(field);
        return program.catalogueEntry(field->catalogue, code)->label;
    };
    CHECK(hasRow(text, {labelOf(field_role::Themes, d.stackThemes.first().code),
                        integerBr(d.stackThemes.first().count)}));
    CHECK(hasRow(
        text, {labelOf(field_role::Format, d.byFormat.first().code), integerBr(d.byFormat.first().count)}));
    // Nothing about partners (BRIEF §7).
    CHECK_FALSE(text.contains(QStringLiteral("arceir")));
}

TEST_CASE(
    "A Balanço of many municipalities breaks its tables across numbered pages, and a demo one is marked")
{
    test::UrsProfile urs;
    Services &services = *urs.services;
    const ReferenceData &reference = services.reference();
    const Seeded s = seed(urs, 99, reference.municipalitiesOfUrs(QStringLiteral("Montes Claros")));
    REQUIRE(s.scope.size() == 54);
    const ProgramDefinition program = services.programs().engine(kProgram)->program();
    PanelFilter f{Period{2026, 10}, Period{2026, 10}};
    f.includeReceived = true;
    const Computed c = compute(services, s, f);
    const QString pdf = urs.dir.filePath(QStringLiteral("balanco.pdf"));
    BalancoInfo info{QStringLiteral("URS Montes Claros"),
                     QDateTime(QDate(2026, 11, 20), QTime(12, 5), Qt::UTC)};
    info.demo = true;
    REQUIRE(writeBalancoPdf(c.data, c.nuclei, program, reference, info, pdf));
    const QString text = layoutText(pdf);
    const int pages = test::pdfPageCount(pdf);
    REQUIRE(pages >= 3);
    for (int page = 1; page <= pages; ++page)
        CHECK(text.contains(QStringLiteral("Página %1 de %2").arg(page).arg(pages)));
    CHECK(text.contains(QStringLiteral("recebidos, em análise, aceitos")));
    CHECK(text.contains(QStringLiteral("DEMONSTRAÇÃO — dados fictícios")));
    CHECK(text.contains(QStringLiteral("URS Montes Claros — outubro de 2026")));
    // One URS: no URS column, no total row; the last of the 54 is there.
    const PanelRankRow &last = c.data.ranking.last();
    CHECK(hasRow(text, {QStringLiteral("54"), nameOf(reference, last.municipality), integerBr(last.actions),
                        integerBr(last.people), QStringLiteral("%1 de 1").arg(last.monthsReported)}));
    CHECK(hasRow(text, {QStringLiteral("Montes Claros"), QStringLiteral("54"),
                        QString::number(c.nuclei.first().active), QString::number(c.nuclei.first().fresh)}));
}

TEST_CASE("The Balanço names what the filter narrows: a theme, a format, an area or a few municipalities")
{
    test::UrsProfile urs;
    Services &services = *urs.services;
    const ReferenceData &reference = services.reference();
    const Seeded s = seed(urs, 11, twoUrs(reference));
    const ProgramDefinition program = services.programs().engine(kProgram)->program();
    const QString pdf = urs.dir.filePath(QStringLiteral("balanco.pdf"));
    // What the box's "Recorte:" says, its lines joined (a long one wraps in its column).
    const auto recorte = [&](const PanelFilter &f) {
        const Computed c = compute(services, s, f);
        REQUIRE(writeBalancoPdf(c.data, c.nuclei, program, reference,
                                BalancoInfo{QStringLiteral("Minas Gerais"), QDateTime::currentDateTimeUtc()},
                                pdf));
        const QString text = test::pdfText(pdf).simplified();
        const auto m =
            QRegularExpression(QStringLiteral("Recorte: (.*?) (Gerado em|Comparação):")).match(text);
        REQUIRE(m.hasMatch());
        return m.captured(1);
    };
    PanelFilter f{Period{2026, 4}, Period{2026, 9}};
    CHECK(recorte(f) == QStringLiteral("todos os temas e formatos"));
    f.format = codes(program, QStringLiteral("formatos")).at(0);
    f.municipalities = {s.scope.at(0).ibge, s.scope.at(7).ibge};
    CHECK(recorte(f) == QStringLiteral("formato %1, %2, %3")
                            .arg(program.catalogueEntry(QStringLiteral("formatos"), f.format)->label,
                                 s.scope.at(0).name, s.scope.at(7).name));
    f.format.clear();
    f.municipalities.clear();
    for (const Municipality &m : s.scope)
        if (m.urs == QStringLiteral("Barbacena"))
            f.municipalities << m.ibge;
    f.areaKey = QStringLiteral("urs:Barbacena");
    CHECK(recorte(f) == QStringLiteral("URS Barbacena"));
    f.areaKey.clear();
    CHECK(recorte(f) == QStringLiteral("%1, %2, %3 e mais 3 municípios")
                            .arg(nameOf(reference, f.municipalities.at(0)),
                                 nameOf(reference, f.municipalities.at(1)),
                                 nameOf(reference, f.municipalities.at(2))));
}

TEST_CASE("The Balanço prints the action target of the range and how much of it was reached, none when none "
          "applies")
{
    test::UrsProfile urs;
    Services &services = *urs.services;
    const ReferenceData &reference = services.reference();
    const Seeded s = seed(urs, 20261202, twoUrs(reference));
    const ProgramDefinition program = services.programs().engine(kProgram)->program();
    PanelData d = compute(services, s, PanelFilter{Period{2026, 4}, Period{2026, 9}}).data;
    REQUIRE(d.tiles.actions > 0);
    const BalancoInfo info{QStringLiteral("Minas Gerais"),
                           QDateTime(QDate(2026, 11, 20), QTime(12, 5), Qt::UTC), QString()};
    const QString pdf = urs.dir.filePath(QStringLiteral("balanco.pdf"));

    // A target above what was done: the share reached, rounded as the Painel's tile rounds it.
    d.filter.actionTarget = double(d.tiles.actions) * 1.6 + 0.4;
    const qint64 target = std::llround(d.filter.actionTarget);
    REQUIRE(writeBalancoPdf(d, {}, program, reference, info, pdf));
    QString text = test::pdfText(pdf).simplified();
    CHECK(text.contains(QStringLiteral("Meta do período: %1 —").arg(integerBr(target))));
    CHECK(text.contains(QStringLiteral("%1 % atingido")
                            .arg(integerBr(std::llround(100.0 * double(d.tiles.actions) / double(target))))));

    // No target applies (a theme, or none published): no line.
    d.filter.actionTarget = -1;
    REQUIRE(writeBalancoPdf(d, {}, program, reference, info, pdf));
    text = test::pdfText(pdf).simplified();
    CHECK(text.contains(QStringLiteral("dos relatórios enviados no prazo")));
    CHECK_FALSE(text.contains(QStringLiteral("Meta do período")));
}

TEST_CASE("A Balanço that cannot be written is an error in words and leaves no file")
{
    test::UrsProfile urs;
    Services &services = *urs.services;
    const Seeded s = seed(urs, 5);
    const ProgramDefinition program = services.programs().engine(kProgram)->program();
    const Computed c = compute(services, s, PanelFilter{Period{2026, 4}, Period{2026, 9}});
    const BalancoInfo info{QStringLiteral("URS Belo Horizonte"),
                           QDateTime(QDate(2026, 11, 20), QTime(12, 5), Qt::UTC)};
    const auto write = [&](const QString &path) {
        return writeBalancoPdf(c.data, c.nuclei, program, services.reference(), info, path);
    };

    SECTION("a folder that does not exist")
    {
        const QString pdf = urs.dir.filePath(QStringLiteral("nao-existe/balanco.pdf"));
        const Status status = write(pdf);
        REQUIRE_FALSE(status.ok());
        CHECK(status.error().code == QStringLiteral("io"));
        CHECK(status.error().message.contains(QStringLiteral("nao-existe")));
        CHECK_FALSE(QFileInfo::exists(pdf));
    }
    SECTION("a folder that is a file")
    {
        QFile notAFolder(urs.dir.filePath(QStringLiteral("arquivo")));
        REQUIRE(notAFolder.open(QIODevice::WriteOnly));
        notAFolder.close();
        const Status status = write(notAFolder.fileName() + QStringLiteral("/balanco.pdf"));
        REQUIRE_FALSE(status.ok());
        CHECK(status.error().code == QStringLiteral("io"));
        CHECK_FALSE(status.error().message.isEmpty());
    }
    SECTION("the disk stops taking bytes half-way: the previous file stays, nothing else is left")
    {
        // As a full disk does to a write, with a file size limit (works for root too).
        const QString pdf = urs.dir.filePath(QStringLiteral("balanco.pdf"));
        QFile old(pdf);
        REQUIRE(old.open(QIODevice::WriteOnly));
        old.write("previous good PDF");
        old.close();
        rlimit before{};
        REQUIRE(getrlimit(RLIMIT_FSIZE, &before) == 0);
        rlimit small = before;
        small.rlim_cur = 8 * 1024;
        const auto handler = std::signal(SIGXFSZ, SIG_IGN);
        REQUIRE(setrlimit(RLIMIT_FSIZE, &small) == 0);
        const Status status = write(pdf);
        setrlimit(RLIMIT_FSIZE, &before);
        std::signal(SIGXFSZ, handler);
        REQUIRE_FALSE(status.ok());
        CHECK(status.error().code == QStringLiteral("io"));
        CHECK(status.error().message.contains(QStringLiteral("balanco.pdf")));
        QFile kept(pdf);
        REQUIRE(kept.open(QIODevice::ReadOnly));
        CHECK(kept.readAll() == QByteArray("previous good PDF"));
        CHECK(QDir(urs.dir.path()).entryList({QStringLiteral("balanco*")}, QDir::Files).size() == 1);
    }
}
