// The official monthly report's pages as images, for the preview: the PDF's Layout drawn onto
// QImages instead of a QPdfWriter (see report_pdf.cpp).
#include "core/outputs/output_format.h"
#include "core/outputs/report_document.h"
#include "core/outputs/report_pdf_p.h"

#include <QCoreApplication>
#include <QImage>
#include <QPainter>

#include <utility>

namespace mobiliza::core {

using namespace outputs;
using namespace outputs::pdf_detail;

namespace {

// The resolution of the PDF: the Layout's coordinates and fonts are in its device pixels, and
// the text is measured at it, so the lines and pages break where they break in the PDF.
void setPdfResolution(QImage &image)
{
    const int dotsPerMeter = qRound(kDpi / 0.0254);
    image.setDotsPerMeterX(dotsPerMeter);
    image.setDotsPerMeterY(dotsPerMeter);
}

// Each page is painted at full resolution like the PDF, then reduced to the preview's width:
// only the page being painted is kept at full size (A4 at 300 dpi, 2480 × 3508 px, ~35 MB).
class ImagePages final : public PageTarget
{
public:
    explicit ImagePages(int width) : m_width(width), m_metrics(1, 1, QImage::Format_RGB32)
    {
        setPdfResolution(m_metrics);
    }

    const QPaintDevice *metrics() const override { return &m_metrics; }
    QSize size() const override { return pageLayout().paintRectPixels(kDpi).size(); }
    bool begin() override { return startPage(); }
    // A page that could not be painted fails the whole preview at end().
    void newPage() override { m_ok = finishPage() && startPage() && m_ok; }
    bool end() override { return finishPage() && m_ok; }

    QList<QImage> takePages() { return std::exchange(m_pages, {}); }

private:
    bool startPage()
    {
        const QPageLayout layout = pageLayout();
        m_page = QImage(layout.fullRectPixels(kDpi).size(), QImage::Format_RGB32);
        if (m_page.isNull()) // out of memory
            return false;
        setPdfResolution(m_page);
        m_page.fill(Qt::white);
        if (!m_painter.begin(&m_page))
            return false;
        // A new QPainter::begin starts from the default state: set again what the PDF painter keeps
        // for the whole document, plus the antialiasing a PDF viewer applies itself.
        m_painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing |
                                 QPainter::SmoothPixmapTransform);
        m_painter.translate(layout.paintRectPixels(kDpi).topLeft());
        return true;
    }

    bool finishPage()
    {
        if (!m_painter.isActive())
            return false;
        m_painter.end();
        const QImage page = m_page.scaledToWidth(m_width, Qt::SmoothTransformation);
        m_page = QImage();
        if (page.isNull())
            return false;
        m_pages << page;
        return true;
    }

    int m_width;
    QImage m_metrics; // the resolution to measure with, before and between the pages
    QImage m_page;
    QList<QImage> m_pages;
    bool m_ok = true;
};

Error noMemoryForPages()
{
    return Error{QStringLiteral("no_memory"),
                 QCoreApplication::translate("ReportOutputs",
                                             "There is not enough memory to draw the pages of the report. "
                                             "Close other programs and try again.")};
}

} // namespace

Result<QList<QImage>> renderReportPages(const ReportDocumentInput &input, int pageWidthPx,
                                        const ProgressFn &progress)
{
    if (pageWidthPx <= 0)
        return Error{
            QStringLiteral("invalid_argument"),
            QCoreApplication::translate("ReportOutputs", "The preview has no room to show the pages.")};
    const Result<PreparedReport> report = prepareReport(input, progress);
    if (!report)
        return report.error();
    ImagePages pages(pageWidthPx);
    const Status drawn = drawReport(report.value(), pages, progress, noMemoryForPages());
    if (!drawn)
        return drawn.error();
    return pages.takePages();
}

} // namespace mobiliza::core
