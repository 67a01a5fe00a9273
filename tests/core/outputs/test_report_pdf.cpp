// The official monthly PDF, read back with poppler-utils.
#include <catch2/catch.hpp>

#include "tests/support/catch_qt.h"

#include "core/outputs/report_document.h"
#include "tests/core/outputs/outputs_fixture.h"
#include "tests/support/temp_dir.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

using namespace mobiliza::core;
using namespace mobiliza::test;

namespace {

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// pdftotext may wrap or space words differently: compare with runs of white space collapsed.
QString simplified(const QString &text)
{
    return text.simplified();
}

} // namespace

TEST_CASE("PDF of a 3-action 5-photo report has header actions photos totals and signature")
{
    TempDir dir;
    const ReportDocumentInput in = sampleReport(dir.path(), {2, 1, 2});
    const QString pdf = dir.filePath(QStringLiteral("relatorio.pdf"));
    QList<std::pair<int, int>> steps;
    const Status status = writeReportPdf(in, pdf, [&](int done, int total) {
        steps.append({done, total});
        return true;
    });
    REQUIRE(status.ok());
    REQUIRE(QFileInfo(pdf).size() > 1000);
    REQUIRE(readAll(pdf).startsWith("%PDF-"));

    // Progress: from 0 to total, one step per photo plus the end.
    REQUIRE(steps.size() == 7);
    CHECK(steps.first() == std::pair<int, int>{0, 6});
    CHECK(steps.last() == std::pair<int, int>{6, 6});

    const QString text = simplified(pdfText(pdf));
    REQUIRE(!text.isEmpty());
    // Header
    CHECK(text.contains(QStringLiteral("Secretaria Municipal de Saúde de Manhuaçu")));
    CHECK(text.contains(QStringLiteral("RELATÓRIO MENSAL")));
    CHECK(text.contains(QStringLiteral("Competência: 03/2025 (março de 2025)")));
    CHECK(text.contains(QStringLiteral("IBGE 3139409")));
    CHECK(text.contains(QStringLiteral("Responsável: Maria José da Silva")));
    CHECK(text.contains(QStringLiteral("Revisão: 2 — Pronto")));
    CHECK(text.contains(QStringLiteral("Gerado em: 03/04/2025 14:05")));
    // Actions in order, with their fields from the program's catalogues
    const int a1 = text.indexOf(QStringLiteral("Ação 1 — Dia D contra a dengue no bairro Centro"));
    const int a2 = text.indexOf(QStringLiteral("Ação 2 — Roda de conversa sobre saúde mental"));
    const int a3 = text.indexOf(QStringLiteral("Ação 3 — Blitz educativa na feira livre"));
    CHECK(a1 >= 0);
    CHECK(a2 > a1);
    CHECK(a3 > a2);
    CHECK(text.contains(QStringLiteral("Data: 05/03/2025")));
    CHECK(text.contains(QStringLiteral("Formato: Mutirão")));
    CHECK(text.contains(QStringLiteral("Público-alvo: Comunidade em geral")));
    CHECK(text.contains(QStringLiteral("Pessoas alcançadas: 150 (estimativa)")));
    CHECK(text.contains(QStringLiteral("Pessoas alcançadas: 250")));
    CHECK(text.contains(QStringLiteral("Escola Estadual Tiradentes; Rádio Comunitária Alvorada")));
    CHECK(text.contains(QStringLiteral("Folhetos da campanha estadual")));
    CHECK(text.contains(QStringLiteral("Resultados: 42 imóveis visitados.")));
    // Photos numbered across the report, in action order, with captions, date and author
    for (int k = 1; k <= 5; ++k) {
        INFO("Foto " << k);
        CHECK(text.contains(QStringLiteral("Foto %1 — Legenda da foto número %1").arg(k)));
    }
    CHECK(text.indexOf(QStringLiteral("Foto 3 —")) > a2);
    CHECK(text.indexOf(QStringLiteral("Foto 3 —")) < a3);
    CHECK(text.contains(QStringLiteral("Autoria: Equipe de endemias")));
    CHECK(!text.contains(QStringLiteral("Foto 6")));
    // Totals
    CHECK(text.contains(QStringLiteral("Totais do mês")));
    CHECK(text.contains(QStringLiteral("Ações realizadas: 3")));
    CHECK(text.contains(QStringLiteral("Pessoas alcançadas: 750 (inclui estimativas)")));
    CHECK(text.contains(QStringLiteral("Fotos: 5")));
    CHECK(text.contains(QStringLiteral("Saúde mental e prevenção do suicídio")));
    // Signature block
    CHECK(text.contains(QStringLiteral("Local e data: Manhuaçu, ____/____/________")));
    CHECK(text.contains(QStringLiteral("Assinatura do(a) responsável")));
    CHECK(text.contains(QStringLiteral("Carimbo")));
    // Footer on every page
    const int pages = pdfPageCount(pdf);
    REQUIRE(pages >= 2);
    CHECK(text.contains(QStringLiteral("Página 1 de %1").arg(pages)));
    CHECK(text.contains(QStringLiteral("Página %1 de %1").arg(pages)));
    CHECK(!text.contains(QStringLiteral("DEMONSTRAÇÃO")));

    // Each photo embedded once, reduced for the PDF
    CHECK(pdfImageCount(pdf) == 5);
    const QString list = QString::fromUtf8(runTool(QStringLiteral("pdfimages"), {QStringLiteral("-list"), pdf}).out);
    CHECK(list.contains(QStringLiteral(" 800   600 ")));
}

