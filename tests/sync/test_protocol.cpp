#include <catch2/catch.hpp>
#include "tests/support/catch_qt.h"

#include "sync/protocol.h"
#include "sync/protocol_pull.h"

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

TEST_CASE(
    "protocol: the pre-flight may announce the token's request limit, and absent or malformed it says none")
{
    Preflight p;
    p.hub = {QStringLiteral("urs-bh"), QStringLiteral("URS Belo Horizonte")};
    p.scope.municipality = QStringLiteral("3106200");
    p.time = QDateTime(QDate(2026, 11, 22), QTime(14, 0), QTimeZone::utc());
    // An older hub (or one that does not say): nothing on the wire, zero when read.
    const QByteArray silent = encode(p);
    CHECK_FALSE(silent.contains("requestsPerSecond"));
    auto back = decodePreflight(silent);
    REQUIRE(back.ok());
    CHECK(back->limits.requestsPerSecond == 0);
    CHECK(back->limits.requestBurst == 0);

    p.limits.requestsPerSecond = 50;
    p.limits.requestBurst = 200;
    back = decodePreflight(encode(p));
    REQUIRE(back.ok());
    CHECK(back->limits.requestsPerSecond == 50);
    CHECK(back->limits.requestBurst == 200);

    // Both or neither, and sane: anything else is no announcement (never a refusal).
    const QString base = QStringLiteral(
        R"({"service":"mobiliza-hub","protocol":1,"scope":{"kind":"municipality","municipality":"3106200"},"limits":{%1}})");
    for (const QString &limits :
         {QStringLiteral(R"("requestsPerSecond":50)"), QStringLiteral(R"("requestBurst":200)"),
          QStringLiteral(R"("requestsPerSecond":"50","requestBurst":200)"),
          QStringLiteral(R"("requestsPerSecond":-1,"requestBurst":200)"),
          QStringLiteral(R"("requestsPerSecond":50,"requestBurst":0.5)"),
          QStringLiteral(R"("requestsPerSecond":1e300,"requestBurst":200)")}) {
        INFO(limits.toStdString());
        const auto odd = decodePreflight(base.arg(limits).toUtf8());
        REQUIRE(odd.ok());
        CHECK(odd->limits.requestsPerSecond == 0);
        CHECK(odd->limits.requestBurst == 0);
    }
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

TEST_CASE("protocol: a scope names its program and state only when it is not SES-MG's, and decodes strictly")
{
    // SES-MG's scopes read exactly as before the apoio register.
    Preflight p;
    p.scope = Scope{Scope::Kind::Urs, {}, QStringLiteral("Barbacena")};
    p.time = QDateTime(QDate(2026, 11, 22), QTime(14, 0), QTimeZone::utc());
    const QByteArray ses = encode(p);
    CHECK(ses.contains(R"("scope":{"kind":"urs","urs":"Barbacena"})"));
    p.scope.program = QStringLiteral("ses_mg_mobilizacao"); // named explicitly: still not written
    CHECK(encode(p) == ses);

    // An apoiador: its id, its state and its program; a COSEMS: its state, no URS.
    p.scope = Scope{Scope::Kind::Municipality, QStringLiteral("ap-0123456789ab"), {}};
    p.scope.program = QStringLiteral("apoio_cosems");
    p.scope.uf = QStringLiteral("BA");
    auto apoiador = decodePreflight(encode(p));
    REQUIRE(apoiador.ok());
    CHECK(apoiador->scope.municipality == QStringLiteral("ap-0123456789ab"));
    CHECK(apoiador->scope.program == QStringLiteral("apoio_cosems"));
    CHECK(apoiador->scope.uf == QStringLiteral("BA"));
    p.scope = Scope{Scope::Kind::Urs, {}, {}};
    p.scope.program = QStringLiteral("apoio_cosems");
    p.scope.uf = QStringLiteral("PE");
    const QByteArray cosemsBody = encode(p);
    CHECK_FALSE(cosemsBody.contains("\"urs\":"));
    auto cosems = decodePreflight(cosemsBody);
    REQUIRE(cosems.ok());
    CHECK(cosems->scope.region() == QStringLiteral("PE"));
    CHECK(cosems->scope.programId() == QStringLiteral("apoio_cosems"));
    CHECK(cosems->scope.covers(QStringLiteral("ap-0123456789ab"), QStringLiteral("PE")));
    CHECK_FALSE(cosems->scope.covers(QStringLiteral("ap-0123456789ab"), QStringLiteral("BA")));

    const QList<QByteArray> refused{
        R"({"kind":"municipality","municipality":"ap-0123"})",
        R"({"kind":"municipality","municipality":"AP-0123456789AB"})",
        R"({"kind":"municipality","municipality":"ap-0123456789ab","uf":"Bahia"})",
        R"({"kind":"municipality","municipality":"3106200","program":"Apoio COSEMS"})",
        R"({"kind":"municipality","municipality":"3106200","program":7})",
        R"({"kind":"urs"})",
        R"({"kind":"urs","uf":"ba"})",
        R"({"kind":"urs","program":"apoio_cosems"})",
    };
    for (const QByteArray &scope : refused) {
        INFO(scope.toStdString());
        const auto r = decodePreflight(R"({"service":"mobiliza-hub","protocol":1,"scope":)" + scope + "}");
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == QStringLiteral("protocol"));
    }
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

// ------------------------------------------------------------ review (§10.1, §10.3)
namespace {
const QString kAction = QStringLiteral("1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b");
const QString kPhoto = QStringLiteral("6fa459ea-ee8a-4ca4-894e-db77e160355e");

ReviewDecision sampleDecision()
{
    ReviewDecision d;
    d.report = kUuid;
    d.revision = 2;
    d.manifestSha256 = kSha;
    d.decision = QStringLiteral("return");
    d.comment = QStringLiteral("Ação 3, Foto 5: ilegível.");
    d.notes << ReviewNote{kAction, kPhoto, QStringLiteral("ilegível")} << ReviewNote{kAction, {}, QStringLiteral("data?")}
            << ReviewNote{{}, {}, QStringLiteral("No geral, bom.")};
    d.reviewer = QStringLiteral("Maria (URS Barbacena)");
    d.decidedAt = QDateTime(QDate(2026, 11, 24), QTime(10, 12), QTimeZone::utc());
    return d;
}

QByteArray withMember(const QByteArray &body, const QString &key, const QJsonValue &value)
{
    QJsonObject o = QJsonDocument::fromJson(body).object();
    if (value.isUndefined())
        o.remove(key);
    else
        o.insert(key, value);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}
} // namespace

TEST_CASE("protocol: a review decision round-trips without its uuid and encodes the same bytes twice")
{
    const ReviewDecision d = sampleDecision();
    const QByteArray body = encode(d);
    CHECK(body == encode(d));
    CHECK_FALSE(body.contains("\"uuid\""));
    const auto back = decodeReviewDecision(body);
    REQUIRE(back.ok());
    CHECK(back->uuid.isEmpty());
    CHECK(back->report == kUuid);
    CHECK(back->revision == 2);
    CHECK(back->manifestSha256 == kSha);
    CHECK(back->decision == QStringLiteral("return"));
    CHECK(back->comment == d.comment);
    CHECK(back->notes == d.notes);
    CHECK(back->reviewer == d.reviewer);
    CHECK(back->decidedAt == d.decidedAt);
    CHECK(encode(back.value()) == body);

    // Optional members: no notes, no comment (an accept).
    const QByteArray bare = withMember(withMember(body, QStringLiteral("notes"), QJsonValue::Undefined),
                                       QStringLiteral("comment"), QJsonValue::Undefined);
    const auto accept = decodeReviewDecision(withMember(bare, QStringLiteral("decision"), QStringLiteral("accept")));
    REQUIRE(accept.ok());
    CHECK(accept->notes.isEmpty());
    CHECK(accept->comment.isEmpty());
    // A return without a comment decodes: the hub answers it 422 comment_required.
    CHECK(decodeReviewDecision(bare).ok());
}

TEST_CASE("protocol: a review decision is refused for wrong types, lengths and names")
{
    const QByteArray body = encode(sampleDecision());
    QJsonArray tooManyNotes;
    for (int i = 0; i <= kMaxReviewNotes; ++i)
        tooManyNotes.append(QJsonObject{{QStringLiteral("text"), QStringLiteral("x")}});
    const QList<QPair<QString, QJsonValue>> wrong{
        {QStringLiteral("report"), QStringLiteral("not-a-uuid")},
        {QStringLiteral("report"), QJsonValue::Undefined},
        {QStringLiteral("revision"), 0},
        {QStringLiteral("revision"), 1.5},
        {QStringLiteral("revision"), QStringLiteral("2")},
        {QStringLiteral("revision"), 1e300},
        {QStringLiteral("manifestSha256"), kSha.toUpper()},
        {QStringLiteral("manifestSha256"), kSha.left(63)},
        {QStringLiteral("decision"), QStringLiteral("approve")},
        {QStringLiteral("decision"), QStringLiteral("Accept")},
        {QStringLiteral("comment"), 17},
        {QStringLiteral("comment"), QString(kMaxReviewCommentChars + 1, QLatin1Char('x'))},
        {QStringLiteral("notes"), QStringLiteral("ilegível")},
        {QStringLiteral("notes"), tooManyNotes},
        {QStringLiteral("notes"), QJsonArray{QJsonObject{{QStringLiteral("text"), QStringLiteral("  ")}}}},
        {QStringLiteral("notes"), QJsonArray{QJsonObject{{QStringLiteral("action"), QStringLiteral("3")},
                                                         {QStringLiteral("text"), QStringLiteral("x")}}}},
        {QStringLiteral("notes"), QJsonArray{QJsonObject{{QStringLiteral("photo"), kPhoto},
                                                         {QStringLiteral("text"), QStringLiteral("x")}}}},
        {QStringLiteral("notes"), QJsonArray{QJsonObject{{QStringLiteral("text"), 3}}}},
        {QStringLiteral("notes"), QJsonArray{1}},
        {QStringLiteral("reviewer"), QStringLiteral("   ")},
        {QStringLiteral("reviewer"), QJsonValue::Undefined},
        {QStringLiteral("reviewer"), QString(kMaxReviewerChars + 1, QLatin1Char('x'))},
        {QStringLiteral("decidedAt"), QStringLiteral("ontem")},
        {QStringLiteral("decidedAt"), QJsonValue::Undefined},
    };
    for (const auto &[key, value] : wrong) {
        const QByteArray bad = withMember(body, key, value);
        INFO(bad.toStdString());
        const auto r = decodeReviewDecision(bad);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == QStringLiteral("protocol"));
        CHECK(r.error().message.contains(key));
    }
    for (const QByteArray &garbage : {QByteArray(), QByteArray("[1]"), QByteArray("<html>")})
        CHECK_FALSE(decodeReviewDecision(garbage).ok());
    // Exactly at the bounds: accepted.
    QJsonArray maxNotes;
    for (int i = 0; i < kMaxReviewNotes; ++i)
        maxNotes.append(QJsonObject{{QStringLiteral("text"), QString(kMaxReviewNoteChars, QLatin1Char('y'))}});
    const auto full = decodeReviewDecision(
        withMember(withMember(body, QStringLiteral("notes"), maxNotes), QStringLiteral("comment"),
                   QString(kMaxReviewCommentChars, QLatin1Char('x'))));
    REQUIRE(full.ok());
    CHECK(full->notes.size() == kMaxReviewNotes);
}

