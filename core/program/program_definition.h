// A program definition: what one record ("Ação") of a reporting program holds, its catalogues,
// its photo rule and its validation rules. Programs are data (JSON, see docs/programs.md):
// SES-MG Mobilização Social is the first one shipped, the COSEMS apoio program is another file.
#pragma once

#include <QByteArray>
#include <QDate>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <vector>

#include "core/domain/role.h"
#include "core/domain/types.h"
#include "core/program/finding.h"
#include "core/util/result.h"

namespace mobiliza::core {

// Field types understood by the engine (the JSON "type" of a field).
namespace field_type {
inline constexpr QLatin1String Text{"text"};                  // one line
inline constexpr QLatin1String LongText{"longtext"};          // several lines
inline constexpr QLatin1String Date{"date"};                  // "yyyy-MM-dd"
inline constexpr QLatin1String Integer{"integer"};            // JSON number without fraction
inline constexpr QLatin1String Boolean{"boolean"};            // JSON true/false
inline constexpr QLatin1String Choice{"choice"};              // one catalogue code (string)
inline constexpr QLatin1String MultiChoice{"multichoice"};    // array of catalogue codes
inline constexpr QLatin1String Partners{"partners"};          // Action::partnerUuids
inline constexpr QLatin1String Coordinates{"coordinates"};    // {"lat": n, "lon": n}
inline constexpr QLatin1String Municipality{"municipality"};  // 7-digit IBGE code (string)
inline constexpr QLatin1String HealthRegion{"health_region"}; // 5-digit região de saúde code
inline constexpr QLatin1String Uf{"uf"};                      // a state: 2-letter abbreviation ("MG")
inline constexpr QLatin1String Municipalities{"municipalities"}; // array of 7-digit IBGE codes
inline constexpr QLatin1String List{"list"}; // array of entries, each an object of the "item" fields
} // namespace field_type

// Well-known roles, so other code finds "the title", "the date"… without hard-coding ids.
namespace field_role {
inline constexpr QLatin1String Title{"title"};
inline constexpr QLatin1String Date{"date"};
inline constexpr QLatin1String EndDate{"end_date"};
inline constexpr QLatin1String Description{"description"};
inline constexpr QLatin1String PeopleReached{"people_reached"};
inline constexpr QLatin1String Themes{"themes"};
inline constexpr QLatin1String Format{"format"};
inline constexpr QLatin1String Place{"place"};
inline constexpr QLatin1String Coordinates{"coordinates"};
inline constexpr QLatin1String Partners{"partners"};
inline constexpr QLatin1String Audience{"audience"};
inline constexpr QLatin1String Materials{"materials"};
inline constexpr QLatin1String Uf{"uf"};                         // the state the record is about
inline constexpr QLatin1String Municipalities{"municipalities"}; // the municipalities it reached
inline constexpr QLatin1String Referrals{"referrals"}; // follow-ups: a list with responsible, due date, done
} // namespace field_role

struct FieldDefinition
{
    QString id;        // key in Action::values
    QString label;     // pt-BR label (data)
    QString type;      // one of field_type
    QString catalogue; // catalogue name, for choice / multichoice
    QString role;      // one of field_role, or empty
    QString help;      // pt-BR help text (data), may be empty
    bool required = false;
    std::optional<double> min; // integer: smallest value
    std::optional<double> max; // integer: largest value
    int minLength = 0;         // text: characters after trimming; 0 = no limit
    int maxLength = 0;
    int minItems = 0; // multichoice; 0 = no limit
    int maxItems = 0;
    QString otherValue;    // choice / multichoice: the catalogue code meaning "Outro"…
    QString otherField;    // …which makes this text field required
    QString estimateField; // integer: boolean companion flagging the value as an estimate
    QString companionOf;   // set by the loader: the field this one qualifies (other text, estimate flag)
    std::vector<FieldDefinition> itemFields; // list: the fields of one entry, in form order

    bool hasCatalogue() const { return !catalogue.isEmpty(); }
    bool isMultiple() const { return type == field_type::MultiChoice; }
    bool isList() const { return type == field_type::List; }
    bool isTextual() const { return type == field_type::Text || type == field_type::LongText; }
};

// The condition of a "required_if" rule: "when <field> equals / is in / contains / is filled".
struct RuleCondition
{
    QString field;
    QString op; // "equals" | "in" | "contains" | "filled"
    QJsonValue value;
};

// A declarative, cross-field rule. Per-field constraints (required, min, max, maxLength,
// catalogue membership, "other" text) live on the field itself.
struct RuleDefinition
{
    // "date_in_period" | "end_after_start" | "required_if" | "photo_authorization" | "parts_sum" |
    // "municipalities_in_uf"
    QString kind;
    Severity severity = Severity::Error;
    QString field;      // date_in_period, required_if, municipalities_in_uf; parts_sum: the total
    QStringList parts;  // parts_sum: integer fields that must add up to `field` when any is filled
    QString ufField;    // municipalities_in_uf: the state the municipalities of `field` belong to
    QString startField; // end_after_start
    QString endField;   // end_after_start
    RuleCondition when; // required_if
};

struct PhotoRule
{
    int minPerRecord = 0;
    int maxPerRecord = 0; // 0 = no limit
    bool captionRequired = false;
    int captionMaxLength = 0; // 0 = no limit
    bool authorRequired = false;
    bool lgpdFlags = true; // ask "pessoas identificáveis?" / "autorização arquivada?" per photo
};

// One level of the program's hierarchy: who reports (Role::Municipality's tier), who
// reviews (Role::Urs's), who consolidates (Role::Central's). SES-MG: município, URS, nível
// central; the apoio program: apoiador, coordenação do COSEMS, CONASEMS. The tier decides
// the pages and the flow; the program names it and says what place it is set up with.
struct ProgramLevel
{
    Role role = Role::Municipality;
    QString key;   // command line and hub scopes: "municipality", "apoiador"…
    QString label; // pt-BR (data), or for the default levels the translated role label
    QString place; // "municipality" (an IBGE code), "urs" (a URS name), "uf" (a state), "none"
    // What an installation of this level does, as the first-run question offers it ("Uma
    // secretaria municipal de saúde (registra e envia seus relatórios mensais)"); empty: the label.
    QString about;
};

// "panel" (docs/programs.md §panel): what a coordination's panel of the program breaks its
// records down by, and the mix a catalogue is measured against (the apoio program's 70-20-10).
struct PanelReference
{
    QString field;                     // a choice field
    QList<QPair<QString, int>> shares; // each code of its catalogue → its share in %, adding up to 100
};

struct PanelDefinition
{
    QStringList breakdowns; // choice / multichoice fields, in the panel's order
    QList<PanelReference> references;
    // The quali search: text / longtext fields, and lists (their entries' text fields), whose
    // words the copy indexes (replica_text, schema 16) for the coordination's search.
    QStringList search;
    bool isEmpty() const { return breakdowns.isEmpty() && references.isEmpty() && search.isEmpty(); }
};

struct ReportRule
{
    int minRecords = 1;
    bool allowNoActions = true; // "sem ações no mês"
    int noActionsJustificationMinLength = 20;
};

class ProgramDefinition
{
public:
    ProgramDefinition(); // null program (no fields); isNull() is true

