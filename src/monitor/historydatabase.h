#pragma once
// HistoryDatabase: one QtSql (QSQLITE) connection to a history file, owned by the thread that
// opened it (QtSql connections must stay on their thread), plus the schema. Internal to
// HistoryWriter and HistoryStore.
//
// Both opens check the file before anything is written to it: a directory, a missing file (for
// reading), another application's database, or a history of a newer QMP is refused, and nothing
// in it changes. A QMP history carries PRAGMA application_id kApplicationId and its schema
// version in PRAGMA user_version (files of schema 1 written before the id existed have id 0 and
// the batches and tasks tables). An empty file (no tables, no id) is a new history.

#include "qmpmonitor_export.h"
#include <QSqlDatabase>
#include <QSqlError>
#include <QString>

namespace qmp {

class QMP_MONITOR_AUTOTEST_EXPORT HistoryDatabase
{
public:
    // Why a file cannot be used. Only Corrupt (SQLite says SQLITE_CORRUPT or SQLITE_NOTADB) may
    // make the writer move the file aside; every other problem leaves the file as it is.
    enum class Problem { None, Corrupt, Locked, ReadOnly, TooNew, Foreign, NotAFile, Missing, CannotOpen };
    static constexpr int kSchemaVersion = 3;             // PRAGMA user_version of the files we write
    static constexpr qint32 kApplicationId = 0x514d5048; // PRAGMA application_id: "QMPH"
    static constexpr int kBusyTimeoutMs = 5000;          // how long a lock held by another connection is waited for

    HistoryDatabase();
    ~HistoryDatabase(); // closes and removes the connection
    HistoryDatabase(const HistoryDatabase &) = delete;
    HistoryDatabase &operator=(const HistoryDatabase &) = delete;

    // Opens path (created when missing), checks it, switches it to WAL and creates or upgrades
    // the schema — with a write transaction, so a locked or read-only file fails here and not later.
    bool openForWriting(const QString &path);
    // Opens an existing history read-only (SQLITE_OPEN_READONLY) and checks it; writes nothing.
    // A WAL file needs its -shm index, which a reader must create when it is missing; where this
    // user cannot create it (another user's history in their folder), the file is read as
    // immutable: what its last writer checkpointed (QMP's writers checkpoint when they close).
    bool openForReading(const QString &path);
    void close();

    bool isOpen() const { return m_db.isOpen(); }
    QSqlDatabase &db() { return m_db; }
    // The open file's schema version: kSchemaVersion once opened for writing (older files are
    // upgraded then); what the file says when opened for reading (older files stay as they are).
    int version() const { return m_version; }
    Problem problem() const { return m_problem; }
    // Why the last open failed, as the end of a sentence ("it is a directory, not a file").
    QString errorString() const { return m_error; }

    // What a failed statement means for the file.
    static Problem classify(const QSqlError &error);
    // The reason a failed statement gives, as the end of a sentence.
    static QString reason(const QSqlError &error);

private:
    bool fail(Problem problem, const QString &why);
    bool failWith(const QSqlError &error);
    bool exec(const QString &sql);
    enum class Access { ReadWrite, ReadOnly, Immutable };
    bool open(const QString &path, Access access);
    // Reads the file's id, version and tables; false (with the problem) when it is not a history
    // this QMP can use. Writes nothing.
    bool check();

    QString m_name;
    QSqlDatabase m_db;
    Problem m_problem = Problem::None;
    QString m_error;
    int m_version = 0;       // user_version found by check()
    qint32 m_appId = 0;      // application_id found by check()
};

} // namespace qmp
