#pragma once
// HistoryWriter: the thread that owns HistoryStore's write connection. It opens the file (or
// moves a bad one aside and starts a fresh one beside it), then writes queued records in one
// transaction per round: a round starts at the first queued record and ends after 200 ms, at
// 1000 records, at flush() or at destruction. Internal to HistoryStore.

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

class HistoryWriter
{
public:
    static constexpr int kRoundMs = 200;
    static constexpr size_t kRoundRecords = 1000;

    struct Callbacks
    {
        // Both are called on the writer thread.
        std::function<void(int batches, int tasks)> written; // after each committed round
        std::function<void(const QString &message)> error;   // something went wrong (already handled)
    };
    struct Status
    {
        bool open = false;
        QString path;        // the file in use (a fresh one when the requested one was bad)
        QString movedAside;  // where the bad file went; empty when nothing was moved
        QString error;       // the last problem, empty when none
        qint64 maxBatchId = 0;
        quint64 generation = 0; // bumped whenever path changes
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
    Status status() const;

private:
    void run(std::promise<void> *opened);
    // Opens path; when that fails (or `why` says the open file just failed with `failed`), moves
    // the file aside and opens a fresh one. Writer thread only.
    bool openOrRecover(const QString &path, HistoryDatabase::Problem failed, const QString &why);
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
    std::vector<std::promise<qint64> *> m_reservations;
    quint64 m_queued = 0;  // records ever queued
    quint64 m_handled = 0; // records ever written or dropped
    bool m_flushWanted = false;
    bool m_stop = false;
    Status m_status;
    std::thread m_thread;
};

} // namespace qmp
