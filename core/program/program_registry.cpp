#include "core/program/program_registry.h"

#include "core/reference/brazil_reference.h"

#include <algorithm>

namespace mobiliza::core {

ProgramRegistry::ProgramRegistry(ReferenceChecks reference)
    : m_reference(std::move(reference)), m_national(BrazilReference::embedded().checks())
{
    for (const auto &program : ProgramDefinition::embedded())
        add(program);
}

void ProgramRegistry::add(const ProgramDefinition &program)
{
    if (program.isNull())
        return;
    const bool national = program.territory() == QLatin1String("national");
    m_engines.insert(program.id(),
                     std::make_shared<const ValidationEngine>(program, national ? m_national : m_reference));
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
