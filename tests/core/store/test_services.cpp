// The one write path: services change the store in one transaction, write the
// audit trail and notify after commit; failures roll everything back.
#include "core/services/services.h"
#include "tests/core/store/store_test_util.h"
#include "tests/core/program/program_test_support.h"
#include "tests/support/valid_report.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace mobiliza;
using namespace mobiliza::core;
using mobiliza::test::count;
using mobiliza::test::exec;
using mobiliza::test::NotificationCounter;
using mobiliza::test::Profile;
using mobiliza::test::scalar;

namespace {

const QString kProgram = QStringLiteral("ses_mg_mobilizacao");

QJsonObject titled(const QString &title)
{
    return QJsonObject{{QStringLiteral("title"), title}};
}

QStringList titles(const Report &report)
{
    QStringList list;
    for (const Action &a : report.actions)
        list << a.values.value(QStringLiteral("title")).toString();
    return list;
}

QList<int> positions(const Report &report)
{
    QList<int> list;
    for (const Action &a : report.actions)
        list << a.position;
    return list;
}

Photo photoMeta(BlobStore &blobs, const QByteArray &bytes, const QString &caption)
{
    auto sha = blobs.put(bytes);
    REQUIRE(sha.ok());
    Photo p;
    p.sha256 = sha.value();
    p.caption = caption;
    p.takenOn = QDate(2025, 3, 5);
    p.author = QStringLiteral("Ana Souza");
    p.identifiablePeople = true;
    p.authorizationOnFile = true;
    p.width = 1600;
    p.height = 1200;
    p.bytes = bytes.size();
    return p;
}

// A draft with two actions, one photo each.
QString draftWithPhotos(Profile &profile)
{
    auto report = profile.reports().createReport(kProgram, test::kMarch);
    REQUIRE(report.ok());
    for (int i = 0; i < 2; ++i) {
        auto action = profile.reports().addAction(
            report->uuid,
            mobiliza::test::validActionValues(test::kMarch, i + 1, QStringLiteral("Ação %1").arg(i + 1)));
        REQUIRE(action.ok());
        auto photo = profile.reports().addPhoto(action->uuid,
                                                photoMeta(profile.services->blobs(),
                                                          QByteArray("jpeg-bytes-") + QByteArray::number(i),
                                                          QStringLiteral("Foto %1").arg(i + 1)));
        REQUIRE(photo.ok());
    }
    return report->uuid;
}

} // namespace

TEST_CASE("services: the profile keeps one municipality and an installation id", "[services]")
{
    Profile profile(false);
    auto &p = profile.services->profile();
    NotificationCounter notes(profile.services->notifier());

    const QString installation = p.installationId();
    CHECK(installation.size() == 36);
    CHECK(p.createdAt() == mobiliza::test::fixedNow());
    CHECK(p.municipality().isEmpty());

    CHECK(p.setMunicipality(QStringLiteral("31062")).error().code == QStringLiteral("invalid_municipality"));
    REQUIRE(p.setMunicipality(QStringLiteral("3106200")).ok());
    CHECK(notes.profileChanged == 1);
    CHECK(p.setMunicipality(QStringLiteral("3106200")).ok()); // the same again: fine, no change
    CHECK(notes.profileChanged == 1);
    auto other = p.setMunicipality(QStringLiteral("3170206"));
    REQUIRE_FALSE(other.ok());
    CHECK(other.error().code == QStringLiteral("municipality_locked"));
    CHECK(p.municipality() == QStringLiteral("3106200"));

    REQUIRE(p.setUserName(QStringLiteral("  Ana Souza ")).ok());
    CHECK(p.userName() == QStringLiteral("Ana Souza"));
    CHECK(profile.services->audit().actor().userName == QStringLiteral("Ana Souza"));
    REQUIRE(p.setSetting(QStringLiteral("hub_url"), QStringLiteral("https://hub.example")).ok());
    CHECK(p.setting(QStringLiteral("hub_url")) == QStringLiteral("https://hub.example"));
    CHECK(p.setting(QStringLiteral("missing"), QStringLiteral("fallback")) == QStringLiteral("fallback"));
    CHECK(p.setSetting(QStringLiteral("municipality"), QStringLiteral("3170206")).error().code ==
          QStringLiteral("reserved_setting"));
    REQUIRE(p.setDemo(true).ok());
    CHECK(p.isDemo());

    // The installation id survives reopening; the audit trail names it.
    const QString dir = profile.dir.path();
    profile.services.reset();
    auto reopened = Services::open(dir, profile.clock);
    REQUIRE(reopened.ok());
    CHECK(reopened.value()->profile().installationId() == installation);
    CHECK(reopened.value()->audit().actor().installationId == installation);
    CHECK(reopened.value()->audit().actor().userName == QStringLiteral("Ana Souza"));
    const auto entries = reopened.value()->audit().entries(QStringLiteral("setting"));
    REQUIRE(entries.size() == 4); // municipality, user_name, hub_url, demo
    for (const auto &e : entries)
        CHECK(e.installationId == installation);
    // A setting's value is not copied into the audit trail.
    const auto hub = reopened.value()->audit().entries(QStringLiteral("setting"), QStringLiteral("hub_url"));
    REQUIRE(hub.size() == 1);
    CHECK_FALSE(QJsonDocument(hub[0].detail).toJson().contains("hub.example"));
}

