// The studio as a client of the QMP service: its launcher submits to the service by default, the
// service's groups show in the pool list like any pool (and its controls act on the service's
// jobs), a batch outlives the studio that submitted it, and Quit says so.
// Each test gets its own service (runtime, state and history in a temporary directory through
// QMP_SERVICE_RUNTIME_DIR / QMP_SERVICE_STATE_DIR / QMP_HISTORY, set in this process: the
// service the studio starts inherits them), stopped in cleanup(), which checks it is gone.
// Jobs that must wait for the test block on a file the test creates (no sleeps).
// This binary is also the studio that is killed: with --submitting-studio it is an offscreen
// studio that launches a batch through its launcher, prints the first job's id and waits.

#include "historystore.h"
#include "joblauncherdialog.h"
#include "languagemanager.h"
#include "mainwindow.h"
#include "qmptest.h"
#include "monitorclient.h"
#include "monitorhub.h"
#include "outputpane.h"
#include "poolmodel.h"
#include "qmptempdirs.h"
#include "runtime.h"
#include "serviceclient.h"
#include "serviceconnection.h"
#include "servicerequest.h"
#include "studiosession.h"

#include <QApplication>
#include <QCborArray>
#include <QDialogButtonBox>
#include <QFile>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <cstdio>
#include <memory>

using namespace qmp;

namespace {

// A live process (a zombie, reparented to an init that has not reaped it yet, counts as gone).
bool alive(qint64 pid)
{
    return pid > 0 && !qmptest::processGone(pid);
}

// The service's status reply (empty when none runs).
QCborMap serviceStatus()
{
    ServiceClient client;
    QString error;
    if (!client.connect(false, &error))
        return {};
    ServiceRequest status;
    status.op = ServiceRequest::Op::Status;
    return client.request(status.toCbor(), &error).value_or(QCborMap());
}

// A field of group `group` in the service's status.
QCborValue groupField(const QString &group, const QString &field)
{
    for (const QCborValue &g : serviceStatus().value(QStringLiteral("groups")).toArray()) {
        if (g[QStringLiteral("name")].toString() == group)
            return g[field];
    }
    return {};
}

QString stateOf(qint64 id)
{
    for (const QCborValue &job : serviceStatus().value(QStringLiteral("jobs")).toArray()) {
        if (job[QStringLiteral("id")].toInteger() == id)
            return job[QStringLiteral("state")].toString();
    }
    return QString();
}

// --submitting-studio HISTORY TEMPLATE GROUP: an offscreen studio launching TEMPLATE over 1..3
// through its launcher, with the launcher's default target.
int submittingStudio(int argc, char *argv[])
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("QMP-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("TestServiceStudio-submitter"));
    QApplication app(argc, argv);
    const QStringList arguments = QCoreApplication::arguments();
    StudioSession session(arguments.value(2));
    LanguageManager languages;
    languages.setLanguage(QStringLiteral("en"), false);
    MainWindow window(&session, &languages);
    window.show();
    QObject::connect(&session, &StudioSession::launched, &app, [](int, quint64 batchId) {
        std::printf("submitted %llu\n", static_cast<unsigned long long>(batchId));
        std::fflush(stdout);
    });
    window.openLauncher();
    JobLauncherDialog *dialog = window.launcherDialog();
    if (!dialog || dialog->target() != LaunchTarget::Kind::Service) {
        std::fprintf(stderr, "the launcher does not default to the service\n");
        return 3;
    }
    dialog->setCommandTemplate(arguments.value(3));
    dialog->setRange(1, 3, 1);
    dialog->setPoolName(arguments.value(4));
    dialog->setParallelism(2);
    dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
    return QApplication::exec();
}

} // namespace

