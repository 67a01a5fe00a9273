// The per-person export (LGPD right of access) and the live masks, without widgets.
#include <catch2/catch.hpp>
#include "tests/support/catch_qt.h"

#include "app/ui/partners/live_format.h"
#include "core/services/partner_export.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>

using namespace mobiliza;

TEST_CASE("partner export: everything held about the person, in documented keys")
{
    core::Partner p;
    p.uuid = QStringLiteral("0b6f7c1e-0000-4000-8000-000000000001");
    p.kind = core::PartnerKind::Person;
    p.governmental = false;
    p.formal = false;
    p.sector = QStringLiteral("religioso");
    p.name = QStringLiteral("Maria da Conceição");
    p.document = QStringLiteral("52998224725");
    p.contactName = QStringLiteral("Maria");
    p.contactRole = QStringLiteral("Catequista");
    p.phones = {QStringLiteral("+5531987654321"), QStringLiteral("+553132611234")};
    p.email = QStringLiteral("maria@example.com.br");
    p.address = QStringLiteral("Rua A, 10");
    p.cep = QStringLiteral("30130010");
    p.municipality = QStringLiteral("3106200");
    p.stage = core::PartnerStage::Active;
    p.stageHistory = {{core::PartnerStage::Mapped, QDate(2026, 1, 5)}, {core::PartnerStage::Active, QDate(2026, 3, 2)}};
    p.consent = {true, QDate(2026, 1, 5), QStringLiteral("WhatsApp"), QStringLiteral("Campanhas"), QDate(2026, 6, 1)};
    p.notes = QStringLiteral("Prefere contato à tarde");

    core::PartnerExportLabels labels;
    labels.sector = QStringLiteral("Religioso");
    labels.municipality = QStringLiteral("Belo Horizonte");
    labels.exportedAt = QDateTime(QDate(2026, 11, 22), QTime(14, 0), QTimeZone::utc());
    const QByteArray bytes =
        core::exportPartnerJson(p, {QStringLiteral("Ação 1 — Caminhada (10/2026)")}, labels);
    CHECK(bytes.contains('\n')); // pretty-printed for people

    QJsonParseError error;
    const QJsonObject o = QJsonDocument::fromJson(bytes, &error).object();
    REQUIRE(error.error == QJsonParseError::NoError);
    CHECK(o.value(QStringLiteral("formato")).toString() == QStringLiteral("mobiliza.parceiro"));
    CHECK(o.value(QStringLiteral("versao")).toInt() == 1);
    CHECK(o.value(QStringLiteral("exportado_em")).toString() == QStringLiteral("2026-11-22T14:00:00Z"));
    CHECK(o.value(QStringLiteral("id")).toString() == p.uuid);
    CHECK(o.value(QStringLiteral("tipo")).toString() == QStringLiteral("pessoa_fisica"));
    CHECK(o.value(QStringLiteral("nome")).toString() == QStringLiteral("Maria da Conceição"));
    CHECK(o.value(QStringLiteral("documento")).toString() == QStringLiteral("52998224725"));
    CHECK(o.value(QStringLiteral("setor")).toString() == QStringLiteral("religioso"));
    CHECK(o.value(QStringLiteral("setor_nome")).toString() == QStringLiteral("Religioso"));
    CHECK(o.value(QStringLiteral("municipio_nome")).toString() == QStringLiteral("Belo Horizonte"));
    CHECK(o.value(QStringLiteral("contato")).toObject().value(QStringLiteral("cargo")).toString() ==
          QStringLiteral("Catequista"));
    CHECK(o.value(QStringLiteral("telefones")).toArray().size() == 2);
    CHECK(o.value(QStringLiteral("email")).toString() == QStringLiteral("maria@example.com.br"));
    CHECK(o.value(QStringLiteral("cep")).toString() == QStringLiteral("30130010"));
    CHECK(o.value(QStringLiteral("estagio")).toString() == QStringLiteral("parceria_ativa"));
    const QJsonArray history = o.value(QStringLiteral("historico_estagios")).toArray();
    REQUIRE(history.size() == 2);
    CHECK(history.at(1).toObject().value(QStringLiteral("data")).toString() == QStringLiteral("2026-03-02"));
    const QJsonObject consent = o.value(QStringLiteral("consentimento")).toObject();
    CHECK(consent.value(QStringLiteral("dado")).toBool());
    CHECK(consent.value(QStringLiteral("canal")).toString() == QStringLiteral("WhatsApp"));
    CHECK(consent.value(QStringLiteral("revogado_em")).toString() == QStringLiteral("2026-06-01"));
    CHECK(o.value(QStringLiteral("observacoes")).toString() == QStringLiteral("Prefere contato à tarde"));
    CHECK(o.value(QStringLiteral("acoes")).toArray().first().toString() ==
          QStringLiteral("Ação 1 — Caminhada (10/2026)"));
}

