// One editor widget per program field type (docs/programs.md): the action form
// is generated from the ProgramDefinition with these, never from field ids.
#pragma once

#include "core/domain/types.h"
#include "core/program/program_definition.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QLineEdit>
#include <QListWidget>
#include <QObject>
#include <QWidget>

class QLabel;

namespace mobiliza::ui {

// A checkable list with a filter line: catalogue multichoice and partners.
class CheckList : public QWidget
{
    Q_OBJECT

public:
    struct Item
    {
        QString key;
        QString label;
        QString tooltip;
    };

    explicit CheckList(QWidget *parent = nullptr);

    void setItems(const QList<Item> &items); // keeps the checked keys that still exist
    QStringList checkedKeys() const;         // in item order
    void setCheckedKeys(const QStringList &keys);
    void setPlaceholder(const QString &text); // shown when there is no item at all
    QLineEdit *filterField() const { return m_filter; }
    QListWidget *list() const { return m_list; }
    void setEditable(bool editable);

Q_SIGNALS:
    void checkedChanged();

private:
    void applyFilter();
    void updateSummary();

    QLineEdit *m_filter = nullptr;
    QListWidget *m_list = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_empty = nullptr;
};

class FieldEditor : public QObject
{
    Q_OBJECT

public:
    FieldEditor(core::FieldDefinition field, QObject *parent) : QObject(parent), m_field(std::move(field)) {}

    const core::FieldDefinition &field() const { return m_field; }
    virtual QWidget *widget() const = 0;       // what the form lays out
    virtual QWidget *focusTarget() const = 0;  // what gets the keyboard focus
    virtual QJsonValue value() const = 0;      // Undefined: no value (the key is removed)
    virtual void setValue(const QJsonValue &value) = 0; // never emits edited()
    virtual void setEditable(bool editable) = 0;
    // The action's values, on loading it and after each edit: an editor whose choices
    // depend on another field (the municipalities of the chosen state) follows them.
    virtual void followValues(const QJsonObject &values) { Q_UNUSED(values); }

    // Creates the editor for the field's type; nullptr for a type it does not know.
    static FieldEditor *create(const core::FieldDefinition &field, const core::ProgramDefinition &program,
                               QWidget *parentWidget, QObject *parent);

Q_SIGNALS:
    void edited(bool typing); // typing: debounce the save; otherwise save at once
    // An edit that is a step of its own is about to change the value (a list's entry added or
    // removed): what is pending is saved first, from the value before it.
    void stepStarting();

private:
    core::FieldDefinition m_field;
};

// The partners field: the register's partners as a checkable list.
class PartnersEditor : public FieldEditor
{
    Q_OBJECT

public:
    PartnersEditor(const core::FieldDefinition &field, QWidget *parentWidget, QObject *parent);
    void setPartners(const QList<core::Partner> &partners);
    QStringList partnerUuids() const { return m_list->checkedKeys(); }
    void setPartnerUuids(const QStringList &uuids);

    QWidget *widget() const override { return m_list; }
    QWidget *focusTarget() const override { return m_list->filterField(); }
    QJsonValue value() const override;
    void setValue(const QJsonValue &value) override;
    void setEditable(bool editable) override { m_list->setEditable(editable); }

private:
    CheckList *m_list = nullptr;
};

} // namespace mobiliza::ui