    // Strict: unknown keys, field types or roles, dangling catalogue or field references and
    // duplicate ids are errors whose pt-BR message names the problem.
    static Result<ProgramDefinition> fromJson(const QByteArray &json);
    static Result<ProgramDefinition> load(const QString &pathOrResource);
    // The embedded :/programs/ses_mg_mobilizacao.json (always valid: the tests load it).
    static ProgramDefinition sesMgMobilizacao();
    static QString sesMgMobilizacaoId() { return QStringLiteral("ses_mg_mobilizacao"); }
    static QString sesMgMobilizacaoResource() { return QStringLiteral(":/programs/ses_mg_mobilizacao.json"); }
    // The embedded :/programs/apoio_cosems.json: the CONASEMS–COSEMS apoio register.
    static ProgramDefinition apoioCosems();
    static QString apoioCosemsId() { return QStringLiteral("apoio_cosems"); }
    // Every program shipped with the application (every :/programs/*.json), SES-MG first, then
    // by file name.
    static QList<ProgramDefinition> embedded();
    static ProgramDefinition embeddedById(const QString &id); // a null program when none has that id
    // A program as a message names it: the embedded program's name, or the id itself.
    static QString embeddedNameOf(const QString &id);

    bool isNull() const;
    QString id() const;
    QString name() const;
    QString description() const;
    int version() const;
    QString reportingUnit() const; // "municipality" | "apoiador"
    QString period() const;        // "monthly" | "quadrimestral"
    int periodMonths() const;      // 1 (monthly) or 4 (quadrimestral); 0 for a null program
    // "state": municipality fields take the state's table (SES-MG: Minas Gerais);
    // "national": every Brazilian municipality, and "uf" fields (the apoio program).
    QString territory() const;
    int deadlineDay() const;       // day of the month after the period
    QString recordLabel() const;   // "Ação"
    QString recordLabelPlural() const;

    QList<FieldDefinition> fields() const;
    std::optional<FieldDefinition> field(const QString &id) const;
    QString fieldForRole(const QString &role) const; // field id, or empty when the program has none

    QStringList catalogueNames() const;
    QList<CatalogueEntry> catalogue(const QString &name) const;
    std::optional<CatalogueEntry> catalogueEntry(const QString &name, const QString &code) const;

    QList<RuleDefinition> rules() const;
    // The three levels in Role order, named as the program says ("levels"), or the
    // default names of SES-MG's.
    QList<ProgramLevel> levels() const;
    ProgramLevel level(Role role) const;
    bool namesLevel(Role role) const; // the file names this tier ("levels"), not SES-MG's default
    std::optional<Role> roleFromKey(const QString &key) const; // a level's key; nullopt otherwise
    PhotoRule photoRule() const;
    int minPhotosPerRecord() const { return photoRule().minPerRecord; }
    ReportRule reportRule() const;
    PanelDefinition panel() const; // empty when the program declares none

    // The program's period holding `date` (a month, or its quadrimestre).
    Period periodOf(const QDate &date) const;
    // A period key of this program ("2026-03", or "2026-Q1" for a quadrimestral one);
    // invalid for a malformed key or a key of the other kind.
    Period periodFromKey(const QString &key) const;
    bool isPeriodOf(const Period &p) const { return p.isValid() && p.months == periodMonths(); }

    // Deadline of a period: deadlineDay of the month after its last month (clamped to its last day).
    QDate deadline(const Period &p) const;
    bool isLate(const Period &p, const QDate &submittedOn) const; // late reports are marked, not refused

    QByteArray sourceJson() const; // the bytes it was loaded from (for publishing / hashing)

    // The same program with its labels, help texts and catalogue entries in `language`
    // ("en", "pt_BR"…) where the definition carries them ("translations"); for the
    // window. Codes, rules and everything stored stay the same.
    ProgramDefinition localized(const QString &language) const;
    // The labels as defined (pt-BR): what official documents (the report's PDF, CSV)
    // print, whatever the window's language.
    ProgramDefinition official() const;

    struct Data;

private:
    explicit ProgramDefinition(std::shared_ptr<const Data> d);
    std::shared_ptr<const Data> d;
};

} // namespace mobiliza::core
