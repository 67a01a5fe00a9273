// The pages of a report's official PDF, as the URS will see them (issue 12 §1):
// drawn by core::PreviewJob on a worker with the PDF's own layout, shown one under
// the other. The window stays responsive while they are drawn; closing it stops
// the drawing.
#pragma once

#include "core/outputs/export_job.h"

#include <QDialog>
#include <QPointer>

class QLabel;
class QProgressBar;
class QPushButton;
class QScrollArea;
class QVBoxLayout;

namespace mobiliza::ui {

class PdfPreviewDialog : public QDialog
{
    Q_OBJECT

public:
    static constexpr int kPageWidth = 760; // px: an A4 page readable on a 1366×768 laptop

    PdfPreviewDialog(const core::ReportDocumentInput &in, const QString &title, QWidget *parent = nullptr);
    ~PdfPreviewDialog() override; // stops the drawing

    int pageCount() const { return m_pages; }
    bool isDrawing() const { return m_job && m_job->isRunning(); }
    QScrollArea *scrollArea() const { return m_scroll; }
    QLabel *statusLabel() const { return m_status; }
    QPushButton *savePdfButton() const { return m_save; }

Q_SIGNALS:
    void drawn(bool ok);     // the pages are all here (or an error says why)
    void savePdfRequested(); // "Save the PDF…"

private:
    void onFinished(const core::PreviewJob::Pages &pages);

    QPointer<core::PreviewJob> m_job;
    QLabel *m_status = nullptr;
    QProgressBar *m_progress = nullptr;
    QScrollArea *m_scroll = nullptr;
    QVBoxLayout *m_column = nullptr;
    QPushButton *m_save = nullptr;
    int m_pages = 0;
};

} // namespace mobiliza::ui
