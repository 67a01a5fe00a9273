// A newer reference table in a profile's folder, as SES-MG publishes a remapping:
// the built-in table with some municipalities moved to other URSs, one revision
// ahead of the profile's current table, installed through ReferenceRepository (the
// profile reads it when it opens next).
#pragma once

#include "core/reference/reference_repository.h"
#include "tests/core/reference/reference_fixtures.h"

#include <catch2/catch.hpp>

#include <QHash>
#include <QJsonArray>

namespace mobiliza::test {

// moves: IBGE → the URS it belongs to in the new table.
inline void installRemappedReference(const QString &dataDir, const QHash<QString, QString> &moves)
{
    core::ReferenceRepository repository(dataDir);
    const int revision = repository.current().revision() + 1;
    const QByteArray json = editedReference([&](QJsonObject &root) {
        QJsonArray municipalities = root.value(QStringLiteral("municipalities")).toArray();
        for (qsizetype i = 0; i < municipalities.size(); ++i) {
            QJsonObject m = municipalities.at(i).toObject();
            const QString ibge = m.value(QStringLiteral("ibge")).toString();
            if (moves.contains(ibge)) {
                m.insert(QStringLiteral("urs"), moves.value(ibge));
                municipalities.replace(i, m);
            }
        }
        root.insert(QStringLiteral("municipalities"), municipalities);
        root.insert(QStringLiteral("revision"), revision);
    });
    const core::Status installed = repository.importJson(json);
    INFO((installed ? QString() : installed.error().message).toStdString());
    REQUIRE(installed.ok());
    for (auto it = moves.cbegin(); it != moves.cend(); ++it)
        REQUIRE(repository.current().municipality(it.key())->urs == it.value());
}

} // namespace mobiliza::test
