// The CONASEMS–COSEMS apoio program (issue 11) as it ships: its definition loads, a complete
// report passes, and each of its rules refuses with the pt-BR message a person reads.
#include <catch2/catch.hpp>

#include "core/program/program_definition.h"
#include "core/program/program_registry.h"
#include "core/program/validation_engine.h"
#include "tests/core/program/program_test_support.h"
#include "tests/support/ptbr_catalogue.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace mobiliza::core;

namespace {

using PtBr = mobiliza::test::PtBrCatalogue;

QStringList names(std::initializer_list<const char *> list)
{
    QStringList out;
    for (const char *s : list)
        out << QString::fromUtf8(s);
    return out;
}

QStringList codesOf(const ProgramDefinition &p, const QString &catalogue)
{
    QStringList out;
    for (const auto &e : p.catalogue(catalogue))
        out << e.code;
    return out;
}

// One complete apoio action in Bahia, inside the first quadrimestre of 2026.
Action apoioAction()
{
    Action a;
    a.uuid = newUuid();
    a.values = QJsonObject{
        {QStringLiteral("date"), QStringLiteral("2026-03-10")},
        {QStringLiteral("end_date"), QStringLiteral("2026-03-11")},
        {QStringLiteral("uf"), QStringLiteral("BA")},
        {QStringLiteral("scope"), QStringLiteral("municipios")},
        {QStringLiteral("municipalities"), QJsonArray{QStringLiteral("2927408"), QStringLiteral("2910800")}},
        {QStringLiteral("support_type"), QStringLiteral("visita_tecnica")},
        {QStringLiteral("modality"), QStringLiteral("presencial")},
        {QStringLiteral("learning_mode"), QStringLiteral("pratica")},
        {QStringLiteral("participants"), 12},
        {QStringLiteral("participants_gestores"), 4},
        {QStringLiteral("participants_tecnicos"), 6},
        {QStringLiteral("participants_apoiadores"), 2},
        {QStringLiteral("topics"),
         QJsonArray{QStringLiteral("atencao_primaria"), QStringLiteral("planejamento")}},
        {QStringLiteral("activities"),
         QStringLiteral("Reunião de Comissão Intergestores Regional com os secretários.")},
        {QStringLiteral("results"), QStringLiteral("Plano regional revisto.")},
        {QStringLiteral("referrals"),
         QJsonArray{
             QJsonObject{{QStringLiteral("description"), QStringLiteral("Enviar a minuta do plano")},
                         {QStringLiteral("responsible"), QStringLiteral("Secretaria de Feira de Santana")},
                         {QStringLiteral("follow_up"), QStringLiteral("2026-04-20")},
                         {QStringLiteral("done"), false}}}},
    };
    return a;
}

Report apoioReport()
{
    Report r;
    r.uuid = newUuid();
    r.programId = QStringLiteral("apoio_cosems");
    r.municipality = QStringLiteral("apoiador-ba-01");
    r.period = Period::quadrimesterOf(2026, 1);
    r.actions << apoioAction();
    return r;
}

const ValidationEngine &engine()
{
    static const ProgramRegistry registry;
    static const auto e = registry.engine(QStringLiteral("apoio_cosems"));
    REQUIRE(e);
    return *e;
}

// The findings of a report whose first action has `change` applied.
Findings findingsWith(const std::function<void(QJsonObject &)> &change)
{
    Report r = apoioReport();
    change(r.actions[0].values);
    return engine().validate(r);
}

const Finding *findingAt(const Findings &findings, const QString &path, const QString &code)
{
    for (const auto &f : findings)
        if (f.path == path && f.code == code)
            return &f;
    return nullptr;
}

QString dump(const Findings &findings)
{
    QStringList lines;
    for (const auto &f : findings)
        lines << f.path + QStringLiteral(" ") + f.code + QStringLiteral(": ") + f.message;
    return lines.join(QLatin1Char('\n'));
}

// The report has exactly one finding, at `path` with `code`, whose message is `message`.
void onlyFinding(const Findings &findings, const QString &path, const QString &code, const QString &message)
{
    INFO(dump(findings).toStdString());
    REQUIRE(findings.size() == 1);
    CHECK(findings.first().path == path);
    CHECK(findings.first().code == code);
    CHECK(findings.first().message == message);
}

} // namespace

