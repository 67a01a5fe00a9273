#include "app/ui/partners/municipality_combo.h"

#include "core/util/text.h"

#include <QCompleter>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>

namespace mobiliza::ui {

namespace {
constexpr int CodeRole = Qt::UserRole;
constexpr int FoldedRole = Qt::UserRole + 1;
} // namespace

// The combo's items filtered by the folded text typed (names and old spellings).
class MunicipalitySearchModel : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

    void setQuery(const QString &text)
    {
        m_query = core::foldForSearch(text);
        m_compact = core::foldCompact(text);
        invalidateFilter();
    }

protected:
    bool filterAcceptsRow(int row, const QModelIndex &parent) const override
    {
        if (m_query.isEmpty())
            return true;
        const QString folded = sourceModel()->index(row, 0, parent).data(FoldedRole).toString();
        if (folded.contains(m_query))
            return true;
        QString compact = folded;
        compact.remove(QLatin1Char(' '));
        return !m_compact.isEmpty() && compact.contains(m_compact);
    }

private:
    QString m_query;
    QString m_compact;
};

MunicipalityCombo::MunicipalityCombo(core::ReferenceData reference, QWidget *parent)
    : QComboBox(parent), m_reference(std::move(reference))
{
    setEditable(true);
    setInsertPolicy(QComboBox::NoInsert);
    setMaxVisibleItems(15);
    auto *items = new QStandardItemModel(this);
    for (const auto &m : m_reference.municipalities()) {
        auto *item = new QStandardItem(m.name);
        item->setData(m.ibge, CodeRole);
        QStringList names{m.name};
        names += m.aliases;
        item->setData(core::foldForSearch(names.join(QLatin1Char(' '))), FoldedRole);
        items->appendRow(item);
    }
    setModel(items);

    m_search = new MunicipalitySearchModel(this);
    m_search->setSourceModel(items);
    m_completer = new QCompleter(m_search, this);
    m_completer->setCompletionMode(QCompleter::UnfilteredPopupCompletion);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setMaxVisibleItems(12);
    setCompleter(m_completer);
    connect(lineEdit(), &QLineEdit::textEdited, this, [this](const QString &text) {
        m_search->setQuery(text);
        if (!text.trimmed().isEmpty() && m_search->rowCount() > 0)
            m_completer->complete();
    });
    connect(m_completer, qOverload<const QString &>(&QCompleter::activated), this, [this](const QString &name) {
        const int row = findText(name, Qt::MatchExactly);
        if (row >= 0)
            setCurrentIndex(row);
    });
    setCurrentIndex(-1);
}

QString MunicipalityCombo::code() const
{
    const QString text = currentText().trimmed();
    if (text.isEmpty())
        return {};
    const int current = currentIndex();
    if (current >= 0 && itemText(current) == text)
        return itemData(current, CodeRole).toString();
    const int exact = findText(text, Qt::MatchFixedString);
    if (exact >= 0)
        return itemData(exact, CodeRole).toString();
    // Typed without accents or with an old spelling: accept a single exact match.
    const QString folded = core::foldForSearch(text);
    for (const auto &m : m_reference.searchMunicipalities(text, 5)) {
        if (core::foldForSearch(m.name) == folded)
            return m.ibge;
        for (const auto &alias : m.aliases)
            if (core::foldForSearch(alias) == folded)
                return m.ibge;
    }
    if (m_reference.isValidMunicipalityCode(text))
        return text;
    return {};
}

void MunicipalityCombo::setCode(const QString &ibge)
{
    const int row = ibge.isEmpty() ? -1 : findData(ibge, CodeRole);
    setCurrentIndex(row);
    if (row < 0)
        setEditText(ibge);
}

} // namespace mobiliza::ui
