// A third program, added the way docs/programs.md ("Adding a program") says: one JSON file in
// :/programs/ (programs/eps_oficinas.json, built into this executable only), no code. The
// application's own code then offers it at first run, sets up its profiles, validates its
// records in pt-BR and, in the real hub (in-process), enrolls its levels by state and routes
// its reports to their state's coordination and the national one only.
#include "app/ui/application.h"
#include "app/ui/dialogs/municipality_dialog.h"
#include "core/program/program_registry.h"
#include "core/program/validation_engine.h"
#include "core/reference/brazil_reference.h"
#include "sync/hub/hub_secrets.h"
#include "sync/protocol_pull.h"
#include "tests/hub/hub_test_util.h"

#include <QLineEdit>
#include <QListWidget>
#include <QRadioButton>
#include <QTest>
#include <QTimeZone>

using namespace mobiliza;
using namespace mobiliza::test;

namespace {

const QString kThird = QStringLiteral("eps_oficinas");

core::ProgramDefinition third()
{
    const core::ProgramDefinition p = core::ProgramDefinition::embeddedById(kThird);
    REQUIRE_FALSE(p.isNull());
    return p;
}

// One workshop in `uf` on 10/03/2025 (the hub fixture's clock is 02/04/2025).
QJsonObject workshop(const QString &uf, const QJsonArray &municipalities)
{
    return QJsonObject{
        {QStringLiteral("date"), QStringLiteral("2025-03-10")},
        {QStringLiteral("uf"), uf},
        {QStringLiteral("municipalities"), municipalities},
        {QStringLiteral("format"), QStringLiteral("presencial")},
        {QStringLiteral("participants"), 18},
        {QStringLiteral("account"), QStringLiteral("Oficina sobre o acolhimento na atenção primária.")},
    };
}

TestReport workshopReport(const QString &unit, const QString &uf, const QJsonArray &municipalities)
{
    TestReport t;
    t.report.uuid = core::newUuid();
    t.report.programId = kThird;
    t.report.municipality = unit;
    t.report.period = core::Period{2025, 3};
    t.report.revision = 1;
    core::Action a;
    a.uuid = core::newUuid();
    a.values = workshop(uf, municipalities);
    t.report.actions << a;
    t.encode();
    return t;
}

// The real start-up path (ui::runMobiliza) in-process, as the command line runs it.
// (hub_test_util.h has its own CliRun, for the hub's command line.)
struct AppRun
{
    int code = -1;
    QString out;
    QString err;
};

AppRun runApp(const QStringList &args)
{
    static const core::FixedClock clock(QDateTime(QDate(2026, 11, 22), QTime(14, 0), QTimeZone::utc()));
    ui::StartupSeams seams;
    seams.clock = &clock;
    AppRun r;
    r.code = ui::runMobiliza(QStringList{QStringLiteral("mobiliza")} + args, seams, &r.out, &r.err);
    return r;
}

struct Enrolled
{
    QString token;
    sync::Scope scope;
};

Enrolled enrollLevel(HubFixture &f, const QString &level, const QString &uf = {},
                     const QString &installation = core::newUuid())
{
    auto scope = f.hub->levelScope(kThird, level, uf);
    INFO((scope ? QString() : scope.error().message).toStdString());
    REQUIRE(scope.ok());
    auto issued = hub::TokenDesk(*f.hub).issueCode(scope.value(), QStringLiteral("teste"));
    REQUIRE(issued.ok());
    const HttpReply r = f.http->post(
        kEnroll, sync::encode(sync::EnrollRequest{issued->code, installation, QStringLiteral("notebook")}));
    INFO(r.body.toStdString());
    REQUIRE(r.status == 201);
    auto decoded = sync::decodeEnrollResponse(r.body);
    REQUIRE(decoded.ok());
    return {decoded->token, decoded->scope};
}

} // namespace

