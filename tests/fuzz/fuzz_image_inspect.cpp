// The byte-level image checks (core/photos/image_inspect.*) that run before any
// decoder: format sniffing, the JPEG marker walk, the PNG chunk walk and the
// EXIF (TIFF) reader, on arbitrary bytes. They must read only inside the buffer
// (ASan sees every byte outside it) and report offsets that lie inside it.
#include "core/photos/image_inspect.h"
#include "tests/fuzz/fuzz_common.h"

#include <cstring>
#include <memory>

using namespace mobiliza::core::photos;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    // An exact-size heap copy: a read one byte beyond is an ASan report.
    std::unique_ptr<char[]> copy(new char[size ? size : 1]);
    if (size)
        std::memcpy(copy.get(), data, size);
    const QByteArrayView view(copy.get(), qsizetype(size));

    (void)sniffFormat(view.first(qMin<qsizetype>(view.size(), 256)));
    (void)sniffFormat(view);
    const JpegLayout layout = scanJpeg(view);
    if (layout.exifOffset >= 0 &&
        (layout.exifOffset > view.size() || layout.exifSize < 0 || layout.exifOffset + layout.exifSize > view.size()))
        std::abort();
    (void)readJpegExif(view);
    (void)pngComplete(view);
    const ExifInfo exif = parseExif(view);
    if (exif.orientation < 0 || exif.orientation > 8)
        std::abort();
    return 0;
}
