#pragma once

#include "app/ui/app_context.h"

#include "core/regional/package_intake_job.h"

#include <QPointer>
#include <QProgressDialog>
#include <QSet>
#include <QWidget>

class QLabel;
class QPushButton;
class QToolButton;
class QTableView;

namespace mobiliza::ui {

class Dialogs;
class ReportListModel;
class ReportOutputs;

class ReportsPage : public QWidget
{
    Q_OBJECT

public:
    ReportsPage(const AppContext &context, Dialogs &dialogs, QWidget *parent = nullptr);

    QTableView *table() const { return m_table; }
    QPushButton *createButton() const { return m_create; }
    QPushButton *createPreviousButton() const { return m_createPrevious; }
    QPushButton *openButton() const { return m_open; }
    // "Another month…": every month of the last two years without a report, newest
    // first, each with its deadline (a late one says so).
    QToolButton *otherMonthButton() const { return m_otherMonth; }
    // "Files": the selected report's official PDF, CSV/XLSX and package (also on right-click).
    QToolButton *filesButton() const { return m_files; }
    ReportOutputs *outputs() const { return m_outputs; }
    // "Import package…": report packages (.mobiliza) of this municipality — from
    // another computer of the secretariat, or a copy kept on a USB stick.
    QPushButton *importButton() const { return m_import; }
    // Imports the files (as the button does after its file dialog, or a .mobiliza
    // file opened with the app), each verified on a worker with progress and Cancel;
    // files given while an import runs are imported after it. False without files.
    bool importPackages(const QStringList &files);
    bool isImporting() const { return m_importJob != nullptr; }
    QProgressDialog *importProgress() const { return m_importProgress; }
    // Starts a month that has no report (from the Painel's rows): asks first, then
    // creates it and opens it in the editor. False when nothing was created.
    bool startMonth(const core::Period &period);
    static constexpr int kMonthsBack = 24;
    ReportListModel *model() const { return m_model; }

Q_SIGNALS:
    void openReportRequested(const QString &uuid);
    void importFinished(int imported, int refused);

protected:
    void showEvent(QShowEvent *event) override; // the list catches up with what changed while hidden

private:
    void createMonth(const core::Period &period);
    void openSelected();
    void updateState();
    void fillOtherMonths(const QSet<QString> &existing); // period keys with a report
    void currentChanged();
    void importFinishedWith(const core::IntakeJobResult &result);
    void showContextMenu(const QPoint &pos);

    AppContext m_context;
    Dialogs &m_dialogs;
    ReportListModel *m_model = nullptr;
    ReportOutputs *m_outputs = nullptr;
    QToolButton *m_files = nullptr;
    QPushButton *m_import = nullptr;
    QPointer<core::PackageIntakeJob> m_importJob;
    QPointer<QProgressDialog> m_importProgress;
    QStringList m_pendingImports; // handed over while an import ran: imported after it
    QTableView *m_table = nullptr;
    QPushButton *m_create = nullptr;
    QPushButton *m_createPrevious = nullptr;
    QPushButton *m_open = nullptr;
    QToolButton *m_otherMonth = nullptr;
    QLabel *m_empty = nullptr;
    QLabel *m_message = nullptr;
};

} // namespace mobiliza::ui
