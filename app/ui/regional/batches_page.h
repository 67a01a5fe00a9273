// "Lotes": the URS forwards the reports the hub accepted to the central level.
// For a competência: how many accepted reports wait, "Encaminhar ao nível
// central" (a batch sent over the network at the next synchronization, which
// starts at once) or "Gravar arquivo de lote…" (one file carried by hand, written
// on a worker with a progress dialog and Cancelar). Below, every batch made here
// with its state in words, and "Importar recibo…": the central level's receipt
// file carried back marks its batch received. A selected batch lists its
// municipalities beside. Works from the local replica; does nothing while hidden
// (a change while hidden is read on the next show).
#pragma once

#include "app/ui/app_context.h"
#include "core/regional/batch_service.h"

#include <QHash>
#include <QWidget>

#include <functional>

class QComboBox;
class QLabel;
class QListWidget;
class QProgressDialog;
class QPushButton;
class QTableView;

namespace mobiliza::core {
class BatchFileJob;
}

namespace mobiliza::ui {

class BatchModel;
class Dialogs;

class BatchesPage : public QWidget
{
    Q_OBJECT

public:
    BatchesPage(const AppContext &context, Dialogs &dialogs, QWidget *parent = nullptr);

    void reload(); // reads the replica and the batches again

    QComboBox *monthBox() const { return m_month; }
    QLabel *countLabel() const { return m_count; }
    QLabel *statusLabel() const { return m_status; }
    QPushButton *forwardButton() const { return m_forward; }
    QPushButton *writeFileButton() const { return m_writeFile; }
    QPushButton *importReceiptButton() const { return m_importReceipt; }
    // While a batch file is being written: the job and its progress dialog (else null).
    core::BatchFileJob *writeJob() const { return m_job; }
    QProgressDialog *progressDialog() const { return m_progress; }
    // Tests: handed to each write job (BatchFileJob::setWorkerHook).
    void setWorkerHook(std::function<void(const core::BatchWriteProgress &)> hook) { m_workerHook = std::move(hook); }
    QTableView *table() const { return m_table; }
    BatchModel *model() const { return m_model; }
    QLabel *detailTitle() const { return m_detailTitle; }
    QLabel *detailText() const { return m_detailText; }
    QListWidget *detailList() const { return m_detailList; }
    int forwardableCount() const; // of the chosen month
    int reloadCount() const { return m_reloads; } // for tests: no work while hidden

    void forward();
    void writeFile();     // asks where, then writes on a worker (returns at once)
    void importReceipt(); // the central level's receipt files
    // "lote-Barbacena-2026-10.mobiliza-lote"
    static QString suggestedFileName(const QString &urs, const QString &periodKey);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void fillMonths();
    void updateMonth();
    void showSelected();
    void selectBatch(const QString &uuid);
    void startWriting(const core::BatchRecord &batch);
    void showWriteProgress(const core::BatchWriteProgress &progress);
    void writeFinished(const core::Status &status);
    void writeFailed(const core::Error &error);
    void showStatus(const QString &text);

    AppContext m_context;
    Dialogs &m_dialogs;
    BatchModel *m_model = nullptr;
    QComboBox *m_month = nullptr;
    QLabel *m_count = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_error = nullptr;
    QPushButton *m_forward = nullptr;
    QPushButton *m_writeFile = nullptr;
    QPushButton *m_importReceipt = nullptr;
    core::BatchFileJob *m_job = nullptr;       // while a batch file is being written
    QProgressDialog *m_progress = nullptr;     // its dialog
    std::function<void(const core::BatchWriteProgress &)> m_workerHook;
    QTableView *m_table = nullptr;
    QLabel *m_empty = nullptr;
    QLabel *m_detailTitle = nullptr;
    QLabel *m_detailText = nullptr;
    QListWidget *m_detailList = nullptr;
    QHash<QString, int> m_forwardable; // period key → accepted reports not in a batch
    QString m_lastFolder;
    bool m_dirty = true;
    int m_reloads = 0;
};

} // namespace mobiliza::ui