TEST_CASE("The apoio program ships as data: an apoiador's quadrimestral register of the whole country")
{
    const ProgramDefinition p = ProgramDefinition::apoioCosems();
    REQUIRE_FALSE(p.isNull());
    CHECK(p.id() == QStringLiteral("apoio_cosems"));
    CHECK(p.reportingUnit() == QStringLiteral("apoiador"));
    CHECK(p.period() == QStringLiteral("quadrimestral"));
    CHECK(p.periodMonths() == 4);
    CHECK(p.territory() == QStringLiteral("national"));
    CHECK(p.recordLabel() == QStringLiteral("Ação de apoio"));
    CHECK(p.minPhotosPerRecord() == 0);
    CHECK(p.photoRule().lgpdFlags);

    CHECK(codesOf(p, QStringLiteral("tipos_apoio")) ==
          names({"visita_tecnica", "reuniao_cir", "oficina", "encontro", "mentoria", "grupo_discussao",
                 "outro"}));
    CHECK(codesOf(p, QStringLiteral("modalidades")) == names({"presencial", "virtual", "hibrido"}));
    CHECK(codesOf(p, QStringLiteral("aprendizagem_70_20_10")) ==
          names({"pratica", "interacao_social", "aprendizado_formal"}));
    CHECK(codesOf(p, QStringLiteral("temas_apoio")) ==
          names({"gestao_sus", "planejamento", "regionalizacao", "financiamento", "atencao_primaria",
                 "vigilancia", "emendas_parlamentares", "outro"}));

    CHECK(p.fieldForRole(field_role::Uf) == QStringLiteral("uf"));
    CHECK(p.fieldForRole(field_role::Municipalities) == QStringLiteral("municipalities"));
    CHECK(p.fieldForRole(field_role::Referrals) == QStringLiteral("referrals"));
    CHECK(p.fieldForRole(field_role::PeopleReached) == QStringLiteral("participants"));
    CHECK(p.fieldForRole(field_role::Title).isEmpty());
    const auto referrals = p.field(QStringLiteral("referrals"));
    REQUIRE(referrals);
    QStringList itemIds;
    for (const auto &f : referrals->itemFields)
        itemIds << f.id;
    CHECK(itemIds == names({"description", "responsible", "follow_up", "done", "done_on"}));

    // Periods: quadrimestres, due on the 10th of the month after.
    CHECK(p.periodOf(QDate(2026, 6, 15)).key() == QStringLiteral("2026-Q2"));
    CHECK(p.periodFromKey(QStringLiteral("2026-Q3")).lastDay() == QDate(2026, 12, 31));
    CHECK_FALSE(p.periodFromKey(QStringLiteral("2026-05")).isValid());
    CHECK(p.deadline(Period::quadrimesterOf(2026, 1)) == QDate(2026, 5, 10));
    CHECK(p.deadline(Period::quadrimesterOf(2026, 3)) == QDate(2027, 1, 10));
    CHECK(p.isLate(Period::quadrimesterOf(2026, 2), QDate(2026, 9, 11)));
    CHECK_FALSE(p.isLate(Period::quadrimesterOf(2026, 2), QDate(2026, 9, 10)));
    // SES-MG keeps its months.
    const ProgramDefinition ses = ProgramDefinition::sesMgMobilizacao();
    CHECK(ses.periodMonths() == 1);
    CHECK(ses.territory() == QStringLiteral("state"));
    CHECK(ses.periodOf(QDate(2026, 6, 15)).key() == QStringLiteral("2026-06"));
    CHECK(ses.deadline(Period{2026, 6}) == QDate(2026, 7, 10));

    // The window's English words, entry fields included; official documents keep pt-BR.
    const ProgramDefinition en = p.localized(QStringLiteral("en"));
    CHECK(en.catalogueEntry(QStringLiteral("modalidades"), QStringLiteral("hibrido"))->label ==
          QStringLiteral("Hybrid"));
    CHECK(en.field(QStringLiteral("referrals"))->itemFields.at(1).label == QStringLiteral("Responsible"));
    CHECK(en.official().field(QStringLiteral("referrals"))->itemFields.at(1).label ==
          QStringLiteral("Responsável"));

    // The coordination's panel: what it breaks the actions down by, and the 70-20-10 mix.
    const PanelDefinition panel = p.panel();
    CHECK(panel.breakdowns == names({"support_type", "modality", "topics"}));
    REQUIRE(panel.references.size() == 1);
    CHECK(panel.references.first().field == QStringLiteral("learning_mode"));
    CHECK(panel.references.first().shares ==
          QList<QPair<QString, int>>{{QStringLiteral("pratica"), 70},
                                     {QStringLiteral("interacao_social"), 20},
                                     {QStringLiteral("aprendizado_formal"), 10}});
    CHECK(ses.panel().isEmpty());

    const ProgramRegistry registry;
    CHECK(registry.ids() == names({"apoio_cosems", "ses_mg_mobilizacao"}));
}

