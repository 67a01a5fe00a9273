// Every decoder of the wire protocol (sync/protocol.*) on the same arbitrary
// bytes: the hub decodes what the network sends, the client what a proxy or a
// captive portal may answer. Refuse or decode, never crash; whatever decodes
// must encode and decode again to the same thing.
#include "sync/protocol.h"
#include "sync/protocol_partners_region.h"
#include "sync/protocol_pull.h"
#include "tests/fuzz/fuzz_common.h"

#include <cstdio>

using namespace mobiliza;

namespace {

template <typename R> void checkRefusal(const R &r)
{
    if (fuzz::verbose())
        std::fprintf(stderr, "  refused: %s\n", qPrintable(r.error().message));
    if (!r && (r.error().code.isEmpty() || r.error().message.isEmpty()))
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::app();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body = fuzz::bytes(data, size);

    if (auto p = sync::decodePreflight(body)) {
        if (fuzz::verbose())
            std::fprintf(stderr, "accepted by decodePreflight\n");
        auto again = sync::decodePreflight(sync::encode(p.value()));
        if (!again || again->hub.id != p->hub.id || again->limits.maxBlobBytes != p->limits.maxBlobBytes)
            std::abort();
    } else {
        checkRefusal(p);
    }
    if (auto r = sync::decodeEnrollRequest(body)) {
        if (fuzz::verbose())
            std::fprintf(stderr, "accepted by decodeEnrollRequest\n");
        auto again = sync::decodeEnrollRequest(sync::encode(r.value()));
        if (!again || again->code != r->code || again->installation != r->installation)
            std::abort();
    } else {
        checkRefusal(r);
    }
    if (auto r = sync::decodeEnrollResponse(body)) {
        if (fuzz::verbose())
            std::fprintf(stderr, "accepted by decodeEnrollResponse\n");
        auto again = sync::decodeEnrollResponse(sync::encode(r.value()));
        if (!again || again->token != r->token)
            std::abort();
    } else {
        checkRefusal(r);
    }
    if (auto r = sync::decodeReceipt(body)) {
        if (fuzz::verbose())
            std::fprintf(stderr, "accepted by decodeReceipt\n");
        auto again = sync::decodeReceipt(sync::encode(r.value()));
        if (!again || again->report != r->report || again->revision != r->revision)
            std::abort();
    } else {
        checkRefusal(r);
    }
    if (auto r = sync::decodeStatusPage(body)) {
        if (fuzz::verbose())
            std::fprintf(stderr, "accepted by decodeStatusPage\n");
        auto again = sync::decodeStatusPage(sync::encode(r.value()));
        if (!again || again->events.size() != r->events.size() || again->next != r->next)
            std::abort();
    } else {
        checkRefusal(r);
    }
    if (auto r = sync::decodeError(body)) {
        if (fuzz::verbose())
            std::fprintf(stderr, "accepted by decodeError\n");
        auto again = sync::decodeError(sync::encode(r.value()));
        if (!again || again->code != r->code)
            std::abort();
    } else {
        checkRefusal(r);
    }
    if (auto r = sync::decodeMissingQuery(body, 5000)) {
        if (fuzz::verbose())
            std::fprintf(stderr, "accepted by decodeMissingQuery\n");
        auto again = sync::decodeMissingQuery(sync::encodeMissingQuery(r.value()), 5000);
        if (!again || again.value() != r.value())
            std::abort();
    } else {
        checkRefusal(r);
    }
    if (auto r = sync::decodeMissingAnswer(body)) {
        if (fuzz::verbose())
            std::fprintf(stderr, "accepted by decodeMissingAnswer\n");
        auto again = sync::decodeMissingAnswer(sync::encodeMissingAnswer(r.value()));
        if (!again || again.value() != r.value())
            std::abort();
    } else {
        checkRefusal(r);
    }
    if (auto r = sync::decodeManifestQuery(body)) { // §10.2, manifests in bulk
        if (fuzz::verbose())
            std::fprintf(stderr, "accepted by decodeManifestQuery\n");
        auto again = sync::decodeManifestQuery(sync::encodeManifestQuery(r.value()));
        if (!again || again.value() != r.value())
            std::abort();
    } else {
        checkRefusal(r);
    }
    if (auto r = sync::decodeManifestBatch(body)) {
        if (fuzz::verbose())
            std::fprintf(stderr, "accepted by decodeManifestBatch\n");
        auto again = sync::decodeManifestBatch(sync::encode(r.value()));
        if (!again || again->manifests != r->manifests || again->missing != r->missing)
            std::abort();
    } else {
        checkRefusal(r);
    }
    if (auto r = sync::partnerFromWire(body)) {
        if (fuzz::verbose())
            std::fprintf(stderr, "accepted by partnerFromWire\n");
        (void)sync::partnerToWire(r.value());
    } else {
        checkRefusal(r);
    }
    if (auto r = sync::decodeRegionPartnerPage(body)) { // §10.6
        if (fuzz::verbose())
            std::fprintf(stderr, "accepted by decodeRegionPartnerPage\n");
        auto again = sync::decodeRegionPartnerPage(sync::encode(r.value()));
        if (!again || again->partners.size() != r->partners.size() || again->next != r->next)
            std::abort();
        for (qsizetype i = 0; i < r->partners.size(); ++i)
            if (again->partners[i].uuid != r->partners[i].uuid || again->partners[i].name != r->partners[i].name
                || again->partners[i].cnpj != r->partners[i].cnpj || again->partners[i].deleted != r->partners[i].deleted)
                std::abort();
    } else {
        checkRefusal(r);
    }
    return 0;
}