TEST_CASE("partner export: an empty partner still gives every key")
{
    const QJsonObject o = QJsonDocument::fromJson(core::exportPartnerJson(core::Partner{}, {})).object();
    for (const char *key : {"id", "tipo", "nome", "documento", "telefones", "email", "consentimento",
                            "historico_estagios", "acoes"})
        CHECK(o.contains(QLatin1String(key)));
    CHECK_FALSE(o.contains(QStringLiteral("exportado_em")));
    CHECK(o.value(QStringLiteral("consentimento")).toObject().value(QStringLiteral("data")).toString().isEmpty());
}

TEST_CASE("live masks lay out what is typed")
{
    CHECK(ui::applyPattern(QStringLiteral("5299822"), QStringLiteral("###.###.###-##")) ==
          QStringLiteral("529.982.2"));
    CHECK(ui::cpfFormat()(QStringLiteral("52998224725")) == QStringLiteral("529.982.247-25"));
    CHECK(ui::cpfFormat()(QStringLiteral("529.982.247-2599")) == QStringLiteral("529.982.247-25"));
    CHECK(ui::cnpjFormat()(QStringLiteral("12abc34501de35")) == QStringLiteral("12.ABC.345/01DE-35"));
    CHECK(ui::cepFormat()(QStringLiteral("30130010")) == QStringLiteral("30130-010"));
    CHECK(ui::dateFormat()(QStringLiteral("01102026")) == QStringLiteral("01/10/2026"));
    CHECK(ui::phoneFormat()(QStringLiteral("31987654321")) == QStringLiteral("(31) 98765-4321"));
    CHECK(ui::phoneFormat()(QStringLiteral("3132611234")) == QStringLiteral("(31) 3261-1234"));
    CHECK(ui::phoneFormat()(QStringLiteral("+55 31 98765-4321")) == QStringLiteral("+55 31 98765-4321"));
}

TEST_CASE("partner export page: every value escaped, an organization's boxes, consent revoked in words")
{
    core::Partner p;
    p.kind = core::PartnerKind::Organization;
    p.governmental = true;
    p.name = QStringLiteral("Associação <b>Arte</b> & Vida");
    p.document = QStringLiteral("11222333000181");
    p.notes = QStringLiteral("linha 1\n<script>alert(1)</script>");
    p.consent = {true, QDate(2026, 1, 5), QStringLiteral("Papel"), QString(), QDate(2026, 6, 1)};
    const QString html = QString::fromUtf8(core::exportPartnerHtml(p, {QStringLiteral("Ação 1 <x>")}, {}));
    CHECK(html.contains(QStringLiteral("Associação &lt;b&gt;Arte&lt;/b&gt; &amp; Vida")));
    CHECK_FALSE(html.contains(QStringLiteral("<script>")));
    CHECK(html.contains(QStringLiteral("linha 1<br>&lt;script&gt;")));
    CHECK(html.contains(QStringLiteral("CNPJ 11.222.333/0001-81")));
    CHECK(html.contains(QStringLiteral("<th>Órgão público</th><td>Sim</td>")));
    CHECK(html.contains(QStringLiteral("Revogado em 01/06/2026 (dado em 05/01/2026)")));
    CHECK(html.contains(QStringLiteral("Ação 1 &lt;x&gt;")));
}
