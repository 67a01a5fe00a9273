// ValidationEngine: applies a program definition's rules to a report. The client runs it before
// "Concluir" and for live feedback in the editor; the hub runs the same engine on what it
// receives, so any JSON value of the wrong type is a finding, never a crash.
#pragma once

#include <functional>

#include "core/domain/types.h"
#include "core/program/finding.h"
#include "core/program/program_definition.h"

namespace mobiliza::core {

// Optional membership checks against the reference tables (municipality / região de saúde
// fields). When unset, only the format of the code is checked.
struct ReferenceChecks
{
    std::function<bool(const QString &ibge)> isMunicipality;
    std::function<bool(const QString &code)> isRegiaoSaude;
    // The national table (programs of every state, e.g. the apoio program): a state's
    // abbreviation, and the state of a municipality ("" when unknown).
    std::function<bool(const QString &uf)> isUf;
    std::function<QString(const QString &ibge)> ufOfMunicipality;
    std::function<QString(const QString &ibge)> municipalityName; // for messages; "" when unknown
};

class ValidationEngine
{
public:
    explicit ValidationEngine(ProgramDefinition program, ReferenceChecks reference = {});

    const ProgramDefinition &program() const { return m_program; }

    // The whole report: every action, its photos, the "sem ações no mês" justification.
    Findings validate(const Report &report) const;
    // One action, for live feedback in the editor (the report gives the period and numbering).
    Findings validateAction(const Report &report, const Action &action) const;

private:
    struct ActionContext;
    void validateActionAt(const Report &report, const Action &action, qsizetype index, int photoOffset,
                          Findings &out) const;
    void validateField(const ActionContext &ctx, const FieldDefinition &field, Findings &out) const;
    // `v` (present, not empty) against a field of a simple type; `subject` names it in messages.
    void validateValue(const FieldDefinition &f, const QJsonValue &v, const QString &path,
                       const QString &subject, Findings &out) const;
    bool isKnownMunicipality(const QJsonValue &v) const; // a 7-digit code in the reference, when given
    bool isKnownRegiao(const QJsonValue &v) const;
    QString municipalityName(const QString &ibge) const; // "Salvador (2927408)", or the code
    void validatePlaces(const ActionContext &ctx, const FieldDefinition &field, const QJsonValue &v,
                        Findings &out) const;
    void validateList(const ActionContext &ctx, const FieldDefinition &field, const QJsonValue &v,
                      Findings &out) const;
    void validateRules(const ActionContext &ctx, Findings &out) const;
    void validatePhotos(const ActionContext &ctx, Findings &out) const;
    void validateOther(const ActionContext &ctx, const FieldDefinition &field, Findings &out) const;

    ProgramDefinition m_program;
    ReferenceChecks m_reference;
};

} // namespace mobiliza::core
