#include "app/ui/regional/partners_region_page.h"
#include "app/ui/column_fit.h"

#include "app/ui/dialogs.h"
#include "app/ui/models/partner_list_model.h"
#include "app/ui/pages/page_header.h"
#include "app/ui/regional/partners_region_model.h"
#include "core/outputs/export_job.h"
#include "core/services/services.h"

#include <QComboBox>
#include <QDir>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSet>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace mobiliza::ui {

namespace {

const QString kSectors = QStringLiteral("setores_parceiros");

QComboBox *filterBox(const QString &accessibleName, const QString &all, QWidget *parent)
{
    auto *box = new QComboBox(parent);
    box->setAccessibleName(accessibleName);
    box->addItem(all, QString());
    box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    return box;
}

} // namespace

PartnersRegionPage::PartnersRegionPage(const AppContext &context, Dialogs &dialogs, QWidget *parent)
    : QWidget(parent), m_context(context), m_dialogs(dialogs), m_copy(*context.services, context.program)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(20, 16, 20, 16);
    layout->addWidget(makePageHeader(
        tr("Partners of the region"),
        tr("The partners of the URS's municipalities, as each municipality registers them. Read only, and without "
           "personal contacts (LGPD): they come with each synchronization."),
        this));

    m_error = makeErrorLine(this);
    layout->addWidget(m_error);

    auto *bar = new QHBoxLayout;
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("regionPartnersSearch"));
    m_search->setPlaceholderText(tr("Search by name, municipality, sector or CNPJ"));
    m_search->setClearButtonEnabled(true);
    m_search->setAccessibleName(tr("Search the partners of the region"));
    bar->addWidget(m_search, 1);
    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("regionPartnersCount"));
    bar->addWidget(m_count);
    layout->addLayout(bar);

    auto *filters = new QHBoxLayout;
    m_municipality = filterBox(tr("Filter by municipality"), tr("All municipalities"), this);
    m_kind = filterBox(tr("Filter by kind"), tr("All kinds"), this);
    for (auto kind : {core::PartnerKind::Person, core::PartnerKind::Organization, core::PartnerKind::InformalGroup})
        m_kind->addItem(partnerKindLabel(kind), core::partnerKindKey(kind));
    m_sector = filterBox(tr("Filter by sector"), tr("All sectors"), this);
    for (const auto &entry : m_context.program.catalogue(kSectors))
        m_sector->addItem(entry.label, entry.code);
    m_stage = filterBox(tr("Filter by stage"), tr("All stages"), this);
    for (auto stage : {core::PartnerStage::Mapped, core::PartnerStage::Sensitized, core::PartnerStage::Active,
                       core::PartnerStage::Inactive})
        m_stage->addItem(partnerStageLabel(stage), core::partnerStageKey(stage));
    for (QComboBox *box : {m_municipality, m_kind, m_sector, m_stage})
        filters->addWidget(box);
    filters->addStretch(1);
    layout->addLayout(filters);

    m_empty = new QLabel(this);
    m_empty->setObjectName(QStringLiteral("regionPartnersEmpty"));
    m_empty->setWordWrap(true);
    m_empty->setTextFormat(Qt::PlainText);
    m_empty->setStyleSheet(QStringLiteral("QLabel { background: #f4f7fa; border: 1px solid #d5dee7; "
                                          "border-radius: 4px; padding: 10px 12px; color: #1d2a36; }"));
    m_empty->hide();
    layout->addWidget(m_empty);

    m_model = new PartnersRegionModel(m_copy, this);
    m_sorted = new QSortFilterProxyModel(this);
    m_sorted->setSourceModel(m_model);
    m_sorted->setSortRole(PartnersRegionModel::SortRole);
    m_sorted->setSortLocaleAware(true);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("regionPartnersTable"));
    m_table->setModel(m_sorted);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(PartnersRegionModel::Municipality, Qt::AscendingOrder); // stable: by name within
    setUpListTable(m_table);
    // The name takes what is left; the other columns fit their content, and give way on a small
    // screen so the name stays readable without scrolling sideways.
    m_table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    new ColumnFit(m_table, PartnersRegionModel::Name, 240);
    m_table->setAccessibleName(tr("Partners of the region"));
    layout->addWidget(m_table, 1);

    auto *buttons = new QHBoxLayout;
    auto *note = new QLabel(tr("Spreadsheets of the list as filtered, for Excel, with the municipality and "
                               "without personal contacts."),
                            this);
    note->setWordWrap(true);
    buttons->addWidget(note, 1);
    m_csv = new QPushButton(tr("Export CSV…"), this);
    m_csv->setObjectName(QStringLiteral("regionPartnersCsv"));
    m_csv->setToolTip(tr("A CSV file for Excel (pt-BR) of the partners shown"));
    m_xlsx = new QPushButton(tr("Export XLSX…"), this);
    m_xlsx->setObjectName(QStringLiteral("regionPartnersXlsx"));
    m_xlsx->setToolTip(tr("An Excel workbook of the partners shown"));
    buttons->addWidget(m_csv);
    buttons->addWidget(m_xlsx);
    layout->addLayout(buttons);

    connect(m_search, &QLineEdit::textChanged, this, [this] { reload(); });
    for (QComboBox *box : {m_municipality, m_kind, m_sector, m_stage})
        connect(box, &QComboBox::currentIndexChanged, this, [this] { reload(); });
    connect(m_csv, &QPushButton::clicked, this, &PartnersRegionPage::exportCsv);
    connect(m_xlsx, &QPushButton::clicked, this, &PartnersRegionPage::exportXlsx);
    // A hidden page does no work: a change is read when the page is shown.
    connect(&m_context.services->notifier(), &core::Notifier::regionPartnersChanged, this, [this] {
        m_dirty = true;
        if (isVisible())
            reload();
    });
}

