#include "core/photos/image_inspect.h"

#include <cstring>
#include <optional>

namespace mobiliza::core::photos {

namespace {

bool startsWith(QByteArrayView data, qsizetype at, const char *magic, qsizetype length)
{
    return data.size() >= at + length && std::memcmp(data.data() + at, magic, size_t(length)) == 0;
}

quint32 be32(const uchar *p)
{
    return (quint32(p[0]) << 24) | (quint32(p[1]) << 16) | (quint32(p[2]) << 8) | quint32(p[3]);
}

bool isHeifBrand(QByteArrayView brand)
{
    static const char *const brands[] = {"heic", "heix", "hevc", "hevx", "heim", "heis", "hevm",
                                         "hevs", "mif1", "msf1", "mif2", "avif", "avis", "avio"};
    for (const char *b : brands)
        if (brand == QByteArrayView(b, 4))
            return true;
    return false;
}

// ISO base media file ("....ftyp<major><minor><compatible…>"): an HEIF/AVIF image
// when the major brand or any compatible brand is an image brand.
bool isHeifFamily(QByteArrayView head)
{
    if (!startsWith(head, 4, "ftyp", 4) || head.size() < 12)
        return false;
    const auto *d = reinterpret_cast<const uchar *>(head.data());
    if (isHeifBrand(head.sliced(8, 4)))
        return true;
    const qsizetype boxSize = qMin<qsizetype>(be32(d), head.size());
    for (qsizetype at = 16; at + 4 <= boxSize; at += 4)
        if (isHeifBrand(head.sliced(at, 4)))
            return true;
    return false;
}

bool isBmp(QByteArrayView head)
{
    if (!startsWith(head, 0, "BM", 2) || head.size() < 18)
        return false;
    const auto *d = reinterpret_cast<const uchar *>(head.data()) + 14;
    const quint32 dib = quint32(d[0]) | (quint32(d[1]) << 8) | (quint32(d[2]) << 16) | (quint32(d[3]) << 24);
    return dib == 12 || dib == 40 || dib == 52 || dib == 56 || dib == 64 || dib == 108 || dib == 124;
}

// Bounds-checked reader of a TIFF structure in either byte order.
class TiffReader
{
public:
    TiffReader(QByteArrayView data, bool bigEndian) : m_data(data), m_big(bigEndian) {}

    std::optional<quint16> u16(qsizetype at) const
    {
        if (at < 0 || at + 2 > m_data.size())
            return std::nullopt;
        const auto *p = reinterpret_cast<const uchar *>(m_data.data()) + at;
        return m_big ? quint16((p[0] << 8) | p[1]) : quint16((p[1] << 8) | p[0]);
    }
    std::optional<quint32> u32(qsizetype at) const
    {
        if (at < 0 || at + 4 > m_data.size())
            return std::nullopt;
        const auto *p = reinterpret_cast<const uchar *>(m_data.data()) + at;
        return m_big ? be32(p)
                     : (quint32(p[3]) << 24) | (quint32(p[2]) << 16) | (quint32(p[1]) << 8) | quint32(p[0]);
    }
    QByteArrayView bytes(qsizetype at, qsizetype length) const
    {
        if (at < 0 || length < 0 || at + length > m_data.size())
            return {};
        return m_data.sliced(at, length);
    }

