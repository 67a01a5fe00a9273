// Private data of ProgramDefinition, shared by its accessors and its loader.
#pragma once

#include <QHash>
#include <QJsonObject>

#include <memory>

#include "core/program/program_definition.h"

namespace mobiliza::core {

struct ProgramDefinition::Data
{
    QString id;
    QString name;
    QString description;
    int version = 0;
    QString reportingUnit;
    QString period;
    QString territory = QStringLiteral("state");
    int deadlineDay = 0;
    QString recordLabel;
    QString recordLabelPlural;
    QList<FieldDefinition> fields;
    QHash<QString, qsizetype> fieldIndex;
    QHash<QString, QString> roleToField;
    QStringList catalogueNames; // in file order
    QHash<QString, QList<CatalogueEntry>> catalogues;
    QList<RuleDefinition> rules;
    // "levels": tier key ("municipality", "urs", "central") → the program's name for it.
    // Missing tiers keep the default names (roleKey/roleLabel, place by tier).
    QHash<QString, ProgramLevel> levels;
    PhotoRule photos;
    ReportRule report;
    PanelDefinition panel;
    QByteArray source;
    // "translations": language ("en") → its labels, checked by the loader.
    QHash<QString, QJsonObject> translations;
    // A localized copy: the definition it was made from (official labels).
    std::shared_ptr<const Data> official;
};

} // namespace mobiliza::core
