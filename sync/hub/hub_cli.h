// The mobiliza-hub command line (names fixed by the sync issue):
//   serve   --listen ADDR:PORT --data DIR [--db URL] [--hub-name NAME] [--hub-id ID] [--log -|FILE]
//   [--trust-proxy] enroll  --data DIR (--municipality IBGE | --urs NAME | --central) [--label TEXT] [--db
//   URL] revoke  --data DIR (--token-id ID | --municipality IBGE) [--db URL] tokens  --data DIR [--db URL]
//   reports --data DIR [--month YYYY-MM] [--urs NAME] [--db URL]
//   review  --data DIR --report ID (--accept | --return COMMENT) [--reviewer NAME] [--db URL]
//   import  --data DIR FILE [--db URL]
// --db may also come from the environment variable MOBILIZA_HUB_DB (keeps the
// password out of the process list). Exit 0 on success, 1 when the command
// failed, 2 for a usage error; messages go to stderr.
#pragma once

#include <QStringList>

namespace mobiliza::hub {

// Runs one command; QCoreApplication must exist. `serve` runs the event loop
// until SIGTERM or SIGINT and then stops cleanly (exit 0).
int runCli(const QStringList &arguments);

} // namespace mobiliza::hub