    // Calls visit(tag, type, count, entryOffset) for each entry of the IFD at `offset`.
    template <typename Visit> void forEachEntry(quint32 offset, Visit visit) const
    {
        const auto count = u16(qsizetype(offset));
        if (!count)
            return;
        constexpr int maxEntries = 1000;
        for (int i = 0; i < *count && i < maxEntries; ++i) {
            const qsizetype entry = qsizetype(offset) + 2 + qsizetype(i) * 12;
            const auto tag = u16(entry), type = u16(entry + 2);
            const auto n = u32(entry + 4);
            if (!tag || !type || !n || entry + 12 > m_data.size())
                return;
            visit(*tag, *type, *n, entry);
        }
    }

private:
    QByteArrayView m_data;
    bool m_big;
};

QDate parseExifDate(QByteArrayView text)
{
    // "YYYY:MM:DD HH:MM:SS" (some software writes '-' between the date parts)
    if (text.size() < 10)
        return {};
    auto number = [&](qsizetype at, qsizetype length) {
        int value = 0;
        for (qsizetype i = at; i < at + length; ++i) {
            const char c = text[i];
            if (c < '0' || c > '9')
                return -1;
            value = value * 10 + (c - '0');
        }
        return value;
    };
    const auto isSep = [](char c) { return c == ':' || c == '-'; };
    if (!isSep(text[4]) || !isSep(text[7]))
        return {};
    const int y = number(0, 4), m = number(5, 2), d = number(8, 2);
    if (y < 1900 || m < 1 || d < 1)
        return {};
    return QDate(y, m, d); // invalid for impossible dates such as 2023:02:30
}

} // namespace

SniffedFormat sniffFormat(QByteArrayView head)
{
    if (startsWith(head, 0, "\xFF\xD8\xFF", 3))
        return SniffedFormat::Jpeg;
    if (startsWith(head, 0, "\x89PNG\r\n\x1A\n", 8))
        return SniffedFormat::Png;
    if (startsWith(head, 0, "GIF87a", 6) || startsWith(head, 0, "GIF89a", 6))
        return SniffedFormat::Gif;
    if (startsWith(head, 0, "RIFF", 4) && startsWith(head, 8, "WEBP", 4))
        return SniffedFormat::WebP;
    if (startsWith(head, 0, "II*\0", 4) || startsWith(head, 0, "MM\0*", 4))
        return SniffedFormat::Tiff;
    if (isBmp(head))
        return SniffedFormat::Bmp;
    if (isHeifFamily(head))
        return SniffedFormat::HeifFamily;
    if (startsWith(head, 0, "\xFF\x0A", 2)                           // JPEG XL codestream
        || startsWith(head, 0, "\0\0\0\x0CJXL \x0D\x0A\x87\x0A", 12) // JPEG XL container
        || startsWith(head, 0, "\0\0\0\x0CjP  \x0D\x0A\x87\x0A", 12) // JPEG 2000
        || startsWith(head, 0, "8BPS", 4))                           // Photoshop
        return SniffedFormat::OtherImage;
    return SniffedFormat::Unknown;
}

const char *qtFormatName(SniffedFormat format)
{
    switch (format) {
    case SniffedFormat::Jpeg:
        return "jpeg";
    case SniffedFormat::Png:
        return "png";
    case SniffedFormat::Gif:
        return "gif";
    case SniffedFormat::WebP:
        return "webp";
    case SniffedFormat::Tiff:
        return "tiff";
    case SniffedFormat::Bmp:
        return "bmp";
    case SniffedFormat::Unknown:
    case SniffedFormat::HeifFamily:
    case SniffedFormat::OtherImage:
        break;
    }
    return nullptr;
}

JpegLayout scanJpeg(QByteArrayView jpeg)
{
    JpegLayout layout;
    const auto *d = reinterpret_cast<const uchar *>(jpeg.data());
    const qsizetype n = jpeg.size();
    if (n < 4 || d[0] != 0xFF || d[1] != 0xD8)
        return layout;
    qsizetype pos = 2;
    while (pos < n) {
        if (d[pos] != 0xFF)
            return layout; // garbage where a marker must be
        while (pos < n && d[pos] == 0xFF)
            ++pos; // fill bytes
        if (pos >= n)
            break;
        const uchar marker = d[pos++];
        if (marker == 0xD9) {
            layout.wellFormed = layout.hasEoi = true;
            return layout;
        }
        if ((marker >= 0xD0 && marker <= 0xD7) || marker == 0x01)
            continue; // standalone markers
        if (marker == 0x00 || marker == 0xD8)
            return layout;
        if (pos + 2 > n)
            break;
        const qsizetype length = (qsizetype(d[pos]) << 8) | d[pos + 1];
        if (length < 2)
            return layout;
        const qsizetype end = pos + length;
        if (end > n)
            break;
        if (marker == 0xE1 && layout.exifOffset < 0 && length >= 8 &&
            std::memcmp(d + pos + 2, "Exif\0\0", 6) == 0) {
            layout.exifOffset = pos + 8;
            layout.exifSize = end - layout.exifOffset;
        }
        pos = end;
        if (marker == 0xDA) {
            // Entropy-coded data runs until a marker that is neither a stuffed
            // 0xFF00 nor a restart marker.
            while (pos < n) {
                const void *ff = std::memchr(d + pos, 0xFF, size_t(n - pos));
                if (!ff) {
                    pos = n;
                    break;
                }
                pos = static_cast<const uchar *>(ff) - d;
                if (pos + 1 >= n) {
                    pos = n;
                    break;
                }
                const uchar next = d[pos + 1];
                if (next == 0x00 || (next >= 0xD0 && next <= 0xD7))
                    pos += 2;
                else if (next == 0xFF)
                    pos += 1;
                else
                    break; // pos is at the 0xFF of the next marker
            }
        }
    }
    return layout; // ran out of bytes before EOI: truncated
}

bool pngComplete(QByteArrayView png)
{
    const auto *d = reinterpret_cast<const uchar *>(png.data());
    const qsizetype n = png.size();
    qsizetype pos = 8;
    while (pos + 12 <= n) {
        const qsizetype length = be32(d + pos);
        if (length > n - pos - 12)
            return false;
        if (std::memcmp(d + pos + 4, "IEND", 4) == 0)
            return true;
        pos += 12 + length;
    }
    return false;
}

ExifInfo parseExif(QByteArrayView tiff)
{
    ExifInfo info;
    bool big = false;
    if (startsWith(tiff, 0, "MM\0*", 4))
        big = true;
    else if (!startsWith(tiff, 0, "II*\0", 4))
        return info;
    const TiffReader r(tiff, big);
    const auto ifd0 = r.u32(4);
    if (!ifd0)
        return info;
    info.valid = true;

    std::optional<quint32> exifIfd;
    r.forEachEntry(*ifd0, [&](quint16 tag, quint16 type, quint32 count, qsizetype entry) {
        if (tag == 0x0112 && type == 3 && count >= 1) {
            const auto v = r.u16(entry + 8);
            if (v && *v >= 1 && *v <= 8)
                info.orientation = *v;
        } else if (tag == 0x8769 && (type == 4 || type == 13)) {
            exifIfd = r.u32(entry + 8);
        } else if (tag == 0x8825) {
            info.hasGps = true;
        }
    });
    if (exifIfd && *exifIfd != *ifd0) {
        r.forEachEntry(*exifIfd, [&](quint16 tag, quint16 type, quint32 count, qsizetype entry) {
            if (tag != 0x9003 || type != 2 || count < 10 || count > 64)
                return;
            QByteArrayView text;
            if (count <= 4) {
                text = r.bytes(entry + 8, count);
            } else if (const auto at = r.u32(entry + 8)) {
                text = r.bytes(qsizetype(*at), count);
            }
            info.dateTimeOriginal = parseExifDate(text);
        });
    }
    return info;
}

ExifInfo readJpegExif(QByteArrayView jpeg)
{
    const JpegLayout layout = scanJpeg(jpeg);
    if (layout.exifOffset < 0)
        return {};
    return parseExif(jpeg.sliced(layout.exifOffset, layout.exifSize));
}

} // namespace mobiliza::core::photos
