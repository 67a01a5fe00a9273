#include "app/ui/pages/partners_page.h"

#include "app/ui/models/partner_list_model.h"
#include "app/ui/pages/page_header.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QVBoxLayout>

namespace mobiliza::ui {

PartnersPage::PartnersPage(const AppContext &context, QWidget *parent) : QWidget(parent), m_context(context)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(20, 16, 20, 16);
    layout->addWidget(makePageHeader(
        tr("Health partners"),
        tr("People, organizations and groups that work with the health secretariat on mobilization: "
           "mapped, sensitized, active or inactive."),
        this));

    auto *bar = new QHBoxLayout;
    m_search = new QLineEdit(this);
    m_search->setPlaceholderText(tr("Search by name, contact, sector or municipality"));
    m_search->setClearButtonEnabled(true);
    m_search->setAccessibleName(tr("Search partners"));
    bar->addWidget(m_search, 1);
    m_count = new QLabel(this);
    bar->addWidget(m_count);
    layout->addLayout(bar);

    m_model = new PartnerListModel(m_context, this);
    m_filter = new PartnerFilterModel(this);
    m_filter->setSourceModel(m_model);
    m_filter->setSortLocaleAware(true);
    m_table = new QTableView(this);
    m_table->setModel(m_filter);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(PartnerListModel::Name, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(PartnerListModel::Name, QHeaderView::Stretch);
    m_table->setAccessibleName(tr("Partners"));
    layout->addWidget(m_table, 1);

    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_filter->setQuery(text);
        updateCount();
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, &PartnersPage::updateCount);
    updateCount();
}

void PartnersPage::updateCount()
{
    const int shown = m_filter->rowCount();
    const int total = m_model->rowCount();
    m_count->setText(shown == total ? tr("%n partner(s)", nullptr, total)
                                    : tr("%1 of %2 partners").arg(shown).arg(total));
}

} // namespace mobiliza::ui
