// Builders shared by the program tests: a valid SES-MG report and the apoio fixture.
#pragma once

#include <catch2/catch.hpp>

#include "core/domain/types.h"
#include "core/program/program_definition.h"
#include "core/program/validation_engine.h"
#include "tests/support/temp_dir.h"

#include <QJsonArray>
#include <QJsonObject>

namespace mobiliza::test {

inline core::Photo makePhoto(int position, const QString &caption = QStringLiteral("Equipe na praça"))
{
    core::Photo p;
    p.uuid = core::newUuid();
    p.sha256 = QStringLiteral("ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12");
    p.position = position;
    p.caption = caption;
    p.takenOn = QDate(2025, 3, 14);
    p.author = QStringLiteral("Maria Souza");
    return p;
}

// A complete, valid SES-MG action dated inside March 2025.
inline core::Action makeSesAction(int position)
{
    core::Action a;
    a.uuid = core::newUuid();
    a.position = position;
    a.values = QJsonObject{
        {QStringLiteral("title"), QStringLiteral("Dia D contra a dengue")},
        {QStringLiteral("date"), QStringLiteral("2025-03-14")},
        {QStringLiteral("themes"), QJsonArray{QStringLiteral("arboviroses")}},
        {QStringLiteral("format"), QStringLiteral("mutirao")},
        {QStringLiteral("place"), QStringLiteral("Bairro Centro")},
        {QStringLiteral("audience"), QJsonArray{QStringLiteral("1")}},
        {QStringLiteral("people_reached"), 120},
        {QStringLiteral("people_reached_estimate"), true},
        {QStringLiteral("description"), QStringLiteral("Visita casa a casa e recolhimento de recipientes.")},
    };
    a.photos << makePhoto(0);
    return a;
}

inline core::Report makeSesReport(int actionCount = 1)
{
    core::Report r;
    r.uuid = core::newUuid();
    r.programId = QStringLiteral("ses_mg_mobilizacao");
    r.municipality = QStringLiteral("3106200");
    r.period = core::Period{2025, 3};
    for (int i = 0; i < actionCount; ++i)
        r.actions << makeSesAction(i);
    return r;
}

inline core::ProgramDefinition loadApoio()
{
    auto result = core::ProgramDefinition::load(
        sourcePath(QStringLiteral("tests/core/program/fixtures/cosems_apoio.json")));
    INFO(result.error().message.toStdString());
    REQUIRE(result.ok());
    return result.value();
}

// The SES-MG program's validation engine, made once.
inline const core::ValidationEngine &sesEngine()
{
    static const core::ValidationEngine engine(core::ProgramDefinition::sesMgMobilizacao());
    return engine;
}

// The findings at `path`, in their order.
inline core::Findings findingsAt(const core::Findings &findings, const QString &path)
{
    core::Findings out;
    for (const auto &f : findings)
        if (f.path == path)
            out << f;
    return out;
}

} // namespace mobiliza::test
