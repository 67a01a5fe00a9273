#include "tests/app/regional/regional_fixture.h"

#include "tests/support/valid_report.h"

#include <catch2/catch.hpp>

#include <QBuffer>
#include <QDir>
#include <QImage>
#include <QPainter>
#include <QTimeZone>

#include <algorithm>

namespace mobiliza::test {

QByteArray jpegBytes(int seed, QSize size)
{
    QImage image(size, QImage::Format_RGB32);
    image.fill(QColor::fromHsv((seed * 47) % 360, 120, 230));
    QPainter p(&image);
    p.setBrush(QColor::fromHsv((seed * 97 + 120) % 360, 200, 160));
    p.drawEllipse(QRect(QPoint(size.width() / 4, size.height() / 4), size / 2));
    p.setPen(Qt::black);
    QFont f = p.font();
    f.setPixelSize(size.height() / 6);
    p.setFont(f);
    p.drawText(image.rect(), Qt::AlignCenter, QStringLiteral("Foto %1").arg(seed));
    p.end();
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    REQUIRE(image.save(&buffer, "JPEG", 85));
    return bytes;
}

RegionalFixture::RegionalFixture(core::Role role)
{
    auto opened = core::Services::open(dir.path(), clock);
    REQUIRE(opened.ok());
    services = std::move(opened.value());
    REQUIRE(services->profile().setRole(role, role == core::Role::Central ? QString() : kUrs).ok());
    REQUIRE(services->profile().setUserName(QStringLiteral("Marta Reis")).ok());
    context = ui::AppContext{dir.path(),     core::ReferenceData::embedded(),
                             core::ProgramDefinition::sesMgMobilizacao(), services.get(), &clock};
    context.role = role;
    municipalities = context.reference.municipalitiesOfUrs(kUrs);
    std::sort(municipalities.begin(), municipalities.end(),
              [](const core::Municipality &a, const core::Municipality &b) { return a.name.localeAwareCompare(b.name) < 0; });
    REQUIRE(municipalities.size() >= 7);
}

SeededReport RegionalFixture::seed(const core::Municipality &m, const SeedOptions &o)
{
    // The municipality's own installation: a report made and concluded as there.
    const QString folder = municipal.filePath(m.ibge + QLatin1Char('-') + o.period.key());
    REQUIRE(QDir().mkpath(folder));
    auto opened = core::Services::open(folder, clock);
    REQUIRE(opened.ok());
    std::unique_ptr<core::Services> town = std::move(opened.value());
    REQUIRE(town->profile().setMunicipality(m.ibge).ok());
    auto created = town->reports().createReport(context.program.id(), o.period);
    REQUIRE(created.ok());
    SeededReport out;
    out.municipality = m.ibge;
    out.name = m.name;
    out.uuid = created.value().uuid;
    QHash<QString, QByteArray> photoBytes;
    if (o.noActions) {
        REQUIRE(town->reports()
                    .setNoActions(out.uuid, true,
                                  QStringLiteral("Equipe em férias coletivas e agentes deslocados para a vacinação."))
                    .ok());
    } else {
        static int photoSeed = 0;
        for (int a = 0; a < o.actions; ++a) {
            auto action = town->reports().addAction(out.uuid, validActionValues(o.period, a + 1));
            REQUIRE(action.ok());
            out.actionUuids << action.value().uuid;
            for (int p = 0; p < o.photosPerAction; ++p) {
                const QByteArray bytes = jpegBytes(++photoSeed);
                auto sha = town->blobs().put(bytes);
                REQUIRE(sha.ok());
                core::Photo meta = validPhoto(sha.value(), o.period, p + 1, bytes.size(), 640, 480);
                meta.identifiablePeople = p % 2 == 1;
                meta.authorizationOnFile = false;
                auto photo = town->reports().addPhoto(action.value().uuid, meta);
                REQUIRE(photo.ok());
                out.photoUuids << photo.value().uuid;
                out.photoShas << sha.value();
                photoBytes.insert(sha.value(), bytes);
            }
        }
    }
    const auto concluded = town->reports().conclude(out.uuid);
    INFO(concluded.error().message.toStdString());
    REQUIRE(concluded.ok());
    auto revision = town->reports().revision(out.uuid, 1);
    REQUIRE(revision.ok());

    // What the hub lists, then what the regional pull stores.
    core::ReplicaRevision entry;
    entry.report = out.uuid;
    entry.revision = 1;
    entry.municipality = m.ibge;
    entry.program = context.program.id();
    entry.period = o.period;
    entry.hubId = QStringLiteral("hub-%1").arg(cursor + 1);
    entry.manifestSha256 = revision.value().sha256;
    entry.state = o.state;
    entry.comment = o.comment;
    entry.receivedAt = o.receivedAt.isValid() ? o.receivedAt : QDateTime(QDate(2026, 11, 5), QTime(12, 0), QTimeZone::utc());
    if (o.state != QLatin1String("received"))
        entry.reviewedAt = entry.receivedAt.addDays(2);
    entry.cursor = ++cursor;
    REQUIRE(services->replica().applyPulled({entry}, cursor).ok());
    if (o.withManifest)
        REQUIRE(services->replica().storeManifest(out.uuid, 1, revision.value().snapshotJson).ok());
    if (o.withPhotos)
        for (const QByteArray &bytes : std::as_const(photoBytes))
            REQUIRE(services->blobs().put(bytes).ok());
    return out;
}

void RegionalFixture::seedScenario()
{
    const core::Period october{2026, 10};
    const auto utc = [](int day, int hour, int minute) {
        return QDateTime(QDate(2026, 11, day), QTime(hour, minute), QTimeZone::utc());
    };
    SeedOptions o;
    o.period = october;
    o.actions = 2;
    o.photosPerAction = 2;
    o.receivedAt = utc(11, 2, 30);
    onTime = seed(municipalities.at(0), o);
    o.actions = 1;
    o.photosPerAction = 1;
    o.receivedAt = utc(11, 3, 30);
    late = seed(municipalities.at(1), o);
    SeedOptions none;
    none.noActions = true;
    none.receivedAt = utc(3, 15, 0);
    noActions = seed(municipalities.at(2), none);
    SeedOptions back;
    back.state = QStringLiteral("returned");
    back.comment = QStringLiteral("As fotos da ação 1 não mostram a ação.");
    back.receivedAt = utc(4, 10, 0);
    returned = seed(municipalities.at(3), back);
    SeedOptions ok;
    ok.state = QStringLiteral("accepted");
    ok.receivedAt = utc(2, 18, 0);
    accepted = seed(municipalities.at(4), ok);
    SeedOptions bare;
    bare.withManifest = false;
    bare.receivedAt = utc(6, 11, 0);
    listed = seed(municipalities.at(5), bare);
    SeedOptions sep;
    sep.period = {2026, 9};
    sep.state = QStringLiteral("accepted");
    sep.receivedAt = QDateTime(QDate(2026, 10, 7), QTime(12, 0), QTimeZone::utc());
    september = seed(municipalities.at(0), sep);
}

} // namespace mobiliza::test
