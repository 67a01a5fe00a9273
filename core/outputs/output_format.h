// Formatting shared by the outputs (internal to core/outputs): pt-BR dates and numbers, the
// Portuguese vocabulary of the official documents, the action rows shared by the CSV and the
// XLSX, and atomic file writes.
#pragma once

#include "core/outputs/report_document.h"

#include <QDate>
#include <QString>
#include <QStringList>

#include <optional>

namespace mobiliza::core::outputs {

QString dateBr(const QDate &date);          // "dd/mm/aaaa" (empty for an invalid date)
QString dateTimeBr(const QDateTime &value); // "dd/mm/aaaa HH:mm"
QString monthName(int month);               // "março"
QString integerBr(qint64 value);            // "1.234"
QString decimalBr(double value, int maxDecimals); // "-19,9167": no grouping, no trailing zeros
QString yesNo(bool value);                  // "Sim" / "Não"
QString stateLabel(ReportState state);      // "Rascunho", "Pronto"… (document vocabulary)
QString partnerKindLabel(PartnerKind kind);
QString partnerStageLabel(PartnerStage stage);

// One action, flattened for the tables (CSV, XLSX) and the PDF totals.
struct ActionRow
{
    int number = 0; // Ação N
    QDate date;
    QDate endDate;
    QString title;
    QStringList themeLabels; // "Outro: <text>" for the "other" code
    QStringList themeCodes;
    QString formatLabel;
    QString formatCode;
    QString place;
    std::optional<double> latitude;
    std::optional<double> longitude;
    QStringList audienceLabels;
    QStringList audienceCodes;
    std::optional<qint64> peopleReached;
    bool estimate = false;
    QStringList partnerNames;
    QString materials;
    QString description;
    int photoCount = 0;
};

// Field ids by role, resolved once per export (empty when the program has no such field).
struct RoleFields
{
    explicit RoleFields(const ProgramDefinition &program);
    QString title, date, endDate, themes, format, place, coordinates, audience, peopleReached,
        partners, materials, description;
};

QList<ActionRow> actionRows(const ReportDocumentInput &in);
// Catalogue labels of a choice / multichoice value (codes kept in order); the "other" code gets
// its companion text: "Outro: <text>".
QStringList choiceLabels(const ProgramDefinition &program, const QString &fieldId,
                         const QJsonObject &values, QStringList *codes = nullptr);
QString partnerNameOrPlaceholder(const ReportDocumentInput &in, const QString &uuid);

// The table columns of the actions export (CSV and XLSX share them).
QStringList actionColumns();

// field_table.cpp — a program's fields as document text: a state "Bahia (BA)", municipalities by
// name, a list's entries "1. <text> — Label: value; …" joined by `entrySeparator`.
QString ufText(const QString &uf);
QString fieldText(const ProgramDefinition &program, const FieldDefinition &field, const QJsonObject &values,
                  const QString &entrySeparator);
// One column per field (codes beside labels, IBGE codes beside names): the actions table of a
// program without the SES-MG monthly report's roles (no title field).
struct Table;
Table fieldsTable(const ReportDocumentInput &in);

// Writes the bytes through QSaveFile: all or nothing. Errors carry a pt-BR message.
Status writeFileAtomically(const QString &path, const QByteArray &bytes);
Error ioError(const QString &path, const QString &detail);
Error cancelledError();

} // namespace mobiliza::core::outputs
