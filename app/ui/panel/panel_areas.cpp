#include "app/ui/panel/panel_areas.h"

#include "core/reference/reference_data.h"
#include "core/regional/coverage.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>

#include <algorithm>

namespace mobiliza::ui {

namespace {

bool inArea(const core::Municipality &m, const QString &areaKey)
{
    if (areaKey.isEmpty())
        return true;
    const qsizetype colon = areaKey.indexOf(QLatin1Char(':'));
    const QStringView kind = QStringView(areaKey).left(colon);
    const QString value = areaKey.mid(colon + 1);
    if (kind == u"macro")
        return m.macroCode == value;
    if (kind == u"urs")
        return m.urs == value;
    if (kind == u"regiao")
        return m.regiaoCode == value;
    return false;
}

bool byName(const PanelArea &a, const PanelArea &b)
{
    return QString::localeAwareCompare(a.label, b.label) < 0;
}

} // namespace

QList<PanelArea> panelAreas(const core::ReferenceData &reference, const QList<core::Municipality> &scope)
{
    QSet<QString> macros, urs, regioes;
    for (const core::Municipality &m : scope) {
        macros.insert(m.macroCode);
        urs.insert(m.urs);
        regioes.insert(m.regiaoCode);
    }
    QList<PanelArea> out;
    QList<PanelArea> part;
    if (urs.size() > 1) { // the central level: macrorregiões and URS too
        for (const QString &code : std::as_const(macros))
            if (const auto macro = reference.macrorregiao(code))
                part << PanelArea{QStringLiteral("macro:") + code,
                                  QCoreApplication::translate("PanelAreas", "Macro-region %1").arg(macro->name)};
        std::sort(part.begin(), part.end(), byName);
        out << part;
        part.clear();
        for (const QString &name : std::as_const(urs))
            part << PanelArea{QStringLiteral("urs:") + name,
                              QCoreApplication::translate("PanelAreas", "URS %1").arg(name)};
        std::sort(part.begin(), part.end(), byName);
        out << part;
        part.clear();
    }
    for (const QString &code : std::as_const(regioes))
        if (const auto regiao = reference.regiao(code))
            part << PanelArea{QStringLiteral("regiao:") + code,
                              QCoreApplication::translate("PanelAreas", "Health region %1").arg(regiao->name)};
    std::sort(part.begin(), part.end(), byName);
    out << part;
    return out;
}

QList<core::Municipality> municipalitiesOfArea(const QList<core::Municipality> &scope, const QString &areaKey)
{
    QList<core::Municipality> out;
    for (const core::Municipality &m : scope)
        if (inArea(m, areaKey))
            out << m;
    return out;
}

QList<PanelGroup> coverageGroups(const core::PanelData &data, const core::ReferenceData &reference, core::Role role,
                                 const QString &areaKey, QString *level)
{
    // The next level down: the state (or a macrorregião) by URS, a URS by região, a região by município.
    enum class By { Urs, Regiao, Municipio } by = By::Regiao;
    if (areaKey.startsWith(QLatin1String("regiao:")) || data.filter.municipalities.size() == 1)
        by = By::Municipio;
    else if (areaKey.startsWith(QLatin1String("urs:")))
        by = By::Regiao;
    else if (role == core::Role::Central)
        by = By::Urs;
    if (level)
        *level = by == By::Urs      ? QCoreApplication::translate("PanelAreas", "URS")
                 : by == By::Regiao ? QCoreApplication::translate("PanelAreas", "Health region")
                                    : QCoreApplication::translate("PanelAreas", "Municipality");
    QHash<QString, PanelGroup> groups;
    for (const core::PanelCell &c : data.cells) {
        const auto m = reference.municipality(c.municipality);
        if (!m)
            continue;
        QString key, label;
        if (by == By::Urs) {
            key = QStringLiteral("urs:") + m->urs;
            label = m->urs;
        } else if (by == By::Regiao) {
            key = QStringLiteral("regiao:") + m->regiaoCode;
            const auto regiao = reference.regiao(m->regiaoCode);
            label = regiao ? regiao->name : m->regiaoCode;
        } else {
            key = QStringLiteral("municipality:") + m->ibge;
            label = m->name;
        }
        PanelGroup &g = groups[key];
        g.key = key;
        g.label = label;
        ++g.expected;
        for (core::CoverageState s : {core::CoverageState::OnTime, core::CoverageState::Late,
                                      core::CoverageState::NoActions})
            if (c.coverage == core::coverageStateKey(s))
                ++g.reported;
    }
    QList<PanelGroup> out = groups.values();
    std::sort(out.begin(), out.end(), [](const PanelGroup &a, const PanelGroup &b) {
        return QString::localeAwareCompare(a.label, b.label) < 0;
    });
    return out;
}

} // namespace mobiliza::ui