TEST_CASE("A third program is one more file: shipped after SES-MG, loaded and checked by the same engine")
{
    QStringList ids;
    for (const core::ProgramDefinition &p : core::ProgramDefinition::embedded())
        ids << p.id();
    // SES-MG first (profiles from before programs are its), then by file name.
    CHECK(ids == (QStringList{QStringLiteral("ses_mg_mobilizacao"), QStringLiteral("apoio_cosems"), kThird}));

    const core::ProgramDefinition p = third();
    CHECK(p.reportingUnit() == QStringLiteral("apoiador"));
    CHECK(p.level(core::Role::Municipality).key == QStringLiteral("facilitador"));
    CHECK(p.level(core::Role::Urs).place == QStringLiteral("uf"));
    CHECK(p.localized(QStringLiteral("en")).level(core::Role::Urs).label ==
          QStringLiteral("State coordination"));
    CHECK(p.localized(QStringLiteral("en"))
              .level(core::Role::Central)
              .about.startsWith(QStringLiteral("The national coordination")));

    // The registry's engine: national territory, so Recife is checked against Pernambuco.
    core::ProgramRegistry registry;
    REQUIRE(registry.contains(kThird));
    const auto engine = registry.engine(kThird);
    REQUIRE(engine);
    TestReport ok = workshopReport(QStringLiteral("ap-0123456789ab"), QStringLiteral("PE"),
                                   QJsonArray{QStringLiteral("2611606")});
    CHECK(engine->validate(ok.report).isEmpty());
    TestReport wrong = ok;
    wrong.report.actions[0].values.insert(QStringLiteral("municipalities"),
                                          QJsonArray{QStringLiteral("2927408")}); // Salvador, BA
    wrong.report.actions[0].values.remove(QStringLiteral("participants"));
    QStringList found;
    for (const core::Finding &finding : engine->validate(wrong.report)) {
        found << finding.path + QLatin1Char(' ') + finding.code;
        if (finding.code == QStringLiteral("required"))
            CHECK(finding.message.contains(QStringLiteral("Participantes"))); // its own label, in pt-BR
    }
    found.sort();
    CHECK(found == (QStringList{QStringLiteral("actions[0].fields.municipalities outside_uf"),
                                QStringLiteral("actions[0].fields.participants required")}));
}

TEST_CASE("First run offers the third program by click, with its own levels, and a state to choose")
{
    ui::MunicipalityDialog dialog(core::ReferenceData::embedded());
    dialog.show();
    QRadioButton *button = dialog.programButton(kThird);
    REQUIRE(button);
    CHECK(button->text() == third().name());
    QTest::mouseClick(button, Qt::LeftButton, {}, QPoint(8, button->height() / 2));
    CHECK(dialog.selectedProgram() == kThird);
    // Each level as the file words it, whole on screen.
    for (core::Role role : {core::Role::Municipality, core::Role::Urs, core::Role::Central}) {
        CHECK(dialog.roleButton(role)->text() == third().level(role).about);
        CHECK(dialog.roleButton(role)->width() >= dialog.roleButton(role)->sizeHint().width());
    }
    // A facilitador is set up by state: the 27 states, found by typing.
    CHECK(dialog.selectedRole() == core::Role::Municipality);
    CHECK(dialog.resultList()->count() == 27);
    QTest::keyClicks(dialog.searchField(), QStringLiteral("pernam"));
    CHECK(dialog.selectedCode() == QStringLiteral("PE"));
    CHECK(dialog.hasChoice());
    // The national coordination has nothing more to choose.
    QTest::mouseClick(dialog.roleButton(core::Role::Central), Qt::LeftButton, {},
                      QPoint(8, dialog.roleButton(core::Role::Central)->height() / 2));
    CHECK(dialog.selectedRole() == core::Role::Central);
    CHECK_FALSE(dialog.searchField()->isVisible());
    CHECK(dialog.hasChoice());
    CHECK(dialog.selectedCode().isEmpty());
    // Back to SES-MG: a municipality of Minas Gerais again.
    QRadioButton *ses = dialog.programButton(QStringLiteral("ses_mg_mobilizacao"));
    REQUIRE(ses);
    QTest::mouseClick(ses, Qt::LeftButton, {}, QPoint(8, ses->height() / 2));
    CHECK(dialog.selectedRole() == core::Role::Municipality);
    QTest::keyClicks(dialog.searchField(), QStringLiteral("barbacena"));
    CHECK(dialog.selectedCode() == QStringLiteral("3105608"));
}

