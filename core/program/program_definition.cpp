#include "core/program/program_definition.h"

#include "core/program/program_definition_p.h"

#include <QCoreApplication>
#include <QFile>
#include <QLoggingCategory>

#include <algorithm>

namespace mobiliza::core {

namespace {
Q_LOGGING_CATEGORY(lcProgram, "mobiliza.core.program")

const ProgramDefinition::Data &emptyData()
{
    static const ProgramDefinition::Data empty;
    return empty;
}
} // namespace

ProgramDefinition::ProgramDefinition() = default;

ProgramDefinition::ProgramDefinition(std::shared_ptr<const Data> data) : d(std::move(data)) {}

Result<ProgramDefinition> ProgramDefinition::load(const QString &pathOrResource)
{
    QFile file(pathOrResource);
    if (!file.open(QIODevice::ReadOnly)) {
        return Error{QStringLiteral("io"),
                     QCoreApplication::translate("ProgramDefinition",
                                                 "Could not read the program definition “%1”: %2. "
                                                 "Check that the file exists and can be read.")
                         .arg(pathOrResource, file.errorString())};
    }
    return fromJson(file.readAll());
}

ProgramDefinition ProgramDefinition::sesMgMobilizacao()
{
    auto result = load(sesMgMobilizacaoResource());
    if (!result) {
        // A build defect (the tests load this file): log loudly, never crash the app.
        qCCritical(lcProgram) << "embedded SES-MG program is invalid:" << result.error().message;
        Q_ASSERT_X(false, "ProgramDefinition::sesMgMobilizacao", "embedded program is invalid");
        return {};
    }
    return result.value();
}

bool ProgramDefinition::isNull() const
{
    return !d;
}

#define MOBILIZA_D (d ? *d : emptyData())

QString ProgramDefinition::id() const
{
    return MOBILIZA_D.id;
}
QString ProgramDefinition::name() const
{
    return MOBILIZA_D.name;
}
QString ProgramDefinition::description() const
{
    return MOBILIZA_D.description;
}
int ProgramDefinition::version() const
{
    return MOBILIZA_D.version;
}
QString ProgramDefinition::reportingUnit() const
{
    return MOBILIZA_D.reportingUnit;
}
QString ProgramDefinition::period() const
{
    return MOBILIZA_D.period;
}
int ProgramDefinition::deadlineDay() const
{
    return MOBILIZA_D.deadlineDay;
}
QString ProgramDefinition::recordLabel() const
{
    return MOBILIZA_D.recordLabel;
}
QString ProgramDefinition::recordLabelPlural() const
{
    return MOBILIZA_D.recordLabelPlural;
}
QList<FieldDefinition> ProgramDefinition::fields() const
{
    return MOBILIZA_D.fields;
}
QStringList ProgramDefinition::catalogueNames() const
{
    return MOBILIZA_D.catalogueNames;
}
QList<RuleDefinition> ProgramDefinition::rules() const
{
    return MOBILIZA_D.rules;
}
PhotoRule ProgramDefinition::photoRule() const
{
    return MOBILIZA_D.photos;
}
ReportRule ProgramDefinition::reportRule() const
{
    return MOBILIZA_D.report;
}
QByteArray ProgramDefinition::sourceJson() const
{
    return MOBILIZA_D.source;
}

std::optional<FieldDefinition> ProgramDefinition::field(const QString &id) const
{
    const auto &data = MOBILIZA_D;
    const auto it = data.fieldIndex.constFind(id);
    if (it == data.fieldIndex.constEnd())
        return std::nullopt;
    return data.fields.at(*it);
}

QString ProgramDefinition::fieldForRole(const QString &role) const
{
    return MOBILIZA_D.roleToField.value(role);
}

QList<CatalogueEntry> ProgramDefinition::catalogue(const QString &name) const
{
    return MOBILIZA_D.catalogues.value(name);
}

std::optional<CatalogueEntry> ProgramDefinition::catalogueEntry(const QString &name,
                                                                const QString &code) const
{
    const auto &data = MOBILIZA_D;
    const auto it = data.catalogues.constFind(name);
    if (it == data.catalogues.constEnd())
        return std::nullopt;
    for (const auto &entry : *it)
        if (entry.code == code)
            return entry;
    return std::nullopt;
}

#undef MOBILIZA_D

QDate ProgramDefinition::deadline(const Period &p) const
{
    if (!p.isValid() || isNull() || deadlineDay() < 1)
        return {};
    const QDate firstOfNext = p.next().firstDay();
    return firstOfNext.addDays(std::min(deadlineDay(), firstOfNext.daysInMonth()) - 1);
}

bool ProgramDefinition::isLate(const Period &p, const QDate &submittedOn) const
{
    const QDate due = deadline(p);
    return due.isValid() && submittedOn.isValid() && submittedOn > due;
}

} // namespace mobiliza::core
