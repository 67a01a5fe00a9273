// Helpers to derive reference files from the built-in one.
#pragma once

#include <QByteArray>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

#include <functional>

namespace mobiliza::test {

inline QByteArray embeddedReferenceJson()
{
    QFile file(QStringLiteral(":/reference/mg_reference.json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

// The built-in file with its root object changed by `edit`.
inline QByteArray editedReference(const std::function<void(QJsonObject &)> &edit)
{
    QJsonObject root = QJsonDocument::fromJson(embeddedReferenceJson()).object();
    edit(root);
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

// The built-in file with another revision/version.
inline QByteArray referenceWithRevision(int revision, const QString &version)
{
    return editedReference([&](QJsonObject &root) {
        root.insert(QStringLiteral("revision"), revision);
        root.insert(QStringLiteral("version"), version);
    });
}

} // namespace mobiliza::test
