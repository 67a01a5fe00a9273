#include <catch2/catch.hpp>
#include "tests/support/catch_qt.h"

#include "sync/protocol.h"

#include <QJsonDocument>
#include <QTimeZone>

using namespace mobiliza;
using namespace mobiliza::sync;

namespace {
const QString kSha = QString(64, QLatin1Char('a'));
const QString kUuid = QStringLiteral("0f8fad5b-d9cb-469f-a165-70867728950e");
} // namespace

TEST_CASE("protocol: a pre-flight round-trips and only a hub's answer counts")
{
    Preflight p;
    p.hub = {QStringLiteral("urs-bh"), QStringLiteral("URS Belo Horizonte")};
    p.scope.kind = Scope::Kind::Municipality;
    p.scope.municipality = QStringLiteral("3106200");
    p.limits.maxBlobBytes = 1234567;
    p.time = QDateTime(QDate(2026, 11, 22), QTime(14, 0), QTimeZone::utc());
    const auto back = decodePreflight(encode(p));
    REQUIRE(back.ok());
    CHECK(back->service == QStringLiteral("mobiliza-hub"));
    CHECK(back->protocol == kProtocolVersion);
    CHECK(back->scope.municipality == QStringLiteral("3106200"));
    CHECK(back->limits.maxBlobBytes == 1234567);
    CHECK(back->time == p.time);

    // What a captive portal, a proxy or another service might answer.
    const QList<QByteArray> notAHub{
        "<html><body>Login to the hotel Wi-Fi</body></html>",
        "",
        "{}",
        R"({"service":"nginx","protocol":1})",
        R"({"service":"mobiliza-hub","protocol":"1","scope":{"kind":"central"}})",
        R"({"service":"mobiliza-hub","protocol":1,"scope":{"kind":"municipality","municipality":"31"}})",
        R"([1,2,3])",
    };
    for (const auto &body : notAHub) {
        INFO(body.toStdString());
        const auto r = decodePreflight(body);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == QStringLiteral("protocol"));
        CHECK_FALSE(r.error().message.isEmpty());
    }
    const auto future = decodePreflight(R"({"service":"mobiliza-hub","protocol":2,"scope":{"kind":"central"}})");
    REQUIRE_FALSE(future.ok());
    CHECK(future.error().code == QStringLiteral("protocol_version"));
}

TEST_CASE("protocol: scopes cover what they should")
{
    Scope m{Scope::Kind::Municipality, QStringLiteral("3106200"), {}};
    CHECK(m.covers(QStringLiteral("3106200"), QStringLiteral("Belo Horizonte")));
    CHECK_FALSE(m.covers(QStringLiteral("3100104"), QStringLiteral("Belo Horizonte")));
    Scope u{Scope::Kind::Urs, {}, QStringLiteral("Barbacena")};
    CHECK(u.covers(QStringLiteral("3105608"), QStringLiteral("Barbacena")));
    CHECK_FALSE(u.covers(QStringLiteral("3106200"), QStringLiteral("Belo Horizonte")));
    CHECK(Scope{Scope::Kind::Central, {}, {}}.covers(QStringLiteral("3106200"), QString()));
}

TEST_CASE("protocol: receipts, status pages and errors round-trip")
{
    Receipt r{QStringLiteral("r-000001"), kUuid, 2, kSha,
              QDateTime(QDate(2026, 11, 22), QTime(14, 0, 3), QTimeZone::utc()), QStringLiteral("received")};
    const auto rb = decodeReceipt(encode(r));
    REQUIRE(rb.ok());
    CHECK(rb->hubId == r.hubId);
    CHECK(rb->revision == 2);
    CHECK(rb->receivedAt == r.receivedAt);
    CHECK_FALSE(decodeReceipt(R"({"receipt":{"hubId":"x","report":"nope","revision":1}})").ok());

    StatusPage page;
    page.events << StatusEvent{7, kUuid, QStringLiteral("2026-10"), 1, QStringLiteral("returned"),
                               QStringLiteral("Falta a foto da ação 3."), r.receivedAt};
    page.next = 7;
    const auto pb = decodeStatusPage(encode(page));
    REQUIRE(pb.ok());
    REQUIRE(pb->events.size() == 1);
    CHECK(pb->events.first().comment == QStringLiteral("Falta a foto da ação 3."));
    CHECK(pb->next == 7);

    ErrorBody e{QStringLiteral("validation_failed"), QStringLiteral("…"),
                {core::Finding{QStringLiteral("actions[0].photos"), core::Severity::Error,
                               QStringLiteral("min_photos"), QStringLiteral("Ação 1: falta foto.")}},
                {kSha}};
    const auto eb = decodeError(encode(e));
    REQUIRE(eb.ok());
    CHECK(eb->code == QStringLiteral("validation_failed"));
    REQUIRE(eb->findings.size() == 1);
    CHECK(eb->findings.first().path == QStringLiteral("actions[0].photos"));
    CHECK(eb->missing == QStringList{kSha});
    CHECK_FALSE(decodeError("<html>502 Bad Gateway</html>").ok());
}

TEST_CASE("protocol: blob lists are bounded and names must be hashes")
{
    CHECK(decodeMissingQuery(encodeMissingQuery({kSha}), 10).ok());
    CHECK_FALSE(decodeMissingQuery(encodeMissingQuery({QStringLiteral("../../etc/passwd")}), 10).ok());
    CHECK_FALSE(decodeMissingQuery(encodeMissingQuery(QStringList(11, kSha)), 10).ok());
    CHECK_FALSE(decodeMissingQuery(R"({"blobs":[1,2]})", 10).ok());
    CHECK(isSha256Hex(kSha));
    CHECK_FALSE(isSha256Hex(kSha.toUpper()));
    CHECK(isUuid(kUuid));
    CHECK_FALSE(isUuid(QStringLiteral("{") + kUuid + QStringLiteral("}")));
}

TEST_CASE("protocol: partners go up without a person's CPF and with contacts only under consent")
{
    core::Partner p;
    p.uuid = kUuid;
    p.kind = core::PartnerKind::Person;
    p.name = QStringLiteral("Maria Aparecida Souza");
    p.document = QStringLiteral("52998224725");
    p.phones = {QStringLiteral("+5531987654321")};
    p.email = QStringLiteral("maria@exemplo.org.br");
    p.municipality = QStringLiteral("3106200");
    p.updatedAt = QDateTime(QDate(2026, 11, 1), QTime(10, 0), QTimeZone::utc());
    QByteArray wire = QJsonDocument(partnerToWire(p)).toJson();
    CHECK_FALSE(wire.contains("52998224725"));
    CHECK_FALSE(wire.contains("+5531987654321"));
    CHECK_FALSE(wire.contains("maria@"));

    p.consent.given = true;
    p.consent.date = QDate(2026, 10, 1);
    wire = QJsonDocument(partnerToWire(p)).toJson();
    CHECK(wire.contains("+5531987654321"));
    CHECK_FALSE(wire.contains("52998224725"));
    const auto back = partnerFromWire(wire);
    REQUIRE(back.ok());
    CHECK(back->name == p.name);
    CHECK(back->phones == p.phones);
    CHECK(back->document.isEmpty());
    CHECK(back->updatedAt == p.updatedAt);

    p.consent.revokedOn = QDate(2026, 11, 2);
    CHECK_FALSE(QJsonDocument(partnerToWire(p)).toJson().contains("+5531987654321"));
    CHECK_FALSE(partnerFromWire(R"({"uuid":"x","name":"a"})").ok());
}
