// The manifest codec: the exact inverse of ReportService::manifest, strict on
// hostile input.
#include "core/package/manifest_codec.h"
#include "core/services/report_service.h"
#include "tests/core/package/package_test_util.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace mobiliza;
using namespace mobiliza::core;
using namespace mobiliza::test;

namespace {

const QString kSha1 = QString(64, QLatin1Char('a'));
const QString kSha2 = QStringLiteral("0123456789abcdef").repeated(4);
const QDateTime kConcluded(QDate(2025, 4, 2), QTime(13, 45, 7, 250), Qt::UTC);

Photo photo(const QString &sha, const QString &caption, const QDate &takenOn = {})
{
    Photo p;
    p.uuid = newUuid();
    p.sha256 = sha;
    p.caption = caption;
    p.takenOn = takenOn;
    p.author = QStringLiteral("José da Conceição");
    p.identifiablePeople = true;
    p.authorizationOnFile = false;
    p.width = 1600;
    p.height = 1200;
    p.bytes = 312345;
    return p;
}

Report sampleReport()
{
    Report r;
    r.uuid = newUuid();
    r.programId = QStringLiteral("ses_mg_mobilizacao");
    r.municipality = QStringLiteral("3106200");
    r.period = Period{2025, 3};
    r.revision = 2;
    r.noActionsJustification = QString();
    for (int i = 0; i < 3; ++i) {
        Action a;
        a.uuid = newUuid();
        a.position = i;
        a.values = QJsonObject{
            {QStringLiteral("title"), QStringLiteral("Ação “%1” — ç, ã, é").arg(i + 1)},
            {QStringLiteral("peopleReached"), 120 + i},
            {QStringLiteral("ratio"), 0.1 * (i + 1)},
            {QStringLiteral("negative"), -7},
            {QStringLiteral("targets"), QJsonArray{QStringLiteral("escola"), 3, true, QJsonValue()}},
            {QStringLiteral("nested"),
             QJsonObject{{QStringLiteral("z"), 1}, {QStringLiteral("a"), QJsonArray{}}}},
        };
        QStringList partners{newUuid(), newUuid()};
        partners.sort();
        a.partnerUuids = i == 1 ? partners : QStringList{};
        if (i != 2) {
            a.photos << photo(kSha1, QStringLiteral("Foto com legenda"), QDate(2025, 3, 5));
            a.photos << photo(i == 0 ? kSha2 : kSha1, QString(), {});
        }
        r.actions << a;
    }
    return r;
}

QJsonObject manifestObject(const Report &report)
{
    return QJsonDocument::fromJson(ReportService::manifest(report, kConcluded)).object();
}

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

void requireInvalid(const QByteArray &json, const QString &where = {})
{
    auto decoded = decodeManifest(json);
    REQUIRE_FALSE(decoded.ok());
    CHECK(decoded.error().code == QStringLiteral("invalid_manifest"));
    CHECK_FALSE(decoded.error().message.isEmpty());
    if (!where.isEmpty())
        CHECK(decoded.error().message.contains(QStringLiteral("(") + where + QStringLiteral(")")));
}

// Changes one value somewhere in the manifest (path: "actions/0/photos/1/sha256").
QByteArray withValue(const Report &report, const QStringList &path, const QJsonValue &value)
{
    std::function<QJsonValue(QJsonValue, qsizetype)> set = [&](QJsonValue node,
                                                               qsizetype depth) -> QJsonValue {
        const QString key = path.at(depth);
        const bool last = depth == path.size() - 1;
        if (node.isArray()) {
            QJsonArray a = node.toArray();
            const int i = key.toInt();
            a[i] = last ? value : set(a.at(i), depth + 1);
            return a;
        }
        QJsonObject o = node.toObject();
        if (last && value.isUndefined())
            o.remove(key);
        else
            o[key] = last ? value : set(o.value(key), depth + 1);
        return o;
    };
    return compact(set(manifestObject(report), 0).toObject());
}

QStringList split(const char *path)
{
    return QString::fromLatin1(path).split(QLatin1Char('/'));
}

} // namespace

TEST_CASE("The manifest codec is the exact inverse of ReportService::manifest")
{
    const Report report = sampleReport();
    const QByteArray manifest = ReportService::manifest(report, kConcluded);
    auto decoded = decodeManifest(manifest);
    INFO((decoded ? QString() : decoded.error().message).toStdString());
    REQUIRE(decoded.ok());
    CHECK(decoded->concludedAt == kConcluded);
    CHECK(ReportService::manifest(decoded->report, decoded->concludedAt) == manifest);

    const Report &back = decoded->report;
    CHECK(back.uuid == report.uuid);
    CHECK(back.state == ReportState::Ready);
    CHECK(back.revision == 2);
    CHECK(back.period == report.period);
    REQUIRE(back.actions.size() == 3);
    CHECK(back.actions[1].partnerUuids == report.actions[1].partnerUuids);
    CHECK(back.actions[2].values == report.actions[2].values);
    CHECK(back.actions[0].photos[0].takenOn == QDate(2025, 3, 5));
    CHECK_FALSE(back.actions[0].photos[1].takenOn.isValid());
    CHECK(back.actions[1].photos[1].position == 1);
    CHECK(back.actions[1].photos[1].actionUuid == back.actions[1].uuid);
    CHECK(back.actions[0].photos[0].bytes == 312345);

    auto plain = reportFromManifest(manifest);
    REQUIRE(plain.ok());
    CHECK(plain->actions.size() == 3);
}

