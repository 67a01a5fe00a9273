// The numbered actions of the open report ("Ação 1 — title"), with their date,
// photo count and whether a blocking finding concerns them.
#pragma once

#include "core/domain/types.h"
#include "core/program/program_definition.h"

#include <QAbstractListModel>
#include <QStyledItemDelegate>
#include <QHash>
#include <QSet>

namespace mobiliza::ui {

class ActionListModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role { UuidRole = Qt::UserRole + 1, NumberRole, TitleRole, PhotoCountRole, HasErrorsRole, ReviewNotesRole };

    explicit ActionListModel(core::ProgramDefinition program, QObject *parent = nullptr);

    // Same actions in the same order: dataChanged; otherwise a reset.
    void setActions(const QList<core::Action> &actions, const QSet<int> &rowsWithErrors);
    // The URS's notes on each action (action uuid → its notes and its photos'), shown
    // as a marker on the line; set before setActions() (which repaints).
    void setReviewNotes(const QHash<QString, QStringList> &notes) { m_notes = notes; }
    int rowOf(const QString &uuid) const;
    QString uuidAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    QString titleOf(const core::Action &action) const;

    core::ProgramDefinition m_program;
    QList<core::Action> m_actions;
    QSet<int> m_errors;
    QHash<QString, QStringList> m_notes;
};

// Paints the lines of actions the URS left notes on in the notes' yellow, with an
// amber edge (the list's style sheet ignores Qt::BackgroundRole).
class ActionListDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace mobiliza::ui
