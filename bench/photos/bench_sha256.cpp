// SHA-256 of a photo, side by side (a plain executable, never run by ctest):
// core::Sha256 (OpenSSL's libcrypto), Qt's QCryptographicHash, and the sha256sum
// program over the same bytes, on one core.
//
//   bench_sha256 [KB] [rounds]        (defaults: 340 KB, 2000 rounds)
//
// Issue 13 measured Qt's at ≈ 2.8 ms per 340 KB and OpenSSL's at ≈ 0.25 ms; the hub
// hashes every upload, the installations every import, package and pulled photo.
#include "core/util/sha256.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryFile>

#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int kb = argc > 1 ? QByteArray(argv[1]).toInt() : 340;
    const int rounds = argc > 2 ? QByteArray(argv[2]).toInt() : 2000;
    if (kb < 1 || rounds < 1) {
        std::fprintf(stderr, "usage: bench_sha256 [KB] [rounds]\n");
        return 2;
    }
    QByteArray photo(kb * 1024, Qt::Uninitialized);
    for (int i = 0; i < photo.size(); ++i)
        photo[i] = char((i * 2654435761u) >> 24);

    auto time = [&](auto &&hashOnce) {
        QElapsedTimer t;
        t.start();
        QByteArray last;
        for (int i = 0; i < rounds; ++i)
            last = hashOnce();
        return std::make_pair(double(t.nsecsElapsed()) / 1e6 / rounds, last);
    };
    const auto [openssl, a] = time([&] { return mobiliza::core::Sha256::hash(photo); });
    const auto [qt, b] = time([&] { return QCryptographicHash::hash(photo, QCryptographicHash::Sha256); });
    if (a != b) {
        std::fprintf(stderr, "bench_sha256: the two digests differ\n");
        return 1;
    }

    // sha256sum (coreutils' own code, a process) over a file of 100 photos.
    double coreutils = -1;
    QTemporaryFile file;
    if (file.open()) {
        for (int i = 0; i < 100; ++i)
            file.write(photo);
        file.flush();
        QElapsedTimer t;
        t.start();
        QProcess p;
        p.start(QStringLiteral("sha256sum"), {file.fileName()});
        if (p.waitForFinished(60000) && p.exitCode() == 0)
            coreutils = double(t.nsecsElapsed()) / 1e6 / 100;
    }
    std::printf("SHA-256 of a %d KB photo, %d rounds, one core\n", kb, rounds);
    std::printf("  %-28s %8.3f ms/photo  %7.0f MB/s\n", "core::Sha256 (OpenSSL)", openssl,
                kb / 1024.0 / (openssl / 1000.0));
    std::printf("  %-28s %8.3f ms/photo  %7.0f MB/s\n", "QCryptographicHash (Qt)", qt,
                kb / 1024.0 / (qt / 1000.0));
    if (coreutils >= 0)
        std::printf("  %-28s %8.3f ms/photo  (a process over 100 photos' bytes)\n", "sha256sum", coreutils);
    std::printf("  Qt / OpenSSL: %.1fx\n", qt / openssl);
    return 0;
}
