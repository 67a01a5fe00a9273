#include "app/ui/editor/action_form.h"

#include "app/ui/editor/field_editors.h"
#include "app/ui/editor/optional_date_edit.h"

#include <QJsonArray>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace mobiliza::ui {

namespace {

QLabel *makeLabel(const core::FieldDefinition &field, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setTextFormat(Qt::PlainText);
    label->setText(field.required ? ActionForm::tr("%1 *").arg(field.label) : field.label);
    QFont f = label->font();
    f.setBold(true);
    label->setFont(f);
    label->setWordWrap(true);
    return label;
}

QLabel *makeHelp(const QString &text, QWidget *parent)
{
    auto *help = new QLabel(text, parent);
    help->setTextFormat(Qt::PlainText);
    help->setWordWrap(true);
    help->setStyleSheet(QStringLiteral("color: #5a6a7a;"));
    return help;
}

bool containsCode(const QJsonValue &value, const QString &code)
{
    if (value.isArray())
        return value.toArray().contains(QJsonValue(code));
    return value.isString() && value.toString() == code;
}

} // namespace

ActionForm::ActionForm(core::ProgramDefinition program, QWidget *parent)
    : QWidget(parent), m_program(std::move(program))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(12);
    m_heading = new QLabel(this);
    QFont hf = m_heading->font();
    hf.setPointSizeF(hf.pointSizeF() * 1.3);
    hf.setBold(true);
    m_heading->setFont(hf);
    m_headerRow = new QHBoxLayout;
    m_headerRow->addWidget(m_heading, 1);
    layout->addLayout(m_headerRow);
    m_reviewNotes = new QLabel(this);
    m_reviewNotes->setObjectName(QStringLiteral("actionReviewNotes"));
    m_reviewNotes->setTextFormat(Qt::PlainText);
    m_reviewNotes->setWordWrap(true);
    m_reviewNotes->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_reviewNotes->setFocusPolicy(Qt::StrongFocus); // after the flags, which set it to click only
    m_reviewNotes->setAccessibleName(tr("Notes of the URS on this action"));
    m_reviewNotes->setStyleSheet(reviewNoteStyle());
    m_reviewNotes->hide();
    layout->addWidget(m_reviewNotes);
    auto *hint = new QLabel(tr("Fields marked with * are required. Everything is saved as you type."), this);
    hint->setStyleSheet(QStringLiteral("color: #5a6a7a;"));
    hint->setWordWrap(true); // in one line it held the form 70 px wider than a 1024-px screen's
    layout->addWidget(hint);
    // Short fields go two to a row (dates, a picker beside a short text…) so the
    // photos are reached with less scrolling.
    QList<core::FieldDefinition> fields;
    for (const core::FieldDefinition &field : m_program.fields())
        if (field.companionOf.isEmpty())
            fields << field;
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (i + 1 < fields.size() && isCompact(fields.at(i)) && isCompact(fields.at(i + 1))) {
            auto *row = new QWidget(this);
            auto *h = new QHBoxLayout(row);
            h->setContentsMargins(0, 0, 0, 0);
            h->setSpacing(16);
            for (const auto &field : {fields.at(i), fields.at(i + 1)})
                if (QWidget *block = addField(field, row))
                    h->addWidget(block, 1, Qt::AlignTop);
            layout->addWidget(row);
            ++i;
        } else if (QWidget *block = addField(fields.at(i), this)) {
            layout->addWidget(block);
        }
    }
    setFocusPolicy(Qt::NoFocus);
}

bool ActionForm::isCompact(const core::FieldDefinition &field)
{
    namespace t = core::field_type;
    const QString &type = field.type;
    if (type == t::Date || type == t::Integer || type == t::Choice || type == t::Coordinates ||
        type == t::Municipality || type == t::HealthRegion)
        return true;
    return type == t::Text && field.maxLength > 0 && field.maxLength <= 200 && field.role != core::field_role::Title;
}

void ActionForm::addHeaderWidget(QWidget *widget)
{
    m_headerRow->addWidget(widget);
}

QString ActionForm::reviewNoteStyle()
{
    return QStringLiteral("QLabel { background: #fff5c2; color: #4a3800; border: 1px solid #e0c35a; "
                          "border-left: 5px solid #d19a00; border-radius: 4px; padding: 8px 10px; }"
                          "QLabel:focus { border: 2px solid #0b3a5e; border-left: 5px solid #0b3a5e; }");
}

void ActionForm::setReviewNotes(const QString &text)
{
    m_reviewNotes->setText(text);
    m_reviewNotes->setAccessibleDescription(text);
    m_reviewNotes->setVisible(!text.isEmpty());
}

