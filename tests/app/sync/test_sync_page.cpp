// The Synchronization page and the enrollment dialog, offscreen, with a real
// SyncController talking to a fake hub on 127.0.0.1.
#include "tests/app/sync/sync_page_fixture.h"

#include "app/ui/models/report_list_model.h"
#include "app/ui/pages/sync_page.h"
#include "app/ui/sync/enroll_dialog.h"
#include "app/ui/sync/keychain_token_store.h"
#include "core/services/services.h"
#include "sync/client/sync_controller.h"
#include "sync/client/token_store.h"
#include "tests/support/temp_dir.h"

#include <QAbstractItemModel>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QNetworkAccessManager>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStyle>
#include <QTest>
#include <QTimeZone>
#include <QTimer>

#include <memory>

using namespace mobiliza;
using test::FakeHub;
using test::SyncProfile;
using namespace test::syncpage;

namespace {

// Counts one type of event reaching some widgets.
struct EventCounter : QObject
{
    EventCounter(QEvent::Type t, std::initializer_list<QWidget *> widgets) : type(t)
    {
        for (QWidget *w : widgets)
            w->installEventFilter(this);
    }
    bool eventFilter(QObject *, QEvent *event) override
    {
        count += event->type() == type ? 1 : 0;
        return false;
    }
    QEvent::Type type;
    int count = 0;
};

} // namespace

TEST_CASE("sync page: without a controller it lists the outbox in words and can hold and release")
{
    Page p(false);
    const QString october = p.profile.concludedReport({2026, 10}, 2);
    const QString september = p.profile.concludedReport({2026, 9}, 0);
    const QString rejected = p.profile.itemOf(september).uuid;
    REQUIRE(p.profile.outbox->markSending(rejected).ok());
    REQUIRE(p.profile.outbox
                ->markRejected(rejected, {QStringLiteral("validation_failed"),
                                          QStringLiteral("O hub recusou."),
                                          {core::Finding{QStringLiteral("actions[0].fields.audience"),
                                                         core::Severity::Error, QStringLiteral("required"),
                                                         QStringLiteral("Informe o público-alvo.")}}})
                .ok());

    ui::SyncPage page(p.context);
    page.resize(1000, 640);
    page.show();
    REQUIRE(page.queue()->count() == 2);
    CHECK(rowText(page, 0).contains(QStringLiteral("waiting to be sent")));
    CHECK(rowText(page, 0).contains(QStringLiteral("2 photo(s)")));
    CHECK(rowText(page, 1).contains(QStringLiteral("refused by the hub")));
    CHECK(page.summary()->text().contains(QStringLiteral("1 report(s) waiting to be sent")));
    CHECK(page.summary()->text().contains(QStringLiteral("1 refused by the hub")));
    CHECK_FALSE(page.syncNowButton()->isEnabled());
    CHECK(page.connectionLabel()->text().contains(QStringLiteral("not available")));

    // The rejected item shows the hub's findings where they are.
    page.queue()->setCurrentRow(1);
    const QString audience = p.context.program.field(QStringLiteral("audience"))->label;
    CHECK(page.details()->text().contains(QStringLiteral("Informe o público-alvo.")));
    CHECK(page.details()->text().contains(QStringLiteral("Action 1 — ") + audience.toHtmlEscaped()));
    CHECK(page.retryButton()->isEnabled());

    // Hold the waiting one with the keyboard.
    page.activateWindow();
    REQUIRE(QTest::qWaitForWindowActive(&page));
    page.queue()->setFocus();
    page.queue()->setCurrentRow(0);
    CHECK(page.holdButton()->text() == QStringLiteral("&Hold"));
    QTest::keyClick(page.queue(), Qt::Key_H, Qt::AltModifier); // the mnemonic
    // A mnemonic "animates" the click: it lands a moment later.
    CHECK(test::waitFor([&] { return p.profile.itemOf(october).state == core::OutboxState::Held; }, 3000));
    CHECK(rowText(page, 0).contains(QStringLiteral("held")));
    CHECK(page.holdButton()->text() == QStringLiteral("&Release"));
    page.holdButton()->click();
    CHECK(p.profile.itemOf(october).state == core::OutboxState::Queued);
    shoot(page, QStringLiteral("sync-page-offline-session.png"));
}

