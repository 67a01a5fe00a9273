#include <catch2/catch.hpp>

#include "core/program/validation_engine.h"
#include "tests/core/program/program_test_support.h"

using namespace mobiliza::core;
using namespace mobiliza::test;

namespace {

// The single finding at `path`; fails the test when there is none or several.
Finding only(const Findings &findings, const QString &path)
{
    const auto list = findingsAt(findings, path);
    INFO("path " << path.toStdString() << ", findings " << findings.size());
    for (const auto &f : findings)
        UNSCOPED_INFO(f.path.toStdString()
                      << " [" << f.code.toStdString() << "] " << f.message.toStdString());
    REQUIRE(list.size() == 1);
    return list.constFirst();
}

QString dump(const Findings &findings)
{
    QString s;
    for (const auto &f : findings)
        s += f.path + QStringLiteral(" [") + f.code + QStringLiteral("] ") + f.message + QLatin1Char('\n');
    return s;
}

Report apoioReport()
{
    Report r;
    r.uuid = newUuid();
    r.programId = QStringLiteral("cosems_apoio");
    r.municipality = QStringLiteral("apoiador-17");
    r.period = Period{2025, 6};
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
    r.actions << a;
    return r;
}

} // namespace

TEST_CASE("A fully valid SES-MG report has no findings")
{
    const Report report = makeSesReport(3);
    const Findings findings = sesEngine().validate(report);
    INFO(dump(findings).toStdString());
    CHECK(findings.isEmpty());
    CHECK_FALSE(hasBlocking(findings));
}

TEST_CASE("A missing title is a blocking finding that names the action and the field")
{
    Report report = makeSesReport(3);
    report.actions[2].values.remove(QStringLiteral("title"));
    const Finding f = only(sesEngine().validate(report), QStringLiteral("actions[2].fields.title"));
    CHECK(f.isBlocking());
    CHECK(f.code == QStringLiteral("required"));
    CHECK(f.message.contains(QStringLiteral("Ação 3")));
    CHECK(f.message.contains(QStringLiteral("Título da ação")));

    report.actions[2].values.insert(QStringLiteral("title"), QStringLiteral("   "));
    CHECK(only(sesEngine().validate(report), QStringLiteral("actions[2].fields.title")).code ==
          QStringLiteral("required"));
}

TEST_CASE("A date outside the report month is blocked")
{
    Report report = makeSesReport();
    report.actions[0].values.insert(QStringLiteral("date"), QStringLiteral("2025-04-01"));
    const Finding f = only(sesEngine().validate(report), QStringLiteral("actions[0].fields.date"));
    CHECK(f.code == QStringLiteral("date_outside_period"));
    CHECK(f.isBlocking());
    CHECK(f.message.contains(QStringLiteral("01/04/2025")));
    CHECK(f.message.contains(QStringLiteral("03/2025")));

    report.actions[0].values.insert(QStringLiteral("date"), QStringLiteral("2025-03-31")); // last day: fine
    CHECK(findingsAt(sesEngine().validate(report), QStringLiteral("actions[0].fields.date")).isEmpty());

    report.actions[0].values.insert(QStringLiteral("date"), QStringLiteral("31/03/2025")); // not ISO
    CHECK(only(sesEngine().validate(report), QStringLiteral("actions[0].fields.date")).code ==
          QStringLiteral("invalid_date"));
}

TEST_CASE("An end date before the start date is blocked")
{
    Report report = makeSesReport();
    report.actions[0].values.insert(QStringLiteral("date"), QStringLiteral("2025-03-14"));
    report.actions[0].values.insert(QStringLiteral("end_date"), QStringLiteral("2025-03-12"));
    const Finding f = only(sesEngine().validate(report), QStringLiteral("actions[0].fields.end_date"));
    CHECK(f.code == QStringLiteral("end_before_start"));
    CHECK(f.isBlocking());

    report.actions[0].values.insert(QStringLiteral("end_date"), QStringLiteral("2025-03-16"));
    CHECK(sesEngine().validate(report).isEmpty());

    report.actions[0].values.insert(QStringLiteral("end_date"),
                                    QStringLiteral("2025-04-02")); // leaves the month
    CHECK(only(sesEngine().validate(report), QStringLiteral("actions[0].fields.end_date")).code ==
          QStringLiteral("date_outside_period"));
}

