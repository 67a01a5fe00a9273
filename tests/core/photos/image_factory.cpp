#include "tests/core/photos/image_factory.h"

#include <QBuffer>
#include <QFile>
#include <QImageWriter>
#include <QList>

namespace mobiliza::test {

QImage markedImage(int width, int height, int marker, QImage::Format format)
{
    QImage image(width, height, QImage::Format_RGB32);
    for (int y = 0; y < height; ++y) {
        auto *line = reinterpret_cast<QRgb *>(image.scanLine(y));
        for (int x = 0; x < width; ++x)
            line[x] = qRgb(40, 80 + (120 * x) / qMax(1, width), 90 + (120 * y) / qMax(1, height));
    }
    for (int y = 0; y < qMin(marker, height); ++y) {
        auto *line = reinterpret_cast<QRgb *>(image.scanLine(y));
        for (int x = 0; x < qMin(marker, width); ++x)
            line[x] = qRgb(230, 20, 20);
    }
    return format == QImage::Format_RGB32 ? image : image.convertToFormat(format);
}

QImage noisyPhoto(int width, int height, quint32 seed)
{
    QImage image(width, height, QImage::Format_RGB32);
    quint32 state = seed * 2654435761u + 1;
    auto next = [&state] {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        return state;
    };
    const int cx = width / 3, cy = height / 2, r2 = (height / 4) * (height / 4);
    for (int y = 0; y < height; ++y) {
        auto *line = reinterpret_cast<QRgb *>(image.scanLine(y));
        for (int x = 0; x < width; ++x) {
            int r = 60 + (150 * x) / width;
            int g = 90 + (100 * y) / height;
            int b = 140 - (80 * x) / width + (60 * y) / height;
            const int dx = x - cx, dy = y - cy;
            if (dx * dx + dy * dy < r2) { // a warm disc
                r += 60;
                g -= 20;
            }
            if (((x / 97) + (y / 61)) % 7 == 0) // some texture blocks
                b += 40;
            const quint32 n = next();
            r += int(n & 31) - 16;
            g += int((n >> 5) & 31) - 16;
            b += int((n >> 10) & 31) - 16;
            line[x] = qRgb(qBound(0, r, 255), qBound(0, g, 255), qBound(0, b, 255));
        }
    }
    return image;
}

QByteArray encode(const QImage &image, const char *format, int quality)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, format);
    writer.setQuality(quality);
    if (!writer.write(image))
        return {};
    return bytes;
}

namespace {

// Minimal TIFF writer: IFDs laid out one after the other, each followed by
// the values that do not fit in its 4-byte value fields.
struct Entry
{
    quint16 tag;
    quint16 type; // 1 BYTE, 2 ASCII, 3 SHORT, 4 LONG, 5 RATIONAL
    quint32 count;
    QByteArray value;     // already in the file's byte order
    int pointsToIfd = -1; // LONG offset of another IFD (filled in at layout)
};

class TiffWriter
{
public:
    explicit TiffWriter(bool big) : m_big(big) {}

    QByteArray u16(quint16 v) const
    {
        QByteArray b(2, '\0');
        b[m_big ? 0 : 1] = char(v >> 8);
        b[m_big ? 1 : 0] = char(v & 0xFF);
        return b;
    }
    QByteArray u32(quint32 v) const
    {
        QByteArray b(4, '\0');
        for (int i = 0; i < 4; ++i)
            b[m_big ? 3 - i : i] = char((v >> (8 * i)) & 0xFF);
        return b;
    }
    QByteArray rationals(std::initializer_list<std::pair<quint32, quint32>> values) const
    {
        QByteArray b;
        for (const auto &[num, den] : values)
            b += u32(num) + u32(den);
        return b;
    }

    static qsizetype ifdSize(const QList<Entry> &entries)
    {
        qsizetype size = 2 + 12 * entries.size() + 4;
        for (const Entry &e : entries)
            if (e.value.size() > 4)
                size += e.value.size() + (e.value.size() & 1);
        return size;
    }

