// The history file as `qmp run` and `qmp history` treat it, against the built qmp executable:
// - a file that is not a history this QMP may write (a directory, another application's
//   database, a newer QMP's history, a lock another program holds) is an error: `qmp run` runs
//   nothing and exits 255, `qmp history` exits 1, and the file is left exactly as it was;
// - a damaged file is moved aside, loudly (stderr names both paths), and the run goes on;
// - another user's history (as `nobody`, when the test runs as root) is read by `qmp history`
//   and refused by `qmp run`, unchanged.

#include "qmptempdirs.h"
#include "historystore.h"
#include "otheruser.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

namespace {

struct Run
{
    int code = -1;
    QByteArray out;
    QByteArray err;
};

QByteArray contentOf(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("(cannot be read)");
}

// The files in dir, without SQLite's WAL companions (-wal, -shm: a reader of a WAL file makes
// them when the folder allows, and they come and go with the connections).
QStringList filesIn(const QString &dir)
{
    QStringList files = QDir(dir).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden, QDir::Name);
    files.removeIf([](const QString &name) { return name.endsWith(QLatin1String("-wal")) || name.endsWith(QLatin1String("-shm")); });
    return files;
}

// Runs statements on path through a connection of its own, as another program would; the
// connection stays open (holding what the statements took) until the returned object goes.
class OtherProgram
{
public:
    OtherProgram(const QString &path, const QStringList &statements)
    {
        m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        m_db.setDatabaseName(path);
        m_ok = m_db.open();
        for (const QString &sql : statements)
            m_ok = m_ok && QSqlQuery(m_db).exec(sql);
    }
    ~OtherProgram()
    {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
    }
    bool ok() const { return m_ok; }

private:
    QString m_name = QStringLiteral("other-%1").arg(quintptr(this));
    QSqlDatabase m_db;
    bool m_ok = false;
};

} // namespace

