// "Parceiros da região": the partners of the URS's municipalities, read only,
// from the profile's copy (core::RegionPartners, brought by each synchronization:
// docs/protocol.md §10.6) — with only what BRIEF §7 lets travel: no contact
// person, phone, e-mail or CPF. Filters like the municipal register (search
// text, municipality, kind, sector, stage), counts in words, and the filtered
// list to CSV or XLSX for Excel (written off the UI thread). Without a copy yet,
// the page says what to do. A hidden page does no work: it reloads when shown.
#pragma once

#include "app/ui/app_context.h"
#include "core/outputs/export_job.h"
#include "core/regional/region_partners.h"

#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace mobiliza::ui {

class Dialogs;
class PartnersRegionModel;

class PartnersRegionPage : public QWidget
{
    Q_OBJECT

public:
    PartnersRegionPage(const AppContext &context, Dialogs &dialogs, QWidget *parent = nullptr);
    ~PartnersRegionPage() override;

    // Reads the copy again with the current filters.
    void reload();
    core::RegionPartnerFilter filter() const;

    QLineEdit *searchField() const { return m_search; }
    QComboBox *municipalityFilter() const { return m_municipality; }
    QComboBox *kindFilter() const { return m_kind; }
    QComboBox *sectorFilter() const { return m_sector; }
    QComboBox *stageFilter() const { return m_stage; }
    QLabel *countLabel() const { return m_count; }
    QLabel *emptyLabel() const { return m_empty; }
    QTableView *table() const { return m_table; }
    PartnersRegionModel *model() const { return m_model; }
    QPushButton *csvButton() const { return m_csv; }
    QPushButton *xlsxButton() const { return m_xlsx; }
    // The export in progress (nullptr when none): tests wait for its finished().
    core::ExportJob *exportJob() const { return m_job.data(); }
    int reloads() const { return m_reloads; }

public Q_SLOTS:
    // Asks for a file (the Dialogs seam) and writes the filtered list to it. False
    // when nothing was started (no partner, cancelled, an export running).
    bool exportCsv();
    bool exportXlsx();

protected:
    void showEvent(QShowEvent *event) override;

private:
    bool exportTo(bool xlsx);
    void rebuildMunicipalities();
    void updateState();

    AppContext m_context;
    Dialogs &m_dialogs;
    core::RegionPartners m_copy;
    PartnersRegionModel *m_model = nullptr;
    QSortFilterProxyModel *m_sorted = nullptr;
    QLineEdit *m_search = nullptr;
    QComboBox *m_municipality = nullptr;
    QComboBox *m_kind = nullptr;
    QComboBox *m_sector = nullptr;
    QComboBox *m_stage = nullptr;
    QLabel *m_count = nullptr;
    QLabel *m_empty = nullptr;
    QLabel *m_error = nullptr;
    QTableView *m_table = nullptr;
    QPushButton *m_csv = nullptr;
    QPushButton *m_xlsx = nullptr;
    QPointer<core::ExportJob> m_job;
    core::RegionPartnerIndex m_index; // the copy as last read, whatever the filters
    int m_reloads = 0;
    bool m_dirty = true;
};

} // namespace mobiliza::ui