TEST_CASE("protocol: a decision's answer, the state_changed body and a history round-trip")
{
    const DecisionAnswer a{kAction, QStringLiteral("accepted"), 57};
    const auto ab = decodeDecisionAnswer(encode(a));
    REQUIRE(ab.ok());
    CHECK(ab->decision == kAction);
    CHECK(ab->state == QStringLiteral("accepted"));
    CHECK(ab->event == 57);
    CHECK_FALSE(decodeDecisionAnswer(R"({"decision":"x","state":"accepted","event":57})").ok());
    CHECK_FALSE(decodeDecisionAnswer(R"({"decision":")" + kAction.toUtf8() + R"(","state":"accepted"})").ok());
    CHECK_FALSE(decodeDecisionAnswer("<html>200 OK</html>").ok());

    const StateChanged s{QStringLiteral("accepted"), kAction, QStringLiteral("João"),
                         QDateTime(QDate(2026, 11, 24), QTime(9, 0), QTimeZone::utc())};
    const QByteArray conflict = encodeStateChanged(s);
    const auto asError = decodeError(conflict); // any client reads it as an error
    REQUIRE(asError.ok());
    CHECK(asError->code == QStringLiteral("state_changed"));
    CHECK(asError->message.contains(QStringLiteral("João")));
    const auto sb = decodeStateChanged(conflict);
    REQUIRE(sb.ok());
    CHECK(sb->state == s.state);
    CHECK(sb->decision == kAction);
    CHECK(sb->by == s.by);
    CHECK(sb->at == s.at);
    CHECK(sb->revision == 0);
    StateChanged newer{QStringLiteral("received"), {}, {}, s.at, 3};
    const auto nb = decodeStateChanged(encodeStateChanged(newer));
    REQUIRE(nb.ok());
    CHECK(nb->revision == 3);
    CHECK(nb->decision.isEmpty());
    CHECK_FALSE(decodeStateChanged(encode(ErrorBody{QStringLiteral("not_found"), QStringLiteral("…")})).ok());

    HistoryEvent received{1, 1, QStringLiteral("received"), {}, {}, {}, {}, {}, s.at};
    HistoryEvent returned{4,
                          1,
                          QStringLiteral("returned"),
                          kAction,
                          QStringLiteral("Falta a foto."),
                          {ReviewNote{kAction, kPhoto, QStringLiteral("ilegível")}},
                          QStringLiteral("Maria"),
                          kPhoto,
                          s.at.addSecs(60)};
    const auto hb = decodeHistory(encodeHistory({received, returned}));
    REQUIRE(hb.ok());
    REQUIRE(hb->size() == 2);
    CHECK(hb->at(0).state == QStringLiteral("received"));
    CHECK(hb->at(0).by.isEmpty());
    CHECK(hb->at(1).cursor == 4);
    CHECK(hb->at(1).decision == kAction);
    CHECK(hb->at(1).notes == returned.notes);
    CHECK(hb->at(1).by == QStringLiteral("Maria"));
    CHECK(hb->at(1).installation == kPhoto);
    CHECK(hb->at(1).at == returned.at);
    CHECK_FALSE(decodeHistory(R"({"events":[{"cursor":0,"revision":1,"state":"received","at":"2026-11-24T09:00:00Z"}]})").ok());
    CHECK_FALSE(decodeHistory(R"({"events":{}})").ok());
}

