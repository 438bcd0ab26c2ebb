#pragma once
// HistoryStore: the task history — every finished task and batch, kept in an SQLite file through
// QtSql so a restart keeps them, and queried by the studio, the CLI and the joblog exporter.
//
// Writing never waits for the disk: record() queues the record (microseconds, any thread) and a
// dedicated writer thread commits the queue in one transaction per round (200 ms or 1000 records).
// The file is WAL-mode SQLite with a versioned schema (PRAGMA user_version) and QMP's
// PRAGMA application_id. Only a file SQLite itself reports as damaged (SQLITE_CORRUPT,
// SQLITE_NOTADB) is renamed beside itself (history.sqlite.damaged-20240101-120000, never deleted)
// and replaced by a fresh one, and errorString() / errorOccurred() name both paths. Every other
// problem leaves the file as it is and is an error: a lock another program holds past
// HistoryDatabase::kBusyTimeoutMs (WAL: QMP's own writers only wait for each other's short
// transactions), a file this user cannot write, a history of a newer QMP, another application's
// non-empty SQLite database, a directory, a folder that cannot be made. Then nothing is recorded
// (records are dropped and counted) but queries still read the file when it is a readable history.
// Nothing here crashes or throws on a bad file.
//
// Mode::ReadOnly (qmp history, viewers) opens an existing history read-only and never writes,
// moves or creates anything: isOpen() says whether it can be read, record() is a ValueError.
//
// Queries run on the calling thread on their own read-only connection, which QtSql ties to the
// first thread that queries (normally the store's); a query from another thread is a ValueError.
// They see what was committed: call flush() first to see everything recorded so far.

#include "qmpmonitor_export.h"
#include "batchrecord.h"
#include "taskquery.h"
#include "taskrecord.h"

#include <QList>
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>
#include <optional>

class QThread;

namespace qmp {

class HistoryDatabase;
class HistoryWriter;

class QMP_MONITOR_EXPORT HistoryStore : public QObject
{
    Q_OBJECT
public:
    // The one history of this user that qmp run and qmp-studio share:
    // QStandardPaths::GenericDataLocation + "/qmp/history.sqlite" (~/.local/share/qmp/history.sqlite).
    static QString defaultPath();
    // $QMP_HISTORY when set, else defaultPath(): where a program writes unless told otherwise.
    static QString pathFromEnvironment();

    enum class Mode { ReadWrite, ReadOnly };

    // Opens (ReadWrite: or creates) the history at path; returns once it is open or has failed
    // (see errorString()). Errors found here are not signalled: nobody is connected yet.
    explicit HistoryStore(const QString &path = defaultPath(), QObject *parent = nullptr);
    HistoryStore(const QString &path, Mode mode, QObject *parent = nullptr);
    // Writes everything recorded, then closes the file.
    ~HistoryStore() override;

    // Status; any thread.
    Mode mode() const { return m_mode; }
    bool isOpen() const;            // ReadWrite: records are being written; ReadOnly: the history can be read
    QString requestedPath() const;  // what the constructor was given
    QString path() const;           // the file in use (= requestedPath())
    QString movedAsidePath() const; // where a damaged file was renamed to; empty when none was
    QString errorString() const;    // the last problem, in a sentence for the UI; empty when none
    quint64 droppedRecords() const; // records that could not be written

    // A new batch id, unique in the file even when several programs write it at once (taken there
    // with one small write; > every id in the file when it was opened); thread-safe, blocks for
    // that write. Record the batch under it soon: until then it is an empty placeholder.
    qint64 newBatchId();
    // `count` (>= 1) new batch ids, as newBatchId() but taken in one write however many:
    // for a program that starts many batches at once (`qmp submit ::: inputs`).
    QList<qint64> newBatchIds(int count);
    // Queue a record; thread-safe, never blocks on the disk; ValueError in ReadOnly mode. A batch
    // recorded again with the same id replaces the earlier record (record it when it starts and
    // again when it ends). Output tails longer than TaskRecord::kTailBytes are cut to their last
    // kTailBytes.
    void record(const BatchRecord &batch);
    void record(const TaskRecord &task);
    // Blocks until everything recorded before the call is on disk. False when some of it could
    // not be written (see errorString()).
    bool flush();

    // Queries (see above for the thread). Empty results when the history is not open.
    // Batches newest first: the `limit` newest with id < beforeId (0: from the newest). Only
    // batches with tasks are listed and counted (not an id taken and not recorded yet); batch(id)
    // finds any.
    QList<BatchRecord> batches(int limit, qint64 beforeId = 0) const;
    std::optional<BatchRecord> batch(qint64 id) const;
    qint64 countBatches() const;
    // Tasks matching query, in id (= recording) order, at most limit (>= 1, else ValueError).
    QList<TaskRecord> tasks(const TaskQuery &query, int limit) const;
    qint64 countTasks(const TaskQuery &query = {}) const;

Q_SIGNALS:
    // After each committed write round; emitted from the writer thread (queued to receivers on
    // other threads).
    void written(int batches, int tasks);
    // A problem the store has handled (a bad file moved aside, records dropped); same thread note.
    void errorOccurred(const QString &message);

private:
    HistoryDatabase *reader() const; // null when there is no file to read
    void requireWritable(const char *what) const; // ValueError in ReadOnly mode

    QString m_requestedPath;
    Mode m_mode = Mode::ReadWrite;
    std::unique_ptr<HistoryWriter> m_writer; // ReadWrite only
    QString m_readOnlyError;                 // ReadOnly: why the file cannot be read; empty when it can
    std::atomic<qint64> m_nextBatchId{1};
    mutable std::unique_ptr<HistoryDatabase> m_reader;
    mutable QThread *m_readerThread = nullptr;
    mutable quint64 m_readerGeneration = 0;
    mutable bool m_readerFailed = false; // the reader could not open this generation's file
};

} // namespace qmp
