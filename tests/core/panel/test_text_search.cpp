// The apoio panel's quali search (issue 11): FTS5 over the fields the program declares
// searchable, accent- and case-insensitive, ranked, with the panel's filters. Over the COSEMS
// demonstration copy: every match is counted again here by reading the manifests and folding
// the accents away with Unicode decomposition (not SQLite's tokenizer).
#include <catch2/catch.hpp>

#include "core/panel/text_search.h"
#include "core/program/program_definition.h"
#include "core/regional/replica_service.h"
#include "core/services/blob_store.h"
#include "core/services/report_service.h"
#include "core/services/services.h"
#include "core/store/sql.h"
#include "tests/support/accent_fold.h"
#include "tests/support/cosems_demo.h"
#include "tests/support/temp_dir.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTimeZone>

using namespace mobiliza;
using namespace mobiliza::core;

namespace {

// The passages (action, field, entry) of counted reports holding a word that starts with
// `prefix`, read from the manifests: what the search must find.
QSet<QString> passagesByHand(const ReplicaService &replica, const QList<Period> &periods,
                             const QSet<QString> &states, const QString &uf, const QString &prefix)
{
    QSet<QString> found;
    for (const Period &p : periods) {
        auto latest = replica.latest(p);
        REQUIRE(latest.ok());
        for (const ReplicaRevision &r : latest.value()) {
            if (!states.contains(r.state) || !r.hasManifest)
                continue;
            auto bytes = replica.manifest(r.report, r.revision);
            REQUIRE(bytes.ok());
            const QJsonArray actions =
                QJsonDocument::fromJson(bytes.value()).object().value(QStringLiteral("actions")).toArray();
            for (qsizetype position = 0; position < actions.size(); ++position) { // the array's order
                const QJsonObject v =
                    actions.at(position).toObject().value(QStringLiteral("values")).toObject();
                if (!uf.isEmpty() && v.value(QStringLiteral("uf")).toString() != uf)
                    continue;
                const QString at = r.report + QLatin1Char('#') + QString::number(position) + QLatin1Char('#');
                for (const char *field : {"activities", "results", "difficulties"})
                    if (test::hasWordStarting(v.value(QString::fromLatin1(field)).toString(), prefix))
                        found << at + QString::fromLatin1(field);
                const QJsonArray referrals = v.value(QStringLiteral("referrals")).toArray();
                for (qsizetype i = 0; i < referrals.size(); ++i) {
                    const QJsonObject e = referrals.at(i).toObject();
                    if (test::hasWordStarting(e.value(QStringLiteral("description")).toString() +
                                                  QLatin1Char(' ') +
                                                  e.value(QStringLiteral("responsible")).toString(),
                                              prefix))
                        found << at + QStringLiteral("referrals[%1]").arg(i);
                }
            }
        }
    }
    return found;
}

QSet<QString> passagesFound(const TextSearchResult &result)
{
    QSet<QString> found;
    for (const TextMatch &m : result.matches)
        found << m.report + QLatin1Char('#') + QString::number(m.position) + QLatin1Char('#') +
                     (m.entry < 0 ? m.field : QStringLiteral("%1[%2]").arg(m.field).arg(m.entry));
    return found;
}

// An accepted report of one apoiador of Bahia in 2026-Q2, its actions' "what was done" the
// texts given: for the ranking.
void acceptedWithTexts(Services &services, qint64 cursor, const QStringList &texts)
{
    Report report;
    report.uuid = newUuid();
    report.programId = ProgramDefinition::apoioCosemsId();
    report.municipality = QStringLiteral("ap-%1").arg(cursor, 12, 16, QLatin1Char('0'));
    report.period = Period::fromKey(QStringLiteral("2026-Q2"));
    report.state = ReportState::Ready;
    for (const QString &text : texts) {
        Action action;
        action.uuid = newUuid();
        action.reportUuid = report.uuid;
        action.position = int(report.actions.size());
        action.values =
            QJsonObject{{QStringLiteral("uf"), QStringLiteral("BA")}, {QStringLiteral("activities"), text}};
        report.actions << action;
    }
    const QByteArray manifest =
        ReportService::manifest(report, QDateTime(QDate(2026, 9, 9), QTime(12, 0), QTimeZone::utc()));
    ReplicaRevision r;
    r.report = report.uuid;
    r.revision = 1;
    r.municipality = report.municipality;
    r.program = report.programId;
    r.period = report.period;
    r.hubId = QStringLiteral("rank-%1").arg(cursor);
    r.manifestSha256 = BlobStore::sha256Hex(manifest);
    r.state = QStringLiteral("accepted");
    r.receivedAt = QDateTime(QDate(2026, 9, 9), QTime(15, 0), QTimeZone::utc());
    r.cursor = cursor;
    REQUIRE(services.replica().applyPulled({r}, cursor).ok());
    REQUIRE(services.replica().storeManifest(r.report, 1, manifest).ok());
}

} // namespace

