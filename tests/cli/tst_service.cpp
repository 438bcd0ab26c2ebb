// The QMP service against the built qmp executable: `qmp submit` starts it on demand and each
// test gets its own service (its own runtime, state and history under a temporary directory,
// through the test-only QMP_SERVICE_RUNTIME_DIR / QMP_SERVICE_STATE_DIR), stopped in cleanup()
// — which checks that it is gone, with its socket and every job process.
// Jobs that must wait for the test block on a file the test creates (no sleeps).

#include "batchrecord.h"
#include "framedecoder.h"
#include "framesocket.h"
#include "historystore.h"
#include "otheruser.h"
#include "qmptest.h"
#include "taskquery.h"

#include <QCborArray>
#include <QCborMap>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

namespace {

struct Run
{
    int code = -1;
    QByteArray out;
    QByteArray err;
};

// A live process (a zombie, reparented to an init that has not reaped it yet, counts as gone).
bool alive(qint64 pid)
{
    return pid > 0 && !qmptest::processGone(pid);
}

} // namespace

class TestService : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QProcessEnvironment m_env;

    QString runtimeDir() const { return m_dir->filePath(QStringLiteral("run")); }
    QString stateDir() const { return m_dir->filePath(QStringLiteral("state")); }
    QString historyPath() const { return m_dir->filePath(QStringLiteral("history.db")); }
    QString socketPath() const { return runtimeDir() + QStringLiteral("/service.sock"); }
    QString gate(const QString &name) const { return m_dir->filePath(name); }

    Run qmp(const QStringList &arguments)
    {
        QProcess p;
        p.setProcessEnvironment(m_env);
        p.start(QStringLiteral(QMP_CLI_PATH), arguments);
        p.waitForFinished(60000);
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(), p.readAllStandardError()};
    }

    // qmp submit ARGS, the new job's id (0 on failure).
    qint64 submit(const QStringList &arguments)
    {
        const Run r = qmp(QStringList{QStringLiteral("submit")} + arguments);
        const QRegularExpressionMatch m = QRegularExpression(QStringLiteral("job (\\d+)")).match(QString::fromUtf8(r.out));
        if (r.code != 0 || !m.hasMatch())
            qWarning("qmp submit failed (%d): %s", r.code, r.err.constData());
        return m.hasMatch() ? m.captured(1).toLongLong() : 0;
    }

    // The ids `qmp submit` printed ("job N queued ..."), in order.
    static QList<qint64> idsOf(const Run &r)
    {
        QList<qint64> ids;
        for (const QRegularExpressionMatch &m : QRegularExpression(QStringLiteral("job (\\d+)")).globalMatch(QString::fromUtf8(r.out)))
            ids.append(m.captured(1).toLongLong());
        return ids;
    }

    // A shell command that waits until `name` exists, then runs `then`.
    QStringList waitingFor(const QString &name, const QString &then)
    {
        return {QStringLiteral("--"), QStringLiteral("sh"), QStringLiteral("-c"),
                QStringLiteral("while [ ! -e '%1' ]; do sleep 0.05; done; %2").arg(gate(name), then)};
    }

    void open(const QString &name)
    {
        QFile f(gate(name));
        QVERIFY(f.open(QIODevice::WriteOnly));
    }

    QJsonObject status()
    {
        const Run r = qmp({QStringLiteral("status"), QStringLiteral("--json")});
        return QJsonDocument::fromJson(r.out).object();
    }

    QJsonObject job(qint64 id)
    {
        for (const QJsonValue &j : status().value(QStringLiteral("jobs")).toArray()) {
            if (j[QStringLiteral("id")].toInteger() == id)
                return j.toObject();
        }
        return {};
    }

    QString stateOf(qint64 id) { return job(id).value(QStringLiteral("state")).toString(); }

    int runningIn(const QString &group)
    {
        for (const QJsonValue &g : status().value(QStringLiteral("groups")).toArray()) {
            if (g[QStringLiteral("name")].toString() == group)
                return g[QStringLiteral("running")].toInt();
        }
        return -1;
    }

    // The pid of the service that runs now (its log says it when it starts).
    qint64 servicePid()
    {
        QFile log(stateDir() + QStringLiteral("/service.log"));
        if (!log.open(QIODevice::ReadOnly))
            return 0;
        const QString text = QString::fromUtf8(log.readAll());
        qint64 pid = 0;
        for (const QRegularExpressionMatch &m : QRegularExpression(QStringLiteral("\\(pid (\\d+)\\)")).globalMatch(text))
            pid = m.captured(1).toLongLong();
        return pid;
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_env = QProcessEnvironment::systemEnvironment();
        m_env.insert(QStringLiteral("QMP_SERVICE_RUNTIME_DIR"), runtimeDir());
        m_env.insert(QStringLiteral("QMP_SERVICE_STATE_DIR"), stateDir());
        m_env.insert(QStringLiteral("QMP_HISTORY"), historyPath());
        m_env.insert(QStringLiteral("LANG"), QStringLiteral("C"));
        m_env.insert(QStringLiteral("LANGUAGE"), QStringLiteral("C"));
    }

    void cleanup()
    {
        const qint64 pid = servicePid();
        if (pid > 0 && alive(pid)) {
            qmp({QStringLiteral("service"), QStringLiteral("stop")});
            QTRY_VERIFY_WITH_TIMEOUT(!alive(pid), 30000);
        }
        QVERIFY(!QFile::exists(socketPath()) || pid == 0);
        m_dir.reset();
    }

    void submitStatusLog()
    {
        const qint64 id = submit({QStringLiteral("--label"), QStringLiteral("hello"), QStringLiteral("--"), QStringLiteral("sh"),
                                  QStringLiteral("-c"), QStringLiteral("echo out-line; echo err-line >&2")});
        QVERIFY(id > 0);
        const Run waited = qmp({QStringLiteral("wait"), QString::number(id)});
        QCOMPARE(waited.code, 0);
        QCOMPARE(stateOf(id), QStringLiteral("succeeded"));
        const Run text = qmp({QStringLiteral("status")});
        QVERIFY2(text.out.contains("succeeded") && text.out.contains("hello"), text.out.constData());
        const Run log = qmp({QStringLiteral("log"), QString::number(id)});
        QCOMPARE(log.code, 0);
        QCOMPARE(log.out, QByteArray("out-line\n"));
        QCOMPARE(log.err, QByteArray("err-line\n"));
        // The same job in the history, under its id.
        qmp({QStringLiteral("service"), QStringLiteral("stop")});
        qmp::HistoryStore history(historyPath(), qmp::HistoryStore::Mode::ReadOnly);
        const std::optional<qmp::BatchRecord> batch = history.batch(id);
        QVERIFY(batch);
        QCOMPARE(batch->ok, 1);
        QVERIFY(batch->isFinished());
    }

    void submitTemplateBatch()
    {
        const Run r = qmp({QStringLiteral("submit"), QStringLiteral("--"), QStringLiteral("echo"), QStringLiteral("item-{}"),
                           QStringLiteral(":::"), QStringLiteral("a"), QStringLiteral("b")});
        QCOMPARE(r.code, 0);
        QList<qint64> ids;
        for (const QRegularExpressionMatch &m : QRegularExpression(QStringLiteral("job (\\d+)")).globalMatch(QString::fromUtf8(r.out)))
            ids.append(m.captured(1).toLongLong());
        QCOMPARE(ids.size(), 2);
        QCOMPARE(qmp({QStringLiteral("wait")}).code, 0);
        QCOMPARE(qmp({QStringLiteral("log"), QString::number(ids.at(0))}).out, QByteArray("item-a\n"));
        QCOMPARE(qmp({QStringLiteral("log"), QString::number(ids.at(1))}).out, QByteArray("item-b\n"));
    }

    // The jobs of one submission share its environment in state.cbor — once they have run, and
    // after a restart of the service — so a save does not grow by an environment per job.
    void stateKeepsOneEnvironmentPerSubmission()
    {
        const Run r = qmp({QStringLiteral("submit"), QStringLiteral("--"), QStringLiteral("true"), QStringLiteral("{}"),
                           QStringLiteral(":::"), QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3")});
        QCOMPARE(r.code, 0);
        QCOMPARE(qmp({QStringLiteral("wait")}).code, 0);
        const auto savedEnvironments = [this] {
            QFile state(stateDir() + QStringLiteral("/state.cbor"));
            return state.open(QIODevice::ReadOnly)
                ? QCborValue::fromCbor(state.readAll()).toMap().value(QStringLiteral("environments")).toArray().size()
                : -1;
        };
        QCOMPARE(qmp({QStringLiteral("service"), QStringLiteral("stop")}).code, 0);
        QCOMPARE(savedEnvironments(), 1);
        QCOMPARE(qmp({QStringLiteral("service"), QStringLiteral("start")}).code, 0);
        QCOMPARE(qmp({QStringLiteral("submit"), QStringLiteral("--after"), QString::number(idsOf(r).first()), QStringLiteral("--"),
                      QStringLiteral("true")})
                     .code,
                 0); // the same environment as the loaded jobs: still one
        QCOMPARE(qmp({QStringLiteral("wait")}).code, 0);
        QCOMPARE(qmp({QStringLiteral("service"), QStringLiteral("stop")}).code, 0);
        QCOMPARE(savedEnvironments(), 1);
    }

    // A job whose output files cannot be made (here: the jobs folder is gone, a file in its
    // place) fails as it starts, its error saying which file and why; the next job that can
    // write them runs.
    void outputFileThatCannotBeMadeFailsTheJob()
    {
        QCOMPARE(qmp({QStringLiteral("service"), QStringLiteral("start")}).code, 0);
        const QString jobs = stateDir() + QStringLiteral("/jobs");
        QVERIFY(QDir(jobs).removeRecursively());
        {
            QFile blocker(jobs);
            QVERIFY(blocker.open(QIODevice::WriteOnly));
        }
        const qint64 id = submit({QStringLiteral("--"), QStringLiteral("sh"), QStringLiteral("-c"),
                                  QStringLiteral("echo ran > '%1'").arg(gate(QStringLiteral("ran")))});
        QCOMPARE(qmp({QStringLiteral("wait"), QString::number(id)}).code, 1);
        QCOMPARE(stateOf(id), QStringLiteral("failed"));
        const QString error = job(id).value(QStringLiteral("error")).toString();
        QVERIFY2(error.contains(QStringLiteral("cannot create its output file %1/%2.out").arg(jobs).arg(id))
                     && error.contains(QLatin1String("Not a directory")),
                 qPrintable(error));
        QVERIFY(!QFile::exists(gate(QStringLiteral("ran"))));
        QVERIFY(QFile::remove(jobs));
        QVERIFY(QDir().mkpath(jobs));
        const qint64 next = submit({QStringLiteral("--"), QStringLiteral("echo"), QStringLiteral("fine")});
        QCOMPARE(qmp({QStringLiteral("wait"), QString::number(next)}).code, 0);
        QCOMPARE(qmp({QStringLiteral("log"), QString::number(next)}).out, QByteArray("fine\n"));
    }

    // A job's output files are made when it first writes to a stream: a job that writes nothing
    // leaves no file (and `qmp log` prints nothing). A file that cannot be made as the job writes
    // (a folder in its place) does not fail the job: its error says which file and why, and what
    // that stream wrote is in the history.
    void outputFilesAreMadeOnFirstWrite()
    {
        const QString jobs = stateDir() + QStringLiteral("/jobs");
        const qint64 silent = submit({QStringLiteral("--"), QStringLiteral("true")});
        const qint64 outOnly = submit({QStringLiteral("--"), QStringLiteral("echo"), QStringLiteral("only-out")});
        QCOMPARE(qmp({QStringLiteral("wait")}).code, 0);
        QVERIFY(!QFile::exists(QStringLiteral("%1/%2.out").arg(jobs).arg(silent)));
        QVERIFY(!QFile::exists(QStringLiteral("%1/%2.err").arg(jobs).arg(silent)));
        const Run silentLog = qmp({QStringLiteral("log"), QString::number(silent)});
        QCOMPARE(silentLog.code, 0);
        QVERIFY(silentLog.out.isEmpty() && silentLog.err.isEmpty());
        QVERIFY(QFile::exists(QStringLiteral("%1/%2.out").arg(jobs).arg(outOnly)));
        QVERIFY(!QFile::exists(QStringLiteral("%1/%2.err").arg(jobs).arg(outOnly)));
        QCOMPARE(qmp({QStringLiteral("log"), QString::number(outOnly)}).out, QByteArray("only-out\n"));

        const qint64 blocked = submit(waitingFor(QStringLiteral("write"), QStringLiteral("echo kept-line >&2")));
        const QString errPath = QStringLiteral("%1/%2.err").arg(jobs).arg(blocked);
        QVERIFY(QDir().mkpath(errPath));
        open(QStringLiteral("write"));
        QCOMPARE(qmp({QStringLiteral("wait"), QString::number(blocked)}).code, 0);
        QCOMPARE(stateOf(blocked), QStringLiteral("succeeded"));
        const QString error = job(blocked).value(QStringLiteral("error")).toString();
        QVERIFY2(error.contains(QStringLiteral("cannot create its output file %1").arg(errPath)) && error.contains(QLatin1String("Is a directory")),
                 qPrintable(error));
        qmp({QStringLiteral("service"), QStringLiteral("stop")});
        qmp::HistoryStore history(historyPath(), qmp::HistoryStore::Mode::ReadOnly);
        qmp::TaskQuery query;
        query.batchId = blocked;
        const QList<qmp::TaskRecord> tasks = history.tasks(query, 10);
        QCOMPARE(tasks.size(), 1);
        QCOMPARE(tasks.first().stderrTail, QByteArray("kept-line\n"));
    }

    // Jobs run without a shell: a whole command line given as one word names a program that is
    // not there. qmp submit says so at once (qmp run would have run it in /bin/sh -c) and still
    // queues it, as given; a one-word program that exists, or a word without a space, says nothing.
    void aCommandLineInOneWordIsExplained_data()
    {
        QTest::addColumn<QString>("program");
        QTest::addColumn<bool>("explained");
        QTest::addColumn<bool>("succeeds");
        QTest::newRow("a command line in one word") << QStringLiteral("echo from the service") << true << false;
        QTest::newRow("a program name with a space, there") << QStringLiteral("%dir%/my tool") << false << true;
        QTest::newRow("a program on PATH") << QStringLiteral("true") << false << true;
        QTest::newRow("a missing program without a space") << QStringLiteral("nosuch-tool") << false << false;
    }
    void aCommandLineInOneWordIsExplained()
    {
        QFETCH(QString, program);
        QFETCH(bool, explained);
        QFETCH(bool, succeeds);
        const QString tool = m_dir->filePath(QStringLiteral("my tool"));
        QFile script(tool);
        QVERIFY(script.open(QIODevice::WriteOnly));
        script.write("#!/bin/sh\nexit 0\n");
        script.close();
        QVERIFY(script.setPermissions(script.permissions() | QFileDevice::ExeOwner));
        program.replace(QLatin1String("%dir%"), m_dir->path());

        const Run r = qmp({QStringLiteral("submit"), QStringLiteral("--"), program});
        QCOMPARE(r.code, 0);
        QCOMPARE(idsOf(r).size(), 1); // queued all the same
        if (explained) {
            QCOMPARE(r.err, QStringLiteral("qmp submit: note: jobs run without a shell, so '%1' is the name of one program, and there "
                                           "is none by that name; give the command's words as separate arguments, or write: qmp "
                                           "submit -- sh -c '%1'\n")
                                .arg(program)
                                .toUtf8());
        } else {
            QVERIFY2(!r.err.contains("note:"), r.err.constData());
        }
        QCOMPARE(qmp({QStringLiteral("wait")}).code == 0, succeeds); // run as given
    }

    // The service records in the history it started with; a submit from an environment whose
    // history is another one says where its jobs go (and is still queued).
    void submitFromAnotherHistoryIsTold()
    {
        QCOMPARE(qmp({QStringLiteral("submit"), QStringLiteral("--"), QStringLiteral("true")}).code, 0);
        const Run same = qmp({QStringLiteral("submit"), QStringLiteral("--"), QStringLiteral("true")});
        QCOMPARE(same.code, 0);
        QVERIFY2(!same.err.contains("note:"), same.err.constData());
        const QString other = m_dir->filePath(QStringLiteral("other.db"));
        m_env.insert(QStringLiteral("QMP_HISTORY"), other);
        const Run elsewhere = qmp({QStringLiteral("submit"), QStringLiteral("--"), QStringLiteral("true"), QStringLiteral(":::"),
                                   QStringLiteral("a"), QStringLiteral("b")});
        m_env.insert(QStringLiteral("QMP_HISTORY"), historyPath());
        QCOMPARE(elsewhere.code, 0);
        QCOMPARE(idsOf(elsewhere).size(), 2);
        QCOMPARE(elsewhere.err, QStringLiteral("qmp submit: note: the QMP service records its jobs in %1, the history it "
                                               "started with, not in %2\n")
                                    .arg(historyPath(), other)
                                    .toUtf8());
        QCOMPARE(qmp({QStringLiteral("wait")}).code, 0);
        QVERIFY(!QFile::exists(other));
    }

    void cannotStartSaysWhy()
    {
        // A history the service may not write (a directory): it does not start, and says why.
        QVERIFY(QDir().mkpath(m_dir->filePath(QStringLiteral("history-dir"))));
        m_env.insert(QStringLiteral("QMP_HISTORY"), m_dir->filePath(QStringLiteral("history-dir")));
        const Run r = qmp({QStringLiteral("status")});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("the QMP service cannot start: ") && r.err.contains("history-dir"), r.err.constData());
        QVERIFY(!QFile::exists(socketPath()));
    }

    void commandNotFound()
    {
        const qint64 id = submit({QStringLiteral("--"), QStringLiteral("qmp-no-such-program-here")});
        QVERIFY(id > 0);
        QCOMPARE(qmp({QStringLiteral("wait"), QString::number(id)}).code, 1);
        const QJsonObject j = job(id);
        QCOMPARE(j.value(QStringLiteral("state")).toString(), QStringLiteral("failed"));
        QVERIFY2(j.value(QStringLiteral("error")).toString().contains(QStringLiteral("qmp-no-such-program-here")),
                 qPrintable(j.value(QStringLiteral("error")).toString()));
        const Run log = qmp({QStringLiteral("log"), QString::number(id)});
        QVERIFY2(log.err.contains("cannot run 'qmp-no-such-program-here'"), log.err.constData());
    }

    void followStreamsLiveJob()
    {
        const qint64 id = submit({QStringLiteral("--"), QStringLiteral("sh"), QStringLiteral("-c"),
                                  QStringLiteral("echo first; while [ ! -e '%1' ]; do sleep 0.05; done; echo second")
                                      .arg(gate(QStringLiteral("go")))});
        QVERIFY(id > 0);
        QProcess follow;
        follow.setProcessEnvironment(m_env);
        follow.start(QStringLiteral(QMP_CLI_PATH), {QStringLiteral("follow"), QString::number(id)});
        QByteArray seen;
        QTRY_VERIFY_WITH_TIMEOUT((seen += follow.readAllStandardOutput()).contains("first"), 30000);
        QVERIFY(!seen.contains("second"));
        QCOMPARE(follow.state(), QProcess::Running); // the job has not ended: follow goes on
        open(QStringLiteral("go"));
        QVERIFY(follow.waitForFinished(30000));
        seen += follow.readAllStandardOutput();
        QCOMPARE(seen, QByteArray("first\nsecond\n"));
        QCOMPARE(follow.exitCode(), 0);
    }

    void submitterKilledJobRuns()
    {
        const qint64 id = submit(waitingFor(QStringLiteral("go"), QStringLiteral("echo done")));
        QVERIFY(id > 0);
        QProcess follow;
        follow.setProcessEnvironment(m_env);
        follow.start(QStringLiteral(QMP_CLI_PATH), {QStringLiteral("follow"), QString::number(id)});
        QVERIFY(follow.waitForStarted());
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), QStringLiteral("running"), 30000);
        follow.kill();
        QVERIFY(follow.waitForFinished());
        open(QStringLiteral("go"));
        QCOMPARE(qmp({QStringLiteral("wait"), QString::number(id)}).code, 0);
        QCOMPARE(qmp({QStringLiteral("log"), QString::number(id)}).out, QByteArray("done\n"));
    }

    void killRunningAndQueued()
    {
        const qint64 running = submit({QStringLiteral("--"), QStringLiteral("sleep"), QStringLiteral("1000")});
        const qint64 queued = submit({QStringLiteral("--"), QStringLiteral("true")});
        QTRY_VERIFY_WITH_TIMEOUT(job(running).value(QStringLiteral("pid")).toInteger() > 0, 30000);
        const qint64 pid = job(running).value(QStringLiteral("pid")).toInteger();
        QVERIFY(alive(pid));
        QCOMPARE(qmp({QStringLiteral("kill"), QString::number(queued)}).code, 0);
        QCOMPARE(qmp({QStringLiteral("kill"), QString::number(running)}).code, 0);
        QCOMPARE(qmp({QStringLiteral("wait")}).code, 1); // killed jobs did not succeed
        QCOMPARE(stateOf(running), QStringLiteral("killed"));
        QCOMPARE(stateOf(queued), QStringLiteral("killed"));
        QTRY_VERIFY(!alive(pid));
        QCOMPARE(qmp({QStringLiteral("kill"), QString::number(running)}).code, 1); // ended already
    }

    void cleanStopKeepsQueue()
    {
        const qint64 blocker = submit({QStringLiteral("--"), QStringLiteral("sleep"), QStringLiteral("1000")});
        const qint64 queued = submit({QStringLiteral("--"), QStringLiteral("echo"), QStringLiteral("back")});
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(blocker), QStringLiteral("running"), 30000);
        QCOMPARE(qmp({QStringLiteral("pause")}).code, 0); // the queued one stays queued
        const qint64 pid = servicePid();
        QCOMPARE(qmp({QStringLiteral("service"), QStringLiteral("stop")}).code, 0);
        QTRY_VERIFY_WITH_TIMEOUT(!alive(pid), 30000);
        QVERIFY(!QFile::exists(socketPath()));
        // Started again on demand: the queue is back (the group still paused), the running job
        // ended with the service.
        QCOMPARE(stateOf(queued), QStringLiteral("queued"));
        QCOMPARE(stateOf(blocker), QStringLiteral("killed"));
        QVERIFY(servicePid() != pid);
        QCOMPARE(qmp({QStringLiteral("resume")}).code, 0);
        QCOMPARE(qmp({QStringLiteral("wait"), QString::number(queued)}).code, 0);
        QCOMPARE(qmp({QStringLiteral("log"), QString::number(queued)}).out, QByteArray("back\n"));
    }

    void killedServiceLosesRunningKeepsQueue()
    {
        const qint64 running = submit({QStringLiteral("--"), QStringLiteral("sleep"), QStringLiteral("1000")});
        const qint64 queued = submit({QStringLiteral("--"), QStringLiteral("echo"), QStringLiteral("after")});
        QTRY_VERIFY_WITH_TIMEOUT(job(running).value(QStringLiteral("pid")).toInteger() > 0, 30000);
        const qint64 jobPid = job(running).value(QStringLiteral("pid")).toInteger();
        const qint64 pid = servicePid();
        QVERIFY(alive(pid) && alive(jobPid));
        QCOMPARE(::kill(pid_t(pid), SIGKILL), 0);
        QTRY_VERIFY_WITH_TIMEOUT(!alive(pid), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(!alive(jobPid), 30000); // no orphan
        // The next command starts it again: the running job is lost, the queue runs.
        QCOMPARE(stateOf(running), QStringLiteral("lost"));
        QCOMPARE(qmp({QStringLiteral("wait"), QString::number(queued)}).code, 0);
        QCOMPARE(qmp({QStringLiteral("log"), QString::number(queued)}).out, QByteArray("after\n"));
        qmp({QStringLiteral("service"), QStringLiteral("stop")});
        qmp::HistoryStore history(historyPath(), qmp::HistoryStore::Mode::ReadOnly);
        const std::optional<qmp::BatchRecord> lost = history.batch(running);
        QVERIFY(lost);
        QVERIFY(lost->isFinished());
        QCOMPARE(lost->failed, 1);
    }

    void afterOrderingAndFailedDependency()
    {
        QCOMPARE(qmp({QStringLiteral("parallel"), QStringLiteral("3")}).code, 0);
        const QString order = gate(QStringLiteral("order"));
        const qint64 first = submit(waitingFor(QStringLiteral("go"), QStringLiteral("echo first >> '%1'").arg(order)));
        const qint64 second = submit({QStringLiteral("--after"), QString::number(first), QStringLiteral("--"), QStringLiteral("sh"),
                                      QStringLiteral("-c"), QStringLiteral("echo second >> '%1'").arg(order)});
        const qint64 failing = submit({QStringLiteral("--"), QStringLiteral("false")});
        const qint64 dependent = submit({QStringLiteral("--after"), QString::number(failing), QStringLiteral("--"),
                                         QStringLiteral("echo"), QStringLiteral("never")});
        QVERIFY(first > 0 && second > 0 && failing > 0 && dependent > 0);
        QCOMPARE(qmp({QStringLiteral("wait"), QString::number(dependent)}).code, 1);
        QCOMPARE(stateOf(dependent), QStringLiteral("failed-dependency"));
        QCOMPARE(stateOf(second), QStringLiteral("queued")); // first has not ended
        open(QStringLiteral("go"));
        QCOMPARE(qmp({QStringLiteral("wait"), QString::number(second)}).code, 0);
        QFile f(order);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("first\nsecond\n"));
        // A dependency on a job that does not exist: refused, clearly.
        const Run r = qmp({QStringLiteral("submit"), QStringLiteral("--after"), QStringLiteral("999999"), QStringLiteral("--"),
                           QStringLiteral("true")});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("job 999999 does not exist"), r.err.constData());
    }

    void parallelTakesEffectOnNextStart()
    {
        QList<qint64> ids;
        for (int i = 0; i < 3; ++i)
            ids.append(submit({QStringLiteral("--group"), QStringLiteral("g"), QStringLiteral("--"), QStringLiteral("sleep"),
                               QStringLiteral("1000")}));
        QTRY_COMPARE_WITH_TIMEOUT(runningIn(QStringLiteral("g")), 1, 30000);
        QCOMPARE(stateOf(ids.at(2)), QStringLiteral("queued"));
        QCOMPARE(qmp({QStringLiteral("parallel"), QStringLiteral("3"), QStringLiteral("--group"), QStringLiteral("g")}).code, 0);
        QTRY_COMPARE_WITH_TIMEOUT(runningIn(QStringLiteral("g")), 3, 30000);
        QCOMPARE(qmp({QStringLiteral("kill"), QStringLiteral("--group"), QStringLiteral("g")}).code, 0);
        QCOMPARE(qmp({QStringLiteral("wait"), QStringLiteral("--group"), QStringLiteral("g")}).code, 1);
        QCOMPARE(qmp({QStringLiteral("clean")}).code, 0);
        QVERIFY(status().value(QStringLiteral("jobs")).toArray().isEmpty());
    }

    void batchSubmitSurvivesAKillRightAfterItsReply()
    {
        // One request, one save: the reply means every job of the batch is on disk.
        QCOMPARE(qmp({QStringLiteral("pause")}).code, 0); // they stay queued
        QStringList arguments{QStringLiteral("submit"), QStringLiteral("--"), QStringLiteral("echo"), QStringLiteral("{}"),
                              QStringLiteral(":::")};
        for (int i = 1; i <= 300; ++i)
            arguments.append(QString::number(i));
        const Run r = qmp(arguments);
        QCOMPARE(r.code, 0);
        const qint64 pid = servicePid();
        QCOMPARE(::kill(pid_t(pid), SIGKILL), 0);
        const QList<qint64> ids = idsOf(r);
        QCOMPARE(ids.size(), 300);
        QTRY_VERIFY_WITH_TIMEOUT(!alive(pid), 30000);
        const QJsonArray jobs = status().value(QStringLiteral("jobs")).toArray(); // a new service
        QVERIFY(servicePid() != pid);
        QCOMPARE(jobs.size(), 300);
        for (qsizetype i = 0; i < jobs.size(); ++i) {
            QCOMPARE(jobs.at(i)[QStringLiteral("id")].toInteger(), ids.at(i));
            QCOMPARE(jobs.at(i)[QStringLiteral("state")].toString(), QStringLiteral("queued"));
        }
        QCOMPARE(qmp({QStringLiteral("resume")}).code, 0);
        QCOMPARE(qmp({QStringLiteral("wait")}).code, 0);
        QCOMPARE(qmp({QStringLiteral("log"), QString::number(ids.last())}).out, QByteArray("300\n"));
    }

    void largeBatchGoesInSeveralRequests()
    {
        // 2500 jobs with 2000-character arguments: more than one request carries (4 MiB).
        QCOMPARE(qmp({QStringLiteral("pause")}).code, 0);
        QFile inputs(gate(QStringLiteral("inputs")));
        QVERIFY(inputs.open(QIODevice::WriteOnly));
        for (int i = 0; i < 2500; ++i)
            inputs.write(QByteArray::number(i).leftJustified(2000, 'x') + '\n');
        inputs.close();
        const Run r = qmp({QStringLiteral("submit"), QStringLiteral("--"), QStringLiteral("echo"), QStringLiteral("{}"),
                           QStringLiteral("::::"), inputs.fileName()});
        QCOMPARE(r.code, 0);
        const QList<qint64> ids = idsOf(r);
        QCOMPARE(ids.size(), 2500);
        for (qsizetype i = 1; i < ids.size(); ++i)
            QVERIFY(ids.at(i) > ids.at(i - 1));
        const QJsonArray jobs = status().value(QStringLiteral("jobs")).toArray();
        QCOMPARE(jobs.size(), 2500);
        const QString last = jobs.last()[QStringLiteral("arguments")].toArray().last().toString(); // sh -c 'echo …'
        QVERIFY(last.contains(QString::fromLatin1(QByteArray::number(2499).leftJustified(2000, 'x'))));
    }

    void parallelLoweredWithJobsQueuedAhead()
    {
        // Two run, two wait in the pool's queue; parallel 1 holds from the next start on.
        QCOMPARE(qmp({QStringLiteral("parallel"), QStringLiteral("2"), QStringLiteral("--group"), QStringLiteral("g")}).code, 0);
        const Run r = qmp({QStringLiteral("submit"), QStringLiteral("--group"), QStringLiteral("g"), QStringLiteral("--"),
                           QStringLiteral("while [ ! -e {} ]; do sleep 0.05; done"), QStringLiteral(":::"), gate(QStringLiteral("a")), gate(QStringLiteral("a")),
                           gate(QStringLiteral("b")), gate(QStringLiteral("b"))});
        const QList<qint64> ids = idsOf(r);
        QCOMPARE(ids.size(), 4);
        QTRY_COMPARE_WITH_TIMEOUT(runningIn(QStringLiteral("g")), 2, 30000);
        QCOMPARE(qmp({QStringLiteral("parallel"), QStringLiteral("1"), QStringLiteral("--group"), QStringLiteral("g")}).code, 0);
        open(QStringLiteral("a"));
        QCOMPARE(qmp({QStringLiteral("wait"), QString::number(ids.at(0)), QString::number(ids.at(1))}).code, 0);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(ids.at(2)), QStringLiteral("running"), 30000);
        QCOMPARE(runningIn(QStringLiteral("g")), 1);
        QCOMPARE(stateOf(ids.at(3)), QStringLiteral("queued"));
        open(QStringLiteral("b"));
        QCOMPARE(qmp({QStringLiteral("wait"), QStringLiteral("--group"), QStringLiteral("g")}).code, 0);
    }

    void pauseHoldsJobsQueuedAhead()
    {
        const qint64 first = submit(waitingFor(QStringLiteral("go"), QStringLiteral("true")));
        const qint64 next = submit({QStringLiteral("--"), QStringLiteral("sh"), QStringLiteral("-c"),
                                    QStringLiteral("echo ran > '%1'").arg(gate(QStringLiteral("ran")))});
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(first), QStringLiteral("running"), 30000);
        QCOMPARE(qmp({QStringLiteral("pause")}).code, 0);
        QCOMPARE(qmp({QStringLiteral("kill"), QString::number(first)}).code, 0); // its slot frees
        QCOMPARE(qmp({QStringLiteral("wait"), QString::number(first)}).code, 1);
        QCOMPARE(stateOf(next), QStringLiteral("queued"));
        QCOMPARE(runningIn(QStringLiteral("default")), 0);
        QVERIFY(!QFile::exists(gate(QStringLiteral("ran"))));
        QCOMPARE(qmp({QStringLiteral("resume")}).code, 0);
        QCOMPARE(qmp({QStringLiteral("wait"), QString::number(next)}).code, 0);
        QVERIFY(QFile::exists(gate(QStringLiteral("ran"))));
    }

    void killOfAJobQueuedAheadNeverRunsIt()
    {
        const qint64 first = submit(waitingFor(QStringLiteral("go"), QStringLiteral("true")));
        const qint64 killed = submit({QStringLiteral("--"), QStringLiteral("sh"), QStringLiteral("-c"),
                                      QStringLiteral("echo ran > '%1'").arg(gate(QStringLiteral("ran")))});
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(first), QStringLiteral("running"), 30000);
        QCOMPARE(qmp({QStringLiteral("kill"), QString::number(killed)}).code, 0);
        QCOMPARE(stateOf(killed), QStringLiteral("killed")); // at once, not when the pool lets go of it
        const qint64 last = submit({QStringLiteral("--"), QStringLiteral("true")});
        open(QStringLiteral("go"));
        QCOMPARE(qmp({QStringLiteral("wait"), QString::number(first), QString::number(last)}).code, 0);
        QVERIFY(!QFile::exists(gate(QStringLiteral("ran")))); // it was ahead of `last` in the queue
        QCOMPARE(stateOf(killed), QStringLiteral("killed"));
    }

    // A job killed (or paused) right after it was handed to its pool — before the pool's events
    // have told the service its task id — is taken out of the pool's queue at once: when a slot
    // frees a moment later, it does not start there (and is not killed just after starting).
    void killOrPauseRightAfterHandOverNeverStartsIt_data()
    {
        QTest::addColumn<QString>("op");
        QTest::newRow("kill") << QStringLiteral("kill");
        QTest::newRow("pause") << QStringLiteral("pause");
    }
    void killOrPauseRightAfterHandOverNeverStartsIt()
    {
        QFETCH(QString, op);
        const qint64 blocker = submit(QStringList{QStringLiteral("--group"), QStringLiteral("race")}
                                      + waitingFor(QStringLiteral("never"), QStringLiteral("true")));
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(blocker), QStringLiteral("running"), 30000);
        const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_un address = {};
        address.sun_family = AF_UNIX;
        const QByteArray path = QFile::encodeName(socketPath());
        std::memcpy(address.sun_path, path.constData(), size_t(path.size()));
        QCOMPARE(::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address), 0);
        qmp::FrameSocket socket(fd);
        // In one write: submit the job (the group's queue ahead is empty: it goes to the pool at
        // once), then kill / pause it and kill the blocker, whose slot it would take.
        const QString marker = gate(QStringLiteral("ran"));
        const QCborMap submitted{{QStringLiteral("program"), QStringLiteral("sh")},
                           {QStringLiteral("arguments"), QCborArray{QStringLiteral("-c"), QStringLiteral("echo ran > '%1'").arg(marker)}},
                           {QStringLiteral("group"), QStringLiteral("race")}};
        const qint64 id = blocker + 1; // the next id of this service's history
        QByteArray frames = qmp::FrameDecoder::encode(QCborMap{{QStringLiteral("op"), QStringLiteral("submit")}, {QStringLiteral("job"), submitted}});
        frames += qmp::FrameDecoder::encode(QCborMap{{QStringLiteral("op"), op}, {QStringLiteral("id"), id}});
        frames += qmp::FrameDecoder::encode(QCborMap{{QStringLiteral("op"), QStringLiteral("kill")}, {QStringLiteral("id"), blocker}});
        QVERIFY(socket.sendFrame(frames));
        for (int reply = 0; reply < 3; ++reply) {
            const std::optional<QByteArray> answer = socket.receive(30000);
            QVERIFY(answer);
            const QCborMap map = QCborValue::fromCbor(*answer).toMap();
            QVERIFY2(map.value(QStringLiteral("ok")).toBool(), qPrintable(map.value(QStringLiteral("error")).toString()));
            if (reply == 0)
                QCOMPARE(map.value(QStringLiteral("id")).toInteger(), id);
        }
        QCOMPARE(qmp({QStringLiteral("wait"), QString::number(blocker)}).code, 1); // killed
        // The group is idle now: a job queued after it runs, and it did not.
        const qint64 last = submit({QStringLiteral("--group"), QStringLiteral("race"), QStringLiteral("--"), QStringLiteral("true")});
        QCOMPARE(qmp({QStringLiteral("wait"), QString::number(last)}).code, 0);
        QVERIFY(!QFile::exists(marker));
        QCOMPARE(stateOf(id), op == QLatin1String("kill") ? QStringLiteral("killed") : QStringLiteral("queued"));
        QCOMPARE(job(id).value(QStringLiteral("started")).toInteger(), 0);
        if (op == QLatin1String("pause"))
            QCOMPARE(qmp({QStringLiteral("kill"), QString::number(id)}).code, 0);
        qmp({QStringLiteral("service"), QStringLiteral("stop")});
        qmp::HistoryStore history(historyPath(), qmp::HistoryStore::Mode::ReadOnly);
        const std::optional<qmp::BatchRecord> batch = history.batch(id);
        QVERIFY(batch);
        QCOMPARE(batch->startedMs, 0); // never started
    }

    void pauseAndResumeARunningJob()
    {
        // The job waits on a FIFO without starting processes of its own (a shell stopped while it
        // starts one waits for it in state D, not T).
        const QString fifo = gate(QStringLiteral("fifo"));
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        const qint64 id = submit({QStringLiteral("--"), QStringLiteral("sh"), QStringLiteral("-c"),
                                  QStringLiteral("read line < '%1'; echo done").arg(fifo)});
        QTRY_VERIFY_WITH_TIMEOUT(job(id).value(QStringLiteral("pid")).toInteger() > 0, 30000);
        const qint64 pid = job(id).value(QStringLiteral("pid")).toInteger();
        QCOMPARE(qmp({QStringLiteral("pause"), QString::number(id)}).code, 0);
        QTRY_COMPARE_WITH_TIMEOUT(qmptest::processStateOf(pid), 'T', 30000); // stopped
        QVERIFY(job(id).value(QStringLiteral("paused")).toBool());
        QVERIFY(qmp({QStringLiteral("status")}).out.contains("running (paused)"));
        // The group's pause and resume leave it stopped.
        QCOMPARE(qmp({QStringLiteral("pause")}).code, 0);
        QCOMPARE(qmp({QStringLiteral("resume")}).code, 0);
        QTRY_COMPARE_WITH_TIMEOUT(qmptest::processStateOf(pid), 'T', 30000);
        QCOMPARE(qmp({QStringLiteral("resume"), QString::number(id)}).code, 0);
        QTRY_VERIFY_WITH_TIMEOUT(qmptest::processStateOf(pid) != 'T', 30000);
        int fd = -1; // its reader is there once it runs again
        QTRY_VERIFY_WITH_TIMEOUT((fd = ::open(QFile::encodeName(fifo).constData(), O_WRONLY | O_NONBLOCK | O_CLOEXEC)) >= 0, 30000);
        QCOMPARE(::write(fd, "go\n", 3), ssize_t(3));
        ::close(fd);
        QCOMPARE(qmp({QStringLiteral("wait"), QString::number(id)}).code, 0);
        QCOMPARE(qmp({QStringLiteral("log"), QString::number(id)}).out, QByteArray("done\n"));
        const Run ended = qmp({QStringLiteral("pause"), QString::number(id)});
        QCOMPARE(ended.code, 1);
        QVERIFY2(ended.err.contains("has ended already"), ended.err.constData());
    }

    void pausedQueuedJobIsHeldAndKept()
    {
        const qint64 first = submit(waitingFor(QStringLiteral("go"), QStringLiteral("true")));
        const qint64 held = submit({QStringLiteral("--"), QStringLiteral("sh"), QStringLiteral("-c"),
                                    QStringLiteral("echo ran > '%1'").arg(gate(QStringLiteral("ran")))});
        const qint64 last = submit({QStringLiteral("--"), QStringLiteral("true")});
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(first), QStringLiteral("running"), 30000);
        QCOMPARE(qmp({QStringLiteral("pause"), QString::number(held)}).code, 0); // queued ahead in the pool: out of it
        open(QStringLiteral("go"));
        QCOMPARE(qmp({QStringLiteral("wait"), QString::number(first), QString::number(last)}).code, 0); // past it
        QCOMPARE(stateOf(held), QStringLiteral("queued"));
        QVERIFY(!QFile::exists(gate(QStringLiteral("ran"))));
        // Still held after a restart of the service.
        const qint64 pid = servicePid();
        QCOMPARE(qmp({QStringLiteral("service"), QStringLiteral("stop")}).code, 0);
        QTRY_VERIFY_WITH_TIMEOUT(!alive(pid), 30000);
        QVERIFY(job(held).value(QStringLiteral("paused")).toBool());
        QCOMPARE(stateOf(held), QStringLiteral("queued"));
        QCOMPARE(qmp({QStringLiteral("resume"), QString::number(held)}).code, 0);
        QCOMPARE(qmp({QStringLiteral("wait"), QString::number(held)}).code, 0);
        QVERIFY(QFile::exists(gate(QStringLiteral("ran"))));
    }

    void restartAndRemove()
    {
        const qint64 failed = submit({QStringLiteral("--"), QStringLiteral("sh"), QStringLiteral("-c"),
                                      QStringLiteral("echo again; exit 3")});
        QCOMPARE(qmp({QStringLiteral("wait"), QString::number(failed)}).code, 1);
        QCOMPARE(job(failed).value(QStringLiteral("exitCode")).toInt(), 3);
        const Run restarted = qmp({QStringLiteral("restart"), QString::number(failed)});
        QCOMPARE(restarted.code, 0);
        const QRegularExpressionMatch m = QRegularExpression(QStringLiteral("as job (\\d+)")).match(QString::fromUtf8(restarted.out));
        QVERIFY2(m.hasMatch(), restarted.out.constData());
        const qint64 again = m.captured(1).toLongLong();
        QVERIFY(again != failed);
        QCOMPARE(qmp({QStringLiteral("wait"), QString::number(again)}).code, 1);
        QCOMPARE(qmp({QStringLiteral("log"), QString::number(again)}).out, QByteArray("again\n"));
        QCOMPARE(qmp({QStringLiteral("remove"), QString::number(failed)}).code, 0);
        QVERIFY(job(failed).isEmpty());
        QVERIFY(!job(again).isEmpty());
        const Run gone = qmp({QStringLiteral("remove"), QString::number(failed)});
        QCOMPARE(gone.code, 1);
        QVERIFY2(gone.err.contains("does not exist"), gone.err.constData());
    }

    void badRequestsDoNotKillTheService()
    {
        QCOMPARE(qmp({QStringLiteral("service"), QStringLiteral("start")}).code, 0);
        const qint64 pid = servicePid();
        auto connectRaw = [this]() -> int {
            const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
            sockaddr_un address = {};
            address.sun_family = AF_UNIX;
            const QByteArray path = QFile::encodeName(socketPath());
            std::memcpy(address.sun_path, path.constData(), size_t(path.size()));
            return ::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0 ? fd : -1;
        };
        {
            // Not a frame at all (a length far above the limit): the connection is dropped.
            qmp::FrameSocket garbage(connectRaw());
            QVERIFY(garbage.fd() >= 0);
            QVERIFY(garbage.sendFrame(QByteArray("\xff\xff\xff\xffgarbage", 11)));
            QVERIFY(!garbage.receive(30000));
        }
        {
            qmp::FrameSocket socket(connectRaw());
            for (const QCborValue &bad : {QCborValue(42), QCborValue(QCborMap{{QStringLiteral("op"), QStringLiteral("nope")}}),
                                          QCborValue(QCborMap{{QStringLiteral("op"), QStringLiteral("kill")}}),
                                          QCborValue(QCborMap{{QStringLiteral("op"), QStringLiteral("submit")},
                                                              {QStringLiteral("job"), QCborMap{{QStringLiteral("program"), 7}}}})}) {
                QVERIFY(socket.sendFrame(qmp::FrameDecoder::encode(bad)));
                const std::optional<QByteArray> answer = socket.receive(30000);
                QVERIFY(answer);
                const QCborMap map = QCborValue::fromCbor(*answer).toMap();
                QCOMPARE(map.value(QStringLiteral("ok")).toBool(), false);
                QVERIFY(map.value(QStringLiteral("error")).toString().startsWith(QStringLiteral("bad request")));
            }
            // A frame that is not CBOR: dropped.
            QVERIFY(socket.send(QByteArray("\xff\xfe", 2)));
            QVERIFY(!socket.receive(30000));
        }
        QVERIFY(alive(pid));
        QCOMPARE(qmp({QStringLiteral("status")}).code, 0);
        QCOMPARE(servicePid(), pid);
    }

    void secondUserRefused()
    {
        QString whyNot;
        const std::optional<qmptest::OtherUser> other = qmptest::otherUser(&whyNot);
        if (!other)
            QSKIP(qPrintable(whyNot));
        QCOMPARE(qmp({QStringLiteral("service"), QStringLiteral("start")}).code, 0);
        const QByteArray path = QFile::encodeName(socketPath());
        auto attempt = [path]() -> int {
            const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
            sockaddr_un address = {};
            address.sun_family = AF_UNIX;
            std::memcpy(address.sun_path, path.constData(), size_t(path.size()));
            if (::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0)
                return errno == EACCES ? 10 : 11; // the 0700 directory keeps it out
            qmp::FrameSocket socket(fd);
            socket.sendFrame(qmp::FrameDecoder::encode(QCborMap{{QStringLiteral("op"), QStringLiteral("status")}}));
            const std::optional<QByteArray> answer = socket.receive(30000);
            if (!answer)
                return 12;
            const QCborMap map = QCborValue::fromCbor(*answer).toMap();
            if (map.value(QStringLiteral("ok")).toBool())
                return 13; // served: wrong
            return map.value(QStringLiteral("error")).toString().startsWith(QStringLiteral("refused")) ? 20 : 14;
        };
        // The directory alone keeps the other user out...
        QVERIFY(::chmod(QFile::encodeName(m_dir->path()).constData(), 0711) == 0);
        QCOMPARE(qmptest::runForkedAs(*other, attempt), 10);
        // ...and with the directory and socket opened to everyone, SO_PEERCRED does.
        QVERIFY(::chmod(QFile::encodeName(runtimeDir()).constData(), 0711) == 0);
        QVERIFY(::chmod(path.constData(), 0666) == 0);
        QCOMPARE(qmptest::runForkedAs(*other, attempt), 20);
        QCOMPARE(qmp({QStringLiteral("status")}).code, 0);
    }

    // The state directory's disk fills up: the queue saved last stays whole (a state file cut short
    // by the full disk was committed before, and the next start found it damaged: every job gone
    // from the queue), the client is told that its change may not survive a restart, and once
    // there is room again the queue runs. Needs root to mount a small tmpfs.
    void fullDiskKeepsTheSavedQueueAndSaysSo()
    {
        if (::geteuid() != 0)
            QSKIP("needs root to mount a small tmpfs as the state directory");
        QVERIFY(QDir().mkpath(stateDir()));
        const QByteArray mountPoint = QFile::encodeName(stateDir());
        if (QProcess::execute(QStringLiteral("mount"), {QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                                                        QStringLiteral("size=256k"), QStringLiteral("tmpfs"), stateDir()})
            != 0)
            QSKIP("cannot mount a tmpfs here (a container without CAP_SYS_ADMIN?)");
        struct Unmount
        {
            TestService *test;
            ~Unmount()
            {
                // Also after a failed check (QTRY_* would not wait then): the service goes
                // first, then the disk.
                const qint64 pid = test->servicePid();
                if (pid > 0 && alive(pid))
                    test->qmp({QStringLiteral("service"), QStringLiteral("stop")});
                if (!QTest::qWaitFor([pid] { return pid <= 0 || !alive(pid); }, 30000))
                    qWarning("the service pid %lld did not stop", pid);
                QProcess::execute(QStringLiteral("umount"), {QStringLiteral("--lazy"), test->stateDir()});
            }
        } unmount{this};

        QCOMPARE(qmp({QStringLiteral("pause")}).code, 0);
        // Each job's environment is saved with it: with a few, the state is larger than the last
        // free page of the disk.
        QList<qint64> kept;
        for (int i = 0; i < 4; ++i)
            kept.append(submit({QStringLiteral("--"), QStringLiteral("echo"), QStringLiteral("kept-%1").arg(i)}));
        QVERIFY(!kept.contains(0));
        const QString statePath = stateDir() + QStringLiteral("/state.cbor");

        QFile filler(stateDir() + QStringLiteral("/filler"));
        QVERIFY(filler.open(QIODevice::WriteOnly));
        const QByteArray block(4096, 'f');
        while (filler.write(block) == block.size() && filler.flush()) {
        }
        filler.close();
        const Run late = qmp({QStringLiteral("submit"), QStringLiteral("--"), QStringLiteral("echo"), QStringLiteral("late")});
        QCOMPARE(late.code, 0); // it is queued (and runs while the service lives) ...
        QVERIFY2(late.err.contains("cannot save the queue") && late.err.contains("No space left on device"),
                 late.err.constData()); // ... and the client knows it may not survive a restart
        QCOMPARE(qmp({QStringLiteral("service"), QStringLiteral("stop")}).code, 0);

        QVERIFY(filler.remove());
        QCOMPARE(qmp({QStringLiteral("resume")}).code, 0); // starts the service again
        for (qint64 id : kept)
            QVERIFY2(!job(id).isEmpty(), qPrintable(QStringLiteral("job %1 is gone from the queue").arg(id)));
        QCOMPARE(qmp({QStringLiteral("wait")}).code, 0);
        for (int i = 0; i < kept.size(); ++i)
            QCOMPARE(qmp({QStringLiteral("log"), QString::number(kept.at(i))}).out, QStringLiteral("kept-%1\n").arg(i).toUtf8());
        QCOMPARE(QFile::permissions(statePath) & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions()); // environments are private
        // No half-written state file was left behind.
        QCOMPARE(QDir(stateDir()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
                 (QStringList{QStringLiteral("jobs"), QStringLiteral("service.log"), QStringLiteral("state.cbor")}));
    }
};

QTEST_GUILESS_MAIN(TestService)
#include "tst_service.moc"
