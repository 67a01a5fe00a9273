#include <catch2/catch.hpp>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>

#include "core/reference/reference_repository.h"
#include "tests/core/reference/reference_fixtures.h"
#include "tests/support/temp_dir.h"

using namespace mobiliza::core;
using mobiliza::test::editedReference;
using mobiliza::test::embeddedReferenceJson;
using mobiliza::test::referenceWithRevision;
using mobiliza::test::TempDir;

namespace {

void writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    REQUIRE(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    REQUIRE(file.write(bytes) == bytes.size());
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// A newer table in which Abadia dos Dourados (3100104) moved to URS Patos de Minas.
QByteArray newerTableWithMove(int revision)
{
    return editedReference([revision](QJsonObject &root) {
        root.insert(QStringLiteral("revision"), revision);
        root.insert(QStringLiteral("version"), QStringLiteral("2099.1.1"));
        QJsonArray list = root.value(QStringLiteral("municipalities")).toArray();
        for (qsizetype i = 0; i < list.size(); ++i) {
            QJsonObject m = list.at(i).toObject();
            if (m.value(QStringLiteral("ibge")).toString() == QStringLiteral("3100104")) {
                m.insert(QStringLiteral("urs"), QStringLiteral("Patos de Minas"));
                list.replace(i, m);
            }
        }
        root.insert(QStringLiteral("municipalities"), list);
    });
}

} // namespace

TEST_CASE("Repository: without an imported table, the built-in one is used")
{
    TempDir dir;
    const ReferenceRepository repo(dir.path());
    CHECK(repo.current().revision() == ReferenceData::embedded().revision());
    CHECK_FALSE(repo.usingImported());
    CHECK(repo.importedPath() == QDir(dir.path()).filePath(QStringLiteral("reference/mg_reference.json")));
}

TEST_CASE("Repository: a newer imported table on disk is picked up")
{
    TempDir dir;
    const int builtIn = ReferenceData::embedded().revision();
    writeFile(QDir(dir.path()).filePath(QStringLiteral("reference/mg_reference.json")),
              newerTableWithMove(builtIn + 1));
    const ReferenceRepository repo(dir.path());
    CHECK(repo.usingImported());
    CHECK(repo.current().revision() == builtIn + 1);
    CHECK(repo.current().version() == QStringLiteral("2099.1.1"));
    CHECK(repo.current().municipality(QStringLiteral("3100104"))->urs == QStringLiteral("Patos de Minas"));
    // The built-in table itself is unchanged.
    CHECK(ReferenceData::embedded().municipality(QStringLiteral("3100104"))->urs ==
          QStringLiteral("Uberlândia"));
}

TEST_CASE("Repository: an older, same-revision or corrupt imported table is ignored")
{
    const int builtIn = ReferenceData::embedded().revision();
    const QByteArray full = embeddedReferenceJson();
    const QByteArray variants[] = {
        referenceWithRevision(builtIn - 1, QStringLiteral("2000.1.1")),
        referenceWithRevision(builtIn, QStringLiteral("same")),
        full.left(full.size() / 3),
        QByteArray("not json at all"),
        editedReference([](QJsonObject &root) { root.insert(QStringLiteral("schema"), 99); }),
    };
    for (const QByteArray &bytes : variants) {
        TempDir dir;
        writeFile(QDir(dir.path()).filePath(QStringLiteral("reference/mg_reference.json")), bytes);
        const ReferenceRepository repo(dir.path());
        CHECK_FALSE(repo.usingImported());
        CHECK(repo.current().revision() == builtIn);
        CHECK(repo.current().municipalities().size() == 853);
    }
}

TEST_CASE("Repository: importFile installs a newer table atomically")
{
    TempDir dir;
    ReferenceRepository repo(dir.path());
    const int builtIn = repo.current().revision();
    const QString source = dir.filePath(QStringLiteral("download.json"));
    const QByteArray newer = newerTableWithMove(builtIn + 5);
    writeFile(source, newer);

    const Status status = repo.importFile(source);
    INFO(status.error().message.toStdString());
    REQUIRE(status.ok());
    CHECK(repo.usingImported());
    CHECK(repo.current().revision() == builtIn + 5);
    CHECK(repo.current().municipality(QStringLiteral("3100104"))->urs == QStringLiteral("Patos de Minas"));
    CHECK(readFile(repo.importedPath()) == newer);

    // A fresh repository (next start of the application) sees the same table.
    const ReferenceRepository again(dir.path());
    CHECK(again.current().revision() == builtIn + 5);

    // Importing the same table again is refused.
    const Status same = repo.importFile(source);
    REQUIRE_FALSE(same.ok());
    CHECK(same.error().code == QStringLiteral("not_newer"));
}

TEST_CASE("Repository: importFile refuses invalid and older tables without touching the installed one")
{
    TempDir dir;
    ReferenceRepository repo(dir.path());
    const int builtIn = repo.current().revision();
    const QByteArray installed = newerTableWithMove(builtIn + 2);
    writeFile(dir.filePath(QStringLiteral("installed.json")), installed);
    REQUIRE(repo.importFile(dir.filePath(QStringLiteral("installed.json"))).ok());
    REQUIRE(readFile(repo.importedPath()) == installed);

    SECTION("truncated JSON")
    {
        writeFile(dir.filePath(QStringLiteral("bad.json")), installed.left(installed.size() - 100));
        const Status s = repo.importFile(dir.filePath(QStringLiteral("bad.json")));
        REQUIRE_FALSE(s.ok());
        CHECK(s.error().code == QStringLiteral("invalid_json"));
        CHECK_FALSE(s.error().message.isEmpty());
    }
    SECTION("structurally invalid JSON")
    {
        writeFile(dir.filePath(QStringLiteral("bad.json")), editedReference([builtIn](QJsonObject &root) {
                      root.insert(QStringLiteral("revision"), builtIn + 10);
                      root.insert(QStringLiteral("urs"), QJsonArray());
                  }));
        const Status s = repo.importFile(dir.filePath(QStringLiteral("bad.json")));
        REQUIRE_FALSE(s.ok());
        CHECK(s.error().code == QStringLiteral("invalid_reference"));
    }
    SECTION("older than the installed table, though newer than the built-in one")
    {
        writeFile(dir.filePath(QStringLiteral("old.json")),
                  referenceWithRevision(builtIn + 1, QStringLiteral("old")));
        const Status s = repo.importFile(dir.filePath(QStringLiteral("old.json")));
        REQUIRE_FALSE(s.ok());
        CHECK(s.error().code == QStringLiteral("not_newer"));
        CHECK(s.error().message.contains(QStringLiteral("2099.1.1")));
    }
    SECTION("older than the built-in table")
    {
        writeFile(dir.filePath(QStringLiteral("old.json")),
                  referenceWithRevision(1, QStringLiteral("0.0.1")));
        CHECK(repo.importFile(dir.filePath(QStringLiteral("old.json"))).error().code ==
              QStringLiteral("not_newer"));
    }
    SECTION("missing file")
    {
        const Status s = repo.importFile(dir.filePath(QStringLiteral("missing.json")));
        REQUIRE_FALSE(s.ok());
        CHECK(s.error().code == QStringLiteral("io"));
    }

    CHECK(readFile(repo.importedPath()) == installed);
    CHECK(repo.current().revision() == builtIn + 2);
    CHECK(ReferenceRepository(dir.path()).current().revision() == builtIn + 2);
}

TEST_CASE("Repository: an injected baseline is compared by revision")
{
    TempDir dir;
    const auto base = ReferenceData::fromJson(referenceWithRevision(5, QStringLiteral("base")));
    REQUIRE(base.ok());
    writeFile(QDir(dir.path()).filePath(QStringLiteral("reference/mg_reference.json")),
              referenceWithRevision(6, QStringLiteral("imported")));
    ReferenceRepository repo(dir.path(), base.value());
    CHECK(repo.current().version() == QStringLiteral("imported"));
    CHECK(repo.importJson(referenceWithRevision(6, QStringLiteral("again"))).error().code ==
          QStringLiteral("not_newer"));
}
