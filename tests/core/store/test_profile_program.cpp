// A profile holds one program (issue 11): SES-MG by default, the apoio program when chosen
// first; its levels are the program's (apoiador by state, COSEMS by state, CONASEMS).
#include "core/program/program_definition.h"
#include "core/services/profile_service.h"
#include "tests/core/store/store_test_util.h"

using namespace mobiliza;
using namespace mobiliza::core;
using mobiliza::test::Profile;

TEST_CASE("profile: a profile set up before programs, or without one chosen, is SES-MG and stays so",
          "[services][program]")
{
    Profile ses; // a municipality chosen, no program recorded
    ProfileService &profile = ses.services->profile();
    CHECK(profile.program() == QStringLiteral("ses_mg_mobilizacao"));
    CHECK(profile.setProgram(QStringLiteral("ses_mg_mobilizacao")).ok());
    const auto refused = profile.setProgram(QStringLiteral("apoio_cosems"));
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == QStringLiteral("program_locked"));
    CHECK(refused.error().message.contains(QStringLiteral("Mobilização Social em Saúde — SES-MG")));
    CHECK(refused.error().message.contains(QStringLiteral("Rede Colaborativa CONASEMS–COSEMS")));
    CHECK(refused.error().message.contains(QStringLiteral("--data-dir")));
    CHECK(profile.program() == QStringLiteral("ses_mg_mobilizacao"));
    CHECK(profile.reportingUnit() == QStringLiteral("3106200"));
    // The other program shipped is unknown to it: its packages are refused as before.
    CHECK(ses.services->programs().engine(QStringLiteral("ses_mg_mobilizacao")));
    CHECK_FALSE(ses.services->programs().engine(QStringLiteral("apoio_cosems")));
    CHECK(profile.uf().isEmpty());
    // The keys are the profile's own: the generic settings cannot write them.
    for (const char *key : {"program", "uf", "apoiador"})
        CHECK_FALSE(profile.setSetting(QLatin1String(key), QStringLiteral("x")).ok());
}

TEST_CASE("profile: an apoiador is set up by state, reports under its own id, and cannot move",
          "[services][program]")
{
    Profile fresh(false);
    ProfileService &profile = fresh.services->profile();
    CHECK_FALSE(fresh.services->programs().engine(QStringLiteral("apoio_cosems")));
    REQUIRE(profile.setProgram(QStringLiteral("apoio_cosems")).ok());
    CHECK(profile.program() == QStringLiteral("apoio_cosems"));
    // The services follow: the apoio program is known, SES-MG no longer.
    CHECK(fresh.services->programs().engine(QStringLiteral("apoio_cosems")));
    CHECK_FALSE(fresh.services->programs().engine(QStringLiteral("ses_mg_mobilizacao")));
    CHECK(profile.setProgram(QStringLiteral("apoio_cosems")).ok()); // the same again is fine

    const auto badUf = profile.setRole(Role::Municipality, QStringLiteral("Bahia"));
    REQUIRE_FALSE(badUf.ok());
    CHECK(badUf.error().code == QStringLiteral("invalid_uf"));
    CHECK_FALSE(profile.role());

    REQUIRE(profile.setRole(Role::Municipality, QStringLiteral("BA")).ok());
    CHECK(profile.role() == Role::Municipality);
    CHECK(profile.uf() == QStringLiteral("BA"));
    const QString unit = profile.reportingUnit();
    CHECK(unit == QStringLiteral("ap-") + profile.installationId().remove(QLatin1Char('-')).left(12));
    CHECK(profile.municipality().isEmpty());
    CHECK(profile.setRole(Role::Municipality, QStringLiteral("BA")).ok()); // the same again

    // Another state, another level, a municipality, another program: refused in words.
    const auto otherUf = profile.setRole(Role::Municipality, QStringLiteral("SE"));
    REQUIRE_FALSE(otherUf.ok());
    CHECK(otherUf.error().code == QStringLiteral("role_locked"));
    CHECK(otherUf.error().message.contains(QStringLiteral("Apoiador(a) do COSEMS BA")));
    const auto cosems = profile.setRole(Role::Urs, QStringLiteral("BA"));
    REQUIRE_FALSE(cosems.ok());
    CHECK(cosems.error().message.contains(QStringLiteral("Coordenação do COSEMS BA")));
    CHECK(profile.setMunicipality(QStringLiteral("2927408")).error().code == QStringLiteral("role_locked"));
    CHECK(profile.setProgram(QStringLiteral("ses_mg_mobilizacao")).error().code ==
          QStringLiteral("program_locked"));
    CHECK(profile.uf() == QStringLiteral("BA"));
    CHECK(profile.reportingUnit() == unit);

    // Its reports are the apoiador's, by quadrimestre.
    auto created =
        fresh.reports().createReport(QStringLiteral("apoio_cosems"), Period::quadrimesterOf(2026, 1));
    REQUIRE(created.ok());
    CHECK(created->municipality == unit);
    CHECK(created->period.key() == QStringLiteral("2026-Q1"));
    CHECK(fresh.reports().report(created->uuid)->period == Period::quadrimesterOf(2026, 1));
}

TEST_CASE("profile: the apoio program's levels are named by the program", "[services][program]")
{
    const ProgramDefinition apoio = ProgramDefinition::apoioCosems();
    CHECK(apoio.roleFromKey(QStringLiteral("apoiador")) == Role::Municipality);
    CHECK(apoio.roleFromKey(QStringLiteral("cosems")) == Role::Urs);
    CHECK(apoio.roleFromKey(QStringLiteral("conasems")) == Role::Central);
    CHECK_FALSE(apoio.roleFromKey(QStringLiteral("urs")));
    CHECK(apoio.level(Role::Urs).place == QStringLiteral("uf"));
    CHECK(apoio.level(Role::Central).place == QStringLiteral("none"));
    CHECK(apoio.localized(QStringLiteral("en")).level(Role::Urs).label ==
          QStringLiteral("COSEMS coordination"));
    const ProgramDefinition ses = ProgramDefinition::sesMgMobilizacao();
    CHECK(ses.roleFromKey(QStringLiteral("urs")) == Role::Urs);
    CHECK(ses.level(Role::Municipality).place == QStringLiteral("municipality"));
    CHECK(ses.level(Role::Urs).label == roleLabel(Role::Urs));

    // A COSEMS coordination and CONASEMS: set up by state, and with nothing.
    Profile cosemsProfile(false);
    ProfileService &cosems = cosemsProfile.services->profile();
    REQUIRE(cosems.setProgram(QStringLiteral("apoio_cosems")).ok());
    REQUIRE(cosems.setRole(Role::Urs, QStringLiteral("PE")).ok());
    CHECK(cosems.uf() == QStringLiteral("PE"));
    CHECK(cosems.reportingUnit().isEmpty());
    CHECK(cosems.urs().isEmpty());
    Profile nationalProfile(false);
    ProfileService &national = nationalProfile.services->profile();
    REQUIRE(national.setProgram(QStringLiteral("apoio_cosems")).ok());
    REQUIRE(national.setRole(Role::Central).ok());
    CHECK(national.uf().isEmpty());
    // Once a level is chosen, the program is fixed.
    CHECK(national.setProgram(QStringLiteral("ses_mg_mobilizacao")).error().code ==
          QStringLiteral("program_locked"));
}
