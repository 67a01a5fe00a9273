// The form of one action, generated from the ProgramDefinition: one block per
// field (label, editor, help), in the program's order. Companion fields are
// placed with the field they qualify: the "Outro" text appears only while the
// other value is chosen, the estimate checkbox sits under its number.
#pragma once

#include "core/domain/types.h"
#include "core/program/program_definition.h"

#include <QHash>
#include <QJsonObject>
#include <QWidget>

class QHBoxLayout;
class QLabel;

namespace mobiliza::ui {

class FieldEditor;
class PartnersEditor;

class ActionForm : public QWidget
{
    Q_OBJECT

public:
    explicit ActionForm(core::ProgramDefinition program, QWidget *parent = nullptr);

    void setPartners(const QList<core::Partner> &partners);
    // Shows the action (never emits edited signals). The period suggests dates.
    void setAction(const core::Action &action, const core::Period &period, bool editable);
    QString actionUuid() const { return m_action.uuid; }

    // The stored values with the form's edits applied (keys the form does not show are kept).
    QJsonObject values() const;
    QStringList partnerUuids() const;

    QWidget *fieldWidget(const QString &fieldId) const;  // the editor of a field (tests, findings)
    QWidget *fieldBlock(const QString &fieldId) const;   // label + editor + help
    bool focusField(const QString &fieldId);             // false when the field is unknown
    void addHeaderWidget(QWidget *widget);               // beside the "Ação n" heading
    // The URS's notes on this action (a yellow box under the heading, reachable
    // with Tab); an empty text hides it. Kept until set again.
    void setReviewNotes(const QString &text);
    QLabel *reviewNotesBox() const { return m_reviewNotes; }
    static bool isCompact(const core::FieldDefinition &field); // shares a row with the next compact one
    static QString reviewNoteStyle(); // the yellow of the URS's notes (also on the photo cards)

Q_SIGNALS:
    void valuesEdited(const QString &fieldId, bool typing);
    void stepStarting(); // a field's edit that is a step of its own is about to happen
    void partnersEdited();

private:
    QWidget *addField(const core::FieldDefinition &field, QWidget *container); // its block
    void updateCompanions();

    core::ProgramDefinition m_program;
    core::Action m_action;
    QList<FieldEditor *> m_editors;
    QHash<QString, FieldEditor *> m_byId;
    QHash<QString, QWidget *> m_blocks;
    PartnersEditor *m_partners = nullptr;
    QLabel *m_heading = nullptr;
    QHBoxLayout *m_headerRow = nullptr;
    QLabel *m_reviewNotes = nullptr;
};

} // namespace mobiliza::ui
