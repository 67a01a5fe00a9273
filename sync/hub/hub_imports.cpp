// ImportDesk (docs/protocol.md §10.4).
#include "sync/hub/hub_imports.h"

#include "core/services/blob_store.h"

#include <QCoreApplication>
#include <QDir>
#include <QTemporaryFile>

namespace mobiliza::hub {

Outcome<ImportResult> ImportDesk::put(const TokenRecord &token, const QString &sha256, const QByteArray &body)
{
    if (token.scope.kind == sync::Scope::Kind::Municipality)
        return Hub::error(403, QStringLiteral("forbidden"),
                          QCoreApplication::translate(
                              "Hub", "Only the regional office (URS) and the central level import report package "
                                     "files. This installation sends its own reports."));
    if (!sync::isSha256Hex(sha256))
        return Hub::error(400, QStringLiteral("bad_name"),
                          QCoreApplication::translate("Hub", "The address must name the package file by its "
                                                             "SHA-256 (64 lower-case hex digits)."));
    if (core::BlobStore::sha256Hex(body) != sha256)
        return Hub::error(422, QStringLiteral("hash_mismatch"),
                          QCoreApplication::translate("Hub", "The package file arrived damaged (its content does "
                                                             "not match its name). Nothing was stored; send it "
                                                             "again."));
    // The package reader reads a file: the body goes to a private temporary one, removed after.
    QTemporaryFile file(QDir(QDir::tempPath()).filePath(QStringLiteral("mobiliza-hub-import-XXXXXX.mobiliza")));
    if (!file.open() || file.write(body) != body.size() || !file.flush())
        return Hub::serverError(core::Error{QStringLiteral("io"), file.errorString()});
    file.close();
    const sync::ReceivedBy by{token.scope.kind == sync::Scope::Kind::Urs ? token.scope.region() : QString(),
                              token.installation, token.label};
    return RevisionDesk(m_hub).importPackage(file.fileName(), token.scope, Provenance::import(by));
}

} // namespace mobiliza::hub