TEST_CASE("People reached must be a whole number of at least zero")
{
    Report report = makeSesReport();
    const QString path = QStringLiteral("actions[0].fields.people_reached");
    auto codeFor = [&](const QJsonValue &value) {
        report.actions[0].values.insert(QStringLiteral("people_reached"), value);
        return only(sesEngine().validate(report), path).code;
    };
    CHECK(codeFor(-5) == QStringLiteral("min"));
    CHECK(codeFor(QStringLiteral("vinte")) == QStringLiteral("not_a_number"));
    CHECK(codeFor(QStringLiteral("20")) == QStringLiteral("not_a_number")); // strings are not numbers
    CHECK(codeFor(true) == QStringLiteral("not_a_number"));
    CHECK(codeFor(12.5) == QStringLiteral("not_integer"));
    CHECK(codeFor(5000000) == QStringLiteral("max"));
    report.actions[0].values.insert(QStringLiteral("people_reached"), 0);
    CHECK(findingsAt(sesEngine().validate(report), path).isEmpty());
    report.actions[0].values.remove(QStringLiteral("people_reached"));
    CHECK(only(sesEngine().validate(report), path).code == QStringLiteral("required"));
}

TEST_CASE("An unknown theme code is blocked")
{
    Report report = makeSesReport();
    const QString path = QStringLiteral("actions[0].fields.themes");
    report.actions[0].values.insert(QStringLiteral("themes"),
                                    QJsonArray{QStringLiteral("arboviroses"), QStringLiteral("astrologia")});
    Finding f = only(sesEngine().validate(report), path);
    CHECK(f.code == QStringLiteral("unknown_code"));
    CHECK(f.message.contains(QStringLiteral("astrologia")));

    report.actions[0].values.insert(QStringLiteral("themes"),
                                    QJsonArray{29}); // an e-SUS number, not our code
    CHECK(only(sesEngine().validate(report), path).code == QStringLiteral("unknown_code"));

    report.actions[0].values.insert(QStringLiteral("themes"), QStringLiteral("arboviroses")); // not a list
    CHECK(only(sesEngine().validate(report), path).code == QStringLiteral("wrong_type"));

    report.actions[0].values.insert(QStringLiteral("themes"), QJsonArray{});
    CHECK(only(sesEngine().validate(report), path).code == QStringLiteral("required"));
}

TEST_CASE("Choosing Outro requires the companion text")
{
    Report report = makeSesReport();
    report.actions[0].values.insert(QStringLiteral("themes"),
                                    QJsonArray{QStringLiteral("arboviroses"), QStringLiteral("outro")});
    const Finding f = only(sesEngine().validate(report), QStringLiteral("actions[0].fields.themes_other"));
    CHECK(f.code == QStringLiteral("other_required"));
    CHECK(f.isBlocking());
    CHECK(f.message.contains(QStringLiteral("Outro tema")));

    report.actions[0].values.insert(QStringLiteral("themes_other"), QStringLiteral("Saúde do viajante"));
    CHECK(sesEngine().validate(report).isEmpty());

    report.actions[0].values.insert(QStringLiteral("format"), QStringLiteral("outro"));
    CHECK(only(sesEngine().validate(report), QStringLiteral("actions[0].fields.format_other")).code ==
          QStringLiteral("other_required"));
}

TEST_CASE("An SES-MG action without a photo is blocked at its photos path")
{
    Report report = makeSesReport(2);
    report.actions[0].photos.clear();
    const Findings findings = sesEngine().validate(report);
    const Finding f = only(findings, QStringLiteral("actions[0].photos"));
    CHECK(f.code == QStringLiteral("min_photos"));
    CHECK(f.isBlocking());
    CHECK(f.message.contains(QStringLiteral("Ação 1")));
    CHECK(findingsAt(findings, QStringLiteral("actions[1].photos")).isEmpty());
}

TEST_CASE("Photos need a caption and are numbered across the report")
{
    Report report = makeSesReport(2);
    report.actions[0].photos << makePhoto(1);
    report.actions[1].photos[0].caption.clear();
    const Finding f = only(sesEngine().validate(report), QStringLiteral("actions[1].photos[0].caption"));
    CHECK(f.code == QStringLiteral("required"));
    CHECK(f.message.contains(QStringLiteral("Ação 2")));
    CHECK(f.message.contains(QStringLiteral("3"))); // Foto 3: two photos in Ação 1 before it

    report.actions[1].photos[0].caption = QStringLiteral("Legenda");
    report.actions[1].photos[0].sha256.clear();
    CHECK(only(sesEngine().validate(report), QStringLiteral("actions[1].photos[0].file")).code ==
          QStringLiteral("photo_file_missing"));
}

