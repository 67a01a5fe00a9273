// What every codec of the protocol shares (internal to sync/ and the hub): a
// body read as one JSON object, an object written compactly, a timestamp, and
// the error for an answer that is not the protocol's.
#pragma once

#include "core/util/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <optional>

namespace mobiliza::sync::wire {

// "The server's answer is not what Mobiliza expects (what)…" (code "protocol").
core::Error answerError(const QString &what);

// The body as a JSON object; nothing when it is not valid JSON or not an object.
std::optional<QJsonObject> object(const QByteArray &body);

QByteArray compact(const QJsonObject &o);

// An ISO 8601 timestamp (with or without milliseconds, at most 40 characters),
// in UTC; invalid for anything else.
QDateTime time(const QJsonValue &v);

} // namespace mobiliza::sync::wire
