// The programs a profile knows, each with its validation engine. Concluding a
// report (ReportService::conclude) always validates with the engine of the
// report's program: there is no way to conclude unvalidated.
#pragma once

#include "core/program/program_definition.h"
#include "core/program/validation_engine.h"

#include <QHash>
#include <QString>

#include <memory>

namespace mobiliza::core {

class ProgramRegistry
{
public:
    // Registers the embedded programs (SES-MG Mobilização Social, the CONASEMS–COSEMS
    // apoio program). A program of the state's territory checks municipality / região
    // fields with `reference`; a national one with the national table (BrazilReference).
    explicit ProgramRegistry(ReferenceChecks reference = {});

    // Adds or replaces a program (e.g. one loaded from a file, or a test fixture).
    void add(const ProgramDefinition &program);
    bool contains(const QString &programId) const { return m_engines.contains(programId); }
    // Null when the program is unknown.
    std::shared_ptr<const ValidationEngine> engine(const QString &programId) const;
    QStringList ids() const;

private:
    ReferenceChecks m_reference;
    ReferenceChecks m_national;
    QHash<QString, std::shared_ptr<const ValidationEngine>> m_engines;
};

} // namespace mobiliza::core
