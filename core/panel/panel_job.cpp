#include "core/panel/panel_job.h"

#include "core/services/services.h"

#include <QCoreApplication>
#include <QtConcurrent/QtConcurrentRun>

namespace mobiliza::core {

PanelJob::PanelJob(QString dataDir, const Clock &clock, QObject *parent)
    : QObject(parent), m_dataDir(std::move(dataDir)), m_clock(clock)
{
    connect(&m_watcher, &QFutureWatcher<Result<PanelData>>::finished, this, &PanelJob::onFinished);
}

PanelJob::~PanelJob()
{
    if (m_running) {
        m_watcher.disconnect(this);
        m_watcher.waitForFinished();
    }
}

void PanelJob::request(const PanelRequest &request)
{
    m_pending = request;
    if (!m_running)
        startNext();
}

void PanelJob::startNext()
{
    if (!m_pending)
        return;
    const PanelRequest request = *m_pending;
    m_pending.reset();
    m_running = true;
    m_watcher.setFuture(
        QtConcurrent::run([dataDir = m_dataDir, clock = &m_clock, request]() -> Result<PanelData> {
            // The profile, through connections of this thread (closed when it ends).
            auto services = Services::open(dataDir, *clock);
            if (!services)
                return services.error();
            Services &s = *services.value();
            auto engine = s.programs().engine(request.programId);
            if (!engine)
                return Error{
                    QStringLiteral("unknown_program"),
                    QCoreApplication::translate("Panel", "This installation does not know the program %1.")
                        .arg(request.programId)};
            return computePanel(s.database(), s.replica(), engine->program(), request.scope, request.filter,
                                s.reviews().localStates());
        }));
}

void PanelJob::onFinished()
{
    m_running = false;
    Result<PanelData> result = m_watcher.result();
    if (m_pending) { // the person changed the filter meanwhile: this answer is stale
        startNext();
        return;
    }
    if (result)
        Q_EMIT ready(result.value());
    else
        Q_EMIT failed(result.error().message);
}

} // namespace mobiliza::core
