// Shared by sync_page*.cpp (not part of the UI's API): the words for dates, sizes
// and HTML the Synchronization page writes.
#pragma once

#include "app/ui/style_sheet.h"

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

// A progress bar's words as its format: "%" written "%%" (the bar replaces %p, %v, %m).
inline QString escapedFormat(const QString &text)
{
    QString format = text;
    return format.replace(QLatin1Char('%'), QStringLiteral("%%"));
}

// The row's icon, kept beside it so that an unchanged one is not set again.
constexpr int kIconRole = Qt::UserRole + 1;

} // namespace mobiliza::ui