TEST_CASE("PDF photos are reduced to the PDF size and a demo report is marked")
{
    TempDir dir;
    ReportDocumentInput in = sampleReport(dir.path(), {1}, 2000, 1500);
    in.demo = true;
    in.responsible.clear();
    const QString pdf = dir.filePath(QStringLiteral("demo.pdf"));
    REQUIRE(writeReportPdf(in, pdf).ok());
    const QString list = QString::fromUtf8(runTool(QStringLiteral("pdfimages"), {QStringLiteral("-list"), pdf}).out);
    CHECK(list.contains(QStringLiteral(" %1   %2 ").arg(kPdfPhotoMaxPixels).arg(kPdfPhotoMaxPixels * 3 / 4)));
    const QString text = simplified(pdfText(pdf));
    CHECK(text.contains(QStringLiteral("DEMONSTRAÇÃO — dados fictícios, sem valor oficial")));
    // No responsible: a blank line to fill by hand.
    CHECK(text.contains(QStringLiteral("Responsável: ____")));
}

TEST_CASE("PDF of a month without actions prints the justification")
{
    TempDir dir;
    ReportDocumentInput in = sampleReport(dir.path(), {});
    in.report.noActions = true;
    in.report.noActionsJustification =
        QStringLiteral("Equipe deslocada para a campanha de vacinação durante todo o mês.");
    const QString pdf = dir.filePath(QStringLiteral("sem-acoes.pdf"));
    REQUIRE(writeReportPdf(in, pdf).ok());
    const QString text = simplified(pdfText(pdf));
    CHECK(text.contains(QStringLiteral("Sem ações no mês")));
    CHECK(text.contains(QStringLiteral("Justificativa")));
    CHECK(text.contains(QStringLiteral("Equipe deslocada para a campanha de vacinação durante todo o mês.")));
    CHECK(text.contains(QStringLiteral("Assinatura do(a) responsável")));
    CHECK(text.contains(QStringLiteral("Página 1 de 1")));
    CHECK(!text.contains(QStringLiteral("Ação 1")));
    CHECK(pdfImageCount(pdf) == 0);
}

TEST_CASE("PDF long descriptions break across pages and every page is numbered")
{
    TempDir dir;
    ReportDocumentInput in = sampleReport(dir.path(), {1, 1});
    QString longText;
    for (int i = 1; i <= 120; ++i)
        longText += QStringLiteral("Parágrafo %1 do relato da ação, com detalhes das atividades realizadas.\n").arg(i);
    in.report.actions[0].values.insert(QStringLiteral("description"), longText);
    const QString pdf = dir.filePath(QStringLiteral("longo.pdf"));
    REQUIRE(writeReportPdf(in, pdf).ok());
    const int pages = pdfPageCount(pdf);
    REQUIRE(pages >= 3);
    const QString text = simplified(pdfText(pdf));
    for (int p = 1; p <= pages; ++p)
        CHECK(text.contains(QStringLiteral("Página %1 de %2").arg(p).arg(pages)));
    CHECK(text.contains(QStringLiteral("Parágrafo 1 do relato")));
    CHECK(text.contains(QStringLiteral("Parágrafo 120 do relato")));
    CHECK(pdfImageCount(pdf) == 2);
}

