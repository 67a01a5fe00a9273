// The outputs of one report, from the window (issue 12 §1): the official PDF
// (saved, then opened with the system's viewer, which prints it), the actions as
// CSV or XLSX, and the package file carried on a USB stick when there is no
// internet. The report editor and the Relatórios list (buttons and right-click)
// share one ReportOutputs each.
//
// What a file holds is read on the UI thread (one report: a few rows); the file
// is written by an ExportJob on a worker, with progress and Cancel. A cancel or
// an error leaves no file under the chosen name (the writers write a temporary
// file and rename it).
#pragma once

#include "app/ui/app_context.h"
#include "app/ui/pages/pdf_preview_dialog.h"
#include "core/domain/report_state.h"
#include "core/domain/types.h"
#include "core/outputs/export_job.h"
#include "core/util/result.h"

#include <QObject>
#include <QPointer>
#include <QProgressDialog>

#include <functional>

class QAction;
class QMenu;
class QWidget;

namespace mobiliza::ui {

class Dialogs;

class ReportOutputs : public QObject
{
    Q_OBJECT

public:
    enum class Kind
    {
        Pdf,
        Csv,
        Xlsx,
        Package
    };

    ReportOutputs(const AppContext &context, Dialogs &dialogs, QWidget *window);
    ~ReportOutputs() override; // a running export is cancelled (its file is not left behind)

    // The report the actions apply to (none: every action disabled). A package
    // needs a concluded report: its action is disabled on a draft, saying why.
    void setReport(const QString &uuid, const core::Period &period, core::ReportState state);
    QString reportUuid() const { return m_uuid; }

    QAction *action(Kind kind) const;
    // "See the pages": the official PDF's pages as the URS will see them, in a window.
    QAction *previewAction() const { return m_previewAction; }
    void addTo(QMenu *menu) const; // the preview, then the four outputs

    // Opens the preview of the report (drawn in the background); null without a report.
    PdfPreviewDialog *showPreview();
    PdfPreviewDialog *previewDialog() const { return m_preview; }

    // Runs before the data is read (the editor saves what is being typed).
    void setBeforeExport(std::function<void()> before) { m_before = std::move(before); }

    // Asks where to save, then writes in the background; false when nothing started
    // (no report, cancelled file dialog, already running, or the data could not be read).
    bool start(Kind kind);
    bool isRunning() const;
    void cancel();
    QProgressDialog *progressDialog() const { return m_progress; }

Q_SIGNALS:
    void finished(mobiliza::ui::ReportOutputs::Kind kind, bool ok, const QString &path);

private:
    core::Result<core::ExportJob *> makeJob(Kind kind, const QString &path); // owned by this
    void showProgress(Kind kind);
    void onFinished(Kind kind, const core::Status &status, const QString &path);
    QString kindKey(Kind kind) const;
    QString title(Kind kind) const;
    void updateActions();

    AppContext m_context;
    Dialogs &m_dialogs;
    QWidget *m_window;
    QString m_uuid;
    core::Period m_period;
    core::ReportState m_state = core::ReportState::Draft;
    std::function<void()> m_before;
    QAction *m_actions[4] = {};
    QAction *m_previewAction = nullptr;
    QPointer<PdfPreviewDialog> m_preview;
    QPointer<core::ExportJob> m_job;
    QPointer<QProgressDialog> m_progress;
    QString m_jobTitle; // of the export running (its month, when it started)
};

} // namespace mobiliza::ui
