// "Lotes": every batch of accepted reports this URS made for the central level
// (BatchService::all()), newest first — month, how many reports, the channel
// (network or a file), when and by whom, and its state in words.
#pragma once

#include "core/reference/reference_data.h"
#include "core/regional/batch_service.h"

#include <QAbstractTableModel>
#include <QHash>

namespace mobiliza::ui {

class BatchModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    // The state right after the month: it is what the URS looks for, and stays in view on a small screen.
    enum Column { Period, Reports, State, Channel, CreatedAt, CreatedBy, ColumnCount };
    enum Role {
        UuidRole = Qt::UserRole + 1,
        StateKeyRole, // queued, sending, received, refused, written
    };

    explicit BatchModel(core::ReferenceData reference, QObject *parent = nullptr);

    // Any order: shown newest first. `progress`: of the received ones, by uuid
    // (BatchService::centralProgress).
    void setBatches(QList<core::BatchRecord> batches, QHash<QString, core::CentralProgress> progress = {});
    const core::BatchRecord &batchAt(int row) const { return m_batches.at(row); }
    int rowOf(const QString &uuid) const; // -1 when absent

    // "Aguardando envio", "Recebido pelo nível central em 12/11/2026 (b-000012)",
    // "… · 40 de 54 consolidados", "Consolidado pelo nível central", "Recusado: …", "Arquivo gravado".
    static QString stateText(const core::BatchRecord &batch, const core::CentralProgress &progress = {});
    QString stateTextAt(int row) const;
    // "pela rede" / "arquivo: lote-Barbacena-2026-10.mobiliza-lote".
    static QString channelText(const core::BatchRecord &batch);
    // The batch's municipalities by name, sorted.
    QStringList municipalityNames(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    core::ReferenceData m_reference;
    QList<core::BatchRecord> m_batches;
    QHash<QString, core::CentralProgress> m_progress;
};

} // namespace mobiliza::ui
