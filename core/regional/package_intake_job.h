// Takes in report package files at the URS (PackageIntake::receive) — or the URS's
// batch files at the central level (BatchIntake::receive, kind BatchFiles), or a
// municipality's own packages (package::importPackage, kind OwnPackages) — on a worker
// thread (QtConcurrent), with progress and cancel: each file is up to 32 MiB to
// read, verify (checksums, manifest, photos, the program's rules) and store, and
// a folder can hold dozens. The worker opens the profile through connections of
// its own, never the owner's. Signals arrive on the thread that owns the job;
// cancelling stops before the next file (a file is taken in whole or not at all),
// and `finished` says what happened to each file that was looked at.
#pragma once

#include "core/regional/batch_intake.h"
#include "core/regional/package_intake.h"
#include "core/services/revision_importer.h"

#include <QFutureWatcher>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <memory>

namespace mobiliza::core {

class Clock;

struct IntakeFileResult
{
    QString path;
    bool ok = false;
    IntakeOutcome outcome;    // when ok (a package, at the URS)
    BatchIntakeOutcome batch; // when ok (a batch file)
    ImportOutcome own;        // when ok (a package of the municipality's own report)
    Error error;           // when not
};

struct IntakeJobResult
{
    QList<IntakeFileResult> files; // in the order given; those after a cancel are absent
    bool cancelled = false;
    Error openError; // the profile could not be opened by the worker (code empty otherwise)
};

class PackageIntakeJob : public QObject
{
    Q_OBJECT

public:
    enum class Kind
    {
        Packages,    // a URS takes in its municipalities' packages (PackageIntake)
        BatchFiles,  // the central level takes in URS batch files (BatchIntake)
        OwnPackages, // a municipality takes back its own reports (package::importPackage)
    };
    PackageIntakeJob(QString dataDir, const Clock &clock, QStringList paths, QObject *parent = nullptr,
                     Kind kind = Kind::Packages);
    ~PackageIntakeJob() override; // cancels and waits for the worker

    void start(); // once
    void cancel();
    bool isRunning() const { return m_running; }
    int fileCount() const { return int(m_paths.size()); }
    Kind kind() const { return m_kind; }

    // Tests: runs on the worker before each file is looked at (to hold the worker
    // at a known point). Set before start().
    void setWorkerHook(std::function<void(int index)> hook) { m_hook = std::move(hook); }

Q_SIGNALS:
    void progress(int done, int total, const QString &fileName); // before `fileName` is read
    void finished(const mobiliza::core::IntakeJobResult &result);

private:
    void onFinished();

    QString m_dataDir;
    const Clock &m_clock;
    QStringList m_paths;
    Kind m_kind;
    std::function<void(int)> m_hook;
    std::shared_ptr<std::atomic<bool>> m_cancel = std::make_shared<std::atomic<bool>>(false);
    QFutureWatcher<IntakeJobResult> m_watcher;
    bool m_running = false;
    bool m_started = false;
};

} // namespace mobiliza::core
