#include "tests/core/outputs/outputs_fixture.h"

#include <QDir>
#include <QImage>
#include <QJsonArray>
#include <QLinearGradient>
#include <QPainter>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QStandardPaths>

namespace mobiliza::test {

using namespace mobiliza::core;

QString writeTestJpeg(const QString &path, int width, int height, const QString &label, bool noise)
{
    QImage image(width, height, QImage::Format_RGB32);
    QPainter p(&image);
    QLinearGradient g(0, 0, width, height);
    g.setColorAt(0, QColor(40, 110, 170));
    g.setColorAt(1, QColor(230, 190, 90));
    p.fillRect(image.rect(), g);
    p.setPen(Qt::white);
    QFont f = p.font();
    f.setPixelSize(height / 5);
    p.setFont(f);
    p.drawText(image.rect(), Qt::AlignCenter, label);
    p.end();
    if (noise) {
        QRandomGenerator rng(quint32(qHash(label)));
        for (int y = 0; y < height; ++y) {
            auto *line = reinterpret_cast<QRgb *>(image.scanLine(y));
            for (int x = 0; x < width; ++x) {
                const int n = int(rng.bounded(40)) - 20;
                const QRgb c = line[x];
                line[x] = qRgb(std::clamp(qRed(c) + n, 0, 255), std::clamp(qGreen(c) + n, 0, 255),
                               std::clamp(qBlue(c) + n, 0, 255));
            }
        }
    }
    image.save(path, "JPEG", 85);
    return path;
}

ReportDocumentInput sampleReport(const QString &dir, const QList<int> &photosPerAction, int photoWidth,
                                 int photoHeight)
{
    ReportDocumentInput in;
    in.program = ProgramDefinition::sesMgMobilizacao();
    in.municipalityName = QStringLiteral("Manhuaçu");
    in.municipalityCode = QStringLiteral("3139409");
    in.ursName = QStringLiteral("Manhuaçu");
    in.regiaoName = QStringLiteral("Manhuaçu");
    in.responsible = QStringLiteral("Maria José da Silva");
    in.generatedAt = QDateTime(QDate(2025, 4, 3), QTime(14, 5));
    in.partnerNames.insert(QStringLiteral("p-escola"), QStringLiteral("Escola Estadual Tiradentes"));
    in.partnerNames.insert(QStringLiteral("p-radio"), QStringLiteral("Rádio Comunitária Alvorada"));

    Report &r = in.report;
    r.uuid = QStringLiteral("report-1");
    r.programId = in.program.id();
    r.municipality = in.municipalityCode;
    r.period = Period{2025, 3};
    r.state = ReportState::Ready;
    r.revision = 2;

    const QStringList titles = {QStringLiteral("Dia D contra a dengue no bairro Centro"),
                                QStringLiteral("Roda de conversa sobre saúde mental"),
                                QStringLiteral("Blitz educativa na feira livre")};
    int photoNumber = 0;
    for (int i = 0; i < photosPerAction.size(); ++i) {
        Action a;
        a.uuid = QStringLiteral("action-%1").arg(i + 1);
        a.reportUuid = r.uuid;
        a.position = i;
        const QString title = i < titles.size() ? titles.at(i) : QStringLiteral("Ação de mobilização %1").arg(i + 1);
        a.values.insert(QStringLiteral("title"), title);
        a.values.insert(QStringLiteral("date"), QDate(2025, 3, 5 + (i % 20)).toString(Qt::ISODate));
        a.values.insert(QStringLiteral("themes"),
                        QJsonArray{i % 2 == 0 ? QStringLiteral("arboviroses") : QStringLiteral("saude_mental")});
        a.values.insert(QStringLiteral("format"), i % 2 == 0 ? QStringLiteral("mutirao") : QStringLiteral("roda_conversa"));
        a.values.insert(QStringLiteral("place"), QStringLiteral("Praça Cordovil Pinto Coelho"));
        a.values.insert(QStringLiteral("audience"), QJsonArray{QStringLiteral("1")});
        a.values.insert(QStringLiteral("people_reached"), 100 * (i + 1) + 50);
        a.values.insert(QStringLiteral("people_reached_estimate"), i == 0);
        a.values.insert(QStringLiteral("materials"), QStringLiteral("Folhetos da campanha estadual"));
        a.values.insert(QStringLiteral("description"),
                        QStringLiteral("Visita casa a casa com os agentes de endemias e eliminação de focos. "
                                       "Resultados: %1 imóveis visitados.").arg(40 + i));
        if (i == 0)
            a.partnerUuids = {QStringLiteral("p-escola"), QStringLiteral("p-radio")};
        for (int k = 0; k < photosPerAction.at(i); ++k) {
            ++photoNumber;
            Photo ph;
            ph.uuid = QStringLiteral("photo-%1").arg(photoNumber);
            ph.actionUuid = a.uuid;
            ph.sha256 = QStringLiteral("%1").arg(photoNumber, 64, 10, QLatin1Char('0'));
            ph.position = k;
            ph.caption = QStringLiteral("Legenda da foto número %1").arg(photoNumber);
            ph.takenOn = QDate(2025, 3, 5 + (i % 20));
            ph.author = QStringLiteral("Equipe de endemias");
            writeTestJpeg(QDir(dir).filePath(ph.sha256 + QStringLiteral(".jpg")), photoWidth, photoHeight,
                          QStringLiteral("F%1").arg(photoNumber), photoWidth > 1000);
            a.photos << ph;
        }
        r.actions << a;
    }
    in.photoPath = [dir](const QString &sha) { return QDir(dir).filePath(sha + QStringLiteral(".jpg")); };
    return in;
}

ProcessOutput runTool(const QString &program, const QStringList &arguments)
{
    ProcessOutput result;
    if (QStandardPaths::findExecutable(program).isEmpty())
        return result;
    QProcess p;
    p.start(program, arguments);
    if (!p.waitForStarted(10000))
        return result;
    result.started = true;
    p.waitForFinished(60000);
    result.exitCode = p.exitCode();
    result.out = p.readAllStandardOutput();
    return result;
}

QString pdfText(const QString &pdf)
{
    return QString::fromUtf8(runTool(QStringLiteral("pdftotext"), {QStringLiteral("-enc"), QStringLiteral("UTF-8"), pdf,
                                                                    QStringLiteral("-")})
                                 .out);
}

int pdfPageCount(const QString &pdf)
{
    const QString info = QString::fromUtf8(runTool(QStringLiteral("pdfinfo"), {pdf}).out);
    const auto m = QRegularExpression(QStringLiteral("Pages:\\s+(\\d+)")).match(info);
    return m.hasMatch() ? m.captured(1).toInt() : -1;
}

int pdfImageCount(const QString &pdf)
{
    const ProcessOutput out = runTool(QStringLiteral("pdfimages"), {QStringLiteral("-list"), pdf});
    if (!out.started || out.exitCode != 0)
        return -1;
    int rows = 0;
    const QList<QByteArray> lines = out.out.split('\n');
    for (const QByteArray &line : lines) {
        const QByteArray t = line.trimmed();
        // Data rows start with the page number; the header and the "----" rule do not.
        if (!t.isEmpty() && std::isdigit(static_cast<unsigned char>(t.at(0))) && t.contains(" image "))
            ++rows;
    }
    return rows;
}

QByteArray zipEntry(const QString &zip, const QString &entry)
{
    const ProcessOutput unzip = runTool(QStringLiteral("unzip"), {QStringLiteral("-p"), zip, entry});
    if (unzip.started)
        return unzip.out;
    return runTool(QStringLiteral("python3"),
                   {QStringLiteral("-c"),
                    QStringLiteral("import sys,zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))"),
                    zip, entry})
        .out;
}

QStringList zipEntries(const QString &zip)
{
    const ProcessOutput unzip = runTool(QStringLiteral("unzip"), {QStringLiteral("-Z1"), zip});
    if (unzip.started)
        return QString::fromUtf8(unzip.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    const ProcessOutput out = runTool(
        QStringLiteral("python3"),
        {QStringLiteral("-c"), QStringLiteral("import sys,zipfile; print('\\n'.join(zipfile.ZipFile(sys.argv[1]).namelist()))"),
         zip});
    return QString::fromUtf8(out.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

} // namespace mobiliza::test