TEST_CASE("Identifiable people without authorization is a warning, not a block")
{
    Report report = makeSesReport();
    report.actions[0].photos[0].identifiablePeople = true;
    report.actions[0].photos[0].authorizationOnFile = false;
    const Findings findings = sesEngine().validate(report);
    const Finding f = only(findings, QStringLiteral("actions[0].photos[0].authorizationOnFile"));
    CHECK(f.code == QStringLiteral("photo_authorization"));
    CHECK(f.severity == Severity::Warning);
    CHECK_FALSE(hasBlocking(findings));

    report.actions[0].photos[0].authorizationOnFile = true;
    CHECK(sesEngine().validate(report).isEmpty());
}

TEST_CASE("An empty report is blocked unless it is reported as sem acoes with a justification")
{
    Report report = makeSesReport(0);
    Finding f = only(sesEngine().validate(report), QStringLiteral("report.actions"));
    CHECK(f.code == QStringLiteral("no_actions"));
    CHECK(f.isBlocking());

    report.noActions = true;
    report.noActionsJustification = QStringLiteral("Equipe de férias coletivas e unidade em reforma no mês.");
    CHECK(sesEngine().validate(report).isEmpty());

    report.noActionsJustification = QStringLiteral("  sem ações   "); // 9 characters once trimmed
    f = only(sesEngine().validate(report), QStringLiteral("report.noActionsJustification"));
    CHECK(f.code == QStringLiteral("justification_too_short"));
    CHECK(f.isBlocking());
    CHECK(f.message.contains(QStringLiteral("20")));

    report.noActionsJustification.clear();
    CHECK(only(sesEngine().validate(report), QStringLiteral("report.noActionsJustification")).isBlocking());

    report.noActionsJustification = QStringLiteral("Equipe de férias coletivas e unidade em reforma no mês.");
    report.actions << makeSesAction(0); // contradiction: "no actions" with an action
    CHECK(only(sesEngine().validate(report), QStringLiteral("report.actions")).code ==
          QStringLiteral("no_actions_with_actions"));
}

TEST_CASE("Report-level checks: program and period")
{
    Report report = makeSesReport();
    report.programId = QStringLiteral("cosems_apoio");
    CHECK(only(sesEngine().validate(report), QStringLiteral("report")).code ==
          QStringLiteral("wrong_program"));
    report.programId = QStringLiteral("ses_mg_mobilizacao");
    report.period = Period{};
    CHECK(only(sesEngine().validate(report), QStringLiteral("report.period")).isBlocking());
}

TEST_CASE("Values of the wrong JSON type are findings, never crashes")
{
    const ProgramDefinition p = ProgramDefinition::sesMgMobilizacao();
    const QList<QJsonValue> garbage = {QJsonValue(QJsonObject{{QStringLiteral("x"), 1}}),
                                       QJsonValue(QJsonArray{1, QJsonObject{}, QJsonValue::Null}),
                                       QJsonValue(-1e300), QJsonValue(QStringLiteral("\xF0\x9F\x92\xA5"))};
    for (const auto &field : p.fields()) {
        if (field.type == field_type::Partners)
            continue; // partners live in Action::partnerUuids
        for (const auto &value : garbage) {
            if ((field.isTextual() && value.isString()) ||
                (field.type == field_type::Integer && value.isDouble() && !field.min))
                continue; // a legitimate value for this type
            Report report = makeSesReport();
            report.actions[0].values.insert(field.id, value);
            const Findings findings = sesEngine().validate(report);
            INFO(field.id.toStdString() << ": " << dump(findings).toStdString());
            const auto here = findingsAt(findings, QStringLiteral("actions[0].fields.") + field.id);
            REQUIRE_FALSE(here.isEmpty());
            CHECK(here.constFirst().isBlocking());
            CHECK_FALSE(here.constFirst().message.isEmpty());
        }
    }
}

