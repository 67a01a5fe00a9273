#include <catch2/catch.hpp>

#include "core/program/program_definition.h"
#include "tests/core/program/program_test_support.h"

#include <QJsonDocument>
#include <QSet>

using namespace mobiliza::core;
using mobiliza::test::loadApoio;

namespace {

QByteArray toJson(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// A small valid program that the error tests break one piece at a time.
QJsonObject minimalProgram()
{
    return QJsonObject{
        {QStringLiteral("formatVersion"), 1},
        {QStringLiteral("id"), QStringLiteral("mini")},
        {QStringLiteral("name"), QStringLiteral("Mini")},
        {QStringLiteral("version"), 3},
        {QStringLiteral("reportingUnit"), QStringLiteral("municipality")},
        {QStringLiteral("period"), QStringLiteral("monthly")},
        {QStringLiteral("deadlineDay"), 10},
        {QStringLiteral("recordLabel"), QStringLiteral("Ação")},
        {QStringLiteral("catalogues"),
         QJsonObject{{QStringLiteral("cores"),
                      QJsonArray{QJsonObject{{QStringLiteral("code"), QStringLiteral("az")},
                                             {QStringLiteral("label"), QStringLiteral("Azul")}},
                                 QJsonObject{{QStringLiteral("code"), QStringLiteral("outro")},
                                             {QStringLiteral("label"), QStringLiteral("Outro")}}}}}},
        {QStringLiteral("fields"),
         QJsonArray{
             QJsonObject{{QStringLiteral("id"), QStringLiteral("title")},
                         {QStringLiteral("label"), QStringLiteral("Título")},
                         {QStringLiteral("type"), QStringLiteral("text")},
                         {QStringLiteral("role"), QStringLiteral("title")}},
             QJsonObject{{QStringLiteral("id"), QStringLiteral("cor")},
                         {QStringLiteral("label"), QStringLiteral("Cor")},
                         {QStringLiteral("type"), QStringLiteral("choice")},
                         {QStringLiteral("catalogue"), QStringLiteral("cores")}},
         }},
    };
}

QJsonObject withField(QJsonObject program, int index, const QString &key, const QJsonValue &value)
{
    QJsonArray fields = program.value(QStringLiteral("fields")).toArray();
    QJsonObject f = fields.at(index).toObject();
    f.insert(key, value);
    fields[index] = f;
    program.insert(QStringLiteral("fields"), fields);
    return program;
}

Error loadError(const QJsonObject &program)
{
    const auto result = ProgramDefinition::fromJson(toJson(program));
    REQUIRE_FALSE(result.ok());
    return result.error();
}

// e-SUS APS "Ficha de Atividade Coletiva" code lists (shared/data/esus_atividade_coletiva_dicionario.csv)
const QSet<QString> kEsusTemasParaSaude = {QStringLiteral("29"), QStringLiteral("19"), QStringLiteral("1"),
                                           QStringLiteral("4"),  QStringLiteral("5"),  QStringLiteral("7"),
                                           QStringLiteral("8"),  QStringLiteral("10"), QStringLiteral("13"),
                                           QStringLiteral("14"), QStringLiteral("15"), QStringLiteral("6"),
                                           QStringLiteral("16"), QStringLiteral("17"), QStringLiteral("18"),
                                           QStringLiteral("31"), QStringLiteral("32"), QStringLiteral("21")};
const QStringList kEsusPublicoAlvo = {QStringLiteral("1"),  QStringLiteral("2"),  QStringLiteral("3"),
                                      QStringLiteral("4"),  QStringLiteral("5"),  QStringLiteral("6"),
                                      QStringLiteral("7"),  QStringLiteral("8"),  QStringLiteral("9"),
                                      QStringLiteral("10"), QStringLiteral("12"), QStringLiteral("13"),
                                      QStringLiteral("14"), QStringLiteral("15"), QStringLiteral("16"),
                                      QStringLiteral("17"), QStringLiteral("18")};

} // namespace

TEST_CASE("The embedded SES-MG program loads with the fields of BRIEF section 3")
{
    const auto loaded = ProgramDefinition::load(ProgramDefinition::sesMgMobilizacaoResource());
    INFO(loaded.error().message.toStdString());
    REQUIRE(loaded.ok());
    const ProgramDefinition p = ProgramDefinition::sesMgMobilizacao();
    REQUIRE_FALSE(p.isNull());
    CHECK(p.id() == QStringLiteral("ses_mg_mobilizacao"));
    CHECK(p.version() >= 1);
    CHECK(p.reportingUnit() == QStringLiteral("municipality"));
    CHECK(p.period() == QStringLiteral("monthly"));
    CHECK(p.deadlineDay() == 10);
    CHECK(p.recordLabel() == QStringLiteral("Ação"));
    CHECK(p.minPhotosPerRecord() == 1);
    CHECK(p.photoRule().captionRequired);
    CHECK(p.reportRule().allowNoActions);
    CHECK(p.reportRule().noActionsJustificationMinLength == 20);
    CHECK_FALSE(p.sourceJson().isEmpty());

    // every field of BRIEF §3, found by role, with the expected type and requiredness
    struct Expect
    {
        const char *role;
        QLatin1String type;
        bool required;
    };
    const Expect expected[] = {
        {"title", field_type::Text, true},
        {"date", field_type::Date, true},
        {"end_date", field_type::Date, false},
        {"themes", field_type::MultiChoice, true},
        {"format", field_type::Choice, true},
        {"place", field_type::Text, true},
        {"coordinates", field_type::Coordinates, false},
        {"audience", field_type::MultiChoice, true},
        {"people_reached", field_type::Integer, true},
        {"partners", field_type::Partners, false},
        {"materials", field_type::LongText, false},
        {"description", field_type::LongText, true},
    };
    for (const auto &e : expected) {
        INFO(e.role);
        const QString id = p.fieldForRole(QString::fromLatin1(e.role));
        REQUIRE_FALSE(id.isEmpty());
        const auto f = p.field(id);
        REQUIRE(f.has_value());
        CHECK(f->type == e.type);
        CHECK(f->required == e.required);
        CHECK_FALSE(f->label.isEmpty());
    }
    const auto people = p.field(p.fieldForRole(QStringLiteral("people_reached")));
    CHECK(people->min == 0.0);
    REQUIRE_FALSE(people->estimateField.isEmpty());
    CHECK(p.field(people->estimateField)->type == field_type::Boolean);
    CHECK(p.field(people->estimateField)->companionOf == people->id);
    const auto themes = p.field(p.fieldForRole(QStringLiteral("themes")));
    CHECK(themes->otherValue == QStringLiteral("outro"));
    CHECK(p.field(themes->otherField)->isTextual());
    CHECK(p.fieldForRole(QStringLiteral("no_such_role")).isEmpty());
    CHECK_FALSE(p.field(QStringLiteral("no_such_field")).has_value());
}

TEST_CASE("SES-MG catalogues are non-empty and every field catalogue resolves")
{
    const ProgramDefinition p = ProgramDefinition::sesMgMobilizacao();
    for (const char *name : {"temas", "formatos", "publico_alvo", "setores_parceiros"}) {
        INFO(name);
        CHECK(p.catalogueNames().contains(QString::fromLatin1(name)));
        CHECK_FALSE(p.catalogue(QString::fromLatin1(name)).isEmpty());
    }
    int withCatalogue = 0;
    for (const auto &f : p.fields()) {
        if (!f.hasCatalogue())
            continue;
        ++withCatalogue;
        INFO(f.id.toStdString());
        CHECK(p.catalogueNames().contains(f.catalogue));
        if (!f.otherValue.isEmpty())
            CHECK(p.catalogueEntry(f.catalogue, f.otherValue).has_value());
    }
    CHECK(withCatalogue == 3);

    // formats of BRIEF §3, "outro" included
    const auto formats = p.catalogue(QStringLiteral("formatos"));
    CHECK(formats.size() == 12);
    CHECK(p.catalogueEntry(QStringLiteral("formatos"), QStringLiteral("mobilizacao_digital")).has_value());
    CHECK(formats.constLast().code == QStringLiteral("outro"));

    // público-alvo: exactly the e-SUS PublicoAlvo list, with its codes
    QStringList audience;
    for (const auto &e : p.catalogue(QStringLiteral("publico_alvo"))) {
        audience << e.code;
        CHECK(e.esusCode == e.code);
    }
    CHECK(audience == kEsusPublicoAlvo);

    // partner sectors of BRIEF §4
    CHECK(p.catalogue(QStringLiteral("setores_parceiros")).size() == 10);
}

TEST_CASE("SES-MG themes map to e-SUS TemasParaSaude codes where one exists")
{
    const ProgramDefinition p = ProgramDefinition::sesMgMobilizacao();
    const auto themes = p.catalogue(QStringLiteral("temas"));
    REQUIRE(themes.size() >= 24);
    int mapped = 0;
    QSet<QString> codes;
    for (const auto &t : themes) {
        INFO(t.code.toStdString());
        CHECK_FALSE(codes.contains(t.code));
        codes.insert(t.code);
        if (!t.esusCode.isEmpty()) {
            CHECK(kEsusTemasParaSaude.contains(t.esusCode));
            ++mapped;
        }
    }
    CHECK(mapped >= 15);
    auto esusOf = [&](const char *code) {
        return p.catalogueEntry(QStringLiteral("temas"), QString::fromLatin1(code))->esusCode;
    };
    CHECK(esusOf("arboviroses") == QStringLiteral("29"));
    CHECK(esusOf("aleitamento_materno") == QStringLiteral("31"));
    CHECK(esusOf("saude_mental") == QStringLiteral("16"));
    CHECK(esusOf("tabagismo") == QStringLiteral("7"));
    CHECK(esusOf("hiv_ist") == QStringLiteral("17"));
    CHECK(esusOf("vacinacao").isEmpty()); // no e-SUS theme: left unmapped, not forced
    CHECK(esusOf("outro") == QStringLiteral("21"));
    CHECK(themes.constLast().code == QStringLiteral("outro"));
}

TEST_CASE("The COSEMS apoio program is a second JSON file loaded with no code changes")
{
    const ProgramDefinition apoio = loadApoio();
    CHECK(apoio.id() == QStringLiteral("cosems_apoio"));
    CHECK(apoio.reportingUnit() == QStringLiteral("apoiador"));
    CHECK(apoio.recordLabel() == QStringLiteral("Apoio"));
    CHECK(apoio.minPhotosPerRecord() == 0);
    CHECK(apoio.deadlineDay() == 5);
    CHECK(apoio.fieldForRole(QStringLiteral("title")).isEmpty());
    CHECK(apoio.fieldForRole(QStringLiteral("people_reached")) == QStringLiteral("participants"));
    CHECK(apoio.fieldForRole(QStringLiteral("themes")) == QStringLiteral("topics"));
    QStringList types;
    for (const auto &e : apoio.catalogue(QStringLiteral("tipos_apoio")))
        types << e.code;
    CHECK(types == QStringList{QStringLiteral("visita_tecnica"), QStringLiteral("reuniao_cir"),
                               QStringLiteral("oficina"), QStringLiteral("encontro"),
                               QStringLiteral("mentoria"), QStringLiteral("grupo_discussao"),
                               QStringLiteral("outro")});
    CHECK(apoio.catalogue(QStringLiteral("aprendizagem_70_20_10")).size() == 3);
    CHECK(apoio.field(QStringLiteral("municipality"))->type == field_type::Municipality);
    CHECK(apoio.field(QStringLiteral("health_region"))->type == field_type::HealthRegion);
    int requiredIf = 0;
    for (const auto &r : apoio.rules())
        requiredIf += r.kind == QStringLiteral("required_if") ? 1 : 0;
    CHECK(requiredIf == 2);
}

TEST_CASE("The minimal program used by the loader tests is valid")
{
    const auto result = ProgramDefinition::fromJson(toJson(minimalProgram()));
    INFO(result.error().message.toStdString());
    REQUIRE(result.ok());
    CHECK(result->version() == 3);
    CHECK(result->recordLabelPlural() == QStringLiteral("Ação"));
    CHECK(result->minPhotosPerRecord() == 0);
    CHECK(result->reportRule().minRecords == 1);
    CHECK(result->fieldForRole(QStringLiteral("title")) == QStringLiteral("title"));
}

TEST_CASE("The loader rejects invalid JSON")
{
    for (const QByteArray &bad : {QByteArray("{\"id\": "), QByteArray("[1, 2]"), QByteArray("")}) {
        const auto result = ProgramDefinition::fromJson(bad);
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().code == QStringLiteral("invalid_json"));
        CHECK_FALSE(result.error().message.isEmpty());
    }
}

