#include "app/ui/editor/field_editors.h"
#include "app/ui/editor/field_editors_p.h"

#include "app/ui/editor/optional_date_edit.h"
#include "core/util/text.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QIntValidator>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QVBoxLayout>

#include <cmath>

namespace mobiliza::ui {

// ------------------------------------------------------------------ CheckList

CheckList::CheckList(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(3);
    m_filter = new QLineEdit(this);
    m_filter->setPlaceholderText(tr("Filter the list…"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setAccessibleName(tr("Filter"));
    m_list = new QListWidget(this);
    m_list->setUniformItemSizes(true);
    m_list->setMinimumHeight(110);
    m_list->setMaximumHeight(170);
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_summary->setStyleSheet(QStringLiteral("color: #1f5f8b;"));
    m_empty = new QLabel(this);
    m_empty->setWordWrap(true);
    m_empty->setStyleSheet(QStringLiteral("color: #4a5a6a;"));
    m_empty->hide();
    layout->addWidget(m_filter);
    layout->addWidget(m_list);
    layout->addWidget(m_summary);
    layout->addWidget(m_empty);
    setFocusProxy(m_filter);

    connect(m_filter, &QLineEdit::textChanged, this, &CheckList::applyFilter);
    // Down from the filter goes into the list; Space there toggles the item.
    connect(m_filter, &QLineEdit::returnPressed, this, [this] {
        for (int i = 0; i < m_list->count(); ++i)
            if (!m_list->item(i)->isHidden()) {
                m_list->setCurrentRow(i);
                m_list->setFocus();
                return;
            }
    });
    connect(m_list, &QListWidget::itemChanged, this, [this] {
        updateSummary();
        Q_EMIT checkedChanged();
    });
    updateSummary();
}

void CheckList::setItems(const QList<Item> &items)
{
    const QStringList checked = checkedKeys();
    const QSignalBlocker block(m_list);
    m_list->clear();
    for (const Item &it : items) {
        auto *item = new QListWidgetItem(it.label, m_list);
        item->setData(Qt::UserRole, it.key);
        item->setToolTip(it.tooltip.isEmpty() ? it.label : it.tooltip);
        item->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled | Qt::ItemIsSelectable);
        item->setCheckState(checked.contains(it.key) ? Qt::Checked : Qt::Unchecked);
    }
    m_filter->setVisible(items.size() > 6);
    m_list->setVisible(!items.isEmpty());
    // Tab into the list reaches what is shown: the filter, else the list, else nothing
    // (a hidden proxy kept the focus where it was: Tab stopped on the field before).
    setFocusProxy(items.size() > 6 ? static_cast<QWidget *>(m_filter)
                                   : (items.isEmpty() ? nullptr : static_cast<QWidget *>(m_list)));
    m_empty->setVisible(items.isEmpty() && !m_empty->text().isEmpty());
    applyFilter();
    updateSummary();
}

QStringList CheckList::checkedKeys() const
{
    QStringList keys;
    for (int i = 0; i < m_list->count(); ++i)
        if (m_list->item(i)->checkState() == Qt::Checked)
            keys << m_list->item(i)->data(Qt::UserRole).toString();
    return keys;
}

void CheckList::setCheckedKeys(const QStringList &keys)
{
    const QSignalBlocker block(m_list);
    for (int i = 0; i < m_list->count(); ++i) {
        QListWidgetItem *item = m_list->item(i);
        item->setCheckState(keys.contains(item->data(Qt::UserRole).toString()) ? Qt::Checked : Qt::Unchecked);
    }
    updateSummary();
}

void CheckList::setPlaceholder(const QString &text)
{
    m_empty->setText(text);
    m_empty->setVisible(m_list->count() == 0 && !text.isEmpty());
}

void CheckList::setEditable(bool editable)
{
    m_filter->setEnabled(editable);
    for (int i = 0; i < m_list->count(); ++i) {
        QListWidgetItem *item = m_list->item(i);
        const QSignalBlocker block(m_list);
        item->setFlags(editable ? (item->flags() | Qt::ItemIsUserCheckable)
                                : (item->flags() & ~Qt::ItemIsUserCheckable));
    }
}

void CheckList::applyFilter()
{
    const QString needle = core::foldForSearch(m_filter->text());
    QListWidgetItem *firstShown = nullptr;
    for (int i = 0; i < m_list->count(); ++i) {
        QListWidgetItem *item = m_list->item(i);
        item->setHidden(!needle.isEmpty() && !core::foldForSearch(item->text()).contains(needle));
        if (!firstShown && !item->isHidden())
            firstShown = item;
    }
    // Space ticks the current item: never one the filter hides.
    if (QListWidgetItem *current = m_list->currentItem(); !current || current->isHidden()) {
        if (firstShown)
            m_list->setCurrentItem(firstShown, QItemSelectionModel::NoUpdate);
        else
            m_list->setCurrentRow(-1);
    }
}

void CheckList::updateSummary()
{
    QStringList labels;
    for (int i = 0; i < m_list->count(); ++i)
        if (m_list->item(i)->checkState() == Qt::Checked)
            labels << m_list->item(i)->text();
    m_summary->setText(labels.isEmpty() ? QString() : tr("Chosen: %1").arg(labels.join(QStringLiteral("; "))));
    m_summary->setVisible(!labels.isEmpty());
}

namespace {

// ------------------------------------------------------------------ editors

class TextEditor final : public FieldEditor
{
public:
    TextEditor(const core::FieldDefinition &f, QWidget *w, QObject *parent) : FieldEditor(f, parent)
    {
        m_edit = new QLineEdit(w);
        if (f.maxLength > 0)
            m_edit->setMaxLength(f.maxLength);
        connect(m_edit, &QLineEdit::textEdited, this, [this] { Q_EMIT edited(true); });
    }
    QWidget *widget() const override { return m_edit; }
    QWidget *focusTarget() const override { return m_edit; }
    QJsonValue value() const override
    {
        return m_edit->text().isEmpty() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(m_edit->text());
    }
    void setValue(const QJsonValue &v) override
    {
        const QString text = v.isString() ? v.toString() : (v.isDouble() ? QString::number(v.toDouble()) : QString());
        if (text != m_edit->text()) {
            m_edit->setText(text);
            if (!m_edit->hasFocus())
                m_edit->setCursorPosition(0);
        }
    }
    void setEditable(bool e) override { m_edit->setReadOnly(!e); }

private:
    QLineEdit *m_edit = nullptr;
};

class LongTextEditor final : public FieldEditor
{
public:
    LongTextEditor(const core::FieldDefinition &f, QWidget *w, QObject *parent) : FieldEditor(f, parent)
    {
        m_edit = new QPlainTextEdit(w);
        m_edit->setTabChangesFocus(true); // keyboard-only: Tab leaves the box
        m_edit->setMinimumHeight(72);
        m_edit->setMaximumHeight(f.maxLength > 2000 ? 160 : 100);
        connect(m_edit, &QPlainTextEdit::textChanged, this, [this] {
            if (!m_setting)
                Q_EMIT edited(true);
        });
    }
    QWidget *widget() const override { return m_edit; }
    QWidget *focusTarget() const override { return m_edit; }
    QJsonValue value() const override
    {
        const QString text = m_edit->toPlainText();
        return text.isEmpty() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(text);
    }
    void setValue(const QJsonValue &v) override
    {
        const QString text = v.isString() ? v.toString() : QString();
        if (text == m_edit->toPlainText())
            return;
        m_setting = true;
        m_edit->setPlainText(text);
        m_setting = false;
    }
    void setEditable(bool e) override { m_edit->setReadOnly(!e); }

private:
    QPlainTextEdit *m_edit = nullptr;
    bool m_setting = false;
};

class DateEditor final : public FieldEditor
{
public:
    DateEditor(const core::FieldDefinition &f, QWidget *w, QObject *parent) : FieldEditor(f, parent)
    {
        m_edit = new OptionalDateEdit(w);
        m_edit->setMaximumWidth(160);
        connect(m_edit, &OptionalDateEdit::dateChanged, this, [this] {
            if (!m_setting)
                Q_EMIT edited(true);
        });
    }
    QWidget *widget() const override { return m_edit; }
    QWidget *focusTarget() const override { return m_edit; }
    QJsonValue value() const override
    {
        const QDate d = m_edit->value();
        return d.isValid() ? QJsonValue(d.toString(Qt::ISODate)) : QJsonValue(QJsonValue::Undefined);
    }
    void setValue(const QJsonValue &v) override
    {
        m_setting = true;
        m_edit->setValue(QDate::fromString(v.toString(), Qt::ISODate));
        m_setting = false;
    }
    void setEditable(bool e) override { m_edit->setReadOnly(!e); }
    OptionalDateEdit *edit() const { return m_edit; }

private:
    OptionalDateEdit *m_edit = nullptr;
    bool m_setting = false;
};

class IntegerEditor final : public FieldEditor
{
public:
    IntegerEditor(const core::FieldDefinition &f, QWidget *w, QObject *parent) : FieldEditor(f, parent)
    {
        m_edit = new QLineEdit(w);
        const int lo = f.min ? int(*f.min) : 0;
        const int hi = f.max ? int(*f.max) : 999999999;
        m_edit->setValidator(new QIntValidator(qMin(lo, 0), hi, m_edit));
        m_edit->setMaximumWidth(160);
        m_edit->setAlignment(Qt::AlignRight);
        connect(m_edit, &QLineEdit::textEdited, this, [this] { Q_EMIT edited(true); });
    }
    QWidget *widget() const override { return m_edit; }
    QWidget *focusTarget() const override { return m_edit; }
    QJsonValue value() const override
    {
        bool ok = false;
        const qlonglong n = m_edit->text().trimmed().toLongLong(&ok);
        return ok ? QJsonValue(double(n)) : QJsonValue(QJsonValue::Undefined);
    }
    void setValue(const QJsonValue &v) override
    {
        const QString text = v.isDouble() ? QString::number(qlonglong(std::llround(v.toDouble()))) : QString();
        if (text != m_edit->text())
            m_edit->setText(text);
    }
    void setEditable(bool e) override { m_edit->setReadOnly(!e); }

private:
    QLineEdit *m_edit = nullptr;
};

class BooleanEditor final : public FieldEditor
{
public:
    BooleanEditor(const core::FieldDefinition &f, QWidget *w, QObject *parent) : FieldEditor(f, parent)
    {
        m_box = new QCheckBox(f.label, w);
        connect(m_box, &QCheckBox::toggled, this, [this] { Q_EMIT edited(false); });
    }
    QWidget *widget() const override { return m_box; }
    QWidget *focusTarget() const override { return m_box; }
    QJsonValue value() const override { return m_box->isChecked() ? QJsonValue(true) : QJsonValue(false); }
    void setValue(const QJsonValue &v) override
    {
        const QSignalBlocker block(m_box);
        m_box->setChecked(v.toBool());
    }
    void setEditable(bool e) override { m_box->setEnabled(e); }

private:
    QCheckBox *m_box = nullptr;
};

// One code from a list (a catalogue, the states): "— choose —" first; a code the list does
// not hold (inactive, unknown) stays visible rather than being dropped.
class ComboEditor final : public FieldEditor
{
public:
    ComboEditor(const core::FieldDefinition &f, const QList<std::pair<QString, QString>> &items, int maxWidth,
                QWidget *w, QObject *parent)
        : FieldEditor(f, parent)
    {
        m_combo = new QComboBox(w);
        m_combo->setMaximumWidth(maxWidth);
        m_combo->addItem(FieldEditor::tr("— choose —"), QString());
        for (const auto &[label, code] : items)
            m_combo->addItem(label, code);
        connect(m_combo, &QComboBox::currentIndexChanged, this, [this] {
            if (!m_setting)
                Q_EMIT edited(false);
        });
    }
    QWidget *widget() const override { return m_combo; }
    QWidget *focusTarget() const override { return m_combo; }
    QJsonValue value() const override
    {
        const QString code = m_combo->currentData().toString();
        return code.isEmpty() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(code);
    }
    void setValue(const QJsonValue &v) override
    {
        m_setting = true;
        int index = m_combo->findData(v.toString());
        if (index < 0 && v.isString() && !v.toString().isEmpty()) {
            m_combo->addItem(v.toString(), v.toString());
            index = m_combo->count() - 1;
        }
        m_combo->setCurrentIndex(qMax(0, index));
        m_setting = false;
    }
    void setEditable(bool e) override { m_combo->setEnabled(e); }

private:
    QComboBox *m_combo = nullptr;
    bool m_setting = false;
};

class MultiChoiceEditor final : public FieldEditor
{
public:
    MultiChoiceEditor(const core::FieldDefinition &f, const core::ProgramDefinition &program, QWidget *w,
                      QObject *parent)
        : FieldEditor(f, parent)
    {
        m_list = new CheckList(w);
        QList<CheckList::Item> items;
        for (const auto &entry : program.catalogue(f.catalogue))
            if (entry.active)
                items << CheckList::Item{entry.code, entry.label, {}};
        m_list->setItems(items);
        connect(m_list, &CheckList::checkedChanged, this, [this] { Q_EMIT edited(false); });
    }
    QWidget *widget() const override { return m_list; }
    QWidget *focusTarget() const override
    {
        return !m_list->filterField()->isHidden() ? static_cast<QWidget *>(m_list->filterField()) : m_list->list();
    }
    QJsonValue value() const override
    {
        const QStringList keys = m_list->checkedKeys();
        return keys.isEmpty() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(QJsonArray::fromStringList(keys));
    }
    void setValue(const QJsonValue &v) override
    {
        QStringList keys;
        for (const auto &item : v.toArray())
            keys << item.toString();
        m_list->setCheckedKeys(keys);
    }
    void setEditable(bool e) override { m_list->setEditable(e); }

private:
    CheckList *m_list = nullptr;
};

// "lat, lon" in decimal degrees; text that does not parse is kept as typed so the
// validation engine reports it.
class CoordinatesEditor final : public FieldEditor
{
public:
    CoordinatesEditor(const core::FieldDefinition &f, QWidget *w, QObject *parent) : FieldEditor(f, parent)
    {
        m_edit = new QLineEdit(w);
        m_edit->setPlaceholderText(FieldEditor::tr("latitude, longitude — e.g. -19.9191, -43.9386"));
        m_edit->setMaximumWidth(320);
        connect(m_edit, &QLineEdit::textEdited, this, [this] { Q_EMIT edited(true); });
    }
    QWidget *widget() const override { return m_edit; }
    QWidget *focusTarget() const override { return m_edit; }
    QJsonValue value() const override
    {
        const QString text = m_edit->text().trimmed();
        if (text.isEmpty())
            return QJsonValue(QJsonValue::Undefined);
        QString normalized = text;
        normalized.replace(QLatin1Char(';'), QLatin1Char(' '));
        QStringList parts = normalized.split(QRegularExpression(QStringLiteral("\\s*,\\s+|\\s+")),
                                             Qt::SkipEmptyParts);
        if (parts.size() == 2) {
            bool okLat = false, okLon = false;
            const double lat = QString(parts.at(0)).replace(QLatin1Char(','), QLatin1Char('.')).toDouble(&okLat);
            const double lon = QString(parts.at(1)).replace(QLatin1Char(','), QLatin1Char('.')).toDouble(&okLon);
            if (okLat && okLon)
                return QJsonObject{{QStringLiteral("lat"), lat}, {QStringLiteral("lon"), lon}};
        }
        return text;
    }
    void setValue(const QJsonValue &v) override
    {
        QString text;
        if (v.isObject())
            text = QStringLiteral("%1, %2")
                       .arg(v.toObject().value(QStringLiteral("lat")).toDouble(), 0, 'f', 6)
                       .arg(v.toObject().value(QStringLiteral("lon")).toDouble(), 0, 'f', 6);
        else if (v.isString())
            text = v.toString();
        if (text != m_edit->text() && !m_edit->hasFocus())
            m_edit->setText(text);
    }
    void setEditable(bool e) override { m_edit->setReadOnly(!e); }

private:
    QLineEdit *m_edit = nullptr;
};

} // namespace

FieldEditor *createComboEditor(const core::FieldDefinition &field,
                               const QList<std::pair<QString, QString>> &items, int maxWidth,
                               QWidget *parentWidget, QObject *parent)
{
    return new ComboEditor(field, items, maxWidth, parentWidget, parent);
}

QList<std::pair<QString, QString>> catalogueItems(const core::ProgramDefinition &program,
                                                  const core::FieldDefinition &field)
{
    QList<std::pair<QString, QString>> items;
    for (const auto &entry : program.catalogue(field.catalogue))
        if (entry.active)
            items << std::pair{entry.label, entry.code};
    return items;
}

// ------------------------------------------------------------------ partners

PartnersEditor::PartnersEditor(const core::FieldDefinition &field, QWidget *parentWidget, QObject *parent)
    : FieldEditor(field, parent)
{
    m_list = new CheckList(parentWidget);
    m_list->setPlaceholder(tr("No partner in the register yet. Add them in Partners (Ctrl+2); they "
                              "will appear here to be linked to the action."));
    connect(m_list, &CheckList::checkedChanged, this, [this] { Q_EMIT edited(false); });
}

void PartnersEditor::setPartners(const QList<core::Partner> &partners)
{
    QList<CheckList::Item> items;
    for (const core::Partner &p : partners)
        items << CheckList::Item{p.uuid, p.name, {}};
    m_list->setItems(items);
}

void PartnersEditor::setPartnerUuids(const QStringList &uuids)
{
    m_list->setCheckedKeys(uuids);
}

QJsonValue PartnersEditor::value() const
{
    return QJsonValue(QJsonValue::Undefined); // partners live in Action::partnerUuids, not in values
}

void PartnersEditor::setValue(const QJsonValue &)
{
}

// ------------------------------------------------------------------ factory

FieldEditor *FieldEditor::create(const core::FieldDefinition &field, const core::ProgramDefinition &program,
                                 QWidget *w, QObject *parent)
{
    namespace t = core::field_type;
    const QString &type = field.type;
    if (type == t::Text || type == t::Municipality || type == t::HealthRegion)
        return new TextEditor(field, w, parent);
    if (type == t::LongText)
        return new LongTextEditor(field, w, parent);
    if (type == t::Date)
        return new DateEditor(field, w, parent);
    if (type == t::Integer)
        return new IntegerEditor(field, w, parent);
    if (type == t::Boolean)
        return new BooleanEditor(field, w, parent);
    if (type == t::Choice)
        return createComboEditor(field, catalogueItems(program, field), 460, w, parent);
    if (type == t::MultiChoice)
        return new MultiChoiceEditor(field, program, w, parent);
    if (type == t::Coordinates)
        return new CoordinatesEditor(field, w, parent);
    if (type == t::Partners)
        return new PartnersEditor(field, w, parent);
    if (type == t::Uf)
        return createUfEditor(field, w, parent);
    if (type == t::Municipalities)
        return createMunicipalitiesEditor(field, program, w, parent);
    if (type == t::List)
        return createListEditor(field, program, w, parent);
    return nullptr;
}

} // namespace mobiliza::ui
