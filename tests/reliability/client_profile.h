// A municipality's installation for the reliability tests and the hub
// benchmarks (no Catch2 here, so the benchmarks can use it): a profile in a
// temp folder, a real SyncController (file token store, no connectivity
// watcher, short time-outs, no jitter), noisy JPEG photos and valid SES-MG
// reports concluded with the program's own rules.
#pragma once

#include "core/domain/clock.h"
#include "core/program/program_definition.h"
#include "core/program/validation_engine.h"
#include "core/reference/reference_data.h"
#include "core/services/outbox_service.h"
#include "core/services/report_service.h"
#include "core/services/services.h"
#include "core/util/result.h"
#include "sync/client/sync_controller.h"
#include "sync/client/token_store.h"

#include <QBuffer>
#include <QImage>
#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTimeZone>

#include <memory>

namespace mobiliza::test {

// A JPEG of `width`×`height` with coloured noise over a gradient: it does not
// compress much, like a real photo (800×600 at quality 85 ≈ 300 KB).
inline QByteArray noiseJpeg(quint32 seed, int width = 800, int height = 600, int quality = 85)
{
    QImage image(width, height, QImage::Format_RGB32);
    QRandomGenerator random(seed);
    for (int y = 0; y < height; ++y) {
        auto *line = reinterpret_cast<QRgb *>(image.scanLine(y));
        for (int x = 0; x < width; ++x) {
            const quint32 r = random.generate();
            line[x] = qRgb(int((x * 255 / width + (r & 0x7F)) % 256),
                           int((y * 255 / height + ((r >> 8) & 0x7F)) % 256),
                           int(((seed * 37) + ((r >> 16) & 0xFF)) % 256));
        }
    }
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "JPG", quality);
    return bytes;
}

class ClientProfile
{
    // Declared first: destroyed last (the services use the clock and the folder).
    QTemporaryDir m_temp;
    QString m_path;
    core::FixedClock m_clock;
    QString m_error;

public:
    // `dir` empty: a temporary folder removed with the profile. `urs` non-empty: a
    // URS's installation (the municipality is ignored).
    explicit ClientProfile(const QString &municipality, const QString &dir = {}, const QString &urs = {})
        : m_clock(QDateTime(QDate(2026, 11, 22), QTime(14, 0), QTimeZone::utc()))
    {
        m_path = dir.isEmpty() ? m_temp.path() : dir;
        auto opened = core::Services::open(m_path, m_clock);
        if (!opened) {
            m_error = opened.error().message;
            return;
        }
        services = std::move(opened.value());
        if (auto set = urs.isEmpty() ? services->profile().setMunicipality(municipality)
                                     : services->profile().setRole(core::Role::Urs, urs);
            !set) {
            m_error = set.error().message;
            return;
        }
        tokens = std::make_unique<sync::FileTokenStore>(m_path + QStringLiteral("/") +
                                                        sync::FileTokenStore::defaultFileName());
        sync::SyncOptions options;
        options.watchConnectivity = false;
        options.periodicMs = 24 * 3600 * 1000; // passes only when the test runs them
        options.timeouts = {10'000, 10'000};
        options.random01 = [] { return 0.5; };
        options.installationLabel = QStringLiteral("teste de confiabilidade");
        controller = std::make_unique<sync::SyncController>(*services, &network, *tokens, options);
    }

    bool ok() const { return services && controller && m_error.isEmpty(); }
    QString error() const { return m_error; }
    QString path() const { return m_path; }
    core::OutboxService &outbox() { return controller->outbox(); }
    // Time passes (the outbox's backoff runs on this clock).
    void advance(qint64 seconds) { m_clock.advanceSecs(seconds); }
    const core::Clock &clock() const { return m_clock; }

    // A report of `period` with `photos` photos (the bytes are given), concluded
    // with the program's rules. Returns the report uuid, or empty (error() says).
    QString concludedReport(const core::Period &period, const QList<QByteArray> &photos,
                            const QString &place = QStringLiteral("Escola Estadual Central"))
    {
        const QString uuid = draftReport(period, photos, place);
        if (uuid.isEmpty() || !conclude(uuid))
            return {};
        return uuid;
    }

    QString draftReport(const core::Period &period, const QList<QByteArray> &photos,
                        const QString &place = QStringLiteral("Escola Estadual Central"))
    {
        auto &reports = services->reports();
        auto created = reports.createReport(QStringLiteral("ses_mg_mobilizacao"), period);
        if (!created)
            return fail(created.error().message);
        const QJsonObject values{
            {QStringLiteral("title"), QStringLiteral("Mutirão contra o Aedes")},
            {QStringLiteral("date"), period.firstDay().addDays(4).toString(Qt::ISODate)},
            {QStringLiteral("themes"), QJsonArray{QStringLiteral("arboviroses")}},
            {QStringLiteral("format"), QStringLiteral("palestra")},
            {QStringLiteral("place"), place},
            {QStringLiteral("audience"), QJsonArray{QStringLiteral("1")}},
            {QStringLiteral("people_reached"), 40},
            {QStringLiteral("description"), QStringLiteral("Conversa com as famílias sobre criadouros.")},
        };
        auto action = reports.addAction(created->uuid, values);
        if (!action)
            return fail(action.error().message);
        int n = 0;
        for (const QByteArray &bytes : photos) {
            if (!addPhoto(action->uuid, bytes, QStringLiteral("Registro %1").arg(++n), period))
                return {};
        }
        return created->uuid;
    }

    bool addPhoto(const QString &actionUuid, const QByteArray &bytes, const QString &caption,
                  const core::Period &period)
    {
        auto sha = services->blobs().put(bytes);
        if (!sha) {
            fail(sha.error().message);
            return false;
        }
        core::Photo photo;
        photo.sha256 = sha.value();
        photo.caption = caption;
        photo.takenOn = period.firstDay().addDays(4);
        photo.author = QStringLiteral("Equipe da SMS");
        photo.width = 800;
        photo.height = 600;
        photo.bytes = bytes.size();
        if (auto added = services->reports().addPhoto(actionUuid, photo); !added) {
            fail(added.error().message);
            return false;
        }
        return true;
    }

    bool conclude(const QString &reportUuid)
    {
        const auto done = services->reports().conclude(reportUuid);
        if (!done) {
            fail(done.error().message);
            return false;
        }
        return true;
    }

    core::OutboxItem itemOf(const QString &reportUuid)
    {
        const auto listed = outbox().items();
        if (!listed)
            return {}; // the callers check the item they get
        for (const auto &item : listed.value())
            if (item.reportUuid == reportUuid && item.revision == reportRevision(reportUuid))
                return item;
        return {};
    }
    int reportRevision(const QString &reportUuid)
    {
        auto r = services->reports().report(reportUuid);
        return r ? r->revision : 0;
    }
    core::ReportState stateOf(const QString &reportUuid)
    {
        auto r = services->reports().report(reportUuid);
        return r ? r->state : core::ReportState::Draft;
    }

    std::unique_ptr<core::Services> services;
    QNetworkAccessManager network;
    std::unique_ptr<sync::FileTokenStore> tokens;
    std::unique_ptr<sync::SyncController> controller;

private:
    QString fail(const QString &message)
    {
        m_error = message;
        return {};
    }
};

} // namespace mobiliza::test
