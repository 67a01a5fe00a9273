#include "core/package/manifest_codec.h"

#include "core/package/json_read.h"
#include "core/services/audit.h"
#include "core/services/blob_store.h"
#include "core/services/report_service.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QSet>

#include <algorithm>

namespace mobiliza::core {

namespace {

Error invalid(const QString &where)
{
    return Error{QStringLiteral("invalid_manifest"),
                 QCoreApplication::translate("ManifestCodec",
                                             "The report data is not valid (%1) and was not accepted. "
                                             "Ask whoever sent it to send it again.")
                     .arg(where)};
}

bool hasExactKeys(const QJsonObject &object, std::initializer_list<const char *> keys)
{
    if (object.size() != qsizetype(keys.size()))
        return false;
    for (const char *key : keys)
        if (!object.contains(QLatin1String(key)))
            return false;
    return true;
}

bool readText(const QJsonValue &value, QString *out)
{
    if (!value.isString())
        return false;
    *out = value.toString();
    return out->size() <= ManifestLimits::kMaxTextLength;
}

bool readBool(const QJsonValue &value, bool *out)
{
    if (!value.isBool())
        return false;
    *out = value.toBool();
    return true;
}

// The format's own text limit holds for the program's values too (a description
// of a million characters is refused here, whatever the program says).
bool valueWithinTextLimit(const QJsonValue &value)
{
    if (value.isString())
        return value.toString().size() <= ManifestLimits::kMaxTextLength;
    if (value.isArray()) {
        const QJsonArray items = value.toArray();
        return std::all_of(items.begin(), items.end(),
                           [](const QJsonValue &v) { return valueWithinTextLimit(v); });
    }
    if (value.isObject()) {
        const QJsonObject o = value.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            if (it.key().size() > ManifestLimits::kMaxTextLength || !valueWithinTextLimit(it.value()))
                return false;
    }
    return true;
}

QString at(const QString &parent, const char *key)
{
    return parent.isEmpty() ? QString::fromLatin1(key) : parent + QLatin1Char('.') + QLatin1String(key);
}

QString indexed(const char *name, qsizetype index)
{
    return QStringLiteral("%1[%2]").arg(QLatin1String(name)).arg(index);
}

QString indexed(const QString &parent, const char *name, qsizetype index)
{
    return parent + QLatin1Char('.') + indexed(name, index);
}

Result<Photo> decodePhoto(const QJsonValue &value, const QString &where, const QString &actionUuid,
                          int position, int expectedNumber)
{
    if (!value.isObject())
        return invalid(where);
    const QJsonObject o = value.toObject();
    if (!hasExactKeys(o, {"uuid", "number", "sha256", "caption", "takenOn", "author", "identifiablePeople",
                          "authorizationOnFile", "width", "height", "bytes"}))
        return invalid(where);
    Photo p;
    p.actionUuid = actionUuid;
    p.position = position;
    qint64 number = 0;
    qint64 width = 0;
    qint64 height = 0;
    qint64 bytes = 0;
    QString takenOn;
    if (!readText(o.value(QLatin1String("uuid")), &p.uuid) || !isCanonicalUuid(p.uuid))
        return invalid(at(where, "uuid"));
    if (!readJsonInt(o.value(QLatin1String("number")), 1, ManifestLimits::kMaxPhotos, &number) ||
        number != expectedNumber)
        return invalid(at(where, "number"));
    if (!readText(o.value(QLatin1String("sha256")), &p.sha256) || !BlobStore::isValidSha256(p.sha256))
        return invalid(at(where, "sha256"));
    if (!readText(o.value(QLatin1String("caption")), &p.caption))
        return invalid(at(where, "caption"));
    if (!readText(o.value(QLatin1String("takenOn")), &takenOn))
        return invalid(at(where, "takenOn"));
    if (!takenOn.isEmpty()) {
        p.takenOn = QDate::fromString(takenOn, Qt::ISODate);
        if (!p.takenOn.isValid() || p.takenOn.toString(Qt::ISODate) != takenOn)
            return invalid(at(where, "takenOn"));
    }
    if (!readText(o.value(QLatin1String("author")), &p.author))
        return invalid(at(where, "author"));
    if (!readBool(o.value(QLatin1String("identifiablePeople")), &p.identifiablePeople))
        return invalid(at(where, "identifiablePeople"));
    if (!readBool(o.value(QLatin1String("authorizationOnFile")), &p.authorizationOnFile))
        return invalid(at(where, "authorizationOnFile"));
    if (!readJsonInt(o.value(QLatin1String("width")), 0, ManifestLimits::kMaxImageSide, &width))
        return invalid(at(where, "width"));
    if (!readJsonInt(o.value(QLatin1String("height")), 0, ManifestLimits::kMaxImageSide, &height))
        return invalid(at(where, "height"));
    if (!readJsonInt(o.value(QLatin1String("bytes")), 0, ManifestLimits::kMaxPhotoBytes, &bytes))
        return invalid(at(where, "bytes"));
    p.width = int(width);
    p.height = int(height);
    p.bytes = bytes;
    return p;
}

} // namespace

QString manifestSchema()
{
    return QStringLiteral("mobiliza.report-revision/1");
}

bool isCanonicalUuid(const QString &text)
{
    if (text.size() != 36)
        return false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != QLatin1Char('-'))
                return false;
        } else if (!((c >= QLatin1Char('0') && c <= QLatin1Char('9')) ||
                     (c >= QLatin1Char('a') && c <= QLatin1Char('f')))) {
            return false;
        }
    }
    return true;
}

