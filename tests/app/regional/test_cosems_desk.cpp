// The apoio program's COSEMS desk (issue 11): the URS desk's inbox, reused, on the
// reports of the state's apoiadores — named as the hub knows them, by quadrimestre,
// without the SES-MG pages (coverage of municipalities, batches, partners, Painel).
#include "tests/support/catch_qt.h"
#include <catch2/catch.hpp>

#include "app/ui/main_window.h"
#include "app/ui/pages/role_pages.h"
#include "app/ui/pages/sync_page.h"
#include "app/ui/panel/panel_dashboard.h"
#include "app/ui/regional/coverage_model.h"
#include "app/ui/regional/coverage_page.h"
#include "app/ui/regional/inbox_page.h"
#include "app/ui/regional/report_text.h"
#include "app/ui/regional/return_dialog.h"
#include "core/program/program_definition.h"
#include "core/reference/reference_data.h"
#include "core/regional/replica_service.h"
#include "core/regional/review_outbox.h"
#include "core/services/blob_store.h"
#include "core/services/notifier.h"
#include "core/services/report_service.h"
#include "core/services/services.h"
#include "core/store/sql.h"
#include "tests/app/fake_dialogs.h"
#include "tests/app/regional/regional_ui_helpers.h"
#include "tests/support/temp_dir.h"

#include <QClipboard>
#include <QComboBox>
#include <QGuiApplication>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QScrollBar>
#include <QSignalSpy>
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

// A revision of an apoiador's quadrimestre whose manifest is here: its actions name
// the municipalities in `reached` (one action each; an empty list is an action for a
// região de saúde named as text).
core::ReplicaRevision withManifest(core::Services &services, qint64 cursor, const QString &unit,
                                   const QString &name, const QString &period,
                                   const QList<QStringList> &reached)
{
    core::Report report;
    report.uuid = core::newUuid();
    report.programId = core::ProgramDefinition::apoioCosemsId();
    report.municipality = unit;
    report.period = core::Period::fromKey(period);
    report.state = core::ReportState::Ready;
    for (const QStringList &codes : reached) {
        core::Action action;
        action.uuid = core::newUuid();
        action.reportUuid = report.uuid;
        action.position = int(report.actions.size());
        action.values = QJsonObject{{QStringLiteral("uf"), QStringLiteral("BA")},
                                    {QStringLiteral("municipalities"), QJsonArray::fromStringList(codes)}};
        report.actions << action;
    }
    const QByteArray manifest =
        core::ReportService::manifest(report, QDateTime(QDate(2026, 9, 9), QTime(12, 0), QTimeZone::utc()));
    core::ReplicaRevision r = pulled(cursor, unit, name, period);
    r.report = report.uuid;
    r.manifestSha256 = core::BlobStore::sha256Hex(manifest);
    REQUIRE(services.replica().applyPulled({r}, cursor).ok());
    REQUIRE(services.replica().storeManifest(r.report, 1, manifest).ok());
    return r;
}

// A new COSEMS profile of Bahia.
std::unique_ptr<core::Services> cosemsOfBahia(const test::TempDir &dir, const core::Clock &clock)
{
    auto opened = core::Services::open(dir.path(), clock);
    REQUIRE(opened.ok());
    std::unique_ptr<core::Services> services = std::move(opened.value());
    REQUIRE(services->profile().setProgram(core::ProgramDefinition::apoioCosemsId()).ok());
    REQUIRE(services->profile().setRole(core::Role::Urs, QStringLiteral("BA")).ok());
    return services;
}

} // namespace

