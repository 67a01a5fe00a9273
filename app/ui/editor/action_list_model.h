// The numbered actions of the open report ("Ação 1 — title"), with their date,
// photo count and whether a blocking finding concerns them.
#pragma once

#include "core/domain/types.h"
#include "core/program/program_definition.h"

#include <QAbstractListModel>
#include <QSet>

namespace mobiliza::ui {

class ActionListModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role { UuidRole = Qt::UserRole + 1, NumberRole, TitleRole, PhotoCountRole, HasErrorsRole };

    explicit ActionListModel(core::ProgramDefinition program, QObject *parent = nullptr);

    // Same actions in the same order: dataChanged; otherwise a reset.
    void setActions(const QList<core::Action> &actions, const QSet<int> &rowsWithErrors);
    int rowOf(const QString &uuid) const;
    QString uuidAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    QString titleOf(const core::Action &action) const;

    core::ProgramDefinition m_program;
    QList<core::Action> m_actions;
    QSet<int> m_errors;
};

} // namespace mobiliza::ui
