#pragma once
// HistoryWriter: the thread that owns HistoryStore's write connection. It opens the file, then
// writes queued records in one transaction per round: a round starts at the first queued record
// and ends after 200 ms, at 1000 records, at flush() or at destruction. Internal to HistoryStore.
//
// A file SQLite reports as damaged (at the open or in a round) is renamed beside itself
// (history.sqlite.damaged-20240101-120000, never deleted) and a fresh one is started under the
// old name; every other problem leaves the file alone: nothing is recorded (records are counted
// as dropped) and the error says why. A round that finds the file locked by another connection
// (past HistoryDatabase::kBusyTimeoutMs) keeps its records and tries again in the next round, up
// to kLockedRounds times in a row, then drops them.

#include "qmpmonitor_export.h"
#include "batchrecord.h"
#include "historydatabase.h"
#include "taskrecord.h"

#include <QSqlError>
#include <QString>

#include <condition_variable>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace qmp {

class QMP_MONITOR_AUTOTEST_EXPORT HistoryWriter
{
public:
    static constexpr int kRoundMs = 200;
    static constexpr size_t kRoundRecords = 1000;
    static constexpr int kLockedRounds = 3;

    struct Callbacks
    {
        // Both are called on the writer thread.
        std::function<void(int batches, int tasks)> written; // after each committed round
        std::function<void(const QString &message)> error;   // something went wrong (already handled)
    };
    struct Status
    {
        bool open = false;
        QString path;        // the file in use
        QString movedAside;  // where a damaged file went; empty when nothing was moved
        QString error;       // the last problem, empty when none
        qint64 maxBatchId = 0;
        quint64 generation = 0; // bumped whenever a fresh file replaces the one in use
        quint64 dropped = 0;    // records that could not be written
    };

    // Starts the thread and returns once the file is open (or could not be).
    HistoryWriter(const QString &path, Callbacks callbacks);
    ~HistoryWriter(); // writes everything queued, then stops the thread

    // Thread-safe; queue the record (microseconds) or drop it when no file could be opened.
    void add(const BatchRecord &batch);
    void add(const TaskRecord &task);
    // Blocks until everything queued before the call is written (or dropped). True when nothing
    // was dropped meanwhile.
    bool flush();
    // A new batch id, taken in the file itself (a placeholder row the batch's record replaces),
    // so programs sharing one history never hand out the same id. Blocks for one small write
    // transaction on the writer thread; 0 when no file is open or the write failed.
    qint64 reserveBatchId();
    // `count` (>= 1) new batch ids the same way, taken in one transaction (one commit however
    // many); empty when no file is open or the write failed.
    std::vector<qint64> reserveBatchIds(int count);
    Status status() const;

private:
    void run(std::promise<void> *opened);
    // Opens path; a damaged file is moved aside and a fresh one opened. Writer thread only.
    bool open(const QString &path);
    // Moves the damaged file at path aside (why: what SQLite said) and opens a fresh one.
    bool recover(const QString &path, const QString &why);
    // Status after an open failed for good: not recording, and why.
    void openFailed(const QString &path, const QString &why);
    // One transaction; an invalid QSqlError when it committed.
    QSqlError write(const std::vector<BatchRecord> &batches, const std::vector<TaskRecord> &tasks);
    void setError(const QString &message);
    void wakeLocked();
    // Counts a record handed in; false (and counted as dropped) when no file is open. m_mutex held.
    bool admitLocked();

    Callbacks m_callbacks;
    std::unique_ptr<HistoryDatabase> m_db; // writer thread only

    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_done;
    std::vector<BatchRecord> m_batches;
    std::vector<TaskRecord> m_tasks;
    struct Reservation
    {
        int count = 1;
        std::promise<std::vector<qint64>> ids;
    };
    // Writer thread: takes `count` ids in one transaction; empty when it could not.
    std::vector<qint64> takeBatchIds(int count);
    std::vector<Reservation *> m_reservations;
    quint64 m_queued = 0;  // records ever queued
    quint64 m_handled = 0; // records ever written or dropped
    int m_lockedRounds = 0; // writer thread: rounds in a row that found the file locked
    bool m_flushWanted = false;
    bool m_stop = false;
    Status m_status;
    std::thread m_thread;
};

} // namespace qmp