Result<DecodedManifest> decodeManifest(const QByteArray &json)
{
    if (json.isEmpty() || json.size() > ManifestLimits::kMaxBytes)
        return invalid(QStringLiteral("manifest"));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return invalid(QStringLiteral("manifest"));
    const QJsonObject root = document.object();
    if (!hasExactKeys(root, {"schema", "report", "program", "municipality", "period", "revision", "noActions",
                             "noActionsJustification", "concludedAt", "actions"}))
        return invalid(QStringLiteral("manifest"));

    DecodedManifest decoded;
    Report &report = decoded.report;
    report.state = ReportState::Ready;
    QString text;
    if (!readText(root.value(QLatin1String("schema")), &text) || text != manifestSchema())
        return invalid(QStringLiteral("schema"));
    if (!readText(root.value(QLatin1String("report")), &report.uuid) || !isCanonicalUuid(report.uuid))
        return invalid(QStringLiteral("report"));
    if (!readText(root.value(QLatin1String("program")), &report.programId) || report.programId.isEmpty() ||
        report.programId.size() > 64 ||
        !std::all_of(report.programId.cbegin(), report.programId.cend(), [](QChar c) {
            return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
                   (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('_');
        }))
        return invalid(QStringLiteral("program"));
    if (!readText(root.value(QLatin1String("municipality")), &report.municipality) ||
        !isReportingUnitId(report.municipality))
        return invalid(QStringLiteral("municipality"));
    if (!readText(root.value(QLatin1String("period")), &text))
        return invalid(QStringLiteral("period"));
    report.period = Period::fromKey(text);
    if (!report.period.isValid() || report.period.key() != text)
        return invalid(QStringLiteral("period"));
    qint64 revision = 0;
    if (!readJsonInt(root.value(QLatin1String("revision")), 1, ManifestLimits::kMaxRevision, &revision))
        return invalid(QStringLiteral("revision"));
    report.revision = int(revision);
    if (!readBool(root.value(QLatin1String("noActions")), &report.noActions))
        return invalid(QStringLiteral("noActions"));
    if (!readText(root.value(QLatin1String("noActionsJustification")), &report.noActionsJustification))
        return invalid(QStringLiteral("noActionsJustification"));
    if (!readText(root.value(QLatin1String("concludedAt")), &text))
        return invalid(QStringLiteral("concludedAt"));
    decoded.concludedAt = parseStoreTimestamp(text);
    if (!decoded.concludedAt.isValid() || storeTimestamp(decoded.concludedAt) != text)
        return invalid(QStringLiteral("concludedAt"));

    const QJsonValue actionsValue = root.value(QLatin1String("actions"));
    if (!actionsValue.isArray())
        return invalid(QStringLiteral("actions"));
    const QJsonArray actions = actionsValue.toArray();
    if (actions.size() > ManifestLimits::kMaxActions)
        return invalid(QStringLiteral("actions"));

    QSet<QString> seenUuids{report.uuid};
    int photoNumber = 0;
    for (qsizetype i = 0; i < actions.size(); ++i) {
        const QString where = indexed("actions", i);
        if (!actions.at(i).isObject())
            return invalid(where);
        const QJsonObject o = actions.at(i).toObject();
        if (!hasExactKeys(o, {"uuid", "number", "values", "partners", "photos"}))
            return invalid(where);
        Action action;
        action.reportUuid = report.uuid;
        action.position = int(i);
        if (!readText(o.value(QLatin1String("uuid")), &action.uuid) || !isCanonicalUuid(action.uuid) ||
            seenUuids.contains(action.uuid))
            return invalid(at(where, "uuid"));
        seenUuids.insert(action.uuid);
        qint64 number = 0;
        if (!readJsonInt(o.value(QLatin1String("number")), 1, ManifestLimits::kMaxActions, &number) ||
            number != i + 1)
            return invalid(at(where, "number"));
        const QJsonValue values = o.value(QLatin1String("values"));
        if (!values.isObject() || values.toObject().size() > ManifestLimits::kMaxValueKeys ||
            !valueWithinTextLimit(values))
            return invalid(at(where, "values"));
        action.values = values.toObject();

        const QJsonValue partnersValue = o.value(QLatin1String("partners"));
        if (!partnersValue.isArray() ||
            partnersValue.toArray().size() > ManifestLimits::kMaxPartnersPerAction)
            return invalid(at(where, "partners"));
        const QJsonArray partners = partnersValue.toArray();
        for (qsizetype k = 0; k < partners.size(); ++k) {
            QString partner;
            // Sorted and unique, as the manifest writes them.
            if (!readText(partners.at(k), &partner) || !isCanonicalUuid(partner) ||
                (!action.partnerUuids.isEmpty() && action.partnerUuids.constLast() >= partner))
                return invalid(indexed(where, "partners", k));
            action.partnerUuids << partner;
        }

        const QJsonValue photosValue = o.value(QLatin1String("photos"));
        if (!photosValue.isArray() || photosValue.toArray().size() > ManifestLimits::kMaxPhotosPerAction)
            return invalid(at(where, "photos"));
        const QJsonArray photos = photosValue.toArray();
        for (qsizetype k = 0; k < photos.size(); ++k) {
            const QString photoWhere = indexed(where, "photos", k);
            if (photoNumber >= ManifestLimits::kMaxPhotos)
                return invalid(photoWhere);
            auto photo = decodePhoto(photos.at(k), photoWhere, action.uuid, int(k), ++photoNumber);
            if (!photo)
                return photo.error();
            if (seenUuids.contains(photo->uuid))
                return invalid(photoWhere + QStringLiteral(".uuid"));
            seenUuids.insert(photo->uuid);
            action.photos << photo.value();
        }
        report.actions << action;
    }

    // The inverse must be exact: the same report encodes to the same bytes
    // (same SHA-256), or the manifest was not written by ReportService::manifest.
    if (ReportService::manifest(report, decoded.concludedAt) != json)
        return invalid(QStringLiteral("encoding"));
    return decoded;
}

Result<Report> reportFromManifest(const QByteArray &json)
{
    auto decoded = decodeManifest(json);
    if (!decoded)
        return decoded.error();
    return decoded->report;
}

QStringList manifestBlobs(const Report &report)
{
    QStringList blobs;
    QSet<QString> seen;
    for (const Action &action : report.actions)
        for (const Photo &photo : action.photos)
            if (!seen.contains(photo.sha256)) {
                seen.insert(photo.sha256);
                blobs << photo.sha256;
            }
    return blobs;
}

int manifestPhotoCount(const Report &report)
{
    int count = 0;
    for (const Action &action : report.actions)
        count += int(action.photos.size());
    return count;
}

} // namespace mobiliza::core