TEST_CASE("The loader rejects an unknown field type and names it")
{
    const Error e =
        loadError(withField(minimalProgram(), 0, QStringLiteral("type"), QStringLiteral("rich_text")));
    CHECK(e.code == QStringLiteral("invalid_program"));
    CHECK(e.message.contains(QStringLiteral("rich_text")));
    CHECK(e.message.contains(QStringLiteral("title")));
}

TEST_CASE("The loader rejects a dangling catalogue reference and names it")
{
    const Error e =
        loadError(withField(minimalProgram(), 1, QStringLiteral("catalogue"), QStringLiteral("colores")));
    CHECK(e.code == QStringLiteral("invalid_program"));
    CHECK(e.message.contains(QStringLiteral("colores")));
    CHECK(e.message.contains(QStringLiteral("cor")));
}

TEST_CASE("The loader rejects a duplicate field id and names it")
{
    QJsonObject p = minimalProgram();
    QJsonArray fields = p.value(QStringLiteral("fields")).toArray();
    QJsonObject dup = fields.at(1).toObject();
    dup.insert(QStringLiteral("label"), QStringLiteral("Cor de novo"));
    fields.append(dup);
    p.insert(QStringLiteral("fields"), fields);
    const Error e = loadError(p);
    CHECK(e.message.contains(QStringLiteral("“cor”")));
}

