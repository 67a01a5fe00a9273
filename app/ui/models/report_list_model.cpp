#include "app/ui/models/report_list_model.h"

#include "core/services/services.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QLocale>

#include <algorithm>

namespace mobiliza::ui {

QString monthTitle(const core::Period &period)
{
    if (period.isQuadrimester()) { // "3º quadrimestre de 2026"
        QString title = period.display();
        if (!title.isEmpty())
            title[0] = title.at(0).toUpper();
        return title;
    }
    const QLocale locale;
    QString month = locale.standaloneMonthName(period.month);
    if (!month.isEmpty())
        month[0] = month.at(0).toUpper();
    //: Month title, e.g. "November 2026"; %1 is the month name, %2 the year.
    return ReportListModel::tr("%1 %2").arg(month, QString::number(period.year));
}

QString reportStateText(core::ReportState state, const QString &reviewer)
{
    using S = core::ReportState;
    switch (state) {
    case S::Draft: return ReportListModel::tr("Draft");
    case S::Ready: return ReportListModel::tr("Ready — in the outbox");
    case S::Sending: return ReportListModel::tr("Sending…");
    case S::Received:
        return reviewer.isEmpty() ? ReportListModel::tr("Sent — received by the URS")
                                  //: %1 is who reviews, as the program names it: "Coordenação do COSEMS".
                                  : ReportListModel::tr("Sent — received by %1").arg(reviewer);
    case S::Accepted:
        return reviewer.isEmpty() ? ReportListModel::tr("Accepted by the URS")
                                  : ReportListModel::tr("Accepted by %1").arg(reviewer);
    case S::Returned: return ReportListModel::tr("Returned for correction");
    case S::Forwarded: return ReportListModel::tr("Accepted — forwarded to the central level");
    case S::Consolidated: return ReportListModel::tr("Accepted — consolidated");
    }
    return {};
}

ReportListModel::ReportListModel(const AppContext &context, QObject *parent)
    : QAbstractTableModel(parent), m_context(context)
{
    auto &notifier = m_context.services->notifier();
    const auto changed = [this] {
        if (m_hidden && m_hidden())
            m_stale = true;
        else
            reload();
    };
    connect(&notifier, &core::Notifier::reportChanged, this, changed);
    connect(&notifier, &core::Notifier::reportsReset, this, changed);
    reload();
}

void ReportListModel::catchUp()
{
    if (m_stale)
        reload();
}

void ReportListModel::reload()
{
    m_stale = false;
    beginResetModel();
    auto listed = m_context.services->reports().summaries();
    m_error = listed ? QString() : listed.error().message;
    m_rows = listed ? listed.value() : QList<core::ReportSummary>{};
    m_comments = m_context.services->reports().reviewComments();
    std::sort(m_rows.begin(), m_rows.end(),
              [](const core::ReportSummary &a, const core::ReportSummary &b) { return b.period < a.period; });
    endResetModel();
}

int ReportListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ReportListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

bool ReportListModel::isLate(const core::ReportSummary &s) const
{
    // Late while still with the municipality after the deadline: being written, returned
    // (or its correction being written), or concluded and still waiting to be sent — a
    // correction too, as the Painel counts it (returned until it is sent). Late reports
    // are marked, never refused (BRIEF §2).
    const bool withMunicipality =
        s.state == core::ReportState::Draft || s.state == core::ReportState::Returned ||
        s.state == core::ReportState::Ready || s.state == core::ReportState::Sending;
    return withMunicipality && m_context.program.isLate(s.period, m_context.clock->today());
}

QVariant ReportListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const auto &s = m_rows.at(index.row());
    const QLocale locale;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Period: return monthTitle(s.period);
        case State: {
            const QString comment = m_comments.value(s.uuid);
            if (s.state == core::ReportState::Returned && !comment.isEmpty()) {
                const QString shortComment = comment.size() > 70 ? comment.left(67) + QStringLiteral("…") : comment;
                return tr("%1: “%2”")
                    .arg(reportStateText(s.state, m_context.reviewer()), shortComment.simplified());
            }
            if (s.state == core::ReportState::Draft && s.revision > 1)
                return tr("Draft — correcting revision %1").arg(s.revision);
            return reportStateText(s.state, m_context.reviewer());
        }
        case Revision: return s.revision;
        case Actions: return s.noActions ? tr("none (justified)") : QString::number(s.actionCount);
        case Photos: return s.photoCount;
        case Deadline: {
            const QString date = locale.toString(m_context.program.deadline(s.period), QStringLiteral("dd/MM/yyyy"));
            return isLate(s) ? tr("%1 — late").arg(date) : date;
        }
        case Updated:
            return locale.toString(s.updatedAt.toLocalTime(), QStringLiteral("dd/MM/yyyy HH:mm"));
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == State && !m_comments.value(s.uuid).isEmpty() &&
            (s.state == core::ReportState::Returned || s.state == core::ReportState::Draft))
            return tr("Reviewer's comment: %1").arg(m_comments.value(s.uuid));
        if (index.column() == Deadline && isLate(s))
            return s.state == core::ReportState::Ready || s.state == core::ReportState::Sending
                       ? (m_context.reviewer().isEmpty()
                              ? tr("The deadline has passed and the report has not reached the URS yet: it "
                                   "is "
                                   "sent "
                                   "as soon "
                                   "as there is a connection (Synchronization page).")
                              : tr("The deadline has passed and the report has not reached %1 yet: it is "
                                   "sent "
                                   "as soon as there is a connection (Synchronization page).")
                                    .arg(m_context.reviewer()))
                       : tr("The deadline has passed. Late reports are still accepted: conclude it as soon "
                            "as you "
                            "can.");
        if (index.column() == Period)
            return tr("Enter or double-click opens the report");
        break;
    case Qt::ForegroundRole:
        if (index.column() == Deadline && isLate(s))
            return QBrush(QColor(0xb0, 0x1e, 0x1e));
        if (index.column() == State && s.state == core::ReportState::Returned)
            return QBrush(QColor(0xb0, 0x1e, 0x1e));
        break;
    case Qt::FontRole:
        if (index.column() == Period || (index.column() == Deadline && isLate(s))) {
            QFont f;
            f.setBold(true);
            return f;
        }
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == Revision || index.column() == Actions || index.column() == Photos)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case Qt::AccessibleTextRole:
        if (index.column() == Period)
            return (s.period.isQuadrimester() ? tr("Report of the %1, %2") : tr("Report of %1, %2"))
                .arg(monthTitle(s.period), reportStateText(s.state, m_context.reviewer()));
        break;
    case UuidRole: return s.uuid;
    case PeriodKeyRole: return s.period.key();
    case StateKeyRole: return core::reportStateKey(s.state);
    case LateRole: return isLate(s);
    case ReviewCommentRole: return m_comments.value(s.uuid);
    case NoActionsRole: return s.noActions;
    }
    return {};
}

QVariant ReportListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Period:
        return m_context.program.periodMonths() == 4 ? tr("Quadrimestre") : tr("Month");
    case State: return tr("State");
    case Revision: return tr("Revision");
    case Actions: return tr("Actions");
    case Photos: return tr("Photos");
    case Deadline: return tr("Deadline");
    case Updated: return tr("Last change");
    }
    return {};
}

} // namespace mobiliza::ui