TEST_CASE("protocol: status events and the pre-flight carry the review extension, optionally")
{
    StatusEvent e{9, kUuid, QStringLiteral("2026-10"), 2, QStringLiteral("returned"), QStringLiteral("Falta."),
                  QDateTime(QDate(2026, 11, 24), QTime(9, 0), QTimeZone::utc())};
    StatusPage plain;
    plain.events << e;
    plain.next = 9;
    const QByteArray v1 = encode(plain);
    CHECK_FALSE(v1.contains("\"notes\""));
    CHECK_FALSE(v1.contains("\"by\""));
    CHECK_FALSE(v1.contains("\"decision\""));

    e.notes << ReviewNote{kAction, {}, QStringLiteral("data?")};
    e.by = QStringLiteral("Maria");
    e.decision = kPhoto;
    StatusPage rich;
    rich.events << e;
    rich.next = 9;
    const auto back = decodeStatusPage(encode(rich));
    REQUIRE(back.ok());
    REQUIRE(back->events.size() == 1);
    CHECK(back->events.first().notes == e.notes);
    CHECK(back->events.first().by == QStringLiteral("Maria"));
    CHECK(back->events.first().decision == kPhoto);
    const auto plainBack = decodeStatusPage(v1);
    REQUIRE(plainBack.ok());
    CHECK(plainBack->events.first().notes.isEmpty());

    Preflight p;
    p.scope.kind = Scope::Kind::Central;
    p.time = e.at;
    CHECK_FALSE(encode(p).contains("features"));
    const auto none = decodePreflight(encode(p));
    REQUIRE(none.ok());
    CHECK(none->features.isEmpty());
    p.features = QStringList{QStringLiteral("pull"), QStringLiteral("review")};
    const auto two = decodePreflight(encode(p));
    REQUIRE(two.ok());
    CHECK(two->features == p.features);
    // A malformed list is no feature, never "offline".
    const auto odd =
        decodePreflight(R"({"service":"mobiliza-hub","protocol":1,"scope":{"kind":"central"},"features":"pull"})");
    REQUIRE(odd.ok());
    CHECK(odd->features.isEmpty());
}