TEST_CASE("sync page: a report's way past the URS in words: forwarded to the central level, consolidated")
{
    Page p(false);
    const QString report = p.profile.concludedReport({2026, 10}, 1);
    const QString item = p.profile.itemOf(report).uuid;
    REQUIRE(p.profile.outbox->markSending(item).ok());
    REQUIRE(p.profile.outbox->markReceived(item, {QStringLiteral("r-1"), p.profile.clock.now()}).ok());
    ui::SyncPage page(p.context);
    page.resize(1000, 640);
    page.show();
    CHECK(rowText(page, 0).contains(QStringLiteral("received by the URS on")));
    qint64 cursor = p.profile.outbox->statusCursor();
    auto hubSays = [&](const QString &state) {
        core::HubReview r;
        r.report = report;
        r.revision = 1;
        r.state = state;
        r.at = p.profile.clock.now();
        REQUIRE(p.profile.outbox->applyHubReviews({r}, ++cursor).ok());
        page.reload();
    };
    hubSays(QStringLiteral("accepted"));
    CHECK(rowText(page, 0).contains(QStringLiteral("accepted by the URS")));
    hubSays(QStringLiteral("forwarded"));
    CHECK(rowText(page, 0).contains(QStringLiteral("accepted by the URS and forwarded to the central level")));
    hubSays(QStringLiteral("consolidated"));
    CHECK(rowText(page, 0).contains(QStringLiteral("consolidated by the central level")));
    CHECK_FALSE(rowText(page, 0).contains(QStringLiteral("received by the URS")));
}

TEST_CASE("sync page: a returned report says so with the URS's comment, and stays returned once corrected")
{
    Page p(false);
    const QString report = p.profile.concludedReport({2026, 10}, 1);
    const QString item = p.profile.itemOf(report).uuid;
    REQUIRE(p.profile.outbox->markSending(item).ok());
    REQUIRE(p.profile.outbox->markReceived(item, {QStringLiteral("r-1"), p.profile.clock.now()}).ok());
    core::HubReview r;
    r.report = report;
    r.revision = 1;
    r.state = QStringLiteral("returned");
    r.comment = QStringLiteral("Falta a foto da ação 2.");
    r.at = p.profile.clock.now();
    REQUIRE(p.profile.outbox->applyHubReviews({r}, p.profile.outbox->statusCursor() + 1).ok());
    ui::SyncPage page(p.context);
    page.resize(1000, 640);
    page.show();
    CHECK(rowText(page, 0).contains(QStringLiteral("returned by the URS for correction")));
    CHECK(page.summary()->text().contains(QStringLiteral("returned by the URS for correction")));
    // Not the green tick of a report that is done.
    const auto iconImage = [&page](QStyle::StandardPixmap which) {
        return page.style()->standardIcon(which).pixmap(16).toImage();
    };
    const QImage shown = page.queue()->item(0)->icon().pixmap(16).toImage();
    CHECK(shown != iconImage(QStyle::SP_DialogApplyButton));
    CHECK(shown == iconImage(QStyle::SP_MessageBoxWarning));
    page.queue()->setCurrentRow(0);
    CHECK(page.details()->text().contains(QStringLiteral("Falta a foto da ação 2.")));

    // Reopened for correction (revision 2): revision 1 is still the one the URS returned.
    REQUIRE(p.profile.services->reports().applyEvent(report, core::ReportEvent::Reopen).ok());
    page.reload();
    CHECK(rowText(page, 0).contains(
        QStringLiteral("returned by the URS for correction; revision 2 replaces it")));
    CHECK_FALSE(rowText(page, 0).contains(QStringLiteral("received by the URS")));
    CHECK(page.queue()->item(0)->icon().pixmap(16).toImage() == iconImage(QStyle::SP_ArrowBack));
}

