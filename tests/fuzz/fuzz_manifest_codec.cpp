// The manifest codec (core/package/manifest_codec.*) on arbitrary bytes: it must
// refuse or decode, never crash; a decoded manifest must encode back to the very
// same bytes (the codec's own promise) and its photo helpers must agree.
#include "core/package/manifest_codec.h"
#include "core/services/report_service.h"
#include "tests/fuzz/fuzz_common.h"

#include <cstdio>

using namespace mobiliza;

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::app();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray json = fuzz::bytes(data, size);
    auto decoded = core::decodeManifest(json);
    if (fuzz::verbose())
        std::fprintf(stderr, "%s\n", decoded ? "decoded" : qPrintable(decoded.error().message));
    if (!decoded) {
        if (decoded.error().code.isEmpty() || decoded.error().message.isEmpty())
            std::abort(); // every refusal names itself and says why
        return 0;
    }
    if (core::ReportService::manifest(decoded->report, decoded->concludedAt) != json)
        std::abort(); // decodeManifest promised the exact inverse
    const QStringList blobs = core::manifestBlobs(decoded->report);
    if (blobs.size() > core::manifestPhotoCount(decoded->report))
        std::abort();
    auto report = core::reportFromManifest(json);
    if (!report || report->uuid != decoded->report.uuid)
        std::abort();
    return 0;
}
