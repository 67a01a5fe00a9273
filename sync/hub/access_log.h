// The hub's structured access log: one JSON object per line and request
// (time, method, path without the query, status, bytes in/out, duration,
// token id, remote address). It never holds a secret: no Authorization
// header, no token, no enrollment code, no body. Thread-safe: whole lines.
#pragma once

#include <QDateTime>
#include <QFile>
#include <QMutex>
#include <QString>

namespace mobiliza::hub {

struct AccessLogEntry
{
    QDateTime time;
    QString method;
    QString path; // without the query
    int status = 0;
    qint64 bytesIn = 0;
    qint64 bytesOut = 0;
    qint64 durationMs = 0;
    QString tokenId; // first 8 hex digits of the token's hash; empty when none was valid
    QString remote;
};

class AccessLog
{
public:
    // filePath empty: no file. toStderr: also one line per request on stderr.
    AccessLog(const QString &filePath, bool toStderr);

    bool isOpen() const { return m_file.isOpen() || m_stderr; }
    QString errorString() const { return m_file.errorString(); }
    void write(const AccessLogEntry &entry);

    static QByteArray format(const AccessLogEntry &entry);

private:
    QMutex m_mutex;
    QFile m_file;
    bool m_stderr = false;
};

} // namespace mobiliza::hub
