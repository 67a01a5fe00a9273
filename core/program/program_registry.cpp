#include "core/program/program_registry.h"

#include "core/reference/brazil_reference.h"

#include <algorithm>

namespace mobiliza::core {

ProgramRegistry::ProgramRegistry(ReferenceChecks reference)
    : m_reference(std::move(reference)), m_national(BrazilReference::embedded().checks())
{
    for (const auto &program : ProgramDefinition::embedded()) {
        insert(program);
        m_shipped.insert(program.id());
    }
}

void ProgramRegistry::add(const ProgramDefinition &program)
{
    if (program.isNull())
        return;
    insert(program);
    QWriteLocker locker(&m_lock);
    m_added.insert(program.id());
}

void ProgramRegistry::restrictTo(const QString &programId)
{
    QWriteLocker locker(&m_lock);
    m_only = programId;
}

void ProgramRegistry::insert(const ProgramDefinition &program)
{
    if (program.isNull())
        return;
    QWriteLocker locker(&m_lock);
    const bool national = program.territory() == QLatin1String("national");
    m_engines.insert(program.id(),
                     std::make_shared<const ValidationEngine>(program, national ? m_national : m_reference));
}

ReferenceChecks ProgramRegistry::checksFor(const ProgramDefinition &program, const ReferenceChecks &state)
{
    return program.territory() == QLatin1String("national") ? BrazilReference::embedded().checks() : state;
}

std::shared_ptr<const ValidationEngine> ProgramRegistry::engine(const QString &programId) const
{
    QReadLocker locker(&m_lock);
    if (!m_only.isEmpty() && programId != m_only && m_shipped.contains(programId) &&
        !m_added.contains(programId))
        return nullptr;
    return m_engines.value(programId);
}

QStringList ProgramRegistry::ids() const
{
    QReadLocker locker(&m_lock);
    QStringList out;
    for (auto it = m_engines.cbegin(); it != m_engines.cend(); ++it)
        if (m_only.isEmpty() || it.key() == m_only || !m_shipped.contains(it.key()) ||
            m_added.contains(it.key()))
            out << it.key();
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace mobiliza::core
