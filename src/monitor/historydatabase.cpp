#include "historydatabase.h"

#include <QSqlQuery>
#include <QStringList>

#include <atomic>

namespace qmp {

namespace {

std::atomic<quint64> g_connections{0};

// Schema version 1. Tasks are read in id order (paging by id), filtered by batch, state or
// start time: one index for each.
const char *const kSchema[] = {
    "CREATE TABLE IF NOT EXISTS batches ("
    " id INTEGER PRIMARY KEY, pool TEXT, title TEXT, created_ms INTEGER NOT NULL DEFAULT 0,"
    " finished_ms INTEGER NOT NULL DEFAULT 0, total INTEGER NOT NULL DEFAULT 0,"
    " ok INTEGER NOT NULL DEFAULT 0, failed INTEGER NOT NULL DEFAULT 0)",
    "CREATE TABLE IF NOT EXISTS tasks ("
    " id INTEGER PRIMARY KEY, batch_id INTEGER NOT NULL, seq INTEGER NOT NULL, kind INTEGER NOT NULL,"
    " name TEXT, state INTEGER NOT NULL, host TEXT, worker_pid INTEGER NOT NULL DEFAULT 0,"
    " exit_code INTEGER NOT NULL DEFAULT 0, start_ms INTEGER NOT NULL DEFAULT 0,"
    " duration_ns INTEGER NOT NULL DEFAULT 0, attempts INTEGER NOT NULL DEFAULT 1, message TEXT,"
    " input_bytes INTEGER NOT NULL DEFAULT 0, stdout_bytes INTEGER NOT NULL DEFAULT 0,"
    " stderr_bytes INTEGER NOT NULL DEFAULT 0, stdout_tail BLOB, stderr_tail BLOB)",
    "CREATE INDEX IF NOT EXISTS tasks_by_batch ON tasks (batch_id, id)",
    "CREATE INDEX IF NOT EXISTS tasks_by_state ON tasks (state, id)",
    "CREATE INDEX IF NOT EXISTS tasks_by_start ON tasks (start_ms)",
};

// Schema version 2 adds columns (to version-1 files and fresh ones alike): when a batch's first
// task started, its cancelled count and its owner (pid + start time: a batch whose owner is gone
// was interrupted); when a task was queued and ended, why it failed as data, and short renderings
// of its arguments and result.
const char *const kVersion2[] = {
    "ALTER TABLE batches ADD COLUMN started_ms INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE batches ADD COLUMN cancelled INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE batches ADD COLUMN owner_pid INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE batches ADD COLUMN owner_start INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE tasks ADD COLUMN queued_ms INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE tasks ADD COLUMN end_ms INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE tasks ADD COLUMN reason INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE tasks ADD COLUMN reason_args BLOB",
    "ALTER TABLE tasks ADD COLUMN arguments TEXT",
    "ALTER TABLE tasks ADD COLUMN result TEXT",
};

} // namespace

HistoryDatabase::HistoryDatabase()
    : m_name(QStringLiteral("qmp-history-%1").arg(g_connections.fetch_add(1)))
{
}

HistoryDatabase::~HistoryDatabase()
{
    close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_name);
}

void HistoryDatabase::close()
{
    if (m_db.isValid())
        m_db.close();
}

HistoryDatabase::Problem HistoryDatabase::classify(const QSqlError &error)
{
    // SQLite's primary result codes (extended codes keep them in the low byte).
    switch (error.nativeErrorCode().toInt() & 0xff) {
    case 11: // SQLITE_CORRUPT
    case 26: // SQLITE_NOTADB
        return Problem::Corrupt;
    case 5: // SQLITE_BUSY
    case 6: // SQLITE_LOCKED
        return Problem::Locked;
    case 8:  // SQLITE_READONLY
    case 23: // SQLITE_AUTH
        return Problem::ReadOnly;
    default:
        return Problem::CannotOpen;
    }
}

QString HistoryDatabase::problemName(Problem problem)
{
    switch (problem) {
    case Problem::None: return QString();
    case Problem::Corrupt: return QStringLiteral("damaged");
    case Problem::Locked: return QStringLiteral("locked");
    case Problem::ReadOnly: return QStringLiteral("read-only");
    case Problem::TooNew: return QStringLiteral("newer");
    case Problem::CannotOpen: return QStringLiteral("unusable");
    }
    return QString();
}

bool HistoryDatabase::fail(Problem problem, const QString &what)
{
    m_problem = problem;
    m_error = what;
    close();
    return false;
}

bool HistoryDatabase::exec(const QString &sql)
{
    QSqlQuery query(m_db);
    if (query.exec(sql))
        return true;
    const QSqlError error = query.lastError();
    query.finish();
    if (m_db.isOpen())
        QSqlQuery(m_db).exec(QStringLiteral("ROLLBACK")); // fails harmlessly outside a transaction
    return fail(classify(error), error.text());
}

bool HistoryDatabase::openForWriting(const QString &path)
{
    m_problem = Problem::None;
    m_error.clear();
    if (!m_db.isValid())
        m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
    if (!m_db.isValid())
        return fail(Problem::CannotOpen, QStringLiteral("the Qt SQLite driver (QSQLITE) is not installed"));
    m_db.setDatabaseName(path);
    m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(kBusyTimeoutMs));
    if (!m_db.open())
        return fail(classify(m_db.lastError()), m_db.lastError().text());

    // The first read of a file that is not SQLite fails here ("file is not a database").
    QSqlQuery version(m_db);
    if (!version.exec(QStringLiteral("PRAGMA user_version")) || !version.next())
        return fail(classify(version.lastError()), version.lastError().text());
    const int found = version.value(0).toInt();
    version.finish();
    if (found > kSchemaVersion)
        return fail(Problem::TooNew, QStringLiteral("it was written by a newer QMP (schema %1, this one knows %2)")
                                         .arg(found).arg(kSchemaVersion));
    if (!exec(QStringLiteral("PRAGMA journal_mode = WAL")) || !exec(QStringLiteral("PRAGMA synchronous = NORMAL")))
        return false;
    if (!exec(QStringLiteral("BEGIN IMMEDIATE")))
        return false;
    for (const char *statement : kSchema)
        if (!exec(QString::fromLatin1(statement)))
            return false;
    if (found < 2) {
        for (const char *statement : kVersion2)
            if (!exec(QString::fromLatin1(statement)))
                return false;
    }
    if (found < kSchemaVersion && !exec(QStringLiteral("PRAGMA user_version = %1").arg(kSchemaVersion)))
        return false;
    return exec(QStringLiteral("COMMIT"));
}

bool HistoryDatabase::openForReading(const QString &path)
{
    m_problem = Problem::None;
    m_error.clear();
    if (!m_db.isValid())
        m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
    m_db.setDatabaseName(path);
    m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1;QSQLITE_OPEN_READONLY").arg(kBusyTimeoutMs));
    if (!m_db.open())
        return fail(classify(m_db.lastError()), m_db.lastError().text());
    return true;
}

} // namespace qmp