TEST_CASE("COSEMS desk: the apoiadores' reports by name and quadrimestre, and only the pages it has")
{
    test::TempDir dir;
    core::FixedClock clock{QDateTime(QDate(2026, 11, 22), QTime(14, 0), QTimeZone::utc())};
    std::unique_ptr<core::Services> services = cosemsOfBahia(dir, clock);
    REQUIRE(
        services->replica()
            .applyPulled({pulled(1, QStringLiteral("ap-75e5d2a2a8b9"), QStringLiteral("Maria Souza"),
                                 QStringLiteral("2026-Q2")),
                          pulled(2, QStringLiteral("ap-0a1b2c3d4e5f"), QStringLiteral("João Lima"),
                                 QStringLiteral("2026-Q2")),
                          // a hub that gave no name: the id stands for it
                          pulled(3, QStringLiteral("ap-ffffffffffff"), QString(), QStringLiteral("2026-Q2")),
                          // an older quadrimestre still undecided: shown too, not behind the newest
                          pulled(4, QStringLiteral("ap-0a1b2c3d4e5f"), QStringLiteral("João Lima"),
                                 QStringLiteral("2026-Q1"))},
                         4)
            .ok());
    ui::AppContext context{dir.path(), core::ReferenceData::embedded(),
                           core::ProgramDefinition::apoioCosems(), services.get(), &clock};
    context.role = core::Role::Urs;
    test::FakeDialogs dialogs;
    ui::MainWindow window(context, nullptr, &dialogs);
    window.resize(1366, 768);
    window.show();

    // Inbox, Coverage (of apoiadores), the apoio Panel, Synchronization, Settings: no batches,
    // partners or SES-MG's Painel.
    QStringList pages;
    for (int i = 0; i < window.navigation()->count(); ++i)
        pages << window.navigation()->item(i)->text();
    CHECK(pages == QStringList{QStringLiteral("Inbox"), QStringLiteral("Coverage"), QStringLiteral("Panel"),
                               QStringLiteral("Synchronization"), QStringLiteral("Settings")});
    CHECK(window.page(QStringLiteral("batches")) == nullptr);
    CHECK(qobject_cast<ui::PanelDashboard *>(window.page(QStringLiteral("panel"))) == nullptr);

    ui::InboxPage *inbox = test::inboxOf(window);
    REQUIRE(inbox);
    QTableView *table = inbox->table();
    // Every period at first: the older quadrimestre's report waiting for a decision is in view.
    CHECK(inbox->monthBox()->currentData().toString().isEmpty());
    REQUIRE(table->model()->rowCount() == 4);
    QStringList periodsShown;
    for (int row = 0; row < 4; ++row)
        periodsShown << cellText(table, row, InboxModel::Period);
    CHECK(periodsShown.contains(core::Period::fromKey(QStringLiteral("2026-Q1")).display()));
    // The newest quadrimestre, chosen: its three.
    auto *periodBox = inbox->monthBox();
    periodBox->setCurrentIndex(periodBox->findData(QStringLiteral("2026-Q2")));
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

TEST_CASE("COSEMS sync page: a decision waiting to go up names the apoiador and what was decided, no URS")
{
    test::TempDir dir;
    core::FixedClock clock{QDateTime(QDate(2026, 11, 22), QTime(14, 0), QTimeZone::utc())};
    std::unique_ptr<core::Services> services = cosemsOfBahia(dir, clock);
    const core::ReplicaRevision maria = pulled(1, QStringLiteral("ap-75e5d2a2a8b9"),
                                               QStringLiteral("Maria Souza"), QStringLiteral("2026-Q2"));
    REQUIRE(services->replica().applyPulled({maria}, 1).ok());
    auto decided = services->reviews().decide(maria.report, 1, core::Decision::Return,
                                              QStringLiteral("Falta a lista de presença."), {},
                                              QStringLiteral("Coordenação BA"));
    INFO((decided ? QString() : decided.error().message).toStdString());
    REQUIRE(decided.ok());
    ui::AppContext context{dir.path(), core::ReferenceData::embedded(),
                           core::ProgramDefinition::apoioCosems(), services.get(), &clock};
    context.role = core::Role::Urs;
    ui::SyncPage page(context);
    page.resize(1000, 640);
    page.show();
    REQUIRE(page.queue()->count() == 1);
    const QString row = page.queue()->item(0)->text();
    CHECK(row.startsWith(QStringLiteral("Maria Souza, ")));
    CHECK(row.contains(QStringLiteral("Returned for correction")));
    CHECK(page.summary()->text().contains(QStringLiteral("1 report(s) received on this computer")));
    QStringList texts;
    for (const QLabel *l : page.findChildren<QLabel *>())
        texts << l->text();
    const QString all = texts.join(QLatin1Char('\n')) + row;
    CHECK(all.contains(QStringLiteral("The reports of each Apoiador(a) do COSEMS come down from the hub")));
    CHECK(all.contains(QStringLiteral("ask whoever runs the hub")));
    CHECK_FALSE(all.contains(QStringLiteral("URS")));
    CHECK_FALSE(all.contains(QStringLiteral("municipalit")));
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
        REQUIRE(core::execSql(db, QStringLiteral("DROP TABLE unit_roster")));
        REQUIRE(core::execSql(db, QStringLiteral("DROP TABLE replica_text")));
        REQUIRE(core::execSql(db, QStringLiteral("ALTER TABLE replica_revisions DROP COLUMN text_indexed")));
        REQUIRE(core::execSql(db, QStringLiteral("PRAGMA user_version = 13")));
    }
    auto reopened = core::Services::open(dir.path(), clock);
    REQUIRE(reopened.ok());
    CHECK(reopened.value()->replica().cursor() == 0);
    CHECK(reopened.value()->replica().revisions()->size() == 1); // kept; its name comes with the pull
}

