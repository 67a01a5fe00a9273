#include "app/ui/panel/panel_files.h"

#include "app/ui/dialogs.h"
#include "core/panel/panel_export.h"
#include "core/reference/reference_data.h"

#include <QAction>
#include <QChart>
#include <QChartView>
#include <QCoreApplication>
#include <QDir>
#include <QFutureWatcher>
#include <QImage>
#include <QPainter>
#include <QSaveFile>
#include <QStandardPaths>
#include <QSvgGenerator>
#include <QtConcurrent/QtConcurrentRun>

namespace mobiliza::ui {

namespace {

// What narrows the figures, in a file name.
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

// The chart's view drawn into `device` of `size` (its own pixels), on white.
void drawChart(QChartView *view, QPaintDevice &device, const QRect &target)
{
    QPainter painter(&device);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.fillRect(target, Qt::white);
    view->render(&painter, target, view->viewport()->rect());
}

} // namespace

QString panelSuggestedPath(const QString &stem, const core::PanelFilter &f, const QString &suffix)
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    return QDir(folder.isEmpty() ? QDir::homePath() : folder)
        .filePath(QStringLiteral("%1-%2-a-%3%4.%5")
                      .arg(stem, f.from.key(), f.to.key(), fileNameNarrowing(f), suffix));
}

void addChartSaveActions(QChartView *view, QWidget *receiver,
                         const std::function<void(QChartView *, bool)> &save)
{
    auto *png = new QAction(QCoreApplication::translate("PanelFiles", "Save chart as PNG…"), view);
    png->setObjectName(QStringLiteral("saveChartPng"));
    auto *svg = new QAction(QCoreApplication::translate("PanelFiles", "Save chart as SVG…"), view);
    svg->setObjectName(QStringLiteral("saveChartSvg"));
    QObject::connect(png, &QAction::triggered, receiver, [save, view] { save(view, false); });
    QObject::connect(svg, &QAction::triggered, receiver, [save, view] { save(view, true); });
    view->addActions({png, svg});
    view->setContextMenuPolicy(Qt::ActionsContextMenu);
}

bool saveChartFile(QWidget *parent, Dialogs &dialogs, QChartView *view, const core::PanelFilter &filter,
                   const QString &description, bool svg)
{
    if (!view || !view->chart())
        return false;
    const QString stem =
        QStringLiteral("grafico-") + view->objectName().mid(5).toLower(); // chartThemes → themes
    const QString path = dialogs.saveFileName(
        parent,
        svg ? QCoreApplication::translate("PanelFiles", "Save the chart (SVG)")
            : QCoreApplication::translate("PanelFiles", "Save the chart (PNG)"),
        panelSuggestedPath(stem, filter, svg ? QStringLiteral("svg") : QStringLiteral("png")),
        svg ? QCoreApplication::translate("PanelFiles", "SVG image (*.svg)")
            : QCoreApplication::translate("PanelFiles", "PNG image (*.png)"));
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
        generator.setDescription(description);
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
        dialogs.warn(parent, QCoreApplication::translate("PanelFiles", "Chart not saved"),
                     QCoreApplication::translate("PanelFiles",
                                                 "The chart could not be written to %1 (%2). Choose another "
                                                 "folder — one you can write to — and try again.")
                         .arg(QDir::toNativeSeparators(path), file.errorString()));
        return false;
    }
    dialogs.inform(parent, QCoreApplication::translate("PanelFiles", "Chart saved"),
                   QCoreApplication::translate("PanelFiles", "The chart was written to %1.")
                       .arg(QDir::toNativeSeparators(path)));
    return true;
}

bool exportPanelTable(QWidget *parent, Dialogs &dialogs, const core::PanelData &data,
                      const core::ReferenceData &reference, bool xlsx, const std::function<void(bool)> &done)
{
    const QString path = dialogs.saveFileName(
        parent,
        xlsx ? QCoreApplication::translate("PanelFiles", "Export the panel's data (XLSX)")
             : QCoreApplication::translate("PanelFiles", "Export the panel's data (CSV)"),
        panelSuggestedPath(QStringLiteral("painel"), data.filter,
                           xlsx ? QStringLiteral("xlsx") : QStringLiteral("csv")),
        xlsx ? QCoreApplication::translate("PanelFiles", "Excel workbook (*.xlsx)")
             : QCoreApplication::translate("PanelFiles", "CSV for Excel (*.csv)"));
    if (path.isEmpty())
        return false;
    auto *watcher = new QFutureWatcher<core::Status>(parent);
    QObject::connect(
        watcher, &QFutureWatcher<core::Status>::finished, parent, [parent, &dialogs, watcher, path, done] {
            const core::Status written = watcher->result();
            watcher->deleteLater();
            if (written)
                dialogs.inform(
                    parent, QCoreApplication::translate("PanelFiles", "Panel exported"),
                    QCoreApplication::translate("PanelFiles", "The panel's data was written to %1.")
                        .arg(QDir::toNativeSeparators(path)));
            else
                dialogs.warn(
                    parent, QCoreApplication::translate("PanelFiles", "Panel not exported"),
                    QCoreApplication::translate("PanelFiles", "The panel's data could not be written: %1")
                        .arg(written.error().message));
            if (done)
                done(written.ok());
        });
    // A state's 853 × 12 rows are written off the UI thread.
    watcher->setFuture(
        QtConcurrent::run([data, reference, path] { return core::writePanelTable(data, reference, path); }));
    return true;
}

} // namespace mobiliza::ui
