// Domain types shared by every layer. Plain value types: no I/O here.
#pragma once

#include <QDate>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include "core/domain/report_state.h"

namespace mobiliza::core {

// ---------------------------------------------------------------- reference
struct Macrorregiao
{
    QString code; // "3101".."3116"
    QString name;
};

struct RegiaoSaude
{
    QString code; // "31001".."31102"
    QString name;
    QString macroCode;
    QString urs; // URS name (canonical)
};

struct Urs
{
    QString name;        // canonical name, e.g. "Manhuaçu"
    QStringList aliases; // e.g. "Manhumirim"
    int municipalityCount = 0;
    // The share of its municipalities expected to report each month (reference data
    // "coverageTarget", 0 < t ≤ 1; 1 when the table does not say): the coverage grid's
    // and the Painel's target line.
    double coverageTarget = 1.0;
};

struct Municipality
{
    QString ibge; // 7-digit IBGE code, valid by membership in the reference table
    QString name;
    QString urs; // canonical URS name
    QString regiaoCode;
    QString macroCode;
    QStringList aliases; // older spellings
    bool ursUncertain = false; // "divergem_verificar" in the sources
};

struct CatalogueEntry
{
    QString code;     // stable code inside the catalogue
    QString label;    // pt-BR label (data, not a UI string)
    QString esusCode; // matching e-SUS code, when one exists
    bool active = true;
};

// ------------------------------------------------------------------ period
// A reporting period: a competência (year, month) for monthly programs, or a
// quadrimestre (jan–abr, mai–ago, set–dez) for four-monthly ones (docs/programs.md,
// "period"). `month` is the period's first month; `months` its length.
struct Period
{
    int year = 0;
    int month = 0;
    int months = 1; // 1: a month; 4: a quadrimestre

    bool isValid() const
    {
        return year >= 2000 && year <= 2100 && (months == 1 || months == 4) && month >= 1 && month <= 12 &&
               (month - 1) % months == 0;
    }
    bool isQuadrimester() const { return months == 4; }
    int quadrimester() const { return (month - 1) / 4 + 1; } // 1..3, for a quadrimestre
    QString key() const;     // "YYYY-MM", or "YYYY-Qn" (n = 1, 2, 3) for a quadrimestre
    QString display() const; // "mm/aaaa", or (translated) "1º quadrimestre de aaaa"
    QDate firstDay() const { return QDate(year, month, 1); }
    QDate lastDay() const { return firstDay().addMonths(months).addDays(-1); }
    bool contains(const QDate &date) const { return isValid() && date >= firstDay() && date <= lastDay(); }
    Period next() const;                       // the following period of the same length
    Period previous() const;                   // the preceding one
    static Period fromKey(const QString &key); // either form; invalid Period on bad input
    static Period fromDate(const QDate &date); // the month of `date`
    // The period of `months` (1 or 4) months holding `date`; invalid for another length.
    static Period containing(const QDate &date, int months);
    static Period quadrimesterOf(int year, int n); // n = 1, 2, 3
    friend bool operator==(const Period &, const Period &) = default;
    friend auto operator<=>(const Period &, const Period &) = default;
};

// ------------------------------------------------------------------ reports
struct Photo
{
    QString uuid;
    QString actionUuid;
    QString sha256; // content address of the reduced JPEG in the blob store
    int position = 0; // order inside the action (0-based)
    QString caption;
    QDate takenOn;
    QString author;
    bool identifiablePeople = false;
    bool authorizationOnFile = false;
    int width = 0;
    int height = 0;
    qint64 bytes = 0;
};

struct Action
{
    QString uuid;
    QString reportUuid;
    int position = 0; // 0-based; shown as "Ação position+1"
    QJsonObject values; // field id → value, as the program definition describes
    QStringList partnerUuids;
    QList<Photo> photos;
};

struct Report
{
    QString uuid;
    QString programId;
    QString municipality; // IBGE code (or the reporting unit's id)
    Period period;
    ReportState state = ReportState::Draft;
    int revision = 1;
    bool noActions = false; // "sem ações no mês"
    QString noActionsJustification;
    QString reviewComment; // the reviewer's comment when returned
    QDateTime createdAt;
    QDateTime updatedAt;
    QList<Action> actions;
};

// -------------------------------------------------------------- partners
enum class PartnerKind { Person, Organization, InformalGroup };
enum class PartnerStage { Mapped, Sensitized, Active, Inactive };

struct PartnerConsent
{
    bool given = false;
    QDate date;
    QString channel; // e-mail, WhatsApp, telefone, presencial…
    QString purpose;
    QDate revokedOn;
};

struct StageChange
{
    PartnerStage stage = PartnerStage::Mapped;
    QDate date;
};

struct Partner
{
    QString uuid;
    PartnerKind kind = PartnerKind::Organization;
    bool governmental = false;
    bool formal = true;
    QString sector; // code from the program's sector catalogue
    QString name;
    QString document; // CPF (11 digits) or CNPJ (14 chars, may be alphanumeric); text
    QString contactName;
    QString contactRole;
    QStringList phones; // E.164
    QString email;
    QString address;
    QString cep; // 8 digits
    QString municipality; // IBGE
    PartnerStage stage = PartnerStage::Mapped;
    QList<StageChange> stageHistory;
    PartnerConsent consent;
    QString notes;
    QDateTime updatedAt;
};

QString partnerKindKey(PartnerKind kind);
QString partnerStageKey(PartnerStage stage);
bool partnerKindFromKey(const QString &key, PartnerKind *out);
bool partnerStageFromKey(const QString &key, PartnerStage *out);

QString newUuid(); // lower-case, without braces

// Who reports (Report::municipality, a hub scope's unit): a municipality's IBGE code
// (seven digits) or an apoiador's id ("ap-" and twelve lower-case hex digits).
bool isIbgeCode(const QString &s);
bool isApoiadorId(const QString &s);
bool isReportingUnitId(const QString &s); // either
// An apoiador's id, made from its installation's id: "ap-" and the first twelve hex
// digits of the uuid without dashes, lower-case. Empty when the id has fewer.
QString apoiadorIdFor(const QString &installationUuid);

} // namespace mobiliza::core
