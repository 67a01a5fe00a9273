// The bad-file corpus (tests/data/bad/, made by scripts/make_bad_files.py; issue
// 7 §2): every file goes through the path a person uses — photos through the
// PhotoImportJob (the editor's "Adicionar fotos"), packages through
// importPackage and through `mobiliza --import-package FILE` — and each one
// must get its own pt-BR message saying what to do (code and exact text), write
// nothing outside the profile and change nothing in it. The few unusual but
// real photos (CMYK, progressive, 16-bit, animated, multi-page, absurd EXIF)
// must come out as the right picture instead.
//
// The tables below name every file of tests/data/bad/: a file without a row (or
// a row without a file) fails the first test, so the corpus and the
// expectations cannot drift apart.
#include <catch2/catch.hpp>

#include "tests/support/catch_qt.h"
#include "tests/support/ptbr_catalogue.h"

#include "core/package/report_package.h"
#include "core/photos/photo_import_job.h"
#include "tests/core/package/package_test_util.h"
#include "tests/support/temp_dir.h"

#include <quazip/quazip.h>
#include <quazip/quazipfile.h>
#include <quazip/quazipnewinfo.h>

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QEventLoop>
#include <QFile>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>

#include <algorithm>
#include <map>
#include <memory>

using namespace mobiliza;
using namespace mobiliza::test;