    QByteArray build(QList<QList<Entry>> ifds) const
    {
        QList<quint32> offsets;
        quint32 at = 8;
        for (const auto &ifd : ifds) {
            offsets.append(at);
            at += quint32(ifdSize(ifd));
        }
        QByteArray out = m_big ? QByteArray("MM\0*", 4) : QByteArray("II*\0", 4);
        out += u32(8);
        for (int i = 0; i < ifds.size(); ++i) {
            QList<Entry> &ifd = ifds[i];
            quint32 dataAt = offsets[i] + 2 + 12 * quint32(ifd.size()) + 4;
            QByteArray table = u16(quint16(ifd.size()));
            QByteArray data;
            for (Entry &e : ifd) {
                if (e.pointsToIfd >= 0)
                    e.value = u32(offsets[e.pointsToIfd]);
                table += u16(e.tag) + u16(e.type) + u32(e.count);
                if (e.value.size() <= 4) {
                    table += e.value + QByteArray(4 - e.value.size(), '\0');
                } else {
                    table += u32(dataAt + quint32(data.size()));
                    data += e.value;
                    if (e.value.size() & 1)
                        data += '\0';
                }
            }
            table += u32(0); // no next IFD
            out += table + data;
        }
        return out;
    }

private:
    bool m_big;
};

} // namespace

QByteArray exifTiff(const ExifSpec &spec)
{
    const TiffWriter w(spec.bigEndian);
    QList<QList<Entry>> ifds{{}};
    if (spec.orientation > 0)
        ifds[0].append(Entry{0x0112, 3, 1, w.u16(quint16(spec.orientation))});
    ifds[0].append(Entry{0x010F, 2, 6, QByteArray("Phone", 6)}); // Make
    if (!spec.dateTimeOriginal.isEmpty()) {
        ifds[0].append(Entry{0x8769, 4, 1, {}, int(ifds.size())});
        QByteArray text = spec.dateTimeOriginal;
        text.append('\0');
        ifds.append({Entry{0x9003, 2, quint32(text.size()), text}});
    }
    if (spec.gps) {
        ifds[0].append(Entry{0x8825, 4, 1, {}, int(ifds.size())});
        ifds.append({
            Entry{0x0000, 1, 4, QByteArray("\x02\x03\x00\x00", 4)},
            Entry{0x0001, 2, 2, QByteArray("S", 2)},
            Entry{0x0002, 5, 3, w.rationals({{19, 1}, {55, 1}, {1234, 100}})},
            Entry{0x0003, 2, 2, QByteArray("W", 2)},
            Entry{0x0004, 5, 3, w.rationals({{43, 1}, {56, 1}, {2222, 100}})},
        });
    }
    return w.build(ifds);
}

QByteArray withExif(const QByteArray &jpeg, const ExifSpec &spec)
{
    const QByteArray payload = QByteArray("Exif\0\0", 6) + exifTiff(spec);
    const qsizetype length = payload.size() + 2;
    QByteArray segment("\xFF\xE1", 2);
    segment.append(char((length >> 8) & 0xFF));
    segment.append(char(length & 0xFF));
    segment += payload;
    return jpeg.left(2) + segment + jpeg.mid(2);
}

QByteArray isoBmffImage(const char *majorBrand, const char *compatibleBrand)
{
    QByteArray box("\0\0\0\x18"
                   "ftyp",
                   8);
    box += QByteArray(majorBrand, 4);
    box += QByteArray("\0\0\0\0", 4);
    box += QByteArray(compatibleBrand, 4);
    box += QByteArray(majorBrand, 4);
    box += QByteArray("\0\0\0\x08"
                      "meta",
                      8);
    box += QByteArray(2000, '\x5A');
    return box;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QColor meanColor(const QImage &image, int x, int y, int side)
{
    long r = 0, g = 0, b = 0, n = 0;
    for (int j = y - side / 2; j < y + side / 2; ++j)
        for (int i = x - side / 2; i < x + side / 2; ++i) {
            if (!image.valid(i, j))
                continue;
            const QRgb p = image.pixel(i, j);
            r += qRed(p);
            g += qGreen(p);
            b += qBlue(p);
            ++n;
        }
    if (n == 0)
        return {};
    return QColor(int(r / n), int(g / n), int(b / n));
}

bool isReddish(const QColor &c)
{
    return c.red() > 180 && c.green() < 90 && c.blue() < 90;
}

} // namespace mobiliza::test
