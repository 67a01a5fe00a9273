#include "app/ui/editor/field_editors_p.h"

#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include <memory>

namespace mobiliza::ui {

namespace {

// A field that shares a row with its neighbours inside an entry (dates, numbers,
// check boxes, short choices); text takes a row of its own.
bool isCompactItem(const core::FieldDefinition &f)
{
    return f.type == core::field_type::Date || f.type == core::field_type::Boolean ||
           f.type == core::field_type::Integer || f.type == core::field_type::Choice;
}

class ListEditor final : public FieldEditor
{
public:
    ListEditor(const core::FieldDefinition &f, const core::ProgramDefinition &program, QWidget *w,
               QObject *parent)
        : FieldEditor(f, parent), m_program(program)
    {
        m_box = new QWidget(w);
        auto *v = new QVBoxLayout(m_box);
        v->setContentsMargins(0, 0, 0, 0);
        v->setSpacing(6);
        m_entriesHost = new QWidget(m_box);
        m_entriesLayout = new QVBoxLayout(m_entriesHost);
        m_entriesLayout->setContentsMargins(0, 0, 0, 0);
        m_entriesLayout->setSpacing(6);
        v->addWidget(m_entriesHost);
        m_empty = new QLabel(FieldEditor::tr("None yet."), m_box);
        m_empty->setStyleSheet(QStringLiteral("color: #4a5a6a;"));
        v->addWidget(m_empty);
        m_add = new QPushButton(FieldEditor::tr("Add to “%1”").arg(f.label), m_box);
        m_add->setObjectName(QStringLiteral("addListEntry"));
        v->addWidget(m_add, 0, Qt::AlignLeft);
        connect(m_add, &QPushButton::clicked, this, [this] {
            Q_EMIT stepStarting();
            addEntry(QJsonObject());
            if (!m_entries.back()->editors.empty())
                m_entries.back()->editors.front()->focusTarget()->setFocus(Qt::TabFocusReason);
            updateState();
            Q_EMIT edited(false);
        });
        updateState();
    }
    ~ListEditor() override = default;

    QWidget *widget() const override { return m_box; }
    QWidget *focusTarget() const override
    {
        return m_entries.empty() || m_entries.front()->editors.empty()
                   ? static_cast<QWidget *>(m_add)
                   : m_entries.front()->editors.front()->focusTarget();
    }
    QJsonValue value() const override
    {
        QJsonArray out;
        for (const auto &entry : m_entries) {
            // What the entry held that no editor shows (another version's keys) is kept.
            QJsonObject item = entry->stored;
            for (FieldEditor *e : entry->editors) {
                const QJsonValue v = e->value();
                // An unticked box is no answer: "false" would make every empty entry look filled.
                if (!v.isUndefined() && !(e->field().type == core::field_type::Boolean && !v.toBool()))
                    item.insert(e->field().id, v);
                else
                    item.remove(e->field().id);
            }
            out.append(item);
        }
        return out.isEmpty() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(out);
    }
    void setValue(const QJsonValue &v) override
    {
        const QJsonArray items = v.toArray();
        // The same number of entries: values set in place (the one being typed in keeps the focus).
        if (qsizetype(m_entries.size()) != items.size()) {
            while (!m_entries.empty())
                removeEntry(m_entries.size() - 1);
            for (const auto &item : items)
                addEntry(item.toObject());
        } else {
            for (qsizetype i = 0; i < items.size(); ++i) {
                Entry &entry = *m_entries.at(size_t(i));
                entry.stored = items.at(i).toObject();
                for (FieldEditor *e : entry.editors)
                    e->setValue(entry.stored.value(e->field().id));
            }
        }
        updateState();
    }
    void setEditable(bool e) override
    {
        m_editable = e;
        for (const auto &entry : m_entries) {
            for (FieldEditor *editor : entry->editors)
                editor->setEditable(e);
            entry->remove->setVisible(e);
        }
        updateState();
    }

private:
    struct Entry
    {
        QFrame *frame = nullptr;
        QLabel *heading = nullptr;
        QPushButton *remove = nullptr;
        std::vector<FieldEditor *> editors;
        QJsonObject stored; // the entry as last loaded
    };