TEST_CASE("The loader rejects other structural mistakes")
{
    SECTION("unknown key (a typo)")
    {
        const Error e = loadError(withField(minimalProgram(), 0, QStringLiteral("requried"), true));
        CHECK(e.message.contains(QStringLiteral("requried")));
    }
    SECTION("unknown role")
    {
        const Error e =
            loadError(withField(minimalProgram(), 0, QStringLiteral("role"), QStringLiteral("headline")));
        CHECK(e.message.contains(QStringLiteral("headline")));
    }
    SECTION("role on a field of the wrong type")
    {
        const Error e =
            loadError(withField(minimalProgram(), 1, QStringLiteral("role"), QStringLiteral("date")));
        CHECK(e.message.contains(QStringLiteral("cor")));
    }
    SECTION("choice without a catalogue")
    {
        QJsonObject p = minimalProgram();
        QJsonArray fields = p.value(QStringLiteral("fields")).toArray();
        QJsonObject f = fields.at(1).toObject();
        f.remove(QStringLiteral("catalogue"));
        fields[1] = f;
        p.insert(QStringLiteral("fields"), fields);
        CHECK(loadError(p).message.contains(QStringLiteral("cor")));
    }
    SECTION("the other value is not in the catalogue")
    {
        const Error e = loadError(withField(minimalProgram(), 1, QStringLiteral("other"),
                                            QJsonObject{{QStringLiteral("value"), QStringLiteral("outros")},
                                                        {QStringLiteral("field"), QStringLiteral("title")}}));
        CHECK(e.message.contains(QStringLiteral("outros")));
    }
    SECTION("the other text field does not exist")
    {
        const Error e =
            loadError(withField(minimalProgram(), 1, QStringLiteral("other"),
                                QJsonObject{{QStringLiteral("value"), QStringLiteral("outro")},
                                            {QStringLiteral("field"), QStringLiteral("cor_outra")}}));
        CHECK(e.message.contains(QStringLiteral("cor_outra")));
    }
    SECTION("min on a text field")
    {
        const Error e = loadError(withField(minimalProgram(), 0, QStringLiteral("min"), 0));
        CHECK(e.message.contains(QStringLiteral("min")));
    }
    SECTION("a rule refers to a missing field")
    {
        QJsonObject p = minimalProgram();
        p.insert(QStringLiteral("rules"),
                 QJsonArray{QJsonObject{{QStringLiteral("rule"), QStringLiteral("date_in_period")},
                                        {QStringLiteral("field"), QStringLiteral("quando")}}});
        CHECK(loadError(p).message.contains(QStringLiteral("quando")));
    }
    SECTION("a rule of unknown kind")
    {
        QJsonObject p = minimalProgram();
        p.insert(QStringLiteral("rules"),
                 QJsonArray{QJsonObject{{QStringLiteral("rule"), QStringLiteral("must_be_nice")}}});
        CHECK(loadError(p).message.contains(QStringLiteral("must_be_nice")));
    }
    SECTION("a required_if compares with a code that is not in the catalogue")
    {
        QJsonObject p = minimalProgram();
        p.insert(QStringLiteral("rules"),
                 QJsonArray{QJsonObject{{QStringLiteral("rule"), QStringLiteral("required_if")},
                                        {QStringLiteral("field"), QStringLiteral("title")},
                                        {QStringLiteral("when"),
                                         QJsonObject{{QStringLiteral("field"), QStringLiteral("cor")},
                                                     {QStringLiteral("equals"), QStringLiteral("verde")}}}}});
        CHECK(loadError(p).message.contains(QStringLiteral("verde")));
    }
    SECTION("duplicate catalogue code")
    {
        QJsonObject p = minimalProgram();
        p.insert(QStringLiteral("catalogues"),
                 QJsonObject{{QStringLiteral("cores"),
                              QJsonArray{QJsonObject{{QStringLiteral("code"), QStringLiteral("az")},
                                                     {QStringLiteral("label"), QStringLiteral("Azul")}},
                                         QJsonObject{{QStringLiteral("code"), QStringLiteral("az")},
                                                     {QStringLiteral("label"), QStringLiteral("Anil")}}}}});
        CHECK(loadError(p).message.contains(QStringLiteral("“az”")));
    }
    SECTION("deadline day out of range and wrong period")
    {
        QJsonObject p = minimalProgram();
        p.insert(QStringLiteral("deadlineDay"), 40);
        p.insert(QStringLiteral("period"), QStringLiteral("weekly"));
        const Error e = loadError(p);
        CHECK(e.message.contains(QStringLiteral("deadlineDay")));
        CHECK(e.message.contains(QStringLiteral("weekly")));
    }
    SECTION("a newer format version")
    {
        QJsonObject p = minimalProgram();
        p.insert(QStringLiteral("formatVersion"), 2);
        CHECK(loadError(p).code == QStringLiteral("unsupported_program"));
    }
    SECTION("a missing name")
    {
        QJsonObject p = minimalProgram();
        p.remove(QStringLiteral("name"));
        CHECK(loadError(p).message.contains(QStringLiteral("name")));
    }
}