TEST_CASE("services: reports are one per program and month and load with everything", "[services]")
{
    Profile profile;
    NotificationCounter notes(profile.services->notifier());
    auto created = profile.reports().createReport(kProgram, test::kMarch);
    REQUIRE(created.ok());
    CHECK(created->state == ReportState::Draft);
    CHECK(created->revision == 1);
    CHECK(created->municipality == QStringLiteral("3106200"));
    CHECK(notes.reportUuids == QStringList{created->uuid});

    auto again = profile.reports().createReport(kProgram, test::kMarch);
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().code == QStringLiteral("already_exists"));
    CHECK(again.error().message.contains(QStringLiteral("03/2025")));
    CHECK(profile.reports().createReport(kProgram, Period{2025, 13}).error().code ==
          QStringLiteral("invalid_argument"));
    REQUIRE(profile.reports().createReport(kProgram, Period{2025, 2}).ok());

    auto action = profile.reports().addAction(created->uuid, titled(QStringLiteral("Blitz")));
    REQUIRE(action.ok());
    Partner partner;
    partner.name = QStringLiteral("Escola Estadual Central");
    auto savedPartner = profile.partners().save(partner);
    REQUIRE(savedPartner.ok());
    REQUIRE(profile.reports().setActionPartners(action->uuid, {savedPartner->uuid, savedPartner->uuid}).ok());
    CHECK(profile.reports().setActionPartners(action->uuid, {QStringLiteral("nope")}).error().code ==
          QStringLiteral("not_found"));
    auto photo = profile.reports().addPhoto(
        action->uuid, photoMeta(profile.services->blobs(), "img", QStringLiteral("Praça")));
    REQUIRE(photo.ok());
    Photo unknownBlob;
    unknownBlob.sha256 = QString(64, QLatin1Char('0'));
    CHECK(profile.reports().addPhoto(action->uuid, unknownBlob).error().code ==
          QStringLiteral("missing_blob"));

    auto loaded = profile.reports().reportFor(kProgram, test::kMarch);
    REQUIRE(loaded.ok());
    REQUIRE(loaded->actions.size() == 1);
    CHECK(loaded->actions[0].values == titled(QStringLiteral("Blitz")));
    CHECK(loaded->actions[0].partnerUuids == QStringList{savedPartner->uuid});
    REQUIRE(loaded->actions[0].photos.size() == 1);
    const Photo &p = loaded->actions[0].photos[0];
    CHECK(p.caption == QStringLiteral("Praça"));
    CHECK(p.takenOn == QDate(2025, 3, 5));
    CHECK(p.identifiablePeople);
    CHECK(p.authorizationOnFile);
    CHECK(p.width == 1600);
    CHECK(profile.partners().actionsOfPartner(savedPartner->uuid) == QList<QString>{action->uuid});

    const auto listed = profile.reports().summaries();
    REQUIRE(listed.ok());
    const auto &summaries = listed.value();
    REQUIRE(summaries.size() == 2);
    CHECK(summaries[0].period == test::kMarch); // newest first
    CHECK(summaries[0].actionCount == 1);
    CHECK(summaries[0].photoCount == 1);
    CHECK(summaries[0].state == ReportState::Draft);
    CHECK(summaries[1].actionCount == 0);
    CHECK(summaries[0].updatedAt == mobiliza::test::fixedNow());

    CHECK(profile.reports().report(QStringLiteral("missing")).error().code == QStringLiteral("not_found"));
}