namespace {

QString badDir()
{
    return sourcePath(QStringLiteral("tests/data/bad"));
}

QString realPackage()
{
    return sourcePath(QStringLiteral("tests/fuzz/corpus/fuzz_package_reader/real.mobiliza"));
}

// The messages are asserted in pt-BR, as a person sees them.
using PtBr = mobiliza::test::PtBrCatalogue;

// ------------------------------------------------------------ expectations
// pt-BR texts as translations/mobiliza_pt_BR.ts has them; %1 is the file name.
const QString kCorruptImage = QStringLiteral(
    "A foto “%1” está danificada ou incompleta (pode ter sido cortada ao ser copiada ou baixada). Copie-a de "
    "novo da câmera ou do celular, confira se ela abre num visualizador de imagens e adicione-a novamente.");
const QString kEmptyImage = QStringLiteral(
    "O arquivo “%1” está vazio (0 bytes): a foto não foi copiada. Copie-a de novo da câmera ou do celular e "
    "adicione-a novamente.");
const QString kNotAnImage = QStringLiteral(
    "O arquivo “%1” não é uma foto: o conteúdo dele não é uma imagem, mesmo que o nome pareça. Escolha uma "
    "foto no formato JPEG ou PNG.");
const QString kHeic = QStringLiteral(
    "A foto “%1” está no formato HEIC/HEIF ou AVIF, que este programa não consegue ler. Converta-a para JPEG "
    "e adicione-a novamente: no iPhone, compartilhe a foto e escolha salvar ou enviar como JPEG (e, para as "
    "próximas fotos, escolha Ajustes › Câmera › Formatos › “Mais Compatível”); no computador, abra a foto e "
    "salve uma cópia em JPEG.");
const QString kOtherFormat = QStringLiteral(
    "A imagem “%1” está num formato que este programa não consegue ler (como JPEG XL, JPEG 2000 ou "
    "Photoshop). Abra-a num programa de imagens, salve uma cópia em JPEG e adicione a cópia.");
const QString kTooLargeImage = QStringLiteral(
    "A imagem “%1” é grande demais para ser processada (%2 × %3 pixels). Salve uma cópia menor em JPEG (por "
    "exemplo, com no máximo 8000 pixels no lado maior) e adicione a cópia.");
const QString kTooLargeFile = QStringLiteral(
    "O arquivo “%1” é grande demais (%2 MB; o limite é %3 MB). Envie a foto do celular em tamanho menor ou "
    "salve uma cópia em JPEG e adicione-a novamente.");
const QString kFolder = QStringLiteral(
    "Não foi possível ler o arquivo “%1” (é uma pasta, não um arquivo). Confira se ele ainda existe e se "
    "você tem permissão para abri-lo e tente de novo.");

const QString kNotAPackage = QStringLiteral(
    "Este arquivo não é um pacote de relatório do Mobiliza. Escolha um arquivo com a extensão .mobiliza "
    "gerado pelo Mobiliza.");
const QString kCorruptPackage =
    QStringLiteral("O arquivo está incompleto ou foi alterado. Peça um novo arquivo a quem o gerou.");
const QString kTooLargePackage = QStringLiteral(
    "O arquivo é maior do que um pacote de relatório pode ser e não foi importado. Peça um novo arquivo a "
    "quem o gerou.");
const QString kNewerPackage = QStringLiteral(
    "O arquivo foi gerado por uma versão mais nova do Mobiliza (formato de pacote 2). Atualize o Mobiliza "
    "neste computador e importe o arquivo de novo.");
const QString kEmptyPackage = QStringLiteral(
    "O arquivo %1 está vazio (0 bytes): a cópia ou o download não terminou. Copie-o de novo de onde veio ou "
    "peça um novo arquivo a quem o gerou.");
const QString kOtherMunicipality = QStringLiteral(
    "Este arquivo traz o relatório de outro município (IBGE 3105608), e esta instalação guarda os "
    "relatórios do IBGE 3106200. Importe-o na instalação daquele município.");

struct Refusal
{
    QString code;
    QString message; // with %1 for the file name where the text names it
};

// Photos that must be refused.
const std::map<QString, Refusal> &refusedImages()
{
    static const std::map<QString, Refusal> table{
        {QStringLiteral("empty.jpg"), {QStringLiteral("empty_file"), kEmptyImage}},
        {QStringLiteral("text_named.jpg"), {QStringLiteral("not_an_image"), kNotAnImage}},
        {QStringLiteral("pdf_named.jpg"), {QStringLiteral("not_an_image"), kNotAnImage}},
        {QStringLiteral("captive_portal.png"), {QStringLiteral("not_an_image"), kNotAnImage}},
        {QStringLiteral("photo.heic"), {QStringLiteral("unsupported_format"), kHeic}},
        {QStringLiteral("photo.avif"), {QStringLiteral("unsupported_format"), kHeic}},
        {QStringLiteral("heic_renamed.jpg"), {QStringLiteral("unsupported_format"), kHeic}},
        {QStringLiteral("photo.jxl"), {QStringLiteral("unsupported_format"), kOtherFormat}},
        {QStringLiteral("truncated.jpg"), {QStringLiteral("corrupt_image"), kCorruptImage}},
        {QStringLiteral("truncated_header.jpg"), {QStringLiteral("corrupt_image"), kCorruptImage}},
        {QStringLiteral("garbage_after_soi.jpg"), {QStringLiteral("corrupt_image"), kCorruptImage}},
        {QStringLiteral("app1_past_end.jpg"), {QStringLiteral("corrupt_image"), kCorruptImage}},
        {QStringLiteral("truncated.png"), {QStringLiteral("corrupt_image"), kCorruptImage}},
        {QStringLiteral("bad_crc.png"), {QStringLiteral("corrupt_image"), kCorruptImage}},
        {QStringLiteral("zero_size.png"), {QStringLiteral("corrupt_image"), kCorruptImage}},
        {QStringLiteral("fake.webp"), {QStringLiteral("corrupt_image"), kCorruptImage}},
        {QStringLiteral("bomb_100000x100000.png"),
         {QStringLiteral("image_too_large"), kTooLargeImage.arg(QStringLiteral("%1"), QStringLiteral("100000"),
                                                                QStringLiteral("100000"))}},
        {QStringLiteral("bomb_12000x10000.png"),
         {QStringLiteral("image_too_large"),
          kTooLargeImage.arg(QStringLiteral("%1"), QStringLiteral("12000"), QStringLiteral("10000"))}},
        {QStringLiteral("bomb_65500x65500.jpg"),
         {QStringLiteral("image_too_large"),
          kTooLargeImage.arg(QStringLiteral("%1"), QStringLiteral("65500"), QStringLiteral("65500"))}},
        {QStringLiteral("bomb_65535x65535.gif"),
         {QStringLiteral("image_too_large"),
          kTooLargeImage.arg(QStringLiteral("%1"), QStringLiteral("65535"), QStringLiteral("65535"))}},
        {QStringLiteral("bomb_100000x100000.tif"),
         {QStringLiteral("image_too_large"), kTooLargeImage.arg(QStringLiteral("%1"), QStringLiteral("100000"),
                                                                QStringLiteral("100000"))}},
        // Qt's BMP reader refuses a header whose pixels cannot be in the file: "damaged".
        {QStringLiteral("bomb_100000x100000.bmp"), {QStringLiteral("corrupt_image"), kCorruptImage}},
    };
    return table;
}

// Unusual but real photos: imported, and the stored JPEG shows the picture
// (64×48, yellow square top-left, red at the top, blue at the bottom).
const QStringList &acceptedImages()
{
    static const QStringList files{
        QStringLiteral("cmyk.jpg"),          QStringLiteral("progressive.jpg"),
        QStringLiteral("rgba16.png"),        QStringLiteral("animated.gif"),
        QStringLiteral("multipage.tif"),     QStringLiteral("exif_absurd_offset.jpg"),
        QStringLiteral("exif_loop.jpg"),     QStringLiteral("exif_date_out_of_bounds.jpg"),
    };
    return files;
}

// Packages that must be refused (the profile's municipality is 3106200).
const std::map<QString, Refusal> &refusedPackages()
{
    static const std::map<QString, Refusal> table{
        {QStringLiteral("zip_slip.mobiliza"), {QStringLiteral("corrupt_package"), kCorruptPackage}},
        {QStringLiteral("zip_slip_absolute.mobiliza"), {QStringLiteral("corrupt_package"), kCorruptPackage}},
        {QStringLiteral("zip_bomb_declared.mobiliza"), {QStringLiteral("too_large"), kTooLargePackage}},
        {QStringLiteral("zip_bomb_lying.mobiliza"), {QStringLiteral("corrupt_package"), kCorruptPackage}},
        {QStringLiteral("duplicate_entries.mobiliza"), {QStringLiteral("corrupt_package"), kCorruptPackage}},
        {QStringLiteral("symlink_entry.mobiliza"), {QStringLiteral("corrupt_package"), kCorruptPackage}},
        {QStringLiteral("non_utf8_names.mobiliza"), {QStringLiteral("corrupt_package"), kCorruptPackage}},
        {QStringLiteral("another_municipality.mobiliza"),
         {QStringLiteral("wrong_municipality"), kOtherMunicipality}},
        {QStringLiteral("newer_version.mobiliza"), {QStringLiteral("unsupported_version"), kNewerPackage}},
        {QStringLiteral("tampered_photo.mobiliza"), {QStringLiteral("corrupt_package"), kCorruptPackage}},
        {QStringLiteral("truncated.mobiliza"), {QStringLiteral("corrupt_package"), kCorruptPackage}},
        {QStringLiteral("empty.mobiliza"), {QStringLiteral("empty_file"), kEmptyPackage}},
        {QStringLiteral("not_a_zip.mobiliza"), {QStringLiteral("not_a_package"), kNotAPackage}},
        {QStringLiteral("some_other_zip.mobiliza"), {QStringLiteral("not_a_package"), kNotAPackage}},
    };
    return table;
}

QString expectedText(const Refusal &r, const QString &path)
{
    if (!r.message.contains(QStringLiteral("%1")))
        return r.message;
    // Photos name the file; packages name it with its full path.
    if (r.message.contains(QStringLiteral("“%1”")))
        return r.message.arg(QFileInfo(path).fileName());
    return r.message.arg(QDir::toNativeSeparators(path));
}

// ------------------------------------------------------------ the world
// W/ holds the profile, the inputs (copies of the bad files) and an empty
// working directory for the application: after any refusal, everything in W
// must be as it was, and nothing named by a zip-slip may exist anywhere.
QStringList listing(const QString &dir)
{
    QStringList out;
    QDirIterator it(dir, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        const QFileInfo info = it.fileInfo();
        out << QStringLiteral("%1 %2").arg(QDir(dir).relativeFilePath(info.filePath())).arg(info.size());
    }
    out.sort();
    return out;
}

QString fileHash(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(&f);
    return QString::fromLatin1(h.result().toHex());
}

QStringList zipSlipTargets(const QString &w)
{
    return {QStringLiteral("/tmp/mobiliza-zip-slip"), QDir::cleanPath(w + QStringLiteral("/../../x")),
            QDir::cleanPath(w + QStringLiteral("/profile/../../x")),
            QDir::cleanPath(w + QStringLiteral("/profile/blobs/../../x")),
            QDir::cleanPath(w + QStringLiteral("/cwd/../../x")), QDir::current().absoluteFilePath(QStringLiteral("x")),
            QDir::cleanPath(QDir::currentPath() + QStringLiteral("/../../x"))};
}

struct PhotoResult
{
    bool imported = false;
    core::ImportedPhoto photo;
    core::Error error;
};

// Runs the editor's import job on the files and waits (on its finished signal) for every result.
std::map<QString, PhotoResult> importPhotos(core::BlobStore &blobs, const QStringList &files)
{
    std::map<QString, PhotoResult> results;
    core::PhotoImportJob job(blobs, files);
    QObject::connect(&job, &core::PhotoImportJob::photoImported, [&](const core::ImportedPhoto &p) {
        results[p.sourcePath] = PhotoResult{true, p, {}};
    });
    QObject::connect(&job, &core::PhotoImportJob::photoFailed, [&](const QString &file, const core::Error &e) {
        results[file] = PhotoResult{false, {}, e};
    });
    QEventLoop loop;
    bool finished = false;
    QObject::connect(&job, &core::PhotoImportJob::finished, [&](bool) {
        finished = true;
        loop.quit();
    });
    job.start();
    if (!finished)
        loop.exec();
    REQUIRE(finished);
    return results;
}

struct AppRun
{
    int exitCode = -1;
    QString out, err;
};

AppRun runApp(const QString &profileDir, const QString &cwd, const QStringList &args)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("MOBILIZA_LANG")); // the default language: pt-BR
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    // Qt warns on stderr without one; stderr must hold only the message a person reads.
    static TempDir runtime; // 0700, as XDG requires
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), runtime.path());
    p.setProcessEnvironment(env);
    p.setWorkingDirectory(cwd);
    p.start(QStringLiteral(MOBILIZA_APP_EXE), QStringList{QStringLiteral("--data-dir"), profileDir} + args);
    REQUIRE(p.waitForStarted());
    REQUIRE(p.waitForFinished(120000));
    AppRun r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

