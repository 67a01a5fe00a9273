#include "core/program/program_registry.h"

#include <algorithm>

namespace mobiliza::core {

ProgramRegistry::ProgramRegistry(ReferenceChecks reference) : m_reference(std::move(reference))
{
    add(ProgramDefinition::sesMgMobilizacao());
}

void ProgramRegistry::add(const ProgramDefinition &program)
{
    if (program.isNull())
        return;
    m_engines.insert(program.id(), std::make_shared<const ValidationEngine>(program, m_reference));
}

std::shared_ptr<const ValidationEngine> ProgramRegistry::engine(const QString &programId) const
{
    return m_engines.value(programId);
}

QStringList ProgramRegistry::ids() const
{
    QStringList out = m_engines.keys();
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace mobiliza::core
