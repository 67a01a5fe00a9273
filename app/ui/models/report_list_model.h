// The months of the profile, newest first. Reads summaries from the report
// service and reloads when the notifier says something changed.
#pragma once

#include "app/ui/app_context.h"
#include "core/services/report_service.h"

#include <QAbstractTableModel>
#include <QHash>

#include <functional>

namespace mobiliza::ui {

class ReportListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Period, State, Revision, Actions, Photos, Deadline, Updated, ColumnCount };
    enum Role { UuidRole = Qt::UserRole + 1, PeriodKeyRole, StateKeyRole, LateRole, ReviewCommentRole, NoActionsRole };

    explicit ReportListModel(const AppContext &context, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    const core::ReportSummary &summaryAt(int row) const { return m_rows.at(row); }
    bool isLate(const core::ReportSummary &s) const;
    void reload();
    // Set by the page that shows the list: a change notified while `hidden()` says so only
    // marks the list stale (every autosave of the editor is one), and catchUp() reloads it
    // when the page is shown. Without it, every change reloads at once.
    void deferWhile(std::function<bool()> hidden) { m_hidden = std::move(hidden); }
    void catchUp();
    bool isStale() const { return m_stale; }
    // Why the list could not be read (locked or damaged database); empty when it was.
    QString loadError() const { return m_error; }

private:
    AppContext m_context;
    QList<core::ReportSummary> m_rows;
    QString m_error;
    QHash<QString, QString> m_comments; // report uuid → the reviewer's comment
    std::function<bool()> m_hidden;
    bool m_stale = false;
};

// "novembro de 2026" in the current locale.
QString monthTitle(const core::Period &period);

// The state in the users' words ("Rascunho", "Pronto — na fila de envio"…).
// `reviewer`: AppContext::reviewer() (empty: "the URS").
QString reportStateText(core::ReportState state, const QString &reviewer = {});

} // namespace mobiliza::ui
