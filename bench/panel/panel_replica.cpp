#include "bench/panel/panel_replica.h"

#include "core/demo/demo_content.h"
#include "core/package/manifest_codec.h"
#include "core/regional/replica_facts.h"
#include "core/services/audit.h"
#include "core/services/report_service.h"
#include "core/services/services.h"
#include "core/store/database.h"
#include "core/store/sql.h"
#include "core/store/transaction.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

namespace mobiliza::bench {

using namespace mobiliza::core;

namespace {

QString sha256Of(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

Error sqlError(const QSqlQuery &q)
{
    return Error{QStringLiteral("bench"), q.lastError().text()};
}

// What the hub says of a revision `age` months old (0: the newest month).
QString stateFor(int age, QRandomGenerator &rng)
{
    const int roll = int(rng.bounded(100));
    if (age == 0)
        return roll < 60   ? QStringLiteral("received")
               : roll < 80 ? QStringLiteral("in_review")
                           : QStringLiteral("accepted");
    if (age <= 2)
        return roll < 10   ? QStringLiteral("in_review")
               : roll < 60 ? QStringLiteral("accepted")
                           : QStringLiteral("forwarded");
    return roll < 5    ? QStringLiteral("accepted")
           : roll < 15 ? QStringLiteral("forwarded")
                       : QStringLiteral("consolidated");
}

} // namespace

Result<GeneratedReplica> generateReplica(const QString &dataDir, const Clock &clock,
                                         const ReferenceData &reference, const ProgramDefinition &program,
                                         int months, int sampleEvery)
{
    auto opened = Services::open(dataDir, clock);
    if (!opened)
        return opened.error();
    Services &services = *opened.value();
    if (Status s = services.profile().setRole(Role::Central); !s)
        return s.error();
    const QSqlDatabase db = services.database().db();

    const QDateTime now = clock.now().toUTC();
    const Period newest = Period::fromDate(clock.today()).previous();
    QList<Period> periods;
    for (Period p = newest; periods.size() < months; p = p.previous())
        periods.prepend(p);
    // A few shared photo addresses: the replica holds the manifests, never the photos.
    QStringList photoShas;
    for (int i = 0; i < 16; ++i)
        photoShas << sha256Of(QByteArray("bench photo ") + QByteArray::number(i));

    QRandomGenerator rng(20261130);
    GeneratedReplica out;
    qint64 cursor = 0;
    int sample = 0;

    QSqlQuery put(db);
    if (!put.prepare(QStringLiteral(
            "INSERT INTO replica_revisions (report, revision, municipality, program, period, hub_id, "
            "manifest_sha256, manifest, no_actions, action_count, photo_count, state, comment, received_at, "
            "reviewed_at, cursor, via, pulled_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            "'push', ?)")))
        return sqlError(put);

    const auto makeReport = [&](const Municipality &m, const Period &period, bool noActions) {
        Report r;
        r.uuid = newUuid();
        r.programId = program.id();
        r.municipality = m.ibge;
        r.period = period;
        r.noActions = noActions;
        if (noActions) {
            r.noActionsJustification = QStringLiteral("Equipe deslocada para a campanha de vacinação.");
            return r;
        }
        // 4 … 16 actions, about 10 a month: ≈ 1 M actions in ten years of 853 municipalities.
        const int actions = 4 + int(rng.bounded(13));
        for (int a = 0; a < actions; ++a) {
            const int s = sample++;
            const QDate date(period.year, period.month, 1 + int(rng.bounded(period.lastDay().day())));
            Action action;
            action.uuid = newUuid();
            action.reportUuid = r.uuid;
            action.position = a;
            action.values = demo::actionValues(program, s, date, m.ibge, rng);
            Photo photo;
            photo.uuid = newUuid();
            photo.actionUuid = action.uuid;
            photo.sha256 = photoShas.at(int(rng.bounded(int(photoShas.size()))));
            photo.caption = QStringLiteral("%1 — registro").arg(demo::sampleTitle(s));
            photo.takenOn = date;
            photo.author = QStringLiteral("Equipe de mobilização");
            photo.width = demo::kPhotoWidth;
            photo.height = demo::kPhotoHeight;
            photo.bytes = 180'000;
            action.photos << photo;
            r.actions << action;
        }
        return r;
    };

    const auto add = [&](const Report &r, const QDateTime &receivedAt, const QString &state,
                         const QString &comment) -> Status {
        const QByteArray manifest = ReportService::manifest(r, receivedAt.addSecs(-3600));
        ReplicaRevision e;
        e.report = r.uuid;
        e.revision = r.revision;
        e.municipality = r.municipality;
        e.program = r.programId;
        e.period = r.period;
        e.hubId = QStringLiteral("r-%1").arg(++cursor, 7, 10, QLatin1Char('0'));
        e.manifestSha256 = sha256Of(manifest);
        e.state = state;
        e.comment = comment;
        e.receivedAt = receivedAt;
        if (state != QLatin1String("received"))
            e.reviewedAt = receivedAt.addDays(2);
        e.cursor = cursor;
        const QVariantList values{e.report,
                                  e.revision,
                                  e.municipality,
                                  e.program,
                                  e.period.key(),
                                  e.hubId,
                                  e.manifestSha256,
                                  manifest,
                                  r.noActions ? 1 : 0,
                                  int(r.actions.size()),
                                  manifestPhotoCount(r),
                                  e.state,
                                  textArg(e.comment),
                                  storeTimestamp(e.receivedAt),
                                  e.reviewedAt.isValid() ? QVariant(storeTimestamp(e.reviewedAt))
                                                         : QVariant(),
                                  e.cursor,
                                  storeTimestamp(now)};
        for (int i = 0; i < values.size(); ++i)
            put.bindValue(i, values.at(i));
        if (!put.exec())
            return sqlError(put);
        // The facts exactly as ReplicaService::storeManifest writes them.
        if (Status s = writeReplicaFacts(db, r, r.revision, &program); !s)
            return s;
        ++out.revisions;
        out.actions += r.actions.size();
        if (sampleEvery > 0 && out.revisions % sampleEvery == 1)
            out.sample << SampleReport{e, manifest};
        return {};
    };

    Status written = inTransaction(db, [&]() -> Status {
        for (int age = int(periods.size()) - 1; age >= 0; --age) {
            const Period period = periods.at(int(periods.size()) - 1 - age);
            const QDate deadline = program.deadline(period);
            for (const Municipality &m : reference.municipalities()) {
                const int roll = int(rng.bounded(1000));
                if (roll < (age == 0 ? 150 : 30))
                    continue; // not sent
                const bool noActions = roll >= 980;
                const bool late = rng.bounded(100) < 15;
                QDateTime receivedAt(late ? deadline.addDays(2 + int(rng.bounded(10)))
                                          : deadline.addDays(-1 - int(rng.bounded(9))),
                                     QTime(17, 0), Qt::UTC);
                if (receivedAt > now)
                    receivedAt = now.addSecs(-3600 * (1 + int(rng.bounded(48))));
                Report report = makeReport(m, period, noActions);
                ++out.reports;
                if (!noActions && rng.bounded(100) < 2) {
                    // Returned by the URS and corrected: revision 2 one action fewer.
                    if (Status s = add(report, receivedAt, QStringLiteral("returned"),
                                       QStringLiteral("Faltam as fotos da ação 1."));
                        !s)
                        return s;
                    if (rng.bounded(4) == 0)
                        continue; // the correction did not come yet
                    report.revision = 2;
                    if (report.actions.size() > 1)
                        report.actions.removeLast();
                    receivedAt = std::min(receivedAt.addDays(4), now.addSecs(-60));
                }
                if (Status s = add(report, receivedAt, stateFor(age, rng), QString()); !s)
                    return s;
            }
        }
        QSqlQuery setting(db);
        if (!setting.prepare(QStringLiteral("INSERT INTO settings (key, value) VALUES (?, ?) "
                                            "ON CONFLICT (key) DO UPDATE SET value = excluded.value")))
            return sqlError(setting);
        for (const auto &[key, value] :
             {std::pair{QStringLiteral("replica_cursor"), QString::number(cursor)},
              std::pair{QStringLiteral("bench_panel_replica"), replicaMark(months)}}) {
            setting.bindValue(0, key);
            setting.bindValue(1, value);
            if (!setting.exec())
                return sqlError(setting);
        }
        return {};
    });
    if (!written)
        return written.error();
    QSqlQuery codes(db);
    if (codes.exec(QStringLiteral("SELECT COUNT(*) FROM replica_action_codes")) && codes.next())
        out.codes = codes.value(0).toLongLong();
    return out;
}

namespace {

// Every row of `table` for `report`, in its key's order, each as text.
Result<QStringList> rowsOf(const QSqlDatabase &db, const QString &table, const QString &order,
                           const QString &report)
{
    QSqlQuery q(db);
    if (!q.prepare(QStringLiteral("SELECT * FROM %1 WHERE report = ? ORDER BY %2").arg(table, order)))
        return sqlError(q);
    q.addBindValue(report);
    if (!q.exec())
        return sqlError(q);
    QStringList rows;
    while (q.next()) {
        QStringList cells;
        for (int i = 0; i < q.record().count(); ++i) {
            const QVariant v = q.value(i);
            cells << q.record().fieldName(i) + QLatin1Char('=') +
                         (v.isNull()                            ? QStringLiteral("NULL")
                          : v.typeId() == QMetaType::QByteArray ? sha256Of(v.toByteArray())
                                                                : v.toString());
        }
        rows << cells.join(QLatin1Char(' '));
    }
    return rows;
}

} // namespace

Result<qint64> checkAgainstRealPath(const QString &dataDir, const QString &checkDir, const Clock &clock,
                                    const QList<SampleReport> &sample)
{
    auto generated = Database::open(dataDir);
    if (!generated)
        return generated.error();
    auto opened = Services::open(checkDir, clock);
    if (!opened)
        return opened.error();
    Services &real = *opened.value();
    if (Status s = real.profile().setRole(Role::Central); !s)
        return s.error();
    QList<ReplicaRevision> entries;
    qint64 cursor = 0;
    for (const SampleReport &s : sample) {
        entries << s.entry;
        cursor = std::max(cursor, s.entry.cursor);
    }
    if (Status s = real.replica().applyPulled(entries, cursor); !s)
        return s.error();
    for (const SampleReport &s : sample)
        if (Status stored = real.replica().storeManifest(s.entry.report, s.entry.revision, s.manifest);
            !stored)
            return stored.error();

    qint64 compared = 0;
    const std::pair<QString, QString> tables[] = {
        {QStringLiteral("replica_revisions"), QStringLiteral("revision")},
        {QStringLiteral("replica_actions"), QStringLiteral("revision, position")},
        {QStringLiteral("replica_action_codes"), QStringLiteral("revision, position, kind, ord")},
        {QStringLiteral("replica_packed_actions"), QStringLiteral("revision")}};
    for (const SampleReport &s : sample) {
        for (const auto &[table, order] : tables) {
            auto mine = rowsOf(generated.value()->db(), table, order, s.entry.report);
            auto theirs = rowsOf(real.database().db(), table, order, s.entry.report);
            if (!mine)
                return mine.error();
            if (!theirs)
                return theirs.error();
            // The generated replica may hold a later revision of the report as well.
            QStringList kept;
            const QString revision = QStringLiteral("revision=%1 ").arg(s.entry.revision);
            for (const QString &row : mine.value())
                if (row.contains(revision))
                    kept << row;
            if (kept != theirs.value())
                return Error{
                    QStringLiteral("bench"),
                    QStringLiteral("%1 of report %2 revision %3 differs:\n  generated: %4\n  real path: %5")
                        .arg(table, s.entry.report)
                        .arg(s.entry.revision)
                        .arg(kept.join(QStringLiteral("\n             ")),
                             theirs.value().join(QStringLiteral("\n             ")))};
            compared += kept.size();
        }
    }
    return compared;
}

} // namespace mobiliza::bench
