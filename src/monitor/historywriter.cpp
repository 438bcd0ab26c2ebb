#include "historywriter.h"

#include "historydatabase.h"

#include <QCborArray>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

namespace qmp {

namespace {

// Renames path and its -wal / -shm companions to aside (+ the same suffixes). False when the
// main file could not be moved.
bool moveAside(const QString &path, const QString &aside)
{
    if (!QFile::exists(path) || !QFile::rename(path, aside))
        return false;
    for (const char *suffix : {"-wal", "-shm"}) {
        const QString companion = path + QLatin1String(suffix);
        if (QFile::exists(companion))
            QFile::rename(companion, aside + QLatin1String(suffix));
    }
    return true;
}

} // namespace

HistoryWriter::HistoryWriter(const QString &path, Callbacks callbacks)
    : m_callbacks(std::move(callbacks))
{
    std::promise<void> opened;
    std::future<void> ready = opened.get_future();
    m_status.path = path;
    m_thread = std::thread([this, &opened] { run(&opened); });
    ready.wait();
}

HistoryWriter::~HistoryWriter()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
        m_wake.notify_all();
    }
    m_thread.join();
}

void HistoryWriter::wakeLocked()
{
    const size_t pending = m_batches.size() + m_tasks.size();
    if (pending == 1 || pending == kRoundRecords)
        m_wake.notify_one();
}

bool HistoryWriter::admitLocked()
{
    ++m_queued;
    if (m_status.open)
        return true;
    ++m_handled;
    ++m_status.dropped;
    return false;
}

void HistoryWriter::add(const BatchRecord &batch)
{
    std::lock_guard lock(m_mutex);
    if (!admitLocked())
        return;
    m_batches.push_back(batch);
    wakeLocked();
}

void HistoryWriter::add(const TaskRecord &task)
{
    std::lock_guard lock(m_mutex);
    if (!admitLocked())
        return;
    m_tasks.push_back(task);
    TaskRecord &kept = m_tasks.back();
    if (kept.stdoutTail.size() > TaskRecord::kTailBytes)
        kept.stdoutTail = kept.stdoutTail.right(TaskRecord::kTailBytes);
    if (kept.stderrTail.size() > TaskRecord::kTailBytes)
        kept.stderrTail = kept.stderrTail.right(TaskRecord::kTailBytes);
    wakeLocked();
}

bool HistoryWriter::flush()
{
    std::unique_lock lock(m_mutex);
    const quint64 target = m_queued;
    const quint64 droppedBefore = m_status.dropped;
    m_flushWanted = true;
    m_wake.notify_one();
    m_done.wait(lock, [&] { return m_handled >= target; });
    return m_status.open && m_status.dropped == droppedBefore;
}

qint64 HistoryWriter::reserveBatchId()
{
    const std::vector<qint64> ids = reserveBatchIds(1);
    return ids.empty() ? 0 : ids.front();
}

std::vector<qint64> HistoryWriter::reserveBatchIds(int count)
{
    Reservation reservation;
    reservation.count = std::max(count, 1);
    std::future<std::vector<qint64>> ids = reservation.ids.get_future();
    {
        std::lock_guard lock(m_mutex);
        if (!m_status.open || m_stop)
            return {};
        m_reservations.push_back(&reservation);
        m_wake.notify_one();
    }
    return ids.get();
}

std::vector<qint64> HistoryWriter::takeBatchIds(int count)
{
    if (!m_status.open || !m_db->db().transaction())
        return {};
    std::vector<qint64> ids;
    ids.reserve(size_t(count));
    QSqlQuery insert(m_db->db());
    if (insert.prepare(QStringLiteral("INSERT INTO batches (pool, title, created_ms) VALUES ('', '', ?)"))) {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (int i = 0; i < count; ++i) {
            insert.addBindValue(now);
            if (!insert.exec())
                break;
            ids.push_back(insert.lastInsertId().toLongLong());
        }
    }
    insert.finish();
    if (int(ids.size()) != count || !m_db->db().commit()) {
        m_db->db().rollback();
        return {};
    }
    return ids;
}

HistoryWriter::Status HistoryWriter::status() const
{
    std::lock_guard lock(m_mutex);
    return m_status;
}

void HistoryWriter::setError(const QString &message)
{
    {
        std::lock_guard lock(m_mutex);
        m_status.error = message;
    }
    if (m_callbacks.error)
        m_callbacks.error(message);
}

bool HistoryWriter::open(const QString &path)
{
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath())) {
        openFailed(path, QStringLiteral("the folder %1 cannot be created").arg(info.absolutePath()));
        return false;
    }
    if (m_db->openForWriting(path)) {
        std::lock_guard lock(m_mutex);
        m_status.path = path;
        m_status.open = true;
        return true;
    }
    if (m_db->problem() == HistoryDatabase::Problem::Corrupt)
        return recover(path, m_db->errorString());
    openFailed(path, m_db->errorString());
    return false;
}

