#include "app/ui/regional/batch_model.h"

#include "app/ui/regional/regional_format.h"

#include <QColor>
#include <QDir>
#include <QFileInfo>
#include <QTimeZone>

#include <algorithm>

namespace mobiliza::ui {

BatchModel::BatchModel(core::ReferenceData reference, QObject *parent)
    : QAbstractTableModel(parent), m_reference(std::move(reference))
{
}

void BatchModel::setBatches(QList<core::BatchRecord> batches, QHash<QString, core::CentralProgress> progress)
{
    std::stable_sort(batches.begin(), batches.end(), [](const core::BatchRecord &a, const core::BatchRecord &b) {
        return a.createdAt > b.createdAt;
    });
    beginResetModel();
    m_batches = std::move(batches);
    m_progress = std::move(progress);
    endResetModel();
}

int BatchModel::rowOf(const QString &uuid) const
{
    for (int row = 0; row < m_batches.size(); ++row)
        if (m_batches.at(row).uuid == uuid)
            return row;
    return -1;
}

QString BatchModel::stateTextAt(int row) const
{
    if (row < 0 || row >= m_batches.size())
        return {};
    return stateText(m_batches.at(row), m_progress.value(m_batches.at(row).uuid));
}

QString BatchModel::stateText(const core::BatchRecord &b, const core::CentralProgress &progress)
{
    if (b.state == QLatin1String("queued") || b.state == QLatin1String("sending"))
        return tr("Waiting to be sent");
    if (b.state == QLatin1String("received")) {
        const QString day = b.hubReceivedAt.isValid()
                                ? b.hubReceivedAt.toTimeZone(QTimeZone(-3 * 3600)).toString(QStringLiteral("dd/MM/yyyy"))
                                : QString();
        // The same words by either channel (issue 9: "recebido pelo nível central"): over
        // the network the receipt is the central level's hub's; a batch file's comes
        // from that hub too, carried back.
        const QString returned = tr("%n returned to the URS", nullptr, progress.returned);
        if (progress.decided() > 0 && progress.waiting == 0) {
            if (progress.returned == 0)
                return tr("Consolidated by the central level");
            return tr("Decided by the central level: %1, %2")
                .arg(tr("%n consolidated", nullptr, progress.consolidated), returned);
        }
        const QString received = b.hubId.isEmpty()
                                     ? tr("Received by the central level on %1").arg(day)
                                     : tr("Received by the central level on %1 (%2)").arg(day, b.hubId);
        if (progress.decided() == 0)
            return received;
        QString decided = tr("%1 of %2 consolidated").arg(progress.consolidated).arg(b.revisions.size());
        if (progress.returned > 0)
            decided += QStringLiteral(", ") + returned;
        return received + QStringLiteral(" · ") + decided;
    }
    if (b.state == QLatin1String("refused"))
        return tr("Refused: %1").arg(b.lastError);
    if (b.state == QLatin1String("written"))
        return tr("File written");
    return b.state;
}

QString BatchModel::channelText(const core::BatchRecord &b)
{
    if (b.channel == QLatin1String("file"))
        return tr("file: %1").arg(QFileInfo(b.filePath).fileName());
    return tr("over the network");
}

QStringList BatchModel::municipalityNames(int row) const
{
    QStringList names;
    if (row < 0 || row >= m_batches.size())
        return names;
    for (const core::BatchMember &m : m_batches.at(row).revisions)
        names << regional::municipalityName(m_reference, m.municipality);
    std::sort(names.begin(), names.end(), [](const QString &a, const QString &b) { return a.localeAwareCompare(b) < 0; });
    return names;
}

int BatchModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_batches.size());
}

int BatchModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant BatchModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_batches.size())
        return {};
    const core::BatchRecord &b = m_batches.at(index.row());
    switch (role) {
    case UuidRole:
        return b.uuid;
    case StateKeyRole:
        return b.state;
    case Qt::DisplayRole:
        switch (index.column()) {
        case Period:
            return b.period.display();
        case Reports:
            return int(b.revisions.size());
        case Channel:
            return channelText(b);
        case CreatedAt:
            return regional::brasiliaDateTime(b.createdAt);
        case CreatedBy:
            return b.createdBy;
        case State:
            return stateTextAt(index.row());
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == Channel && b.channel == QLatin1String("file"))
            return QDir::toNativeSeparators(b.filePath);
        if (index.column() == State) {
            if ((b.state == QLatin1String("queued") || b.state == QLatin1String("sending")) && !b.lastError.isEmpty())
                return tr("It goes at the next synchronization. Last attempt: %1").arg(b.lastError);
            if (b.state == QLatin1String("queued") || b.state == QLatin1String("sending"))
                return tr("It goes to the hub at the next synchronization.");
            return stateTextAt(index.row());
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == Reports)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ForegroundRole:
        if (index.column() != State)
            return {};
        if (b.state == QLatin1String("received") || b.state == QLatin1String("written"))
            return QColor(0x1e, 0x6b, 0x34);
        if (b.state == QLatin1String("refused"))
            return QColor(0xa0, 0x18, 0x18);
        return QColor(0x0b, 0x4f, 0x8a);
    default:
        return {};
    }
}

QVariant BatchModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Period:
        return tr("Month");
    case Reports:
        return tr("Reports");
    case Channel:
        return tr("Channel");
    case CreatedAt:
        return tr("Created");
    case CreatedBy:
        return tr("By");
    case State:
        return tr("State");
    default:
        return {};
    }
}

} // namespace mobiliza::ui