TEST_CASE("services: no report before the municipality is chosen", "[services]")
{
    Profile profile(false);
    auto created = profile.reports().createReport(kProgram, test::kMarch);
    REQUIRE_FALSE(created.ok());
    CHECK(created.error().code == QStringLiteral("no_municipality"));
    CHECK(count(profile.db(), QStringLiteral("SELECT count(*) FROM reports")) == 0);
}

TEST_CASE("services: moving and removing keeps positions contiguous", "[services]")
{
    Profile profile;
    auto report = profile.reports().createReport(kProgram, test::kMarch);
    REQUIRE(report.ok());
    QStringList uuids;
    for (int i = 0; i < 5; ++i) {
        auto a = profile.reports().addAction(report->uuid, titled(QStringLiteral("A%1").arg(i)));
        REQUIRE(a.ok());
        CHECK(a->position == i);
        uuids << a->uuid;
    }
    auto order = [&] { return titles(profile.reports().report(report->uuid).value()); };
    const QList<int> contiguous5{0, 1, 2, 3, 4};

    REQUIRE(profile.reports().moveAction(uuids[0], 3).ok());
    CHECK(order() == QStringList{QStringLiteral("A1"), QStringLiteral("A2"), QStringLiteral("A3"),
                                 QStringLiteral("A0"), QStringLiteral("A4")});
    REQUIRE(profile.reports().moveAction(uuids[4], 0).ok());
    CHECK(order() == QStringList{QStringLiteral("A4"), QStringLiteral("A1"), QStringLiteral("A2"),
                                 QStringLiteral("A3"), QStringLiteral("A0")});
    CHECK(positions(profile.reports().report(report->uuid).value()) == contiguous5);
    CHECK(profile.reports().moveAction(uuids[2], 5).error().code == QStringLiteral("invalid_position"));
    CHECK(profile.reports().moveAction(uuids[2], -1).error().code == QStringLiteral("invalid_position"));

    REQUIRE(profile.reports().removeAction(uuids[1]).ok());
    CHECK(order() == QStringList{QStringLiteral("A4"), QStringLiteral("A2"), QStringLiteral("A3"),
                                 QStringLiteral("A0")});
    CHECK(positions(profile.reports().report(report->uuid).value()) == QList<int>{0, 1, 2, 3});
    auto added = profile.reports().addAction(report->uuid, titled(QStringLiteral("A5")));
    REQUIRE(added.ok());
    CHECK(added->position == 4);

    // Photos follow the same rule inside an action.
    QStringList photos;
    for (int i = 0; i < 3; ++i) {
        auto p =
            profile.reports().addPhoto(uuids[2], photoMeta(profile.services->blobs(), QByteArray::number(i),
                                                           QStringLiteral("F%1").arg(i)));
        REQUIRE(p.ok());
        photos << p->uuid;
    }
    REQUIRE(profile.reports().movePhoto(photos[2], 0).ok());
    REQUIRE(profile.reports().removePhoto(photos[0]).ok());
    auto loaded = profile.reports().report(report->uuid);
    REQUIRE(loaded.ok());
    const auto &action = loaded->actions[1];
    REQUIRE(action.uuid == uuids[2]);
    REQUIRE(action.photos.size() == 2);
    CHECK(action.photos[0].caption == QStringLiteral("F2"));
    CHECK(action.photos[0].position == 0);
    CHECK(action.photos[1].caption == QStringLiteral("F1"));
    CHECK(action.photos[1].position == 1);
}