TEST_CASE("An apoiador's returned quadrimestre names the COSEMS coordination, in the list, the page and the "
          "editor's words")
{
    // The apoio program names its review level: no message of its reporting level says "URS".
    test::ApoiadorProfile apoiador;
    core::Services &services = *apoiador.services;
    core::OutboxService outbox(services.database(), services.notifier(), apoiador.clock, services.audit(),
                               [] { return 0.5; });
    auto created = services.reports().createReport(QStringLiteral("apoio_cosems"),
                                                   core::Period::quadrimesterOf(2026, 2));
    REQUIRE(created.ok());
    const QString report = created->uuid;
    REQUIRE(services.reports()
                .setNoActions(report, true, QStringLiteral("Sem ações neste quadrimestre: licença médica."))
                .ok());
    REQUIRE(services.reports().conclude(report).ok());
    const auto items = outbox.items();
    REQUIRE(items.ok());
    REQUIRE(items->size() == 1);
    const QString item = items->constFirst().uuid;
    REQUIRE(outbox.markSending(item).ok());
    REQUIRE(outbox.markReceived(item, {QStringLiteral("r-1"), apoiador.clock.now()}).ok());
    const ui::AppContext context{apoiador.dir.path(), core::ReferenceData::embedded(),
                                 core::ProgramDefinition::apoioCosems(), &services, &apoiador.clock};
    CHECK(context.reviewer() == QStringLiteral("Coordenação do COSEMS"));
    CHECK(ui::reportStateText(core::ReportState::Received, context.reviewer()) ==
          QStringLiteral("Sent — received by Coordenação do COSEMS"));
    {
        ui::SyncPage page(context);
        page.resize(1000, 640);
        page.show();
        CHECK(rowText(page, 0).contains(QStringLiteral("received by Coordenação do COSEMS")));
    }

    core::HubReview r;
    r.report = report;
    r.revision = 1;
    r.state = QStringLiteral("returned");
    r.comment = QStringLiteral("Descreva a licença e as datas.");
    r.at = apoiador.clock.now();
    REQUIRE(outbox.applyHubReviews({r}, outbox.statusCursor() + 1).ok());
    ui::SyncPage page(context);
    page.resize(1000, 640);
    page.show();
    CHECK(rowText(page, 0).contains(QStringLiteral("returned by Coordenação do COSEMS for correction")));
    CHECK(page.summary()->text().contains(
        QStringLiteral("1 returned by Coordenação do COSEMS for correction")));
    page.queue()->setCurrentRow(0);
    CHECK(page.details()->text().contains(
        QStringLiteral("Comment of Coordenação do COSEMS: “Descreva a licença e as datas.”")));
    for (const QString &text : {rowText(page, 0), page.summary()->text(), page.details()->text()})
        CHECK_FALSE(text.contains(QStringLiteral("URS")));
    CHECK(ui::reportStateText(core::ReportState::Accepted, context.reviewer()) ==
          QStringLiteral("Accepted by Coordenação do COSEMS"));
    // SES-MG's words are the URS's, as before.
    CHECK(ui::reportStateText(core::ReportState::Accepted, QString()) ==
          QStringLiteral("Accepted by the URS"));
}

