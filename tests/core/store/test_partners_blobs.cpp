// The partners register (incl. LGPD erasure) and the blob store.
#include "core/services/blob_store.h"
#include "core/services/services.h"
#include "tests/core/store/store_test_util.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

using namespace mobiliza;
using namespace mobiliza::core;
using mobiliza::test::count;
using mobiliza::test::fileBytes;
using mobiliza::test::NotificationCounter;
using mobiliza::test::Profile;
using mobiliza::test::TempDir;

namespace {

Partner maria()
{
    Partner p;
    p.kind = PartnerKind::Person;
    p.governmental = false;
    p.formal = false;
    p.sector = QStringLiteral("religioso");
    p.name = QStringLiteral("Maria Aparecida Quintanilha");
    p.document = QStringLiteral("52998224725");
    p.contactName = QStringLiteral("Joaquim Quintanilha");
    p.contactRole = QStringLiteral("Coordenador da pastoral");
    p.phones = {QStringLiteral("+5531998765432"), QStringLiteral("+553132345678")};
    p.email = QStringLiteral("maria.quintanilha@example.org");
    p.address = QStringLiteral("Rua das Acácias, 1234, Bairro Floresta");
    p.cep = QStringLiteral("30150240");
    p.municipality = QStringLiteral("3106200");
    p.stage = PartnerStage::Sensitized;
    p.consent = PartnerConsent{true, QDate(2025, 2, 1), QStringLiteral("WhatsApp"),
                               QStringLiteral("Receber campanhas"), QDate()};
    p.notes = QStringLiteral("Lidera o grupo de mães da paróquia.");
    return p;
}

QByteArray profileBytes(const QString &dir)
{
    QByteArray all;
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-journal")})
        all += fileBytes(QDir(dir).filePath(QStringLiteral("mobiliza.sqlite") + suffix));
    return all;
}

} // namespace

TEST_CASE("partners: save inserts, updates and records stage changes", "[partners]")
{
    Profile profile;
    NotificationCounter notes(profile.services->notifier());
    auto saved = profile.partners().save(maria());
    REQUIRE(saved.ok());
    CHECK(saved->uuid.size() == 36);
    CHECK(saved->name == maria().name);
    CHECK(saved->phones == maria().phones);
    CHECK(saved->consent.given);
    CHECK(saved->consent.date == QDate(2025, 2, 1));
    CHECK_FALSE(saved->consent.revokedOn.isValid());
    CHECK(saved->kind == PartnerKind::Person);
    CHECK_FALSE(saved->formal);
    REQUIRE(saved->stageHistory.size() == 1);
    CHECK(saved->stageHistory[0].stage == PartnerStage::Sensitized);
    CHECK(notes.partnerChanged == 1);

    Partner changed = saved.value();
    changed.email = QStringLiteral("maria@example.org");
    auto same = profile.partners().save(changed);
    REQUIRE(same.ok());
    CHECK(same->stageHistory.size() == 1); // no stage change, no history row
    changed.stage = PartnerStage::Active;
    profile.clock.advanceSecs(86400 * 3);
    auto active = profile.partners().save(changed);
    REQUIRE(active.ok());
    REQUIRE(active->stageHistory.size() == 2);
    CHECK(active->stageHistory[1].stage == PartnerStage::Active);
    CHECK(active->stageHistory[1].date == QDate(2025, 3, 13));
    CHECK(profile.partners().partners().size() == 1);

    Partner nameless;
    CHECK(profile.partners().save(nameless).error().code == QStringLiteral("invalid_argument"));

    const auto audit = profile.services->audit().entries(QStringLiteral("partner"), saved->uuid);
    REQUIRE(audit.size() == 3);
    CHECK(audit[0].action == QStringLiteral("create"));
    CHECK(audit[1].detail.value(QStringLiteral("fields")).toArray() == QJsonArray{QStringLiteral("email")});
    CHECK(audit[2].detail.value(QStringLiteral("stage")).toString() == QStringLiteral("active"));
    for (const auto &e : audit) {
        const QByteArray detail = QJsonDocument(e.detail).toJson();
        CHECK_FALSE(detail.contains("Quintanilha"));
        CHECK_FALSE(detail.contains("example.org"));
    }
}

