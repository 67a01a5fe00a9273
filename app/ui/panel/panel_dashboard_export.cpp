// The Painel's files: the data behind the figures (CSV/XLSX, core/panel/panel_export.h)
// and the Balanço mensal (core/panel/balanco_pdf.h), written on a worker; a chart as
// PNG or SVG (its context menu), drawn here — the widgets live on this thread.
#include "app/ui/dialogs.h"
#include "app/ui/panel/panel_dashboard.h"
#include "core/panel/balanco_pdf.h"
#include "core/panel/panel_export.h"
#include "core/panel/panel_nuclei.h"
#include "core/regional/replica_service.h"
#include "core/regional/review_outbox.h"
#include "core/services/blob_store.h"
#include "core/services/notifier.h"
#include "core/services/services.h"
#include "core/store/database.h"

#include <QAction>
#include <QChartView>
#include <QDir>
#include <QFutureWatcher>
#include <QImage>
#include <QLabel>
#include <QPainter>
#include <QSaveFile>
#include <QStandardPaths>
#include <QSvgGenerator>
#include <QtConcurrent/QtConcurrentRun>

namespace mobiliza::ui {

namespace {

// What narrows the figures, in a file name: two exports of other filters never look alike.
QString fileNameNarrowing(const core::PanelFilter &f)
{
    QString out;
    if (!f.theme.isEmpty())
        out += QStringLiteral("-tema-") + f.theme;
    if (!f.format.isEmpty())
        out += QStringLiteral("-formato-") + f.format;
    if (f.municipalities.size() == 1)
        out += QLatin1Char('-') + f.municipalities.first();
    else if (!f.areaKey.isEmpty())
        out += QLatin1Char('-') + QString(f.areaKey).replace(QLatin1Char(':'), QLatin1Char('-'));
    if (f.includeReceived)
        out += QStringLiteral("-com-nao-aceitos");
    return out.replace(QLatin1Char(' '), QLatin1Char('-'));
}

QString suggestedPath(const QString &stem, const core::PanelFilter &f, const QString &suffix)
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    return QDir(folder.isEmpty() ? QDir::homePath() : folder)
        .filePath(QStringLiteral("%1-%2-a-%3%4.%5")
                      .arg(stem, f.from.key(), f.to.key(), fileNameNarrowing(f), suffix));
}

// The chart's view drawn into `device` of `size` (its own pixels), on white.
void drawChart(QChartView *view, QPaintDevice &device, const QRect &target)
{
    QPainter painter(&device);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.fillRect(target, Qt::white);
    view->render(&painter, target, view->viewport()->rect());
}

} // namespace

QList<QChartView *> PanelDashboard::chartViews() const
{
    return {m_themeView, m_peopleView, m_coverageView, m_formatView, m_audienceView, m_groupView, m_mapView};
}

void PanelDashboard::wireChartExport()
{
    for (QChartView *view : chartViews()) {
        auto *png = new QAction(tr("Save chart as PNG…"), view);
        png->setObjectName(QStringLiteral("saveChartPng"));
        auto *svg = new QAction(tr("Save chart as SVG…"), view);
        svg->setObjectName(QStringLiteral("saveChartSvg"));
        connect(png, &QAction::triggered, this, [this, view] { saveChart(view, false); });
        connect(svg, &QAction::triggered, this, [this, view] { saveChart(view, true); });
        view->addActions({png, svg});
        view->setContextMenuPolicy(Qt::ActionsContextMenu);
    }
}

