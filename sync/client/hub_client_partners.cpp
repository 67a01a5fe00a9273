// HubClient: the partners of the region (docs/protocol.md §10.6). The same rules
// as the other routes (hub_client.cpp): success only with the expected body.
#include "sync/client/hub_client.h"

#include <QUrlQuery>

namespace mobiliza::sync {

void HubClient::pullPartners(qint64 since, int limit, Callback<RegionPartnerPage> done)
{
    QUrlQuery query;
    if (since > 0)
        query.addQueryItem(QStringLiteral("since"), QString::number(since));
    query.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    send("GET", QStringLiteral("/partners?") + query.toString(QUrl::FullyEncoded), {}, {}, true, {},
         [this, done](const Response &r) {
             m_bodyBytesReceived += r.body.size();
             if (r.status == 200 && r.networkError == 0) {
                 auto decoded = decodeRegionPartnerPage(r.body);
                 if (decoded)
                     return done(decoded.value());
                 return done(HubError::make(HubError::Kind::NotHub, host(), r.status));
             }
             done(errorFor(r, Route::Pull));
         });
}

} // namespace mobiliza::sync
