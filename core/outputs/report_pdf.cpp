// The official monthly report as PDF (BRIEF §5), drawn with QPainter on a QPdfWriter.
//
// The layout runs twice: a measuring pass (no painter, no images) counts the pages so the
// footer can say "Página x de y", then the painting pass draws the same layout and embeds the
// photos, reduced to kPdfPhotoMaxPixels. Paragraphs break across pages line by line; a photo
// row (image + caption), a heading with the start of what follows, and the signature block
// are kept together. The same two passes draw the preview's page images (report_preview.cpp).
#include "core/outputs/output_format.h"
#include "core/outputs/report_document.h"
#include "core/outputs/report_pdf_p.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QFileInfo>
#include <QGuiApplication>
#include <QImage>
#include <QImageReader>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>

#include <algorithm>

namespace mobiliza::core {

namespace outputs::pdf_detail {

namespace {

constexpr int kPdfPhotoQuality = 80;

} // namespace

QString photoName(const PhotoRef &p)
{
    return p.photo.caption.trimmed().isEmpty() ? p.photo.sha256.left(12) : p.photo.caption.trimmed();
}

Error photoUnreadable(const PhotoRef &p, const QString &detail)
{
    return Error{QStringLiteral("photo_unreadable"),
                 QCoreApplication::translate("ReportOutputs",
                                             "Photo %1 of action %2 (\"%3\") could not be read (%4). Open "
                                             "the report, remove that photo and attach it again, then "
                                             "export again.")
                     .arg(QString::number(p.number), QString::number(p.actionNumber), photoName(p), detail)};
}

QImage loadPhoto(const QString &path, QString *error)
{
    QImageReader reader(path);
    reader.setAutoTransform(true);
    const QSize size = reader.size();
    if (size.isValid() && std::max(size.width(), size.height()) > kPdfPhotoMaxPixels)
        reader.setScaledSize(size.scaled(kPdfPhotoMaxPixels, kPdfPhotoMaxPixels, Qt::KeepAspectRatio));
    QImage image = reader.read();
    if (image.isNull()) {
        *error = reader.errorString();
        return image;
    }
    if (image.hasAlphaChannel()) { // paper is white
        QImage flat(image.size(), QImage::Format_RGB32);
        flat.fill(Qt::white);
        QPainter(&flat).drawImage(0, 0, image);
        image = flat;
    }
    // QPdfWriter re-encodes every image as JPEG at a fixed quality of 94. Passing it an image
    // that has just been through JPEG at kPdfPhotoQuality, on the same 8×8 grid, keeps that
    // re-encoding close to the size of a q80 file: a 60-photo report ~5 MB instead of ~9 MB.
    QByteArray jpeg;
    QBuffer buffer(&jpeg);
    buffer.open(QIODevice::WriteOnly);
    if (image.save(&buffer, "JPEG", kPdfPhotoQuality)) {
        const QImage recoded = QImage::fromData(jpeg, "JPEG");
        if (!recoded.isNull())
            image = recoded;
    }
    return image;
}

QPageLayout pageLayout()
{
    return QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait, QMarginsF(18, 15, 18, 12),
                       QPageLayout::Millimeter);
}

namespace {

Error photoMissing(const PhotoRef &p)
{
    return Error{QStringLiteral("photo_missing"),
                 QCoreApplication::translate("ReportOutputs",
                                             "Photo %1 of action %2 (\"%3\") is missing from the photo "
                                             "folder (%4). Open the report, remove that photo and attach "
                                             "it again, then export again.")
                     .arg(QString::number(p.number), QString::number(p.actionNumber), photoName(p),
                          p.path.isEmpty() ? p.photo.sha256 : p.path)};
}

// The report with its actions and photos in order (positions may arrive unsorted).
ReportDocumentInput ordered(const ReportDocumentInput &in)
{
    ReportDocumentInput out = in;
    std::stable_sort(out.report.actions.begin(), out.report.actions.end(),
                     [](const Action &a, const Action &b) { return a.position < b.position; });
    for (Action &a : out.report.actions)
        std::stable_sort(a.photos.begin(), a.photos.end(),
                         [](const Photo &x, const Photo &y) { return x.position < y.position; });
    return out;
}

} // namespace

Result<PreparedReport> prepareReport(const ReportDocumentInput &input, const ProgressFn &progress)
{
    if (!qobject_cast<QGuiApplication *>(QCoreApplication::instance()))
        return Error{QStringLiteral("no_gui"),
                     QCoreApplication::translate("ReportOutputs",
                                                 "The PDF needs the graphical part of the application "
                                                 "(fonts). Run it with the \"offscreen\" platform "
                                                 "(QT_QPA_PLATFORM=offscreen) on a server.")};
    PreparedReport report{ordered(input), {}};

    // Every photo must be there before anything is drawn.
    int number = 0;
    for (const Action &action : report.in.report.actions) {
        for (const Photo &photo : action.photos) {
            PhotoRef ref{++number, action.position + 1, photo,
                         report.in.photoPath ? report.in.photoPath(photo.sha256) : QString()};
            const QFileInfo info(ref.path);
            if (ref.path.isEmpty() || !info.isFile() || !info.isReadable())
                return photoMissing(ref);
            report.photos << ref;
        }
    }
    if (progress && !progress(0, int(report.photos.size()) + 1))
        return cancelledError();
    return report;
}

Status drawReport(const PreparedReport &report, PageTarget &pages, const ProgressFn &progress,
                  const Error &pageFailure)
{
    int pageCount = 0;
    {
        // Measuring pass: the same layout without painting, to count the pages.
        Layout layout(report.in, pages, nullptr, 0, progress, report.photos);
        layout.run();
        pageCount = layout.pageCount();
    }
    if (!pages.begin())
        return pageFailure;
    Layout layout(report.in, pages, pages.painter(), pageCount, progress, report.photos);
    layout.run();
    bool cancelled = layout.cancelled();
    std::optional<Error> failure = layout.error();
    const int total = int(report.photos.size()) + 1;
    if (!cancelled && !failure && progress && !progress(total, total))
        cancelled = true;
    if (!pages.end() && !cancelled && !failure)
        failure = pageFailure;
    if (cancelled)
        return cancelledError();
    if (failure)
        return *failure;
    return {};
}

} // namespace outputs::pdf_detail

