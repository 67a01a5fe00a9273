#include "core/util/group_flush.h"

#include <QFile>
#include <QScopeGuard>

#ifdef Q_OS_LINUX
#include <fcntl.h>
#include <unistd.h>
#endif

namespace mobiliza::core {

GroupFlush::GroupFlush(QString folder) : m_folder(std::move(folder))
{
    m_flush = [this] { return flushFolder(); };
}

GroupFlush::GroupFlush(std::function<bool()> flush) : m_flush(std::move(flush)) {}

GroupFlush::~GroupFlush()
{
#ifdef Q_OS_LINUX
    if (m_fd >= 0)
        ::close(m_fd);
#endif
}

bool GroupFlush::flushFolder()
{
#ifdef Q_OS_LINUX
    if (m_fd < 0)
        m_fd = ::open(QFile::encodeName(m_folder).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    // syncfs reports the filesystem's write-back errors since Linux 5.8 (Debian 12: 6.1).
    return m_fd >= 0 && ::syncfs(m_fd) == 0;
#else
    return false;
#endif
}

bool GroupFlush::waitForFlush()
{
    std::unique_lock lock(m_mutex);
    ++m_waits;
    // A flush running now may have begun before the caller's write: the next one counts.
    const quint64 wanted = m_begun + 1;
    while (m_done < wanted) {
        if (m_running) {
            m_ended.wait(lock);
            continue;
        }
        m_running = true;
        const quint64 mine = ++m_begun;
        bool ok = false;
        {
            lock.unlock();
            auto relock = qScopeGuard([&] { lock.lock(); });
            ok = m_flush();
        }
        m_ok[mine % kResults] = ok;
        m_done = mine;
        m_running = false;
        m_ended.notify_all();
    }
    // `wanted` is the first flush that began after the caller's write. Its result is
    // kept for the last kResults flushes; a caller that slept through more flushes
    // than that is told to flush its own file.
    return m_done - wanted < kResults && m_ok[wanted % kResults];
}

quint64 GroupFlush::flushes() const
{
    std::lock_guard lock(m_mutex);
    return m_done;
}

quint64 GroupFlush::waits() const
{
    std::lock_guard lock(m_mutex);
    return m_waits;
}

} // namespace mobiliza::core