TEST_CASE("validateAction gives live feedback with the action's own number")
{
    Report report = makeSesReport(3);
    Action edited = report.actions[1];
    edited.values.remove(QStringLiteral("description"));
    edited.photos.clear();
    const Findings findings = sesEngine().validateAction(report, edited);
    CHECK(only(findings, QStringLiteral("actions[1].fields.description"))
              .message.contains(QStringLiteral("Ação 2")));
    CHECK(only(findings, QStringLiteral("actions[1].photos")).code == QStringLiteral("min_photos"));
    CHECK(findingsAt(findings, QStringLiteral("report.actions"))
              .isEmpty()); // report-level checks are not repeated

    Action fresh = makeSesAction(3); // not in the report yet
    fresh.values.insert(QStringLiteral("date"), QStringLiteral("2025-02-28"));
    CHECK(only(sesEngine().validateAction(report, fresh), QStringLiteral("actions[3].fields.date")).code ==
          QStringLiteral("date_outside_period"));
}

TEST_CASE("A record of the apoio program validates against its own rules")
{
    const ValidationEngine apoio(loadApoio());
    Report report = apoioReport();
    SECTION("photos are optional there")
    {
        const Findings findings = apoio.validate(report);
        INFO(dump(findings).toStdString());
        CHECK(findings.isEmpty());
    }
    SECTION("but the same lack of photo is blocking for SES-MG")
    {
        Report ses = makeSesReport();
        ses.actions[0].photos.clear();
        CHECK(hasBlocking(sesEngine().validate(ses)));
        CHECK(only(sesEngine().validate(ses), QStringLiteral("actions[0].photos")).code ==
              QStringLiteral("min_photos"));
    }
    SECTION("the record label comes from the program")
    {
        report.actions[0].values.remove(QStringLiteral("results"));
        const Finding f = only(apoio.validate(report), QStringLiteral("actions[0].fields.results"));
        CHECK(f.message.contains(QStringLiteral("Apoio 1")));
        CHECK(f.message.contains(QStringLiteral("Resultados")));
    }
    SECTION("required_if: a municipal scope needs the municipality")
    {
        report.actions[0].values.insert(QStringLiteral("scope"), QStringLiteral("municipio"));
        const Finding f = only(apoio.validate(report), QStringLiteral("actions[0].fields.municipality"));
        CHECK(f.code == QStringLiteral("required"));
        CHECK(f.isBlocking());
        report.actions[0].values.insert(QStringLiteral("municipality"), QStringLiteral("3106200"));
        CHECK(apoio.validate(report).isEmpty());
        report.actions[0].values.insert(QStringLiteral("municipality"), QStringLiteral("310620"));
        CHECK(only(apoio.validate(report), QStringLiteral("actions[0].fields.municipality")).code ==
              QStringLiteral("unknown_municipality"));
    }
    SECTION("reference checks, when given, reject codes outside the table")
    {
        ReferenceChecks checks;
        checks.isRegiaoSaude = [](const QString &code) { return code == QStringLiteral("31001"); };
        const ValidationEngine withReference(loadApoio(), checks);
        CHECK(withReference.validate(report).isEmpty());
        report.actions[0].values.insert(QStringLiteral("health_region"), QStringLiteral("31999"));
        CHECK(only(withReference.validate(report), QStringLiteral("actions[0].fields.health_region")).code ==
              QStringLiteral("unknown_regiao"));
    }
    SECTION("activities have a minimum length")
    {
        report.actions[0].values.insert(QStringLiteral("activities"), QStringLiteral("Reunião."));
        CHECK(only(apoio.validate(report), QStringLiteral("actions[0].fields.activities")).code ==
              QStringLiteral("min_length"));
    }
    SECTION("the SES-MG engine rejects an apoio record")
    {
        const Findings findings = sesEngine().validate(report);
        CHECK(only(findings, QStringLiteral("report")).code == QStringLiteral("wrong_program"));
        CHECK(hasBlocking(findings));
    }
}

TEST_CASE("The findings of an action come in form order")
{
    Report report = makeSesReport();
    report.actions[0].values.remove(QStringLiteral("description"));
    report.actions[0].values.insert(QStringLiteral("date"),
                                    QStringLiteral("2025-05-01")); // checked by a rule
    report.actions[0].photos.clear();
    const Findings findings = sesEngine().validate(report);
    REQUIRE(findings.size() == 3);
    CHECK(findings.at(0).path == QStringLiteral("actions[0].fields.date"));
    CHECK(findings.at(1).path == QStringLiteral("actions[0].fields.description"));
    CHECK(findings.at(2).path == QStringLiteral("actions[0].photos"));
}
