// The program-definition loader (core/program/program_loader.cpp and
// program_rules_loader.cpp, through ProgramDefinition::fromJson) on arbitrary
// bytes; a definition that loads must give a ValidationEngine that validates
// an empty report and a report with one empty action without crashing.
#include "core/program/program_definition.h"
#include "core/program/validation_engine.h"
#include "tests/fuzz/fuzz_common.h"

#include <QJsonArray>
#include <QJsonObject>

#include <cstdio>

using namespace mobiliza;

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::app();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    auto loaded = core::ProgramDefinition::fromJson(fuzz::bytes(data, size));
    if (fuzz::verbose())
        std::fprintf(stderr, "%s\n", loaded ? "loaded" : qPrintable(loaded.error().message));
    if (!loaded) {
        if (loaded.error().code.isEmpty() || loaded.error().message.isEmpty())
            std::abort();
        return 0;
    }
    const core::ValidationEngine engine(loaded.value());
    core::Report report;
    report.uuid = QStringLiteral("5f0c1a52-3a52-4f43-9a8e-0d9f4a0b7c11");
    report.programId = loaded->id();
    report.municipality = QStringLiteral("3106200");
    report.period = core::Period{2025, 3};
    (void)engine.validate(report);
    core::Action action;
    action.uuid = QStringLiteral("0b6f0b8e-1c1e-4d0a-8f51-2a8c9b1d3e44");
    report.actions << action;
    (void)engine.validate(report);
    (void)engine.validateAction(report, action);
    // Every field given values of the wrong shapes (lists of odd entries, objects, numbers),
    // in the period of the program's own kind.
    report.period = loaded->periodOf(QDate(2025, 3, 14));
    const QJsonValue odd[] = {QJsonArray{QJsonObject{}, 1, QStringLiteral("x"), QJsonArray{}},
                              QJsonObject{{QStringLiteral("a"), 1}}, 7.5, QStringLiteral("2025-03-14"), true};
    int n = 0;
    for (const auto &field : loaded->fields())
        report.actions[0].values.insert(field.id, odd[n++ % 5]);
    (void)engine.validate(report);
    return 0;
}
