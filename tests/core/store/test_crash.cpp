// A crash at any point leaves the last committed state intact: a child process
// writes to the store and is killed with SIGKILL at different moments; the
// store is then reopened and checked.
#include "core/services/services.h"
#include "core/store/database.h"
#include "tests/core/store/store_test_util.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>

using namespace mobiliza;
using namespace mobiliza::core;
using mobiliza::test::count;
using mobiliza::test::TempDir;

namespace {

class Child
{
public:
    Child(const QString &dataDir, const QString &mode)
    {
        m_process.setProgram(QStringLiteral(MOBILIZA_CRASH_HELPER));
        m_process.setArguments({dataDir, mode});
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process.start();
        REQUIRE(m_process.waitForStarted(10000));
    }
    ~Child()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(10000);
        }
    }

    // Reads lines until one starts with `prefix` and its number reaches `atLeast`.
    // Returns the last line seen.
    QString waitFor(const QString &prefix, int atLeast = 0)
    {
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 60000) {
            while (m_process.canReadLine()) {
                const QString line = QString::fromUtf8(m_process.readLine()).trimmed();
                if (line.startsWith(QStringLiteral("ERROR")))
                    FAIL(line.toStdString());
                if (line.startsWith(prefix)) {
                    m_lastNumber = line.section(QLatin1Char(' '), 1, 1).toInt();
                    if (prefix == QStringLiteral("COMMITTED"))
                        m_reportUuid = line.section(QLatin1Char(' '), 1, 1);
                    if (prefix == QStringLiteral("COMMITTED") || m_lastNumber >= atLeast)
                        return line;
                }
            }
            if (m_process.state() == QProcess::NotRunning)
                FAIL("the helper exited early");
            m_process.waitForReadyRead(1000);
        }
        FAIL("timed out waiting for " << prefix.toStdString());
        return {};
    }

    void killNow()
    {
        m_process.kill(); // SIGKILL: no destructor, no rollback, no checkpoint
        REQUIRE(m_process.waitForFinished(10000));
        CHECK(m_process.exitStatus() == QProcess::CrashExit);
        // Lines written before the kill still count as committed.
        while (m_process.canReadLine()) {
            const QString line = QString::fromUtf8(m_process.readLine()).trimmed();
            if (line.startsWith(QStringLiteral("DONE")))
                m_lastNumber = line.section(QLatin1Char(' '), 1, 1).toInt();
        }
    }

    int lastNumber() const { return m_lastNumber; }
    QString reportUuid() const { return m_reportUuid; }

private:
    QProcess m_process;
    int m_lastNumber = 0;
    QString m_reportUuid;
};

std::unique_ptr<Database> reopen(const QString &dir)
{
    auto db = Database::open(dir);
    INFO((db.ok() ? QString() : db.error().message).toStdString());
    REQUIRE(db.ok());
    auto integrity = db.value()->integrityCheck();
    INFO((integrity.ok() ? QString() : integrity.error().message).toStdString());
    CHECK(integrity.ok());
    CHECK(count(db.value()->db(), QStringLiteral("PRAGMA quick_check")) == 0); // "ok" → 0
    return std::move(db.value());
}

} // namespace

TEST_CASE("crash: killed in the middle of a big transaction, the committed state survives", "[store][crash]")
{
    // Kill moments: right after the commit, early in the big transaction, and
    // once its pages spill into the WAL (well past the page cache).
    const int killAfterRows = GENERATE(-1, 0, 1000, 6000);
    INFO("kill after row " << killAfterRows);
    TempDir dir;
    QString reportUuid;
    {
        Child child(dir.path(), QStringLiteral("big"));
        child.waitFor(QStringLiteral("COMMITTED"));
        reportUuid = child.reportUuid();
        if (killAfterRows >= 0)
            child.waitFor(QStringLiteral("ROWS"), killAfterRows);
        child.killNow();
    }
    if (killAfterRows >= 6000) {
        // The uncommitted pages really reached the WAL file before the kill.
        const QString wal = dir.filePath(QStringLiteral("mobiliza.sqlite-wal"));
        CHECK(QFileInfo(wal).size() > 4 * 1024 * 1024);
    }
    {
        auto db = reopen(dir.path());
        const QSqlDatabase c = db->db();
        CHECK(count(c, QStringLiteral("SELECT count(*) FROM reports")) == 1);
        CHECK(count(c, QStringLiteral("SELECT count(*) FROM actions")) == 3);
        CHECK(count(c,
                    QStringLiteral(
                        "SELECT count(*) FROM actions WHERE report_uuid = ? AND position IN (0, 1, 2)"),
                    {reportUuid}) == 3);
        CHECK(count(c, QStringLiteral("SELECT count(*) FROM audit_log WHERE entity = 'action'")) == 3);
    }
    // And the services work on the recovered store.
    FixedClock clock(mobiliza::test::fixedNow());
    auto services = Services::open(dir.path(), clock);
    REQUIRE(services.ok());
    auto report = services.value()->reports().report(reportUuid);
    REQUIRE(report.ok());
    REQUIRE(report->actions.size() == 3);
    CHECK(report->actions[2].values.value(QStringLiteral("title")).toString() == QStringLiteral("A2"));
    CHECK(services.value()->reports().addAction(reportUuid, {}).ok());
}

TEST_CASE("crash: killed among many small commits, every transaction is all or nothing", "[store][crash]")
{
    const int killAfterCommits = GENERATE(1, 40, 400);
    INFO("kill after commit " << killAfterCommits);
    TempDir dir;
    int committed = 0;
    QString reportUuid;
    {
        Child child(dir.path(), QStringLiteral("loop"));
        child.waitFor(QStringLiteral("COMMITTED"));
        reportUuid = child.reportUuid();
        child.waitFor(QStringLiteral("DONE"), killAfterCommits);
        child.killNow();
        committed = child.lastNumber();
    }
    REQUIRE(committed >= killAfterCommits);
    auto db = reopen(dir.path());
    const QSqlDatabase c = db->db();
    const int actions = count(c, QStringLiteral("SELECT count(*) FROM actions"));
    // Everything reported as committed is there; at most the one in flight
    // (committed but not yet announced) is extra.
    CHECK(actions >= committed);
    CHECK(actions <= committed + 1);
    // Each addAction wrote its row, the report's updated_at and its audit row together.
    CHECK(count(c, QStringLiteral(
                       "SELECT count(*) FROM audit_log WHERE entity = 'action' AND action = 'create'")) ==
          actions);
    CHECK(count(c, QStringLiteral("SELECT count(DISTINCT position) FROM actions WHERE position < ?"),
                {actions}) == actions);
}
