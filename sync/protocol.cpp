#include "sync/protocol.h"

namespace mobiliza::sync {

QString apiPrefix()
{
    return QStringLiteral("/api/v%1").arg(kProtocolVersion);
}

} // namespace mobiliza::sync