void HistoryWriter::openFailed(const QString &path, const QString &why)
{
    {
        std::lock_guard lock(m_mutex);
        m_status.open = false;
    }
    setError(QStringLiteral("The task history %1 cannot be used: %2. It was left as it is; finished tasks are "
                            "not being recorded.").arg(path, why));
}

bool HistoryWriter::recover(const QString &path, const QString &why)
{
    m_db->close();
    // Keep the damaged file (renamed, never deleted) and start a fresh, empty one under its name.
    const QString stamp = QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-hhmmss"));
    QString aside = path + QStringLiteral(".damaged-") + stamp;
    for (int n = 2; QFile::exists(aside); ++n)
        aside = path + QStringLiteral(".damaged-") + stamp + QLatin1Char('-') + QString::number(n);
    if (!moveAside(path, aside)) {
        openFailed(path, QStringLiteral("%1, and it could not be renamed to %2").arg(why, aside));
        return false;
    }
    if (!m_db->openForWriting(path)) {
        openFailed(path, QStringLiteral("%1; it was renamed to %2, but a new history could not be started "
                                        "there: %3").arg(why, aside, m_db->errorString()));
        return false;
    }
    {
        std::lock_guard lock(m_mutex);
        m_status.path = path;
        m_status.movedAside = aside;
        m_status.open = true;
        ++m_status.generation;
    }
    setError(QStringLiteral("The task history %1 was damaged: %2. It was renamed to %3 (kept as it was) and a new, "
                            "empty history was started at %1.").arg(path, why, aside));
    return true;
}