class TestServiceStudio : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    LanguageManager *m_languages = nullptr;

    QString historyPath() const { return m_dir->filePath(QStringLiteral("history.db")); }
    QString gate() const { return m_dir->filePath(QStringLiteral("gate")); }
    // A command template whose jobs wait for the gate, then print their input.
    QString waitingTemplate() const
    {
        return QStringLiteral("while [ ! -e '%1' ]; do sleep 0.05; done; echo done-{}").arg(gate());
    }
    void openGate()
    {
        QFile f(gate());
        QVERIFY(f.open(QIODevice::WriteOnly));
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_languages = new LanguageManager(this);
        QVERIFY(m_languages->setLanguage(QStringLiteral("en"), false));
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        qputenv("QMP_SERVICE_RUNTIME_DIR", QFile::encodeName(m_dir->filePath(QStringLiteral("run"))));
        qputenv("QMP_SERVICE_STATE_DIR", QFile::encodeName(m_dir->filePath(QStringLiteral("state"))));
        qputenv("QMP_HISTORY", QFile::encodeName(historyPath()));
        QVERIFY(serviceStatus().isEmpty()); // none runs yet
    }

    void cleanup()
    {
        const qint64 pid = serviceStatus().value(QStringLiteral("pid")).toInteger();
        if (pid > 0) {
            ServiceClient client;
            QString error;
            QVERIFY2(client.connect(false, &error), qPrintable(error));
            ServiceRequest stop;
            stop.op = ServiceRequest::Op::Stop;
            client.request(stop.toCbor(), &error);
            QTRY_VERIFY_WITH_TIMEOUT(!alive(pid), 30000);
        }
        QVERIFY(!QFile::exists(m_dir->filePath(QStringLiteral("run/service.sock"))));
        qunsetenv("QMP_SERVICE_RUNTIME_DIR");
        qunsetenv("QMP_SERVICE_STATE_DIR");
        qunsetenv("QMP_HISTORY");
        m_dir.reset();
    }

    // A studio launches a batch (the launcher's default target: the service, started on demand),
    // then the studio and a qmp client waiting for the batch are killed: the batch runs to its
    // end, in the service's status view and in the history.
    void batchOutlivesTheStudioAndTheQmpProcess()
    {
        QProcess studio;
        studio.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        studio.start(QCoreApplication::applicationFilePath(),
                     {QStringLiteral("--submitting-studio"), historyPath(), waitingTemplate(), QStringLiteral("outlive")});
        QByteArray said;
        QTRY_VERIFY_WITH_TIMEOUT((said += studio.readAllStandardOutput()).contains('\n'), 60000);
        QVERIFY2(said.startsWith("submitted "), said.constData());
        const qint64 first = said.mid(10).trimmed().toLongLong();
        QVERIFY(first > 0);
        const QCborMap status = serviceStatus();
        const qint64 servicePid = status.value(QStringLiteral("pid")).toInteger();
        QVERIFY(alive(servicePid));
        QCOMPARE(status.value(QStringLiteral("jobs")).toArray().size(), 3);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(first), QStringLiteral("running"), 30000);

        // A qmp process waiting for the batch (as a terminal would), killed with the studio.
        QProcess waiter;
        waiter.start(QStringLiteral(QMP_CLI_PATH), {QStringLiteral("wait"), QStringLiteral("--group"), QStringLiteral("outlive")});
        QVERIFY(waiter.waitForStarted());
        ::kill(pid_t(studio.processId()), SIGKILL);
        ::kill(pid_t(waiter.processId()), SIGKILL);
        QVERIFY(studio.waitForFinished(30000));
        QVERIFY(waiter.waitForFinished(30000));
        QCOMPARE(studio.exitStatus(), QProcess::CrashExit);

        QVERIFY(alive(servicePid));
        QCOMPARE(stateOf(first), QStringLiteral("running"));
        openGate();
        for (qint64 id = first; id < first + 3; ++id)
            QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), QStringLiteral("succeeded"), 30000);
        // The history has them as finished (the service writes it a moment after).
        const auto recordedFinished = [this](qint64 id) {
            HistoryStore history(historyPath(), HistoryStore::Mode::ReadOnly);
            const std::optional<BatchRecord> batch = history.batch(id);
            return batch && batch->isFinished() && batch->ok == 1 && batch->pool == QLatin1String("qmp service/outlive");
        };
        for (qint64 id = first; id < first + 3; ++id)
            QTRY_VERIFY_WITH_TIMEOUT(recordedFinished(id), 30000);
    }

    // The studio attaches to the service and lists its group like any pool, live; a task
    // cancelled there is a job killed in the service; Quit says the service's jobs keep running.
    void dashboardShowsTheServiceGroup()
    {
        StudioSession session(historyPath());
        MainWindow window(&session, m_languages);
        window.show();
        QVERIFY(window.quitQuestion().isEmpty());
        // Through the launcher, with its default target: the service.
        window.openLauncher();
        JobLauncherDialog *dialog = window.launcherDialog();
        QVERIFY(dialog);
        QCOMPARE(dialog->target().kind, LaunchTarget::Kind::Service);
        dialog->setCommandTemplate(waitingTemplate());
        dialog->setRange(1, 3, 1);
        dialog->setPoolName(QStringLiteral("live"));
        dialog->setParallelism(2);
        dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
        QTRY_VERIFY(!window.launcherDialog());
        const QCborArray jobs = serviceStatus().value(QStringLiteral("jobs")).toArray();
        QCOMPARE(jobs.size(), 3);
        const qint64 first = jobs.at(0)[QStringLiteral("id")].toInteger();
        QCOMPARE(jobs.at(0)[QStringLiteral("group")].toString(), QStringLiteral("live"));

        // The group in the pool list, with its two running jobs as busy workers.
        MonitorHub *hub = session.hub();
        ServiceConnection *service = session.service();
        QTRY_VERIFY_WITH_TIMEOUT(service->poolOfGroup(QStringLiteral("live")) != 0, 30000);
        const int pool = service->poolOfGroup(QStringLiteral("live"));
        QVERIFY(hub->pool(pool)->name().startsWith(QLatin1String("qmp service/live")));
        QVERIFY(service->isServicePool(pool));
        QVERIFY(!hub->isLocal(pool));
        QTRY_COMPARE_WITH_TIMEOUT(hub->pool(pool)->runningTasks(), 2, 30000);
        QCOMPARE(hub->pool(pool)->processes(), 2);
        QVERIFY(window.poolModel()->rowOfPool(pool) >= 0);
        QTRY_COMPARE(window.selectedPoolId(), pool); // the batch just submitted is shown

        // Quit asks, and says the jobs go on and where to see them.
        const QString question = window.quitQuestion();
        QVERIFY2(question.contains(QLatin1String("2 jobs running and 1 queued in the QMP service keep running")), qPrintable(question));
        QVERIFY2(question.contains(QLatin1String("qmp status")), qPrintable(question));

        // Cancel a running task in the studio: the service kills that job.
        QVERIFY(hub->canControl(pool));
        quint64 taskOfFirst = 0;
        for (quint64 id : hub->pool(pool)->taskOrder()) {
            const TaskState *task = hub->pool(pool)->task(id);
            if (task && task->state == TaskState::State::Running && !taskOfFirst)
                taskOfFirst = id;
        }
        QVERIFY(taskOfFirst != 0);
        QVERIFY(hub->cancelTask(pool, taskOfFirst));
        int killed = 0;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                killed = 0;
                for (qint64 id = first; id < first + 3; ++id)
                    killed += stateOf(id) == QLatin1String("killed") ? 1 : 0;
                return killed == 1;
            }(),
            30000);
        // Workers, pause and resume are the group's parallel, pause and resume.
        QVERIFY(hub->resize(pool, 3));
        QTRY_COMPARE_WITH_TIMEOUT(groupField(QStringLiteral("live"), QStringLiteral("parallel")).toInteger(), 3, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(hub->pool(pool)->processes(), 3, 30000);
        QVERIFY(hub->pause(pool));
        QTRY_VERIFY_WITH_TIMEOUT(groupField(QStringLiteral("live"), QStringLiteral("paused")).toBool(), 30000);
        QTRY_COMPARE_WITH_TIMEOUT(hub->pool(pool)->lifecycle(), PoolState::Lifecycle::Paused, 30000);
        QVERIFY(hub->resume(pool));
        QTRY_VERIFY_WITH_TIMEOUT(!groupField(QStringLiteral("live"), QStringLiteral("paused")).toBool(), 30000);
        QTRY_COMPARE_WITH_TIMEOUT(hub->pool(pool)->lifecycle(), PoolState::Lifecycle::Running, 30000);
        openGate();
        QTRY_VERIFY_WITH_TIMEOUT(window.quitQuestion().isEmpty(), 30000);
        int succeeded = 0;
        for (qint64 id = first; id < first + 3; ++id)
            succeeded += stateOf(id) == QLatin1String("succeeded") ? 1 : 0;
        QCOMPARE(succeeded, 2);
        QTRY_COMPARE_WITH_TIMEOUT(hub->pool(pool)->runningTasks(), 0, 30000);
    }

    // The queued count of a service group in the studio is the service's: its jobs beyond the
    // ones handed ahead to the group's pool count too, in the hub and in the pool list.
    void queuedCountIsTheServices()
    {
        StudioSession session(historyPath());
        PoolModel model(session.hub());
        QStringList arguments{QStringLiteral("submit"), QStringLiteral("--group"), QStringLiteral("deep"), QStringLiteral("--"),
                              waitingTemplate(), QStringLiteral(":::")};
        const int jobs = 40; // parallel 1: one runs, 16 wait in the pool, the rest in the service
        for (int i = 1; i <= jobs; ++i)
            arguments.append(QString::number(i));
        QProcess submit;
        submit.start(QStringLiteral(QMP_CLI_PATH), arguments);
        QVERIFY(submit.waitForFinished(60000));
        QCOMPARE(submit.exitCode(), 0);
        const auto queuedInService = [] {
            int queued = 0;
            for (const QCborValue &job : serviceStatus().value(QStringLiteral("jobs")).toArray())
                queued += job[QStringLiteral("state")].toString() == QLatin1String("queued") ? 1 : 0;
            return queued;
        };
        QTRY_COMPARE_WITH_TIMEOUT(queuedInService(), jobs - 1, 30000); // one has started
        ServiceConnection *service = session.service();
        service->refresh();
        QTRY_VERIFY_WITH_TIMEOUT(service->poolOfGroup(QStringLiteral("deep")) != 0, 30000);
        const int pool = service->poolOfGroup(QStringLiteral("deep"));
        QTRY_COMPARE_WITH_TIMEOUT(session.hub()->pool(pool)->queuedTasks(), jobs - 1, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(model.data(model.index(model.rowOfPool(pool), PoolModel::Queued)).toInt(), jobs - 1, 30000);
        // It follows the service: a kill of the queued ones empties it.
        QProcess kill;
        kill.start(QStringLiteral(QMP_CLI_PATH), {QStringLiteral("kill"), QStringLiteral("--group"), QStringLiteral("deep")});
        QVERIFY(kill.waitForFinished(60000));
        QCOMPARE(kill.exitCode(), 0);
        QCOMPARE(queuedInService(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(session.hub()->pool(pool)->queuedTasks(), 0, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(session.hub()->pool(pool)->runningTasks(), 0, 30000);
    }

    // A service job's stdout and stderr reach the studio as it writes them (its task's output,
    // what the output pane follows), the rest once it has ended.
    void outputOfAServiceJobReachesTheStudio()
    {
        StudioSession session(historyPath());
        QProcess submit;
        submit.start(QStringLiteral(QMP_CLI_PATH),
                     {QStringLiteral("submit"), QStringLiteral("--group"), QStringLiteral("talk"), QStringLiteral("--"),
                      QStringLiteral("sh"), QStringLiteral("-c"),
                      QStringLiteral("echo first-line; echo warned >&2; while [ ! -e '%1' ]; do sleep 0.05; done; "
                                     "echo last-line; printf no-newline >&2")
                          .arg(gate())});
        QVERIFY(submit.waitForFinished(60000));
        QCOMPARE(submit.exitCode(), 0);
        ServiceConnection *service = session.service();
        service->refresh();
        QTRY_VERIFY_WITH_TIMEOUT(service->poolOfGroup(QStringLiteral("talk")) != 0, 30000);
        const int pool = service->poolOfGroup(QStringLiteral("talk"));
        const auto theTask = [&session, pool]() -> const TaskState * {
            const PoolState *state = session.hub()->pool(pool);
            return state && !state->taskOrder().empty() ? state->task(state->taskOrder().front()) : nullptr;
        };
        QTRY_VERIFY_WITH_TIMEOUT(theTask() && theTask()->state == TaskState::State::Running, 30000);
        // Live: what it wrote so far, while it runs.
        QTRY_COMPARE_WITH_TIMEOUT(theTask()->outputText(1), QStringLiteral("first-line\n"), 30000);
        QTRY_COMPARE_WITH_TIMEOUT(theTask()->outputText(2), QStringLiteral("warned\n"), 30000);
        QCOMPARE(theTask()->state, TaskState::State::Running);
        OutputPane pane;
        pane.follow(*theTask());
        QVERIFY2(pane.toPlainText().contains(QLatin1String("first-line")), qPrintable(pane.toPlainText()));
        openGate();
        QTRY_VERIFY_WITH_TIMEOUT(theTask()->isDone(), 30000);
        QTRY_COMPARE_WITH_TIMEOUT(theTask()->outputText(1), QStringLiteral("first-line\nlast-line\n"), 30000);
        QTRY_COMPARE_WITH_TIMEOUT(theTask()->outputText(2), QStringLiteral("warned\nno-newline"), 30000);
        pane.follow(*theTask());
        QVERIFY2(pane.toPlainText().contains(QLatin1String("last-line")) && pane.toPlainText().contains(QLatin1String("no-newline")),
                 qPrintable(pane.toPlainText()));
    }

    // A studio that started before the service attaches to it once it runs (qmp submit starts it).
    void attachesWhenTheServiceStartsLater()
    {
        StudioSession session(historyPath());
        ServiceConnection *service = session.service();
        service->refresh(); // a look now: no service
        QVERIFY(!service->client());
        QProcess submit;
        submit.start(QStringLiteral(QMP_CLI_PATH), {QStringLiteral("submit"), QStringLiteral("--group"), QStringLiteral("later"),
                                                    QStringLiteral("--"), QStringLiteral("sh"), QStringLiteral("-c"),
                                                    QStringLiteral("while [ ! -e '%1' ]; do sleep 0.05; done").arg(gate())});
        QVERIFY(submit.waitForFinished(60000));
        QCOMPARE(submit.exitCode(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(service->poolOfGroup(QStringLiteral("later")) != 0, 30000);
        QVERIFY(service->client());
        const int pool = service->poolOfGroup(QStringLiteral("later"));
        QTRY_COMPARE_WITH_TIMEOUT(session.hub()->pool(pool)->runningTasks(), 1, 30000);
        openGate();
        QTRY_COMPARE_WITH_TIMEOUT(session.hub()->pool(pool)->runningTasks(), 0, 30000);
    }

    // A service that cannot start is named in the launch's error, and nothing runs.
    void aServiceThatCannotStartIsNamed()
    {
        const QString notADirectory = m_dir->filePath(QStringLiteral("file"));
        QFile file(notADirectory);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        qputenv("QMP_SERVICE_STATE_DIR", QFile::encodeName(notADirectory));
        StudioSession session(historyPath());
        BatchSpec spec = BatchSpec::fromTemplate(QStringLiteral("echo {}"), {QStringLiteral("a")});
        spec.target = LaunchTarget::Kind::Service;
        spec.poolName = QStringLiteral("nowhere");
        const StudioSession::Launch launch = session.launch(spec);
        QVERIFY(!launch.ok());
        QVERIFY2(launch.error.startsWith(QLatin1String("The QMP service cannot start: ")), qPrintable(launch.error));
        QVERIFY2(launch.error.contains(notADirectory), qPrintable(launch.error));
        qputenv("QMP_SERVICE_STATE_DIR", QFile::encodeName(m_dir->filePath(QStringLiteral("state"))));
    }

    // A batch of demo tasks cannot go to the service: the launch says why and nothing starts.
    void tasksAreNotSentToTheService()
    {
        StudioSession session(historyPath());
        BatchSpec spec;
        spec.kind = BatchSpec::Kind::Task;
        spec.task = QStringLiteral("demo.sleep");
        spec.inputs = {QStringLiteral("10")};
        spec.target = LaunchTarget::Kind::Service;
        spec.poolName = QStringLiteral("tasks");
        const StudioSession::Launch launch = session.launch(spec);
        QVERIFY(!launch.ok());
        QVERIFY2(launch.error.contains(QLatin1String("runs commands")), qPrintable(launch.error));
        QVERIFY(serviceStatus().isEmpty()); // not even started
    }
};

int main(int argc, char *argv[])
{
    qmp::Runtime runtime(argc, argv);
    if (argc > 1 && qstrcmp(argv[1], "--submitting-studio") == 0)
        return submittingStudio(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("QMP-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("TestServiceStudio"));
    QApplication app(argc, argv);
    TestServiceStudio tc;
    QTEST_SET_MAIN_SOURCE_PATH
    return qmptest::runTestsLeavingNoTemporaryEntries(tc, argc, argv);
}

#include "tst_servicestudio.moc"
