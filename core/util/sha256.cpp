#include "core/util/sha256.h"

#include <openssl/evp.h>

#include <new>

namespace mobiliza::core {

namespace {

// OpenSSL fails only when memory runs out: as new does.
void need(int ok)
{
    if (ok != 1)
        throw std::bad_alloc();
}

} // namespace

Sha256::Sha256() : m_ctx(EVP_MD_CTX_new())
{
    if (!m_ctx)
        throw std::bad_alloc();
    need(EVP_DigestInit_ex(m_ctx, EVP_sha256(), nullptr));
}

Sha256::~Sha256()
{
    EVP_MD_CTX_free(m_ctx);
}

void Sha256::addData(QByteArrayView data)
{
    if (!data.isEmpty())
        need(EVP_DigestUpdate(m_ctx, data.data(), size_t(data.size())));
}

QByteArray Sha256::result() const
{
    // On a copy of the state, so that result() may be asked for more than once.
    EVP_MD_CTX *copy = EVP_MD_CTX_new();
    if (!copy)
        throw std::bad_alloc();
    QByteArray digest(EVP_MAX_MD_SIZE, Qt::Uninitialized);
    unsigned int size = 0;
    const int ok = EVP_MD_CTX_copy_ex(copy, m_ctx) == 1 &&
                   EVP_DigestFinal_ex(copy, reinterpret_cast<unsigned char *>(digest.data()), &size) == 1;
    EVP_MD_CTX_free(copy);
    need(ok ? 1 : 0);
    digest.truncate(int(size));
    return digest;
}

QString Sha256::hexResult() const
{
    return QString::fromLatin1(result().toHex());
}

QByteArray Sha256::hash(QByteArrayView data)
{
    QByteArray digest(EVP_MAX_MD_SIZE, Qt::Uninitialized);
    unsigned int size = 0;
    need(EVP_Digest(data.data(), size_t(data.size()), reinterpret_cast<unsigned char *>(digest.data()), &size,
                    EVP_sha256(), nullptr));
    digest.truncate(int(size));
    return digest;
}

QString Sha256::hex(QByteArrayView data)
{
    return QString::fromLatin1(hash(data).toHex());
}

} // namespace mobiliza::core
