// The apoio program's COSEMS desk (issue 11): the URS desk's inbox, reused, on the
// reports of the state's apoiadores — named as the hub knows them, by quadrimestre,
// without the SES-MG pages (coverage of municipalities, batches, partners, Painel).
#include "tests/support/catch_qt.h"
#include <catch2/catch.hpp>

#include "app/ui/main_window.h"
#include "app/ui/pages/role_pages.h"
#include "app/ui/regional/inbox_page.h"
#include "app/ui/regional/report_text.h"
#include "app/ui/regional/return_dialog.h"
#include "core/program/program_definition.h"
#include "core/reference/reference_data.h"
#include "core/regional/replica_service.h"
#include "core/services/services.h"
#include "core/store/sql.h"
#include "tests/app/fake_dialogs.h"
#include "tests/app/regional/regional_ui_helpers.h"
#include "tests/support/temp_dir.h"

#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QTableView>
#include <QTest>
#include <QTimeZone>
#include <QToolButton>

using namespace mobiliza;
using test::cellText;
using ui::InboxModel;

namespace {

core::ReplicaRevision pulled(qint64 cursor, const QString &unit, const QString &name, const QString &period)
{
    core::ReplicaRevision r;
    r.report = core::newUuid();
    r.revision = 1;
    r.municipality = unit;
    r.program = core::ProgramDefinition::apoioCosemsId();
    r.period = core::Period::fromKey(period);
    r.hubId = QStringLiteral("h-%1").arg(cursor);
    r.manifestSha256 = QString(64, QLatin1Char('a' + char(cursor)));
    r.state = QStringLiteral("received");
    r.receivedAt = QDateTime(QDate(2026, 9, 10), QTime(15, 0), QTimeZone::utc());
    r.cursor = cursor;
    r.unitName = name;
    return r;
}

} // namespace

TEST_CASE("COSEMS desk: the apoiadores' reports by name and quadrimestre, and only the pages it has")
{
    test::TempDir dir;
    core::FixedClock clock{QDateTime(QDate(2026, 11, 22), QTime(14, 0), QTimeZone::utc())};
    auto opened = core::Services::open(dir.path(), clock);
    REQUIRE(opened.ok());
    std::unique_ptr<core::Services> services = std::move(opened.value());
    REQUIRE(services->profile().setProgram(core::ProgramDefinition::apoioCosemsId()).ok());
    REQUIRE(services->profile().setRole(core::Role::Urs, QStringLiteral("BA")).ok());
    REQUIRE(
        services->replica()
            .applyPulled({pulled(1, QStringLiteral("ap-75e5d2a2a8b9"), QStringLiteral("Maria Souza"),
                                 QStringLiteral("2026-Q2")),
                          pulled(2, QStringLiteral("ap-0a1b2c3d4e5f"), QStringLiteral("João Lima"),
                                 QStringLiteral("2026-Q2")),
                          // a hub that gave no name: the id stands for it
                          pulled(3, QStringLiteral("ap-ffffffffffff"), QString(), QStringLiteral("2026-Q2"))},
                         3)
            .ok());
    ui::AppContext context{dir.path(), core::ReferenceData::embedded(),
                           core::ProgramDefinition::apoioCosems(), services.get(), &clock};
    context.role = core::Role::Urs;
    test::FakeDialogs dialogs;
    ui::MainWindow window(context, nullptr, &dialogs);
    window.resize(1366, 768);
    window.show();

    // Inbox, Synchronization, Settings: no coverage grid of municipalities, batches, partners or Painel.
    QStringList pages;
    for (int i = 0; i < window.navigation()->count(); ++i)
        pages << window.navigation()->item(i)->text();
    CHECK(pages == QStringList{QStringLiteral("Inbox"), QStringLiteral("Synchronization"),
                               QStringLiteral("Settings")});
    CHECK(window.page(QStringLiteral("coverage")) == nullptr);
    CHECK(window.page(QStringLiteral("batches")) == nullptr);

    ui::InboxPage *inbox = test::inboxOf(window);
    REQUIRE(inbox);
    QTableView *table = inbox->table();
    REQUIRE(table->model()->rowCount() == 3);
    CHECK(table->model()->headerData(InboxModel::Municipality, Qt::Horizontal).toString() ==
          QStringLiteral("Apoiador"));
    CHECK(table->model()->headerData(InboxModel::Period, Qt::Horizontal).toString() ==
          QStringLiteral("Period"));
    QStringList names;
    for (int row = 0; row < 3; ++row) {
        names << cellText(table, row, InboxModel::Municipality);
        CHECK(cellText(table, row, InboxModel::Period) ==
              core::Period::fromKey(QStringLiteral("2026-Q2")).display());
    }
    names.sort();
    CHECK(names == QStringList{QStringLiteral("João Lima"), QStringLiteral("Maria Souza"),
                               QStringLiteral("ap-ffffffffffff")});
    // Nothing goes above the COSEMS: no forwarded, returned-to-URS or consolidated chips.
    CHECK(inbox->stateButton(QStringLiteral("received")) != nullptr);
    CHECK(inbox->stateButton(QStringLiteral("forwarded")) == nullptr);
    CHECK(inbox->stateButton(QStringLiteral("consolidated")) == nullptr);
    CHECK(inbox->stateButton(QStringLiteral("returned_to_urs")) == nullptr);

    // The search finds an apoiador by name, accents and case aside.
    inbox->searchField()->setFocus();
    QTest::keyClicks(inbox->searchField(), QStringLiteral("joao"));
    REQUIRE(table->model()->rowCount() == 1);
    CHECK(cellText(table, 0, InboxModel::Municipality) == QStringLiteral("João Lima"));
}

