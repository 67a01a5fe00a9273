#include "app/ui/editor/field_editors_p.h"

#include "core/reference/brazil_reference.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>

namespace mobiliza::ui {

namespace {

// The municipalities of the state the action names (its `uf` field), ticked in a
// filterable list. A code already chosen that is not of that state (the state was
// changed afterwards) stays listed and ticked, marked, so nothing typed disappears:
// the validation says it is outside the state.
class MunicipalitiesEditor final : public FieldEditor
{
public:
    MunicipalitiesEditor(const core::FieldDefinition &f, const core::ProgramDefinition &program, QWidget *w,
                         QObject *parent)
        : FieldEditor(f, parent)
    {
        m_list = new CheckList(w);
        m_list->setPlaceholder(
            FieldEditor::tr("Choose the state first: its municipalities are listed here."));
        for (const core::FieldDefinition &other : program.fields())
            if (other.type == core::field_type::Uf) {
                m_ufField = other.id;
                break;
            }
        m_list->setItems({});
        connect(m_list, &CheckList::checkedChanged, this, [this] { Q_EMIT edited(false); });
    }
    QWidget *widget() const override { return m_list; }
    QWidget *focusTarget() const override { return m_list; }
    QJsonValue value() const override
    {
        const QStringList keys = m_list->checkedKeys();
        return keys.isEmpty() ? QJsonValue(QJsonValue::Undefined)
                              : QJsonValue(QJsonArray::fromStringList(keys));
    }
    void setValue(const QJsonValue &v) override
    {
        QStringList codes;
        for (const auto &item : v.toArray())
            codes << item.toString();
        fill(m_uf, codes);
        m_list->setCheckedKeys(codes);
    }
    void setEditable(bool e) override
    {
        m_editable = e;
        m_list->setEditable(e);
    }
    void followValues(const QJsonObject &values) override
    {
        const QString uf = m_ufField.isEmpty() ? QString() : values.value(m_ufField).toString();
        if (uf != m_uf)
            fill(uf, m_list->checkedKeys());
    }

private:
    void fill(const QString &uf, const QStringList &chosen)
    {
        const auto &brazil = core::BrazilReference::embedded();
        const bool sameItems =
            uf == m_uf && std::all_of(chosen.begin(), chosen.end(),
                                      [this](const QString &c) { return m_listed.contains(c); });
        if (sameItems && m_filled)
            return;
        m_uf = uf;
        m_filled = true;
        m_listed.clear();
        QList<CheckList::Item> items;
        for (const core::BrMunicipality &m : brazil.municipalitiesOf(uf)) {
            items << CheckList::Item{m.ibge, m.name,
                                     FieldEditor::tr("%1 (%2), IBGE %3").arg(m.name, m.uf, m.ibge)};
            m_listed.insert(m.ibge);
        }
        for (const QString &code : chosen) {
            if (m_listed.contains(code))
                continue;
            const auto m = brazil.municipality(code);
            const QString label = m ? FieldEditor::tr("%1 (%2) — not of the chosen state").arg(m->name, m->uf)
                                    : FieldEditor::tr("%1 — not a municipality code").arg(code);
            items.prepend(CheckList::Item{code, label, label});
            m_listed.insert(code);
        }
        m_list->setItems(items);
        m_list->setEditable(m_editable); // new items are tickable: not in a report that is not
        m_list->setCheckedKeys(chosen);
        m_list->setPlaceholder(
            uf.isEmpty() ? FieldEditor::tr("Choose the state first: its municipalities are listed here.")
                         : QString());
    }

    CheckList *m_list = nullptr;
    QString m_ufField;
    QString m_uf;
    QSet<QString> m_listed;
    bool m_filled = false;
    bool m_editable = true;
};

} // namespace

// A state: "BA — Bahia", by name.
FieldEditor *createUfEditor(const core::FieldDefinition &field, QWidget *parentWidget, QObject *parent)
{
    QList<std::pair<QString, QString>> items;
    for (const core::FederativeUnit &u : core::BrazilReference::embedded().units())
        items << std::pair{FieldEditor::tr("%1 — %2").arg(u.uf, u.name), u.uf};
    return createComboEditor(field, items, 320, parentWidget, parent);
}

FieldEditor *createMunicipalitiesEditor(const core::FieldDefinition &field,
                                        const core::ProgramDefinition &program, QWidget *parentWidget,
                                        QObject *parent)
{
    return new MunicipalitiesEditor(field, program, parentWidget, parent);
}

} // namespace mobiliza::ui