TEST_CASE("Loading a missing file is an io error")
{
    const auto result = ProgramDefinition::load(QStringLiteral("/nonexistent/program.json"));
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().code == QStringLiteral("io"));
    CHECK(result.error().message.contains(QStringLiteral("/nonexistent/program.json")));
}

TEST_CASE("Deadline is day 10 of the next month and late reports are marked")
{
    const ProgramDefinition p = ProgramDefinition::sesMgMobilizacao();
    CHECK(p.deadline(Period{2025, 3}) == QDate(2025, 4, 10));
    CHECK(p.deadline(Period{2025, 12}) == QDate(2026, 1, 10)); // December → January of the next year
    CHECK_FALSE(p.isLate(Period{2025, 3}, QDate(2025, 4, 10)));
    CHECK(p.isLate(Period{2025, 3}, QDate(2025, 4, 11)));
    CHECK_FALSE(p.isLate(Period{2025, 12}, QDate(2026, 1, 10)));
    CHECK(p.isLate(Period{2025, 12}, QDate(2026, 1, 11)));
    CHECK_FALSE(p.isLate(Period{2025, 3}, QDate(2025, 3, 31))); // early is fine
    CHECK_FALSE(p.deadline(Period{}).isValid());
    CHECK_FALSE(ProgramDefinition().deadline(Period{2025, 3}).isValid());
}

