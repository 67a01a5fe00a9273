// What the Synchronization page's tests share (test_sync_page.cpp and
// test_sync_page_waiting.cpp): a profile with a real SyncController, a fake hub on
// 127.0.0.1, and a hub hidden behind a network login page.
#pragma once

#include "tests/sync/fake_hub.h"

#include "app/ui/pages/sync_page.h"
#include "sync/client/sync_controller.h"
#include "sync/client/token_store.h"

#include <QListWidget>
#include <QNetworkAccessManager>

#include <memory>

namespace mobiliza::test::syncpage {

struct Page
{
    SyncProfile profile;
    QNetworkAccessManager network;
    sync::FileTokenStore tokens{profile.dir.filePath(QStringLiteral("hub-token"))};
    std::unique_ptr<sync::SyncController> controller;
    ui::AppContext context;

    explicit Page(bool withController = true)
    {
        context = ui::AppContext{profile.dir.path(), core::ReferenceData::embedded(),
                                 core::ProgramDefinition::sesMgMobilizacao(), profile.services.get(),
                                 &profile.clock};
        if (withController) {
            sync::SyncOptions o;
            o.watchConnectivity = false;
            o.timeouts = {3000, 3000};
            o.random01 = [] { return 0.5; };
            controller = std::make_unique<sync::SyncController>(*profile.services, &network, tokens, o);
            context.sync = controller.get();
        }
    }

    void enroll(const FakeHub &hub)
    {
        REQUIRE(controller->enrollBlocking(hub.url(), QStringLiteral("GOOD-CODE")).ok());
    }
};

inline QString rowText(const ui::SyncPage &page, int row)
{
    return page.queue()->item(row)->text();
}

// A network login page (hotel or public Wi-Fi) answers instead of the hub.
inline void answerWithLoginPage(FakeHub &hub)
{
    hub.fault = [](const test::SeenRequest &) {
        return test::CannedResponse::http(200, "<html>Entre com seu CPF para usar o Wi-Fi</html>",
                                          "text/html");
    };
}

// An enrolled installation with October concluded, its page open, and a network login
// page answering instead of its hub.
struct BehindLoginPage
{
    Page p;
    FakeHub hub;
    std::unique_ptr<ui::SyncPage> page;

    BehindLoginPage()
    {
        p.enroll(hub);
        p.profile.concludedReport({2026, 10}, 1);
        answerWithLoginPage(hub);
        page = std::make_unique<ui::SyncPage>(p.context);
        page->resize(1000, 640);
        page->show();
    }
};

inline void shoot(QWidget &widget, const QString &name)
{
    QString dir = qEnvironmentVariable("MOBILIZA_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    widget.grab().save(dir + QLatin1Char('/') + name);
}

} // namespace mobiliza::test::syncpage
