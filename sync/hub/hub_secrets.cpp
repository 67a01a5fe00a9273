#include "sync/hub/hub_secrets.h"

#include <QByteArray>
#include <QCryptographicHash>
#include <QRandomGenerator>

namespace mobiliza::hub::secrets {

namespace {

constexpr char kCrockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
constexpr int kCodeLength = 12;

QString sha256Hex(const QByteArray &data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

} // namespace

QString newToken()
{
    QByteArray bytes(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), bytes.size() / 4);
    return QString::fromLatin1(
        bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString tokenHash(const QString &token)
{
    return sha256Hex(token.toUtf8());
}

QString tokenIdFromHash(const QString &hash)
{
    return hash.left(8);
}

QString newEnrollmentCode()
{
    QString code;
    for (int i = 0; i < kCodeLength; ++i) {
        if (i > 0 && i % 4 == 0)
            code += QLatin1Char('-');
        code += QLatin1Char(kCrockford[QRandomGenerator::system()->bounded(32)]);
    }
    return code;
}

QString normalizeEnrollmentCode(const QString &typed)
{
    QString out;
    for (QChar c : typed) {
        if (c == QLatin1Char('-') || c.isSpace())
            continue;
        c = c.toUpper();
        if (c == QLatin1Char('O'))
            c = QLatin1Char('0');
        else if (c == QLatin1Char('I') || c == QLatin1Char('L'))
            c = QLatin1Char('1');
        if (c.unicode() > 127 || !QByteArray(kCrockford).contains(char(c.unicode())))
            return {};
        out += c;
    }
    return out.size() == kCodeLength ? out : QString();
}

QString enrollmentCodeHash(const QString &typed)
{
    const QString code = normalizeEnrollmentCode(typed);
    return code.isEmpty() ? QString() : sha256Hex(code.toLatin1());
}

} // namespace mobiliza::hub::secrets