TEST_CASE("COSEMS coverage: every apoiador of the roster by quadrimestre, and the state's municipalities "
          "the apoio did not reach")
{
    test::TempDir dir;
    core::FixedClock clock{QDateTime(QDate(2026, 11, 22), QTime(14, 0), QTimeZone::utc())};
    std::unique_ptr<core::Services> services = cosemsOfBahia(dir, clock);
    const QString salvador = QStringLiteral("2927408"), feira = QStringLiteral("2910800"),
                  camacari = QStringLiteral("2905701");
    // Maria: Salvador and Feira de Santana, and one action for a região named as text;
    // João: Salvador again and Camaçari. Three distinct municipalities of Bahia.
    withManifest(*services, 1, QStringLiteral("ap-75e5d2a2a8b9"), QStringLiteral("Maria Souza"),
                 QStringLiteral("2026-Q2"), {{salvador, feira}, {}});
    withManifest(*services, 2, QStringLiteral("ap-0a1b2c3d4e5f"), QStringLiteral("João Lima"),
                 QStringLiteral("2026-Q2"), {{salvador, camacari}});
    // The hub's roster: Ana never sent anything; Pedro left (his tokens are revoked).
    const QDateTime since(QDate(2026, 2, 1), QTime(12, 0), QTimeZone::utc());
    REQUIRE(
        services->replica()
            .replaceRoster({{QStringLiteral("ap-75e5d2a2a8b9"), QStringLiteral("Maria Souza"),
                             QStringLiteral("BA"), since, true},
                            {QStringLiteral("ap-0a1b2c3d4e5f"), QString(), QStringLiteral("BA"), since, true},
                            {QStringLiteral("ap-aaaaaaaaaaaa"), QStringLiteral("Ana Prado"),
                             QStringLiteral("BA"), since, true},
                            {QStringLiteral("ap-bbbbbbbbbbbb"), QStringLiteral("Pedro Reis"),
                             QStringLiteral("BA"), since, false}})
            .ok());

    // The next pass brings the same roster: nothing is written, no page is redrawn.
    {
        QSignalSpy changed(&services->notifier(), &core::Notifier::replicaChanged);
        auto same = services->replica().roster();
        REQUIRE(same.ok());
        REQUIRE(same->size() == 4);
        REQUIRE(services->replica().replaceRoster(same.value()).ok());
        CHECK(changed.isEmpty());
    }

    ui::AppContext context{dir.path(), core::ReferenceData::embedded(),
                           core::ProgramDefinition::apoioCosems(), services.get(), &clock};
    context.role = core::Role::Urs;
    test::FakeDialogs dialogs;
    ui::MainWindow window(context, nullptr, &dialogs);
    window.resize(1366, 768);
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    // The person clicks "Coverage" in the navigation.
    REQUIRE(test::clickNavigation(window, QStringLiteral("Coverage")));
    auto *page = qobject_cast<ui::CoveragePage *>(window.page(QStringLiteral("coverage")));
    REQUIRE(page);
    REQUIRE(page->isVisible());

    // Rows: the active apoiadores by name (the roster gave no new name for João: the one
    // his report brought stays); Pedro, who left and sent nothing, is not expected.
    QAbstractItemModel *model = page->table()->model();
    QStringList rows;
    for (int i = 0; i < model->rowCount(); ++i)
        rows << model->headerData(i, Qt::Vertical).toString();
    CHECK(rows == QStringList{QStringLiteral("Ana Prado"), QStringLiteral("João Lima"),
                              QStringLiteral("Maria Souza")});
    // Six quadrimestres, the last the one reported now (mai–ago 2026).
    REQUIRE(model->columnCount() == 6);
    CHECK(page->model()->grid().periods.last() == core::Period::fromKey(QStringLiteral("2026-Q2")));
    CHECK(page->model()->grid().periods.first() == core::Period::fromKey(QStringLiteral("2024-Q3")));
    CHECK(page->selectedColumn() == 5);
    CHECK(model->index(0, 5).data(ui::CoverageModel::StateKeyRole).toString() == QStringLiteral("missing"));
    CHECK(model->index(1, 5).data(ui::CoverageModel::StateKeyRole).toString() != QStringLiteral("missing"));
    CHECK(model->index(2, 5).data(ui::CoverageModel::StateKeyRole).toString() != QStringLiteral("missing"));
    CHECK(page->monthLabel()->text().contains(QStringLiteral("2 of 3")));
    // They all joined in February 2026: nobody is expected before 2026-Q1.
    CHECK(model->index(0, 3).data(ui::CoverageModel::StateKeyRole).toString() ==
          QStringLiteral("not_expected"));
    CHECK(model->headerData(3, Qt::Horizontal).toString().endsWith(QStringLiteral("\n—")));
    CHECK(model->index(0, 4).data(ui::CoverageModel::StateKeyRole).toString() == QStringLiteral("missing"));
    CHECK(model->headerData(4, Qt::Horizontal).toString().contains(QStringLiteral("0 of 3")));
    CHECK(page->notReportedText().startsWith(QStringLiteral("Apoiadores that did not report")));
    CHECK(page->notReportedText().contains(QStringLiteral("Ana Prado")));
    CHECK_FALSE(page->notReportedText().contains(QStringLiteral("Maria")));
    // The spreadsheet speaks of apoiadores.
    const QString csv = QString::fromUtf8(page->notReportedCsv());
    CHECK(csv.contains(QStringLiteral("Apoiador(a)")));
    CHECK(csv.contains(QStringLiteral("ap-aaaaaaaaaaaa")));
    CHECK_FALSE(csv.contains(QStringLiteral("Município")));

    // Where the apoio reached: 3 distinct municipalities of Bahia's 417 (IBGE, 2022).
    CHECK(page->reachLabel()->isVisible());
    CHECK(page->reach().reached.size() == 3);
    CHECK(page->reach().stateMunicipalities() == 417);
    CHECK(page->reach().actions == 3);
    CHECK(page->reach().withoutMunicipalities == 1);
    const QString reach = page->reachLabel()->text();
    CHECK(reach.contains(QStringLiteral("3 of 417")));
    CHECK(reach.contains(QStringLiteral("414 without apoio")));
    CHECK(reach.contains(QStringLiteral("1 action(s) named a região de saúde")));
    QStringList reachedNames;
    for (const core::BrMunicipality &m : page->reach().reached)
        reachedNames << m.name;
    CHECK(reachedNames == QStringList{QStringLiteral("Camaçari"), QStringLiteral("Feira de Santana"),
                                      QStringLiteral("Salvador")});
    // "Copy municipalities without apoio": 414 names, none of the three.
    REQUIRE(page->copyReachButton()->isEnabled());
    QTest::mouseClick(page->copyReachButton(), Qt::LeftButton);
    const QStringList copied =
        QGuiApplication::clipboard()->text().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    REQUIRE(copied.size() == 1 + 414);
    CHECK(copied.first() == QStringLiteral("Municipalities of BA without apoio in %1 (414 of 417):")
                                .arg(core::Period::fromKey(QStringLiteral("2026-Q2")).display()));
    CHECK_FALSE(copied.contains(QStringLiteral("Salvador")));
    CHECK(copied.contains(QStringLiteral("Ilhéus")));

    // An older quadrimestre, chosen with the keyboard: nobody reported, nothing reached.
    page->table()->setFocus();
    QTest::keyClick(page->table(), Qt::Key_Left);
    CHECK(page->selectedColumn() == 4);
    CHECK(page->reach().reached.isEmpty());
    CHECK(page->reachLabel()->text().contains(QStringLiteral("0 of 417")));

    // On both office screens, in pt-BR: the six quadrimestres fit without scrolling sideways,
    // and the reach line and its button are whole.
    window.close();
    test::TempDir scratch;
    test::atOfficeScreens(scratch.path(), [&](QSize size, const QString &folder) {
        ui::MainWindow w(context, nullptr, &dialogs);
        w.resize(size);
        w.show();
        REQUIRE(QTest::qWaitForWindowExposed(&w));
        w.showPage(QStringLiteral("coverage"));
        auto *p = qobject_cast<ui::CoveragePage *>(w.page(QStringLiteral("coverage")));
        REQUIRE(p);
        QCoreApplication::processEvents();
        INFO(size.width() << "x" << size.height());
        CHECK_FALSE(p->table()->horizontalScrollBar()->isVisible());
        const QRect button(p->copyReachButton()->mapTo(&w, QPoint(0, 0)), p->copyReachButton()->size());
        CHECK(w.rect().contains(button));
        CHECK(p->reachLabel()->height() >= p->reachLabel()->heightForWidth(p->reachLabel()->width()));
        w.grab().save(
            QStringLiteral("%1/cosems-coverage-%2x%3.png").arg(folder).arg(size.width()).arg(size.height()));
    });
}
