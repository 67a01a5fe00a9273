#include "sync/hub/access_log.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace mobiliza::hub {

AccessLog::AccessLog(const QString &filePath, bool toStderr) : m_stderr(toStderr)
{
    if (!filePath.isEmpty()) {
        m_file.setFileName(filePath);
        // Addresses and token ids: the hub's owner only (created 0600 whatever the umask).
        if (!m_file.open(QIODevice::WriteOnly | QIODevice::Append, QFileDevice::ReadOwner | QFileDevice::WriteOwner))
            qWarning("mobiliza-hub: the access log %s cannot be written: %s", qPrintable(filePath),
                     qPrintable(m_file.errorString()));
    }
}

QByteArray AccessLog::format(const AccessLogEntry &e)
{
    const QJsonObject o{
        {QStringLiteral("time"), e.time.toUTC().toString(Qt::ISODateWithMs)},
        {QStringLiteral("method"), e.method},
        {QStringLiteral("path"), e.path.left(300)},
        {QStringLiteral("status"), e.status},
        {QStringLiteral("in"), double(e.bytesIn)},
        {QStringLiteral("out"), double(e.bytesOut)},
        {QStringLiteral("ms"), double(e.durationMs)},
        {QStringLiteral("token"), e.tokenId},
        {QStringLiteral("remote"), e.remote},
    };
    return QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
}

void AccessLog::write(const AccessLogEntry &entry)
{
    const QByteArray line = format(entry);
    QMutexLocker lock(&m_mutex);
    if (m_file.isOpen()) {
        m_file.write(line);
        m_file.flush();
    }
    if (m_stderr) {
        std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
        std::fflush(stderr);
    }
}

} // namespace mobiliza::hub
