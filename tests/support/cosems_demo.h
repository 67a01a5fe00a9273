// A COSEMS coordination of Bahia holding the demonstration copy (core/demo/apoio_demo.h: eight
// apoiadores over four quadrimestres and the hub's roster), for the apoio panel's tests.
#pragma once

#include <catch2/catch.hpp>

#include "core/demo/apoio_demo.h"
#include "core/program/program_definition.h"
#include "core/services/services.h"
#include "tests/support/temp_dir.h"

#include <memory>

namespace mobiliza::test {

inline std::unique_ptr<core::Services> cosemsDemoOfBahia(const TempDir &dir, const core::Clock &clock)
{
    auto opened = core::Services::open(dir.path(), clock);
    REQUIRE(opened.ok());
    std::unique_ptr<core::Services> services = std::move(opened.value());
    REQUIRE(services->profile().setProgram(core::ProgramDefinition::apoioCosemsId()).ok());
    REQUIRE(services->profile().setRole(core::Role::Urs, QStringLiteral("BA")).ok());
    REQUIRE(core::seedCosemsReplica(*services, core::ProgramDefinition::apoioCosems(), clock).ok());
    return services;
}

} // namespace mobiliza::test
