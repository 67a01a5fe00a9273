// The Painel's files: the data behind the figures (CSV/XLSX) and a chart as PNG or SVG
// (panel_files.h, shared with the municipality's panel), and the Balanço mensal
// (core/panel/balanco_pdf.h), written on a worker.
#include "app/ui/dialogs.h"
#include "app/ui/panel/panel_dashboard.h"
#include "app/ui/panel/panel_files.h"
#include "core/panel/balanco_pdf.h"
#include "core/panel/panel_nuclei.h"
#include "core/regional/replica_service.h"
#include "core/regional/review_outbox.h"
#include "core/services/blob_store.h"
#include "core/services/notifier.h"
#include "core/services/services.h"
#include "core/store/database.h"

#include <QChartView>
#include <QDir>
#include <QFutureWatcher>
#include <QLabel>
#include <QtConcurrent/QtConcurrentRun>

namespace mobiliza::ui {

QList<QChartView *> PanelDashboard::chartViews() const
{
    return {m_themeView, m_peopleView, m_coverageView, m_formatView, m_audienceView, m_groupView, m_mapView};
}

void PanelDashboard::wireChartExport()
{
    for (QChartView *view : chartViews())
        addChartSaveActions(view, this, [this](QChartView *v, bool svg) { saveChart(v, svg); });
}

bool PanelDashboard::saveChart(QChartView *view, bool svg)
{
    return m_data && saveChartFile(this, m_dialogs, view, m_data->filter, m_shown->text(), svg);
}

bool PanelDashboard::exportData(bool xlsx)
{
    if (!m_data || m_exporting)
        return false;
    m_exporting = exportPanelTable(this, m_dialogs, *m_data, m_context.reference, xlsx, [this](bool ok) {
        m_exporting = false;
        Q_EMIT exported(ok);
    });
    return m_exporting;
}

bool PanelDashboard::exportBalanco()
{
    if (!m_data || m_exporting)
        return false;
    const QString path = m_dialogs.saveFileName(
        this, tr("Save the Balanço mensal (PDF)"),
        panelSuggestedPath(QStringLiteral("balanco"), m_data->filter, QStringLiteral("pdf")),
        tr("PDF document (*.pdf)"));
    if (path.isEmpty())
        return false;
    m_exporting = true;
    auto *watcher = new QFutureWatcher<core::Status>(this);
    connect(watcher, &QFutureWatcher<core::Status>::finished, this, [this, watcher, path] {
        const core::Status written = watcher->result();
        watcher->deleteLater();
        m_exporting = false;
        if (written)
            m_dialogs.inform(this, tr("Balanço saved"),
                             tr("The Balanço mensal was written to %1.").arg(QDir::toNativeSeparators(path)));
        else
            m_dialogs.warn(this, tr("Balanço not saved"),
                           tr("The Balanço mensal could not be written: %1").arg(written.error().message));
        Q_EMIT exported(written.ok());
    });
    // The Balanço's pages, written off the UI thread; its núcleos per URS are counted
    // there, through a connection of the worker's own.
    core::BalancoInfo info;
    info.scope = m_context.role == core::Role::Central
                     ? tr("Minas Gerais")
                     : tr("URS %1").arg(m_context.services->profile().urs());
    info.generatedAt = m_context.clock->now();
    info.generatedBy = m_context.services->profile().userName();
    info.demo = m_context.services->profile().isDemo();
    watcher->setFuture(QtConcurrent::run(
        [data = *m_data, reference = m_context.reference, program = m_context.program, scope = scope(),
         dataDir = m_context.dataDir, clock = m_context.clock, info, path]() -> core::Status {
            auto database = core::Database::open(dataDir);
            if (!database)
                return database.error();
            core::Notifier quiet; // only reads
            core::BlobStore blobs(QDir(dataDir).filePath(QStringLiteral("blobs")));
            core::ReplicaService replica(*database.value(), quiet, blobs, *clock);
            core::ReviewOutbox reviews(*database.value(), quiet, *clock, replica);
            auto nuclei = core::computeNuclei(*database.value(), replica, program.id(), scope, data.filter,
                                              reviews.localStates());
            if (!nuclei)
                return nuclei.error();
            return core::writeBalancoPdf(data, nuclei.value(), program, reference, info, path);
        }));
    return true;
}

} // namespace mobiliza::ui
