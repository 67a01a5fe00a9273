// The profile is private to its owner (issue 8, BRIEF §7): other accounts on a
// shared secretariat PC must not read partners' phones and e-mails or the
// photos. Folder 0700, database and its -wal/-shm 0600 whatever the umask; a
// profile made earlier (0755/0644) is tightened when it is opened; nothing
// else in the folder is touched and symbolic links are not followed.
#include "core/domain/clock.h"
#include "core/services/blob_store.h"
#include "core/services/services.h"
#include "core/store/database.h"
#include "core/store/private_files.h"
#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <sys/stat.h>
#include <unistd.h>

using namespace mobiliza;

namespace {

int modeOf(const QString &path)
{
    struct stat st;
    REQUIRE(::lstat(QFile::encodeName(path).constData(), &st) == 0);
    return int(st.st_mode & 07777);
}

void setMode(const QString &path, int mode)
{
    REQUIRE(::chmod(QFile::encodeName(path).constData(), mode_t(mode)) == 0);
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    REQUIRE(f.open(QIODevice::WriteOnly));
    REQUIRE(f.write(bytes) == bytes.size());
}

class ScopedUmask
{
public:
    explicit ScopedUmask(mode_t mask) : m_old(::umask(mask)) {}
    ~ScopedUmask() { ::umask(m_old); }
    ScopedUmask(const ScopedUmask &) = delete;
    ScopedUmask &operator=(const ScopedUmask &) = delete;

private:
    mode_t m_old;
};

const QDateTime kNow(QDate(2026, 11, 22), QTime(14, 0), Qt::UTC);

} // namespace

TEST_CASE("a new profile is private to its owner whatever the umask")
{
    const mode_t mask = GENERATE(mode_t(022), mode_t(002), mode_t(0));
    ScopedUmask scoped(mask);
    test::TempDir parent;
    const QString dataDir = QDir(parent.path()).filePath(QStringLiteral("Mobiliza/mobiliza"));
    core::FixedClock clock(kNow);
    {
        auto opened = core::Services::open(dataDir, clock);
        REQUIRE(opened.ok());
        auto &services = *opened.value();
        REQUIRE(services.profile().setMunicipality(QStringLiteral("3106200")).ok());
        const QString db = services.database().filePath();
        CHECK(modeOf(dataDir) == 0700);
        CHECK(modeOf(db) == 0600);
        // SQLite gives the -wal and -shm of a 0600 database the same permissions.
        REQUIRE(QFileInfo::exists(db + QStringLiteral("-wal")));
        CHECK(modeOf(db + QStringLiteral("-wal")) == 0600);
        CHECK(modeOf(db + QStringLiteral("-shm")) == 0600);
        REQUIRE(services.blobs().put("photo bytes").ok());
    }
    // Photos written since are tightened when the profile is opened again.
    {
        auto again = core::Services::open(dataDir, clock);
        REQUIRE(again.ok());
        const QString blobs = again.value()->blobs().dir();
        CHECK(modeOf(blobs) == 0700);
        const QString photo = again.value()->blobs().path(core::BlobStore::sha256Hex("photo bytes"));
        CHECK(modeOf(photo) == 0600);
        CHECK(modeOf(QFileInfo(photo).absolutePath()) == 0700);
    }
    // A backup made before migrating is private too.
    test::TempDir older;
    {
        auto v1 = core::Database::open(older.path(), core::Database::Options{.targetVersion = 1});
        REQUIRE(v1.ok());
    }
    auto migrated = core::Database::open(older.path());
    REQUIRE(migrated.ok());
    const QStringList backups = migrated.value()->backupFiles();
    REQUIRE(backups.size() == 1);
    CHECK(modeOf(migrated.value()->backupDir()) == 0700);
    CHECK(modeOf(backups.constFirst()) == 0600);
}

