// The shared validation engine refuses values of the wrong JSON type (issue 8): null, [] or {}
// where the program says text, a date, a flag or coordinates is a blocking finding, even in an
// optional field, on the client (conclude) and on the hub (the push) alike.
#include <catch2/catch.hpp>

#include "core/program/validation_engine.h"
#include "tests/core/program/program_test_support.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace mobiliza::core;
using namespace mobiliza::test;

namespace {

// The one finding of `field` in action 0 once it holds `value`.
Finding findingFor(const ValidationEngine &engine, Report report, const QString &field,
                   const QJsonValue &value)
{
    report.actions[0].values.insert(field, value);
    const Findings all = engine.validate(report);
    const Findings list = findingsAt(all, QStringLiteral("actions[0].fields.") + field);
    INFO(
        field.toStdString() << " = "
                            << QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact).toStdString());
    for (const auto &f : all)
        UNSCOPED_INFO(f.path.toStdString()
                      << " [" << f.code.toStdString() << "] " << f.message.toStdString());
    REQUIRE(list.size() == 1);
    return list.constFirst();
}

} // namespace

TEST_CASE("Optional fields holding null, a list or an object where the program says text, a date or a flag "
          "are blocking findings")
{
    const Report report = makeSesReport();
    REQUIRE(sesEngine().validate(report).isEmpty());

    struct Case
    {
        QString field;
        QString code;
    };
    // All optional in SES-MG: a long text, a short text, a flag, a date, coordinates.
    const QList<Case> cases{{QStringLiteral("materials"), QStringLiteral("wrong_type")},
                            {QStringLiteral("themes_other"), QStringLiteral("wrong_type")},
                            {QStringLiteral("people_reached_estimate"), QStringLiteral("wrong_type")},
                            {QStringLiteral("end_date"), QStringLiteral("invalid_date")}};
    for (const Case &c : cases) {
        for (const QJsonValue &wrong :
             {QJsonValue(QJsonValue::Null), QJsonValue(QJsonArray{}), QJsonValue(QJsonObject{})}) {
            const Finding f = findingFor(sesEngine(), report, c.field, wrong);
            CHECK(f.code == c.code);
            CHECK(f.isBlocking());
            CHECK(f.message.startsWith(QStringLiteral("Ação 1: ")));
        }
    }
    // An empty text for a flag is not "no answer" either.
    CHECK(findingFor(sesEngine(), report, QStringLiteral("people_reached_estimate"), QString()).code ==
          QStringLiteral("wrong_type"));
    // Coordinates are an object: null, a list or a text are not.
    for (const QJsonValue &wrong :
         {QJsonValue(QJsonValue::Null), QJsonValue(QJsonArray{}), QJsonValue(QString())})
        CHECK(findingFor(sesEngine(), report, QStringLiteral("coordinates"), wrong).code ==
              QStringLiteral("invalid_coordinates"));
    // A required field holding null is refused for its type, not silently "empty".
    CHECK(findingFor(sesEngine(), report, QStringLiteral("title"), QJsonValue(QJsonValue::Null)).code ==
          QStringLiteral("wrong_type"));
    CHECK(findingFor(sesEngine(), report, QStringLiteral("people_reached"), QJsonArray{}).code ==
          QStringLiteral("not_a_number"));
}

TEST_CASE("Empty values of the right type, and absent ones, still mean no answer in optional fields")
{
    Report report = makeSesReport();
    QJsonObject &values = report.actions[0].values;
    values.insert(QStringLiteral("materials"), QString()); // the editor never writes it, but it is text
    values.insert(QStringLiteral("themes_other"), QStringLiteral("  "));
    values.insert(QStringLiteral("coordinates"), QJsonObject{}); // an object, empty
    values.remove(QStringLiteral("end_date"));
    values.remove(QStringLiteral("people_reached_estimate"));
    CHECK(sesEngine().validate(report).isEmpty());

    // A multiple choice takes a list: an empty one is "no answer", null is not.
    const Finding f = findingFor(sesEngine(), report, QStringLiteral("themes"), QJsonValue(QJsonValue::Null));
    CHECK(f.code == QStringLiteral("wrong_type"));
    CHECK(findingFor(sesEngine(), report, QStringLiteral("themes"), QJsonArray{}).code ==
          QStringLiteral("required"));
}

TEST_CASE(
    "Municipality and health region fields take a text code: null or a list is refused even when optional")
{
    auto apoio =
        ProgramDefinition::load(sourcePath(QStringLiteral("tests/core/program/fixtures/cosems_apoio.json")));
    REQUIRE(apoio.ok());
    const ValidationEngine engine(apoio.value());
    // As in test_validation_engine.cpp: a valid apoio record at the level of a health region.
    Report report;
    report.uuid = newUuid();
    report.programId = QStringLiteral("cosems_apoio");
    report.municipality = QStringLiteral("apoiador-17");
    report.period = Period{2025, 6};
    Action a;
    a.uuid = newUuid();
    a.values = QJsonObject{
        {QStringLiteral("date"), QStringLiteral("2025-06-03")},
        {QStringLiteral("scope"), QStringLiteral("regiao_saude")},
        {QStringLiteral("health_region"), QStringLiteral("31001")},
        {QStringLiteral("support_type"), QStringLiteral("reuniao_cir")},
        {QStringLiteral("modality"), QStringLiteral("virtual")},
        {QStringLiteral("learning_mode"), QStringLiteral("interacao_social")},
        {QStringLiteral("participants"), 14},
        {QStringLiteral("topics"),
         QJsonArray{QStringLiteral("regionalizacao"), QStringLiteral("planejamento")}},
        {QStringLiteral("activities"),
         QStringLiteral("Apoio à pauta da CIR sobre a PPI e o plano regional.")},
        {QStringLiteral("results"), QStringLiteral("Pauta pactuada.")},
    };
    report.actions << a;
    const Findings baseline = engine.validate(report);
    for (const auto &f : baseline)
        UNSCOPED_INFO(f.path.toStdString()
                      << " [" << f.code.toStdString() << "] " << f.message.toStdString());
    REQUIRE_FALSE(hasBlocking(baseline));

    CHECK(findingFor(engine, report, QStringLiteral("municipality"), QJsonValue(QJsonValue::Null)).code ==
          QStringLiteral("unknown_municipality"));
    CHECK(findingFor(engine, report, QStringLiteral("municipality"), QJsonArray{}).isBlocking());
    CHECK(findingFor(engine, report, QStringLiteral("health_region"), QJsonObject{}).code ==
          QStringLiteral("unknown_regiao"));
    CHECK(findingFor(engine, report, QStringLiteral("difficulties"), QJsonValue(QJsonValue::Null)).code ==
          QStringLiteral("wrong_type"));
}
