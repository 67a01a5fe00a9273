// The regional inbox's table: the latest revision of each report in the URS's
// replica, with this installation's review decisions laid over the hub's state
// ("Aceito (a enviar)" until the hub applies it), and the filter the page puts
// in front of it (competência, state, municipality name).
#pragma once

#include "app/ui/app_context.h"
#include "core/regional/replica_service.h"

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>

namespace mobiliza::ui {

struct InboxRow
{
    core::ReplicaRevision revision; // the latest of its report
    QString municipalityName;
    QDateTime firstReceivedAt; // revision 1's reception (the one that counts for the deadline)
    bool late = false;
    QString stateKey;  // what the report is here: a pending local decision wins
    QString stateText; // "Aceito (a enviar)", "Recusado pelo hub: …"
    bool pending = false; // a local decision waits to be sent
    bool refused = false; // the hub refused this installation's last decision
    // A reviewer can accept or return it now: its content is here, its state is
    // open (received, in review) and no decision of this installation is pending.
    bool decidable = false;
};

class InboxModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Municipality, Period, Revision, ReceivedAt, Deadline, Actions, Photos, State, ColumnCount };
    enum Role {
        ReportRole = Qt::UserRole + 1, // uuid
        RevisionRole,
        PeriodKeyRole,
        StateKeyRole,
        LateRole,
        DecidableRole,
        SearchRole, // the municipality's name folded for search
        SortRole,
    };

    explicit InboxModel(const AppContext &context, QObject *parent = nullptr);

    // Reads the replica and the decisions again (one query each).
    void reload();
    QString loadError() const { return m_error; }
    const InboxRow &rowAt(int row) const { return m_rows.at(row); }
    int rowOf(const QString &report) const; // -1 when absent
    // Every competência of the replica, newest first.
    QList<core::Period> periods() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    AppContext m_context;
    QList<InboxRow> m_rows;
    QString m_error;
};

// Competência (invalid: every month), state key (empty: all) and a search by
// municipality name (accent- and case-insensitive).
class InboxFilter : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit InboxFilter(QObject *parent = nullptr);
    void setPeriod(const core::Period &period);
    void setStateKey(const QString &key);
    void setSearch(const QString &text);
    core::Period period() const { return m_period; }
    QString stateKey() const { return m_state; }
    // Whether a source row passes the month and search filters (the state counts ignore the state filter).
    bool matchesMonthAndSearch(int sourceRow) const;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    core::Period m_period;
    QString m_state;
    QString m_search;
};

} // namespace mobiliza::ui
