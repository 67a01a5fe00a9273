// The programs a profile knows, each with its validation engine. Concluding a
// report (ReportService::conclude) always validates with the engine of the
// report's program: there is no way to conclude unvalidated.
#pragma once

#include "core/program/program_definition.h"
#include "core/program/validation_engine.h"

#include <QHash>
#include <QReadWriteLock>
#include <QSet>
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
    // A profile holds one program: the shipped programs other than `programId` become
    // unknown (a report or package of another program is refused as "unknown_program",
    // as before the second program shipped); programs add()ed stay known. Thread-safe.
    void restrictTo(const QString &programId);
    bool contains(const QString &programId) const { return m_engines.contains(programId); }
    // Null when the program is unknown.
    std::shared_ptr<const ValidationEngine> engine(const QString &programId) const;
    QStringList ids() const;
    // The membership checks a program's engine uses: the national table for a program of
    // national territory, else `state` (the state's table). Also for engines made outside
    // a registry (the editor's).
    static ReferenceChecks checksFor(const ProgramDefinition &program, const ReferenceChecks &state);

private:
    void insert(const ProgramDefinition &program);

    ReferenceChecks m_reference;
    QSet<QString> m_shipped; // ids of the embedded programs
    QSet<QString> m_added;   // ids given to add()
    mutable QReadWriteLock m_lock;
    QString m_only; // restrictTo(); empty: every program
    ReferenceChecks m_national;
    QHash<QString, std::shared_ptr<const ValidationEngine>> m_engines;
};

} // namespace mobiliza::core
