// The coverage grid as a table model: municipalities (rows, by name) × the
// last competências (columns), one coloured cell each, painted by
// CoverageDelegate (no widget per cell: 54 × 12 paints at once).
#pragma once

#include "core/program/program_definition.h"
#include "core/regional/coverage.h"

#include <QAbstractTableModel>
#include <QStyledItemDelegate>

namespace mobiliza::ui {

class CoverageModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Role {
        StateRole = Qt::UserRole + 1, // int(core::CoverageState)
        StateKeyRole,                 // on_time, late…
        ReportRole,                   // uuid; empty when missing
        FillRole,                     // QColor of the cell
    };

    explicit CoverageModel(const core::ProgramDefinition &program, QObject *parent = nullptr);

    void setGrid(const core::CoverageGrid &grid);
    // Rows that are people (a COSEMS's apoiadores: core::Municipality::ibge holds the
    // id, urs the state), not municipalities: the headers' tooltips say so.
    void setPeople(bool people) { m_people = people; }
    const core::CoverageGrid &grid() const { return m_grid; }
    // "x de N (yy%)" for a column.
    QString totalText(int column) const;
    // What the cell means, in a sentence ("Barbacena não enviou o relatório de 10/2026; prazo: 10/11/2026").
    QString describe(int row, int column) const;

    static QColor fill(core::CoverageState state);
    static QColor ink(core::CoverageState state);
    static QString shortText(core::CoverageState state);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    core::ProgramDefinition m_program;
    core::CoverageGrid m_grid;
    bool m_people = false;
};

// A filled cell with its short text centred; the current cell gets a dark frame.
class CoverageDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace mobiliza::ui