TEST_CASE("partners: erasure leaves no personal data in the database file", "[partners][lgpd]")
{
    Profile profile;
    auto saved = profile.partners().save(maria());
    REQUIRE(saved.ok());
    Partner edited = saved.value();
    edited.stage = PartnerStage::Active; // a second version of the row, and history
    REQUIRE(profile.partners().save(edited).ok());
    auto report = profile.reports().createReport(QStringLiteral("ses_mg_mobilizacao"), Period{2025, 3});
    REQUIRE(report.ok());
    auto action = profile.reports().addAction(report->uuid, {});
    REQUIRE(action.ok());
    REQUIRE(profile.reports().setActionPartners(action->uuid, {saved->uuid}).ok());
    Partner other;
    other.name = QStringLiteral("Escola Estadual Central");
    REQUIRE(profile.partners().save(other).ok());

    // Before the erasure the data is there (so the check below means something).
    REQUIRE(profile.services->database().checkpoint().ok());
    REQUIRE(profileBytes(profile.dir.path()).contains("Quintanilha"));

    NotificationCounter notes(profile.services->notifier());
    REQUIRE(profile.partners().erase(saved->uuid).ok());
    CHECK(notes.partnerChanged == 1);
    CHECK(notes.reportsReset == 1);
    CHECK(profile.partners().partner(saved->uuid).error().code == QStringLiteral("not_found"));
    CHECK(profile.partners().actionsOfPartner(saved->uuid).isEmpty());
    CHECK(profile.reports().report(report->uuid)->actions[0].partnerUuids.isEmpty());
    CHECK(count(profile.db(),
                QStringLiteral("SELECT count(*) FROM partner_stage_history WHERE partner_uuid = ?"),
                {saved->uuid}) == 0);
    CHECK(profile.partners().partners().size() == 1);
    CHECK(profile.partners().erase(saved->uuid).error().code == QStringLiteral("not_found"));

    const auto audit = profile.services->audit().entries(QStringLiteral("partner"), saved->uuid);
    REQUIRE_FALSE(audit.isEmpty());
    CHECK(audit.last().action == QStringLiteral("erase"));
    CHECK(audit.last().detail.value(QStringLiteral("linksRemoved")).toInt() == 1);

    const QString dir = profile.dir.path();
    profile.services.reset(); // close: everything is in the main file
    const QByteArray bytes = profileBytes(dir);
    REQUIRE(bytes.contains("Escola Estadual Central")); // the other partner is still there
    for (const char *personal : {"Quintanilha", "52998224725", "998765432", "32345678", "maria.quintanilha",
                                 "Acácias", "30150240", "pastoral", "grupo de mães"}) {
        INFO(personal);
        CHECK_FALSE(bytes.contains(QByteArray(personal)));
    }
    CHECK(bytes.size() > 0);
}