class tst_HistoryFile : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // World-readable, so that a second user can reach the files of anotherUsersHistory().
        QVERIFY(QFile::setPermissions(m_dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                                        | QFileDevice::ExeOwner | QFileDevice::ReadOther
                                                        | QFileDevice::ExeOther));
    }

    void unusableHistoryIsAnError_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("reason");
        QTest::newRow("a directory") << "directory" << "is a directory";
        QTest::newRow("another application's database") << "foreign" << "another application's SQLite database";
        QTest::newRow("a newer QMP's history") << "newer" << "written by a newer QMP";
        QTest::newRow("locked by another program") << "locked" << "holds its lock";
    }
    void unusableHistoryIsAnError()
    {
        QFETCH(QString, kind);
        QFETCH(QString, reason);
        const QString dir = m_dir.filePath(kind);
        QVERIFY(QDir().mkpath(dir));
        const QString path = dir + QStringLiteral("/history.sqlite");
        std::optional<OtherProgram> holder;
        if (kind == QLatin1String("directory")) {
            QVERIFY(QDir().mkpath(path + QStringLiteral("/inside")));
        } else if (kind == QLatin1String("foreign")) {
            QVERIFY(OtherProgram(path, {QStringLiteral("CREATE TABLE contacts (name TEXT)"),
                                        QStringLiteral("INSERT INTO contacts VALUES ('Ada')")})
                        .ok());
        } else {
            QCOMPARE(qmp({QStringLiteral("run"), QStringLiteral("--history"), path, QStringLiteral("true"), QStringLiteral(":::"), QStringLiteral("1")}).code, 0);
            if (kind == QLatin1String("newer"))
                QVERIFY(OtherProgram(path, {QStringLiteral("PRAGMA user_version = 7")}).ok());
            else
                QVERIFY(holder.emplace(path, QStringList{QStringLiteral("BEGIN EXCLUSIVE")}).ok());
        }
        const QStringList files = filesIn(dir);
        const QByteArray content = kind == QLatin1String("directory") ? QByteArray() : contentOf(path);

        const QString marker = dir + QStringLiteral("/ran");
        const Run run = qmp({QStringLiteral("run"), QStringLiteral("--history"), path, QStringLiteral("touch"), marker, QStringLiteral(":::"), QStringLiteral("1")});
        QCOMPARE(run.code, 255);
        QVERIFY2(run.err.contains(path.toUtf8()) && run.err.contains(reason.toUtf8())
                     && run.err.contains("--no-history"),
                 run.err.constData());
        QVERIFY(!QFile::exists(marker)); // nothing ran

        const Run history = qmp({QStringLiteral("history"), QStringLiteral("--history"), path});
        if (kind == QLatin1String("locked")) {
            // Reading is not blocked by another program's write lock (WAL).
            QCOMPARE(history.code, 0);
            QVERIFY2(history.out.contains("true"), history.out.constData());
        } else {
            QCOMPARE(history.code, 1);
            QVERIFY2(history.err.contains(reason.toUtf8()), history.err.constData());
        }
        holder.reset();
        QCOMPARE(filesIn(dir), files);
        if (kind != QLatin1String("directory"))
            QCOMPARE(contentOf(path), content);
    }

    void damagedHistoryIsMovedAsideLoudly()
    {
        const QString dir = m_dir.filePath(QStringLiteral("damaged"));
        QVERIFY(QDir().mkpath(dir));
        const QString path = dir + QStringLiteral("/history.sqlite");
        const QByteArray garbage = QByteArray("SQLite format 3\0", 16) + QByteArray(4000, 'x');
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(garbage);
        file.close();

        const Run history = qmp({QStringLiteral("history"), QStringLiteral("--history"), path}); // reading never moves it
        QCOMPARE(history.code, 1);
        QVERIFY2(history.err.contains("damaged"), history.err.constData());
        QCOMPARE(filesIn(dir), QStringList{QStringLiteral("history.sqlite")});

        const Run run = qmp({QStringLiteral("run"), QStringLiteral("--history"), path, QStringLiteral("echo"), QStringLiteral(":::"), QStringLiteral("1")});
        QCOMPARE(run.code, 0);
        QCOMPARE(run.out, QByteArray("1\n"));
        const QStringList files = filesIn(dir);
        const QStringList aside = files.filter(QStringLiteral("history.sqlite.damaged-"));
        QCOMPARE(aside.size(), 1);
        QVERIFY2(run.err.contains(path.toUtf8()) && run.err.contains(QString(dir + u'/' + aside.first()).toUtf8()),
                 run.err.constData());
        QCOMPARE(contentOf(dir + u'/' + aside.first()), garbage);
        const Run after = qmp({QStringLiteral("history"), QStringLiteral("--history"), path, QStringLiteral("--json")});
        QCOMPARE(after.code, 0);
        QCOMPARE(QJsonDocument::fromJson(after.out).array().size(), 1);
    }

    void anotherUsersHistory()
    {
        QMP_OTHER_USER(nobody);
        const QString dir = m_dir.filePath(QStringLiteral("root-owned"));
        QVERIFY(QDir().mkpath(dir));
        QVERIFY(QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                                               | QFileDevice::ReadOther | QFileDevice::ExeOther));
        const QString path = dir + QStringLiteral("/history.sqlite");
        QCOMPARE(qmp({QStringLiteral("run"), QStringLiteral("--history"), path, QStringLiteral("true"), QStringLiteral(":::"), QStringLiteral("1"), QStringLiteral("2")}).code, 0);
        const QStringList files = filesIn(dir);
        const QByteArray content = contentOf(path);

        const Run history = qmp({QStringLiteral("history"), QStringLiteral("--history"), path, QStringLiteral("--json")}, &nobody);
        QVERIFY2(history.code == 0, history.err.constData());
        const QJsonArray batches = QJsonDocument::fromJson(history.out).array();
        QCOMPARE(batches.size(), 1);
        QCOMPARE(batches.at(0).toObject().value(QStringLiteral("total")).toInt(), 2);

        const Run run = qmp({QStringLiteral("run"), QStringLiteral("--history"), path, QStringLiteral("true"), QStringLiteral(":::"), QStringLiteral("1")}, &nobody);
        QCOMPARE(run.code, 255);
        QVERIFY2(run.err.contains("cannot be written"), run.err.constData());
        QCOMPARE(filesIn(dir), files);
        QCOMPARE(contentOf(path), content);
    }

private:
    Run qmp(const QStringList &arguments, const qmptest::OtherUser *as = nullptr)
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), m_dir.path());
        env.remove(QStringLiteral("QMP_HISTORY"));
        p.setProcessEnvironment(env);
        p.setWorkingDirectory(m_dir.path());
        if (as)
            qmptest::runAs(p, *as);
        p.start(QStringLiteral(QMP_CLI_PATH), arguments);
        Run r;
        p.closeWriteChannel();
        if (!p.waitForFinished(60000)) {
            p.kill();
            p.waitForFinished();
            return r;
        }
        r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        r.out = p.readAllStandardOutput();
        r.err = p.readAllStandardError();
        return r;
    }

    QTemporaryDir m_dir;
};

QMP_GUILESS_TEST_MAIN(tst_HistoryFile)
#include "tst_historyfile.moc"
