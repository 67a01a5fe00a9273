// Internals shared by ReportService's report_*.cpp files (not part of core's API).
#pragma once

#include "core/util/result.h"

#include <QDate>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

namespace mobiliza::core::report_detail {

inline QString toJson(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

inline QJsonObject fromJson(const QString &text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

inline QString dateText(const QDate &date)
{
    return date.isValid() ? date.toString(Qt::ISODate) : QString();
}

inline Status toStatus(const Result<int> &r)
{
    return r ? Status() : Status(r.error());
}

} // namespace mobiliza::core::report_detail