TEST_CASE("a profile made open by an earlier version is tightened when it is opened")
{
    ScopedUmask scoped(022);
    test::TempDir dir;
    core::FixedClock clock(kNow);
    QString db;
    QString photo;
    {
        auto opened = core::Services::open(dir.path(), clock);
        REQUIRE(opened.ok());
        db = opened.value()->database().filePath();
        auto sha = opened.value()->blobs().put("a photo of people");
        REQUIRE(sha.ok());
        photo = opened.value()->blobs().path(sha.value());
    }
    // As an earlier version (or a copy with `cp -r`) left it.
    const QDir data(dir.path());
    REQUIRE(data.mkpath(QStringLiteral("backups")));
    REQUIRE(data.mkpath(QStringLiteral("thumbs")));
    REQUIRE(data.mkpath(QStringLiteral("reference")));
    writeFile(data.filePath(QStringLiteral("backups/mobiliza-schema-v1.sqlite")), "old copy");
    writeFile(data.filePath(QStringLiteral("thumbs/a.jpg")), "thumb");
    writeFile(data.filePath(QStringLiteral("reference/mg_reference.json")), "{}");
    writeFile(data.filePath(QStringLiteral("hub-token")), "tok");
    writeFile(db + QStringLiteral("-wal"), QByteArray());
    writeFile(data.filePath(QStringLiteral("notes.txt")), "not ours"); // --data-dir may hold other things
    test::TempDir outside;
    const QString target = QDir(outside.path()).filePath(QStringLiteral("elsewhere.jpg"));
    writeFile(target, "outside the profile");
    setMode(target, 0644);
    REQUIRE(QFile::link(target, data.filePath(QStringLiteral("blobs/link.jpg"))));
    const QStringList open644{db,
                              db + QStringLiteral("-wal"),
                              photo,
                              data.filePath(QStringLiteral("backups/mobiliza-schema-v1.sqlite")),
                              data.filePath(QStringLiteral("thumbs/a.jpg")),
                              data.filePath(QStringLiteral("reference/mg_reference.json")),
                              data.filePath(QStringLiteral("hub-token")),
                              data.filePath(QStringLiteral("notes.txt"))};
    for (const QString &f : open644)
        setMode(f, 0644);
    const QStringList open755{dir.path(),
                              data.filePath(QStringLiteral("blobs")),
                              QFileInfo(photo).absolutePath(),
                              data.filePath(QStringLiteral("backups")),
                              data.filePath(QStringLiteral("thumbs")),
                              data.filePath(QStringLiteral("reference"))};
    for (const QString &d : open755)
        setMode(d, 0755);

    auto reopened = core::Services::open(dir.path(), clock);
    REQUIRE(reopened.ok());
    for (const QString &d : open755) {
        INFO(d.toStdString());
        CHECK(modeOf(d) == 0700);
    }
    for (const QString &f : open644.mid(0, open644.size() - 1)) {
        INFO(f.toStdString());
        CHECK(modeOf(f) == 0600);
    }
    CHECK(modeOf(data.filePath(QStringLiteral("notes.txt"))) == 0644); // not the profile's: untouched
    CHECK(modeOf(target) == 0644);                                     // a link is not followed
    CHECK(modeOf(db + QStringLiteral("-shm")) == 0600);
    CHECK_FALSE(core::privacy::isOpenToOthers(dir.path()));
}

TEST_CASE("private files: created 0600 from the start, only ever tightened")
{
    ScopedUmask scoped(0); // the worst umask: a plain create would be 0666
    test::TempDir dir;
    const QString file = dir.filePath(QStringLiteral("new.sqlite"));
    REQUIRE(core::privacy::makePrivateFile(file));
    CHECK(QFileInfo(file).size() == 0);
    CHECK(modeOf(file) == 0600);
    // An existing file keeps its content and loses only group and other permissions.
    writeFile(file, "content");
    setMode(file, 0640);
    REQUIRE(core::privacy::makePrivateFile(file));
    CHECK(modeOf(file) == 0600);
    setMode(file, 0400); // read-only for its owner: stays so, never made more open
    REQUIRE(core::privacy::tighten(file));
    CHECK(modeOf(file) == 0400);
    setMode(file, 0600);
    QFile read(file);
    REQUIRE(read.open(QIODevice::ReadOnly));
    CHECK(read.readAll() == "content");

    const QString nested = dir.filePath(QStringLiteral("a/b/c"));
    REQUIRE(core::privacy::makePrivateDir(nested));
    CHECK(modeOf(nested) == 0700);
    CHECK(core::privacy::tighten(dir.filePath(QStringLiteral("missing")))); // nothing there: fine
    CHECK_FALSE(core::privacy::makePrivateDir(QString()));
}

TEST_CASE("photos are stored readable by their owner only, whether written at once or streamed")
{
    ScopedUmask open(022);
    test::TempDir dir;
    core::BlobStore blobs(dir.filePath(QStringLiteral("blobs")));
    const QByteArray photo("a photo of people at the health fair");
    auto stored = blobs.put(photo);
    REQUIRE(stored.ok());
    CHECK(modeOf(blobs.dir()) == 0700);
    CHECK(modeOf(QFileInfo(blobs.path(stored.value())).absolutePath()) == 0700);
    CHECK(modeOf(blobs.path(stored.value())) == 0600);

    // The hub's way: streamed in pieces, named when whole.
    const QByteArray other("another photo, uploaded in two pieces");
    const QString sha = core::BlobStore::sha256Hex(other);
    auto writer = blobs.beginWrite(sha);
    REQUIRE(writer.ok());
    REQUIRE(writer.value()->write(other.constData(), 10).ok());
    REQUIRE(writer.value()->write(other.constData() + 10, other.size() - 10).ok());
    bool created = false;
    REQUIRE(writer.value()->commit(&created).ok());
    CHECK(created);
    CHECK(blobs.read(sha).value() == other);
    CHECK(modeOf(QFileInfo(blobs.path(sha)).absolutePath()) == 0700);
    CHECK(modeOf(blobs.path(sha)) == 0600);
}