TEST_CASE("A complete apoio report passes, without photos, in any state of the country")
{
    const Report r = apoioReport();
    const Findings findings = engine().validate(r);
    INFO(dump(findings).toStdString());
    CHECK(findings.isEmpty());

    // A região de saúde instead of municipalities, in another state, online.
    Report other = apoioReport();
    QJsonObject &v = other.actions[0].values;
    v[QStringLiteral("uf")] = QStringLiteral("CE");
    v[QStringLiteral("scope")] = QStringLiteral("regiao_saude");
    v.remove(QStringLiteral("municipalities"));
    v[QStringLiteral("health_region")] = QStringLiteral("1ª Região de Saúde — Fortaleza");
    v[QStringLiteral("modality")] = QStringLiteral("virtual");
    v[QStringLiteral("learning_mode")] = QStringLiteral("aprendizado_formal");
    v.remove(QStringLiteral("participants_gestores"));
    v.remove(QStringLiteral("participants_tecnicos"));
    v.remove(QStringLiteral("participants_apoiadores"));
    v.remove(QStringLiteral("referrals"));
    const Findings second = engine().validate(other);
    INFO(dump(second).toStdString());
    CHECK(second.isEmpty());
}

TEST_CASE("Each apoio rule refuses in pt-BR and names the field")
{
    PtBr ptBr;
    const QString fields = QStringLiteral("actions[0].fields.");

    SECTION("a date outside the quadrimestre")
    {
        onlyFinding(findingsWith([](QJsonObject &v) {
                        v[QStringLiteral("date")] = QStringLiteral("2026-05-02");
                        v[QStringLiteral("end_date")] = QStringLiteral("2026-05-02");
                    }),
                    fields + QStringLiteral("date"), QStringLiteral("date_outside_period"),
                    QStringLiteral(
                        "Ação de apoio 1: a data 02/05/2026 em “Data” está fora do período do relatório "
                        "(1º quadrimestre de 2026). Use uma data de 01/01/2026 a 30/04/2026, ou registre-a "
                        "no relatório do seu próprio período."));
    }
    SECTION("an end before the start")
    {
        onlyFinding(findingsWith(
                        [](QJsonObject &v) { v[QStringLiteral("end_date")] = QStringLiteral("2026-03-01"); }),
                    fields + QStringLiteral("end_date"), QStringLiteral("end_before_start"),
                    QStringLiteral(
                        "Ação de apoio 1: “Data de término” (01/03/2026) é anterior a “Data” (10/03/2026). "
                        "Corrija uma das datas."));
    }
    SECTION("a state that does not exist")
    {
        const Findings f =
            findingsWith([](QJsonObject &v) { v[QStringLiteral("uf")] = QStringLiteral("XX"); });
        INFO(dump(f).toStdString());
        const Finding *uf = findingAt(f, fields + QStringLiteral("uf"), QStringLiteral("unknown_uf"));
        REQUIRE(uf);
        CHECK(uf->message == QStringLiteral("Ação de apoio 1: “Estado (UF)” não é um estado brasileiro (XX). "
                                            "Escolha o estado na lista."));
    }
    SECTION("municipalities missing when the scope asks for them")
    {
        onlyFinding(
            findingsWith([](QJsonObject &v) { v.remove(QStringLiteral("municipalities")); }),
            fields + QStringLiteral("municipalities"), QStringLiteral("required"),
            QStringLiteral("Ação de apoio 1: preencha “Municípios apoiados”; ele é obrigatório por causa da "
                           "resposta dada em “Abrangência”."));
    }
    SECTION("the região de saúde missing when the scope asks for it")
    {
        onlyFinding(
            findingsWith([](QJsonObject &v) {
                v[QStringLiteral("scope")] = QStringLiteral("regiao_saude");
                v.remove(QStringLiteral("municipalities"));
            }),
            fields + QStringLiteral("health_region"), QStringLiteral("required"),
            QStringLiteral("Ação de apoio 1: preencha “Região de saúde / CIR”; ele é obrigatório por causa "
                           "da resposta dada em “Abrangência”."));
    }
    SECTION("a municipality of another state")
    {
        onlyFinding(
            findingsWith([](QJsonObject &v) {
                v[QStringLiteral("municipalities")] =
                    QJsonArray{QStringLiteral("2927408"), QStringLiteral("3106200")};
            }),
            fields + QStringLiteral("municipalities"), QStringLiteral("outside_uf"),
            QStringLiteral(
                "Ação de apoio 1: o município Belo Horizonte (3106200) em “Municípios apoiados” fica "
                "em MG, não no "
                "estado escolhido em “Estado (UF)” (BA). Escolha um município de BA ou mude o "
                "estado."));
    }
    SECTION("an unknown municipality code, and one listed twice")
    {
        const Findings f = findingsWith([](QJsonObject &v) {
            v[QStringLiteral("municipalities")] =
                QJsonArray{QStringLiteral("2927408"), QStringLiteral("9999999"), QStringLiteral("2927408"),
                           QStringLiteral("2927408")};
        });
        INFO(dump(f).toStdString());
        REQUIRE(f.size() == 2);
        CHECK(f.at(0).code == QStringLiteral("unknown_municipality"));
        CHECK(f.at(0).message ==
              QStringLiteral("Ação de apoio 1: “Municípios apoiados” não é um código de município "
                             "conhecido (9999999). Escolha o município na lista."));
        CHECK(f.at(1).code == QStringLiteral("duplicate"));
        CHECK(f.at(1).message ==
              QStringLiteral("Ação de apoio 1: “Municípios apoiados” lista Salvador (2927408) mais de uma "
                             "vez. Deixe-o uma vez só."));
    }
    SECTION("a hostile list: each repeated code said once, nothing walked past the maximum")
    {
        QJsonArray many;
        for (int i = 0; i < 200000; ++i)
            many.append(i % 2 ? QStringLiteral("2927408") : QStringLiteral("3106200"));
        const Findings f =
            findingsWith([&many](QJsonObject &v) { v[QStringLiteral("municipalities")] = many; });
        INFO(dump(f).toStdString());
        qsizetype duplicates = 0, outside = 0, maximum = 0;
        for (const auto &x : f) {
            duplicates += x.code == QStringLiteral("duplicate");
            outside += x.code == QStringLiteral("outside_uf");
            maximum += x.code == QStringLiteral("max_items");
        }
        CHECK(duplicates == 2);
        CHECK(maximum == 1);
        CHECK(outside == 50); // the first 100 (the field's maximum), half of them in MG
    }
    SECTION("participants by role that do not add up to the total")
    {
        onlyFinding(
            findingsWith([](QJsonObject &v) { v[QStringLiteral("participants_outros")] = 5; }),
            fields + QStringLiteral("participants_outros"), QStringLiteral("parts_sum"),
            QStringLiteral("Ação de apoio 1: Gestores municipais + Técnicos + Apoiadores + Outros "
                           "participantes somam 17, mas “Participantes” é 12. Corrija os números para que "
                           "somem o total, ou deixe-os todos em branco."));
    }
    SECTION("a referral without its responsible party, and one with a bad follow-up date")
    {
        const Findings f = findingsWith([](QJsonObject &v) {
            QJsonArray list = v.value(QStringLiteral("referrals")).toArray();
            QJsonObject first = list.at(0).toObject();
            first.remove(QStringLiteral("responsible"));
            list[0] = first;
            list.append(QJsonObject{{QStringLiteral("description"), QStringLiteral("Pactuar a agenda")},
                                    {QStringLiteral("responsible"), QStringLiteral("COSEMS-BA")},
                                    {QStringLiteral("follow_up"), QStringLiteral("31/04/2026")}});
            v[QStringLiteral("referrals")] = list;
        });
        INFO(dump(f).toStdString());
        REQUIRE(f.size() == 2);
        CHECK(f.at(0).path == fields + QStringLiteral("referrals[0].responsible"));
        CHECK(f.at(0).code == QStringLiteral("required"));
        CHECK(f.at(0).message ==
              QStringLiteral("Ação de apoio 1, “Encaminhamentos” item 1: preencha “Responsável”."));
        CHECK(f.at(1).path == fields + QStringLiteral("referrals[1].follow_up"));
        CHECK(f.at(1).code == QStringLiteral("invalid_date"));
        CHECK(f.at(1).message ==
              QStringLiteral("Ação de apoio 1, “Encaminhamentos” item 2: “Acompanhar em” não é uma "
                             "data válida. Digite-a no formato dd/mm/aaaa."));
    }
    SECTION("a list that is not a list")
    {
        const Findings f = findingsWith([](QJsonObject &v) {
            v[QStringLiteral("referrals")] = QStringLiteral("ligar para a secretaria");
        });
        INFO(dump(f).toStdString());
        REQUIRE(findingAt(f, fields + QStringLiteral("referrals"), QStringLiteral("wrong_type")));
    }
    SECTION("“Outro” type without saying which")
    {
        onlyFinding(
            findingsWith([](QJsonObject &v) { v[QStringLiteral("support_type")] = QStringLiteral("outro"); }),
            fields + QStringLiteral("support_type_other"), QStringLiteral("other_required"),
            QStringLiteral(
                "Ação de apoio 1: você escolheu “Outro” em “Tipo de ação”. Descreva em “Outro tipo "
                "de ação”."));
    }
    SECTION("the learning mode not chosen")
    {
        onlyFinding(
            findingsWith([](QJsonObject &v) { v.remove(QStringLiteral("learning_mode")); }),
            fields + QStringLiteral("learning_mode"), QStringLiteral("required"),
            QStringLiteral("Ação de apoio 1: escolha uma opção em “Modo de aprendizagem (70-20-10)”."));
    }
    SECTION("a month instead of a quadrimestre")
    {
        Report r = apoioReport();
        r.period = Period{2026, 3};
        const Findings f = engine().validate(r);
        INFO(dump(f).toStdString());
        const Finding *period =
            findingAt(f, QStringLiteral("report.period"), QStringLiteral("invalid_period"));
        REQUIRE(period);
        CHECK(period->message ==
              QStringLiteral("O período 03/2026 é um mês, mas este programa é informado por "
                             "quadrimestre. Escolha o quadrimestre do relatório."));
    }
    SECTION("a photo of identifiable people without authorization is a warning, not a block")
    {
        Report r = apoioReport();
        Photo photo = mobiliza::test::makePhoto(0, QStringLiteral("Reunião da CIR"));
        photo.identifiablePeople = true;
        r.actions[0].photos << photo;
        const Findings f = engine().validate(r);
        INFO(dump(f).toStdString());
        REQUIRE(f.size() == 1);
        CHECK(f.first().code == QStringLiteral("photo_authorization"));
        CHECK(f.first().severity == Severity::Warning);
    }
}