TEST_CASE("services: every change writes an audit row with the installation id", "[services][audit]")
{
    Profile profile;
    REQUIRE(profile.services->profile().setUserName(QStringLiteral("Ana Souza")).ok());
    const QString installation = profile.services->profile().installationId();
    auto report = profile.reports().createReport(kProgram, test::kMarch);
    REQUIRE(report.ok());
    profile.clock.advanceSecs(60);
    auto action = profile.reports().addAction(report->uuid, titled(QStringLiteral("Blitz")));
    REQUIRE(action.ok());
    QJsonObject values = titled(QStringLiteral("Blitz da dengue"));
    values.insert(QStringLiteral("people"), 40);
    REQUIRE(profile.reports().updateAction(action->uuid, values).ok());
    REQUIRE(profile.reports().setNoActions(report->uuid, false, QString()).ok());
    REQUIRE(profile.reports().removeAction(action->uuid).ok());

    const auto reportRows = profile.services->audit().entries(QStringLiteral("report"), report->uuid);
    REQUIRE(reportRows.size() == 2);
    CHECK(reportRows[0].action == QStringLiteral("create"));
    CHECK(reportRows[0].at == mobiliza::test::fixedNow());
    CHECK(reportRows[1].action == QStringLiteral("set_no_actions"));
    const auto actionRows = profile.services->audit().entries(QStringLiteral("action"), action->uuid);
    REQUIRE(actionRows.size() == 3);
    CHECK(actionRows[0].action == QStringLiteral("create"));
    CHECK(actionRows[0].at == mobiliza::test::fixedNow().addSecs(60));
    CHECK(actionRows[1].action == QStringLiteral("update"));
    CHECK(actionRows[1].detail.value(QStringLiteral("fields")).toArray() ==
          QJsonArray{QStringLiteral("people"), QStringLiteral("title")});
    CHECK(actionRows[2].action == QStringLiteral("remove"));
    for (const auto &e : reportRows + actionRows) {
        CHECK(e.installationId == installation);
        CHECK(e.userName == QStringLiteral("Ana Souza"));
    }
    // Values typed by the user are not copied into the audit trail.
    CHECK(count(profile.db(),
                QStringLiteral("SELECT count(*) FROM audit_log WHERE detail_json LIKE '%dengue%'")) == 0);
}

TEST_CASE("services: a failure in the middle rolls the whole change back, without notification",
          "[services][rollback]")
{
    Profile profile;
    const QString reportUuid = draftWithPhotos(profile);
    const QSqlDatabase db = profile.db();
    const QString updatedBefore = scalar(db, QStringLiteral("SELECT updated_at FROM reports")).toString();
    const int actionsBefore = count(db, QStringLiteral("SELECT count(*) FROM actions"));
    const int auditBefore = count(db, QStringLiteral("SELECT count(*) FROM audit_log"));
    profile.clock.advanceSecs(3600);
    NotificationCounter notes(profile.services->notifier());

    SECTION("the audit row, written last, fails")
    {
        exec(db, QStringLiteral("CREATE TEMP TRIGGER fail_audit BEFORE INSERT ON audit_log "
                                "BEGIN SELECT RAISE(ABORT, 'injected failure'); END"));
        auto added = profile.reports().addAction(reportUuid, titled(QStringLiteral("nova")));
        REQUIRE_FALSE(added.ok());
        CHECK(added.error().code == QStringLiteral("database"));
        CHECK(added.error().message.contains(QStringLiteral("injected failure")));
        const auto report = profile.reports().report(reportUuid).value();
        CHECK(profile.reports().moveAction(report.actions[1].uuid, 0).error().code ==
              QStringLiteral("database"));
        CHECK(profile.reports().removeAction(report.actions[0].uuid).error().code ==
              QStringLiteral("database"));
        CHECK_FALSE(profile.reports().createReport(kProgram, Period{2025, 4}).ok());
        Partner partner;
        partner.name = QStringLiteral("Rádio Comunitária");
        CHECK_FALSE(profile.partners().save(partner).ok());
        CHECK_FALSE(profile.services->profile().setUserName(QStringLiteral("Outro")).ok());
        CHECK(profile.services->profile().userName().isEmpty());

        CHECK(count(db, QStringLiteral("SELECT count(*) FROM actions")) == actionsBefore);
        CHECK(titles(profile.reports().report(reportUuid).value()) ==
              QStringList{QStringLiteral("Ação 1"), QStringLiteral("Ação 2")});
        CHECK(positions(profile.reports().report(reportUuid).value()) == QList<int>{0, 1});
        CHECK(count(db, QStringLiteral("SELECT count(*) FROM reports")) == 1);
        CHECK(count(db, QStringLiteral("SELECT count(*) FROM partners")) == 0);
        CHECK(count(db, QStringLiteral("SELECT count(*) FROM partner_stage_history")) == 0);
    }
    SECTION("the outbox entry of a conclusion fails")
    {
        exec(db, QStringLiteral("CREATE TEMP TRIGGER fail_outbox BEFORE INSERT ON outbox "
                                "BEGIN SELECT RAISE(ABORT, 'injected failure'); END"));
        auto concluded = profile.reports().conclude(reportUuid);
        REQUIRE_FALSE(concluded.ok());
        CHECK(scalar(db, QStringLiteral("SELECT state FROM reports")).toString() == QStringLiteral("draft"));
        CHECK(count(db, QStringLiteral("SELECT count(*) FROM report_revisions")) == 0);
    }
    CHECK(scalar(db, QStringLiteral("SELECT updated_at FROM reports")).toString() == updatedBefore);
    CHECK(count(db, QStringLiteral("SELECT count(*) FROM audit_log")) == auditBefore);
    CHECK(notes.total() == 0);
    CHECK(profile.services->database().integrityCheck().ok());
}

