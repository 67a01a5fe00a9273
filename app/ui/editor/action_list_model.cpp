#include "app/ui/editor/action_list_model.h"

#include <QApplication>
#include <QColor>
#include <QPainter>
#include <QDate>
#include <QIcon>
#include <QStyle>

namespace mobiliza::ui {

ActionListModel::ActionListModel(core::ProgramDefinition program, QObject *parent)
    : QAbstractListModel(parent), m_program(std::move(program))
{
}

void ActionListModel::setActions(const QList<core::Action> &actions, const QSet<int> &rowsWithErrors)
{
    bool sameRows = actions.size() == m_actions.size();
    for (qsizetype i = 0; sameRows && i < actions.size(); ++i)
        sameRows = actions.at(i).uuid == m_actions.at(i).uuid;
    if (sameRows) {
        m_actions = actions;
        m_errors = rowsWithErrors;
        if (!m_actions.isEmpty())
            Q_EMIT dataChanged(index(0), index(int(m_actions.size()) - 1));
        return;
    }
    beginResetModel();
    m_actions = actions;
    m_errors = rowsWithErrors;
    endResetModel();
}

int ActionListModel::rowOf(const QString &uuid) const
{
    for (qsizetype i = 0; i < m_actions.size(); ++i)
        if (m_actions.at(i).uuid == uuid)
            return int(i);
    return -1;
}

QString ActionListModel::uuidAt(int row) const
{
    return row >= 0 && row < m_actions.size() ? m_actions.at(row).uuid : QString();
}

int ActionListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_actions.size());
}

QString ActionListModel::titleOf(const core::Action &action) const
{
    const QString id = m_program.fieldForRole(core::field_role::Title);
    QString title = id.isEmpty() ? QString() : action.values.value(id).toString().trimmed();
    if (id.isEmpty()) {
        // A program without a title field (the apoio actions): the kind of action names it
        // ("Visita técnica"), its "other" text when that is chosen.
        if (const auto f = m_program.field(m_program.fieldForRole(core::field_role::Format))) {
            const QString code = action.values.value(f->id).toString();
            for (const auto &entry : m_program.catalogue(f->catalogue))
                if (!code.isEmpty() && entry.code == code)
                    title = entry.label;
            if (!f->otherField.isEmpty() && code == f->otherValue)
                if (const QString other = action.values.value(f->otherField).toString().trimmed();
                    !other.isEmpty())
                    title = other;
        }
    }
    return title.isEmpty() ? tr("(no title yet)") : title;
}

QVariant ActionListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const core::Action &a = m_actions.at(index.row());
    const int number = index.row() + 1;
    switch (role) {
    case Qt::DisplayRole: {
        //: Action list line: "Ação 1 — title"
        const QString first = tr("%1 %2 — %3").arg(m_program.recordLabel()).arg(number).arg(titleOf(a));
        QStringList second;
        const QString dateId = m_program.fieldForRole(core::field_role::Date);
        const QDate date = QDate::fromString(a.values.value(dateId).toString(), Qt::ISODate);
        if (date.isValid())
            second << date.toString(QStringLiteral("dd/MM/yyyy"));
        const auto photos = a.photos.size();
        second << (photos == 0 ? tr("no photo") : photos == 1 ? tr("1 photo") : tr("%1 photos").arg(photos));
        QString text = first + QLatin1Char('\n') + second.join(QStringLiteral(" · "));
        if (const qsizetype n = m_notes.value(a.uuid).size(); n > 0)
            text += QLatin1Char('\n') + (n == 1 ? tr("▲ 1 note from the URS") : tr("▲ %1 notes from the URS").arg(n));
        return text;
    }
    case Qt::ToolTipRole: {
        QStringList tip;
        if (m_errors.contains(index.row()))
            tip << tr("Something in this action blocks concluding: see the list below.");
        if (m_notes.contains(a.uuid))
            tip << tr("Notes from the URS:") << m_notes.value(a.uuid);
        return tip.isEmpty() ? QVariant() : QVariant(tip.join(QLatin1Char('\n')));
    }
    case Qt::DecorationRole:
        if (m_errors.contains(index.row()))
            return QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
        return {}; // notes: a line of text and the background (an icon narrows the wrapped text)
    case Qt::AccessibleTextRole: {
        const QString text = tr("%1 %2: %3").arg(m_program.recordLabel()).arg(number).arg(titleOf(a));
        const qsizetype n = m_notes.value(a.uuid).size();
        return n == 0 ? text : text + tr(" (notes from the URS: %1)").arg(n);
    }
    case ReviewNotesRole: return m_notes.value(a.uuid);
    case UuidRole: return a.uuid;
    case NumberRole: return number;
    case TitleRole: return titleOf(a);
    case PhotoCountRole: return int(a.photos.size());
    case HasErrorsRole: return m_errors.contains(index.row());
    }
    return {};
}

void ActionListDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    if (!index.data(ActionListModel::ReviewNotesRole).toStringList().isEmpty()) {
        const QRect r = option.rect.adjusted(0, 0, 0, -1);
        if (!(option.state & QStyle::State_Selected))
            painter->fillRect(r, QColor(0xff, 0xf5, 0xc2));
        painter->fillRect(QRect(r.left(), r.top(), 4, r.height()), QColor(0xd1, 0x9a, 0x00));
    }
    QStyledItemDelegate::paint(painter, option, index);
}

} // namespace mobiliza::ui