QStringList filesIn(const QString &dir)
{
    return QDir(dir).entryList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden, QDir::Name);
}

} // namespace

TEST_CASE("bad files: every file of tests/data/bad has an expected outcome and only those files are there")
{
    QStringList expected;
    for (const auto &[name, refusal] : refusedImages())
        expected << name;
    expected << acceptedImages();
    for (const auto &[name, refusal] : refusedPackages())
        expected << name;
    expected.sort();
    QStringList present = filesIn(badDir());
    present.removeAll(QStringLiteral("README.md"));
    CHECK(present == expected);
    CHECK(present.size() >= 30);

    // Small enough for git: the large cases are made at run time.
    qint64 total = 0;
    for (const QString &name : std::as_const(present))
        total += QFileInfo(QDir(badDir()).filePath(name)).size();
    CHECK(total < 2 * 1024 * 1024);
}

TEST_CASE("bad files: photos that cannot be used are refused with their own pt-BR message and change nothing")
{
    PtBr ptBr;
    TempDir w;
    const QString inputs = w.filePath(QStringLiteral("inputs"));
    REQUIRE(QDir().mkpath(inputs));
    Profile profile; // its own folder; the photo store is the profile's
    draftWithPhotos(profile, 7);

    QStringList files;
    for (const auto &[name, refusal] : refusedImages()) {
        const QString copy = QDir(inputs).filePath(name);
        REQUIRE(QFile::copy(QDir(badDir()).filePath(name), copy));
        files << copy;
    }
    // Made here rather than committed: a folder named like a photo, a 51 MB file.
    const QString folder = QDir(inputs).filePath(QStringLiteral("folder.jpg"));
    REQUIRE(QDir().mkpath(folder));
    files << folder;
    const QString huge = QDir(inputs).filePath(QStringLiteral("huge_51mb.jpg"));
    {
        QFile f(huge);
        REQUIRE(f.open(QIODevice::WriteOnly));
        REQUIRE(f.write("\xFF\xD8\xFF\xE0", 4) == 4);
        REQUIRE(f.resize(51LL * 1024 * 1024)); // sparse: costs no disk
    }
    files << huge;

    const QStringList inputsBefore = listing(inputs);
    const QStringList profileBefore = listing(profile.dir.path());
    const QStringList stateBefore = visibleState(profile);

    const auto results = importPhotos(profile.services->blobs(), files);

    REQUIRE(results.size() == size_t(files.size()));
    for (const auto &[name, refusal] : refusedImages()) {
        const QString path = QDir(inputs).filePath(name);
        INFO(name.toStdString());
        REQUIRE(results.count(path) == 1);
        const PhotoResult &r = results.at(path);
        CHECK_FALSE(r.imported);
        CHECK(r.error.code == refusal.code);
        CHECK(r.error.message == expectedText(refusal, path));
    }
    const PhotoResult &folderResult = results.at(folder);
    CHECK_FALSE(folderResult.imported);
    CHECK(folderResult.error.code == QStringLiteral("unreadable"));
    CHECK(folderResult.error.message == kFolder.arg(QStringLiteral("folder.jpg")));
    const PhotoResult &hugeResult = results.at(huge);
    CHECK_FALSE(hugeResult.imported);
    CHECK(hugeResult.error.code == QStringLiteral("file_too_large"));
    CHECK(hugeResult.error.message ==
          kTooLargeFile.arg(QStringLiteral("huge_51mb.jpg"), QStringLiteral("51,0"), QStringLiteral("50,0")));

    // Nothing stored, nothing written next to the inputs or anywhere in the profile.
    CHECK(visibleState(profile) == stateBefore);
    CHECK(listing(profile.dir.path()) == profileBefore);
    CHECK(listing(inputs) == inputsBefore);
    CHECK(filesIn(w.path()) == QStringList{QStringLiteral("inputs")});
}

