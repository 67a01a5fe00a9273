// Importing a package validates its report exactly as concluding does (issue 8): the program's
// rules with the engine ReportService::conclude uses, and the format's own text limit. A refused
// package writes nothing, so the month stays open for the correct package.
#include "core/package/manifest_codec.h"
#include "core/package/report_package.h"
#include "core/services/report_service.h"
#include "tests/core/package/package_test_util.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <functional>

using namespace mobiliza;
using namespace mobiliza::core;
using namespace mobiliza::test;
namespace pkg = mobiliza::core::package;

namespace {

QString packageOf(Profile &profile, const QString &reportUuid, const TempDir &out, const QString &name)
{
    const QString path = out.filePath(name);
    const Status written = pkg::writePackage(*profile.services, reportUuid, 1, path);
    INFO((written ? QString() : written.error().message).toStdString());
    REQUIRE(written.ok());
    return path;
}

// A copy of the package at `path` whose report was changed after it was locked (what an older
// Mobiliza, or a hand, could have written): the manifest re-encoded as ReportService locks it,
// package.json and the checksums made to agree, so only the rules can refuse it.
QString repack(const QString &path, const TempDir &out, const QString &name,
               const std::function<void(Report &)> &change)
{
    QList<ZipEntry> entries = readZip(path);
    QByteArray &manifest = entryNamed(entries, QLatin1String(pkg::kManifestJson)).data;
    auto decoded = decodeManifest(manifest);
    REQUIRE(decoded.ok());
    Report report = decoded->report;
    change(report);
    manifest = ReportService::manifest(report, decoded->concludedAt);
    QByteArray &info = entryNamed(entries, QLatin1String(pkg::kPackageJson)).data;
    QJsonObject o = QJsonDocument::fromJson(info).object();
    o.insert(QStringLiteral("manifestSha256"), BlobStore::sha256Hex(manifest));
    info = QJsonDocument(o).toJson();
    fixChecksums(entries);
    const QString copy = out.filePath(name);
    writeZip(copy, entries);
    return copy;
}

void setValue(Report &report, const QString &field, const QJsonValue &value)
{
    report.actions[0].values.insert(field, value);
}

} // namespace

TEST_CASE("A package whose description exceeds the program's limit is refused with the findings, and the "
          "correct package of the month still imports")
{
    Profile source;
    const QString uuid = concludedReport(source);
    TempDir out;
    const QString good = packageOf(source, uuid, out, QStringLiteral("marco.mobiliza"));
    const QString overLong = repack(good, out, QStringLiteral("marco-longo.mobiliza"), [](Report &r) {
        setValue(r, QStringLiteral("description"), QString(6000, QLatin1Char('x')));
    });
    REQUIRE(pkg::readPackage(overLong).ok()); // a sound package: only the rules refuse it

    Profile target;
    const QStringList before = visibleState(target);
    auto refused = pkg::importPackage(*target.services, overLong);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == QStringLiteral("validation_failed"));
    // The finding, as the editor shows it: which field, how long, the limit.
    CHECK(refused.error().message.contains(QStringLiteral("Descrição e resultados")));
    CHECK(refused.error().message.contains(QStringLiteral("6000")));
    CHECK(refused.error().message.contains(QStringLiteral("5000")));
    CHECK(visibleState(target) == before);

    // The month is not blocked: the correct package of the same report and revision imports.
    auto imported = pkg::importPackage(*target.services, good);
    INFO((imported ? QString() : imported.error().message).toStdString());
    REQUIRE(imported.ok());
    CHECK(imported->kind == ImportOutcome::Kind::Imported);
    CHECK(statusLines(target) == QStringList{QStringLiteral("2025-03\tready\t1\t2\t3")});
}

TEST_CASE("A package is refused, writing nothing, for a text over the format's limit or a value of the wrong "
          "type")
{
    Profile source;
    const QString uuid = concludedReport(source);
    TempDir out;
    const QString good = packageOf(source, uuid, out, QStringLiteral("marco.mobiliza"));
    Profile target;
    const QStringList before = visibleState(target);

    SECTION("a description over the format's 100,000 characters: not a sound package at all")
    {
        const QString huge = repack(good, out, QStringLiteral("enorme.mobiliza"), [](Report &r) {
            setValue(r, QStringLiteral("description"), QString(100001, QLatin1Char('x')));
        });
        auto refused = pkg::importPackage(*target.services, huge);
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.error().code == QStringLiteral("corrupt_package"));
    }
    SECTION("null, a list or an object in optional fields")
    {
        const QString wrong = repack(good, out, QStringLiteral("tipos.mobiliza"), [](Report &r) {
            setValue(r, QStringLiteral("materials"), QJsonValue(QJsonValue::Null));
            setValue(r, QStringLiteral("people_reached_estimate"), QJsonArray{});
            setValue(r, QStringLiteral("themes_other"), QJsonObject{});
        });
        auto refused = pkg::importPackage(*target.services, wrong);
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.error().code == QStringLiteral("validation_failed"));
        CHECK(refused.error().message.contains(QStringLiteral("(blocking: 3)")));
    }
    CHECK(visibleState(target) == before);
    REQUIRE(pkg::importPackage(*target.services, good).ok());
}

TEST_CASE("Concluding refuses a draft whose optional field holds a value of the wrong type")
{
    Profile profile;
    const QString uuid = draftWithPhotos(profile);
    auto report = profile.reports().report(uuid);
    REQUIRE(report.ok());
    QJsonObject values = report->actions.at(0).values;
    values.insert(QStringLiteral("materials"), QJsonValue(QJsonValue::Null));
    REQUIRE(profile.reports().updateAction(report->actions.at(0).uuid, values).ok());

    const Status concluded = profile.reports().conclude(uuid);
    REQUIRE_FALSE(concluded.ok());
    CHECK(concluded.error().code == QStringLiteral("validation_failed"));
    CHECK(profile.reports().revisions(uuid).isEmpty());
}
