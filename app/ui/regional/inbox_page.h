// "Caixa de entrada": the URS's reports of a month, filtered by state and by
// municipality name, opened in place (ReportView) to accept or return them,
// or accepted several at once; a municipality's package files brought by hand
// come in with "Importar pacote…". Works from the local replica, online or not;
// does nothing while hidden (a change while hidden is read on the next show).
#pragma once

#include "app/ui/app_context.h"

#include <QHash>

#include <functional>
#include <QWidget>

class QButtonGroup;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressDialog;
class QPushButton;
class QStackedWidget;
class QTableView;
class QToolButton;

namespace mobiliza::core {
class PackageIntakeJob;
struct IntakeJobResult;
} // namespace mobiliza::core

namespace mobiliza::ui {

class Dialogs;
class InboxFilter;
class InboxModel;
class ReportView;

class InboxPage : public QWidget
{
    Q_OBJECT

public:
    InboxPage(const AppContext &context, Dialogs &dialogs, QWidget *parent = nullptr);

    // Shows the report's latest revision in the report view (false when the replica has no such report).
    bool openReport(const QString &uuid);
    void showList();
    bool isShowingReport() const;
    void reload(); // reads the replica again (the page calls it when shown after a change)

    QComboBox *monthBox() const { return m_month; }
    QLineEdit *searchField() const { return m_search; }
    QToolButton *stateButton(const QString &key) const { return m_stateButtons.value(key); } // "" = all
    QTableView *table() const { return m_table; }
    InboxModel *model() const { return m_model; }
    InboxFilter *filter() const { return m_filter; }
    QPushButton *openButton() const { return m_open; }
    QPushButton *acceptSelectedButton() const { return m_acceptSelected; }
    QPushButton *importButton() const { return m_import; }
    QLabel *emptyLabel() const { return m_empty; }
    ReportView *reportView() const { return m_view; }
    int reloadCount() const { return m_reloads; } // for tests: no work while hidden

    void acceptSelected();
    // Asks for package files (.mobiliza) and takes each in (PackageIntake) on a
    // worker, with progress and Cancel (inbox_import.cpp): a summary says what
    // came in, what was already here and why a file was refused.
    void importPackages();
    // The files chosen (or opened with the app: mobiliza FILE.mobiliza); false when nothing started.
    bool importFiles(const QStringList &files);
    QProgressDialog *importProgress() const { return m_importProgress; } // while importing
    bool isImporting() const { return m_importJob != nullptr; }
    // Tests: runs on the import's worker before each file (PackageIntakeJob::setWorkerHook).
    void setImportHook(std::function<void(int index)> hook) { m_importHook = std::move(hook); }

protected:
    void showEvent(QShowEvent *event) override;

private:
    void onReplicaChanged();
    void fillMonths();
    void updateCounts();
    void updateButtons();
    void openIndex(const QModelIndex &proxyIndex);
    QStringList selectedReports() const;
    void showImported(const QString &reportUuid, const core::Period &period);
    void importFinished(const core::IntakeJobResult &result);
    void batchesFinished(const core::IntakeJobResult &result, int given);
    QString importTitle() const;
    void showImportSummary(QStringList parts, const QStringList &refused, int notLookedAt, bool sendNow);

    AppContext m_context;
    Dialogs &m_dialogs;
    InboxModel *m_model = nullptr;
    InboxFilter *m_filter = nullptr;
    QStackedWidget *m_stack = nullptr;
    QWidget *m_listPage = nullptr;
    QComboBox *m_month = nullptr;
    QLineEdit *m_search = nullptr;
    QButtonGroup *m_stateGroup = nullptr;
    QHash<QString, QToolButton *> m_stateButtons;
    QTableView *m_table = nullptr;
    QLabel *m_empty = nullptr;
    QLabel *m_summary = nullptr;
    QPushButton *m_open = nullptr;
    QPushButton *m_acceptSelected = nullptr;
    QPushButton *m_import = nullptr;
    ReportView *m_view = nullptr;
    bool m_dirty = true;
    bool m_quiet = false; // a bulk decision: one reload at the end
    int m_reloads = 0;
    core::PackageIntakeJob *m_importJob = nullptr;
    QProgressDialog *m_importProgress = nullptr;
    std::function<void(int)> m_importHook;
};

} // namespace mobiliza::ui
