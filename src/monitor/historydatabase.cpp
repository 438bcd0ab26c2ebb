#include "historydatabase.h"

#include <QFileInfo>
#include <QSqlQuery>
#include <QStringList>
#include <QUrl>
#include <QVariant>

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

// SQLite's primary result code of a failed statement (extended codes keep it in the low byte).
int primaryCode(const QSqlError &error)
{
    return error.nativeErrorCode().toInt() & 0xff;
}
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
// Schema version 3 keeps how a batch of commands runs again: its template and whether its
// commands run in /bin/sh; each command as it ran — the program and its arguments, or its shell
// line (shell = 1) — as a CBOR array of text, so a re-run parses nothing.
const char *const kVersion3[] = {
    "ALTER TABLE batches ADD COLUMN template TEXT",
    "ALTER TABLE batches ADD COLUMN shell INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE tasks ADD COLUMN argv BLOB",
    "ALTER TABLE tasks ADD COLUMN shell INTEGER NOT NULL DEFAULT 0",
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
    switch (primaryCode(error)) {
    case 11: // SQLITE_CORRUPT
    case 26: // SQLITE_NOTADB
        return Problem::Corrupt;
    case 5: // SQLITE_BUSY
    case 6: // SQLITE_LOCKED
        return Problem::Locked;
    case 3:  // SQLITE_PERM
    case 8:  // SQLITE_READONLY
    case 23: // SQLITE_AUTH
        return Problem::ReadOnly;
    default:
        return Problem::CannotOpen;
    }
}

QString HistoryDatabase::reason(const QSqlError &error)
{
    const QString sqlite = error.text().isEmpty() ? QStringLiteral("SQLite error %1").arg(error.nativeErrorCode())
                                                  : error.text();
    switch (classify(error)) {
    case Problem::Corrupt:
        return QStringLiteral("it is damaged (%1)").arg(sqlite);
    case Problem::Locked:
        return QStringLiteral("another program holds its lock and did not release it within %1 s (%2)")
            .arg(kBusyTimeoutMs / 1000).arg(sqlite);
    case Problem::ReadOnly:
        return QStringLiteral("it cannot be written by this user (%1)").arg(sqlite);
    default:
        return sqlite;
    }
}

bool HistoryDatabase::fail(Problem problem, const QString &why)
{
    m_problem = problem;
    m_error = why;
    close();
    return false;
}

bool HistoryDatabase::failWith(const QSqlError &error)
{
    return fail(classify(error), reason(error));
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
    return failWith(error);
}

bool HistoryDatabase::open(const QString &path, Access access)
{
    const bool readOnly = access != Access::ReadWrite;
    m_problem = Problem::None;
    m_error.clear();
    const QFileInfo info(path);
    if (info.isDir())
        return fail(Problem::NotAFile, QStringLiteral("it is a directory, not a file"));
    if (info.exists() && !info.isFile())
        return fail(Problem::NotAFile, QStringLiteral("it is not a regular file"));
    if (readOnly && !info.exists())
        return fail(Problem::Missing, QStringLiteral("it does not exist"));
    if (!m_db.isValid())
        m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
    if (!m_db.isValid())
        return fail(Problem::CannotOpen, QStringLiteral("the Qt SQLite driver (QSQLITE) is not installed"));
    QString options = QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(kBusyTimeoutMs);
    if (readOnly)
        options += QStringLiteral(";QSQLITE_OPEN_READONLY");
    if (access == Access::Immutable) {
        options += QStringLiteral(";QSQLITE_OPEN_URI");
        m_db.setDatabaseName(QUrl::fromLocalFile(info.absoluteFilePath()).toString(QUrl::FullyEncoded)
                             + QStringLiteral("?immutable=1"));
    } else {
        m_db.setDatabaseName(path);
    }
    m_db.setConnectOptions(options);
    if (!m_db.open())
        return failWith(m_db.lastError());
    return check();
}

bool HistoryDatabase::check()
{
    // The first read of a file that is not SQLite fails here ("file is not a database").
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("PRAGMA application_id")) || !q.next())
        return failWith(q.lastError());
    m_appId = q.value(0).toInt();
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
        return failWith(q.lastError());
    m_version = q.value(0).toInt();
    if (!q.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                               " ORDER BY name")))
        return failWith(q.lastError());
    QStringList tables;
    while (q.next())
        tables << q.value(0).toString();
    q.finish();

    const bool empty = tables.isEmpty() && m_appId == 0 && m_version == 0;
    const bool ours = m_appId == kApplicationId
        || (m_appId == 0 && tables.contains(QStringLiteral("batches")) && tables.contains(QStringLiteral("tasks")));
    if (!empty && !ours) {
        QString what = m_appId != 0 ? QStringLiteral("application id 0x%1").arg(quint32(m_appId), 8, 16, QLatin1Char('0'))
                                    : QStringLiteral("tables: %1").arg(tables.join(QStringLiteral(", ")));
        if (tables.isEmpty() && m_appId == 0)
            what = QStringLiteral("schema version %1").arg(m_version);
        return fail(Problem::Foreign,
                    QStringLiteral("it is another application's SQLite database (%1), not a QMP task history").arg(what));
    }
    if (ours && m_version > kSchemaVersion)
        return fail(Problem::TooNew, QStringLiteral("it was written by a newer QMP (history schema %1; this QMP "
                                                    "knows schema %2 and older)")
                                         .arg(m_version).arg(kSchemaVersion));
    return true;
}

bool HistoryDatabase::openForWriting(const QString &path)
{
    if (!open(path, Access::ReadWrite))
        return false;
    if (!exec(QStringLiteral("PRAGMA journal_mode = WAL")) || !exec(QStringLiteral("PRAGMA synchronous = NORMAL")))
        return false;
    if (!exec(QStringLiteral("BEGIN IMMEDIATE")))
        return false;
    for (const char *statement : kSchema)
        if (!exec(QString::fromLatin1(statement)))
            return false;
    if (m_version < 2) {
        for (const char *statement : kVersion2)
            if (!exec(QString::fromLatin1(statement)))
                return false;
    }
    if (m_version < 3) {
        for (const char *statement : kVersion3)
            if (!exec(QString::fromLatin1(statement)))
                return false;
    }
    if (m_version < kSchemaVersion && !exec(QStringLiteral("PRAGMA user_version = %1").arg(kSchemaVersion)))
        return false;
    m_version = kSchemaVersion;
    if (m_appId != kApplicationId && !exec(QStringLiteral("PRAGMA application_id = %1").arg(kApplicationId)))
        return false;
    return exec(QStringLiteral("COMMIT"));
}

bool HistoryDatabase::openForReading(const QString &path)
{
    if (open(path, Access::ReadOnly))
        return true;
    if (m_problem != Problem::ReadOnly)
        return false;
    const QString firstError = m_error;
    if (open(path, Access::Immutable))
        return true;
    return fail(Problem::ReadOnly, firstError);
}

} // namespace qmp
