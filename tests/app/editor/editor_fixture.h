// Shared by the editor tests: a temporary profile on a fixed clock, a dialogs
// fake that pre-answers (tests/app/fake_dialogs.h), and generated JPEG files.
#pragma once

#include "app/ui/app_context.h"
#include "core/domain/clock.h"
#include "core/services/services.h"
#include "tests/app/fake_dialogs.h"
#include "tests/support/temp_dir.h"

#include <QColor>
#include <QDir>
#include <QSize>
#include <QStringList>
#include <QTimeZone>
#include <QWidget>

#include <memory>

namespace mobiliza::test {

// QTest::keyClicks asserts on characters outside ASCII: this types any text.
void typeText(QWidget *widget, const QString &text);

struct EditorFixture
{
    TempDir dir;
    TempDir images;
    core::FixedClock clock{QDateTime(QDate(2026, 11, 22), QTime(14, 0), QTimeZone::utc())};
    std::unique_ptr<core::Services> services;
    ui::AppContext context;
    FakeDialogs dialogs;

    EditorFixture();
    void reopenServices(); // closes and opens the same data folder again
    QString createNovember();
    // A JPEG written in the images folder; each seed gives different content.
    QString makeJpeg(const QString &name, int seed, QSize size = {800, 600});
    // A stored photo blob (content differs by seed), for actions built through the service.
    QString storeBlob(int seed);
    QString fieldId(QLatin1String role) const { return context.program.fieldForRole(role); }
};

// scripts/screenshots.sh sets MOBILIZA_SCREENSHOT_DIR to keep pictures for a human look.
inline void shoot(QWidget &widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("MOBILIZA_SCREENSHOT_DIR");
    if (!dir.isEmpty() && QDir().mkpath(dir))
        widget.grab().save(dir + QLatin1Char('/') + name);
}

} // namespace mobiliza::test