TEST_CASE("The loader checks the new field types and rules strictly")
{
    const QByteArray apoio = ProgramDefinition::apoioCosems().sourceJson();
    auto edited = [&](const std::function<void(QJsonObject &)> &change) {
        QJsonObject root = QJsonDocument::fromJson(apoio).object();
        change(root);
        return ProgramDefinition::fromJson(QJsonDocument(root).toJson());
    };
    auto fieldsWith = [](QJsonObject &root, const QString &id,
                         const std::function<void(QJsonObject &)> &change) {
        QJsonArray fields = root.value(QStringLiteral("fields")).toArray();
        for (qsizetype i = 0; i < fields.size(); ++i) {
            QJsonObject f = fields.at(i).toObject();
            if (f.value(QStringLiteral("id")).toString() == id) {
                change(f);
                fields[i] = f;
            }
        }
        root[QStringLiteral("fields")] = fields;
    };
    auto refused = [](const Result<ProgramDefinition> &r, const char *words) {
        INFO("expected a refusal saying: " << words);
        REQUIRE_FALSE(r.ok());
        INFO(r.error().message.toStdString());
        CHECK(r.error().message.contains(QString::fromUtf8(words)));
    };

    REQUIRE(ProgramDefinition::fromJson(apoio).ok());
    refused(edited([](QJsonObject &r) { r[QStringLiteral("period")] = QStringLiteral("weekly"); }), "weekly");
    refused(edited([](QJsonObject &r) { r[QStringLiteral("territory")] = QStringLiteral("MG"); }),
            "territory");
    refused(edited([&](QJsonObject &r) {
                fieldsWith(r, QStringLiteral("referrals"),
                           [](QJsonObject &f) { f.remove(QStringLiteral("item")); });
            }),
            "item");
    refused(edited([&](QJsonObject &r) {
                fieldsWith(r, QStringLiteral("referrals"), [](QJsonObject &f) {
                    QJsonArray item = f.value(QStringLiteral("item")).toArray();
                    item.append(QJsonObject{{QStringLiteral("id"), QStringLiteral("inner")},
                                            {QStringLiteral("label"), QStringLiteral("Inner")},
                                            {QStringLiteral("type"), QStringLiteral("list")},
                                            {QStringLiteral("item"), QJsonArray{}}});
                    f[QStringLiteral("item")] = item;
                });
            }),
            "cannot hold another list");
    refused(edited([&](QJsonObject &r) {
                fieldsWith(r, QStringLiteral("referrals"), [](QJsonObject &f) {
                    QJsonArray item = f.value(QStringLiteral("item")).toArray();
                    QJsonObject first = item.at(0).toObject();
                    first[QStringLiteral("role")] = QStringLiteral("title");
                    item[0] = first;
                    f[QStringLiteral("item")] = item;
                });
            }),
            "cannot have a role");
    refused(edited([&](QJsonObject &r) {
                fieldsWith(r, QStringLiteral("results"),
                           [](QJsonObject &f) { f[QStringLiteral("item")] = QJsonArray{}; });
            }),
            "does not apply");
    refused(edited([](QJsonObject &r) {
                QJsonArray rules = r.value(QStringLiteral("rules")).toArray();
                rules.append(QJsonObject{
                    {QStringLiteral("rule"), QStringLiteral("parts_sum")},
                    {QStringLiteral("total"), QStringLiteral("participants")},
                    {QStringLiteral("parts"), QJsonArray{QStringLiteral("participants_outros")}}});
                r[QStringLiteral("rules")] = rules;
            }),
            "at least two");
    refused(edited([](QJsonObject &r) {
                QJsonArray rules = r.value(QStringLiteral("rules")).toArray();
                rules.append(QJsonObject{{QStringLiteral("rule"), QStringLiteral("municipalities_in_uf")},
                                         {QStringLiteral("field"), QStringLiteral("municipalities")},
                                         {QStringLiteral("uf"), QStringLiteral("scope")}});
                r[QStringLiteral("rules")] = rules;
            }),
            "“scope”");
    refused(
        edited([](QJsonObject &r) {
            QJsonObject t = r.value(QStringLiteral("translations")).toObject();
            QJsonObject en = t.value(QStringLiteral("en")).toObject();
            QJsonObject f = en.value(QStringLiteral("fields")).toObject();
            f[QStringLiteral("referrals.nope")] = QJsonObject{{QStringLiteral("label"), QStringLiteral("x")}};
            en[QStringLiteral("fields")] = f;
            t[QStringLiteral("en")] = en;
            r[QStringLiteral("translations")] = t;
        }),
        "referrals.nope");
    // Levels: a tier that does not exist, two levels with one key, a place of no kind.
    auto withLevels = [&](const char *levels) {
        return edited([&](QJsonObject &r) {
            r[QStringLiteral("levels")] = QJsonDocument::fromJson(QByteArray(levels)).object();
            r.remove(QStringLiteral("translations"));
        });
    };
    refused(withLevels(R"({"regional": {"key": "x", "label": "X", "place": "uf"}})"), "“regional”");
    refused(withLevels(R"({"municipality": {"key": "ap", "label": "A", "place": "uf"},
                           "urs": {"key": "ap", "label": "B", "place": "uf"}})"),
            "names another level");
    refused(withLevels(R"({"municipality": {"key": "ap", "label": "A", "place": "uf"},
                           "urs": {"key": "c", "label": "C", "place": "country"}})"),
            "country");
    refused(withLevels(R"({"municipality": {"key": "ap", "label": "A", "place": "none"}})"),
            "cannot be set up");
    refused(withLevels(R"({"urs": {"key": "central", "label": "U", "place": "uf"},
                           "municipality": {"key": "ap", "label": "A", "place": "uf"}})"),
            "names another level");
    refused(withLevels(R"({"municipality": {"key": "ap", "label": "A", "place": "municipality"}})"),
            "reports by “apoiador”");
    refused(edited([](QJsonObject &r) { r[QStringLiteral("territory")] = QStringLiteral("state"); }),
            "needs the national table");
    // The panel: breakdowns of choices only, each once; a reference of codes of its catalogue
    // whose shares add up to 100.
    auto withPanel = [&](const char *panel) {
        return edited([&](QJsonObject &r) {
            r[QStringLiteral("panel")] = QJsonDocument::fromJson(QByteArray(panel)).object();
        });
    };
    refused(withPanel(R"({"breakdowns": ["results"]})"), "“results”");
    refused(withPanel(R"({"breakdowns": ["modality", "modality"]})"), "more than once");
    refused(withPanel(R"({"charts": []})"), "charts");
    refused(withPanel(R"({"references": [{"field": "topics", "shares": {"outro": 100}}]})"), "“topics”");
    refused(
        withPanel(R"({"references": [{"field": "modality", "shares": {"presencial": 60, "remoto": 40}}]})"),
        "“remoto”");
    refused(
        withPanel(R"({"references": [{"field": "modality", "shares": {"presencial": 60, "virtual": 30}}]})"),
        "add up to 90");
    REQUIRE(
        withPanel(R"({"references": [{"field": "modality", "shares": {"virtual": 40, "presencial": 60}}]})")
            .ok());
    CHECK(withPanel(R"({"references": [{"field": "modality", "shares": {"virtual": 40, "presencial": 60}}]})")
              .value()
              .panel()
              .references.first()
              .shares.first() == qMakePair(QStringLiteral("presencial"), 60));
    REQUIRE(withLevels(R"({"municipality": {"key": "ap", "label": "A", "place": "uf"},
                           "central": {"key": "national", "label": "N", "place": "none"}})")
                .ok());
}