TEST_CASE("bad files: unusual but real photos come out as the right picture without their EXIF")
{
    Profile profile;
    QStringList files;
    for (const QString &name : acceptedImages())
        files << QDir(badDir()).filePath(name);
    const QStringList sourcesBefore = listing(badDir());
    const QStringList blobsBefore = blobListing(profile);

    const auto results = importPhotos(profile.services->blobs(), files);

    REQUIRE(results.size() == size_t(files.size()));
    QSet<QString> stored;
    for (const QString &path : std::as_const(files)) {
        INFO(QFileInfo(path).fileName().toStdString());
        REQUIRE(results.count(path) == 1);
        const PhotoResult &r = results.at(path);
        INFO(r.error.message.toStdString());
        REQUIRE(r.imported);
        CHECK(r.photo.width == 64);  // absurd or looping EXIF orientation is not applied
        CHECK(r.photo.height == 48);
        CHECK_FALSE(r.photo.takenOn.isValid()); // no date from garbage
        stored.insert(r.photo.sha256);

        auto bytes = profile.services->blobs().read(r.photo.sha256);
        REQUIRE(bytes.ok());
        CHECK(bytes->startsWith("\xFF\xD8\xFF"));
        CHECK_FALSE(bytes->contains("Exif")); // re-encoded: EXIF (and GPS) dropped
        const QImage image = QImage::fromData(bytes.value(), "JPEG");
        REQUIRE(image.size() == QSize(64, 48));
        // First frame / first page, right colours (a CMYK file read as inverted would be blue here).
        const QColor square = image.pixelColor(6, 6);
        CHECK(square.red() > 180);
        CHECK(square.green() > 180);
        CHECK(square.blue() < 110);
        const QColor top = image.pixelColor(50, 1);
        CHECK(top.red() > 180);
        CHECK(top.blue() < 90);
        const QColor bottom = image.pixelColor(50, 46);
        CHECK(bottom.blue() > 180);
        CHECK(bottom.red() < 90);
    }
    // Only new photos (and their thumbnails) in the store; the sources untouched.
    CHECK(blobListing(profile).size() == blobsBefore.size() + stored.size());
    CHECK(listing(badDir()) == sourcesBefore);
}