TEST_CASE("protocol: manifests in bulk round-trip byte for byte, and a malformed list or answer is refused")
{
    const QString a = QStringLiteral("0b7e2c8e-4a52-4b8e-9d7a-2f1c3e5a6b7c");
    const QString b = QStringLiteral("1c8f3d9f-5b63-4c9f-8e8b-3a2d4f6b7c8d");
    const QList<sync::RevisionRef> asked{{a, 1}, {a, 2}, {b, 1}};
    auto query = sync::decodeManifestQuery(sync::encodeManifestQuery(asked));
    REQUIRE(query.ok());
    CHECK(query.value() == asked);

    sync::ManifestBatch batch;
    const QByteArray binary("{\"a\":\"\xc3\xa7\\u0000\"}\n\x00\xff", 15);
    batch.manifests << qMakePair(asked.at(0), binary) << qMakePair(asked.at(2), QByteArray("{}"));
    batch.missing << asked.at(1);
    auto decoded = sync::decodeManifestBatch(sync::encode(batch));
    REQUIRE(decoded.ok());
    CHECK(decoded->manifests == batch.manifests);
    CHECK(decoded->missing == batch.missing);

    // The query: not empty, within the bound, no repeats, revisions ≥ 1, uuids.
    CHECK_FALSE(sync::decodeManifestQuery(sync::encodeManifestQuery({})).ok());
    CHECK_FALSE(sync::decodeManifestQuery(sync::encodeManifestQuery(asked), 2).ok());
    CHECK(sync::decodeManifestQuery(sync::encodeManifestQuery(asked), 3).ok());
    CHECK_FALSE(sync::decodeManifestQuery(sync::encodeManifestQuery({asked.at(0), asked.at(0)})).ok());
    CHECK_FALSE(sync::decodeManifestQuery(sync::encodeManifestQuery({{a, 0}})).ok());
    CHECK_FALSE(sync::decodeManifestQuery(sync::encodeManifestQuery({{QStringLiteral("x"), 1}})).ok());
    CHECK_FALSE(
        sync::decodeManifestQuery(R"({"revisions":[{"report":")" + a.toUtf8() + R"(","revision":1.5}]})")
            .ok());
    // The answer: both lists, each manifest in base64.
    CHECK_FALSE(sync::decodeManifestBatch(R"({"manifests":[]})").ok());
    CHECK_FALSE(sync::decodeManifestBatch(R"({"manifests":[{"report":")" + a.toUtf8() +
                                          R"(","revision":1,"manifest":"not base64!"}],"missing":[]})")
                    .ok());
    CHECK_FALSE(sync::decodeManifestBatch(R"({"manifests":[{"report":")" + a.toUtf8() +
                                          R"(","revision":1}],"missing":[]})")
                    .ok());
    CHECK_FALSE(sync::decodeManifestBatch("<html>login</html>").ok());
}