TEST_CASE(
    "COSEMS desk: the report view names the state, the municipalities supported and each encaminhamento")
{
    const core::ProgramDefinition program = core::ProgramDefinition::apoioCosems();
    core::Report report;
    core::Action action;
    action.values = QJsonObject{
        {QStringLiteral("uf"), QStringLiteral("BA")},
        {QStringLiteral("municipalities"), QJsonArray{QStringLiteral("2927408"), QStringLiteral("2910800")}},
        {QStringLiteral("referrals"),
         QJsonArray{QJsonObject{{QStringLiteral("description"), QStringLiteral("Revisar o PMS")},
                                {QStringLiteral("responsible"), QStringLiteral("Secretaria de Saúde")},
                                {QStringLiteral("follow_up"), QStringLiteral("2026-12-15")}},
                    QJsonObject{{QStringLiteral("description"), QStringLiteral("Pautar na CIR")},
                                {QStringLiteral("responsible"), QStringLiteral("Apoiadora")},
                                {QStringLiteral("follow_up"), QStringLiteral("2027-01-20")}}}}};
    report.actions << action;
    const QString html = ui::regional::actionsHtml(report, program);
    CHECK(html.contains(QStringLiteral("Bahia (BA)")));
    CHECK(html.contains(QStringLiteral("Salvador")));
    CHECK(html.contains(QStringLiteral("Feira de Santana")));
    CHECK(html.contains(QStringLiteral("Revisar o PMS")));
    CHECK(html.contains(QStringLiteral("15/12/2026")));
    CHECK(html.contains(QStringLiteral("Pautar na CIR")));

    // Returning it, the coordinator writes to the apoiador (not to "the municipality").
    ui::ReturnDialog dialog(report, QStringLiteral("Maria Souza — 2º quadrimestre de 2026"), nullptr,
                            ui::ReturnDialog::Addressee::Apoiador);
    QStringList words;
    for (const QLabel *label : dialog.findChildren<QLabel *>())
        words << label->text();
    CHECK(words.filter(QStringLiteral("What must the apoiador correct?")).size() == 1);
    CHECK(words.filter(QStringLiteral("municipality")).isEmpty());
}

TEST_CASE("COSEMS desk: a copy pulled before names existed pulls again from the start to get them")
{
    test::TempDir dir;
    core::FixedClock clock{QDateTime(QDate(2026, 11, 22), QTime(14, 0), QTimeZone::utc())};
    {
        auto opened = core::Services::open(dir.path(), clock);
        REQUIRE(opened.ok());
        core::Services &services = *opened.value();
        REQUIRE(
            services.replica()
                .applyPulled(
                    {pulled(5, QStringLiteral("ap-75e5d2a2a8b9"), QString(), QStringLiteral("2026-Q2"))}, 5)
                .ok());
        REQUIRE(services.replica().cursor() == 5);
        // The copy as schema 13 left it: no names.
        const QSqlDatabase db = services.database().db();
        REQUIRE(core::execSql(db, QStringLiteral("DROP TABLE unit_names")));
        REQUIRE(core::execSql(db, QStringLiteral("PRAGMA user_version = 13")));
    }
    auto reopened = core::Services::open(dir.path(), clock);
    REQUIRE(reopened.ok());
    CHECK(reopened.value()->replica().cursor() == 0);
    CHECK(reopened.value()->replica().revisions()->size() == 1); // kept; its name comes with the pull
}