using namespace outputs;
using namespace outputs::pdf_detail;

namespace {

// The PDF's pages: QPdfWriter keeps the painter's state from one page to the next.
class PdfPages final : public PageTarget
{
public:
    PdfPages(QIODevice *file, const ReportDocumentInput &in) : m_writer(file)
    {
        m_writer.setResolution(kDpi);
        m_writer.setPageLayout(pageLayout());
        m_writer.setTitle(QStringLiteral("Relatório mensal — %1 — %2")
                              .arg(in.municipalityName, in.report.period.display()));
        m_writer.setCreator(QStringLiteral("Mobiliza"));
    }

    const QPaintDevice *metrics() const override { return &m_writer; }
    QSize size() const override { return QSize(m_writer.width(), m_writer.height()); }

    bool begin() override
    {
        if (!m_painter.begin(&m_writer))
            return false;
        m_painter.setRenderHint(QPainter::SmoothPixmapTransform);
        return true;
    }

    void newPage() override { m_writer.newPage(); }
    bool end() override { return m_painter.end(); }

private:
    QPdfWriter m_writer;
};

} // namespace

Status writeReportPdf(const ReportDocumentInput &input, const QString &path, const ProgressFn &progress)
{
    const Result<PreparedReport> report = prepareReport(input, progress);
    if (!report)
        return report.error();

    // Rendered in memory, then written in one checked step: QPdfWriter does not
    // report a device that stopped accepting bytes (a full disk), and QSaveFile
    // misses a failed final flush, so writing through them left a cut-short PDF
    // under the final name with "Saved" printed.
    QByteArray pdf;
    QBuffer file(&pdf);
    if (!file.open(QIODevice::WriteOnly))
        return ioError(path, file.errorString());
    {
        PdfPages pages(&file, report->in);
        const Status drawn =
            drawReport(report.value(), pages, progress, ioError(path, QStringLiteral("QPainter")));
        if (!drawn)
            return drawn;
    }
    file.close();
    return writeFileAtomically(path, pdf);
}

} // namespace mobiliza::core