TEST_CASE("protocol: a pull entry names an apoiador by the hub's label, and never a municipality")
{
    sync::PulledEntry e;
    e.cursor = 7;
    e.report = QStringLiteral("8fac32f4-cd0a-4a8c-a5a0-a7552e920f42");
    e.municipality = QStringLiteral("ap-75e5d2a2a8b9");
    e.program = QStringLiteral("apoio_cosems");
    e.period = QStringLiteral("2026-Q2");
    e.revision = 1;
    e.hubId = QStringLiteral("h-1");
    e.manifestSha256 = QString(64, QLatin1Char('a'));
    e.state = QStringLiteral("received");
    e.receivedAt = QDateTime(QDate(2026, 9, 2), QTime(12, 0), Qt::UTC);
    e.via = QStringLiteral("push");
    e.unitName = QStringLiteral("Maria Souza");
    sync::PullPage page;
    page.revisions << e;
    page.next = 7;

    auto decoded = sync::decodePullPage(sync::encode(page));
    REQUIRE(decoded.ok());
    REQUIRE(decoded->revisions.size() == 1);
    CHECK(decoded->revisions.first().unitName == QStringLiteral("Maria Souza"));

    // Without a name (a hub before it, or a municipality): empty, and not on the wire.
    page.revisions[0].unitName.clear();
    CHECK_FALSE(sync::encode(page).contains("unitName"));
    decoded = sync::decodePullPage(sync::encode(page));
    REQUIRE(decoded.ok());
    CHECK(decoded->revisions.first().unitName.isEmpty());

    // A name for an IBGE code, a name too long, or not a string: the page is refused.
    page.revisions[0].municipality = QStringLiteral("3106200");
    page.revisions[0].unitName = QStringLiteral("Belo Horizonte");
    CHECK_FALSE(sync::decodePullPage(sync::encode(page)).ok());
    page.revisions[0].municipality = QStringLiteral("ap-75e5d2a2a8b9");
    page.revisions[0].unitName = QString(121, QLatin1Char('x'));
    CHECK_FALSE(sync::decodePullPage(sync::encode(page)).ok());
    page.revisions[0].unitName = QString(120, QLatin1Char('x'));
    CHECK(sync::decodePullPage(sync::encode(page)).ok());
    QByteArray body = sync::encode(page);
    const QByteArray named = QByteArray("\"unitName\":\"") + QByteArray(120, 'x') + QByteArray("\"");
    body.replace(named, QByteArray("\"unitName\":5"));
    REQUIRE(body.contains("\"unitName\":5"));
    CHECK_FALSE(sync::decodePullPage(body).ok());
}