PartnersRegionPage::~PartnersRegionPage() = default;

void PartnersRegionPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_dirty)
        reload();
}

core::RegionPartnerFilter PartnersRegionPage::filter() const
{
    core::RegionPartnerFilter f;
    f.text = m_search->text();
    f.municipality = m_municipality->currentData().toString();
    f.kind = m_kind->currentData().toString();
    f.sector = m_sector->currentData().toString();
    f.stage = m_stage->currentData().toString();
    return f;
}

void PartnersRegionPage::reload()
{
    if (m_dirty) {
        // The copy changed: read it once; the filters then work on it in memory.
        m_dirty = false;
        auto indexed = m_copy.index();
        m_error->setVisible(!indexed);
        if (!indexed)
            m_error->setText(tr("The partners could not be read: %1").arg(indexed.error().message));
        m_index = indexed ? indexed.value() : core::RegionPartnerIndex();
        rebuildMunicipalities();
    }
    ++m_reloads;
    const QString current = m_table->currentIndex().data(PartnersRegionModel::UuidRole).toString();
    m_model->setPartners(m_index.filter(filter()));
    if (const int row = m_model->rowOf(current); row >= 0)
        m_table->setCurrentIndex(m_sorted->mapFromSource(m_model->index(row, 0)));
    updateState();
}

void PartnersRegionPage::rebuildMunicipalities()
{
    const QString current = m_municipality->currentData().toString();
    QSet<QString> codes;
    for (const core::RegionPartner &p : m_index.all())
        codes.insert(p.municipality);
    if (!current.isEmpty())
        codes.insert(current);
    QList<QPair<QString, QString>> entries; // name, code
    for (const QString &code : std::as_const(codes))
        entries.append({m_copy.municipalityName(code), code});
    std::sort(entries.begin(), entries.end(),
              [](const auto &a, const auto &b) { return QString::localeAwareCompare(a.first, b.first) < 0; });
    const QSignalBlocker blocker(m_municipality);
    while (m_municipality->count() > 1)
        m_municipality->removeItem(1);
    for (const auto &[name, code] : std::as_const(entries))
        m_municipality->addItem(name, code);
    m_municipality->setCurrentIndex(std::max(0, m_municipality->findData(current)));
}

void PartnersRegionPage::updateState()
{
    const QList<core::RegionPartner> &shown = m_model->partners();
    const int total = m_index.size();
    const bool filtered = int(shown.size()) != total;
    m_count->setText(filtered ? tr("%1 (of %n in the region)", nullptr, total).arg(core::regionPartnersSummary(shown))
                              : core::regionPartnersSummary(shown));
    if (total == 0) {
        m_empty->setText(tr("No partners have arrived yet. Synchronize to receive the partners of the "
                            "municipalities (Synchronization page); each municipality's register comes without "
                            "personal contacts."));
    } else if (shown.isEmpty()) {
        m_empty->setText(tr("No partner matches these filters. Clear the search or choose “All” in the lists."));
    }
    m_empty->setVisible(total == 0 || shown.isEmpty());
    m_table->setVisible(total > 0);
    const bool canExport = !shown.isEmpty() && !m_job;
    m_csv->setEnabled(canExport);
    m_xlsx->setEnabled(canExport);
}

bool PartnersRegionPage::exportCsv()
{
    return exportTo(false);
}

bool PartnersRegionPage::exportXlsx()
{
    return exportTo(true);
}

bool PartnersRegionPage::exportTo(bool xlsx)
{
    if (m_job || m_model->rowCount() == 0)
        return false;
    const QString title = xlsx ? tr("Export the partners of the region (XLSX)")
                               : tr("Export the partners of the region (CSV)");
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QDate today = m_context.clock ? m_context.clock->today() : QDate::currentDate();
    const QString suggested = QDir(folder.isEmpty() ? QDir::homePath() : folder)
                                  .filePath(QStringLiteral("parceiros-da-regiao-%1.%2")
                                                .arg(today.toString(Qt::ISODate), xlsx ? QStringLiteral("xlsx")
                                                                                       : QStringLiteral("csv")));
    const QString path = m_dialogs.saveFileName(this, title, suggested,
                                                xlsx ? tr("Excel workbook (*.xlsx)") : tr("CSV for Excel (*.csv)"));
    if (path.isEmpty())
        return false;
    // In the order shown, without contacts (the register's writers, core/outputs).
    QList<core::RegionPartner> rows;
    for (int r = 0; r < m_sorted->rowCount(); ++r)
        rows << m_model->partners().at(m_sorted->mapToSource(m_sorted->index(r, 0)).row());
    const int count = int(rows.size());
    m_job = xlsx ? core::ExportJob::partnersXlsx(core::asPartners(rows), m_context.program, m_context.reference,
                                                 path, {}, this)
                 : core::ExportJob::partnersCsv(core::asPartners(rows), m_context.program, m_context.reference,
                                                path, {}, this);
    connect(m_job, &core::ExportJob::finished, this, [this, title, count](const core::Status &status, const QString &file) {
        if (m_job)
            m_job->deleteLater();
        m_job = nullptr;
        updateState();
        if (!status) {
            m_dialogs.warn(this, title,
                           tr("The file was not written: %1 Choose another folder, such as Documents, and try again.")
                               .arg(status.error().message));
            return;
        }
        m_dialogs.inform(this, title,
                         tr("%n partner(s) saved to %1.", nullptr, count).arg(QDir::toNativeSeparators(file)));
    });
    m_job->start();
    updateState();
    return true;
}

} // namespace mobiliza::ui