TEST_CASE(
    "services: conclude is blocked by a finding, then locks the report with a revision and an outbox entry",
    "[services][lifecycle]")
{
    Profile profile;
    const QString uuid = draftWithPhotos(profile);
    const QSqlDatabase db = profile.db();

    // Concluding always runs the program's rules on what is stored: a missing
    // required field blocks, a warning (photo of identifiable people without the
    // authorization on file) does not.
    const Report draft = profile.reports().report(uuid).value();
    QJsonObject noTitle = draft.actions[0].values;
    noTitle.remove(QStringLiteral("title"));
    REQUIRE(profile.reports().updateAction(draft.actions[0].uuid, noTitle).ok());
    Photo unauthorized = draft.actions[1].photos[0];
    unauthorized.identifiablePeople = true;
    unauthorized.authorizationOnFile = false;
    REQUIRE(profile.reports().updatePhoto(unauthorized).ok());
    auto notes = std::make_unique<NotificationCounter>(profile.services->notifier());

    auto refused = profile.reports().conclude(uuid);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == QStringLiteral("validation_failed"));
    CHECK(refused.error().message.contains(QStringLiteral("1")));
    CHECK(profile.reports().report(uuid)->state == ReportState::Draft);
    CHECK(count(db, QStringLiteral("SELECT count(*) FROM report_revisions")) == 0);
    CHECK(count(db, QStringLiteral("SELECT count(*) FROM outbox")) == 0);
    CHECK(notes->total() == 0);

    REQUIRE(profile.reports().updateAction(draft.actions[0].uuid, draft.actions[0].values).ok());
    notes = std::make_unique<NotificationCounter>(profile.services->notifier());
    profile.clock.advanceSecs(120);
    REQUIRE(profile.reports().conclude(uuid).ok());
    CHECK(notes->reportUuids == QStringList{uuid});

    const Report ready = profile.reports().report(uuid).value();
    CHECK(ready.state == ReportState::Ready);
    const auto revisions = profile.reports().revisions(uuid);
    REQUIRE(revisions.size() == 1);
    const RevisionRecord &rev = revisions[0];
    CHECK(rev.revision == 1);
    CHECK(rev.sha256 == BlobStore::sha256Hex(rev.snapshotJson));
    CHECK(rev.outboxState == QStringLiteral("queued"));
    CHECK(rev.snapshotJson == ReportService::manifest(ready, profile.clock.now())); // deterministic
    const QJsonObject manifest = QJsonDocument::fromJson(rev.snapshotJson).object();
    CHECK(manifest.value(QStringLiteral("period")).toString() == QStringLiteral("2025-03"));
    const QJsonArray actions = manifest.value(QStringLiteral("actions")).toArray();
    REQUIRE(actions.size() == 2);
    const QJsonObject secondPhoto =
        actions[1].toObject().value(QStringLiteral("photos")).toArray()[0].toObject();
    CHECK(secondPhoto.value(QStringLiteral("number")).toInt() == 2); // numbered across the report
    CHECK(secondPhoto.value(QStringLiteral("sha256")).toString() == ready.actions[1].photos[0].sha256);
    CHECK(count(db,
                QStringLiteral(
                    "SELECT count(*) FROM outbox o JOIN report_revisions v ON v.uuid = o.revision_uuid "
                    "WHERE v.report_uuid = ? AND o.state = 'queued'"),
                {uuid}) == 1);
    const auto audit = profile.services->audit().entries(QStringLiteral("report"), uuid);
    CHECK(audit.last().action == QStringLiteral("conclude"));
    CHECK(audit.last().detail.value(QStringLiteral("sha256")).toString() == rev.sha256);

    // A ready report is locked.
    const Action &first = ready.actions[0];
    CHECK(profile.reports().addAction(uuid, titled(QStringLiteral("x"))).error().code ==
          QStringLiteral("locked"));
    CHECK(profile.reports().updateAction(first.uuid, titled(QStringLiteral("x"))).error().code ==
          QStringLiteral("locked"));
    CHECK(profile.reports().removeAction(first.uuid).error().code == QStringLiteral("locked"));
    CHECK(profile.reports().moveAction(first.uuid, 1).error().code == QStringLiteral("locked"));
    CHECK(profile.reports().setActionPartners(first.uuid, {}).error().code == QStringLiteral("locked"));
    CHECK(profile.reports().removePhoto(first.photos[0].uuid).error().code == QStringLiteral("locked"));
    CHECK(profile.reports().updatePhoto(first.photos[0]).error().code == QStringLiteral("locked"));
    CHECK(profile.reports().setNoActions(uuid, true, QStringLiteral("x")).error().code ==
          QStringLiteral("locked"));
    CHECK(profile.reports().conclude(uuid).error().code == QStringLiteral("invalid_transition"));
    CHECK(titles(profile.reports().report(uuid).value()) == titles(ready));
}

