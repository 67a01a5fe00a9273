// One flush of a whole filesystem shared by every writer waiting at that moment:
// group commit for files. A server storing many small files at once (the hub's photo
// uploads) otherwise flushes each file and its folder on its own — on this project's
// benchmark machine those two fsyncs a photo cost about 40 % of the hub's CPU (bench/README).
// With a GroupFlush, a writer waits for one flush that began after its write; the
// writers that arrive while a flush runs share the next one, so a burst of N photos
// costs a few flushes, not 2 N.
#pragma once

#include <QString>

#include <array>
#include <condition_variable>
#include <functional>
#include <mutex>

namespace mobiliza::core {

class GroupFlush
{
public:
    // Flushes everything written to the filesystem that holds `folder` (Linux: syncfs
    // on the folder, opened at the first flush). Where that cannot be done (another
    // system; the folder cannot be opened) a flush fails: callers then flush their
    // own files, as without a GroupFlush.
    explicit GroupFlush(QString folder);
    // Tests: `flush` is the flush (true: it succeeded).
    explicit GroupFlush(std::function<bool()> flush);
    ~GroupFlush();
    GroupFlush(const GroupFlush &) = delete;
    GroupFlush &operator=(const GroupFlush &) = delete;

    // Returns once a flush that began after this call has ended; true when that flush
    // succeeded. One caller runs it while the others wait. A writer that gets false
    // must flush its own file (a failed syncfs reports an error anywhere on the
    // filesystem, and only once: its own fsync says whether its file is safe).
    bool waitForFlush();

    quint64 flushes() const; // flushes run
    quint64 waits() const;   // calls of waitForFlush()

private:
    bool flushFolder();

    QString m_folder;
    std::function<bool()> m_flush;
    int m_fd = -1; // the folder, opened by the first flush (flushes never overlap)

    mutable std::mutex m_mutex;
    std::condition_variable m_ended;
    bool m_running = false;
    quint64 m_begun = 0; // flushes begun; they run one at a time, in order
    quint64 m_done = 0;  // flushes ended
    quint64 m_waits = 0;
    static constexpr int kResults = 256;
    std::array<bool, kResults> m_ok{}; // flush n's result at n % kResults
};

} // namespace mobiliza::core
