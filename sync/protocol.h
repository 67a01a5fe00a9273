// Fixed points of the wire protocol, shared by the client and the hub.
#pragma once

#include <QString>

namespace mobiliza::sync {

inline constexpr int kProtocolVersion = 1;
QString apiPrefix(); // "/api/v1"

} // namespace mobiliza::sync