TEST_CASE("sync page: Sync now runs a pass and shows what the hub received")
{
    Page p;
    FakeHub hub;
    p.enroll(hub);
    const QString report = p.profile.concludedReport({2026, 10}, 3, 40'000);
    ui::SyncPage page(p.context);
    page.resize(1000, 640);
    page.show();
    CHECK(page.connectionLabel()->text().contains(QStringLiteral("URS Belo Horizonte")));
    CHECK(page.connectionLabel()->text().contains(QStringLiteral("No successful contact")));
    CHECK(page.summary()->text().contains(QStringLiteral("1 report(s) waiting to be sent")));
    // Between passes, with a report waiting, the status never says "up to date".
    CHECK(p.controller->state() == sync::SyncState::Idle);
    CHECK(page.statusLabel()->text().contains(QStringLiteral("Waiting for the next attempt to send")));
    CHECK_FALSE(page.statusLabel()->text().contains(QStringLiteral("Up to date")));

    bool sawProgress = false;
    QObject::connect(p.controller.get(), &sync::SyncController::progressChanged,
                     [&](const QString &, qint64 sent, qint64 total) {
                         if (total > 0 && sent > 0 && page.progressBar()->isVisible())
                             sawProgress = true;
                     });
    QTest::mouseClick(page.syncNowButton(), Qt::LeftButton);
    REQUIRE(test::waitFor([&] { return p.profile.itemOf(report).state == core::OutboxState::Received; }));
    REQUIRE(test::waitFor([&] { return !p.controller->isRunning(); }));
    CHECK(sawProgress);
    CHECK_FALSE(page.progressBar()->isVisible());
    CHECK(rowText(page, 0).contains(QStringLiteral("received by the URS on")));
    CHECK(page.summary()->text().contains(QStringLiteral("Nothing waiting")));
    CHECK(page.connectionLabel()->text().contains(QStringLiteral("Last successful contact: 22/11/2026")));
    CHECK(page.statusLabel()->text().contains(QStringLiteral("Up to date")));
    page.queue()->setCurrentRow(0);
    CHECK(page.details()->text().contains(QStringLiteral("Receipt r-1")));
    shoot(page, QStringLiteral("sync-page-received.png"));
}

TEST_CASE("sync page: a pass rewrites only the rows that change, and the bar carries the progress words")
{
    // Issue 12 §7: a list view measures all its rows again whenever one changes, and a
    // rebuilt list or a label re-styled re-measures the whole window: a pass over ten years
    // of revisions stalled the window for 30–50 ms at each step.
    Page p;
    const QString october = p.profile.concludedReport({2026, 10}, 1);
    const QString september = p.profile.concludedReport({2026, 9}, 0);
    ui::SyncPage page(p.context);
    page.resize(1000, 640);
    page.show();
    REQUIRE(QTest::qWaitForWindowExposed(&page));
    REQUIRE(page.queue()->count() == 2);
    const QString item = p.profile.itemOf(october).uuid;
    int octoberRow = -1;
    for (int i = 0; i < page.queue()->count(); ++i)
        if (page.queue()->item(i)->data(Qt::UserRole).toString() == item)
            octoberRow = i;
    REQUIRE(octoberRow >= 0);
    QListWidgetItem *octoberItem = page.queue()->item(octoberRow);
    QListWidgetItem *septemberItem = page.queue()->item(1 - octoberRow);
    QAbstractItemModel *model = page.queue()->model();
    QSignalSpy reset(model, &QAbstractItemModel::modelReset);
    QSignalSpy removed(model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(model, &QAbstractItemModel::dataChanged);
    EventCounter restyled(QEvent::StyleChange, {page.summary(), page.statusLabel(), page.connectionLabel()});

    // Read again with nothing changed: not a row touched, no label styled again.
    page.reload();
    CHECK(changed.isEmpty());
    CHECK(restyled.count == 0);

    // October starts sending: its row only, the same row object.
    REQUIRE(p.profile.outbox->markSending(item).ok());
    page.reload();
    CHECK(reset.isEmpty());
    CHECK(removed.isEmpty());
    CHECK(inserted.isEmpty());
    REQUIRE(page.queue()->item(octoberRow) == octoberItem);
    CHECK(octoberItem->text().contains(QStringLiteral("sending…")));
    CHECK(septemberItem->text().contains(QStringLiteral("waiting to be sent")));
    REQUIRE_FALSE(changed.isEmpty());
    for (const QList<QVariant> &args : std::as_const(changed))
        CHECK(args.at(0).toModelIndex().row() == octoberRow);
    CHECK(restyled.count == 0);

    // Its chunks go: the bar says how far, in words, and no row changes.
    changed.clear();
    Q_EMIT p.controller->progressChanged(item, 0, 4'000'000);
    Q_EMIT p.controller->progressChanged(item, 1'500'000, 4'000'000);
    Q_EMIT p.controller->progressChanged(item, 3'000'000, 4'000'000);
    CHECK(page.progressBar()->isVisible());
    CHECK(page.progressBar()->value() == 75);
    // (the month's name and the sizes in the locale: pt-BR here)
    CHECK(page.progressBar()->text().startsWith(QStringLiteral("Sending ")));
    CHECK(page.progressBar()->text().endsWith(QStringLiteral(" 2026: 3,0 MB of 4,0 MB")));
    CHECK(changed.isEmpty());

    // Between two revisions the bar stays (the page does not jump) with other words.
    Q_EMIT p.controller->progressChanged(item, 0, 0);
    CHECK(page.progressBar()->isVisible());
    CHECK(page.progressBar()->text() == QStringLiteral("Checking with the hub…"));
    CHECK(changed.isEmpty());

    // A revision that comes or goes rebuilds the list.
    p.profile.concludedReport({2026, 8}, 0);
    page.reload();
    CHECK(page.queue()->count() == 3);
    CHECK(reset.size() + removed.size() >= 1);
    CHECK(page.summary()->text().contains(QStringLiteral("3 report(s) waiting to be sent")));
}

TEST_CASE("enrollment dialog: validates the address and the code, then connects")
{
    Page p;
    FakeHub hub;
    ui::EnrollDialog dialog(p.controller.get(), QString());
    dialog.show();
    CHECK_FALSE(dialog.connectButton()->isEnabled());

    QTest::keyClicks(dialog.urlField(), QStringLiteral("ftp://hub"));
    CHECK_FALSE(dialog.connectButton()->isEnabled());
    CHECK(dialog.messageLabel()->text().contains(QStringLiteral("not a web address")));

    dialog.urlField()->clear();
    QTest::keyClicks(dialog.urlField(), hub.url());
    CHECK(dialog.urlProblem().isEmpty());
    CHECK_FALSE(dialog.connectButton()->isEnabled()); // no code yet
    QTest::keyClicks(dialog.codeField(), QStringLiteral("12#34"));
    CHECK_FALSE(dialog.connectButton()->isEnabled());
    CHECK(dialog.messageLabel()->text().contains(QStringLiteral("letters, digits and dashes")));

    // A wrong code keeps the dialog open with the reason.
    dialog.codeField()->clear();
    QTest::keyClicks(dialog.codeField(), QStringLiteral("WRONG-CODE"));
    REQUIRE(dialog.connectButton()->isEnabled());
    QTest::keyClick(dialog.codeField(), Qt::Key_Return);
    REQUIRE(test::waitFor([&] { return dialog.urlField()->isEnabled(); }));
    CHECK(dialog.isVisible());
    CHECK(dialog.messageLabel()->text().contains(QStringLiteral("enrollment code was not accepted")));
    shoot(dialog, QStringLiteral("sync-enroll-dialog.png"));

    // Typed with spaces, as read from a note: the spaces do not count (the hub ignores them too).
    dialog.codeField()->clear();
    QTest::keyClicks(dialog.codeField(), QStringLiteral(" GOOD - CODE "));
    CHECK(dialog.codeProblem().isEmpty());
    QTest::keyClick(dialog.codeField(), Qt::Key_Return);
    REQUIRE(test::waitFor([&] { return dialog.result() == QDialog::Accepted; }));
    CHECK(p.controller->isEnrolled());
}

TEST_CASE("enrollment dialog: without a controller nothing can be sent")
{
    ui::EnrollDialog dialog(nullptr, QStringLiteral("https://hub.example"));
    QTest::keyClicks(dialog.codeField(), QStringLiteral("K7QF-2M9X-PL4D"));
    CHECK_FALSE(dialog.connectButton()->isEnabled());
    CHECK(dialog.messageLabel()->text().contains(QStringLiteral("not available")));
}

TEST_CASE("enrollment dialog: a URS and the central level are told who gives their code")
{
    auto introOf = [](const ui::EnrollDialog &dialog) {
        QStringList texts;
        for (const QLabel *label : dialog.findChildren<QLabel *>())
            texts << label->text();
        return texts.join(QLatin1Char('\n'));
    };
    const ui::EnrollDialog municipality(nullptr, QString());
    CHECK(municipality.windowTitle() == QStringLiteral("Connect to the URS hub"));
    CHECK(introOf(municipality).contains(QStringLiteral("gives each municipality")));
    CHECK(municipality.urlProblem() == QStringLiteral("Type the hub address the URS gave you."));

    const ui::EnrollDialog urs(nullptr, QString(), nullptr, core::Role::Urs);
    CHECK(urs.windowTitle() == QStringLiteral("Connect to the hub"));
    CHECK(introOf(urs).contains(QStringLiteral("mobiliza-hub enroll --urs")));
    CHECK(urs.urlProblem() == QStringLiteral("Type the hub address the hub's administrator gave you."));

    const ui::EnrollDialog central(nullptr, QString(), nullptr, core::Role::Central);
    CHECK(central.windowTitle() == QStringLiteral("Connect to the hub"));
    CHECK(introOf(central).contains(QStringLiteral("mobiliza-hub enroll --central")));
    CHECK_FALSE(introOf(central).contains(QStringLiteral("municipalit")));
}

TEST_CASE("keychain token store: falls back to an owner-only file and says so")
{
    test::TempDir dir;
    const QString file = dir.filePath(QStringLiteral("hub-token"));
    ui::KeychainTokenStore store(QStringLiteral("Mobiliza tests"), QStringLiteral("hub-token-test"), file,
                                 3000);
    REQUIRE(store.write(QStringLiteral("tok_keychain_or_file_0123456789")).ok());
    auto read = store.read();
    REQUIRE(read.ok());
    CHECK(read.value() == QStringLiteral("tok_keychain_or_file_0123456789"));
    // Here no secret service runs (STACK.md): the file holds it, and the page must warn.
    if (store.usingFallback()) {
        CHECK(QFile::exists(file));
        CHECK((QFile::permissions(file) & (QFileDevice::ReadGroup | QFileDevice::ReadOther)) == 0);
    } else {
        CHECK_FALSE(QFile::exists(file));
    }
    REQUIRE(store.clear().ok());
    CHECK(store.read().value().isEmpty());
    CHECK_FALSE(QFile::exists(file));
}

TEST_CASE("sync page: an apoiador is told who gives its code, connects through the dialog and sees its state")
{
    test::ApoiadorProfile apoiador;
    core::Services &services = *apoiador.services;
    const test::TempDir &dir = apoiador.dir;
    QNetworkAccessManager network;
    sync::FileTokenStore tokens(dir.filePath(QStringLiteral("hub-token")));
    sync::SyncOptions o;
    o.watchConnectivity = false;
    o.timeouts = {3000, 3000};
    sync::SyncController controller(services, &network, tokens, o);
    const core::ProgramDefinition program = core::ProgramDefinition::apoioCosems();
    ui::AppContext context{dir.path(), core::ReferenceData::embedded(), program, &services, &apoiador.clock,
                           &controller};

    FakeHub hub;
    hub.municipality = services.profile().reportingUnit();
    hub.program = QStringLiteral("apoio_cosems");
    hub.uf = QStringLiteral("BA");

    ui::SyncPage page(context);
    page.resize(1000, 640);
    page.show();
    CHECK(page.connectButton()->text() == QStringLiteral("&Connect to the hub…"));
    CHECK(page.connectionLabel()->text().contains(QStringLiteral("Ask “Coordenação do COSEMS”")));
    CHECK_FALSE(page.connectionLabel()->text().contains(QStringLiteral("URS")));

    // The dialog the button opens, as a person fills it in.
    bool dialogSeen = false;
    QTimer::singleShot(0, [&] {
        const auto dialogs = page.findChildren<ui::EnrollDialog *>();
        if (dialogs.size() != 1)
            return; // dialogSeen stays false
        ui::EnrollDialog *dialog = dialogs.constFirst();
        dialogSeen = true;
        CHECK(dialog->windowTitle() == QStringLiteral("Connect to the hub"));
        QStringList texts;
        for (const QLabel *label : dialog->findChildren<QLabel *>())
            texts << label->text();
        CHECK(texts.join(QLatin1Char('\n'))
                  .contains(QStringLiteral("“Coordenação do COSEMS” gives this installation")));
        CHECK(dialog->urlProblem() ==
              QStringLiteral("Type the hub address “Coordenação do COSEMS” gave you."));
        QTest::keyClicks(dialog->urlField(), hub.url());
        QTest::keyClicks(dialog->codeField(), QStringLiteral("GOOD-CODE"));
        QTest::keyClick(dialog->codeField(), Qt::Key_Return);
    });
    page.connectButton()->click(); // returns when the dialog closes
    CHECK(dialogSeen);
    REQUIRE(controller.isEnrolled());
    REQUIRE(
        test::waitFor([&] { return page.connectionLabel()->text().contains(QStringLiteral("Connected")); }));
    CHECK(page.connectionLabel()->text().contains(QStringLiteral("Apoiador(a) do COSEMS — Bahia (") +
                                                  services.profile().reportingUnit() + QLatin1Char(')')));
    CHECK(page.connectButton()->text() == QStringLiteral("&Connect again…"));
    shoot(page, QStringLiteral("sync-page-apoiador.png"));
}
