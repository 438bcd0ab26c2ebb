#include "historystore.h"

#include "errors.h"
#include "historydatabase.h"
#include "historywriter.h"

#include <QSqlQuery>
#include <QStandardPaths>
#include <QStringList>
#include <QCborArray>
#include <QCborValue>
#include <QThread>
#include <QVariant>

#include <algorithm>

namespace qmp {

namespace {

// The columns read, in order, with the schema version that added each and what an older file
// (read as it is: only a writer upgrades) reads instead.
struct Column
{
    const char *name;
    int since;
    const char *before;
};
constexpr Column kBatchColumns[] = {
    {"id", 1, nullptr}, {"pool", 1, nullptr}, {"title", 1, nullptr}, {"created_ms", 1, nullptr},
    {"finished_ms", 1, nullptr}, {"total", 1, nullptr}, {"ok", 1, nullptr}, {"failed", 1, nullptr},
    {"started_ms", 2, "0"}, {"cancelled", 2, "0"}, {"owner_pid", 2, "0"}, {"owner_start", 2, "0"},
    {"template", 3, "NULL"}, {"shell", 3, "0"},
};
constexpr Column kTaskColumns[] = {
    {"id", 1, nullptr}, {"batch_id", 1, nullptr}, {"seq", 1, nullptr}, {"kind", 1, nullptr},
    {"name", 1, nullptr}, {"state", 1, nullptr}, {"host", 1, nullptr}, {"worker_pid", 1, nullptr},
    {"exit_code", 1, nullptr}, {"start_ms", 1, nullptr}, {"duration_ns", 1, nullptr}, {"attempts", 1, nullptr},
    {"message", 1, nullptr}, {"input_bytes", 1, nullptr}, {"stdout_bytes", 1, nullptr},
    {"stderr_bytes", 1, nullptr}, {"stdout_tail", 1, nullptr}, {"stderr_tail", 1, nullptr},
    {"queued_ms", 2, "0"}, {"end_ms", 2, "0"}, {"reason", 2, "0"}, {"reason_args", 2, "NULL"},
    {"arguments", 2, "NULL"}, {"result", 2, "NULL"},
    {"argv", 3, "NULL"}, {"shell", 3, "0"},
};

template <size_t N>
QString columnList(const Column (&columns)[N], int version)
{
    QStringList names;
    for (const Column &c : columns)
        names << QLatin1String(version >= c.since || !c.before ? c.name : c.before);
    return names.join(QStringLiteral(", "));
}

// What batches() lists and countBatches() counts: batches with tasks — not an id taken and not
// recorded (yet), nor an empty batch an older QMP recorded.
constexpr const char *kListedBatches = "total > 0";

BatchRecord batchFrom(const QSqlQuery &q)
{
    BatchRecord b;
    b.id = q.value(0).toLongLong();
    b.pool = q.value(1).toString();
    b.title = q.value(2).toString();
    b.createdMs = q.value(3).toLongLong();
    b.finishedMs = q.value(4).toLongLong();
    b.total = q.value(5).toLongLong();
    b.ok = q.value(6).toLongLong();
    b.failed = q.value(7).toLongLong();
    b.startedMs = q.value(8).toLongLong();
    b.cancelled = q.value(9).toLongLong();
    b.ownerPid = q.value(10).toLongLong();
    b.ownerStartTicks = quint64(q.value(11).toLongLong());
    b.commandTemplate = q.value(12).toString();
    b.shell = q.value(13).toInt() != 0;
    return b;
}

TaskRecord taskFrom(const QSqlQuery &q)
{
    TaskRecord t;
    t.id = q.value(0).toLongLong();
    t.batchId = q.value(1).toLongLong();
    t.seq = q.value(2).toLongLong();
    t.kind = q.value(3).toInt() == int(TaskRecord::Kind::Command) ? TaskRecord::Kind::Command : TaskRecord::Kind::Task;
    t.name = q.value(4).toString();
    const int state = q.value(5).toInt();
    t.state = state >= 0 && state <= int(TaskRecord::State::Lost) ? TaskRecord::State(state)
                                                                  : TaskRecord::State::Failed;
    t.host = q.value(6).toString();
    t.workerPid = q.value(7).toLongLong();
    t.exitCode = q.value(8).toInt();
    t.startMs = q.value(9).toLongLong();
    t.durationNs = q.value(10).toLongLong();
    t.attempts = q.value(11).toInt();
    t.message = q.value(12).toString();
    t.inputBytes = q.value(13).toLongLong();
    t.stdoutBytes = q.value(14).toLongLong();
    t.stderrBytes = q.value(15).toLongLong();
    t.stdoutTail = q.value(16).toByteArray();
    t.stderrTail = q.value(17).toByteArray();
    t.queuedMs = q.value(18).toLongLong();
    t.endMs = q.value(19).toLongLong();
    t.reason = q.value(20).toInt();
    t.reasonArgs = QCborValue::fromCbor(q.value(21).toByteArray()).toArray();
    t.arguments = q.value(22).toString();
    t.result = q.value(23).toString();
    const QCborArray argv = QCborValue::fromCbor(q.value(24).toByteArray()).toArray();
    for (const QCborValue &word : argv)
        t.argv.append(word.toString());
    t.shell = q.value(25).toInt() != 0;
    return t;
}

// " WHERE ..." for query (empty when it matches everything), with its values in order.
QString whereClause(const TaskQuery &query, QVariantList *values)
{
    QStringList terms;
    if (query.batchId != 0) {
        terms << QStringLiteral("batch_id = ?");
        values->append(query.batchId);
    }
    if (!query.states.isEmpty()) {
        QStringList marks;
        for (const TaskRecord::State state : query.states) {
            marks << QStringLiteral("?");
            values->append(int(state));
        }
        terms << QStringLiteral("state IN (%1)").arg(marks.join(QLatin1Char(',')));
    }
    if (query.fromMs != 0) {
        terms << QStringLiteral("start_ms >= ?");
        values->append(query.fromMs);
    }
    if (query.toMs != 0) {
        terms << QStringLiteral("start_ms < ?");
        values->append(query.toMs);
    }
    if (query.afterId != 0) {
        terms << QStringLiteral("id > ?");
        values->append(query.afterId);
    }
    return terms.isEmpty() ? QString() : QStringLiteral(" WHERE ") + terms.join(QStringLiteral(" AND "));
}

bool run(QSqlQuery &query, const QString &sql, const QVariantList &values)
{
    if (!query.prepare(sql))
        return false;
    for (const QVariant &value : values)
        query.addBindValue(value);
    return query.exec();
}

} // namespace

QString HistoryStore::defaultPath()
{
    // Not AppDataLocation: that differs per program (qmp, QMP/qmp-studio), and both share one history.
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + QStringLiteral("/qmp/history.sqlite");
}

QString HistoryStore::pathFromEnvironment()
{
    const QString env = qEnvironmentVariable("QMP_HISTORY");
    return env.isEmpty() ? defaultPath() : env;
}

HistoryStore::HistoryStore(const QString &path, QObject *parent)
    : HistoryStore(path, Mode::ReadWrite, parent)
{
}

HistoryStore::HistoryStore(const QString &path, Mode mode, QObject *parent)
    : QObject(parent), m_requestedPath(path), m_mode(mode)
{
    if (mode == Mode::ReadOnly) {
        // Checked here (the queries open their own connection on their thread).
        HistoryDatabase check;
        if (!check.openForReading(path))
            m_readOnlyError = QStringLiteral("The task history %1 cannot be read: %2.").arg(path, check.errorString());
        return;
    }
    HistoryWriter::Callbacks callbacks;
    callbacks.written = [this](int batches, int tasks) { Q_EMIT written(batches, tasks); };
    callbacks.error = [this](const QString &message) { Q_EMIT errorOccurred(message); };
    m_writer = std::make_unique<HistoryWriter>(path, std::move(callbacks));
    m_nextBatchId = m_writer->status().maxBatchId + 1;
}

HistoryStore::~HistoryStore()
{
    m_writer.reset(); // drains the queue; its callbacks run before this object is gone
    if (m_reader && m_readerThread != QThread::currentThread())
        qWarning("qmp::HistoryStore destroyed on another thread than its queries ran on");
    m_reader.reset();
}

bool HistoryStore::isOpen() const { return m_writer ? m_writer->status().open : m_readOnlyError.isEmpty(); }
QString HistoryStore::requestedPath() const { return m_requestedPath; }
QString HistoryStore::path() const { return m_writer ? m_writer->status().path : m_requestedPath; }
QString HistoryStore::movedAsidePath() const { return m_writer ? m_writer->status().movedAside : QString(); }
QString HistoryStore::errorString() const { return m_writer ? m_writer->status().error : m_readOnlyError; }
quint64 HistoryStore::droppedRecords() const { return m_writer ? m_writer->status().dropped : 0; }

void HistoryStore::requireWritable(const char *what) const
{
    if (!m_writer)
        throw ValueError(QStringLiteral("HistoryStore::%1: the history %2 was opened read-only")
                             .arg(QLatin1String(what), m_requestedPath));
}

qint64 HistoryStore::newBatchId()
{
    requireWritable("newBatchId");
    const qint64 reserved = m_writer->reserveBatchId();
    if (reserved > 0) {
        qint64 next = m_nextBatchId.load();
        while (next <= reserved && !m_nextBatchId.compare_exchange_weak(next, reserved + 1)) {}
        return reserved;
    }
    return m_nextBatchId.fetch_add(1); // no file: ids of this run only
}

QList<qint64> HistoryStore::newBatchIds(int count)
{
    requireWritable("newBatchIds");
    count = std::max(count, 1);
    QList<qint64> ids;
    ids.reserve(count);
    const std::vector<qint64> reserved = m_writer->reserveBatchIds(count);
    if (!reserved.empty()) {
        const qint64 highest = *std::max_element(reserved.begin(), reserved.end());
        qint64 next = m_nextBatchId.load();
        while (next <= highest && !m_nextBatchId.compare_exchange_weak(next, highest + 1)) {}
        for (qint64 id : reserved)
            ids.append(id);
        return ids;
    }
    const qint64 first = m_nextBatchId.fetch_add(count); // no file: ids of this run only
    for (int i = 0; i < count; ++i)
        ids.append(first + i);
    return ids;
}

void HistoryStore::record(const BatchRecord &batch)
{
    requireWritable("record");
    m_writer->add(batch);
}

void HistoryStore::record(const TaskRecord &task)
{
    requireWritable("record");
    m_writer->add(task);
}

bool HistoryStore::flush()
{
    return m_writer ? m_writer->flush() : true;
}

HistoryDatabase *HistoryStore::reader() const
{
    if (m_readerThread && m_readerThread != QThread::currentThread())
        throw ValueError(QStringLiteral("HistoryStore %1 was queried from a thread other than the one that "
                                        "queried it first; query it from one thread").arg(m_requestedPath));
    // The file in use; read even when it cannot be written (read-only, locked by a writer): the
    // read-only open checks it again and refuses what is not a readable history.
    QString path = m_requestedPath;
    quint64 generation = 0;
    if (m_writer) {
        const HistoryWriter::Status status = m_writer->status();
        path = status.path;
        generation = status.generation;
    } else if (!m_readOnlyError.isEmpty()) {
        return nullptr;
    }
    if (m_readerThread && m_readerGeneration == generation && (m_readerFailed || (m_reader && m_reader->isOpen())))
        return m_reader.get(); // null when it failed
    m_reader.reset(); // its connection must be gone before a new one is made
    m_reader = std::make_unique<HistoryDatabase>();
    m_readerThread = QThread::currentThread();
    m_readerGeneration = generation;
    if (!m_reader->openForReading(path)) {
        // A lock may go away; anything else stays as it is: do not try again on every query.
        m_readerFailed = m_reader->problem() != HistoryDatabase::Problem::Locked;
        m_reader.reset();
        return nullptr;
    }
    m_readerFailed = false;
    return m_reader.get();
}

QList<BatchRecord> HistoryStore::batches(int limit, qint64 beforeId) const
{
    if (limit < 1)
        throw ValueError(QStringLiteral("HistoryStore::batches: limit must be at least 1, not %1").arg(limit));
    QList<BatchRecord> out;
    HistoryDatabase *db = reader();
    if (!db)
        return out;
    QSqlQuery q(db->db());
    q.setForwardOnly(true);
    QVariantList values;
    QString sql = QStringLiteral("SELECT %1 FROM batches WHERE %2").arg(columnList(kBatchColumns, db->version()), QLatin1String(kListedBatches));
    if (beforeId > 0) {
        sql += QStringLiteral(" AND id < ?");
        values << beforeId;
    }
    sql += QStringLiteral(" ORDER BY id DESC LIMIT ?");
    values << limit;
    if (!run(q, sql, values))
        return out;
    while (q.next())
        out.append(batchFrom(q));
    return out;
}

std::optional<BatchRecord> HistoryStore::batch(qint64 id) const
{
    HistoryDatabase *db = reader();
    if (!db)
        return std::nullopt;
    QSqlQuery q(db->db());
    q.setForwardOnly(true);
    if (!run(q, QStringLiteral("SELECT %1 FROM batches WHERE id = ?").arg(columnList(kBatchColumns, db->version())), {id})
        || !q.next())
        return std::nullopt;
    return batchFrom(q);
}

qint64 HistoryStore::countBatches() const
{
    HistoryDatabase *db = reader();
    if (!db)
        return 0;
    QSqlQuery q(db->db());
    if (!q.exec(QStringLiteral("SELECT count(*) FROM batches WHERE %1").arg(QLatin1String(kListedBatches))) || !q.next())
        return 0;
    return q.value(0).toLongLong();
}

QList<TaskRecord> HistoryStore::tasks(const TaskQuery &query, int limit) const
{
    if (limit < 1)
        throw ValueError(QStringLiteral("HistoryStore::tasks: limit must be at least 1, not %1").arg(limit));
    QList<TaskRecord> out;
    HistoryDatabase *db = reader();
    if (!db)
        return out;
    QSqlQuery q(db->db());
    q.setForwardOnly(true);
    QVariantList values;
    const QString sql = QStringLiteral("SELECT %1 FROM tasks").arg(columnList(kTaskColumns, db->version()))
        + whereClause(query, &values) + QStringLiteral(" ORDER BY id LIMIT ?");
    values << limit;
    if (!run(q, sql, values))
        return out;
    out.reserve(limit);
    while (q.next())
        out.append(taskFrom(q));
    return out;
}

qint64 HistoryStore::countTasks(const TaskQuery &query) const
{
    HistoryDatabase *db = reader();
    if (!db)
        return 0;
    QSqlQuery q(db->db());
    q.setForwardOnly(true);
    QVariantList values;
    const QString sql = QStringLiteral("SELECT count(*) FROM tasks") + whereClause(query, &values);
    if (!run(q, sql, values) || !q.next())
        return 0;
    return q.value(0).toLongLong();
}

} // namespace qmp