QSqlError HistoryWriter::write(const std::vector<BatchRecord> &batches, const std::vector<TaskRecord> &tasks)
{
    QSqlDatabase &db = m_db->db();
    if (!db.transaction())
        return db.lastError();
    auto failed = [&db](const QSqlQuery &query) {
        const QSqlError error = query.lastError();
        db.rollback();
        return error;
    };
    QSqlQuery batch(db);
    batch.prepare(QStringLiteral(
        "INSERT INTO batches (id, pool, title, created_ms, finished_ms, total, ok, failed, started_ms, cancelled,"
        " owner_pid, owner_start, template, shell) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (id) DO UPDATE SET"
        " pool = excluded.pool, title = excluded.title, created_ms = excluded.created_ms,"
        " finished_ms = excluded.finished_ms, total = excluded.total, ok = excluded.ok, failed = excluded.failed,"
        " started_ms = excluded.started_ms, cancelled = excluded.cancelled, owner_pid = excluded.owner_pid,"
        " owner_start = excluded.owner_start, template = excluded.template, shell = excluded.shell"));
    for (const BatchRecord &b : batches) {
        batch.addBindValue(b.id);
        batch.addBindValue(b.pool);
        batch.addBindValue(b.title);
        batch.addBindValue(b.createdMs);
        batch.addBindValue(b.finishedMs);
        batch.addBindValue(b.total);
        batch.addBindValue(b.ok);
        batch.addBindValue(b.failed);
        batch.addBindValue(b.startedMs);
        batch.addBindValue(b.cancelled);
        batch.addBindValue(b.ownerPid);
        batch.addBindValue(qint64(b.ownerStartTicks));
        batch.addBindValue(b.commandTemplate);
        batch.addBindValue(int(b.shell));
        if (!batch.exec())
            return failed(batch);
    }
    QSqlQuery task(db);
    task.prepare(QStringLiteral(
        "INSERT INTO tasks (batch_id, seq, kind, name, state, host, worker_pid, exit_code, start_ms,"
        " duration_ns, attempts, message, input_bytes, stdout_bytes, stderr_bytes, stdout_tail, stderr_tail,"
        " queued_ms, end_ms, reason, reason_args, arguments, result, argv, shell)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    for (const TaskRecord &t : tasks) {
        task.addBindValue(t.batchId);
        task.addBindValue(t.seq);
        task.addBindValue(int(t.kind));
        task.addBindValue(t.name);
        task.addBindValue(int(t.state));
        task.addBindValue(t.host);
        task.addBindValue(t.workerPid);
        task.addBindValue(t.exitCode);
        task.addBindValue(t.startMs);
        task.addBindValue(t.durationNs);
        task.addBindValue(t.attempts);
        task.addBindValue(t.message);
        task.addBindValue(t.inputBytes);
        task.addBindValue(t.stdoutBytes);
        task.addBindValue(t.stderrBytes);
        task.addBindValue(t.stdoutTail);
        task.addBindValue(t.stderrTail);
        task.addBindValue(t.queuedMs);
        task.addBindValue(t.endMs);
        task.addBindValue(t.reason);
        task.addBindValue(t.reasonArgs.isEmpty() ? QByteArray() : t.reasonArgs.toCborValue().toCbor());
        task.addBindValue(t.arguments);
        task.addBindValue(t.result);
        task.addBindValue(t.argv.isEmpty() ? QByteArray() : QCborArray::fromStringList(t.argv).toCborValue().toCbor());
        task.addBindValue(int(t.shell));
        if (!task.exec())
            return failed(task);
    }
    if (!db.commit()) {
        const QSqlError error = db.lastError();
        db.rollback();
        return error;
    }
    return QSqlError();
}

void HistoryWriter::run(std::promise<void> *opened)
{
    m_db = std::make_unique<HistoryDatabase>();
    QString requested;
    {
        std::lock_guard lock(m_mutex);
        requested = m_status.path;
    }
    if (open(requested)) {
        QSqlQuery max(m_db->db());
        if (max.exec(QStringLiteral("SELECT coalesce(max(id), 0) FROM batches")) && max.next()) {
            std::lock_guard lock(m_mutex);
            m_status.maxBatchId = max.value(0).toLongLong();
        }
    }
    opened->set_value();

    std::unique_lock lock(m_mutex);
    for (;;) {
        auto pending = [&] { return m_batches.size() + m_tasks.size(); };
        m_wake.wait(lock, [&] { return m_stop || m_flushWanted || pending() > 0 || !m_reservations.empty(); });
        m_wake.wait_for(lock, std::chrono::milliseconds(kRoundMs), [&] {
            return m_stop || m_flushWanted || pending() >= kRoundRecords || !m_reservations.empty();
        });
        if (!m_reservations.empty()) {
            // Someone waits for batch ids: take them now, then carry on with the round.
            std::vector<Reservation *> reservations;
            reservations.swap(m_reservations);
            lock.unlock();
            for (Reservation *reservation : reservations)
                reservation->ids.set_value(takeBatchIds(reservation->count));
            lock.lock();
            if (!m_stop && !m_flushWanted && pending() < kRoundRecords && pending() > 0)
                continue; // the round's time is not up yet
        }
        std::vector<BatchRecord> batches;
        std::vector<TaskRecord> tasks;
        batches.swap(m_batches);
        tasks.swap(m_tasks);
        m_flushWanted = false;
        const bool stop = m_stop;
        const quint64 count = batches.size() + tasks.size();
        lock.unlock();

        quint64 handled = count;
        if (count > 0) {
            QString failure = QStringLiteral("no history file is open");
            bool ok = false;
            if (m_status.open) {
                QSqlError error = write(batches, tasks);
                if (error.isValid() && HistoryDatabase::classify(error) == HistoryDatabase::Problem::Corrupt
                    && recover(m_status.path, HistoryDatabase::reason(error)))
                    error = write(batches, tasks);
                ok = !error.isValid();
                failure = HistoryDatabase::reason(error);
                const bool locked = !ok && HistoryDatabase::classify(error) == HistoryDatabase::Problem::Locked;
                m_lockedRounds = locked ? m_lockedRounds + 1 : 0;
                if (locked && m_lockedRounds < kLockedRounds) {
                    // Keep them, ahead of what came meanwhile, for the next round.
                    std::lock_guard guard(m_mutex);
                    batches.insert(batches.end(), m_batches.begin(), m_batches.end());
                    tasks.insert(tasks.end(), m_tasks.begin(), m_tasks.end());
                    m_batches.swap(batches);
                    m_tasks.swap(tasks);
                    handled = 0;
                }
            }
            if (ok) {
                if (m_callbacks.written)
                    m_callbacks.written(int(batches.size()), int(tasks.size()));
            } else if (handled == 0) {
                setError(QStringLiteral("The task history %1 could not be written: %2. %3 finished records wait "
                                        "for the next attempt.").arg(m_status.path, failure, QString::number(count)));
            } else {
                {
                    std::lock_guard guard(m_mutex);
                    m_status.dropped += count;
                }
                setError(QStringLiteral("%1 finished records (tasks and batches) could not be written to "
                                        "the task history %2: %3.").arg(QString::number(count), m_status.path, failure));
            }
        }

        lock.lock();
        m_handled += handled;
        m_done.notify_all();
        if (stop && pending() == 0) {
            for (Reservation *reservation : std::exchange(m_reservations, {}))
                reservation->ids.set_value({});
            break;
        }
    }
    lock.unlock();
    if (m_db->isOpen())
        QSqlQuery(m_db->db()).exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    m_db.reset();
}

} // namespace qmp