    void addEntry(const QJsonObject &values)
    {
        auto entry = std::make_unique<Entry>();
        entry->stored = values;
        entry->frame = new QFrame(m_entriesHost);
        entry->frame->setFrameShape(QFrame::StyledPanel);
        auto *grid = new QVBoxLayout(entry->frame);
        grid->setContentsMargins(8, 6, 8, 8);
        grid->setSpacing(4);
        auto *top = new QHBoxLayout;
        entry->heading = new QLabel(entry->frame);
        QFont bold = entry->heading->font();
        bold.setBold(true);
        entry->heading->setFont(bold);
        top->addWidget(entry->heading, 1);
        entry->remove = new QPushButton(FieldEditor::tr("Remove"), entry->frame);
        entry->remove->setObjectName(QStringLiteral("removeListEntry"));
        top->addWidget(entry->remove);
        grid->addLayout(top);
        QHBoxLayout *compactRow = nullptr;
        for (const core::FieldDefinition &itemField : field().itemFields) {
            FieldEditor *editor = FieldEditor::create(itemField, m_program, entry->frame, this);
            if (!editor)
                continue;
            editor->setValue(values.value(itemField.id));
            editor->setEditable(m_editable);
            editor->focusTarget()->setAccessibleName(itemField.label);
            auto *cell = new QWidget(entry->frame);
            auto *cv = new QVBoxLayout(cell);
            cv->setContentsMargins(0, 0, 0, 0);
            cv->setSpacing(2);
            if (itemField.type != core::field_type::Boolean) {
                auto *label = new QLabel(itemField.required ? FieldEditor::tr("%1 *").arg(itemField.label)
                                                            : itemField.label,
                                         cell);
                label->setBuddy(editor->focusTarget());
                cv->addWidget(label);
            }
            editor->widget()->setParent(cell);
            cv->addWidget(editor->widget());
            if (isCompactItem(itemField)) {
                if (!compactRow) {
                    compactRow = new QHBoxLayout;
                    compactRow->setSpacing(12);
                    grid->addLayout(compactRow);
                }
                compactRow->addWidget(cell, 0, Qt::AlignBottom);
            } else {
                if (compactRow)
                    compactRow->addStretch(1);
                compactRow = nullptr;
                grid->addWidget(cell);
            }
            connect(editor, &FieldEditor::edited, this, [this](bool typing) { Q_EMIT edited(typing); });
            entry->editors.push_back(editor);
        }
        if (compactRow)
            compactRow->addStretch(1);
        entry->remove->setVisible(m_editable);
        Entry *raw = entry.get();
        connect(entry->remove, &QPushButton::clicked, this, [this, raw] {
            Q_EMIT stepStarting();
            for (size_t i = 0; i < m_entries.size(); ++i)
                if (m_entries.at(i).get() == raw) {
                    removeEntry(i);
                    break;
                }
            updateState();
            (m_entries.empty() ? static_cast<QWidget *>(m_add) : m_entries.back()->remove)->setFocus();
            Q_EMIT edited(false);
        });
        m_entriesLayout->addWidget(entry->frame);
        entry->frame->show(); // at once (a layout shows it only later): the focus can go into it now
        m_entries.push_back(std::move(entry));
    }

    void removeEntry(size_t index)
    {
        std::unique_ptr<Entry> entry = std::move(m_entries.at(index));
        m_entries.erase(m_entries.begin() + qsizetype(index));
        for (FieldEditor *e : entry->editors)
            e->deleteLater();
        entry->frame->hide();
        entry->frame->deleteLater();
    }

    void updateState()
    {
        for (size_t i = 0; i < m_entries.size(); ++i) {
            m_entries.at(i)->heading->setText(FieldEditor::tr("%1 %2").arg(field().label).arg(i + 1));
            m_entries.at(i)->remove->setAccessibleName(
                FieldEditor::tr("Remove %1 %2").arg(field().label).arg(i + 1));
        }
        // Tab goes through the entries in order, each field then its Remove, then Add, then on to
        // the next field: the entries are made after the form, so they are put in place in the
        // focus chain — after the last widget before this field that takes Tab (setTabOrder
        // ignores one that does not, and reads an ancestor as "after its last child").
        QWidget *previous = m_box->previousInFocusChain();
        while (previous && previous != m_box &&
               (!(previous->focusPolicy() & Qt::TabFocus) || m_box->isAncestorOf(previous)))
            previous = previous->previousInFocusChain();
        if (previous && previous != m_box && m_box->window() == m_add->window()) {
            for (const auto &entry : m_entries) {
                for (FieldEditor *e : entry->editors) {
                    QWidget::setTabOrder(previous, e->focusTarget());
                    previous = e->focusTarget();
                }
                QWidget::setTabOrder(previous, entry->remove);
                previous = entry->remove;
            }
            QWidget::setTabOrder(previous, m_add);
        }
        const int max = field().maxItems > 0 ? field().maxItems : 1000;
        m_add->setVisible(m_editable);
        m_add->setEnabled(int(m_entries.size()) < max);
        m_empty->setVisible(m_entries.empty());
    }

    core::ProgramDefinition m_program;
    QWidget *m_box = nullptr;
    QWidget *m_entriesHost = nullptr;
    QVBoxLayout *m_entriesLayout = nullptr;
    QLabel *m_empty = nullptr;
    QPushButton *m_add = nullptr;
    std::vector<std::unique_ptr<Entry>> m_entries;
    bool m_editable = true;
};

} // namespace

FieldEditor *createListEditor(const core::FieldDefinition &field, const core::ProgramDefinition &program,
                              QWidget *parentWidget, QObject *parent)
{
    return new ListEditor(field, program, parentWidget, parent);
}

} // namespace mobiliza::ui