TEST_CASE("services: withdraw, send, return and reopen", "[services][lifecycle]")
{
    Profile profile;
    const QString uuid = draftWithPhotos(profile);
    const QSqlDatabase db = profile.db();
    auto &reports = profile.reports();
    REQUIRE(reports.conclude(uuid).ok());

    // Withdraw: back to draft, the unsent revision and its outbox entry disappear.
    REQUIRE(reports.applyEvent(uuid, ReportEvent::Withdraw).ok());
    CHECK(reports.report(uuid)->state == ReportState::Draft);
    CHECK(reports.report(uuid)->revision == 1);
    CHECK(count(db, QStringLiteral("SELECT count(*) FROM report_revisions")) == 0);
    CHECK(count(db, QStringLiteral("SELECT count(*) FROM outbox")) == 0);
    QJsonObject corrected = reports.report(uuid)->actions[0].values;
    corrected.insert(QStringLiteral("title"), QStringLiteral("corrigida"));
    REQUIRE(reports.updateAction(reports.report(uuid)->actions[0].uuid, corrected).ok());

    // Illegal transitions are the state machine's errors.
    auto illegal = reports.applyEvent(uuid, ReportEvent::Accept);
    REQUIRE_FALSE(illegal.ok());
    CHECK(illegal.error().code == QStringLiteral("invalid_transition"));
    CHECK(illegal.error().message ==
          ReportStateMachine::apply(ReportState::Draft, ReportEvent::Accept).error);
    CHECK(reports.applyEvent(uuid, ReportEvent::Conclude).error().code == QStringLiteral("invalid_argument"));

    REQUIRE(reports.conclude(uuid).ok());
    REQUIRE(reports.applyEvent(uuid, ReportEvent::StartSending).ok());
    CHECK(reports.revisions(uuid).value(0).outboxState == QStringLiteral("sending"));
    CHECK(reports.applyEvent(uuid, ReportEvent::Withdraw).error().code ==
          QStringLiteral("invalid_transition"));
    REQUIRE(reports.applyEvent(uuid, ReportEvent::SendFailed, QStringLiteral("timeout")).ok());
    CHECK(count(db, QStringLiteral("SELECT attempts FROM outbox")) == 1);
    CHECK(scalar(db, QStringLiteral("SELECT last_error FROM outbox")).toString() ==
          QStringLiteral("timeout"));
    REQUIRE(reports.applyEvent(uuid, ReportEvent::StartSending).ok());
    REQUIRE(reports.applyEvent(uuid, ReportEvent::HubReceived).ok());
    CHECK(reports.revisions(uuid).value(0).outboxState == QStringLiteral("received"));

    const QString comment = QStringLiteral("Falta a autorização de uso de imagem da foto 2.");
    REQUIRE(reports.applyEvent(uuid, ReportEvent::Return, comment).ok());
    CHECK(reports.report(uuid)->state == ReportState::Returned);
    CHECK(reports.report(uuid)->reviewComment == comment);
    CHECK(reports.addAction(uuid, {}).error().code == QStringLiteral("locked"));

    REQUIRE(reports.applyEvent(uuid, ReportEvent::Reopen).ok());
    const Report reopened = reports.report(uuid).value();
    CHECK(reopened.state == ReportState::Draft);
    CHECK(reopened.revision == 2);
    CHECK(reopened.reviewComment == comment); // still visible while correcting
    QJsonObject fixed = reopened.actions[1].values;
    fixed.insert(QStringLiteral("description"), QStringLiteral("Descrição corrigida após a devolução da URS."));
    REQUIRE(reports.updateAction(reopened.actions[1].uuid, fixed).ok());
    REQUIRE(reports.conclude(uuid).ok());
    const auto revisions = reports.revisions(uuid);
    REQUIRE(revisions.size() == 2);
    CHECK(revisions[0].revision == 1);
    CHECK(revisions[0].outboxState == QStringLiteral("received"));
    CHECK(revisions[1].revision == 2);
    CHECK(revisions[1].outboxState == QStringLiteral("queued"));
    CHECK(revisions[0].sha256 != revisions[1].sha256);
    CHECK(reports.revision(uuid, 2)->snapshotJson.contains("\"revision\":2"));

    QStringList events;
    for (const auto &e : profile.services->audit().entries(QStringLiteral("report"), uuid))
        events << e.action;
    CHECK(events == QStringList{QStringLiteral("create"), QStringLiteral("conclude"),
                                QStringLiteral("withdraw"), QStringLiteral("conclude"),
                                QStringLiteral("start_sending"), QStringLiteral("send_failed"),
                                QStringLiteral("start_sending"), QStringLiteral("hub_received"),
                                QStringLiteral("return"), QStringLiteral("reopen"),
                                QStringLiteral("conclude")});
    CHECK(profile.services->database().integrityCheck().ok());
}