TEST_CASE("bad files: the good package the bad ones are made from imports (the control)")
{
    PtBr ptBr;
    Profile profile;
    auto imported = core::package::importPackage(*profile.services, realPackage());
    INFO((imported ? QString() : imported.error().message).toStdString());
    REQUIRE(imported.ok());
    CHECK(imported->kind == core::ImportOutcome::Kind::Imported);
}

TEST_CASE("bad files: hostile packages are refused with their own pt-BR message in-process and by the CLI")
{
    PtBr ptBr;
    TempDir w;
    const QString inputs = w.filePath(QStringLiteral("inputs"));
    const QString cwd = w.filePath(QStringLiteral("cwd"));
    REQUIRE(QDir().mkpath(inputs));
    REQUIRE(QDir().mkpath(cwd));
    for (const QString &target : zipSlipTargets(w.path()))
        REQUIRE_FALSE(QFileInfo::exists(target));

    std::map<QString, Refusal> table = refusedPackages();
    QStringList paths;
    for (const auto &[name, refusal] : table) {
        REQUIRE(QFile::copy(QDir(badDir()).filePath(name), QDir(inputs).filePath(name)));
        paths << QDir(inputs).filePath(name);
    }
    // A 50 MB manifest (made here: too big for git), otherwise a sound package.
    {
        const QString name = QStringLiteral("manifest_50mb.mobiliza");
        const QString path = QDir(inputs).filePath(name);
        const QByteArray manifest = QByteArray(50 * 1024 * 1024, ' ');
        const QByteArray sha = QCryptographicHash::hash(manifest, QCryptographicHash::Sha256).toHex();
        const QList<ZipEntry> real = readZip(realPackage());
        QByteArray info;
        for (const ZipEntry &e : real)
            if (e.name == QLatin1String("package.json")) {
                QJsonObject o = QJsonDocument::fromJson(e.data).object();
                o.insert(QStringLiteral("manifestSha256"), QString::fromLatin1(sha));
                info = QJsonDocument(o).toJson();
            }
        REQUIRE_FALSE(info.isEmpty());
        const QByteArray sums = QCryptographicHash::hash(info, QCryptographicHash::Sha256).toHex() +
                                "  package.json\n" + sha + "  manifest.json\n";
        QuaZip zip(path);
        REQUIRE(zip.open(QuaZip::mdCreate));
        for (const auto &[entry, data] : {std::pair<QString, QByteArray>{QStringLiteral("package.json"), info},
                                          {QStringLiteral("manifest.json"), manifest},
                                          {QStringLiteral("checksums.sha256"), sums}}) {
            QuaZipFile file(&zip);
            REQUIRE(file.open(QIODevice::WriteOnly, QuaZipNewInfo(entry)));
            REQUIRE(file.write(data) == data.size());
            file.close();
        }
        zip.close();
        REQUIRE(QFileInfo(path).size() < 1024 * 1024); // spaces deflate well: a small file
        table[name] = Refusal{QStringLiteral("too_large"), kTooLargePackage};
        paths << path;
    }

    Profile profile;
    draftWithPhotos(profile, 11);
    const QStringList inputHashes = [&] {
        QStringList h;
        for (const QString &p : std::as_const(paths))
            h << fileHash(p);
        return h;
    }();
    const QStringList stateBefore = visibleState(profile);
    const QStringList profileBefore = listing(profile.dir.path());

    SECTION("importPackage, as the import dialog calls it")
    {
        for (const QString &path : std::as_const(paths)) {
            const Refusal &expected = table.at(QFileInfo(path).fileName());
            INFO(QFileInfo(path).fileName().toStdString());
            auto outcome = core::package::importPackage(*profile.services, path);
            REQUIRE_FALSE(outcome.ok());
            CHECK(outcome.error().code == expected.code);
            CHECK(outcome.error().message == expectedText(expected, path));
            CHECK(visibleState(profile) == stateBefore);
            CHECK(listing(profile.dir.path()) == profileBefore);
        }
    }
    SECTION("mobiliza --import-package FILE, as a person runs it")
    {
        profile.services.reset(); // the application opens the profile itself
        // Every file but the database's own (its WAL is checkpointed as the application opens and closes it).
        const auto filesOfProfile = [&] {
            QStringList files = listing(profile.dir.path());
            files.erase(std::remove_if(files.begin(), files.end(),
                                       [](const QString &f) { return f.startsWith(QLatin1String("mobiliza.sqlite")); }),
                        files.end());
            return files;
        };
        const QStringList filesBefore = filesOfProfile();
        REQUIRE_FALSE(filesBefore.isEmpty());
        for (const QString &path : std::as_const(paths)) {
            const Refusal &expected = table.at(QFileInfo(path).fileName());
            INFO(QFileInfo(path).fileName().toStdString());
            const AppRun run = runApp(profile.dir.path(), cwd, {QStringLiteral("--import-package"), path});
            INFO(run.err.toStdString());
            CHECK(run.exitCode != 0);
            CHECK(run.exitCode != -1); // exited, did not crash
            CHECK(run.err.trimmed() == expectedText(expected, path));
            CHECK(run.out.isEmpty());
            CHECK(filesIn(cwd).isEmpty());
            CHECK(filesOfProfile() == filesBefore);
        }
        auto reopened = core::Services::open(profile.dir.path(), profile.clock);
        REQUIRE(reopened.ok());
        profile.services = std::move(reopened.value());
        CHECK(visibleState(profile) == stateBefore);
    }

    // Inputs untouched, nothing next to them, no zip-slip target anywhere.
    QStringList hashesAfter;
    for (const QString &p : std::as_const(paths))
        hashesAfter << fileHash(p);
    CHECK(hashesAfter == inputHashes);
    CHECK(filesIn(inputs).size() == paths.size());
    QStringList inW = filesIn(w.path());
    CHECK(inW == QStringList{QStringLiteral("cwd"), QStringLiteral("inputs")});
    for (const QString &target : zipSlipTargets(w.path())) {
        INFO(target.toStdString());
        CHECK_FALSE(QFileInfo::exists(target));
    }
}
