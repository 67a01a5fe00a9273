#include "app/ui/pages/panel_page.h"

#include "app/ui/models/report_list_model.h"
#include "app/ui/pages/page_header.h"
#include "core/services/services.h"

#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace mobiliza::ui {

namespace {
QLabel *makeTile(QGridLayout *grid, int column, const QString &caption, QWidget *parent)
{
    auto *box = new QWidget(parent);
    box->setStyleSheet(QStringLiteral("QWidget { background: #eef4f9; border-radius: 6px; }"));
    auto *l = new QVBoxLayout(box);
    auto *value = new QLabel(box);
    QFont f = value->font();
    f.setPointSizeF(f.pointSizeF() * 2.2);
    f.setBold(true);
    value->setFont(f);
    value->setStyleSheet(QStringLiteral("color: #1f5f8b;"));
    auto *cap = new QLabel(caption, box);
    cap->setWordWrap(true);
    l->addWidget(value);
    l->addWidget(cap);
    grid->addWidget(box, 0, column);
    return value;
}
} // namespace

PanelPage::PanelPage(const AppContext &context, QWidget *parent) : QWidget(parent), m_context(context)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(20, 16, 20, 16);
    layout->addWidget(makePageHeader(tr("Panel"),
                                     tr("The last 12 months of this municipality at a glance."), this));
    auto *grid = new QGridLayout;
    m_coverage = makeTile(grid, 0, tr("months of the last 12 concluded or sent"), this);
    m_actions = makeTile(grid, 1, tr("actions recorded in the last 12 months"), this);
    m_photos = makeTile(grid, 2, tr("proof photos in the last 12 months"), this);
    layout->addLayout(grid);

    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #a01818; padding: 8px;"));
    m_error->hide();
    layout->addWidget(m_error);

    m_months = new QTableWidget(this);
    m_months->setColumnCount(3);
    m_months->setHorizontalHeaderLabels({tr("Month"), tr("State"), tr("Actions")});
    m_months->verticalHeader()->hide();
    m_months->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_months->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_months->horizontalHeader()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_months->setAlternatingRowColors(true);
    m_months->setShowGrid(false);
    m_months->setEditTriggers(QAbstractItemView::NoEditTriggers);
    layout->addWidget(m_months, 1);

    auto &notifier = m_context.services->notifier();
    connect(&notifier, &core::Notifier::reportChanged, this, &PanelPage::reload);
    connect(&notifier, &core::Notifier::reportsReset, this, &PanelPage::reload);
    reload();
}

void PanelPage::reload()
{
    const core::Period current = core::Period::fromDate(m_context.clock->today());
    QList<core::Period> last12;
    for (core::Period p = current.previous(); last12.size() < 12; p = p.previous())
        last12 << p;

    const auto listed = m_context.services->reports().summaries();
    m_error->setVisible(!listed);
    if (!listed)
        m_error->setText(tr("The reports could not be read: %1").arg(listed.error().message));
    const QList<core::ReportSummary> summaries = listed ? listed.value() : QList<core::ReportSummary>{};
    int covered = 0, actions = 0, photos = 0;
    m_months->setRowCount(int(last12.size()));
    for (int row = 0; row < last12.size(); ++row) {
        const core::Period p = last12.at(row);
        const core::ReportSummary *found = nullptr;
        for (const auto &s : summaries)
            if (s.period == p)
                found = &s;
        QString state = tr("not started");
        QString count = QStringLiteral("—");
        if (found) {
            state = core::reportStateLabel(found->state);
            count = QString::number(found->actionCount);
            if (found->state != core::ReportState::Draft && found->state != core::ReportState::Returned)
                ++covered;
            actions += found->actionCount;
            photos += found->photoCount;
        }
        m_months->setItem(row, 0, new QTableWidgetItem(monthTitle(p)));
        m_months->setItem(row, 1, new QTableWidgetItem(state));
        auto *c = new QTableWidgetItem(count);
        c->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_months->setItem(row, 2, c);
    }
    const QLocale locale;
    m_coverage->setText(tr("%1 of 12").arg(covered));
    m_actions->setText(locale.toString(actions));
    m_photos->setText(locale.toString(photos));
}

} // namespace mobiliza::ui
