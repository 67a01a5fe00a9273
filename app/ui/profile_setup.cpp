#include "app/ui/profile_setup.h"

#include "app/ui/dialogs/municipality_dialog.h"
#include "core/reference/brazil_reference.h"
#include "core/services/profile_service.h"

#include <QCoreApplication>

namespace mobiliza::ui {

namespace {

// The demo data sets need a place: Belo Horizonte for SES-MG, a state for the apoio levels.
const char *const kDemoMunicipality = "3106200";
const char *const kDemoUf = "BA";

std::optional<core::ProgramDefinition> shipped(const QString &id)
{
    for (const core::ProgramDefinition &p : core::ProgramDefinition::embedded())
        if (p.id() == id)
            return p;
    return std::nullopt;
}

QString placeKind(const core::ProgramDefinition &program, core::Role role)
{
    return program.level(role).place;
}

// The option that names a level's place on the command line.
QString placeOption(const QString &kind)
{
    return kind == QLatin1String("municipality") ? QStringLiteral("--municipality IBGE")
           : kind == QLatin1String("urs")        ? QStringLiteral("--urs NAME")
           : kind == QLatin1String("uf")         ? QStringLiteral("--uf XX")
                                                 : QString();
}

QString commandLinePlace(const CommandLine &cl, const QString &kind)
{
    return kind == QLatin1String("municipality") ? cl.municipality
           : kind == QLatin1String("urs")        ? cl.urs
           : kind == QLatin1String("uf")         ? cl.uf.toUpper()
                                                 : QString();
}

QString profilePlace(const core::ProfileService &profile, const QString &kind)
{
    return kind == QLatin1String("municipality") ? profile.municipality()
           : kind == QLatin1String("urs")        ? profile.urs()
           : kind == QLatin1String("uf")         ? profile.uf()
                                                 : QString();
}

QString levelKeys(const core::ProgramDefinition &program)
{
    QStringList keys;
    for (const core::ProgramLevel &l : program.levels())
        keys << l.key;
    return keys.join(QStringLiteral(", "));
}

// The place as the profile stores it, or the message that says what is wrong with it.
std::pair<QString, QString> checkedPlace(const core::ProgramDefinition &program, core::Role role,
                                         const QString &wanted, const core::ReferenceData &reference)
{
    const QString kind = placeKind(program, role);
    if (kind == QLatin1String("municipality")) {
        if (program.territory() == QLatin1String("national")) {
            if (const auto m = core::BrazilReference::embedded().municipality(wanted))
                return {m->ibge, {}};
            return {{},
                    QCoreApplication::translate(
                        "ProfileSetup",
                        "\"%1\" is not the IBGE code of a Brazilian municipality. Check the 7-digit code.")
                        .arg(wanted)};
        }
        if (const auto m = reference.municipality(wanted))
            return {m->ibge, {}};
        return {{},
                QCoreApplication::translate(
                    "ProfileSetup", "\"%1\" is not the IBGE code of a municipality of Minas Gerais. "
                                    "Check the 7-digit code (for example 3106200 for Belo Horizonte).")
                    .arg(wanted)};
    }
    if (kind == QLatin1String("urs")) {
        if (const auto u = reference.ursByName(wanted))
            return {u->name, {}};
        QStringList names;
        for (const core::Urs &x : reference.urs())
            names << x.name;
        return {
            {},
            QCoreApplication::translate(
                "ProfileSetup", "\"%1\" is not a regional health unit (URS) of Minas Gerais. Use one of: %2.")
                .arg(wanted, names.join(QStringLiteral(", ")))};
    }
    if (kind == QLatin1String("uf")) {
        const QString uf = wanted.trimmed().toUpper();
        if (core::BrazilReference::embedded().isUf(uf))
            return {uf, {}};
        QStringList ufs;
        for (const core::FederativeUnit &u : core::BrazilReference::embedded().units())
            ufs << u.uf;
        ufs.sort();
        return {{},
                QCoreApplication::translate(
                    "ProfileSetup", "\"%1\" is not a Brazilian state: use its two letters, one of %2.")
                    .arg(wanted, ufs.join(QStringLiteral(", ")))};
    }
    return {QString(), {}};
}

} // namespace

QString periodKeyProblem(const core::ProgramDefinition &program, const QString &key)
{
    const core::Period period = core::Period::fromKey(key);
    if (period.isValid() && program.isPeriodOf(period))
        return {};
    return program.periodMonths() == 4
               ? QCoreApplication::translate(
                     "ProfileSetup",
                     "\"%1\" is not a four-month period: this profile's program reports by quadrimestre; "
                     "write it as YYYY-Qn (n = 1, 2 or 3), e.g. 2026-Q2 for May to August.")
                     .arg(key)
               : QCoreApplication::translate("ProfileSetup",
                                             "\"%1\" is not a month: use YYYY-MM, e.g. 2026-10.")
                     .arg(key);
}

ProfileSetup setUpProfile(const CommandLine &cl, const StartupSeams &seams, core::ProfileService &profile,
                          const core::ReferenceData &reference, bool headless)
{
    ProfileSetup r;
    const auto failed = [&r](const QString &message) {
        r.kind = ProfileSetup::Kind::Failed;
        r.message = message;
        return r;
    };
    const auto currentRole = profile.role();

    // The program: --program, or the one a level named by --role belongs to (--role apoiador
    // alone means the apoio program); a profile keeps the one it has (setProgram refuses).
    QString programId = profile.program();
    QString wantedProgram = cl.program;
    if (wantedProgram.isEmpty() && !cl.role.isEmpty() && shipped(programId) &&
        !shipped(programId)->roleFromKey(cl.role))
        for (const core::ProgramDefinition &p : core::ProgramDefinition::embedded())
            if (p.roleFromKey(cl.role)) {
                wantedProgram = p.id();
                break;
            }
    if (!wantedProgram.isEmpty() && wantedProgram != programId) {
        if (currentRole) {
            const auto set = profile.setProgram(wantedProgram); // refused: names both programs
            if (!set)
                return failed(set.error().message);
        }
        programId = wantedProgram;
    }
    auto program = shipped(programId);
    if (!program)
        return failed(QCoreApplication::translate(
                          "ProfileSetup",
                          "This profile records a program (\"%1\") that this version of Mobiliza does not "
                          "know. Install the newest version of Mobiliza.")
                          .arg(programId));

    // The level and its place: --role (a key of the program's levels) with its place option.
    std::optional<core::Role> wantedRole;
    QString wanted;
    if (!cl.role.isEmpty()) {
        wantedRole = program->roleFromKey(cl.role);
        if (!wantedRole)
            return failed(
                QCoreApplication::translate("ProfileSetup", "\"%1\" is not a level of “%2”: use one of %3.")
                    .arg(cl.role, program->name(), levelKeys(*program)));
    } else if (!cl.municipality.isEmpty() || !cl.uf.isEmpty()) {
        wantedRole = core::Role::Municipality; // the reporting level, as before roles existed
    }
    if (wantedRole) {
        const QString kind = placeKind(*program, *wantedRole);
        wanted = commandLinePlace(cl, kind);
        for (const auto &[option, given] :
             {std::pair{QStringLiteral("municipality"), cl.municipality},
              std::pair{QStringLiteral("urs"), cl.urs}, std::pair{QStringLiteral("uf"), cl.uf}})
            if (!given.isEmpty() && option != kind && !(option == QLatin1String("urs") && cl.panel))
                return failed(
                    QCoreApplication::translate("ProfileSetup", "%1 is not used by the level “%2” of “%3”%4.")
                        .arg(placeOption(option), program->level(*wantedRole).label, program->name(),
                             kind == QLatin1String("none")
                                 ? QString()
                                 : QCoreApplication::translate("ProfileSetup", ", which is set up with %1")
                                       .arg(placeOption(kind))));
        if (wanted.isEmpty() && currentRole && *currentRole == *wantedRole)
            wanted = profilePlace(profile, kind); // --role alone names what the profile is: fine
    }

    // Nothing chosen yet and no place said: the demo's default (for the level named, else the
    // reporting one), the question, or how to say it.
    const bool placeMissing =
        wantedRole && wanted.isEmpty() && placeKind(*program, *wantedRole) != QLatin1String("none");
    if (!currentRole && (!wantedRole || placeMissing)) {
        const core::Role demoRole = wantedRole.value_or(core::Role::Municipality);
        const QString demoKind = placeKind(*program, demoRole);
        if (cl.demoData && (demoKind == QLatin1String("uf") || demoKind == QLatin1String("municipality"))) {
            wantedRole = demoRole;
            wanted = QString::fromLatin1(demoKind == QLatin1String("uf") ? kDemoUf : kDemoMunicipality);
        } else if (headless && placeMissing && demoKind == QLatin1String("uf")) {
            return failed(QCoreApplication::translate("ProfileSetup", "--role %1 needs %2 the first time.")
                              .arg(cl.role, placeOption(demoKind)));
        } else if (seams.askProfile) {
            const ProfileAnswer answer = seams.askProfile();
            if (!answer.program.isEmpty() && answer.program != programId) {
                if (!cl.program.isEmpty() || !shipped(answer.program))
                    return failed(QCoreApplication::translate(
                        "ProfileSetup",
                        "The program chosen is not known to this version of Mobiliza, or is not "
                        "the one named with --program."));
                programId = answer.program;
                program = shipped(programId);
            }
            wantedRole = answer.role;
            wanted = answer.place;
        } else if (seams.askMunicipality &&
                   placeKind(*program, core::Role::Municipality) == QLatin1String("municipality")) {
            wantedRole = core::Role::Municipality;
            wanted = seams.askMunicipality();
        } else if (headless) {
            return failed(QCoreApplication::translate(
                "ProfileSetup",
                "This profile is not set up yet. Run once with --role municipality --municipality IBGE "
                "(the 7-digit IBGE code) or --role urs --urs NAME; for the CONASEMS–COSEMS apoio "
                "program, with --program apoio_cosems --role apoiador|cosems|conasems --uf XX; or "
                "start Mobiliza without headless options to choose."));
        } else {
            MunicipalityDialog dialog(reference);
            if (!cl.program.isEmpty()) { // named on the command line: the other is not offered
                dialog.setProgram(programId);
                dialog.setProgramChoiceEnabled(false);
            }
            if (dialog.exec() == QDialog::Accepted) {
                if (dialog.selectedProgram() != programId) {
                    programId = dialog.selectedProgram();
                    program = shipped(programId);
                    if (!program)
                        return failed(QCoreApplication::translate(
                            "ProfileSetup", "The program chosen is not known to this version of Mobiliza."));
                }
                wantedRole = dialog.selectedRole();
                wanted = dialog.selectedCode();
            }
        }
        if (!wantedRole || (wanted.isEmpty() && placeKind(*program, *wantedRole) != QLatin1String("none"))) {
            r.kind = ProfileSetup::Kind::NotChosen;
            r.message =
                program->reportingUnit() == QLatin1String("apoiador")
                    ? QCoreApplication::translate(
                          "ProfileSetup",
                          "Nothing was set up: Mobiliza needs to know what this installation is in "
                          "“%1” (an apoiador, a COSEMS or CONASEMS) and, for the first two, which "
                          "state. Open it again to choose; nothing was lost.")
                          .arg(program->name())
                    : QCoreApplication::translate(
                          "ProfileSetup",
                          "Nothing was set up: Mobiliza keeps the reports of one municipality (or the "
                          "work of a URS) and needs to know which. Open it again to choose; nothing was "
                          "lost.");
            return r;
        }
    }

    if (wantedRole && currentRole && *currentRole != *wantedRole) {
        const auto set = profile.setRole(*wantedRole, wanted); // refused: says what the profile is
        if (!set)
            return failed(set.error().message);
    }
    if (wantedRole) {
        const auto [place, problem] = checkedPlace(*program, *wantedRole, wanted, reference);
        if (!problem.isEmpty())
            return failed(problem);
        if (programId != profile.program()) {
            const auto set = profile.setProgram(programId);
            if (!set)
                return failed(set.error().message);
        }
        const auto set = profile.setRole(*wantedRole, place);
        if (!set)
            return failed(set.error().message);
    }
    r.kind = ProfileSetup::Kind::Ready;
    r.program = *program;
    r.role = profile.role().value_or(core::Role::Municipality);
    return r;
}

} // namespace mobiliza::ui