TEST_CASE("The quali search: the words as typed, without accents or case, of the counted reports only")
{
    CHECK(ftsExpression(QStringLiteral("reuniao")) == QStringLiteral("\"reuniao\"*"));
    // Nothing a person types is an FTS5 operator or breaks the expression.
    CHECK(ftsExpression(QStringLiteral("a\"b OR c* NEAR(x) col:y -z")) ==
          QStringLiteral("\"a\"* \"b\"* \"OR\"* \"c\"* \"NEAR\"* \"x\"* \"col\"* \"y\"* \"z\"*"));
    CHECK(ftsExpression(QStringLiteral(" ,;!? ")).isEmpty());

    test::TempDir dir;
    const FixedClock clock{QDateTime(QDate(2026, 11, 22), QTime(14, 0), QTimeZone::utc())};
    const std::unique_ptr<Services> opened = test::cosemsDemoOfBahia(dir, clock);
    Services &services = *opened;
    const ProgramDefinition program = ProgramDefinition::apoioCosems();

    TextSearchFilter filter;
    filter.panel.from = Period::fromKey(QStringLiteral("2025-Q2"));
    filter.panel.to = Period::fromKey(QStringLiteral("2026-Q2"));
    filter.panel.uf = QStringLiteral("BA");
    filter.panel.today = clock.today();
    filter.query = QStringLiteral("reuniao");
    const QList<Period> periods{filter.panel.from, Period::fromKey(QStringLiteral("2025-Q3")),
                                Period::fromKey(QStringLiteral("2026-Q1")), filter.panel.to};
    const QSet<QString> accepted{QStringLiteral("accepted")};
    const QSet<QString> withReceived{QStringLiteral("accepted"), QStringLiteral("received")};
    const QSqlDatabase db = services.database().db();

    SECTION("\"reuniao\" finds \"Reunião\" and \"reunião\" (not \"reuniões\"): every passage, and only those")
    {
        auto r = searchTexts(db, services.replica(), program, filter);
        REQUIRE(r.ok());
        const QSet<QString> expected =
            passagesByHand(services.replica(), periods, accepted, filter.panel.uf, QStringLiteral("reuniao"));
        REQUIRE(expected.size() > 5);
        CHECK(passagesFound(r.value()) == expected);
        CHECK(r.value().total == expected.size());
        for (const TextMatch &m : r.value().matches) {
            INFO(m.passage.toStdString());
            // The word found is marked, and it is a "reuni…" word with its accent kept.
            const qsizetype start = m.passage.indexOf(kMatchStart), end = m.passage.indexOf(kMatchEnd);
            REQUIRE(start >= 0);
            REQUIRE(end > start);
            CHECK(test::folded(m.passage.mid(start + 1, end - start - 1))
                      .startsWith(QStringLiteral("reuniao")));
            CHECK_FALSE(m.unitName.isEmpty()); // named as the hub knows the apoiador
            CHECK(m.values.value(QStringLiteral("uf")).toString() == QStringLiteral("BA"));
        }
        // Best first.
        for (qsizetype i = 1; i < r.value().matches.size(); ++i)
            CHECK(r.value().matches.at(i - 1).rank <= r.value().matches.at(i).rank);
        // Capitals and accents typed change nothing.
        filter.query = QStringLiteral("REUNIÃO");
        auto shouted = searchTexts(db, services.replica(), program, filter);
        REQUIRE(shouted.ok());
        CHECK(passagesFound(shouted.value()) == expected);
        // The start of a word is enough: "reuni" finds "reuniões" too.
        filter.query = QStringLiteral("reuni");
        auto start = searchTexts(db, services.replica(), program, filter);
        REQUIRE(start.ok());
        const QSet<QString> wider =
            passagesByHand(services.replica(), periods, accepted, filter.panel.uf, QStringLiteral("reuni"));
        CHECK(passagesFound(start.value()) == wider);
        CHECK(wider.size() > expected.size());
    }
    SECTION("the panel's filters: reports to review, another state, one quadrimestre")
    {
        filter.panel.includeReceived = true;
        auto wide = searchTexts(db, services.replica(), program, filter);
        REQUIRE(wide.ok());
        CHECK(passagesFound(wide.value()) == passagesByHand(services.replica(), periods, withReceived,
                                                            filter.panel.uf, QStringLiteral("reuniao")));
        filter.panel.uf = QStringLiteral("SP");
        auto sp = searchTexts(db, services.replica(), program, filter);
        REQUIRE(sp.ok());
        CHECK(sp.value().total == 0);
        filter.panel.uf = QStringLiteral("BA");
        filter.panel.from = filter.panel.to;
        auto one = searchTexts(db, services.replica(), program, filter);
        REQUIRE(one.ok());
        CHECK(passagesFound(one.value()) == passagesByHand(services.replica(), {filter.panel.to},
                                                           withReceived, filter.panel.uf,
                                                           QStringLiteral("reuniao")));
        for (const TextMatch &m : one.value().matches)
            CHECK(m.period == filter.panel.to);
    }
    SECTION("ranked: a passage about the word comes before one that mentions it in passing")
    {
        acceptedWithTexts(
            services, 9001,
            {QStringLiteral("Visita técnica longa a três municípios da microrregião, com conversa "
                            "sobre planejamento, orçamento, atenção primária, vigilância, regulação, "
                            "transporte sanitário e, ao fim, uma breve mentoria sobre cronogramas."),
             QStringLiteral("Mentoria: mentoria de gestores em mentoria coletiva.")});
        filter.query = QStringLiteral("mentoria");
        auto r = searchTexts(db, services.replica(), program, filter);
        REQUIRE(r.ok());
        qsizetype dense = -1, passing = -1;
        for (qsizetype i = 0; i < r.value().matches.size(); ++i)
            if (r.value().matches.at(i).unit == QStringLiteral("ap-000000002329"))
                (r.value().matches.at(i).position == 1 ? dense : passing) = i;
        REQUIRE(dense >= 0);
        REQUIRE(passing >= 0);
        CHECK(dense < passing);
        CHECK(r.value().matches.at(dense).rank < r.value().matches.at(passing).rank);
    }
    SECTION("what is not a word is said, and the matching records go to a spreadsheet")
    {
        filter.query = QStringLiteral("  ;; ");
        auto none = searchTexts(db, services.replica(), program, filter);
        REQUIRE_FALSE(none.ok());
        CHECK(none.error().code == QStringLiteral("empty_query"));
        filter.query = QStringLiteral("reuniao");
        auto r = searchTexts(db, services.replica(), program, filter);
        REQUIRE(r.ok());
        const QString path = dir.filePath(QStringLiteral("busca.csv"));
        REQUIRE(writeTextMatches(r.value(), program, path).ok());
        QFile file(path);
        REQUIRE(file.open(QIODevice::ReadOnly));
        const QString csv = QString::fromUtf8(file.readAll());
        // A header, then one row per action (a CSV cell may hold line breaks: count by the unit column).
        CHECK(csv.count(QStringLiteral("\r\nap-")) == r.value().actions);
        CHECK(csv.contains(QStringLiteral("[Reunião]")));
        CHECK(csv.contains(QStringLiteral("O que foi feito")));
        REQUIRE(writeTextMatches(r.value(), program, dir.filePath(QStringLiteral("busca.xlsx"))).ok());
    }
}