bool PanelDashboard::saveChart(QChartView *view, bool svg)
{
    if (!m_data || !view || !view->chart())
        return false;
    const QString stem = QStringLiteral("grafico-") + view->objectName().mid(5).toLower(); // chartThemes → themes
    const QString path =
        m_dialogs.saveFileName(this, svg ? tr("Save the chart (SVG)") : tr("Save the chart (PNG)"),
                               suggestedPath(stem, m_data->filter, svg ? QStringLiteral("svg") : QStringLiteral("png")),
                               svg ? tr("SVG image (*.svg)") : tr("PNG image (*.png)"));
    if (path.isEmpty())
        return false;
    // Whole or absent: written to a temporary file, renamed over the name at the end.
    QSaveFile file(path);
    bool written = file.open(QIODevice::WriteOnly);
    const QSize size = view->viewport()->size();
    if (written && svg) {
        QSvgGenerator generator;
        generator.setOutputDevice(&file);
        generator.setSize(size);
        generator.setViewBox(QRect(QPoint(0, 0), size));
        generator.setTitle(view->chart()->title());
        generator.setDescription(m_shown->text());
        drawChart(view, generator, QRect(QPoint(0, 0), size));
    } else if (written) {
        // Twice the screen's pixels: sharp in a slide or a printed page.
        QImage image(size * 2, QImage::Format_ARGB32_Premultiplied);
        image.setDevicePixelRatio(2.0);
        drawChart(view, image, QRect(QPoint(0, 0), size));
        written = image.save(&file, "PNG");
    }
    written = written && file.commit();
    if (!written) {
        m_dialogs.warn(this, tr("Chart not saved"),
                       tr("The chart could not be written to %1 (%2). Choose another folder — one you "
                          "can write to — and try again.")
                           .arg(QDir::toNativeSeparators(path), file.errorString()));
        return false;
    }
    m_dialogs.inform(this, tr("Chart saved"), tr("The chart was written to %1.").arg(QDir::toNativeSeparators(path)));
    return true;
}

bool PanelDashboard::exportData(bool xlsx)
{
    return exportFile(xlsx ? ExportKind::Xlsx : ExportKind::Csv);
}

bool PanelDashboard::exportBalanco()
{
    return exportFile(ExportKind::Pdf);
}

bool PanelDashboard::exportFile(ExportKind kind)
{
    if (!m_data || m_exporting)
        return false;
    const core::PanelFilter &f = m_data->filter;
    const bool pdf = kind == ExportKind::Pdf;
    const QString suffix = pdf                        ? QStringLiteral("pdf")
                           : kind == ExportKind::Xlsx ? QStringLiteral("xlsx")
                                                      : QStringLiteral("csv");
    const QString suggested =
        suggestedPath(pdf ? QStringLiteral("balanco") : QStringLiteral("painel"), f, suffix);
    const QString title = pdf                        ? tr("Save the Balanço mensal (PDF)")
                          : kind == ExportKind::Xlsx ? tr("Export the panel's data (XLSX)")
                                                     : tr("Export the panel's data (CSV)");
    const QString filter = pdf                        ? tr("PDF document (*.pdf)")
                           : kind == ExportKind::Xlsx ? tr("Excel workbook (*.xlsx)")
                                                      : tr("CSV for Excel (*.csv)");
    const QString path = m_dialogs.saveFileName(this, title, suggested, filter);
    if (path.isEmpty())
        return false;
    m_exporting = true;
    auto *watcher = new QFutureWatcher<core::Status>(this);
    connect(watcher, &QFutureWatcher<core::Status>::finished, this, [this, watcher, path, pdf] {
        const core::Status written = watcher->result();
        watcher->deleteLater();
        m_exporting = false;
        if (written)
            m_dialogs.inform(this, pdf ? tr("Balanço saved") : tr("Panel exported"),
                             (pdf ? tr("The Balanço mensal was written to %1.")
                                  : tr("The panel's data was written to %1."))
                                 .arg(QDir::toNativeSeparators(path)));
        else
            m_dialogs.warn(this, pdf ? tr("Balanço not saved") : tr("Panel not exported"),
                           (pdf ? tr("The Balanço mensal could not be written: %1")
                                : tr("The panel's data could not be written: %1"))
                               .arg(written.error().message));
        Q_EMIT exported(written.ok());
    });
    // The figures as shown, written off the UI thread (a state's 853 × 12 rows, or the
    // Balanço's pages). The Balanço's núcleos per URS are counted there, through a
    // connection of the worker's own.
    core::BalancoInfo info;
    info.scope = m_context.role == core::Role::Central
                     ? tr("Minas Gerais")
                     : tr("URS %1").arg(m_context.services->profile().urs());
    info.generatedAt = m_context.clock->now();
    info.generatedBy = m_context.services->profile().userName();
    info.demo = m_context.services->profile().isDemo();
    watcher->setFuture(QtConcurrent::run(
        [data = *m_data, reference = m_context.reference, program = m_context.program, scope = scope(),
         dataDir = m_context.dataDir, clock = m_context.clock, info, path, kind]() -> core::Status {
            if (kind != ExportKind::Pdf)
                return core::writePanelTable(data, reference, path);
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