TEST_CASE("A manifest of a report without actions round-trips")
{
    Report r = sampleReport();
    r.actions.clear();
    r.noActions = true;
    r.noActionsJustification = QStringLiteral("Equipe em férias coletivas;\n\"sem\" ações");
    const QByteArray manifest = ReportService::manifest(r, kConcluded);
    auto decoded = decodeManifest(manifest);
    REQUIRE(decoded.ok());
    CHECK(decoded->report.noActions);
    CHECK(ReportService::manifest(decoded->report, kConcluded) == manifest);
}

TEST_CASE("A manifest locked by conclude() decodes and encodes to the same bytes")
{
    Profile profile;
    const QString uuid = concludedReport(profile);
    auto revision = profile.reports().revision(uuid, 1);
    REQUIRE(revision.ok());
    auto decoded = decodeManifest(revision->snapshotJson);
    REQUIRE(decoded.ok());
    CHECK(ReportService::manifest(decoded->report, decoded->concludedAt) == revision->snapshotJson);
    CHECK(BlobStore::sha256Hex(ReportService::manifest(decoded->report, decoded->concludedAt)) ==
          revision->sha256);
    CHECK(manifestPhotoCount(decoded->report) == 3);
    CHECK(manifestBlobs(decoded->report).size() == 3);
}

TEST_CASE("manifestBlobs lists each photo file once, in photo order")
{
    const Report report = sampleReport();
    CHECK(manifestBlobs(report) == QStringList{kSha1, kSha2});
    CHECK(manifestPhotoCount(report) == 4);
    CHECK(manifestBlobs(Report{}).isEmpty());
}

