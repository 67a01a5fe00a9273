// Hub: what the desks share — the scopes by the reference table, the error
// answers, the validation engines and the blob lifecycle lock.
#include "sync/hub/hub.h"

#include "core/program/program_definition.h"
#include "core/program/program_registry.h"
#include "core/reference/brazil_reference.h"

#include <QLoggingCategory>

namespace mobiliza::hub {

using core::Error;
using core::Result;

Q_LOGGING_CATEGORY(lcHub, "mobiliza.hub") // also used by hub_blobs.cpp and hub_tokens.cpp

namespace {

QString sesId()
{
    return core::ProgramDefinition::sesMgMobilizacaoId();
}

} // namespace

Hub::Hub(HubStore &store, core::BlobStore &blobs, core::ReferenceData reference, const core::Clock &clock,
         HubOptions options)
    : m_store(store), m_blobs(blobs), m_reference(std::move(reference)), m_clock(clock),
      m_options(std::move(options))
{
    const core::ReferenceData ref = m_reference;
    const core::ReferenceChecks checks{[ref](const QString &c) { return ref.isValidMunicipalityCode(c); },
                                       [ref](const QString &c) { return ref.regiao(c).has_value(); }};
    // Every program the application ships, each checked as its clients check it (a
    // national program's municipality fields by the national table).
    for (const core::ProgramDefinition &program : core::ProgramDefinition::embedded()) {
        m_programs.insert(program.id(), program);
        m_engines.insert(program.id(), std::make_shared<const core::ValidationEngine>(
                                           program, core::ProgramRegistry::checksFor(program, checks)));
    }
}

// ------------------------------------------------------------------ errors
Refusal Hub::error(int status, const QString &code, const QString &message)
{
    Refusal e;
    e.status = status;
    e.body.code = code;
    e.body.message = message;
    return e;
}

Refusal Hub::serverError(const Error &cause)
{
    qCWarning(lcHub) << "store error:" << cause.code << cause.message;
    if (cause.code == QLatin1String("disk_full")) // never "internal error" (nor "damaged"): say what it is
        return error(507, QStringLiteral("disk_full"),
                     QCoreApplication::translate(
                         "Hub",
                         "The hub's disk is full, so nothing was stored. What it stored before is intact. "
                         "Free space in the hub's data folder (or tell the regional office, URS), then try "
                         "again."));
    return error(500, QStringLiteral("server_error"),
                 QCoreApplication::translate(
                     "Hub",
                     "The hub could not complete the request because of an internal error. Try again later; "
                     "if it keeps happening, tell the regional office (URS)."));
}

Refusal Hub::notFound()
{
    return error(404, QStringLiteral("not_found"),
                 QCoreApplication::translate("Hub", "Not found on this hub."));
}

Refusal Hub::unauthorized()
{
    return error(401, QStringLiteral("unauthorized"),
                 QCoreApplication::translate(
                     "Hub",
                     "The hub did not accept this installation's credentials. Enroll this installation again "
                     "with a new code from the regional office (URS)."));
}

QReadWriteLock &Hub::blobLifecycle()
{
    static QReadWriteLock lock;
    return lock;
}

// ------------------------------------------------------------------ scopes
Result<sync::Scope> Hub::municipalityScope(const QString &ibge) const
{
    const QString code = ibge.trimmed();
    if (!isMunicipality(code))
        return Error{QStringLiteral("unknown_municipality"),
                     QCoreApplication::translate(
                         "Hub",
                         "“%1” is not the IBGE code of a municipality of Minas Gerais. Use the 7-digit code, "
                         "e.g. 3105608 for Barbacena.")
                         .arg(ibge)};
    sync::Scope s;
    s.kind = sync::Scope::Kind::Municipality;
    s.municipality = code;
    return s;
}

Result<sync::Scope> Hub::ursScope(const QString &nameOrAlias) const
{
    const auto urs = m_reference.ursByName(nameOrAlias.trimmed());
    if (!urs)
        return Error{QStringLiteral("unknown_urs"),
                     QCoreApplication::translate(
                         "Hub",
                         "“%1” is not the name of a URS (regional health office) of Minas Gerais. Check the "
                         "spelling, e.g. Barbacena or Manhuaçu.")
                         .arg(nameOrAlias)};
    sync::Scope s;
    s.kind = sync::Scope::Kind::Urs;
    s.urs = urs->name;
    return s;
}

Result<sync::Scope> Hub::levelScope(const QString &programId, const QString &levelKey,
                                    const QString &uf) const
{
    const auto program = m_programs.constFind(programId);
    if (program == m_programs.cend())
        return Error{QStringLiteral("unknown_program"),
                     QCoreApplication::translate("Hub", "This hub does not know the program “%1”. Known: %2.")
                         .arg(programId, QStringList(m_programs.keys()).join(QStringLiteral(", ")))};
    const auto role = program->roleFromKey(levelKey);
    QStringList keys;
    for (const core::ProgramLevel &level : program->levels())
        keys << level.key;
    if (!role)
        return Error{QStringLiteral("unknown_level"),
                     QCoreApplication::translate("Hub", "The program “%1” has no level “%2”. Its levels: %3.")
                         .arg(programId, levelKey, keys.join(QStringLiteral(", ")))};
    const core::ProgramLevel level = program->level(*role);
    if (level.place != QLatin1String("uf") && level.place != QLatin1String("none"))
        return Error{QStringLiteral("wrong_option"),
                     QCoreApplication::translate(
                         "Hub", "The level “%1” is enrolled with --municipality or --urs, as before.")
                         .arg(level.key)};
    sync::Scope s;
    s.program = programId == sesId() ? QString() : programId;
    s.kind = *role == core::Role::Municipality ? sync::Scope::Kind::Municipality
             : *role == core::Role::Urs        ? sync::Scope::Kind::Urs
                                               : sync::Scope::Kind::Central;
    if (level.place == QLatin1String("uf")) {
        const QString state = uf.trimmed().toUpper();
        if (!core::BrazilReference::embedded().isUf(state))
            return Error{QStringLiteral("invalid_uf"),
                         QCoreApplication::translate(
                             "Hub", "The level “%1” is enrolled by state: say which with --uf, e.g. --uf BA.")
                             .arg(level.key)};
        s.uf = state;
    } else if (!uf.isEmpty()) {
        return Error{QStringLiteral("wrong_option"),
                     QCoreApplication::translate("Hub", "The level “%1” is not of one state: leave out --uf.")
                         .arg(level.key)};
    }
    return s;
}

bool Hub::isMunicipality(const QString &code) const
{
    return core::isIbgeCode(code) && m_reference.isValidMunicipalityCode(code);
}

std::optional<UnitPlace> Hub::placeOf(const QString &unit) const
{
    if (core::isIbgeCode(unit)) {
        const auto m = m_reference.municipality(unit);
        if (!m)
            return std::nullopt;
        return UnitPlace{sesId(), m->urs};
    }
    if (!core::isApoiadorId(unit))
        return std::nullopt;
    // Read each time (an indexed row): every worker's Hub sees an enrollment at once, and
    // the hub's operator may revoke a wrong one and enroll the apoiador in its own state.
    auto enrolled = m_store.enrolledUnit(unit);
    if (!enrolled) {
        qCWarning(lcHub) << "unit not read:" << enrolled.error().message;
        return std::nullopt;
    }
    return enrolled.value();
}

QString Hub::ursOf(const QString &unit) const
{
    const auto place = placeOf(unit);
    return place ? place->region : QString();
}

bool Hub::covers(const sync::Scope &scope, const QString &unit) const
{
    const auto place = placeOf(unit);
    if (!place || place->program != scope.programId())
        return false;
    return scope.covers(unit, place->region);
}

std::optional<QStringList> Hub::municipalitiesOf(const sync::Scope &scope) const
{
    const bool ses = scope.programId() == sesId();
    // Of a program set up by state: its apoiadores, by their enrollments.
    const auto enrolled = [&](const QString &uf) {
        auto units = m_store.enrolledUnits(scope.programId(), uf);
        if (!units) {
            qCWarning(lcHub) << "units not read:" << units.error().message;
            return QStringList(); // covers nothing rather than everything
        }
        return units.value();
    };
    switch (scope.kind) {
    case sync::Scope::Kind::Municipality:
        return QStringList{scope.municipality};
    case sync::Scope::Kind::Urs: {
        if (!ses)
            return enrolled(scope.region());
        QStringList codes;
        for (const auto &m : m_reference.municipalitiesOfUrs(scope.urs))
            if (covers(scope, m.ibge))
                codes << m.ibge;
        return codes;
    }
    case sync::Scope::Kind::Central:
        if (!ses)
            return enrolled(QString());
        // SES-MG's central level sees every municipality of the reference table: all the
        // hub holds, unless another program's installations send to it too.
        if (auto others = m_store.hasTokensOutside(sesId()); !others || others.value()) {
            QStringList codes;
            for (const auto &m : m_reference.municipalities())
                codes << m.ibge;
            return codes;
        }
        break;
    }
    return std::nullopt;
}

QString Hub::describe(const sync::Scope &scope) const
{
    if (scope.programId() != sesId()) {
        const core::ProgramDefinition program = m_programs.value(scope.programId());
        const core::Role role = scope.kind == sync::Scope::Kind::Municipality ? core::Role::Municipality
                                : scope.kind == sync::Scope::Kind::Urs        ? core::Role::Urs
                                                                              : core::Role::Central;
        QString text = program.isNull() ? scope.programId() : program.level(role).label;
        if (!scope.uf.isEmpty()) {
            const auto state = core::BrazilReference::embedded().unit(scope.uf);
            text += QStringLiteral(" — %1").arg(state ? state->name : scope.uf);
        }
        if (scope.kind == sync::Scope::Kind::Municipality && !scope.municipality.isEmpty())
            text += QStringLiteral(" (%1)").arg(scope.municipality);
        return text;
    }
    switch (scope.kind) {
    case sync::Scope::Kind::Municipality: {
        const auto m = m_reference.municipality(scope.municipality);
        return m ? QStringLiteral("%1 (%2)").arg(m->name, scope.municipality) : scope.municipality;
    }
    case sync::Scope::Kind::Urs:
        return QCoreApplication::translate("Hub", "URS %1").arg(scope.urs);
    case sync::Scope::Kind::Central:
        return QCoreApplication::translate("Hub", "central level");
    }
    return {};
}

std::shared_ptr<const core::ValidationEngine> Hub::engine(const QString &programId) const
{
    return m_engines.value(programId);
}

} // namespace mobiliza::hub