TEST_CASE("services: conclude refuses a report whose photo file is gone", "[services][lifecycle]")
{
    Profile profile;
    const QString uuid = draftWithPhotos(profile);
    const Report report = profile.reports().report(uuid).value();
    REQUIRE(profile.services->blobs().remove(report.actions[1].photos[0].sha256).ok());
    auto refused = profile.reports().conclude(uuid);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == QStringLiteral("missing_blob"));
    CHECK(refused.error().message.contains(QStringLiteral("2")));
    CHECK(profile.reports().report(uuid)->state == ReportState::Draft);
}

TEST_CASE("services: conclude validates with the report's own program, and refuses an unknown program",
          "[services][lifecycle]")
{
    Profile profile;
    const ProgramDefinition apoio = mobiliza::test::loadApoio();
    // An apoio record that SES-MG's rules would refuse (no title, no photo) but
    // that apoio's rules require differently (participants, activities, results…).
    auto created = profile.reports().createReport(apoio.id(), test::kMarch);
    REQUIRE(created.ok());
    REQUIRE(profile.reports()
                .addAction(created->uuid, QJsonObject{{QStringLiteral("date"), QStringLiteral("2025-03-12")}})
                .ok());

    auto unknown = profile.reports().conclude(created->uuid);
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.error().code == QStringLiteral("unknown_program"));
    CHECK(unknown.error().message.contains(apoio.id()));
    CHECK(profile.reports().report(created->uuid)->state == ReportState::Draft);

    profile.services->programs().add(apoio);
    auto incomplete = profile.reports().conclude(created->uuid);
    REQUIRE_FALSE(incomplete.ok());
    CHECK(incomplete.error().code == QStringLiteral("validation_failed"));

    const Action record = profile.reports().report(created->uuid)->actions.at(0);
    const QJsonObject complete{
        {QStringLiteral("date"), QStringLiteral("2025-03-12")},
        {QStringLiteral("scope"), QStringLiteral("municipio")},
        {QStringLiteral("municipality"), QStringLiteral("3106200")},
        {QStringLiteral("support_type"), QStringLiteral("visita_tecnica")},
        {QStringLiteral("modality"), QStringLiteral("presencial")},
        {QStringLiteral("learning_mode"), QStringLiteral("pratica")},
        {QStringLiteral("participants"), 12},
        {QStringLiteral("topics"), QJsonArray{QStringLiteral("planejamento")}},
        {QStringLiteral("activities"), QStringLiteral("Oficina de planejamento regional com a equipe.")},
        {QStringLiteral("results"), QStringLiteral("Plano de ação pactuado para o trimestre.")},
    };
    REQUIRE(profile.reports().updateAction(record.uuid, complete).ok());
    const auto findings = profile.services->programs().engine(apoio.id())->validate(
        profile.reports().report(created->uuid).value());
    for (const Finding &f : findings)
        UNSCOPED_INFO(f.path.toStdString() << ": " << f.message.toStdString());
    REQUIRE(profile.reports().conclude(created->uuid).ok());
    CHECK(profile.reports().report(created->uuid)->state == ReportState::Ready);
}