TEST_CASE("The quali search index: written with the facts, rebuilt once for a copy stored before it")
{
    test::TempDir dir;
    const FixedClock clock{QDateTime(QDate(2026, 11, 22), QTime(14, 0), QTimeZone::utc())};
    QSet<QString> before;
    TextSearchFilter filter;
    filter.panel.from = Period::fromKey(QStringLiteral("2025-Q2"));
    filter.panel.to = Period::fromKey(QStringLiteral("2026-Q2"));
    filter.panel.uf = QStringLiteral("BA");
    filter.query = QStringLiteral("pactuacao");
    const ProgramDefinition program = ProgramDefinition::apoioCosems();
    {
        const std::unique_ptr<Services> opened = test::cosemsDemoOfBahia(dir, clock);
        Services &services = *opened;
        auto r = searchTexts(services.database().db(), services.replica(), program, filter);
        REQUIRE(r.ok());
        before = passagesFound(r.value());
        REQUIRE_FALSE(before.isEmpty());
        // The copy as schema 15 left it: no words indexed.
        const QSqlDatabase db = services.database().db();
        REQUIRE(execSql(db, QStringLiteral("DELETE FROM replica_text")));
        REQUIRE(execSql(db, QStringLiteral("UPDATE replica_revisions SET text_indexed = 0")));
        auto empty = searchTexts(db, services.replica(), program, filter);
        REQUIRE(empty.ok());
        CHECK(empty.value().total == 0);
    }
    auto reopened = Services::open(dir.path(), clock);
    REQUIRE(reopened.ok());
    auto r = searchTexts(reopened.value()->database().db(), reopened.value()->replica(), program, filter);
    REQUIRE(r.ok());
    CHECK(passagesFound(r.value()) == before);
    auto indexed =
        scalarSql(reopened.value()->database().db(),
                  QStringLiteral("SELECT COUNT(*) FROM replica_revisions WHERE text_indexed = 0 AND "
                                 "manifest IS NOT NULL"));
    REQUIRE(indexed.ok());
    CHECK(indexed.value().toInt() == 0);
}
