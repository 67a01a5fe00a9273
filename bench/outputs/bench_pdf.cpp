// bench_pdf: time writeReportPdf on a 30-action, 60-photo report (1600×1200 JPEG photos with
// noise, the size the photo pipeline stores). Goal (issue 3): < 3 s. Prints the time and the
// size of the PDF. Usage: bench_pdf [--keep DIR]
#include "core/outputs/report_document.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QGuiApplication>
#include <QImage>
#include <QJsonArray>
#include <QLinearGradient>
#include <QPainter>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

using namespace mobiliza::core;

namespace {

void writePhoto(const QString &path, int index)
{
    QImage image(1600, 1200, QImage::Format_RGB32);
    {
        QPainter p(&image);
        QLinearGradient g(0, 0, 1600, 1200);
        g.setColorAt(0, QColor::fromHsv((index * 37) % 360, 160, 200));
        g.setColorAt(1, QColor::fromHsv((index * 37 + 120) % 360, 120, 230));
        p.fillRect(image.rect(), g);
        p.setBrush(QColor(255, 255, 255, 90));
        p.setPen(Qt::NoPen);
        for (int i = 0; i < 12; ++i)
            p.drawEllipse(QPointF(130.0 * i, 600 + 300 * std::sin(i + index)), 160, 120);
        p.setPen(Qt::white);
        QFont f = p.font();
        f.setPixelSize(220);
        p.setFont(f);
        p.drawText(image.rect(), Qt::AlignCenter, QStringLiteral("Foto %1").arg(index));
    }
    // Sensor-like noise, so the JPEG does not compress unrealistically well.
    QRandomGenerator rng(quint32(index) * 7919u + 1u);
    for (int y = 0; y < image.height(); ++y) {
        auto *line = reinterpret_cast<QRgb *>(image.scanLine(y));
        for (int x = 0; x < image.width(); ++x) {
            const int n = int(rng.bounded(24)) - 12;
            const QRgb c = line[x];
            line[x] = qRgb(std::clamp(qRed(c) + n, 0, 255), std::clamp(qGreen(c) + n, 0, 255),
                           std::clamp(qBlue(c) + n, 0, 255));
        }
    }
    image.save(path, "JPEG", 80);
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QTemporaryDir tmp;
    QString dir = tmp.path();
    const QStringList args = app.arguments();
    if (args.size() >= 3 && args.at(1) == QStringLiteral("--keep")) {
        dir = args.at(2);
        QDir().mkpath(dir);
    }

    constexpr int actions = 30;
    constexpr int photosPerAction = 2;
    std::printf("Generating %d photos 1600x1200 in %s…\n", actions * photosPerAction, qPrintable(dir));
    std::fflush(stdout);

    ReportDocumentInput in;
    in.program = ProgramDefinition::sesMgMobilizacao();
    in.municipalityName = QStringLiteral("Manhuaçu");
    in.municipalityCode = QStringLiteral("3139409");
    in.ursName = QStringLiteral("Manhuaçu");
    in.regiaoName = QStringLiteral("Manhuaçu");
    in.responsible = QStringLiteral("Maria José da Silva");
    in.generatedAt = QDateTime::currentDateTime();
    in.report.period = Period{2025, 3};
    in.report.state = ReportState::Ready;
    const QList<CatalogueEntry> themes = in.program.catalogue(QStringLiteral("temas"));
    const QList<CatalogueEntry> formats = in.program.catalogue(QStringLiteral("formatos"));
    qint64 photoBytes = 0;
    int photoIndex = 0;
    for (int i = 0; i < actions; ++i) {
        Action a;
        a.position = i;
        a.values.insert(QStringLiteral("title"), QStringLiteral("Ação de mobilização número %1 no bairro").arg(i + 1));
        a.values.insert(QStringLiteral("date"), QDate(2025, 3, 1 + i % 28).toString(Qt::ISODate));
        a.values.insert(QStringLiteral("themes"), QJsonArray{themes.at(i % themes.size()).code});
        a.values.insert(QStringLiteral("format"), formats.at(i % (formats.size() - 1)).code);
        a.values.insert(QStringLiteral("place"), QStringLiteral("Escola Municipal do bairro %1").arg(i + 1));
        a.values.insert(QStringLiteral("audience"), QJsonArray{QStringLiteral("1"), QStringLiteral("5")});
        a.values.insert(QStringLiteral("people_reached"), 40 + 13 * i);
        a.values.insert(QStringLiteral("description"),
                        QStringLiteral("Atividade educativa com a comunidade, distribuição de material e "
                                       "conversa sobre prevenção. ")
                            .repeated(4));
        for (int k = 0; k < photosPerAction; ++k) {
            ++photoIndex;
            Photo ph;
            ph.position = k;
            ph.sha256 = QStringLiteral("%1").arg(photoIndex, 64, 10, QLatin1Char('0'));
            ph.caption = QStringLiteral("Registro %1 da ação %2").arg(k + 1).arg(i + 1);
            ph.takenOn = QDate(2025, 3, 1 + i % 28);
            ph.author = QStringLiteral("Equipe municipal");
            const QString path = QDir(dir).filePath(ph.sha256 + QStringLiteral(".jpg"));
            writePhoto(path, photoIndex);
            photoBytes += QFileInfo(path).size();
            a.photos << ph;
        }
        in.report.actions << a;
    }
    in.photoPath = [dir](const QString &sha) { return QDir(dir).filePath(sha + QStringLiteral(".jpg")); };

    const QString pdf = QDir(dir).filePath(QStringLiteral("relatorio.pdf"));
    QElapsedTimer timer;
    timer.start();
    const Status status = writeReportPdf(in, pdf);
    const qint64 ms = timer.elapsed();
    if (!status.ok()) {
        std::fprintf(stderr, "writeReportPdf failed: %s\n", qPrintable(status.error().message));
        return 1;
    }
    const qint64 size = QFileInfo(pdf).size();
    std::printf("photos in: %d files, %.1f MB\n", photoIndex, double(photoBytes) / 1e6);
    std::printf("writeReportPdf (30 actions, 60 photos): %lld ms (goal < 3000 ms)\n", static_cast<long long>(ms));
    std::printf("PDF size: %.1f MB (%lld bytes)\n", double(size) / 1e6, static_cast<long long>(size));
    return ms < 3000 ? 0 : 2;
}
