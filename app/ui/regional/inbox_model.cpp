#include "app/ui/regional/inbox_model.h"

#include "app/ui/regional/regional_format.h"
#include "core/regional/coverage.h"
#include "core/services/services.h"
#include "core/util/text.h"

#include <QFont>
#include <QHash>
#include <QSet>

#include <algorithm>

namespace mobiliza::ui {

namespace {

QString key(const QString &report, int revision)
{
    return report + QLatin1Char('|') + QString::number(revision);
}

} // namespace

InboxModel::InboxModel(const AppContext &context, QObject *parent)
    : QAbstractTableModel(parent), m_context(context)
{
}

void InboxModel::reload()
{
    core::Services &services = *m_context.services;
    QList<InboxRow> rows;
    QString error;
    auto latest = services.replica().latest();
    auto all = services.replica().revisions();
    auto decisions = services.reviews().all();
    QHash<QString, QString> unitNames; // the apoiadores' (an empty list only costs their names)
    if (auto names = services.replica().unitNames())
        unitNames = names.value();
    if (!latest)
        error = latest.error().message;
    else if (!all)
        error = all.error().message;
    else if (!decisions)
        error = decisions.error().message;
    if (error.isEmpty()) {
        // The reception that counts for the deadline: the report's first revision here.
        QHash<QString, QDateTime> first;
        for (const core::ReplicaRevision &r : all.value()) {
            auto it = first.find(r.report);
            if (it == first.end())
                first.insert(r.report, r.receivedAt);
            else if (r.receivedAt.isValid() && (!it->isValid() || r.receivedAt < *it))
                *it = r.receivedAt;
        }
        // The newest decision of this installation on each revision (they come oldest first).
        QHash<QString, core::ReviewDecisionRecord> standing, refused;
        for (const core::ReviewDecisionRecord &d : decisions.value())
            if (d.state == QLatin1String("refused"))
                refused.insert(key(d.report, d.revision), d);
            else if (d.standing()) // not one a later state of the hub overtook
                standing.insert(key(d.report, d.revision), d);

        for (const core::ReplicaRevision &r : latest.value()) {
            InboxRow row;
            row.revision = r;
            row.municipalityName = core::isIbgeCode(r.municipality)
                                       ? regional::municipalityName(m_context.reference, r.municipality)
                                       : unitNames.value(r.municipality, r.municipality);
            row.firstReceivedAt = first.value(r.report, r.receivedAt);
            row.late = m_context.program.isLate(r.period, core::brasiliaDate(row.firstReceivedAt));
            row.stateKey = r.state;
            row.stateText = regional::reviewStateLabel(r.state);
            const QString k = key(r.report, r.revision);
            const bool open = regional::isDecidableHere(services, r.state);
            bool mayDecide = open;
            if (const auto it = standing.constFind(k); it != standing.constEnd()) {
                const core::ReviewDecisionRecord &d = *it;
                const QString after = core::ReviewOutbox::stateAfter(d.decision);
                if (d.state != QLatin1String("applied")) {
                    row.pending = true;
                    row.stateKey = after;
                    row.stateText = tr("%1 (to be sent)").arg(regional::reviewStateLabel(after));
                } else {
                    row.stateKey = after; // applied, not pulled back yet
                    row.stateText = regional::reviewStateLabel(after);
                }
                mayDecide = d.decision == core::Decision::Start && open;
            } else if (const auto rt = refused.constFind(k);
                       rt != refused.constEnd() &&
                       (r.state != QLatin1String("returned_to_urs") || rt->hubState == r.state)) {
                // A refusal stands until the central level returns the revision to the URS,
                // which opens it again (the pull may not yet say what the refusal said).
                row.refused = true;
                row.stateText = tr("Refused by the hub: %1").arg(rt->lastError);
            }
            row.decidable = mayDecide && r.hasManifest;
            rows << row;
        }
    }
    beginResetModel();
    m_rows = rows;
    m_error = error;
    endResetModel();
}

int InboxModel::rowOf(const QString &report) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows.at(i).revision.report == report)
            return i;
    return -1;
}

QList<core::Period> InboxModel::periods() const
{
    QList<core::Period> out;
    for (const InboxRow &r : m_rows)
        if (!out.contains(r.revision.period))
            out << r.revision.period;
    std::sort(out.begin(), out.end(), [](const core::Period &a, const core::Period &b) { return b < a; });
    return out;
}

int InboxModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int InboxModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant InboxModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const InboxRow &row = m_rows.at(index.row());
    const core::ReplicaRevision &r = row.revision;
    const QString dash = QStringLiteral("—");
    switch (role) {
    case ReportRole:
        return r.report;
    case RevisionRole:
        return r.revision;
    case PeriodKeyRole:
        return r.period.key();
    case StateKeyRole:
        return row.stateKey;
    case LateRole:
        return row.late;
    case DecidableRole:
        return row.decidable;
    case SearchRole:
        return core::foldForSearch(row.municipalityName);
    case SortRole:
        switch (index.column()) {
        case Municipality:
            return row.municipalityName;
        case Period:
            return r.period.key();
        case Revision:
            return r.revision;
        case ReceivedAt:
            return r.receivedAt;
        case State:
            return row.stateText;
        case Deadline:
            return row.late ? 1 : 0;
        case Actions:
            return r.hasManifest ? r.actionCount : -1;
        case Photos:
            return r.hasManifest ? r.photoCount : -1;
        }
        return {};
    case Qt::DisplayRole:
        switch (index.column()) {
        case Municipality:
            return row.municipalityName;
        case Period:
            return r.period.display();
        case Revision:
            return r.revision;
        case ReceivedAt:
            return regional::brasiliaDateTime(r.receivedAt);
        case State:
            return row.stateText;
        case Deadline:
            return row.late ? tr("Late") : tr("On time");
        case Actions:
            if (!r.hasManifest)
                return dash;
            return r.noActions ? tr("no actions") : QString::number(r.actionCount);
        case Photos:
            return r.hasManifest ? QString::number(r.photoCount) : dash;
        }
        return {};
    case Qt::ForegroundRole:
        if (index.column() == State)
            return row.refused ? QColor(0xa0, 0x18, 0x18) : regional::reviewStateColor(row.stateKey);
        if (index.column() == Deadline)
            return row.late ? QColor(0x9a, 0x5b, 0x00) : QColor(0x5a, 0x6a, 0x7a);
        return {};
    case Qt::FontRole:
        if ((index.column() == Deadline && row.late) ||
            (index.column() == State && row.decidable && !row.pending)) {
            QFont f;
            f.setBold(true);
            return f;
        }
        if (index.column() == State && row.pending) {
            QFont f;
            f.setItalic(true);
            return f;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == Revision || index.column() == Actions || index.column() == Photos)
            return int(Qt::AlignCenter);
        return int(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::ToolTipRole:
        if (index.column() == Deadline)
            return tr("First received on %1; deadline %2.")
                .arg(regional::brasiliaDateTime(row.firstReceivedAt),
                     m_context.program.deadline(r.period).toString(QStringLiteral("dd/MM/yyyy")));
        if ((index.column() == Actions || index.column() == Photos) && !r.hasManifest)
            return tr("The content of this report has not arrived yet: synchronize.");
        if (index.column() == State && !r.comment.isEmpty())
            return r.comment;
        if (index.column() == State)
            return row.stateText;
        return {};
    }
    return {};
}

QVariant InboxModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Municipality:
        return regional::reviewsPeople(m_context.program) ? tr("Apoiador") : tr("Municipality");
    case Period:
        return regional::reviewsPeople(m_context.program)
                   ? tr("Period", "a quadrimestre of the apoio program")
                   : tr("Month", "the report's competência (mm/aaaa)");
    case Revision:
        return tr("Revision");
    case ReceivedAt:
        return tr("Received on");
    case State:
        return tr("State");
    case Deadline:
        return tr("Deadline");
    case Actions:
        return tr("Actions");
    case Photos:
        return tr("Photos");
    }
    return {};
}

// ---------------------------------------------------------------- filter

InboxFilter::InboxFilter(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(InboxModel::SortRole);
    setSortLocaleAware(true);
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

void InboxFilter::setPeriod(const core::Period &period)
{
    m_period = period;
    invalidateFilter();
}

void InboxFilter::setStateKey(const QString &key)
{
    m_state = key;
    invalidateFilter();
}

void InboxFilter::setSearch(const QString &text)
{
    m_search = core::foldForSearch(text.trimmed());
    invalidateFilter();
}

bool InboxFilter::matchesMonthAndSearch(int sourceRow) const
{
    const QModelIndex idx = sourceModel()->index(sourceRow, 0);
    if (m_period.isValid() && idx.data(InboxModel::PeriodKeyRole).toString() != m_period.key())
        return false;
    return m_search.isEmpty() || idx.data(InboxModel::SearchRole).toString().contains(m_search);
}

bool InboxFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (sourceParent.isValid() || !matchesMonthAndSearch(sourceRow))
        return false;
    return m_state.isEmpty() ||
           sourceModel()->index(sourceRow, 0).data(InboxModel::StateKeyRole).toString() == m_state;
}

} // namespace mobiliza::ui
