// The regional desk's review on the hub (docs/protocol.md §10.1, §10.3): decisions
// by a URS on its municipalities' revisions (PUT /api/v1/reviews/<uuid>), their
// idempotency and races, the results flowing down the status feed with comment and
// notes, a report's history, the scopes of the new routes, and schema 4's migration.
#include "tests/hub/hub_test_util.h"

#include "sync/protocol_review.h"

#include <QCryptographicHash>

using namespace mobiliza;
using namespace mobiliza::test;

namespace {

QString sha256Of(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

sync::ReviewDecision decisionOn(const TestReport &t, const QString &decision, const QString &comment = {},
                                const QString &reviewer = QStringLiteral("Maria (URS BH)"))
{
    sync::ReviewDecision d;
    d.uuid = core::newUuid();
    d.report = t.uuid();
    d.revision = t.report.revision;
    d.manifestSha256 = sha256Of(t.manifest);
    d.decision = decision;
    d.comment = comment;
    d.reviewer = reviewer;
    d.decidedAt = hubNow();
    return d;
}

HttpReply send(HubFixture &f, const sync::ReviewDecision &d, const QString &token)
{
    return f.http->put(QStringLiteral("/api/v1/reviews/") + d.uuid, sync::encode(d), token);
}

// Sends the decision and requires `status` with a decision answer.
sync::DecisionAnswer decide(HubFixture &f, const sync::ReviewDecision &d, const QString &token, int status = 201)
{
    const HttpReply r = send(f, d, token);
    INFO(r.body.toStdString());
    REQUIRE(r.status == status);
    auto answer = sync::decodeDecisionAnswer(r.body);
    REQUIRE(answer.ok());
    CHECK(answer->decision == d.uuid);
    return answer.value();
}

QList<sync::HistoryEvent> historyOf(HubFixture &f, const QString &report, const QString &token)
{
    const HttpReply r = f.http->get(QStringLiteral("/api/v1/reports/%1/history").arg(report), token);
    INFO(r.body.toStdString());
    REQUIRE(r.status == 200);
    auto events = sync::decodeHistory(r.body);
    REQUIRE(events.ok());
    return events.value();
}

QString stateOf(HubFixture &f, const QString &report, int revision)
{
    auto r = f.store->revision(report, revision);
    REQUIRE(r.ok());
    REQUIRE(r.value().has_value());
    return r.value()->state;
}

QString installationOf(HubFixture &f, sync::Scope::Kind kind)
{
    auto tokens = f.store->tokens();
    REQUIRE(tokens.ok());
    for (const hub::TokenRecord &t : tokens.value())
        if (t.scope.kind == kind)
            return t.installation;
    FAIL("no token of that scope");
    return {};
}

} // namespace

TEST_CASE("Reviews: a URS starts and accepts its municipality's revision, and the feed, the pull and the report "
          "show it")
{
    HubFixture f;
    const QString belo = f.enrollMunicipality(kBelo);
    const QString urs = f.enrollUrs(kBeloUrs);
    const TestReport t = makeReport(kBelo, 61);
    f.push(t, belo);
    const qint64 received = f.status(belo).next;

    // The pre-flight tells a client what this hub offers.
    const auto preflight = sync::decodePreflight(f.http->get(QStringLiteral("/api/v1/preflight"), urs).body);
    REQUIRE(preflight.ok());
    CHECK(preflight->features.contains(QStringLiteral("pull")));
    CHECK(preflight->features.contains(QStringLiteral("review")));

    f.clock.advanceSecs(60);
    const sync::ReviewDecision start = decisionOn(t, QStringLiteral("start"));
    const sync::DecisionAnswer started = decide(f, start, urs);
    CHECK(started.state == QStringLiteral("in_review"));
    CHECK(started.event > received);
    CHECK(stateOf(f, t.uuid(), 1) == QStringLiteral("in_review"));
    // The pull lists the revision again, in its new state.
    const HttpReply pulled = f.http->get(QStringLiteral("/api/v1/revisions?since=%1").arg(received), urs);
    REQUIRE(pulled.status == 200);
    const QJsonArray revisions = pulled.json().value(QStringLiteral("revisions")).toArray();
    REQUIRE(revisions.size() == 1);
    CHECK(revisions.at(0).toObject().value(QStringLiteral("state")).toString() == QStringLiteral("in_review"));
    CHECK(qint64(revisions.at(0).toObject().value(QStringLiteral("cursor")).toDouble()) == started.event);

    f.clock.advanceSecs(60);
    const sync::ReviewDecision accept = decisionOn(t, QStringLiteral("accept"), QStringLiteral("Muito bom."));
    const sync::DecisionAnswer accepted = decide(f, accept, urs);
    CHECK(accepted.state == QStringLiteral("accepted"));
    CHECK(accepted.event > started.event);

    // The municipality's feed: in_review, then accepted, each with who and which decision.
    const sync::StatusPage page = f.status(belo, received);
    REQUIRE(page.events.size() == 2);
    CHECK(page.events[0].state == QStringLiteral("in_review"));
    CHECK(page.events[0].cursor == started.event);
    CHECK(page.events[0].decision == start.uuid);
    CHECK(page.events[0].by == start.reviewer);
    CHECK(page.events[1].state == QStringLiteral("accepted"));
    CHECK(page.events[1].comment == QStringLiteral("Muito bom."));
    CHECK(page.events[1].decision == accept.uuid);
    CHECK(page.events[1].at == hubNow().addSecs(120));

    const QJsonObject view =
        f.http->get(QStringLiteral("/api/v1/reports/") + t.uuid(), belo).json().value(QStringLiteral("revisions"))
            .toArray()
            .at(0)
            .toObject();
    CHECK(view.value(QStringLiteral("state")).toString() == QStringLiteral("accepted"));
    CHECK(view.value(QStringLiteral("reviewedAt")).toString() == sync::utcTimestamp(hubNow().addSecs(120)));
    // The central level decides too; an accepted revision is not started again.
    const HttpReply again = send(f, decisionOn(t, QStringLiteral("start")), f.enrollCentral());
    CHECK(again.status == 409);
    CHECK(again.errorCode() == QStringLiteral("state_changed"));
}

TEST_CASE("Reviews: a return needs a comment, and its comment and notes reach the municipality's status feed")
{
    HubFixture f;
    const QString belo = f.enrollMunicipality(kBelo);
    const QString urs = f.enrollUrs(kBeloUrs);
    const TestReport t = makeReport(kBelo, 62);
    f.push(t, belo);
    const qint64 received = f.status(belo).next;

    for (const QString &blank : {QString(), QStringLiteral("   \n")}) {
        const HttpReply refused = send(f, decisionOn(t, QStringLiteral("return"), blank), urs);
        CHECK(refused.status == 422);
        CHECK(refused.errorCode() == QStringLiteral("comment_required"));
        CHECK(refused.isJsonError());
    }
    CHECK(f.status(belo, received).events.isEmpty());
    CHECK(stateOf(f, t.uuid(), 1) == QStringLiteral("received"));

    sync::ReviewDecision ret = decisionOn(t, QStringLiteral("return"), QStringLiteral("Ação 2, Foto 1: ilegível."));
    const core::Action &second = t.report.actions[1];
    ret.notes << sync::ReviewNote{second.uuid, second.photos[0].uuid, QStringLiteral("ilegível")}
              << sync::ReviewNote{t.report.actions[0].uuid, {}, QStringLiteral("Confira a data.")}
              << sync::ReviewNote{{}, {}, QStringLiteral("No geral, bom trabalho.")};
    const sync::DecisionAnswer answer = decide(f, ret, urs);
    CHECK(answer.state == QStringLiteral("returned"));

    const sync::StatusPage page = f.status(belo, received);
    REQUIRE(page.events.size() == 1);
    const sync::StatusEvent &e = page.events[0];
    CHECK(e.state == QStringLiteral("returned"));
    CHECK(e.cursor == answer.event);
    CHECK(e.comment == ret.comment);
    CHECK(e.notes == ret.notes);
    CHECK(e.by == ret.reviewer);
    CHECK(e.decision == ret.uuid);
    CHECK(e.revision == 1);
    CHECK(stateOf(f, t.uuid(), 1) == QStringLiteral("returned"));
}

TEST_CASE("Reviews: the same decision again gets the same answer, another body under its uuid a decision_conflict")
{
    HubFixture f;
    const QString belo = f.enrollMunicipality(kBelo);
    const QString urs = f.enrollUrs(kBeloUrs);
    const TestReport t = makeReport(kBelo, 63);
    f.push(t, belo);
    const sync::ReviewDecision accept = decisionOn(t, QStringLiteral("accept"));
    const HttpReply first = send(f, accept, urs);
    REQUIRE(first.status == 201);

    f.clock.advanceSecs(30); // a re-send after a lost answer, later
    const HttpReply again = send(f, accept, urs);
    CHECK(again.status == 200);
    CHECK(again.body == first.body);
    // The same decision written otherwise (indented, members in another order) is the same.
    const QByteArray indented = QJsonDocument::fromJson(sync::encode(accept)).toJson(QJsonDocument::Indented);
    const HttpReply reformatted = f.http->put(QStringLiteral("/api/v1/reviews/") + accept.uuid, indented, urs);
    CHECK(reformatted.status == 200);
    CHECK(reformatted.body == first.body);

    sync::ReviewDecision other = accept;
    other.comment = QStringLiteral("Outro texto.");
    const HttpReply conflict = send(f, other, urs);
    CHECK(conflict.status == 409);
    CHECK(conflict.errorCode() == QStringLiteral("decision_conflict"));
    other = accept;
    other.decision = QStringLiteral("return");
    other.comment = QStringLiteral("Falta foto.");
    CHECK(send(f, other, urs).errorCode() == QStringLiteral("decision_conflict"));

    // One decision, one event.
    const sync::StatusPage page = f.status(belo);
    REQUIRE(page.events.size() == 2);
    CHECK(page.events[1].state == QStringLiteral("accepted"));
    CHECK(stateOf(f, t.uuid(), 1) == QStringLiteral("accepted"));
}

TEST_CASE("Reviews: two reviewers decide on one revision — one wins and the other is told whose decision won")
{
    HubFixture f;
    const QString belo = f.enrollMunicipality(kBelo);
    const QString maria = f.enrollUrs(kBeloUrs);
    const QString joao = f.enrollUrs(kBeloUrs);
    const TestReport t = makeReport(kBelo, 64);
    f.push(t, belo);

    // Both opened it as received; Maria sends first.
    const sync::ReviewDecision first = decisionOn(t, QStringLiteral("accept"), {}, QStringLiteral("Maria"));
    const sync::ReviewDecision second =
        decisionOn(t, QStringLiteral("return"), QStringLiteral("Falta a data."), QStringLiteral("João"));
    f.clock.advanceSecs(90);
    const sync::DecisionAnswer won = decide(f, first, maria);
    f.clock.advanceSecs(5);
    const HttpReply lost = send(f, second, joao);
    INFO(lost.body.toStdString());
    REQUIRE(lost.status == 409);
    CHECK(lost.isJsonError());
    auto current = sync::decodeStateChanged(lost.body);
    REQUIRE(current.ok());
    CHECK(current->state == QStringLiteral("accepted"));
    CHECK(current->decision == first.uuid);
    CHECK(current->by == QStringLiteral("Maria"));
    CHECK(current->at == hubNow().addSecs(90));
    CHECK(current->revision == 0);
    CHECK(stateOf(f, t.uuid(), 1) == QStringLiteral("accepted"));
    // Nothing of the loser was kept: a re-send of it is refused the same way, not "already there".
    CHECK(send(f, second, joao).errorCode() == QStringLiteral("state_changed"));
    const sync::StatusPage page = f.status(belo);
    REQUIRE(page.events.size() == 2);
    CHECK(page.events[1].cursor == won.event);

    // The CLI's review goes through the same desk: it cannot decide again either, and an
    // HTTP decision after a CLI one names the CLI's reviewer.
    auto cli =
        hub::ReviewDesk(*f.hub).review(t.uuid(), false, QStringLiteral("Refazer."), QStringLiteral("ana"));
    REQUIRE_FALSE(cli.ok());
    CHECK(cli.error().code == QStringLiteral("invalid_transition"));
    CHECK(cli.error().message.contains(QStringLiteral("Maria")));
    const TestReport u = makeReport(kBelo, 65);
    f.push(u, belo);
    auto cliReturn =
        hub::ReviewDesk(*f.hub).review(u.uuid(), false, QStringLiteral("Refazer."), QStringLiteral("ana"));
    REQUIRE(cliReturn.ok());
    CHECK(cliReturn->revision.state == QStringLiteral("returned"));
    const HttpReply afterCli = send(f, decisionOn(u, QStringLiteral("accept")), maria);
    CHECK(afterCli.status == 409);
    auto byCli = sync::decodeStateChanged(afterCli.body);
    REQUIRE(byCli.ok());
    CHECK(byCli->by == QStringLiteral("ana"));
    CHECK(sync::isUuid(byCli->decision));
    CHECK(byCli->state == QStringLiteral("returned"));
}

TEST_CASE("Reviews: a decision on an older revision, or on other content, after a newer one arrived is refused")
{
    HubFixture f;
    const QString belo = f.enrollMunicipality(kBelo);
    const QString urs = f.enrollUrs(kBeloUrs);
    TestReport t = makeReport(kBelo, 66);
    f.push(t, belo);
    const TestReport first = t;
    decide(f, decisionOn(first, QStringLiteral("return"), QStringLiteral("Corrigir o local.")), urs);

    // The correction arrives as revision 2 while a reviewer still looks at revision 1.
    t.report.revision = 2;
    t.report.actions[0].values.insert(QStringLiteral("place"), QStringLiteral("Praça da Estação"));
    t.encode();
    f.clock.advanceSecs(3600);
    f.push(t, belo);
    const HttpReply stale = send(f, decisionOn(first, QStringLiteral("accept")), urs);
    INFO(stale.body.toStdString());
    REQUIRE(stale.status == 409);
    auto current = sync::decodeStateChanged(stale.body);
    REQUIRE(current.ok());
    CHECK(current->revision == 2);
    CHECK(current->state == QStringLiteral("received"));
    CHECK(current->at == hubNow().addSecs(3600));
    CHECK(current->decision.isEmpty());
    CHECK(stateOf(f, t.uuid(), 1) == QStringLiteral("returned"));

    // Revision 2 named with revision 1's manifest: not what the hub has.
    sync::ReviewDecision mixed = decisionOn(t, QStringLiteral("accept"));
    mixed.manifestSha256 = sha256Of(first.manifest);
    const HttpReply wrongHash = send(f, mixed, urs);
    CHECK(wrongHash.status == 409);
    CHECK(wrongHash.errorCode() == QStringLiteral("state_changed"));
    CHECK(stateOf(f, t.uuid(), 2) == QStringLiteral("received"));
    // A revision the hub does not have is unknown.
    sync::ReviewDecision third = decisionOn(t, QStringLiteral("accept"));
    third.revision = 3;
    CHECK(send(f, third, urs).status == 404);

    CHECK(decide(f, decisionOn(t, QStringLiteral("accept")), urs).state == QStringLiteral("accepted"));
}

TEST_CASE("Reviews: the new routes answer another region, a municipality and no token without any data")
{
    HubFixture f;
    const QString belo = f.enrollMunicipality(kBelo);
    const QString neves = f.enrollMunicipality(kNeves); // the same URS, another municipality
    const QString otherUrs = f.enrollUrs(QStringLiteral("Barbacena"));
    const QString urs = f.enrollUrs(kBeloUrs);
    const TestReport t = makeReport(kBelo, 67);
    f.push(t, belo);
    const sync::ReviewDecision d = decisionOn(t, QStringLiteral("return"), QStringLiteral("Comentário secreto."));
    sync::ReviewDecision unknown = d;
    unknown.report = core::newUuid();
    const HttpReply notFound = send(f, unknown, otherUrs);
    REQUIRE(notFound.status == 404);
    CHECK(notFound.errorCode() == QStringLiteral("not_found"));

    const auto noData = [&](const HttpReply &r) {
        INFO(r.body.toStdString());
        CHECK(r.isJsonError());
        CHECK_FALSE(r.body.contains(t.uuid().toUtf8()));
        CHECK_FALSE(r.body.contains("secreto"));
        CHECK_FALSE(r.body.contains("received"));
    };
    // PUT reviews/<uuid>
    const HttpReply otherRegion = send(f, d, otherUrs);
    CHECK(otherRegion.status == 404);
    CHECK(otherRegion.body == notFound.body); // the same answer as for an unknown report
    noData(otherRegion);
    for (const QString &municipality : {belo, neves}) {
        const HttpReply r = send(f, d, municipality);
        CHECK(r.status == 403);
        CHECK(r.errorCode() == QStringLiteral("forbidden"));
        noData(r);
    }
    for (const QString &none : {QString(), QStringLiteral("not-a-token-at-all")}) {
        const HttpReply r = send(f, d, none);
        CHECK(r.status == 401);
        CHECK(r.header("WWW-Authenticate") == "Bearer");
        noData(r);
    }
    CHECK(stateOf(f, t.uuid(), 1) == QStringLiteral("received"));

    // GET reports/<uuid>/history: the owner municipality, its URS and the central level only.
    const QString path = QStringLiteral("/api/v1/reports/%1/history").arg(t.uuid());
    const HttpReply unknownHistory =
        f.http->get(QStringLiteral("/api/v1/reports/%1/history").arg(core::newUuid()), otherUrs);
    CHECK(unknownHistory.status == 404);
    for (const QString &outsider : {otherUrs, neves}) {
        const HttpReply r = f.http->get(path, outsider);
        CHECK(r.status == 404);
        CHECK(r.body == unknownHistory.body);
        noData(r);
    }
    const HttpReply anonymous = f.http->get(path);
    CHECK(anonymous.status == 401);
    noData(anonymous);
    CHECK(historyOf(f, t.uuid(), belo).size() == 1);
    CHECK(historyOf(f, t.uuid(), urs).size() == 1);
    CHECK(historyOf(f, t.uuid(), f.enrollCentral()).size() == 1);

    // Methods, addresses and bodies.
    const HttpReply get = f.http->get(QStringLiteral("/api/v1/reviews/") + d.uuid, urs);
    CHECK(get.status == 405);
    CHECK(get.header("Allow") == "PUT");
    const HttpReply post = f.http->post(path, "{}", urs);
    CHECK(post.status == 405);
    CHECK(post.header("Allow") == "GET");
    const HttpReply badUuid = f.http->put(QStringLiteral("/api/v1/reviews/nope"), sync::encode(d), urs);
    CHECK(badUuid.status == 400);
    CHECK(badUuid.errorCode() == QStringLiteral("bad_request"));
    const HttpReply badBody = f.http->put(QStringLiteral("/api/v1/reviews/") + d.uuid, "{\"report\":1}", urs);
    CHECK(badBody.status == 400);
    CHECK(badBody.errorCode() == QStringLiteral("bad_request"));
    const QByteArray huge = sync::encode(d) + QByteArray(300 * 1024, ' ');
    const HttpReply tooLarge = f.http->put(QStringLiteral("/api/v1/reviews/") + d.uuid, huge, urs);
    CHECK(tooLarge.status == 413);
    CHECK(stateOf(f, t.uuid(), 1) == QStringLiteral("received"));
}

TEST_CASE("Reviews: a report's history lists every state change, decision, comment and note, with who, when and "
          "from which installation")
{
    HubFixture f;
    const QString belo = f.enrollMunicipality(kBelo);
    const QString urs = f.enrollUrs(kBeloUrs);
    const QString ursInstallation = installationOf(f, sync::Scope::Kind::Urs);
    TestReport t = makeReport(kBelo, 68);
    f.push(t, belo);

    f.clock.advanceSecs(60);
    const sync::ReviewDecision start = decisionOn(t, QStringLiteral("start"));
    decide(f, start, urs);
    f.clock.advanceSecs(60);
    sync::ReviewDecision ret = decisionOn(t, QStringLiteral("return"), QStringLiteral("Falta a foto da ação 2."));
    ret.notes << sync::ReviewNote{t.report.actions[1].uuid, {}, QStringLiteral("Sem foto nítida.")};
    decide(f, ret, urs);
    t.report.revision = 2;
    t.report.actions[1].values.insert(QStringLiteral("place"), QStringLiteral("Escola Estadual"));
    t.encode();
    f.clock.advanceSecs(3600);
    f.push(t, belo);
    f.clock.advanceSecs(60);
    REQUIRE(hub::ReviewDesk(*f.hub)
                .review(t.uuid(), true, {}, QStringLiteral("ana"))
                .ok()); // the CLI, at the hub

    const QList<sync::HistoryEvent> events = historyOf(f, t.uuid(), urs);
    REQUIRE(events.size() == 5);
    QStringList states;
    for (const auto &e : events)
        states << QStringLiteral("%1:%2").arg(e.revision).arg(e.state);
    CHECK(states == QStringList{QStringLiteral("1:received"), QStringLiteral("1:in_review"),
                                QStringLiteral("1:returned"), QStringLiteral("2:received"),
                                QStringLiteral("2:accepted")});
    for (int i = 1; i < events.size(); ++i)
        CHECK(events[i].cursor > events[i - 1].cursor);
    CHECK(events[0].by.isEmpty());
    CHECK(events[0].at == hubNow());
    CHECK(events[1].decision == start.uuid);
    CHECK(events[1].by == start.reviewer);
    CHECK(events[1].installation == ursInstallation);
    CHECK(events[1].at == hubNow().addSecs(60));
    CHECK(events[2].decision == ret.uuid);
    CHECK(events[2].comment == ret.comment);
    CHECK(events[2].notes == ret.notes);
    CHECK(events[2].installation == ursInstallation);
    CHECK(events[3].at == hubNow().addSecs(3720));
    CHECK(events[4].by == QStringLiteral("ana"));
    CHECK(sync::isUuid(events[4].decision));
    CHECK(events[4].installation.isEmpty()); // the CLI has no installation
    // The municipality reads its own report's history: the same events.
    const QList<sync::HistoryEvent> own = historyOf(f, t.uuid(), belo);
    REQUIRE(own.size() == events.size());
    CHECK(own[2].notes == ret.notes);
}

TEST_CASE("Schema 4: a database of schema 3 migrates keeping its revisions, their ids, events and reviews")
{
    HubFixture f;
    f.stop();
    // A fresh database as a hub of schema 3 left it.
    if (testDbUrl().isEmpty()) {
        for (const char *suffix : {"", "-wal", "-shm"})
            QFile::remove(f.dir.filePath(hub::HubStore::fileName() + QLatin1String(suffix)));
    } else {
        emptyTestDb(testDbUrl());
    }
    const TestReport a = makeReport(kBelo, 69);
    TestReport a2 = a;
    a2.report.revision = 2;
    a2.encode();
    const TestReport b = makeReport(kBelo, 70);
    {
        auto old = hub::HubStore::openAtVersion(f.dir.path(), testDbUrl(), 3);
        INFO((old ? QString() : old.error().message).toStdString());
        REQUIRE(old.ok());
        hub::HubStore &store = *old.value();
        REQUIRE(store.schemaVersion() == 3);
        const QDateTime at = hubNow().addDays(-10);
        for (const TestReport *t : std::initializer_list<const TestReport *>{&a, &a2, &b}) {
            const hub::ReportRecord report{t->uuid(), kBelo, t->report.programId, t->report.period.key()};
            REQUIRE(store.insertRevision(report, kBeloUrs, t->report.revision, t->manifest, sha256Of(t->manifest), at)
                        .ok());
        }
        // A review as schema 3's hub wrote it, and the states it did not know.
        QSqlQuery q(store.db());
        REQUIRE(q.prepare(QStringLiteral("UPDATE revisions SET state = 'returned', comment = 'Corrigir.', "
                                         "reviewer = 'ana', reviewed_at = ? WHERE report = ? AND revision = 1")));
        q.addBindValue(hub::storeTime(at));
        q.addBindValue(a.uuid());
        REQUIRE(q.exec());
        REQUIRE(q.prepare(QStringLiteral("INSERT INTO status_events (report, revision, state, comment, at, "
                                         "municipality, urs, period) VALUES (?, 1, 'returned', 'Corrigir.', ?, ?, "
                                         "?, ?)")));
        for (const QVariant &v : QVariantList{a.uuid(), hub::storeTime(at), kBelo, kBeloUrs, a.report.period.key()})
            q.addBindValue(v);
        REQUIRE(q.exec());
        CHECK_FALSE(q.exec(QStringLiteral("UPDATE revisions SET state = 'in_review' WHERE report = '%1'")
                               .arg(b.uuid())));
    }
    f.start(); // opens and migrates
    CHECK(f.store->schemaVersion() == hub::HubStore::latestSchemaVersion());
    auto listed = f.store->listRevisions({}, std::nullopt);
    REQUIRE(listed.ok());
    REQUIRE(listed->size() == 3);
    QStringList rows;
    for (const hub::ListedRevision &r : listed.value())
        rows << QStringLiteral("%1/%2 %3 %4 %5")
                    .arg(r.report.uuid == a.uuid() ? QStringLiteral("a") : QStringLiteral("b"))
                    .arg(r.revision.revision)
                    .arg(r.revision.hubId, r.revision.state, r.revision.reviewer);
    rows.sort();
    CHECK(rows == QStringList{QStringLiteral("a/1 r-000001 returned ana"), QStringLiteral("a/2 r-000002 received "),
                              QStringLiteral("b/1 r-000003 received ")});
    auto manifest = f.store->revision(b.uuid(), 1);
    REQUIRE(manifest.ok());
    REQUIRE(manifest.value().has_value());
    CHECK(manifest.value()->manifest == b.manifest);

    // The old events stay, and the old review names its reviewer.
    const QString belo = f.enrollMunicipality(kBelo);
    const QString urs = f.enrollUrs(kBeloUrs);
    const QList<sync::HistoryEvent> history = historyOf(f, a.uuid(), urs);
    REQUIRE(history.size() == 3);
    CHECK(history[2].state == QStringLiteral("returned"));
    CHECK(history[2].by == QStringLiteral("ana"));
    CHECK(history[2].comment == QStringLiteral("Corrigir."));
    CHECK(f.status(belo).events.size() == 4);

    // The new states, and the ids go on from where they were.
    CHECK(decide(f, decisionOn(b, QStringLiteral("start")), urs).state == QStringLiteral("in_review"));
    CHECK(f.push(makeReport(kBelo, 71), belo).hubId == QStringLiteral("r-000004"));
}