TEST_CASE("Hostile manifests are refused, never crash")
{
    const Report report = sampleReport();

    SECTION("not JSON, not an object, empty, too large")
    {
        requireInvalid(QByteArray());
        requireInvalid(QByteArray("{\"schema\":"));
        requireInvalid(QByteArray("[1,2,3]"));
        requireInvalid(QByteArray("\xff\xfe\x00{", 4));
        requireInvalid(QByteArray(ManifestLimits::kMaxBytes + 1, ' '));
        requireInvalid(QByteArray(100000, '[') + QByteArray(100000, ']'));
    }
    SECTION("not in canonical form (whitespace): the hash would differ")
    {
        requireInvalid(QJsonDocument(manifestObject(report)).toJson(QJsonDocument::Indented),
                       QStringLiteral("encoding"));
    }
    SECTION("missing and unknown keys")
    {
        requireInvalid(withValue(report, split("revision"), QJsonValue(QJsonValue::Undefined)),
                       QStringLiteral("manifest"));
        requireInvalid(withValue(report, split("extra"), 1), QStringLiteral("manifest"));
        requireInvalid(withValue(report, split("actions/0/extra"), 1), QStringLiteral("actions[0]"));
        requireInvalid(withValue(report, split("actions/0/photos/1/gps"), QStringLiteral("-19.9,-43.9")),
                       QStringLiteral("actions[0].photos[1]"));
    }
    SECTION("wrong types and values out of range")
    {
        requireInvalid(withValue(report, split("schema"), QStringLiteral("mobiliza.report-revision/2")),
                       QStringLiteral("schema"));
        requireInvalid(withValue(report, split("revision"), QStringLiteral("2")), QStringLiteral("revision"));
        requireInvalid(withValue(report, split("revision"), 2.5), QStringLiteral("revision"));
        requireInvalid(withValue(report, split("revision"), 0), QStringLiteral("revision"));
        requireInvalid(withValue(report, split("revision"), 1e300), QStringLiteral("revision"));
        requireInvalid(withValue(report, split("noActions"), QStringLiteral("false")),
                       QStringLiteral("noActions"));
        requireInvalid(withValue(report, split("period"), QStringLiteral("2025-13")),
                       QStringLiteral("period"));
        requireInvalid(withValue(report, split("period"), QStringLiteral(" 2025-03")),
                       QStringLiteral("period"));
        requireInvalid(withValue(report, split("municipality"), QStringLiteral("31062")),
                       QStringLiteral("municipality"));
        requireInvalid(withValue(report, split("program"), QStringLiteral("../etc")),
                       QStringLiteral("program"));
        requireInvalid(withValue(report, split("concludedAt"), QStringLiteral("ontem")),
                       QStringLiteral("concludedAt"));
        requireInvalid(withValue(report, split("concludedAt"), QStringLiteral("2025-04-02T13:45:07Z")),
                       QStringLiteral("concludedAt"));
        requireInvalid(withValue(report, split("actions"), QJsonObject{}), QStringLiteral("actions"));
        requireInvalid(withValue(report, split("actions/0"), 5), QStringLiteral("actions[0]"));
        requireInvalid(withValue(report, split("actions/0/values"), QJsonArray{}),
                       QStringLiteral("actions[0].values"));
        requireInvalid(withValue(report, split("actions/0/photos/0/width"), -1),
                       QStringLiteral("actions[0].photos[0].width"));
        requireInvalid(withValue(report, split("actions/0/photos/0/bytes"), 1e12),
                       QStringLiteral("actions[0].photos[0].bytes"));
        requireInvalid(withValue(report, split("actions/0/photos/0/identifiablePeople"), 1),
                       QStringLiteral("actions[0].photos[0].identifiablePeople"));
        requireInvalid(withValue(report, split("actions/0/photos/0/takenOn"), QStringLiteral("2025-02-30")),
                       QStringLiteral("actions[0].photos[0].takenOn"));
        requireInvalid(withValue(report, split("actions/0/photos/0/caption"),
                                 QString(ManifestLimits::kMaxTextLength + 1, QLatin1Char('x'))),
                       QStringLiteral("actions[0].photos[0].caption"));
    }
    SECTION("bad UUIDs and SHA-256")
    {
        requireInvalid(withValue(report, split("report"), report.uuid.toUpper()), QStringLiteral("report"));
        requireInvalid(withValue(report, split("report"),
                                 QString(QStringLiteral("{") + report.uuid + QStringLiteral("}"))),
                       QStringLiteral("report"));
        requireInvalid(withValue(report, split("actions/1/uuid"), QStringLiteral("x")),
                       QStringLiteral("actions[1].uuid"));
        requireInvalid(withValue(report, split("actions/0/photos/0/sha256"), kSha1.left(63)),
                       QStringLiteral("actions[0].photos[0].sha256"));
        requireInvalid(withValue(report, split("actions/0/photos/0/sha256"), kSha2.toUpper()),
                       QStringLiteral("actions[0].photos[0].sha256"));
        requireInvalid(
            withValue(report, split("actions/0/photos/0/sha256"), QStringLiteral("../../../etc/passwd")),
            QStringLiteral("actions[0].photos[0].sha256"));
        requireInvalid(withValue(report, split("actions/1/partners/0"), 7),
                       QStringLiteral("actions[1].partners[0]"));
    }
    SECTION("duplicates and numbering that the manifest never writes")
    {
        requireInvalid(withValue(report, split("actions/1/uuid"), report.actions[0].uuid),
                       QStringLiteral("actions[1].uuid"));
        requireInvalid(withValue(report, split("actions/1/photos/0/uuid"), report.actions[0].photos[0].uuid),
                       QStringLiteral("actions[1].photos[0].uuid"));
        requireInvalid(withValue(report, split("actions/1/number"), 3), QStringLiteral("actions[1].number"));
        requireInvalid(withValue(report, split("actions/1/photos/0/number"), 1),
                       QStringLiteral("actions[1].photos[0].number"));
        const QJsonArray partners = manifestObject(report)
                                        .value(QStringLiteral("actions"))
                                        .toArray()
                                        .at(1)
                                        .toObject()
                                        .value(QStringLiteral("partners"))
                                        .toArray();
        requireInvalid(
            withValue(report, split("actions/1/partners"), QJsonArray{partners.at(1), partners.at(0)}),
            QStringLiteral("actions[1].partners[1]"));
        requireInvalid(
            withValue(report, split("actions/1/partners"), QJsonArray{partners.at(0), partners.at(0)}),
            QStringLiteral("actions[1].partners[1]"));
    }
    SECTION("huge arrays")
    {
        QJsonArray actions;
        for (int i = 0; i <= ManifestLimits::kMaxActions; ++i)
            actions.append(QJsonObject{});
        requireInvalid(withValue(report, split("actions"), actions), QStringLiteral("actions"));
        QJsonArray photos;
        for (int i = 0; i <= ManifestLimits::kMaxPhotosPerAction; ++i)
            photos.append(0);
        requireInvalid(withValue(report, split("actions/0/photos"), photos),
                       QStringLiteral("actions[0].photos"));
        QJsonArray partners;
        for (int i = 0; i <= ManifestLimits::kMaxPartnersPerAction; ++i)
            partners.append(newUuid());
        requireInvalid(withValue(report, split("actions/0/partners"), partners),
                       QStringLiteral("actions[0].partners"));
    }
}

TEST_CASE("isCanonicalUuid accepts exactly what newUuid makes")
{
    for (int i = 0; i < 20; ++i)
        CHECK(isCanonicalUuid(newUuid()));
    CHECK_FALSE(isCanonicalUuid(QString()));
    CHECK_FALSE(isCanonicalUuid(QStringLiteral("123e4567-e89b-12d3-a456-42661417400")));
    CHECK_FALSE(isCanonicalUuid(QStringLiteral("123e4567e89b-12d3-a456-4266141740000")));
    CHECK_FALSE(isCanonicalUuid(QStringLiteral("123E4567-E89B-12D3-A456-426614174000")));
    CHECK(isCanonicalUuid(QStringLiteral("123e4567-e89b-12d3-a456-426614174000")));
}