TEST_CASE("The command line sets up a profile of the third program by its level keys, and keeps it")
{
    TempDir dir;
    const AppRun set = runApp({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--program"), kThird,
                               QStringLiteral("--role"), QStringLiteral("facilitador"),
                               QStringLiteral("--uf"), QStringLiteral("PE"), QStringLiteral("--status")});
    INFO(set.err.toStdString());
    CHECK(set.code == 0);
    // A level of another program is not one of its levels.
    TempDir other;
    const AppRun wrongLevel =
        runApp({QStringLiteral("--data-dir"), other.path(), QStringLiteral("--program"), kThird,
                QStringLiteral("--role"), QStringLiteral("cosems"), QStringLiteral("--uf"),
                QStringLiteral("PE"), QStringLiteral("--status")});
    CHECK(wrongLevel.code != 0);
    CHECK(wrongLevel.err.contains(QStringLiteral("facilitador")));
    // The profile holds this program: another is refused with both names.
    const AppRun switched = runApp({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--program"),
                                    QStringLiteral("apoio_cosems"), QStringLiteral("--status")});
    CHECK(switched.code != 0);
    INFO(switched.err.toStdString());
    CHECK(switched.err.contains(third().name()));
    const AppRun again = runApp({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--status")});
    CHECK(again.code == 0);
    CHECK(again.out.trimmed().isEmpty()); // no report yet
    // The demonstration figures are the shipped programs' fields: refused in words, nothing added.
    TempDir demo;
    const AppRun seeded =
        runApp({QStringLiteral("--data-dir"), demo.path(), QStringLiteral("--program"), kThird,
                QStringLiteral("--role"), QStringLiteral("facilitador"), QStringLiteral("--uf"),
                QStringLiteral("PE"), QStringLiteral("--demo-data"), QStringLiteral("--status")});
    CHECK(seeded.code != 0);
    CHECK(seeded.err.contains(third().name()));
    CHECK(seeded.err.contains(QStringLiteral("--demo-data")));
    const AppRun after = runApp({QStringLiteral("--data-dir"), demo.path(), QStringLiteral("--status")});
    CHECK(after.code == 0);
    CHECK(after.out.trimmed().isEmpty());
}

TEST_CASE("The hub serves the third program: by state, its reports to their own coordinations only")
{
    HubFixture f;
    const Enrolled recife = enrollLevel(f, QStringLiteral("facilitador"), QStringLiteral("PE"));
    CHECK(recife.scope.program == kThird);
    CHECK(recife.scope.uf == QStringLiteral("PE"));
    CHECK(core::isApoiadorId(recife.scope.municipality));
    const Enrolled salvador = enrollLevel(f, QStringLiteral("facilitador"), QStringLiteral("BA"));

    const TestReport pe = workshopReport(recife.scope.municipality, QStringLiteral("PE"),
                                         QJsonArray{QStringLiteral("2611606")});
    CHECK(f.push(pe, recife.token).state == QStringLiteral("received"));
    const TestReport ba = workshopReport(salvador.scope.municipality, QStringLiteral("BA"),
                                         QJsonArray{QStringLiteral("2927408")});
    CHECK(f.push(ba, salvador.token).state == QStringLiteral("received"));

    // The hub checks it with the program's own rules: a municipality of another state is refused.
    const TestReport outside = workshopReport(recife.scope.municipality, QStringLiteral("PE"),
                                              QJsonArray{QStringLiteral("2927408")});
    const HttpReply refused = f.pushManifest(outside, recife.token);
    INFO(refused.body.toStdString());
    CHECK(refused.status == 422);
    CHECK(refused.errorCode() == QStringLiteral("validation_failed"));

    // Pernambuco's coordination sees Pernambuco's, the national one both, nobody else any.
    const Enrolled coordPe = enrollLevel(f, QStringLiteral("coordenacao_estadual"), QStringLiteral("PE"));
    const Enrolled national = enrollLevel(f, QStringLiteral("coordenacao_nacional"));
    CHECK(reportsIn(f.status(coordPe.token)) == QStringList{pe.uuid()});
    QStringList both{pe.uuid(), ba.uuid()};
    both.sort();
    QStringList seen = reportsIn(f.status(national.token));
    seen.sort();
    CHECK(seen == both);
    auto cosemsPe =
        f.hub->levelScope(QStringLiteral("apoio_cosems"), QStringLiteral("cosems"), QStringLiteral("PE"));
    REQUIRE(cosemsPe.ok());
    CHECK(reportsIn(f.status(f.enroll(cosemsPe.value()))).isEmpty());
    CHECK(reportsIn(f.status(f.enrollCentral())).isEmpty());
    // Its levels are its own: SES-MG's names are not.
    auto notALevel = f.hub->levelScope(kThird, QStringLiteral("urs"), QStringLiteral("PE"));
    REQUIRE_FALSE(notALevel.ok());
    CHECK(notALevel.error().message.contains(
        QStringLiteral("facilitador, coordenacao_estadual, coordenacao_nacional")));
}
