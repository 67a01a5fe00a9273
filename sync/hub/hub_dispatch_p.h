// Shared by hub_dispatch.cpp (admission) and hub_dispatch_routes.cpp (the route
// handlers): methods, compact JSON and the strict parsers of path and query numbers.
// Not part of the hub's API.
#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <QUrlQuery>

#include <limits>

namespace mobiliza::hub::dispatch_detail {

inline const QByteArray kGet = QByteArrayLiteral("GET");
inline const QByteArray kPut = QByteArrayLiteral("PUT");
inline const QByteArray kPost = QByteArrayLiteral("POST");
inline const QByteArray kDelete = QByteArrayLiteral("DELETE");
inline const QByteArray kHead = QByteArrayLiteral("HEAD");

inline QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// Strict non-negative integer from a query item ("" → fallback).
inline bool parseCount(const QString &s, qint64 fallback, qint64 max, qint64 *out)
{
    if (s.isEmpty()) {
        *out = fallback;
        return true;
    }
    if (s.size() > 18)
        return false;
    for (QChar c : s)
        if (!c.isDigit() || c.unicode() > 127)
            return false;
    bool ok = false;
    const qint64 v = s.toLongLong(&ok);
    if (!ok || v > max)
        return false;
    *out = v;
    return true;
}

// The feed's paging (?since=<cursor>&limit=<n>), for status and the pull: since ≥ 0
// (default 0), 1 ≤ limit (default 200). False when either is not a whole number.
inline bool parseCursor(const QString &queryText, qint64 *since, qint64 *limit)
{
    const QUrlQuery query(queryText);
    return parseCount(query.queryItemValue(QStringLiteral("since")), 0, std::numeric_limits<qint64>::max() / 2,
                      since) &&
           parseCount(query.queryItemValue(QStringLiteral("limit")), 200, 1000000, limit) && *limit >= 1;
}

} // namespace mobiliza::hub::dispatch_detail
