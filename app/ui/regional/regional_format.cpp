#include "app/ui/regional/regional_format.h"

#include "core/domain/role.h"
#include "core/program/program_definition.h"
#include "core/reference/reference_data.h"
#include "core/regional/coverage.h"
#include "core/regional/replica_service.h"
#include "core/regional/review_outbox.h"
#include "core/services/services.h"

#include <QCollator>
#include <QCoreApplication>
#include <QHash>
#include <QLocale>
#include <QTimeZone>

#include <algorithm>

namespace mobiliza::ui::regional {

QStringList reviewStateKeys()
{
    return {QStringLiteral("received"),    QStringLiteral("in_review"), QStringLiteral("returned"),
            QStringLiteral("accepted"),    QStringLiteral("forwarded"), QStringLiteral("returned_to_urs"),
            QStringLiteral("consolidated")};
}

QString reviewStateLabel(const QString &key)
{
    return core::reviewStateLabel(key);
}

QColor reviewStateColor(const QString &key)
{
    if (key == QLatin1String("received"))
        return QColor(0x0b, 0x4f, 0x8a);
    if (key == QLatin1String("in_review"))
        return QColor(0x6a, 0x3d, 0x9a);
    if (key == QLatin1String("returned") || key == QLatin1String("returned_to_urs"))
        return QColor(0xb0, 0x3a, 0x10);
    if (key == QLatin1String("accepted") || key == QLatin1String("forwarded") ||
        key == QLatin1String("consolidated"))
        return QColor(0x1e, 0x6b, 0x34);
    return QColor(0x33, 0x3d, 0x47);
}

QString brasiliaDateTime(const QDateTime &utc)
{
    if (!utc.isValid())
        return {};
    return utc.toTimeZone(QTimeZone(-3 * 3600)).toString(QStringLiteral("dd/MM/yyyy HH:mm"));
}

QString htmlLines(const QString &text)
{
    return text.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>"));
}

QString viaLabel(const QString &via)
{
    if (via == QLatin1String("import"))
        return QCoreApplication::translate("RegionalInbox", "report package (imported)");
    return QCoreApplication::translate("RegionalInbox", "sent through the hub");
}

QString municipalityName(const core::ReferenceData &reference, const QString &ibge)
{
    const auto m = reference.municipality(ibge);
    return m ? m->name : ibge;
}

QString unitName(const core::ReferenceData &reference, core::Services &services, const QString &unit)
{
    if (core::isIbgeCode(unit))
        return municipalityName(reference, unit);
    const auto names = services.replica().unitNames();
    return names ? names.value().value(unit, unit) : unit;
}

QString reviewerName(core::Services &services)
{
    const QString user = services.profile().userName().trimmed();
    if (!user.isEmpty())
        return user;
    if (const core::ProgramDefinition program =
            core::ProgramDefinition::embeddedById(services.profile().program());
        reviewsPeople(program)) // "Coordenação do COSEMS — BA"
        return QCoreApplication::translate("RegionalInbox", "%1 — %2")
            .arg(program.level(services.profile().role().value_or(core::Role::Urs)).label,
                 services.profile().uf());
    return isCentralDesk(services)
               ? QCoreApplication::translate("RegionalInbox", "Central level")
               : QCoreApplication::translate("RegionalInbox", "URS %1").arg(services.profile().urs());
}

bool reviewsPeople(const core::ProgramDefinition &program)
{
    return program.reportingUnit() != QLatin1String("municipality");
}

bool isCentralDesk(core::Services &services)
{
    return services.profile().role() == core::Role::Central;
}

core::Decision acceptDecision(core::Services &services)
{
    return isCentralDesk(services) ? core::Decision::Consolidate : core::Decision::Accept;
}

core::Decision returnDecision(core::Services &services)
{
    return isCentralDesk(services) ? core::Decision::ReturnToUrs : core::Decision::Return;
}

bool isDecidableHere(core::Services &services, const QString &state)
{
    return core::ReviewOutbox::fromStates(acceptDecision(services)).contains(state);
}

QList<core::Municipality> scopeMunicipalities(const core::ReferenceData &reference, core::Services &services)
{
    if (isCentralDesk(services))
        return reference.municipalities();
    return reference.municipalitiesOfUrs(services.profile().urs());
}

core::Result<QList<core::Municipality>> scopePeople(core::Services &services)
{
    core::ReplicaService &replica = services.replica();
    auto roster = replica.roster();
    if (!roster)
        return roster.error();
    auto sent = replica.units();
    if (!sent)
        return sent.error();
    auto names = replica.unitNames();
    if (!names)
        return names.error();
    QHash<QString, core::Municipality> people;
    QHash<QString, QString> ufs;
    for (const core::RosterEntry &e : roster.value()) {
        ufs.insert(e.unit, e.uf);
        if (e.active)
            people.insert(e.unit, core::Municipality{e.unit, {}, e.uf, {}, {}, {}, false});
    }
    for (const QString &unit : sent.value())
        if (!people.contains(unit))
            people.insert(unit, core::Municipality{
                                    unit, {}, ufs.value(unit, services.profile().uf()), {}, {}, {}, false});
    QList<core::Municipality> out;
    for (core::Municipality m : std::as_const(people)) {
        m.name = names.value().value(m.ibge, m.ibge);
        out << m;
    }
    QCollator collator{QLocale(QLocale::Portuguese, QLocale::Brazil)};
    collator.setCaseSensitivity(Qt::CaseInsensitive);
    std::sort(out.begin(), out.end(), [&](const core::Municipality &a, const core::Municipality &b) {
        const int c = collator.compare(a.name, b.name);
        return c != 0 ? c < 0 : a.ibge < b.ibge;
    });
    return out;
}

core::RosterExpectations rosterExpectations(core::Services &services)
{
    core::RosterExpectations expectations;
    if (auto roster = services.replica().roster())
        for (const core::RosterEntry &e : roster.value()) {
            expectations.joined.insert(e.unit, core::brasiliaDate(e.since));
            if (!e.active)
                expectations.left.insert(e.unit, core::brasiliaDate(e.until));
        }
    return expectations;
}

} // namespace mobiliza::ui::regional
