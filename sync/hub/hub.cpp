// Hub: what the desks share — the scopes by the reference table, the error
// answers, the validation engines and the blob lifecycle lock.
#include "sync/hub/hub.h"

#include "core/program/program_definition.h"

#include <QLoggingCategory>
#include <QRegularExpression>

namespace mobiliza::hub {

using core::Error;
using core::Result;

Q_LOGGING_CATEGORY(lcHub, "mobiliza.hub") // also used by hub_blobs.cpp and hub_tokens.cpp

namespace {

bool isIbge(const QString &s)
{
    static const QRegularExpression re(QStringLiteral("^\\d{7}$"));
    return re.match(s).hasMatch();
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
    const core::ProgramDefinition ses = core::ProgramDefinition::sesMgMobilizacao();
    m_engines.insert(ses.id(), std::make_shared<const core::ValidationEngine>(ses, checks));
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

bool Hub::isMunicipality(const QString &code) const
{
    return isIbge(code) && m_reference.isValidMunicipalityCode(code);
}

QString Hub::ursOf(const QString &ibge) const
{
    if (!isIbge(ibge))
        return {};
    const auto m = m_reference.municipality(ibge);
    return m ? m->urs : QString();
}

bool Hub::covers(const sync::Scope &scope, const QString &municipality) const
{
    return scope.covers(municipality, ursOf(municipality));
}

std::optional<QStringList> Hub::municipalitiesOf(const sync::Scope &scope) const
{
    switch (scope.kind) {
    case sync::Scope::Kind::Municipality:
        return QStringList{scope.municipality};
    case sync::Scope::Kind::Urs: {
        QStringList codes;
        for (const auto &m : m_reference.municipalitiesOfUrs(scope.urs))
            if (covers(scope, m.ibge))
                codes << m.ibge;
        return codes;
    }
    case sync::Scope::Kind::Central:
        break;
    }
    return std::nullopt;
}

QString Hub::describe(const sync::Scope &scope) const
{
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
