#include "core/demo/regional_demo.h"
#include "core/demo/demo_targets.h"

#include "core/demo/demo_content.h"
#include "core/demo/region_partners_demo.h"
#include "core/regional/batch_service.h"
#include "core/regional/report_history.h"
#include "core/package/manifest_codec.h"
#include "core/services/report_service.h"
#include "core/services/services.h"

#include <QCoreApplication>
#include <QCryptographicHash>

namespace mobiliza::core {

namespace {

struct PoolPhoto
{
    QString sha256;
    qint64 bytes = 0;
};

QString sha256Of(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

// 14:00 in Brasília (17:00 UTC) of `date`.
QDateTime afternoon(const QDate &date)
{
    return QDateTime(date, QTime(17, 0), Qt::UTC);
}

} // namespace

RegionalDemo::RegionalDemo(Services &services, ProgramDefinition program, ReferenceData reference, const Clock &clock)
    : m_services(services), m_program(std::move(program)), m_reference(std::move(reference)), m_clock(clock)
{
}

Result<DemoSummary> RegionalDemo::seed()
{
    auto &profile = m_services.profile();
    auto &replica = m_services.replica();
    DemoSummary summary;
    // The central level's demonstration is the whole state over two years (issue 10):
    // the same seeding over every municipality, with the central level's decisions.
    const bool central = profile.role() == Role::Central;
    const QString urs = central ? QStringLiteral("SES-MG") : profile.urs();
    const QList<Municipality> municipalities =
        central ? m_reference.municipalities() : m_reference.municipalitiesOfUrs(urs);
    if (municipalities.isEmpty())
        return Error{QStringLiteral("no_urs"),
                     QCoreApplication::translate("DemoData",
                                                 "Choose the profile's regional health unit (URS) before adding "
                                                 "demonstration data.")};
    auto existing = replica.revisions();
    if (!existing)
        return existing.error();
    if (!existing.value().isEmpty()) {
        if (profile.isDemo())
            return summary; // already seeded: nothing changes
        return Error{QStringLiteral("not_empty"),
                     QCoreApplication::translate("DemoData",
                                                 "This profile already holds reports received from the hub, so no "
                                                 "demonstration data was added. Use --demo-data with a new, empty "
                                                 "--data-dir.")};
    }
    // Marked first: nothing of it is ever mistaken for real reports.
    if (auto s = profile.setDemo(true); !s)
        return s.error();

    const QDate today = m_clock.today();
    const QDateTime now = m_clock.now().toUTC();
    QRandomGenerator rng(quint32(qHash(urs)) ^ quint32(today.year() * 100 + today.month()));

    // A pool of proof photos: content addressing lets the reports share them.
    QList<PoolPhoto> pool;
    for (int i = 0; i < 16; ++i) {
        const QByteArray jpeg = demo::makePhoto(rng, i);
        auto put = m_services.blobs().put(jpeg);
        if (!put)
            return put.error();
        pool << PoolPhoto{put.value(), jpeg.size()};
    }

    const Period current = Period::fromDate(today);
    const Period newest = current.previous();
    QList<Period> periods;
    const int months = central ? 24 : 12;
    for (Period p = newest; periods.size() < months; p = p.previous())
        periods.prepend(p);

    QList<ReplicaRevision> entries;
    QList<QPair<ReplicaRevision, QByteArray>> manifests;
    qint64 cursor = 0;
    int sample = int(rng.bounded(demo::sampleCount()));
    QString returnedAction; // the action the demo's return points at (its history shows the note)

    auto makeReport = [&](const Municipality &m, const Period &period, bool noActions) {
        Report r;
        r.uuid = newUuid();
        r.programId = m_program.id();
        r.municipality = m.ibge;
        r.period = period;
        r.revision = 1;
        r.noActions = noActions;
        if (noActions) {
            r.noActionsJustification =
                QStringLiteral("Equipe deslocada para a campanha de vacinação; ações retomadas no mês seguinte.");
            return r;
        }
        const int actions = 2 + int(rng.bounded(5));
        for (int a = 0; a < actions; ++a) {
            const int s = sample++;
            const QDate date(period.year, period.month, 1 + int(rng.bounded(period.lastDay().day())));
            Action action;
            action.uuid = newUuid();
            action.reportUuid = r.uuid;
            action.position = a;
            action.values = demo::actionValues(m_program, s, date, m.ibge, rng);
            const int photos = 1 + int(rng.bounded(2));
            for (int k = 0; k < photos; ++k) {
                const PoolPhoto &p = pool.at(int(rng.bounded(int(pool.size()))));
                Photo photo;
                photo.uuid = newUuid();
                photo.actionUuid = action.uuid;
                photo.sha256 = p.sha256;
                photo.position = k;
                photo.caption = QStringLiteral("%1 — registro %2").arg(demo::sampleTitle(s)).arg(k + 1);
                photo.takenOn = date;
                photo.author = QStringLiteral("Equipe de mobilização (demonstração)");
                photo.identifiablePeople = k == 0;
                photo.authorizationOnFile = k == 0;
                photo.width = demo::kPhotoWidth;
                photo.height = demo::kPhotoHeight;
                photo.bytes = p.bytes;
                action.photos << photo;
            }
            r.actions << action;
        }
        return r;
    };
    auto add = [&](const Report &r, const QDateTime &receivedAt, const QString &state, const QString &comment,
                   const QDateTime &reviewedAt) {
        const QByteArray manifest = ReportService::manifest(r, receivedAt.addSecs(-3600));
        ReplicaRevision e;
        e.report = r.uuid;
        e.revision = r.revision;
        e.municipality = r.municipality;
        e.program = r.programId;
        e.period = r.period;
        e.hubId = QStringLiteral("r-%1").arg(++cursor, 6, 10, QLatin1Char('0'));
        e.manifestSha256 = sha256Of(manifest);
        e.state = state;
        e.comment = comment;
        e.receivedAt = receivedAt;
        e.reviewedAt = reviewedAt;
        e.cursor = cursor;
        entries << e;
        manifests << qMakePair(e, manifest);
        ++summary.reports;
        summary.actions += int(r.actions.size());
        summary.photos += manifestPhotoCount(r);
    };

    for (int mi = 0; mi < municipalities.size(); ++mi) {
        const Municipality &m = municipalities.at(mi);
        for (const Period &period : std::as_const(periods)) {
            const bool isNewest = period == newest;
            const int roll = int(rng.bounded(100));
            // The newest month shows every case on the first municipalities; the rest by chance.
            const bool missing = isNewest ? (mi == 2 || (mi > 4 && roll < 20)) : roll < 5;
            if (missing)
                continue;
            const bool noActions = isNewest ? mi == 3 : roll >= 5 && roll < 8;
            const bool late = isNewest ? (mi == 1 || (mi > 4 && roll >= 85)) : rng.bounded(100) < 15;
            const QDate deadline = m_program.deadline(period);
            QDateTime receivedAt = afternoon(late ? deadline.addDays(2 + int(rng.bounded(10)))
                                                  : deadline.addDays(-1 - int(rng.bounded(9))));
            if (receivedAt > now)
                receivedAt = now.addSecs(-3600 * (1 + int(rng.bounded(48))));
            Report report = makeReport(m, period, noActions);
            const int age = int(periods.size()) - 1 - int(periods.indexOf(period)); // 0 = newest
            if (isNewest && mi == 0 && !report.actions.isEmpty()) {
                // Returned with a comment, then corrected: revision 2 adds an action with a
                // photo and changes a number, so the URS sees what changed.
                const QDateTime returnedAt = receivedAt.addDays(1);
                returnedAction = report.actions.first().uuid;
                add(report, receivedAt, QStringLiteral("returned"),
                    QStringLiteral("Ação 1: o número de pessoas alcançadas parece alto; falta o registro da reunião "
                                   "com as escolas citada na descrição."),
                    returnedAt);
                Report corrected = report;
                corrected.revision = 2;
                const QString peopleField = [&] {
                    for (const auto &f : m_program.fields())
                        if (f.role == field_role::PeopleReached)
                            return f.id;
                    return QString();
                }();
                if (!peopleField.isEmpty())
                    corrected.actions[0].values[peopleField] = 48;
                Action extra = makeReport(m, period, false).actions.first();
                extra.reportUuid = corrected.uuid;
                extra.position = int(corrected.actions.size());
                for (Photo &p : extra.photos)
                    p.actionUuid = extra.uuid;
                corrected.actions << extra;
                add(corrected, qMin(returnedAt.addDays(2), now.addSecs(-1800)), QStringLiteral("received"), {}, {});
                continue;
            }
            QString state = QStringLiteral("received");
            QString comment;
            if (central && age >= 1) {
                // Older months consolidated, last month's waiting for the central level; a
                // few were sent back to their URS, which has not decided again yet.
                const int r = int(rng.bounded(100));
                if (age == 1)
                    state = r < 70 ? QStringLiteral("forwarded") : r < 85 ? QStringLiteral("accepted")
                                                                            : QStringLiteral("received");
                else if (age == 2 && r < 4)
                    state = QStringLiteral("returned_to_urs");
                else
                    state = r < 93 ? QStringLiteral("consolidated") : QStringLiteral("accepted");
                if (state == QLatin1String("returned_to_urs"))
                    comment = QStringLiteral("A foto da ação 2 não mostra a ação descrita; confirmar com o município.");
            } else if (age >= 2) {
                state = rng.bounded(100) < 75 ? QStringLiteral("forwarded") : QStringLiteral("accepted");
                // The central level has decided every batch but the last one: consolidated,
                // and a few of the one before the last returned to the URS (from `roll`: the
                // random sequence stays the one the other figures were drawn from).
                if (state == QLatin1String("forwarded") && age >= 3)
                    state = age == 3 && roll % 20 == 1 ? QStringLiteral("returned_to_urs")
                                                       : QStringLiteral("consolidated");
                if (state == QLatin1String("returned_to_urs"))
                    comment = QStringLiteral(
                        "A foto da ação 2 não mostra a ação descrita; confirmar com o município.");
            } else if (age == 1)
                state = rng.bounded(100) < 60 ? QStringLiteral("accepted") : QStringLiteral("received");
            else if (roll % 7 == 0)
                state = QStringLiteral("in_review");
            const bool reviewed = state != QLatin1String("received");
            add(report, receivedAt, state, comment, reviewed ? qMin(receivedAt.addDays(3), now) : QDateTime());
        }
    }

    if (auto s = replica.applyPulled(entries, cursor); !s)
        return s.error();
    for (const auto &[entry, manifest] : std::as_const(manifests))
        if (auto s = replica.storeManifest(entry.report, entry.revision, manifest); !s)
            return s.error();

    // Each report's history thread, as the hub would tell it: received, then the
    // decision (a reviewer of another installation of this URS), one per revision.
    {
        const auto reviewerOf = [&](const QString &ibge) {
            const auto m = m_reference.municipality(ibge);
            return QStringLiteral("Ana Paula (URS %1, demonstração)").arg(m ? m->urs : urs);
        };
        const QString otherInstallation = QStringLiteral("5d1f0c2a-9b7e-4c3d-8a6f-2e4b1c9d7a30");
        QHash<QString, QList<HistoryEntry>> threads;
        QHash<QString, qint64> listed;
        for (const ReplicaRevision &e : std::as_const(entries)) {
            QList<HistoryEntry> &t = threads[e.report];
            listed[e.report] = std::max(listed.value(e.report), e.cursor);
            HistoryEntry received;
            received.cursor = e.cursor;
            received.revision = e.revision;
            received.state = QStringLiteral("received");
            received.at = e.receivedAt;
            t << received;
            if (e.state == QLatin1String("received"))
                continue;
            HistoryEntry decided = received;
            const bool atCentral = e.state == QLatin1String("consolidated") || e.state == QLatin1String("returned_to_urs");
            decided.state = e.state == QLatin1String("forwarded") || atCentral ? QStringLiteral("accepted") : e.state;
            decided.decision = newUuid();
            decided.comment = atCentral ? QString() : e.comment;
            decided.by = reviewerOf(e.municipality);
            decided.installation = otherInstallation;
            decided.at = e.reviewedAt;
            if (e.state == QLatin1String("returned") && !returnedAction.isEmpty())
                decided.notes << ReviewNote{returnedAction, QString(),
                                            QStringLiteral("Conferir o número de pessoas alcançadas.")};
            t << decided;
            if (atCentral) {
                HistoryEntry forwarded = decided;
                forwarded.state = QStringLiteral("forwarded");
                forwarded.decision.clear();
                forwarded.at = decided.at.addSecs(3600);
                HistoryEntry last = forwarded;
                last.state = e.state;
                last.decision = newUuid();
                last.comment = e.comment;
                last.by = QStringLiteral("Núcleo de Mobilização Social (SES-MG, demonstração)");
                last.at = forwarded.at.addDays(5);
                t << forwarded << last;
            }
        }
        QList<ReportHistory::ReportEvents> all;
        for (auto it = threads.cbegin(); it != threads.cend(); ++it) {
            QList<HistoryEntry> events = it.value();
            std::sort(events.begin(), events.end(),
                      [](const HistoryEntry &a, const HistoryEntry &b) { return a.at < b.at; });
            for (qsizetype i = 0; i < events.size(); ++i)
                events[i].cursor = i + 1; // the thread's order is its cursors'
            all << ReportHistory::ReportEvents{it.key(), listed.value(it.key()), events};
        }
        if (auto s = ReportHistory(m_services).storeMany(all); !s)
            return s.error();
    }

    // The forwarded months went to the central level in one batch each, on the 15th
    // (a URS's batches: the central level makes none).
    BatchService batches(m_services);
    int batchNumber = 0;
    for (const Period &period : std::as_const(periods)) {
        if (central)
            break;
        BatchRecord b;
        for (const ReplicaRevision &e : std::as_const(entries))
            if (e.period == period &&
                (e.state == QLatin1String("forwarded") || e.state == QLatin1String("consolidated") ||
                 e.state == QLatin1String("returned_to_urs")))
                b.revisions << BatchMember{e.report, e.revision, e.manifestSha256, e.municipality};
        if (b.revisions.isEmpty())
            continue;
        b.uuid = newUuid();
        b.urs = urs;
        b.period = period;
        b.createdAt = QDateTime(period.next().firstDay().addDays(14), QTime(13, 0), Qt::UTC);
        b.createdBy = QStringLiteral("Referência técnica da URS (demonstração)");
        b.hubId = QStringLiteral("b-%1").arg(++batchNumber, 6, 10, QLatin1Char('0'));
        b.hubReceivedAt = b.createdAt.addSecs(600);
        if (auto s = batches.recordReceived(b); !s)
            return s.error();
    }
    // "Parceiros da região": the municipalities' partners, as the last pass brought them.
    auto partners = seedRegionPartners(m_services, municipalities, rng, now);
    if (!partners)
        return partners.error();
    summary.partners = partners.value();
    // The targets the central level publishes (its own, at the central level).
    if (Status s = seedDemoTargets(m_services, m_reference, m_clock); !s)
        return s.error();
    return summary;
}

} // namespace mobiliza::core
