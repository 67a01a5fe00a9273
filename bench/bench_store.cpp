// Store benchmark (a plain executable, never run by ctest): ten years of one
// municipality's data through the services — 120 monthly reports, 2,000
// actions, 6,000 photos, 500 partners — then the timings of the reads the UI
// does all the time.
//
//   bench_store [dataDir]   (default: a temporary folder, removed at the end)
#include "core/domain/clock.h"
#include "core/services/services.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonObject>
#include <QTemporaryDir>

#include <cstdio>
#include <cstring>
#include <functional>

using namespace mobiliza::core;

namespace {

void report(const char *what, qint64 ms, int count = 0)
{
    if (count > 0)
        std::printf("%-44s %8lld ms  (%d, %.3f ms each)\n", what, static_cast<long long>(ms), count,
                    double(ms) / count);
    else
        std::printf("%-44s %8lld ms\n", what, static_cast<long long>(ms));
    std::fflush(stdout);
}

qint64 timeIt(const std::function<void()> &work)
{
    QElapsedTimer t;
    t.start();
    work();
    return t.elapsed();
}

[[noreturn]] void die(const Error &e)
{
    std::fprintf(stderr, "failed: %s\n", e.message.toUtf8().constData());
    std::exit(1);
}

template <typename R> auto must(R &&r)
{
    if (!r.ok())
        die(r.error());
    if constexpr (!std::is_same_v<std::decay_t<R>, Status>)
        return std::move(r.value());
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTemporaryDir temp;
    const QString dir = argc > 1 ? QString::fromLocal8Bit(argv[1]) : temp.path();
    constexpr int kReports = 120, kActions = 2000, kPhotos = 6000, kPartners = 500;

    FixedClock clock(QDateTime(QDate(2015, 1, 10), QTime(9, 0), Qt::UTC));
    std::unique_ptr<Services> services;
    report("open (create + migrate)", timeIt([&] { services = must(Services::open(dir, clock)); }));
    must(services->profile().setMunicipality(QStringLiteral("3106200")));

    QStringList partners;
    report("partners: save", timeIt([&] {
               for (int i = 0; i < kPartners; ++i) {
                   Partner p;
                   p.name = QStringLiteral("Parceiro %1").arg(i);
                   p.document = QStringLiteral("%1").arg(10000000000LL + i);
                   p.phones = {QStringLiteral("+5531998%1").arg(i, 6, 10, QLatin1Char('0'))};
                   p.stage = PartnerStage(i % 4);
                   partners << must(services->partners().save(p)).uuid;
               }
           }),
           kPartners);

    QStringList blobs;
    report("blobs: put (40 KB each, fsync)", timeIt([&] {
               for (int i = 0; i < kPhotos; ++i) {
                   QByteArray bytes(40 * 1024, char(i % 251));
                   std::memcpy(bytes.data(), &i, sizeof i);
                   blobs << must(services->blobs().put(bytes));
               }
           }),
           kPhotos);

    QStringList reportUuids;
    QStringList actionUuids;
    report("reports: create", timeIt([&] {
               Period period{2015, 1};
               for (int i = 0; i < kReports; ++i, period = period.next())
                   reportUuids << must(services->reports().createReport(QStringLiteral("ses_mg_mobilizacao"),
                                                                        period))
                                      .uuid;
           }),
           kReports);
    report("actions: add (with partners)", timeIt([&] {
               for (int i = 0; i < kActions; ++i) {
                   QJsonObject values{{QStringLiteral("title"), QStringLiteral("Ação %1").arg(i)},
                                      {QStringLiteral("description"), QString(600, QLatin1Char('d'))},
                                      {QStringLiteral("people"), i % 300}};
                   const QString uuid =
                       must(services->reports().addAction(reportUuids[i % kReports], values)).uuid;
                   actionUuids << uuid;
                   must(services->reports().setActionPartners(uuid, {partners[i % kPartners]}));
               }
           }),
           kActions);
    report("photos: add", timeIt([&] {
               for (int i = 0; i < kPhotos; ++i) {
                   Photo p;
                   p.sha256 = blobs[i];
                   p.caption = QStringLiteral("Foto %1").arg(i);
                   p.takenOn = QDate(2015, 1, 5);
                   p.width = 1600;
                   p.height = 1200;
                   p.bytes = 40 * 1024;
                   must(services->reports().addPhoto(actionUuids[i % kActions], p));
               }
           }),
           kPhotos);
    report(
        "conclude (validate + manifest + outbox)", timeIt([&] {
            for (int i = 0; i < kReports - 1; ++i)
                must(services->reports().conclude(reportUuids[i]));
        }),
        kReports - 1);

    QList<ReportSummary> summaries;
    report("summaries() x 20", timeIt([&] {
               for (int i = 0; i < 20; ++i)
                   summaries = services->reports().summaries().value();
           }),
           20);
    report("report(uuid) x 100", timeIt([&] {
               for (int i = 0; i < 100; ++i)
                   must(services->reports().report(reportUuids[i % kReports]));
           }),
           100);
    report("partners() x 10", timeIt([&] {
               for (int i = 0; i < 10; ++i)
                   services->partners().partners();
           }),
           10);
    report("updateAction x 200 (autosave)", timeIt([&] {
               const Report last = must(services->reports().report(reportUuids.last()));
               for (int i = 0; i < 200; ++i)
                   must(services->reports().updateAction(
                       last.actions[i % last.actions.size()].uuid,
                       QJsonObject{{QStringLiteral("title"), QString::number(i)}}));
           }),
           200);
    report("integrity check", timeIt([&] { must(services->database().integrityCheck()); }));
    must(services->database().checkpoint());
    services.reset();
    report("reopen", timeIt([&] { services = must(Services::open(dir, clock)); }));

    std::printf("summaries: %lld rows; database file: %.1f MB; audit rows: %lld\n",
                static_cast<long long>(summaries.size()),
                QFileInfo(QDir(dir).filePath(QStringLiteral("mobiliza.sqlite"))).size() / 1048576.0,
                static_cast<long long>(services->audit().entries().size()));
    return 0;
}