TEST_CASE("blobs: SHA-256 (OpenSSL) gives the standard digests, in one piece or in chunks", "[blobs]")
{
    // FIPS 180-2 test vectors.
    CHECK(mobiliza::core::Sha256::hex({}) ==
          QStringLiteral("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    CHECK(mobiliza::core::Sha256::hex("abc") ==
          QStringLiteral("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    const QByteArray million(1000000, 'a');
    CHECK(mobiliza::core::Sha256::hex(million) ==
          QStringLiteral("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"));

    // A photo-sized body fed as an upload arrives (uneven chunks): the same digest,
    // the same as Qt's, and result() may be read more than once.
    QByteArray photo(340 * 1024, Qt::Uninitialized);
    for (int i = 0; i < photo.size(); ++i)
        photo[i] = char((i * 131 + i / 7) & 0xff);
    mobiliza::core::Sha256 chunks;
    for (qsizetype at = 0, step = 1; at < photo.size(); at += step, step = step * 3 % 65521 + 1)
        chunks.addData(QByteArrayView(photo).sliced(at, std::min(step, photo.size() - at)));
    const QString expected =
        QString::fromLatin1(QCryptographicHash::hash(photo, QCryptographicHash::Sha256).toHex());
    CHECK(chunks.hexResult() == expected);
    CHECK(chunks.hexResult() == expected);
    CHECK(mobiliza::core::Sha256::hex(photo) == expected);
    CHECK(BlobStore::sha256Hex(photo) == expected);
}

TEST_CASE("blobs: put is idempotent and read verifies the content", "[blobs]")
{
    TempDir dir;
    BlobStore blobs(dir.filePath(QStringLiteral("blobs")));
    const QByteArray data = QByteArray("\xff\xd8\xff\xe0 fake jpeg ", 16).repeated(1000);
    auto first = blobs.put(data);
    REQUIRE(first.ok());
    CHECK(first.value() == BlobStore::sha256Hex(data));
    CHECK(blobs.path(first.value()).endsWith(first.value().left(2) + QLatin1Char('/') + first.value()));
    auto second = blobs.put(data);
    REQUIRE(second.ok());
    CHECK(second.value() == first.value());

    int files = 0;
    QDirIterator it(blobs.dir(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        ++files;
        CHECK_FALSE(it.fileName().endsWith(QStringLiteral(".part")));
    }
    CHECK(files == 1);
    CHECK(blobs.has(first.value()));
    CHECK(blobs.read(first.value()).value() == data);

    // Corrupt it on disk: read notices, put heals.
    {
        QFile f(blobs.path(first.value()));
        REQUIRE(f.open(QIODevice::ReadWrite));
        f.seek(100);
        f.write("X");
    }
    auto corrupt = blobs.read(first.value());
    REQUIRE_FALSE(corrupt.ok());
    CHECK(corrupt.error().code == QStringLiteral("corrupt_blob"));
    REQUIRE(blobs.put(data).ok());
    CHECK(blobs.read(first.value()).ok());

    // putFile, malformed hashes, missing blobs.
    const QString source = dir.filePath(QStringLiteral("photo.jpg"));
    {
        QFile f(source);
        REQUIRE(f.open(QIODevice::WriteOnly));
        f.write("another photo");
    }
    auto fromFile = blobs.putFile(source);
    REQUIRE(fromFile.ok());
    CHECK(blobs.read(fromFile.value()).value() == QByteArray("another photo"));
    CHECK(blobs.putFile(dir.filePath(QStringLiteral("missing.jpg"))).error().code == QStringLiteral("io"));
    CHECK(blobs.path(QStringLiteral("../../etc/passwd")).isEmpty());
    CHECK_FALSE(blobs.has(QString(64, QLatin1Char('A'))));
    CHECK(blobs.read(QString(64, QLatin1Char('0'))).error().code == QStringLiteral("missing_blob"));
}

TEST_CASE("blobs: a photo is confirmed only once its folder is flushed, a second copy's too", "[blobs]")
{
    TempDir dir;
    BlobStore blobs(dir.filePath(QStringLiteral("blobs")));
    QStringList flushed; // the folders flushed, in order
    bool folderFlushWorks = false;
    blobs.setFolderFlush([&](const QString &folder) {
        flushed << folder;
        return folderFlushWorks;
    });
    const QByteArray photo = QByteArray("\xff\xd8\xff\xe0 a proof photo ").repeated(300);
    const QString sha = BlobStore::sha256Hex(photo);
    const QString folder = QFileInfo(blobs.path(sha)).absolutePath();
    auto stream = [&](bool *created) {
        auto writer = blobs.beginWrite(sha);
        REQUIRE(writer.ok());
        REQUIRE(writer.value()->write(photo.constData(), 1000).ok());
        REQUIRE(writer.value()->write(photo.constData() + 1000, photo.size() - 1000).ok());
        return writer.value()->commit(created);
    };

    // The folder cannot be flushed: the upload fails (its name might not survive a power
    // cut), though the photo is named and intact.
    bool created = true;
    auto refused = stream(&created);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == QStringLiteral("io"));
    CHECK(flushed == QStringList{folder});
    CHECK(blobs.read(sha).ok());

    // Sent again: the photo is found stored, and its name is flushed before it is confirmed.
    auto again = stream(&created);
    REQUIRE_FALSE(again.ok()); // still failing: still not confirmed
    CHECK(flushed.size() == 2);
    folderFlushWorks = true;
    auto confirmed = stream(&created);
    REQUIRE(confirmed.ok());
    CHECK_FALSE(created);
    CHECK(flushed.size() == 3);

    // The app's own import (put) is held to the same.
    folderFlushWorks = false;
    const QByteArray other = QByteArray("another photo ").repeated(200);
    auto put = blobs.put(other);
    REQUIRE_FALSE(put.ok());
    CHECK(put.error().code == QStringLiteral("io"));
    const int before = int(flushed.size());
    folderFlushWorks = true;
    CHECK(blobs.put(other).ok()); // found stored: its name flushed before it is confirmed
    CHECK(flushed.size() == before + 1);
}
