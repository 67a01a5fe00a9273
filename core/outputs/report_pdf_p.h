// Shared by the report_pdf*.cpp files (not part of core's API): the page
// geometry, the fonts and colours, the photos to place, where the pages go
// and the Layout that draws the report. report_pdf.cpp runs it onto the PDF,
// report_preview.cpp onto images; report_pdf_layout.cpp holds the pages and
// text primitives, report_pdf_sections.cpp the report's sections.
#pragma once

#include "core/outputs/output_format.h"
#include "core/outputs/report_document.h"

#include <QColor>
#include <QFont>
#include <QImage>
#include <QList>
#include <QPageLayout>
#include <QPainter>
#include <QSize>
#include <QString>
#include <QTextLayout>

#include <memory>
#include <optional>

namespace mobiliza::core::outputs::pdf_detail {

inline constexpr int kDpi = 300;

inline qreal pt(qreal points)
{
    return points * kDpi / 72.0;
}

inline qreal mm(qreal millimetres)
{
    return millimetres * kDpi / 25.4;
}

inline const QColor kInk(0x1a, 0x1a, 0x1a);
inline const QColor kMuted(0x55, 0x5b, 0x66);
inline const QColor kRule(0x9a, 0xa4, 0xb1);
inline const QColor kBand(0xe8, 0xee, 0xf5);
inline const QColor kAccent(0x1f, 0x4e, 0x79);

QFont makeFont(qreal points, bool bold = false, bool italic = false);

struct PhotoRef
{
    int number = 0; // Foto k, across the report
    int actionNumber = 0;
    Photo photo;
    QString path;
};

// The caption, or the start of the photo's hash when it has none.
QString photoName(const PhotoRef &p);
Error photoUnreadable(const PhotoRef &p, const QString &detail);
// The photo reduced to kPdfPhotoMaxPixels, on white; a null image (and *error) when unreadable.
QImage loadPhoto(const QString &path, QString *error);

// ------------------------------------------------------------------- pages
// A4 portrait with the report's margins: the PDF's page, and the preview's.
QPageLayout pageLayout();

// Where the Layout puts its pages: the PDF, or images for the preview. Both measure the text at
// kDpi on the same page, so the lines and the pages break at the same places.
class PageTarget
{
public:
    virtual ~PageTarget() = default;
    // What QTextLayout measures the text for: only its resolution counts (kDpi).
    virtual const QPaintDevice *metrics() const = 0;
    // The printable area in device pixels (kDpi); the painter's origin is its top left corner.
    virtual QSize size() const = 0;
    // Starts painting the first page on painter().
    virtual bool begin() = 0;
    // Ends the page and starts the next. The painter may start the new page with a fresh state
    // (images): every draw of the Layout sets the pen, brush and font it uses.
    virtual void newPage() = 0;
    // Ends the last page; false when a page could not be painted.
    virtual bool end() = 0;
    QPainter *painter() { return &m_painter; }

protected:
    QPainter m_painter;
};

// The report with its actions and photos in order, every photo file checked to be there.
struct PreparedReport
{
    ReportDocumentInput in;
    QList<PhotoRef> photos;
};
// Errors "no_gui", "photo_missing", "cancelled" (progress is told 0 of photos + 1).
Result<PreparedReport> prepareReport(const ReportDocumentInput &input, const ProgressFn &progress);
// Lays the report out twice on `pages`: a measuring pass for "Página x de y", then the painting
// pass, which reports one step per photo and the end. `pageFailure` is the error when the pages
// cannot be painted.
Status drawReport(const PreparedReport &report, PageTarget &pages, const ProgressFn &progress,
                  const Error &pageFailure);

// ------------------------------------------------------------------ layout
class Layout
{
public:
    // Without a painter, a measuring pass: the pages are counted, nothing is drawn.
    Layout(const ReportDocumentInput &in, PageTarget &pages, QPainter *painter, int totalPages,
           const ProgressFn &progress, const QList<PhotoRef> &photos)
        : m_in(in), m_pages(pages), m_painter(painter), m_totalPages(totalPages), m_progress(progress),
          m_photos(photos), m_width(pages.size().width()), m_bottom(pages.size().height() - pt(28)), m_y(0)
    {
        beginPage();
    }

    int pageCount() const { return m_page; }
    bool cancelled() const { return m_cancelled; }
    const std::optional<Error> &error() const { return m_error; }

    void run();

private:
    bool stopped() const { return m_cancelled || m_error.has_value(); }

    // ---- pages
    void beginPage() { m_y = 0; }
    void finishPage();
    void newPage();
    void ensureSpace(qreal height);

    // ---- text
    struct Laid
    {
        std::unique_ptr<QTextLayout> layout;
        qreal height = 0;
    };

    Laid lay(const QString &text, const QFont &font, qreal width, Qt::Alignment align = Qt::AlignLeft,
             int boldPrefix = 0) const;
    // Draws a laid-out block at (x, y) without breaking it.
    void drawLaid(const Laid &laid, qreal x, qreal y, const QColor &color = kInk);
    // A paragraph that may break across pages, line by line.
    void paragraph(const QString &text, const QFont &font, qreal indent = 0, int boldPrefix = 0,
                   const QColor &color = kInk, Qt::Alignment align = Qt::AlignLeft);
    void labelled(const QString &label, const QString &value);
    void longText(const QString &label, const QString &value);
    void heading(const QString &text, qreal points, qreal keepWith);

    // ---- sections (report_pdf_sections.cpp)
    void header();
    void apoioHeader(); // a program whose reporting unit is the apoiador
    void titleBlock(const QString &unit, const QString &title);
    void headerBox(const QList<std::pair<QString, QString>> &cells); // the "Label: value" grid
    void noActions();
    QString fieldValue(const FieldDefinition &field, const Action &action) const;
    void actions();
    void actionHeading(const QString &text);
    // One row of one or two photos: image box, "Foto k — caption", date and author.
    void photoRow(int firstIndex, int count);
    void totals();
    void signature();

    const ReportDocumentInput &m_in;
    PageTarget &m_pages;
    QPainter *m_painter;
    int m_totalPages;
    const ProgressFn &m_progress;
    const QList<PhotoRef> &m_photos;
    qreal m_width;
    qreal m_bottom;
    qreal m_y;
    int m_page = 1;
    int m_photosDone = 0;
    bool m_cancelled = false;
    std::optional<Error> m_error;
};

} // namespace mobiliza::core::outputs::pdf_detail
