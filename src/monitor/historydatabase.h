#pragma once
// HistoryDatabase: one QtSql (QSQLITE) connection to a history file, owned by the thread that
// opened it (QtSql connections must stay on their thread), plus the schema. Internal to
// HistoryWriter and HistoryStore.

#include <QSqlDatabase>
#include <QSqlError>
#include <QString>

namespace qmp {

class HistoryDatabase
{
public:
    // Why a file cannot be used.
    enum class Problem { None, Corrupt, Locked, ReadOnly, TooNew, CannotOpen };
    static constexpr int kSchemaVersion = 2; // PRAGMA user_version of the files we write
    static constexpr int kBusyTimeoutMs = 2000;

    HistoryDatabase();
    ~HistoryDatabase(); // closes and removes the connection
    HistoryDatabase(const HistoryDatabase &) = delete;
    HistoryDatabase &operator=(const HistoryDatabase &) = delete;

    // Opens path (created when missing), switches it to WAL and creates or checks the schema —
    // with a write transaction, so a locked or read-only file fails here and not later.
    bool openForWriting(const QString &path);
    // Opens an existing history read-only (queries).
    bool openForReading(const QString &path);
    void close();

    bool isOpen() const { return m_db.isOpen(); }
    QSqlDatabase &db() { return m_db; }
    Problem problem() const { return m_problem; }
    QString errorString() const { return m_error; }

    // What a failed statement means for the file.
    static Problem classify(const QSqlError &error);
    // "damaged", "locked", ... — used in the name a bad file is renamed to.
    static QString problemName(Problem problem);

private:
    bool fail(Problem problem, const QString &what);
    bool exec(const QString &sql);

    QString m_name;
    QSqlDatabase m_db;
    Problem m_problem = Problem::None;
    QString m_error;
};

} // namespace qmp