TEST_CASE("A deadline day past the end of the month is clamped to its last day")
{
    QJsonObject json = minimalProgram();
    json.insert(QStringLiteral("deadlineDay"), 31);
    const auto p = ProgramDefinition::fromJson(toJson(json));
    REQUIRE(p.ok());
    CHECK(p->deadline(Period{2024, 1}) == QDate(2024, 2, 29));
    CHECK(p->deadline(Period{2025, 1}) == QDate(2025, 2, 28));
    CHECK(p->deadline(Period{2025, 2}) == QDate(2025, 3, 31));
}

TEST_CASE("SES-MG in English for the window: labels, help and catalogue entries, the official labels kept")
{
    const ProgramDefinition pt = ProgramDefinition::sesMgMobilizacao();
    const ProgramDefinition en = pt.localized(QStringLiteral("en"));
    CHECK(en.field(QStringLiteral("title"))->label == QStringLiteral("Action title"));
    CHECK(en.field(QStringLiteral("title"))->help.startsWith(QStringLiteral("A short name")));
    CHECK(en.recordLabel() == QStringLiteral("Action"));
    CHECK(en.catalogueEntry(QStringLiteral("temas"), QStringLiteral("vacinacao"))->label ==
          QStringLiteral("Vaccination"));
    CHECK(en.catalogueEntry(QStringLiteral("publico_alvo"), QStringLiteral("7"))->label ==
          QStringLiteral("Pregnant woman"));
    // Every field and catalogue entry has its English words (none left in Portuguese).
    for (const FieldDefinition &f : en.fields())
        CHECK(f.label != pt.field(f.id)->label);
    for (const QString &name : en.catalogueNames())
        for (const CatalogueEntry &e : en.catalogue(name)) {
            INFO(name.toStdString() << " " << e.code.toStdString());
            CHECK(e.label != pt.catalogueEntry(name, e.code)->label);
        }
    // Codes, rules and the rest are the same program.
    CHECK(en.id() == pt.id());
    CHECK(en.fields().size() == pt.fields().size());
    CHECK(en.sourceJson() == pt.sourceJson());
    // Documents use the official labels, from either.
    CHECK(en.official().field(QStringLiteral("title"))->label == QStringLiteral("Título da ação"));
    CHECK(pt.official().field(QStringLiteral("title"))->label == QStringLiteral("Título da ação"));
    CHECK(en.localized(QStringLiteral("pt_BR")).field(QStringLiteral("title"))->label ==
          QStringLiteral("Título da ação"));
    CHECK(pt.localized(QStringLiteral("pt_BR"))
              .catalogueEntry(QStringLiteral("formatos"), QStringLiteral("mutirao"))
              ->label == QStringLiteral("Mutirão"));
}

