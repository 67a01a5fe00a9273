#include "core/panel/panel_actions.h"

#include "core/regional/replica_facts.h"

namespace mobiliza::core::panel_detail {

PanelActions::PanelActions()
{
    intern(QByteArrayView());
}

int PanelActions::intern(QByteArrayView code)
{
    // Interned codes are few (a program's catalogues). The keys view the kept copies,
    // whose bytes stay where they are (shared by every copy of this object).
    if (const auto it = m_ids.constFind(code); it != m_ids.cend())
        return it.value();
    const int id = int(m_codes.size());
    m_codes << code.toByteArray();
    m_ids.insert(QByteArrayView(m_codes.last()), id);
    return id;
}

int PanelActions::add(QByteArrayView packed)
{
    const int first = size();
    forEachPackedAction(packed, [&](const PackedActionView &a) {
        m_people << a.people;
        m_format << intern(a.format);
        forEachCode(a.themes, [&](QByteArrayView c) { m_themes << intern(c); });
        m_themesAt << qint32(m_themes.size());
        forEachCode(a.audiences, [&](QByteArrayView c) { m_audiences << intern(c); });
        m_audiencesAt << qint32(m_audiences.size());
    });
    return first;
}

int PanelActions::codeId(QByteArrayView code) const
{
    return m_ids.value(code, -1);
}

} // namespace mobiliza::core::panel_detail
