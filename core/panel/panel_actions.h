// The counted actions of the Painel's inputs, decoded once from their packed rows
// (replica_facts.h): every code interned as a small number, each action's people,
// format, themes and audiences in flat arrays. Counting a million actions is then
// integer work — no parsing and no hashing per action (bench/panel, section 1b) —
// and what PanelJob keeps between filters is about a fifth of the packed bytes.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QVector>

namespace mobiliza::core::panel_detail {

class PanelActions
{
public:
    PanelActions();

    // Appends the actions of `packed` (in position order); returns the index of the first.
    int add(QByteArrayView packed);
    int size() const { return int(m_people.size()); }

    // The number of a code, -1 when no action has it; 0 is '' (no format, or no theme).
    int codeId(QByteArrayView code) const;
    int codeCount() const { return int(m_codes.size()); }
    const QByteArray &code(int id) const { return m_codes.at(id); }

    qint64 people(int action) const { return m_people.at(action); }
    int format(int action) const { return m_format.at(action); }
    // The first theme chosen ('' : none) — the one that stacks the charts.
    int firstTheme(int action) const
    {
        const int at = m_themesAt.at(action);
        return at < m_themesAt.at(action + 1) ? m_themes.at(at) : 0;
    }
    bool hasTheme(int action, int id) const
    {
        for (int i = m_themesAt.at(action), end = m_themesAt.at(action + 1); i < end; ++i)
            if (m_themes.at(i) == id)
                return true;
        return false;
    }
    template <typename Each> void forEachAudience(int action, Each &&each) const
    {
        for (int i = m_audiencesAt.at(action), end = m_audiencesAt.at(action + 1); i < end; ++i)
            each(m_audiences.at(i));
    }

private:
    int intern(QByteArrayView code);

    QList<QByteArray> m_codes;
    QHash<QByteArrayView, int> m_ids;
    QVector<qint64> m_people;
    QVector<qint32> m_format;
    QVector<qint32> m_themesAt{0}, m_themes;       // action i: m_themes[m_themesAt[i] … m_themesAt[i+1])
    QVector<qint32> m_audiencesAt{0}, m_audiences; // the same
};

} // namespace mobiliza::core::panel_detail