TEST_CASE("protocol: the roster of apoiadores round-trips, and an entry that is not an apoiador's is refused")
{
    const QDateTime since(QDate(2026, 2, 1), QTime(12, 0), QTimeZone::utc());
    const QList<sync::RosterUnit> units{
        {QStringLiteral("ap-75e5d2a2a8b9"), QStringLiteral("Maria Souza"), QStringLiteral("BA"), since, true},
        {QStringLiteral("ap-0a1b2c3d4e5f"), QString(), QStringLiteral("PE"), since.addDays(3), false,
         since.addDays(90)}};
    auto decoded = sync::decodeRoster(sync::encodeRoster(units));
    REQUIRE(decoded.ok());
    REQUIRE(decoded->size() == 2);
    CHECK(decoded->at(0).unit == units[0].unit);
    CHECK(decoded->at(0).name == QStringLiteral("Maria Souza"));
    CHECK(decoded->at(0).uf == QStringLiteral("BA"));
    CHECK(decoded->at(0).since == since);
    CHECK(decoded->at(0).active);
    CHECK(decoded->at(1).name.isEmpty());
    CHECK_FALSE(decoded->at(1).active);
    CHECK(decoded->at(1).until == since.addDays(90));
    CHECK_FALSE(decoded->at(0).until.isValid());
    CHECK(sync::decodeRoster(R"({"units":[]})").ok());

    // Each of these entries breaks one rule (§10.9): the whole answer is refused.
    const auto entry = [](const char *json) -> QByteArray {
        return QByteArray(R"({"units":[)") + json + "]}";
    };
    const QByteArray longName = R"({"unit":"ap-75e5d2a2a8b9","name":")" + QByteArray(121, 'a') +
                                R"(","uf":"BA","since":"2026-02-01T12:00:00Z","active":true})";
    for (
        const QByteArray &bad :
        {entry(R"({"unit":"3106200","name":"","uf":"MG","since":"2026-02-01T12:00:00Z","active":true})"),
         entry(
             R"({"unit":"ap-75e5d2a2a8b9","name":"","uf":"Bahia","since":"2026-02-01T12:00:00Z","active":true})"),
         entry(R"({"unit":"ap-75e5d2a2a8b9","name":"","uf":"BA","since":"ontem","active":true})"),
         entry(R"({"unit":"ap-75e5d2a2a8b9","name":"","uf":"BA","since":"2026-02-01T12:00:00Z","active":1})"),
         entry(
             R"({"unit":"ap-75e5d2a2a8b9","name":7,"uf":"BA","since":"2026-02-01T12:00:00Z","active":true})"),
         entry(longName.constData()),
         // who left says since when; who is active says nothing of it
         entry(
             R"({"unit":"ap-75e5d2a2a8b9","name":"","uf":"BA","since":"2026-02-01T12:00:00Z","active":false})"),
         entry(
             R"({"unit":"ap-75e5d2a2a8b9","name":"","uf":"BA","since":"2026-02-01T12:00:00Z","active":true,)"
             R"("until":"2026-05-01T12:00:00Z"})"),
         QByteArray(R"({"units":{}})"), QByteArray("<html>login</html>")}) {
        INFO(bad.toStdString());
        auto refused = sync::decodeRoster(bad);
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.error().code == QStringLiteral("protocol"));
    }
}
