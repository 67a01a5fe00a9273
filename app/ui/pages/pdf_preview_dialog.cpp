#include "app/ui/pages/pdf_preview_dialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPixmap>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QVBoxLayout>

namespace mobiliza::ui {

PdfPreviewDialog::PdfPreviewDialog(const core::ReportDocumentInput &in, const QString &title, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("pdfPreview"));
    setWindowTitle(title);
    auto *layout = new QVBoxLayout(this);
    m_status = new QLabel(tr("Drawing the pages…"), this);
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 0);
    layout->addWidget(m_progress);

    m_scroll = new QScrollArea(this);
    m_scroll->setWidgetResizable(true);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    m_scroll->setStyleSheet(QStringLiteral("QScrollArea { background: #5b6673; }"));
    auto *pages = new QWidget(m_scroll);
    pages->setStyleSheet(QStringLiteral("background: #5b6673;"));
    m_column = new QVBoxLayout(pages);
    m_column->setSpacing(16);
    m_column->setContentsMargins(16, 16, 16, 16);
    m_column->addStretch(1);
    m_scroll->setWidget(pages);
    // A page and a bit of the next, the window within a small screen.
    m_scroll->setMinimumWidth(kPageWidth + 2 * 16 + m_scroll->verticalScrollBar()->sizeHint().width() + 4);
    layout->addWidget(m_scroll, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_save = buttons->addButton(tr("Save the PDF…"), QDialogButtonBox::ActionRole);
    m_save->setObjectName(QStringLiteral("previewSavePdf"));
    m_save->setToolTip(tr("Save this report as the official PDF, to read or print."));
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_save, &QPushButton::clicked, this, &PdfPreviewDialog::savePdfRequested);

    m_job = new core::PreviewJob(in, kPageWidth, this);
    connect(m_job, &core::PreviewJob::progress, this, [this](int done, int total) {
        m_progress->setRange(0, total);
        m_progress->setValue(done);
    });
    connect(m_job, &core::PreviewJob::finished, this, &PdfPreviewDialog::onFinished);
    m_job->start();
}

PdfPreviewDialog::~PdfPreviewDialog()
{
    delete m_job.data(); // cancels and waits for the worker
}

void PdfPreviewDialog::onFinished(const core::PreviewJob::Pages &pages)
{
    m_progress->hide();
    if (m_job)
        m_job->deleteLater();
    m_job = nullptr;
    if (!pages) {
        m_status->setText(tr("The pages could not be drawn: %1").arg(pages.error().message));
        m_status->setStyleSheet(QStringLiteral("color: #a01818;"));
        Q_EMIT drawn(false);
        return;
    }
    m_pages = int(pages->size());
    for (int i = 0; i < m_pages; ++i) {
        auto *page = new QLabel(m_scroll->widget());
        page->setObjectName(QStringLiteral("previewPage%1").arg(i + 1));
        page->setPixmap(QPixmap::fromImage(pages->at(i)));
        page->setAccessibleName(tr("Page %1 of %2").arg(i + 1).arg(m_pages));
        m_column->insertWidget(i, page, 0, Qt::AlignHCenter);
    }
    m_status->setText(tr("%n page(s), exactly as in the official PDF the URS receives.", nullptr, m_pages));
    Q_EMIT drawn(true);
}

} // namespace mobiliza::ui