TEST_CASE("The loader checks translations: known fields, catalogues and codes, text values")
{
    const auto withTranslations = [](const QJsonObject &en) {
        QJsonObject p = minimalProgram();
        p.insert(QStringLiteral("translations"), QJsonObject{{QStringLiteral("en"), en}});
        return p;
    };
    const QJsonObject good{{QStringLiteral("name"), QStringLiteral("Mini (en)")},
                           {QStringLiteral("fields"),
                            QJsonObject{{QStringLiteral("cor"),
                                         QJsonObject{{QStringLiteral("label"), QStringLiteral("Colour")}}}}},
                           {QStringLiteral("catalogues"),
                            QJsonObject{{QStringLiteral("cores"),
                                         QJsonObject{{QStringLiteral("az"), QStringLiteral("Blue")}}}}}};
    const auto loaded = ProgramDefinition::fromJson(toJson(withTranslations(good)));
    REQUIRE(loaded.ok());
    const ProgramDefinition en = loaded->localized(QStringLiteral("en_US"));
    CHECK(en.name() == QStringLiteral("Mini (en)"));
    CHECK(en.field(QStringLiteral("cor"))->label == QStringLiteral("Colour"));
    CHECK(en.field(QStringLiteral("title"))->label == QStringLiteral("Título")); // none given: the official
    CHECK(en.catalogueEntry(QStringLiteral("cores"), QStringLiteral("az"))->label == QStringLiteral("Blue"));
    CHECK(en.catalogueEntry(QStringLiteral("cores"), QStringLiteral("outro"))->label ==
          QStringLiteral("Outro"));

    QJsonObject bad = good;
    bad.insert(
        QStringLiteral("fields"),
        QJsonObject{{QStringLiteral("colour"), QJsonObject{{QStringLiteral("label"), QStringLiteral("x")}}}});
    CHECK(loadError(withTranslations(bad)).message.contains(QStringLiteral("colour")));
    bad = good;
    bad.insert(QStringLiteral("catalogues"),
               QJsonObject{{QStringLiteral("cores"),
                            QJsonObject{{QStringLiteral("verde"), QStringLiteral("Green")}}}});
    CHECK(loadError(withTranslations(bad)).message.contains(QStringLiteral("verde")));
    bad = good;
    bad.insert(QStringLiteral("recordLabel"), 7);
    CHECK(loadError(withTranslations(bad)).message.contains(QStringLiteral("recordLabel")));
    bad = good;
    bad.insert(QStringLiteral("labels"), QJsonObject{});
    CHECK(loadError(withTranslations(bad)).message.contains(QStringLiteral("labels")));
}
