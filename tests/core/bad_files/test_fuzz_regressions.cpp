// Regressions for what the fuzz targets (tests/fuzz/) found, in the normal
// suite: each case is the crashing input's essence (the input itself is in
// tests/fuzz/corpus/<target>/crash-*), checked for the right answer rather
// than for "no crash" (the normal build has no sanitizer to see the bug).
#include <catch2/catch.hpp>

#include "tests/support/catch_qt.h"

#include "sync/protocol.h"

#include <limits>

using namespace mobiliza;

namespace {

QByteArray preflightWithLimits(const QByteArray &limits)
{
    return QByteArrayLiteral(R"({"service":"mobiliza-hub","protocol":1,"hub":{"id":"urs-barbacena","name":"URS )"
                             R"(Barbacena"},"scope":{"kind":"municipality","municipality":"3105608"},"limits":)") +
           limits + QByteArrayLiteral(R"(,"time":"2026-11-22T14:00:00Z"})");
}

} // namespace

// fuzz_protocol: a limit of 8.2e125 was converted to qint64 before any range
// check (undefined behaviour; on x86 it became INT64_MIN).
TEST_CASE("fuzz regressions: a pre-flight with absurd limits keeps the defaults or clamps them")
{
    const sync::Limits defaults;
    SECTION("numbers far beyond 64 bits are not limits")
    {
        auto p = sync::decodePreflight(preflightWithLimits(
            R"({"maxBlobBytes":8.2e125,"maxManifestBytes":1e300,"maxJsonBytes":-1e300,"maxMissingQuery":1e19})"));
        REQUIRE(p.ok());
        CHECK(p->limits.maxBlobBytes == defaults.maxBlobBytes);
        CHECK(p->limits.maxManifestBytes == defaults.maxManifestBytes);
        CHECK(p->limits.maxJsonBytes == defaults.maxJsonBytes);
        CHECK(p->limits.maxMissingQuery == defaults.maxMissingQuery);
    }
    SECTION("a whole number too big for an int is clamped, never wrapped to zero or below")
    {
        auto p = sync::decodePreflight(preflightWithLimits(R"({"maxMissingQuery":4294967296})"));
        REQUIRE(p.ok());
        CHECK(p->limits.maxMissingQuery == std::numeric_limits<int>::max());
    }
    SECTION("ordinary limits still read as sent")
    {
        auto p = sync::decodePreflight(preflightWithLimits(
            R"({"maxBlobBytes":1048576,"maxManifestBytes":65536,"maxJsonBytes":4096,"maxMissingQuery":10})"));
        REQUIRE(p.ok());
        CHECK(p->limits.maxBlobBytes == 1048576);
        CHECK(p->limits.maxManifestBytes == 65536);
        CHECK(p->limits.maxJsonBytes == 4096);
        CHECK(p->limits.maxMissingQuery == 10);
    }
}

// fuzz_protocol (same defect, found next): a status event's cursor was converted
// without being checked at all.
TEST_CASE("fuzz regressions: a status event without a whole-number cursor is a protocol error")
{
    const QByteArray event =
        R"("report":"5f0c1a52-3a52-4f43-9a8e-0d9f4a0b7c11","period":"2026-10","revision":1,"state":"accepted",)"
        R"("comment":"","at":"2026-11-22T14:00:03Z")";
    for (const QByteArray &cursor : {QByteArray("1e300"), QByteArray("-1e300"), QByteArray("1.5"),
                                     QByteArray("\"17\""), QByteArray("null")}) {
        INFO(cursor.toStdString());
        auto page = sync::decodeStatusPage("{\"events\":[{\"cursor\":" + cursor + "," + event + "}],\"next\":17}");
        REQUIRE_FALSE(page.ok());
        CHECK(page.error().code == QStringLiteral("protocol"));
    }
    auto page = sync::decodeStatusPage("{\"events\":[{\"cursor\":17," + event + "}],\"next\":17}");
    REQUIRE(page.ok());
    REQUIRE(page->events.size() == 1);
    CHECK(page->events[0].cursor == 17);
    CHECK_FALSE(sync::decodeStatusPage(R"({"events":[],"next":1e300})").ok());
}
