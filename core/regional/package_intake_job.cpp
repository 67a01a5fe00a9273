#include "core/regional/package_intake_job.h"

#include "core/package/report_package.h"
#include "core/services/services.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QtConcurrent/QtConcurrentRun>

namespace mobiliza::core {

PackageIntakeJob::PackageIntakeJob(QString dataDir, const Clock &clock, QStringList paths, QObject *parent,
                                   Kind kind)
    : QObject(parent), m_dataDir(std::move(dataDir)), m_clock(clock), m_paths(std::move(paths)), m_kind(kind)
{
    connect(&m_watcher, &QFutureWatcher<IntakeJobResult>::finished, this, &PackageIntakeJob::onFinished);
}

PackageIntakeJob::~PackageIntakeJob()
{
    if (m_running) {
        m_watcher.disconnect(this);
        m_cancel->store(true);
        m_watcher.waitForFinished(); // the file being taken in ends (its transaction) first
    }
}

void PackageIntakeJob::start()
{
    if (m_started)
        return;
    m_started = true;
    m_running = true;
    m_watcher.setFuture(QtConcurrent::run([this, dataDir = m_dataDir, clock = &m_clock, paths = m_paths,
                                           hook = m_hook, cancel = m_cancel, kind = m_kind]() {
        IntakeJobResult result;
        // The profile, through connections of this thread (closed when it ends).
        auto services = Services::open(dataDir, *clock);
        if (!services) {
            result.openError = services.error();
            return result;
        }
        PackageIntake intake(*services.value(), services.value()->reference());
        for (int i = 0; i < paths.size(); ++i) {
            if (hook)
                hook(i);
            if (cancel->load()) {
                result.cancelled = true;
                break;
            }
            const QString name = QFileInfo(paths.at(i)).fileName();
            // `this` only as the context of a queued call: dropped if the job is gone.
            QMetaObject::invokeMethod(this, [this, i, n = int(paths.size()), name] { Q_EMIT progress(i, n, name); },
                                      Qt::QueuedConnection);
            IntakeFileResult file;
            file.path = paths.at(i);
            if (kind != Kind::BatchFiles &&
                name.endsWith(QStringLiteral(".mobiliza-lote"), Qt::CaseInsensitive)) {
                // Opened from the file manager on the wrong installation: say where it goes.
                file.error = Error{QStringLiteral("batch_file_here"),
                                   QCoreApplication::translate(
                                       "PackageIntake",
                                       "This is a URS batch file (.mobiliza-lote): the central level's "
                                       "installation takes it in (Forwarded, Import batch file…). Nothing "
                                       "was imported here.")};
            } else if (kind == Kind::OwnPackages) {
                // Verified whole (photos streamed) before anything is kept: a cancel stops it there.
                auto imported = package::importPackage(*services.value(), paths.at(i),
                                                       [&cancel](qint64, qint64) { return !cancel->load(); });
                file.ok = imported.ok();
                if (imported)
                    file.own = imported.value();
                else
                    file.error = imported.error();
            } else if (kind == Kind::BatchFiles) {
                // A batch file is read whole before anything is kept: a cancel stops it there.
                auto received =
                    BatchIntake(*services.value(), services.value()->reference())
                        .receive(paths.at(i), [&cancel](qint64, qint64) { return !cancel->load(); });
                file.ok = received.ok();
                if (received)
                    file.batch = received.value();
                else
                    file.error = received.error();
            } else {
                auto received = intake.receive(paths.at(i));
                file.ok = received.ok();
                if (received)
                    file.outcome = received.value();
                else
                    file.error = received.error();
            }
            result.files << file;
        }
        return result;
    }));
}

void PackageIntakeJob::cancel()
{
    if (m_running)
        m_cancel->store(true);
}

void PackageIntakeJob::onFinished()
{
    if (!m_running)
        return;
    m_running = false;
    Q_EMIT finished(m_watcher.result());
}

} // namespace mobiliza::core