TEST_CASE("PDF cancel through the progress callback leaves no file and keeps an existing one")
{
    TempDir dir;
    const ReportDocumentInput in = sampleReport(dir.path(), {2, 2});
    const QString pdf = dir.filePath(QStringLiteral("relatorio.pdf"));
    const auto cancelAfterTwo = [](int done, int) { return done < 2; };

    SECTION("no previous file")
    {
        const Status status = writeReportPdf(in, pdf, cancelAfterTwo);
        REQUIRE(!status.ok());
        CHECK(status.error().code == QStringLiteral("cancelled"));
        CHECK(!QFileInfo::exists(pdf));
    }
    SECTION("a previous good file stays untouched")
    {
        QFile old(pdf);
        REQUIRE(old.open(QIODevice::WriteOnly));
        old.write("previous good PDF");
        old.close();
        const Status status = writeReportPdf(in, pdf, cancelAfterTwo);
        REQUIRE(!status.ok());
        CHECK(readAll(pdf) == QByteArray("previous good PDF"));
    }
    SECTION("cancel before anything is drawn")
    {
        const Status status = writeReportPdf(in, pdf, [](int, int) { return false; });
        CHECK(status.error().code == QStringLiteral("cancelled"));
        CHECK(!QFileInfo::exists(pdf));
    }
    // No temporary file left behind either.
    const QStringList left = QDir(dir.path()).entryList({QStringLiteral("relatorio*")}, QDir::Files);
    CHECK(left.size() <= 1);
}

TEST_CASE("PDF with a missing photo file names the photo and writes nothing")
{
    TempDir dir;
    const ReportDocumentInput in = sampleReport(dir.path(), {2, 2});
    const QString missing = in.photoPath(in.report.actions.at(1).photos.at(0).sha256);
    REQUIRE(QFile::remove(missing));
    const QString pdf = dir.filePath(QStringLiteral("relatorio.pdf"));
    const Status status = writeReportPdf(in, pdf);
    REQUIRE(!status.ok());
    CHECK(status.error().code == QStringLiteral("photo_missing"));
    // Photo 3 of action 2, with its caption and the file it looked for.
    CHECK(status.error().message.contains(QStringLiteral("3")));
    CHECK(status.error().message.contains(QStringLiteral("Legenda da foto número 3")));
    CHECK(status.error().message.contains(QFileInfo(missing).fileName()));
    CHECK(!QFileInfo::exists(pdf));
}

TEST_CASE("PDF with an unreadable photo file fails cleanly")
{
    TempDir dir;
    const ReportDocumentInput in = sampleReport(dir.path(), {1, 1});
    QFile broken(in.photoPath(in.report.actions.at(1).photos.at(0).sha256));
    REQUIRE(broken.open(QIODevice::WriteOnly | QIODevice::Truncate));
    broken.write("not a JPEG at all");
    broken.close();
    const QString pdf = dir.filePath(QStringLiteral("relatorio.pdf"));
    const Status status = writeReportPdf(in, pdf);
    REQUIRE(!status.ok());
    CHECK(status.error().code == QStringLiteral("photo_unreadable"));
    CHECK(status.error().message.contains(QStringLiteral("Legenda da foto número 2")));
    CHECK(!QFileInfo::exists(pdf));
}

TEST_CASE("PDF into a folder that does not exist is an io error")
{
    TempDir dir;
    const ReportDocumentInput in = sampleReport(dir.path(), {1});
    const QString pdf = dir.filePath(QStringLiteral("nao-existe/relatorio.pdf"));
    const Status status = writeReportPdf(in, pdf);
    REQUIRE(!status.ok());
    CHECK(status.error().code == QStringLiteral("io"));
    CHECK(status.error().message.contains(QStringLiteral("nao-existe")));
}
