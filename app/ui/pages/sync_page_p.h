// Shared by sync_page*.cpp (not part of the UI's API): the words for dates, sizes
// and HTML the Synchronization page writes.
#pragma once

#include <QDateTime>
#include <QLocale>
#include <QString>

namespace mobiliza::ui {

inline QString brDateTime(const QDateTime &t)
{
    return t.toLocalTime().toString(QStringLiteral("dd/MM/yyyy HH:mm"));
}

inline QString dataSize(qint64 bytes)
{
    return QLocale(QLocale::Portuguese, QLocale::Brazil)
        .formattedDataSize(bytes, 1, QLocale::DataSizeSIFormat);
}

inline QString escaped(const QString &text)
{
    return text.toHtmlEscaped();
}

} // namespace mobiliza::ui
