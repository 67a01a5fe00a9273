#include "sync/protocol_wire.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonParseError>

namespace mobiliza::sync::wire {

core::Error answerError(const QString &what)
{
    return core::Error{QStringLiteral("protocol"),
                       QCoreApplication::translate(
                           "Protocol", "The server's answer is not what Mobiliza expects (%1). It may not be "
                                       "the hub of your URS, or a network login page is in the way.")
                           .arg(what)};
}

std::optional<QJsonObject> object(const QByteArray &body)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    return doc.object();
}

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QDateTime time(const QJsonValue &v)
{
    if (!v.isString() || v.toString().size() > 40)
        return {};
    QDateTime t = QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(v.toString(), Qt::ISODate);
    return t.isValid() ? t.toUTC() : QDateTime();
}

} // namespace mobiliza::sync::wire