QWidget *ActionForm::addField(const core::FieldDefinition &field, QWidget *container)
{
    FieldEditor *editor = FieldEditor::create(field, m_program, container, this);
    if (!editor)
        return nullptr;
    auto *block = new QWidget(container);
    auto *v = new QVBoxLayout(block);
    v->setContentsMargins(0, 0, 0, 0);
    v->setSpacing(4);
    const bool isBoolean = field.type == core::field_type::Boolean;
    if (!isBoolean) {
        QLabel *label = makeLabel(field, block);
        label->setBuddy(editor->focusTarget());
        v->addWidget(label);
    }
    editor->widget()->setParent(block);
    v->addWidget(editor->widget());
    editor->focusTarget()->setAccessibleName(field.label);
    if (!field.help.isEmpty()) {
        editor->focusTarget()->setAccessibleDescription(field.help);
        editor->widget()->setToolTip(field.help);
    }
    m_editors << editor;
    m_byId.insert(field.id, editor);
    connect(editor, &FieldEditor::stepStarting, this, &ActionForm::stepStarting);
    m_blocks.insert(field.id, block);
    if (auto *partners = qobject_cast<PartnersEditor *>(editor)) {
        m_partners = partners;
        connect(editor, &FieldEditor::edited, this, [this] { Q_EMIT partnersEdited(); });
    } else {
        connect(editor, &FieldEditor::edited, this, [this, id = field.id](bool typing) {
            updateCompanions();
            if (!typing) { // a choice changed: the editors that depend on it follow
                const QJsonObject now = values();
                for (FieldEditor *other : std::as_const(m_editors))
                    other->followValues(now);
            }
            Q_EMIT valuesEdited(id, typing);
        });
    }

    // Companions live inside the block of the field they qualify.
    for (const QString &companionId : {field.estimateField, field.otherField}) {
        if (companionId.isEmpty())
            continue;
        const auto companion = m_program.field(companionId);
        if (!companion)
            continue;
        auto *holder = new QWidget(block);
        auto *hv = new QVBoxLayout(holder);
        hv->setContentsMargins(companionId == field.otherField ? 16 : 0, 0, 0, 0);
        if (QWidget *inner = addField(*companion, holder))
            hv->addWidget(inner);
        v->addWidget(holder);
        m_blocks.insert(companionId, holder);
    }
    if (!field.help.isEmpty())
        v->addWidget(makeHelp(field.help, block));
    return block;
}

void ActionForm::setPartners(const QList<core::Partner> &partners)
{
    if (m_partners) {
        m_partners->setPartners(partners);
        m_partners->setPartnerUuids(m_action.partnerUuids);
    }
}

void ActionForm::setAction(const core::Action &action, const core::Period &period, bool editable)
{
    // Another action: the lists' filters start empty (a filter typed for one action
    // hid entries of the next).
    if (action.uuid != m_action.uuid)
        for (CheckList *list : findChildren<CheckList *>())
            list->filterField()->clear();
    m_action = action;
    m_heading->setText(tr("%1 %2").arg(m_program.recordLabel()).arg(action.position + 1));
    for (FieldEditor *editor : std::as_const(m_editors)) {
        const QSignalBlocker block(editor);
        if (editor == m_partners)
            m_partners->setPartnerUuids(action.partnerUuids);
        else
            editor->setValue(action.values.value(editor->field().id));
        editor->setEditable(editable);
        editor->followValues(action.values);
        if (auto *date = qobject_cast<OptionalDateEdit *>(editor->widget()))
            date->setSuggestedDate(period.firstDay());
    }
    updateCompanions();
}

QJsonObject ActionForm::values() const
{
    QJsonObject values = m_action.values;
    for (FieldEditor *editor : m_editors) {
        if (editor == m_partners)
            continue;
        const QString &id = editor->field().id;
        const QJsonValue v = editor->value();
        if (v.isUndefined())
            values.remove(id);
        else
            values.insert(id, v);
    }
    // An "Outro" text only counts while its value is chosen.
    for (const core::FieldDefinition &field : m_program.fields())
        if (!field.otherField.isEmpty() && !containsCode(values.value(field.id), field.otherValue))
            values.remove(field.otherField);
    return values;
}

QStringList ActionForm::partnerUuids() const
{
    return m_partners ? m_partners->partnerUuids() : m_action.partnerUuids;
}

void ActionForm::updateCompanions()
{
    for (const core::FieldDefinition &field : m_program.fields()) {
        if (field.otherField.isEmpty())
            continue;
        FieldEditor *owner = m_byId.value(field.id);
        QWidget *holder = m_blocks.value(field.otherField);
        if (owner && holder)
            holder->setVisible(containsCode(owner->value(), field.otherValue));
    }
}

QWidget *ActionForm::fieldWidget(const QString &fieldId) const
{
    FieldEditor *editor = m_byId.value(fieldId);
    return editor ? editor->focusTarget() : nullptr;
}

QWidget *ActionForm::fieldBlock(const QString &fieldId) const
{
    return m_blocks.value(fieldId);
}

bool ActionForm::focusField(const QString &fieldId)
{
    FieldEditor *editor = m_byId.value(fieldId);
    if (!editor)
        return false;
    if (QWidget *holder = m_blocks.value(fieldId))
        holder->setVisible(true);
    editor->focusTarget()->setFocus(Qt::OtherFocusReason);
    return true;
}

} // namespace mobiliza::ui
