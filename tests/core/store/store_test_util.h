// Helpers for the store and services tests: a profile in a temp folder, raw SQL
// peeks (tests may read the database directly), and a notification counter.
#pragma once

#include "core/domain/clock.h"
#include "core/services/services.h"
#include "core/store/sql.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_periods.h"

#include <catch2/catch.hpp>

#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStringList>

#include <memory>

namespace mobiliza::test {

inline QDateTime fixedNow()
{
    return QDateTime(QDate(2025, 3, 10), QTime(12, 0), Qt::UTC);
}

// An opened profile (municipality Belo Horizonte) with a fixed clock.
struct Profile
{
    TempDir dir;
    core::FixedClock clock{fixedNow()};
    std::unique_ptr<core::Services> services;

    explicit Profile(bool withMunicipality = true)
    {
        auto opened = core::Services::open(dir.path(), clock);
        REQUIRE(opened.ok());
        services = std::move(opened.value());
        if (withMunicipality)
            REQUIRE(services->profile().setMunicipality(QStringLiteral("3106200")).ok());
    }
    core::ReportService &reports() { return services->reports(); }
    core::PartnerService &partners() { return services->partners(); }
    QSqlDatabase db() { return services->database().db(); }
};

inline QVariant scalar(const QSqlDatabase &db, const QString &sql, const QVariantList &args = {})
{
    auto value = core::scalarSql(db, sql, args);
    INFO(sql.toStdString());
    REQUIRE(value.ok());
    return value.value();
}

inline int count(const QSqlDatabase &db, const QString &sql, const QVariantList &args = {})
{
    return scalar(db, sql, args).toInt();
}

inline void exec(const QSqlDatabase &db, const QString &sql, const QVariantList &args = {})
{
    auto done = core::execSql(db, sql, args);
    INFO(sql.toStdString() << " → " << (done.ok() ? "" : done.error().message.toStdString()));
    REQUIRE(done.ok());
}

// A plain connection to a database file, outside Database (to prepare odd files).
class RawConnection
{
public:
    explicit RawConnection(const QString &path) : m_name(QStringLiteral("raw.") + core::newUuid())
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        REQUIRE(db.open());
    }
    ~RawConnection()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    QSqlDatabase db() const { return QSqlDatabase::database(m_name, false); }

private:
    QString m_name;
};

inline QByteArray fileBytes(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

// Counts the Notifier's signals.
struct NotificationCounter
{
    int reportChanged = 0;
    int reportsReset = 0;
    int partnerChanged = 0;
    int profileChanged = 0;
    QStringList reportUuids;

    explicit NotificationCounter(core::Notifier &n)
    {
        m_connections << QObject::connect(&n, &core::Notifier::reportChanged, &n,
                                          [this](const QString &uuid) {
                                              ++reportChanged;
                                              reportUuids << uuid;
                                          });
        m_connections << QObject::connect(&n, &core::Notifier::reportsReset, &n, [this] { ++reportsReset; });
        m_connections << QObject::connect(&n, &core::Notifier::partnerChanged, &n,
                                          [this](const QString &) { ++partnerChanged; });
        m_connections << QObject::connect(&n, &core::Notifier::profileChanged, &n,
                                          [this] { ++profileChanged; });
    }
    ~NotificationCounter()
    {
        for (const auto &c : m_connections)
            QObject::disconnect(c);
    }
    NotificationCounter(const NotificationCounter &) = delete;
    NotificationCounter &operator=(const NotificationCounter &) = delete;
    int total() const { return reportChanged + reportsReset + partnerChanged + profileChanged; }

private:
    QList<QMetaObject::Connection> m_connections;
};

} // namespace mobiliza::test
