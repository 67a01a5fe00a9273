// SHA-256 with OpenSSL's libcrypto (Debian's libssl3), for the photos and the
// files that carry them: about ten times as fast as Qt's own implementation on
// a 340 KB photo (bench/photos: bench_sha256), which the hub pays on every
// upload and the installations on every import, package and pull.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

struct evp_md_ctx_st; // OpenSSL's EVP_MD_CTX

namespace mobiliza::core {

class Sha256
{
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256 &) = delete;
    Sha256 &operator=(const Sha256 &) = delete;

    void addData(QByteArrayView data);
    // The digest of everything added so far (32 bytes); more data may follow.
    QByteArray result() const;
    // The same, as 64 lower-case hexadecimal digits (the blobs' names).
    QString hexResult() const;

    static QByteArray hash(QByteArrayView data);
    static QString hex(QByteArrayView data);

private:
    evp_md_ctx_st *m_ctx;
};

} // namespace mobiliza::core
