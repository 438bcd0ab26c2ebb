// The studio end to end, offscreen, with real pools: a batch launched through the dialog finishes
// in the task table and its output follows; terminating a worker (from the table, or the stuck
// banner) fails its task with the reason; join waits without blocking; the language switches
// every visible text at run time; the history is there after a restart, re-runs and exports.
#include "commandresult.h"
#include "commandtemplate.h"
#include "finishedjob.h"
#include "historymodel.h"
#include "historystore.h"
#include "historyview.h"
#include "ipcobjectmodel.h"
#include "ipcview.h"
#include "joinablequeue.h"
#include "lock.h"
#include "joblauncherdialog.h"
#include "languagemanager.h"
#include "mainwindow.h"
#include "modelroles.h"
#include "monitorclient.h"
#include "monitorhub.h"
#include "monitorserver.h"
#include "noticebanner.h"
#include "outputpane.h"
#include "monotonicclock.h"
#include "pool.h"
#include "pooldashboard.h"
#include "poolchartview.h"
#include "poolmodel.h"
#include "queuemodel.h"
#include "queueseriesmodel.h"
#include "qmptest.h"
#include "studiosession.h"
#include "studiotestmain.h"
#include "stuckbanner.h"
#include "taskfiltermodel.h"
#include "taskdetailview.h"
#include "taskmodel.h"
#include "traynotifier.h"
#include "workermodel.h"

#include <QAction>
#include <QChart>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDateTime>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QMap>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSplitter>
#include <QTabWidget>
#include <QStatusBar>
#include <QTableView>
#include <QHeaderView>
#include <QGuiApplication>
#include <QTemporaryDir>
#include <QThread>
#include <QToolButton>
#include <QSpinBox>
#include <QRegularExpression>
#include <QTextCursor>
#include <QTextCharFormat>
#include <QTextDocumentFragment>

using namespace qmp;

namespace {

int sleepMs(int ms)
{
    QThread::msleep(ulong(ms));
    return ms;
}
QMP_TASK(sleepMs);

MonitorOptions fastOptions()
{
    MonitorOptions options;
    options.tickMs = 100;
    options.coalesceMs = 20;
    return options;
}

// The dashboard's parts, found by object name (PoolDashboard's header lists them).
template<typename Part>
Part *part(PoolDashboard *dash, const char *name)
{
    auto *found = dash->findChild<Part *>(QLatin1String(name));
    if (!found)
        qFatal("the dashboard has no %s", name);
    return found;
}

TaskFilterModel *taskFilter(PoolDashboard *dash)
{
    return qobject_cast<TaskFilterModel *>(part<QTableView>(dash, "taskTable")->model());
}

TaskModel *taskModel(PoolDashboard *dash)
{
    return qobject_cast<TaskModel *>(taskFilter(dash)->sourceModel());
}

WorkerModel *workerModel(PoolDashboard *dash)
{
    return qobject_cast<WorkerModel *>(part<QTableView>(dash, "workerTable")->model());
}

QList<PoolChartView *> charts(PoolDashboard *dash)
{
    return dash->findChildren<PoolChartView *>();
}

// The summary line as text ("State running  Workers 2 of 2 busy ...").
QString summaryText(PoolDashboard *dash)
{
    return QTextDocumentFragment::fromHtml(part<QLabel>(dash, "summaryLabel")->text())
        .toPlainText()
        .replace(QChar(0x00a0), QLatin1Char(' '));
}

// The TaskState of each row the dashboard's task table shows.
QList<const TaskState *> shownTasks(PoolDashboard *dash)
{
    QList<const TaskState *> tasks;
    for (int row = 0; row < taskFilter(dash)->rowCount(); ++row)
        tasks.append(taskModel(dash)->taskAt(taskFilter(dash)->mapToSource(taskFilter(dash)->index(row, 0)).row()));
    return tasks;
}

bool allShownAre(PoolDashboard *dash, TaskState::State state, int count)
{
    const QList<const TaskState *> tasks = shownTasks(dash);
    if (tasks.size() != count)
        return false;
    for (const TaskState *task : tasks) {
        if (!task || task->state != state)
            return false;
    }
    return true;
}

int busyWorkerRow(PoolDashboard *dash)
{
    for (int row = 0; row < workerModel(dash)->rowCount(); ++row) {
        const WorkerState *worker = workerModel(dash)->workerAt(row);
        if (worker && worker->state == WorkerState::State::Busy)
            return row;
    }
    return -1;
}

BatchSpec sleepSpec(const QString &poolName, qint64 ms)
{
    BatchSpec spec;
    spec.kind = BatchSpec::Kind::Task;
    spec.task = QStringLiteral("demo.sleep");
    spec.inputs = {QString::number(ms)};
    spec.poolName = poolName;
    spec.processes = 1;
    return spec;
}

// Attaches session to the monitor socket server (of this process, standing for another program).
MonitorClient *attachTo(StudioSession &session, const MonitorServer &server, QString *error)
{
    MonitorEndpoint endpoint;
    endpoint.pid = QCoreApplication::applicationPid();
    endpoint.name = server.name();
    return session.attach(endpoint, error);
}

// "Another program": a hub with a pool of its own, served on a monitor socket that allows control.
struct AnotherProgram
{
    explicit AnotherProgram(const QString &poolName)
        : pool(1, [&] {
              PoolOptions options;
              options.name = poolName;
              return options;
          }())
    {
        hub.watch(&pool);
        server.setControlAllowed(true);
    }
    bool listen(const QByteArray &name)
    {
        return server.listen(name + '.' + QByteArray::number(QCoreApplication::applicationPid()));
    }
    MonitorHub hub{fastOptions()};
    Pool pool;
    MonitorServer server{&hub};
};

} // namespace

class TestStudio : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    LanguageManager *m_languages = nullptr;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_languages = new LanguageManager(this);
        QVERIFY(m_languages->setLanguage(QStringLiteral("en"), false));
    }
    void cleanup()
    {
        QTRY_COMPARE(qmptest::strayWorkers(), QList<qint64>());
        QVERIFY(m_languages->setLanguage(QStringLiteral("en"), false)); // a failed test may leave another
    }
    void cleanupTestCase()
    {
        QVERIFY(qmptest::shutDownAndCheckNothingLeft());
    }

    void launchBatchThroughTheDialog()
    {
        StudioSession session(m_dir.filePath(QStringLiteral("launch.sqlite")), fastOptions());
        MainWindow window(&session, m_languages);
        window.show();
        QSignalSpy notified(window.trayNotifier(), &TrayNotifier::notified);

        window.openLauncher();
        JobLauncherDialog *dialog = window.launcherDialog();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        dialog->setCommandTemplate(QStringLiteral("sh -c 'echo out-{}; sleep 0.2; echo more-{}'"));
        dialog->setRange(1, 6, 1);
        dialog->setTargetPool(0);
        dialog->setPoolName(QStringLiteral("dialog pool"));
        dialog->setParallelism(2);
        dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
        QTRY_VERIFY(!window.launcherDialog()); // closed and deleted

        const int poolId = window.selectedPoolId();
        QVERIFY(poolId != 0);
        QCOMPARE(session.hub()->pool(poolId)->name(), QStringLiteral("dialog pool"));
        PoolDashboard *dash = window.dashboard();
        QCOMPARE(dash->poolId(), poolId);
        QTRY_VERIFY_WITH_TIMEOUT(allShownAre(dash, TaskState::State::Finished, 6), 30000);
        QTRY_VERIFY(summaryText(dash).contains(QLatin1String("Done 6")));
        QTRY_COMPARE(notified.size(), 1);
        QVERIFY2(notified.at(0).at(1).toString().contains(QLatin1String("6 tasks done")),
                 qPrintable(notified.at(0).at(1).toString()));

        // The filters: by state, then by text.
        part<QComboBox>(dash, "stateFilterCombo")->setCurrentIndex(4); // Failed
        QCOMPARE(taskFilter(dash)->rowCount(), 0);
        part<QComboBox>(dash, "stateFilterCombo")->setCurrentIndex(0);
        part<QLineEdit>(dash, "searchEdit")->setText(QStringLiteral("out-4"));
        QCOMPARE(taskFilter(dash)->rowCount(), 1);

        // The output pane shows the selected task's output.
        part<QTableView>(dash, "taskTable")->setCurrentIndex(taskFilter(dash)->index(0, 0));
        QTRY_VERIFY(part<OutputPane>(dash, "outputPane")->toPlainText().contains(QLatin1String("out-4\nmore-4")));
        part<QLineEdit>(dash, "searchEdit")->clear();

        // A second batch into the same pool.
        window.openLauncher();
        dialog = window.launcherDialog();
        QVERIFY(dialog);
        dialog->setTargetPool(poolId);
        dialog->setCommandTemplate(QStringLiteral("echo second-{}"));
        dialog->setRange(1, 3, 1);
        dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
        QTRY_VERIFY(!window.launcherDialog());
        QCOMPARE(session.hub()->poolIds().size(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(allShownAre(dash, TaskState::State::Finished, 9), 30000);
    }

    void cancelTaskFromTheTable()
    {
        StudioSession session(m_dir.filePath(QStringLiteral("cancel.sqlite")), fastOptions());
        MainWindow window(&session, m_languages);
        window.show();
        BatchSpec spec = sleepSpec(QStringLiteral("cancel pool"), 60000);
        spec.inputs = {QStringLiteral("60000"), QStringLiteral("60000")};
        const StudioSession::Launch launch = session.launch(spec);
        QVERIFY2(launch.ok(), qPrintable(launch.error));
        window.selectPool(launch.poolId);
        PoolDashboard *dash = window.dashboard();
        QTRY_COMPARE(taskFilter(dash)->rowCount(), 2);
        QTRY_COMPARE(session.hub()->pool(launch.poolId)->runningTasks(), 1);
        int asked = 0;
        dash->setConfirmer([&](QWidget *, const QString &, const QString &) { return ++asked > 0; });
        // Both: the queued one never runs, the running one is killed.
        for (int i = 0; i < 2; ++i) {
            part<QTableView>(dash, "taskTable")->setCurrentIndex(taskFilter(dash)->index(0, 0));
            QVERIFY(part<QPushButton>(dash, "cancelTaskButton")->isEnabled());
            part<QPushButton>(dash, "cancelTaskButton")->click();
            QTRY_VERIFY(shownTasks(dash).first()->state == TaskState::State::Cancelled);
            part<QTableView>(dash, "taskTable")->sortByColumn(TaskModel::Id, i == 0 ? Qt::AscendingOrder : Qt::DescendingOrder);
        }
        QCOMPARE(asked, 2);
        // Cancelled is its own state, not a failure: no red, not counted as failed, its own filter.
        QTRY_VERIFY(allShownAre(dash, TaskState::State::Cancelled, 2));
        for (const TaskState *task : shownTasks(dash))
            QVERIFY2(task->message.contains(QLatin1String("cancel")), qPrintable(task->message));
        const PoolState *pool = session.hub()->pool(launch.poolId);
        QCOMPARE(pool->failedTasks(), qint64(0));
        QCOMPARE(pool->cancelledTasks(), qint64(2));
        QCOMPARE(taskFilter(dash)->index(0, TaskModel::State).data().toString(), QStringLiteral("cancelled"));
        QVERIFY(taskFilter(dash)->index(0, TaskModel::Message).data().toString().contains(QLatin1String("cancelled")));
        part<QComboBox>(dash, "stateFilterCombo")->setCurrentIndex(part<QComboBox>(dash, "stateFilterCombo")->findText(QStringLiteral("Cancelled")));
        QCOMPARE(taskFilter(dash)->rowCount(), 2);
        part<QComboBox>(dash, "stateFilterCombo")->setCurrentIndex(part<QComboBox>(dash, "stateFilterCombo")->findText(QStringLiteral("Failed")));
        QCOMPARE(taskFilter(dash)->rowCount(), 0);
        part<QComboBox>(dash, "stateFilterCombo")->setCurrentIndex(0);
    }

    // Cancelling one task cancels that task. A batch launched here is of independent calls: the
    // others run on. A program's map fails as a whole (as Python's map does): its unstarted tasks
    // end with it, and the question says so first.
    void cancelOneTaskOfABatch_data()
    {
        QTest::addColumn<bool>("launched");
        QTest::newRow("a batch launched here") << true;
        QTest::newRow("a program's map") << false;
    }
    void cancelOneTaskOfABatch()
    {
        QFETCH(bool, launched);
        StudioSession session(m_dir.filePath(QStringLiteral("cancel-one-%1.sqlite").arg(int(launched))), fastOptions());
        MainWindow window(&session, m_languages);
        window.show();
        std::unique_ptr<Pool> program; // a library map, as a program runs it
        std::optional<MapResult<int>> map;
        int poolId = 0;
        if (launched) {
            BatchSpec spec = sleepSpec(QStringLiteral("one by one"), 60000);
            spec.inputs = {QStringLiteral("60000"), QStringLiteral("50"), QStringLiteral("50"), QStringLiteral("50")};
            const StudioSession::Launch launch = session.launch(spec);
            QVERIFY2(launch.ok(), qPrintable(launch.error));
            poolId = launch.poolId;
        } else {
            program = std::make_unique<Pool>(1);
            poolId = session.hub()->watch(program.get(), QStringLiteral("a program's pool"));
            map = program->mapAsync(&sleepMs, QList<int>{60000, 50, 50, 50}, 1);
        }
        window.selectPool(poolId);
        PoolDashboard *dash = window.dashboard();
        const PoolState *pool = session.hub()->pool(poolId);
        QTRY_COMPARE(pool->runningTasks(), 1);
        QTRY_COMPARE(pool->queuedTasks(), 3);
        quint64 running = 0;
        for (quint64 id : pool->taskOrder()) {
            if (pool->task(id)->state == TaskState::State::Running)
                running = id;
        }
        QTRY_VERIFY(taskModel(dash)->rowOfTask(running) >= 0);
        dash->selectTask(running);
        QStringList asked;
        dash->setConfirmer([&](QWidget *, const QString &, const QString &text) {
            asked.append(text);
            return true;
        });
        QVERIFY(part<QPushButton>(dash, "cancelTaskButton")->isEnabled());
        part<QPushButton>(dash, "cancelTaskButton")->click();
        QCOMPARE(asked.size(), 1);
        if (launched) {
            QVERIFY2(!asked.first().contains(QLatin1String("too")), qPrintable(asked.first()));
            QTRY_COMPARE_WITH_TIMEOUT(pool->finishedTasks(), qint64(3), 20000);
            QCOMPARE(pool->cancelledTasks(), qint64(1));
        } else {
            QVERIFY2(asked.first().contains(QLatin1String("the 3 other tasks of the batch that have not started are "
                                                          "cancelled too")),
                     qPrintable(asked.first()));
            QTRY_COMPARE_WITH_TIMEOUT(pool->cancelledTasks(), qint64(4), 20000);
            QCOMPARE(pool->finishedTasks(), qint64(0));
            QVERIFY_THROWS_EXCEPTION(CancelledError, map->get(QDeadlineTimer(20000)));
        }
        QCOMPARE(pool->failedTasks(), qint64(0));
    }

    void pauseResumeAndTerminatePool()
    {
        StudioSession session(m_dir.filePath(QStringLiteral("pause.sqlite")), fastOptions());
        MainWindow window(&session, m_languages);
        window.show();
        BatchSpec spec = sleepSpec(QStringLiteral("pause pool"), 200);
        spec.inputs = QStringList(6, QStringLiteral("200"));
        const StudioSession::Launch launch = session.launch(spec);
        QVERIFY2(launch.ok(), qPrintable(launch.error));
        window.selectPool(launch.poolId);
        PoolDashboard *dash = window.dashboard();
        const PoolState *pool = session.hub()->pool(launch.poolId);
        QTRY_COMPARE(pool->runningTasks(), 1);
        QVERIFY(dash->pauseAction()->isEnabled());
        dash->pauseAction()->trigger();
        QTRY_COMPARE(pool->lifecycle(), PoolState::Lifecycle::Paused);
        QTRY_VERIFY(dash->resumeAction()->isEnabled());
        QTRY_COMPARE(pool->runningTasks(), 0); // the running one ends, nothing new starts
        const qint64 doneWhilePaused = pool->finishedTasks();
        QVERIFY(pool->queuedTasks() > 0);
        QVERIFY(summaryText(dash).contains(QLatin1String("State paused")));
        dash->resumeAction()->trigger();
        QTRY_VERIFY(pool->finishedTasks() > doneWhilePaused);

        // Terminate asks, then cancels what is left — and says so.
        QVERIFY2(dash->terminateAction()->toolTip().contains(QLatin1String("end as cancelled"))
                     && !dash->terminateAction()->toolTip().contains(QLatin1String("fail")),
                 qPrintable(dash->terminateAction()->toolTip()));
        bool answer = false;
        int asked = 0;
        QString question;
        dash->setConfirmer([&](QWidget *, const QString &, const QString &text) {
            ++asked;
            question = text;
            return answer;
        });
        dash->terminateAction()->trigger();
        QCOMPARE(asked, 1);
        QVERIFY2(question.contains(QRegularExpression(QStringLiteral("\\d+ unfinished tasks? ends? as cancelled")))
                     && !question.contains(QLatin1String("fail")),
                 qPrintable(question));
        QCOMPARE(pool->lifecycle(), PoolState::Lifecycle::Running);
        answer = true;
        dash->terminateAction()->trigger();
        QTRY_COMPARE(pool->lifecycle(), PoolState::Lifecycle::Terminated);
        QTRY_COMPARE(pool->finishedTasks() + pool->cancelledTasks(), qint64(6)); // what terminate stopped: cancelled
        QCOMPARE(pool->failedTasks(), qint64(0));
        QTRY_VERIFY(!dash->terminateAction()->isEnabled());

        // Its work is over: it can leave the list.
        QTRY_VERIFY(dash->removeAction()->isEnabled());
        QSignalSpy removed(session.hub(), &MonitorHub::poolRemoved);
        dash->removeAction()->trigger();
        QCOMPARE(removed.size(), 1);
        QCOMPARE(window.poolModel()->rowCount(), 0);
        QCOMPARE(dash->poolId(), 0);
    }

    void attachShowsAnotherProgramsPools()
    {
        AnotherProgram other(QStringLiteral("elsewhere"));
        Pool &otherPool = other.pool;
        MonitorServer &server = other.server;
        QVERIFY2(other.listen("qmp-monitor-studio-test"), qPrintable(server.errorString()));

        StudioSession session(m_dir.filePath(QStringLiteral("attach.sqlite")), fastOptions());
        MainWindow window(&session, m_languages);
        window.show();
        QVERIFY(window.findChild<QAction *>(QStringLiteral("attachAction")));
        QSignalSpy attached(&session, &StudioSession::programAttached);
        QString error;
        MonitorClient *client = attachTo(session, server, &error);
        QVERIFY2(client, qPrintable(error));
        QTRY_COMPARE(attached.size(), 1);
        QCOMPARE(session.attachedPrograms().size(), 1);
        QCOMPARE(client->poolIds().size(), 1);
        const int mirror = client->poolIds().first();
        QCOMPARE(window.selectedPoolId(), mirror); // the studio shows it at once
        QVERIFY(window.poolModel()->index(window.poolModel()->rowOfPool(mirror), PoolModel::Name)
                    .data().toString().startsWith(QStringLiteral("elsewhere")));
        // Its work shows up live in the dashboard's task table.
        auto result = otherPool.mapAsync(&sleepMs, QList<int>{1, 2, 3}, 1);
        QTRY_COMPARE(taskFilter(window.dashboard())->rowCount(), 3);
        QCOMPARE(result.get(10000).size(), 3);
        QTRY_VERIFY(allShownAre(window.dashboard(), TaskState::State::Finished, 3));
        // Controls travel to the other program: pause it from the studio.
        window.dashboard()->pauseAction()->trigger();
        QTRY_VERIFY(otherPool.isPaused());
        QTRY_COMPARE(session.hub()->pool(mirror)->lifecycle(), PoolState::Lifecycle::Paused);
        otherPool.resume();
        QTRY_COMPARE(session.hub()->pool(mirror)->lifecycle(), PoolState::Lifecycle::Running);
        // A control the other program cannot carry out is reported, not dropped.
        QSignalSpy refused(&session, &StudioSession::programRefused);
        QVERIFY(session.hub()->cancelTask(mirror, 987654321));
        QTRY_COMPARE(refused.size(), 1);
        QTRY_VERIFY(window.statusBar()->currentMessage().contains(QStringLiteral("did not carry out")));
        // The other program goes away: its pool stays listed as gone.
        QSignalSpy detached(&session, &StudioSession::programDetached);
        server.close();
        QTRY_COMPARE(detached.size(), 1);
        QTRY_COMPARE(session.hub()->pool(mirror)->lifecycle(), PoolState::Lifecycle::Gone);
    }

    // --attach PID: the program is found by its pid among the monitor sockets; a pid that serves
    // none is an error that says how to start it.
    void attachToProcessFindsTheProgramByPid()
    {
        StudioSession session(m_dir.filePath(QStringLiteral("attachpid.sqlite")), fastOptions());
        const qint64 pid = QCoreApplication::applicationPid();
        QString error;
        QVERIFY(!session.attachToProcess(pid, &error));
        QVERIFY2(error.contains(QStringLiteral("QMP_MONITOR=1")), qPrintable(error));
        QVERIFY(session.attachedPrograms().isEmpty());

        AnotherProgram other(QStringLiteral("by pid"));
        QVERIFY2(other.server.listen(), qPrintable(other.server.errorString())); // the name discover() finds
        QSignalSpy attached(&session, &StudioSession::programAttached);
        error.clear();
        MonitorClient *client = session.attachToProcess(pid, &error);
        QVERIFY2(client, qPrintable(error));
        QTRY_COMPARE(attached.size(), 1);
        QCOMPARE(session.attachedPrograms(), QList<MonitorClient *>{client});
        QCOMPARE(client->poolIds().size(), 1);
    }

    // An attached program exits while a task runs and a worker is stuck (by its rule): nothing
    // stays busy or stuck, the banner goes, the task ends as lost — here and in the history.
    void anAttachedProgramThatExitsLeavesNoGhosts()
    {
        MonitorOptions otherOptions = fastOptions();
        otherOptions.stuckAfterMs = 200;
        auto otherHub = std::make_unique<MonitorHub>(otherOptions);
        auto otherPool = std::make_unique<Pool>(2);
        otherHub->watch(otherPool.get());
        auto server = std::make_unique<MonitorServer>(otherHub.get()); // read-only
        QVERIFY(server->listen("qmp-monitor-studio-ghost." + QByteArray::number(QCoreApplication::applicationPid())));
        const QString path = m_dir.filePath(QStringLiteral("ghosts.sqlite"));
        StudioSession session(path, fastOptions());
        MainWindow window(&session, m_languages);
        window.show();
        QString error;
        MonitorClient *client = attachTo(session, *server, &error);
        QVERIFY2(client, qPrintable(error));
        QTRY_VERIFY(client->isReady());
        const int mirror = client->poolIds().first();
        window.selectPool(mirror);
        PoolDashboard *dash = window.dashboard();
        auto sleeper = otherPool->applyAsync(&sleepMs, 60000);
        QTRY_VERIFY_WITH_TIMEOUT(part<StuckBanner>(dash, "stuckBanner")->isVisible(), 20000);
        // Read-only: the banner names the worker but offers no button that cannot work.
        QVERIFY(!part<QPushButton>(dash, "terminateStuckButton")->isVisible());
        QVERIFY2(part<StuckBanner>(dash, "stuckBanner")->text().contains(QLatin1String("does not allow control")),
                 qPrintable(part<StuckBanner>(dash, "stuckBanner")->text()));
        QVERIFY(part<QLabel>(dash, "accessNotice")->isVisible());
        QVERIFY(!dash->terminateWorker(session.hub()->pool(mirror)->workers().firstKey()));

        // The program goes (its pool destroyed without a word on the socket, as a crash would).
        server.reset();
        otherPool.reset();
        otherHub.reset();
        QTRY_COMPARE(session.hub()->pool(mirror)->lifecycle(), PoolState::Lifecycle::Gone);
        const PoolState *pool = session.hub()->pool(mirror);
        QCOMPARE(pool->busyWorkers(), 0);
        QCOMPARE(pool->liveWorkers(), 0);
        QCOMPARE(pool->stuckCount(), 0);
        QTRY_VERIFY(!part<StuckBanner>(dash, "stuckBanner")->isVisible());
        QVERIFY(!part<QLabel>(dash, "accessNotice")->isVisible());
        for (QAction *control : {dash->pauseAction(), dash->resumeAction(), dash->closeAction(), dash->joinAction(),
                                 dash->terminateAction()})
            QVERIFY2(!control->isEnabled(), qPrintable(control->text()));
        QVERIFY(dash->removeAction()->isEnabled());
        for (int row = 0; row < workerModel(dash)->rowCount(); ++row) {
            QVERIFY(workerModel(dash)->index(row, WorkerModel::State).data().toString().startsWith(QLatin1String("lost")));
            QCOMPARE(workerModel(dash)->index(row, WorkerModel::Cpu).data().toString(), QString()); // no CPU of another process
        }
        QTRY_VERIFY(allShownAre(dash, TaskState::State::Lost, 1));
        QVERIFY(taskFilter(dash)->index(0, TaskModel::Message).data().toString().contains(QLatin1String("the program exited")));
        // And in the history it is not running forever.
        session.history()->flush();
        const QList<BatchRecord> batches = session.history()->batches(10);
        QCOMPARE(batches.size(), 1);
        QVERIFY(batches.first().isFinished());
    }

    // One history: an empty-state text until something ran, then the batch — with the number the
    // dashboard shows, when it was created, started and finished, and how long it took.
    void historyShowsEmptyStateThenTheBatch()
    {
        StudioSession session(m_dir.filePath(QStringLiteral("numbers.sqlite")), fastOptions());
        MainWindow window(&session, m_languages);
        window.show();
        HistoryView *view = window.historyView();
        window.tabs()->setCurrentWidget(view);
        QTRY_VERIFY(view->emptyText()->isVisible());
        QVERIFY(view->emptyText()->text().contains(session.history()->path()));
        QVERIFY(!view->batchTable()->isVisible());
        window.tabs()->setCurrentWidget(window.dashboard());

        BatchSpec spec = sleepSpec(QStringLiteral("numbered"), 300);
        spec.inputs = {QStringLiteral("300"), QStringLiteral("300")};
        QSignalSpy finished(session.hub(), &MonitorHub::batchFinished);
        const StudioSession::Launch launch = session.launch(spec);
        QVERIFY2(launch.ok(), qPrintable(launch.error));
        window.selectPool(launch.poolId);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
        PoolDashboard *dash = window.dashboard();
        QTRY_VERIFY(allShownAre(dash, TaskState::State::Finished, 2));
        // The dashboard's batch number is the history's.
        const qint64 shown = taskFilter(dash)->index(0, TaskModel::Batch).data(ModelRoles::Value).toLongLong();
        QCOMPARE(shown, qint64(launch.batchId));
        // Registered tasks show their arguments: which sleep is which.
        QCOMPARE(taskFilter(dash)->index(0, TaskModel::Name).data().toString(), QStringLiteral("demo.sleep(300)"));

        window.tabs()->setCurrentWidget(view);
        view->refresh();
        QTRY_VERIFY(view->batchTable()->isVisible());
        QVERIFY(!view->emptyText()->isVisible());
        HistoryModel *batches = view->batchModel();
        QCOMPARE(batches->batchAt(0).id, shown);
        const BatchRecord batch = batches->batchAt(0);
        QVERIFY2(batch.createdMs < batch.finishedMs, qPrintable(QStringLiteral("%1 %2").arg(batch.createdMs).arg(batch.finishedMs)));
        QVERIFY(batch.createdMs <= batch.startedMs && batch.startedMs < batch.finishedMs);
        QVERIFY(batches->index(0, HistoryModel::BatchDurationColumn).data(ModelRoles::Value).toLongLong()
                >= 500'000'000); // two 300 ms sleeps, one after the other
        QCOMPARE(batches->index(0, HistoryModel::BatchStateColumn).data().toString(), QStringLiteral("finished"));
        view->selectBatch(shown);
        QTRY_COMPARE(view->taskModel()->rowCount(), 2);
        QCOMPARE(view->taskModel()->index(0, HistoryModel::NameColumn).data().toString(), QStringLiteral("demo.sleep(300)"));
    }

    // Quit while this studio's pools work: asked first; yes records running and queued as cancelled.
    void quitAsksWhileWorkRuns()
    {
        const QString path = m_dir.filePath(QStringLiteral("quit.sqlite"));
        qint64 batchId = 0;
        {
            StudioSession session(path, fastOptions());
            MainWindow window(&session, m_languages);
            window.show();
            BatchSpec spec = sleepSpec(QStringLiteral("busy"), 60000);
            spec.inputs = {QStringLiteral("60000"), QStringLiteral("60000"), QStringLiteral("60000")};
            const StudioSession::Launch launch = session.launch(spec);
            QVERIFY2(launch.ok(), qPrintable(launch.error));
            batchId = qint64(launch.batchId);
            QTRY_COMPARE(session.hub()->pool(launch.poolId)->runningTasks(), 1);
            QStringList asked;
            bool answer = false;
            window.setConfirmer([&](QWidget *, const QString &, const QString &text) {
                asked.append(text);
                return answer;
            });
            QVERIFY(!window.close()); // "no": it stays
            QVERIFY(window.isVisible());
            QCOMPARE(asked.size(), 1);
            QVERIFY2(asked.first().contains(QLatin1String("1 task running")) && asked.first().contains(QLatin1String("2 queued")),
                     qPrintable(asked.first()));
            answer = true;
            QVERIFY(window.close());
            QCOMPARE(asked.size(), 2);
        } // the session ends: its pools stop
        HistoryStore store(path);
        TaskQuery query;
        query.batchId = batchId;
        const QList<TaskRecord> tasks = store.tasks(query, 10);
        QCOMPARE(tasks.size(), 3);
        for (const TaskRecord &task : tasks) {
            QCOMPARE(task.state, TaskRecord::State::Cancelled);
            QCOMPARE(task.reason, int(PoolEvent::Reason::PoolTerminated));
        }
        QVERIFY(store.batch(batchId)->isFinished());
        QCOMPARE(store.batch(batchId)->cancelled, qint64(3));
        QCOMPARE(store.batch(batchId)->failed, qint64(0));
    }

    // Quit while attached to a program that goes on: the studio stops following it and ends none
    // of its tasks — they run on there, and the studio's history neither ends its batch nor marks
    // it lost or interrupted (its program still runs). Only the studio's own work is cancelled.
    void quitWhileAttachedEndsNothingOfTheProgram()
    {
        AnotherProgram other(QStringLiteral("goes on"));
        Pool &otherPool = other.pool;
        MonitorHub &otherHub = other.hub;
        MonitorServer &server = other.server;
        QVERIFY2(other.listen("qmp-monitor-studio-quit"), qPrintable(server.errorString()));
        auto theirs = otherPool.mapAsync(&sleepMs, QList<int>{60000, 60000}, 1); // one runs, one waits
        auto loose = otherPool.applyAsync(&sleepMs, 60000);
        QTRY_COMPARE(otherHub.pool(otherHub.poolIds().first())->runningTasks(), 1);

        const QString path = m_dir.filePath(QStringLiteral("quit-attached.sqlite"));
        QList<qint64> programBatches;
        qint64 ownBatch = 0;
        {
            StudioSession session(path, fastOptions());
            MainWindow window(&session, m_languages);
            window.show();
            QString error;
            MonitorClient *client = attachTo(session, server, &error);
            QVERIFY2(client, qPrintable(error));
            QTRY_VERIFY(client->isReady());
            const int mirror = client->poolIds().first();
            QTRY_COMPARE(session.hub()->pool(mirror)->runningTasks(), 1);
            QCOMPARE(session.hub()->pool(mirror)->queuedTasks(), 2);
            for (const BatchState &batch : session.hub()->pool(mirror)->batches())
                programBatches.append(qint64(batch.id));
            QCOMPARE(programBatches.size(), 2); // the map, and the loose call: no empty one beside
            // Terminating it would be asked first, saying what its program gets (here: no).
            window.selectPool(mirror);
            QString question;
            window.dashboard()->setConfirmer([&](QWidget *, const QString &, const QString &text) {
                question = text;
                return false;
            });
            window.dashboard()->terminateAction()->trigger();
            QVERIFY2(question.contains(QLatin1String("3 unfinished tasks end as cancelled"))
                         && question.contains(QLatin1String("The program that runs them receives an error")),
                     qPrintable(question));
            const StudioSession::Launch launch = session.launch(sleepSpec(QStringLiteral("mine"), 60000));
            QVERIFY2(launch.ok(), qPrintable(launch.error));
            ownBatch = qint64(launch.batchId);
            QTRY_COMPARE(session.hub()->pool(launch.poolId)->runningTasks(), 1);
            window.setConfirmer([](QWidget *, const QString &, const QString &) { return true; });
            QVERIFY(window.close());
        } // the session ends: its own pool stops; the program goes on
        QVERIFY(!theirs.ready());
        QVERIFY(!loose.ready());
        const PoolState *there = otherHub.pool(otherHub.poolIds().first());
        QCOMPARE(there->runningTasks(), 1);
        QCOMPARE(there->queuedTasks(), 2);

        HistoryStore store(path);
        QCOMPARE(store.countBatches(), qint64(3)); // the program's two and the studio's own
        for (qint64 id : std::as_const(programBatches)) {
            const std::optional<BatchRecord> batch = store.batch(id);
            QVERIFY(batch);
            QVERIFY2(!batch->isFinished(), qPrintable(QString::number(id)));
            QVERIFY(!batch->isInterrupted());
            QCOMPARE(batch->failed, qint64(0));
            QCOMPARE(batch->ownerPid, QCoreApplication::applicationPid()); // the program's pid (it is this test)
            TaskQuery query;
            query.batchId = id;
            QCOMPARE(store.tasks(query, 10).size(), 0); // nothing of it ended
        }
        TaskQuery own;
        own.batchId = ownBatch;
        const QList<TaskRecord> ownTasks = store.tasks(own, 10);
        QCOMPARE(ownTasks.size(), 1);
        QCOMPARE(ownTasks.first().state, TaskRecord::State::Cancelled);
        QVERIFY(store.batch(ownBatch)->isFinished());
        otherPool.terminate();
    }

    void queuesShowWithTheirDepths()
    {
        StudioSession session(m_dir.filePath(QStringLiteral("queues.sqlite")), fastOptions());
        MainWindow window(&session, m_languages);
        window.show();
        QTableView *table = window.queueTable();
        QCOMPARE(table->model(), window.queueModel());
        QLabel *title = nullptr;
        for (QLabel *label : window.findChildren<QLabel *>()) {
            if (label->text() == QStringLiteral("Queues"))
                title = label;
        }
        QVERIFY(title); // no queue yet
        QVERIFY(table->isVisible());
        QVERIFY(!window.queueChart()->isVisible()); // no empty chart without a queue
        // A queue of this process...
        qmp::JoinableQueue jobs(10);
        for (int i = 0; i < 3; ++i)
            jobs.put(i);
        const int jobsId = session.hub()->watchQueue(jobs, QStringLiteral("jobs"));
        QTRY_COMPARE(window.queueModel()->rowCount(), 1);
        QVERIFY(window.queueChart()->isVisible());
        QCOMPARE(window.selectedQueueId(), jobsId); // the first queue is shown at once
        QCOMPARE(window.queueSeriesModel()->queueId(), jobsId);
        QCOMPARE(window.queueChart()->chart()->title(), QStringLiteral("Depth of jobs"));
        QTRY_VERIFY(window.queueChart()->pointCount(0) >= 2); // the depth over time
        QTRY_COMPARE(window.queueChart()->yMaximum() >= 3, true);
        auto cell = [&](int row, int column) { return window.queueModel()->index(row, column).data().toString(); };
        QCOMPARE(cell(0, QueueModel::Name), QStringLiteral("jobs"));
        QTRY_COMPARE(cell(0, QueueModel::Depth), QStringLiteral("3"));
        QCOMPARE(cell(0, QueueModel::Maxsize), QStringLiteral("10"));
        QCOMPARE(cell(0, QueueModel::Unfinished), QStringLiteral("3"));
        QTRY_COMPARE(title->text(), QStringLiteral("Queues: 3 items waiting in 1 queue"));
        jobs.get();
        QTRY_COMPARE(cell(0, QueueModel::Depth), QStringLiteral("2"));
        QTRY_COMPARE(title->text(), QStringLiteral("Queues: 2 items waiting in 1 queue"));
        // ... and one of another program the studio attached to.
        MonitorHub otherHub(fastOptions());
        qmp::Queue results;
        results.put(QStringLiteral("done"));
        otherHub.watchQueue(results, QStringLiteral("results"));
        MonitorServer server(&otherHub);
        QVERIFY2(server.listen("qmp-monitor-studio-queues." + QByteArray::number(QCoreApplication::applicationPid())),
                 qPrintable(server.errorString()));
        QString error;
        MonitorClient *client = attachTo(session, server, &error);
        QVERIFY2(client, qPrintable(error));
        QTRY_COMPARE(window.queueModel()->rowCount(), 2);
        QVERIFY(cell(1, QueueModel::Name).startsWith(QStringLiteral("results · ")));
        window.selectQueue(window.queueModel()->queueIdAt(1));
        QCOMPARE(window.queueChart()->chart()->title(), QStringLiteral("Depth of results"));
        QTRY_COMPARE(cell(1, QueueModel::Depth), QStringLiteral("1"));
        QTRY_COMPARE(title->text(), QStringLiteral("Queues: 3 items waiting in 2 queues"));
        // In Chinese too.
        window.languageAction(QStringLiteral("zh_CN"))->trigger();
        QTRY_COMPARE(title->text(), QStringLiteral("队列：2 个队列中有 3 个项目等待"));
        QCOMPARE(window.queueModel()->headerData(QueueModel::Depth, Qt::Horizontal).toString(), QStringLiteral("深度"));
        QCOMPARE(cell(0, QueueModel::State), QStringLiteral("打开"));
        QCOMPARE(window.queueChart()->chart()->title(), QStringLiteral("results 的深度"));
        window.languageAction(QStringLiteral("en"))->trigger();
        QTRY_COMPARE(title->text(), QStringLiteral("Queues: 3 items waiting in 2 queues"));
        // The other program goes away: its queue stays listed as gone, its items no longer count.
        server.close();
        QTRY_COMPARE(cell(1, QueueModel::State), QStringLiteral("gone"));
        QTRY_COMPARE(title->text(), QStringLiteral("Queues: 2 items waiting in 1 queue"));
    }

    void ipcTabShowsObjects()
    {
        StudioSession session(m_dir.filePath(QStringLiteral("ipc.sqlite")), fastOptions());
        MainWindow window(&session, m_languages);
        window.show();
        IpcView *ipc = window.ipcView();
        QVERIFY(ipc);
        QCOMPARE(window.tabs()->tabText(window.tabs()->indexOf(ipc)), QStringLiteral("IPC objects"));
        auto ownLocks = [&] {
            int n = 0;
            for (int row = 0; row < ipc->model()->rowCount(); ++row) {
                const qmp::SharedSegment::Info info = ipc->model()->objectAt(row);
                n += info.kind == QStringLiteral("lock") && info.creatorPid == QCoreApplication::applicationPid();
            }
            return n;
        };
        {
            qmp::Lock lock;
            ipc->model()->refresh();
            QCOMPARE(ownLocks(), 1);
            const QString summary = ipc->findChild<QLabel *>(QStringLiteral("ipcSummary"))->text();
            QVERIFY2(summary.contains(QString::number(ipc->model()->rowCount())), qPrintable(summary));
            QCOMPARE(ipc->reclaimButton()->isEnabled(), ipc->model()->leakCount() > 0);
        }
        ipc->model()->refresh();
        QCOMPARE(ownLocks(), 0);
    }

    void outputFollowsARunningTask()
    {
        StudioSession session(m_dir.filePath(QStringLiteral("follow.sqlite")), fastOptions());
        MainWindow window(&session, m_languages);
        window.show();
        BatchSpec spec;
        spec.title = QStringLiteral("ticker");
        spec.poolName = QStringLiteral("ticker pool");
        spec.commands = {Command{QStringLiteral("sh"), {QStringLiteral("-c"), QStringLiteral("for i in 1 2 3 4 5 6; do echo tick-$i; sleep 0.3; done")}, {}, {}}};
        const StudioSession::Launch launch = session.launch(spec);
        QVERIFY2(launch.ok(), qPrintable(launch.error));
        window.selectPool(launch.poolId);
        PoolDashboard *dash = window.dashboard();
        QTRY_COMPARE(taskFilter(dash)->rowCount(), 1);
        part<QTableView>(dash, "taskTable")->setCurrentIndex(taskFilter(dash)->index(0, 0));
        QTRY_VERIFY(part<OutputPane>(dash, "outputPane")->toPlainText().contains(QLatin1String("tick-1")));
        QVERIFY(!part<OutputPane>(dash, "outputPane")->toPlainText().contains(QLatin1String("tick-6"))); // still running
        QTRY_VERIFY_WITH_TIMEOUT(part<OutputPane>(dash, "outputPane")->toPlainText().contains(QLatin1String("tick-6")), 10000);
    }

    void terminateWorkerFailsItsTask()
    {
        StudioSession session(m_dir.filePath(QStringLiteral("terminate.sqlite")), fastOptions());
        MainWindow window(&session, m_languages);
        window.show();
        const StudioSession::Launch launch = session.launch(sleepSpec(QStringLiteral("sleepy"), 60000));
        QVERIFY2(launch.ok(), qPrintable(launch.error));
        window.selectPool(launch.poolId);
        PoolDashboard *dash = window.dashboard();
        QTRY_VERIFY(busyWorkerRow(dash) >= 0);
        const int row = busyWorkerRow(dash);
        const qint64 pid = workerModel(dash)->pidAt(row);
        part<QTableView>(dash, "workerTable")->setCurrentIndex(workerModel(dash)->index(row, 0));
        QVERIFY(part<QPushButton>(dash, "terminateWorkerButton")->isEnabled());

        // Asked first; "no" leaves it running.
        QStringList asked;
        bool answer = false;
        dash->setConfirmer([&](QWidget *, const QString &title, const QString &text) {
            asked.append(title + QLatin1Char('|') + text);
            return answer;
        });
        part<QPushButton>(dash, "terminateWorkerButton")->click();
        QCOMPARE(asked.size(), 1);
        QVERIFY2(asked.first().contains(QString::number(pid)), qPrintable(asked.first()));
        // It says what happens to the task: no retries in this pool, so the program gets the error.
        QVERIFY2(asked.first().contains(QLatin1String("demo.sleep(60000)"))
                     && asked.first().contains(QLatin1String("WorkerLostError")),
                 qPrintable(asked.first()));
        QVERIFY(!qmptest::processGone(pid));

        answer = true;
        part<QPushButton>(dash, "terminateWorkerButton")->click();
        QCOMPARE(asked.size(), 2);
        QTRY_VERIFY_WITH_TIMEOUT(qmptest::processGone(pid), 60000);
        QTRY_VERIFY(allShownAre(dash, TaskState::State::Failed, 1));
        const TaskState *task = shownTasks(dash).first();
        QVERIFY2(task->message.contains(QLatin1String("terminated")), qPrintable(task->message));
        // The reason is in the table too, in the studio's words.
        const QModelIndex message = taskFilter(dash)->index(0, TaskModel::Message);
        QCOMPARE(message.data().toString(), QStringLiteral("its worker was terminated by the user"));
        // A new worker takes its place.
        QTRY_VERIFY(session.hub()->pool(launch.poolId)->liveWorkers() == 1);
    }

    void stuckWorkerStandsOut()
    {
        MonitorOptions options = fastOptions();
        options.stuckAfterMs = 300;
        StudioSession session(m_dir.filePath(QStringLiteral("stuck.sqlite")), options);
        MainWindow window(&session, m_languages);
        window.show();
        const StudioSession::Launch launch = session.launch(sleepSpec(QStringLiteral("stuck pool"), 60000));
        QVERIFY2(launch.ok(), qPrintable(launch.error));
        window.selectPool(launch.poolId);
        PoolDashboard *dash = window.dashboard();
        QTRY_VERIFY(part<QPushButton>(dash, "terminateStuckButton")->isVisible());
        const int row = busyWorkerRow(dash);
        QVERIFY(row >= 0);
        QVERIFY(workerModel(dash)->index(row, WorkerModel::Pid).data(ModelRoles::Stuck).toBool());
        QVERIFY(!workerModel(dash)->index(row, WorkerModel::Stuck).data().toString().isEmpty());
        QVERIFY(workerModel(dash)->index(row, WorkerModel::Pid).data(Qt::BackgroundRole).isValid());
        const qint64 pid = workerModel(dash)->pidAt(row);

        int asked = 0;
        dash->setConfirmer([&](QWidget *, const QString &, const QString &) { return ++asked > 0; });
        part<QPushButton>(dash, "terminateStuckButton")->click();
        QCOMPARE(asked, 1);
        QTRY_VERIFY_WITH_TIMEOUT(qmptest::processGone(pid), 60000);
        QTRY_VERIFY(allShownAre(dash, TaskState::State::Failed, 1));
        QTRY_VERIFY(!part<QPushButton>(dash, "terminateStuckButton")->isVisible());
    }

    void joinWaitsWithoutBlocking()
    {
        StudioSession session(m_dir.filePath(QStringLiteral("join.sqlite")), fastOptions());
        MainWindow window(&session, m_languages);
        window.show();
        BatchSpec spec = sleepSpec(QStringLiteral("join pool"), 300);
        spec.inputs = {QStringLiteral("300"), QStringLiteral("300"), QStringLiteral("300"), QStringLiteral("300")};
        spec.processes = 2;
        const StudioSession::Launch launch = session.launch(spec);
        QVERIFY2(launch.ok(), qPrintable(launch.error));
        window.selectPool(launch.poolId);
        PoolDashboard *dash = window.dashboard();
        QSignalSpy joined(dash, &PoolDashboard::joinFinished);
        dash->joinAction()->trigger();
        QVERIFY(dash->isJoining());
        QVERIFY(!dash->joinAction()->isEnabled());
        QCOMPARE(joined.size(), 0); // returned at once; the event loop keeps running below
        QTRY_COMPARE_WITH_TIMEOUT(joined.size(), 1, 20000);
        const PoolState *pool = session.hub()->pool(launch.poolId);
        QTRY_COMPARE(pool->finishedTasks(), qint64(4)); // the last events may trail the join
        QTRY_COMPARE(pool->liveWorkers(), 0);
        QVERIFY(!dash->pauseAction()->isEnabled());
    }

    void languageSwitchesAtRunTime()
    {
        QSettings().remove(QStringLiteral("ui/language"));
        StudioSession session(m_dir.filePath(QStringLiteral("language.sqlite")), fastOptions());
        MainWindow window(&session, m_languages);
        window.show();
        window.openLauncher();
        JobLauncherDialog *dialog = window.launcherDialog();
        PoolDashboard *dash = window.dashboard();
        QCOMPARE(window.windowTitle(), QStringLiteral("QMP Studio"));
        QCOMPARE(window.tabs()->tabText(0), QStringLiteral("Dashboard"));
        QCOMPARE(part<QPushButton>(dash, "terminateWorkerButton")->text(), QStringLiteral("Terminate worker"));
        QCOMPARE(dialog->windowTitle(), QStringLiteral("Launch a batch"));
        const QString poolHeader = window.poolModel()->headerData(PoolModel::Name, Qt::Horizontal).toString();
        // A task that timed out, as the engine says it: a reason with values, worded by the studio.
        const int pool = session.hub()->addPool(QStringLiteral("p"), 1);
        PoolEvent queued;
        queued.kind = PoolEvent::Kind::TaskQueued;
        queued.timeNs = monotonicNs();
        queued.taskId = 1;
        queued.batchId = 1;
        queued.task = QStringLiteral("slow");
        queued.items = 1;
        PoolEvent timedOut = queued;
        timedOut.kind = PoolEvent::Kind::TaskFailed;
        timedOut.reason = PoolEvent::Reason::TimedOut;
        timedOut.reasonArgs = {2000};
        timedOut.message = QStringLiteral("timed out after 2000 ms");
        session.hub()->feed(pool, {queued, timedOut});
        session.hub()->flush();
        window.selectPool(pool);
        QTRY_COMPARE(taskFilter(dash)->rowCount(), 1);
        QCOMPARE(taskFilter(dash)->index(0, TaskModel::Message).data().toString(), QStringLiteral("timed out after 2.00 s"));
        QCOMPARE(taskFilter(dash)->index(0, TaskModel::State).data().toString(), QStringLiteral("timed out"));
        // A column too narrow for its new header is widened when the language changes.
        QHeaderView *taskHeader = window.historyView()->taskTable()->horizontalHeader();
        taskHeader->resizeSection(HistoryModel::EndColumn, 4);

        window.languageAction(QStringLiteral("zh_CN"))->trigger();
        QCOMPARE(m_languages->current(), QStringLiteral("zh_CN"));
        QTRY_COMPARE(window.windowTitle(), QStringLiteral("QMP 工作室")); // LanguageChange is a posted event
        QCOMPARE(QGuiApplication::applicationDisplayName(), QStringLiteral("QMP 工作室")); // no "— QMP Studio" after it
        QCOMPARE(taskFilter(dash)->index(0, TaskModel::Message).data().toString(), QStringLiteral("2.00 秒后超时"));
        QCOMPARE(taskFilter(dash)->index(0, TaskModel::State).data().toString(), QStringLiteral("已超时"));
        QCOMPARE(IpcObjectModel::kindText(QStringLiteral("queue")), QStringLiteral("队列"));
        QVERIFY(taskHeader->sectionSize(HistoryModel::EndColumn)
                >= taskHeader->fontMetrics().horizontalAdvance(QStringLiteral("结束时间")));
        QCOMPARE(window.tabs()->tabText(0), QStringLiteral("仪表盘"));
        QCOMPARE(window.tabs()->tabText(1), QStringLiteral("历史"));
        QCOMPARE(part<QPushButton>(dash, "terminateWorkerButton")->text(), QStringLiteral("终止工作进程"));
        QCOMPARE(part<QComboBox>(dash, "stateFilterCombo")->itemText(0), QStringLiteral("全部状态"));
        QCOMPARE(dialog->windowTitle(), QStringLiteral("启动批处理"));
        QVERIFY(window.poolModel()->headerData(PoolModel::Name, Qt::Horizontal).toString() != poolHeader);
        QVERIFY(window.languageAction(QStringLiteral("zh_CN"))->isChecked());
        QCOMPARE(QSettings().value(QStringLiteral("ui/language")).toString(), QStringLiteral("zh_CN"));

        window.languageAction(QStringLiteral("en"))->trigger();
        QTRY_COMPARE(window.tabs()->tabText(0), QStringLiteral("Dashboard"));
        QCOMPARE(dialog->windowTitle(), QStringLiteral("Launch a batch"));
        QCOMPARE(window.poolModel()->headerData(PoolModel::Name, Qt::Horizontal).toString(), poolHeader);
        dialog->reject();
    }

    void historySurvivesARestart()
    {
        const QString path = m_dir.filePath(QStringLiteral("reopen.sqlite"));
        const QString title = QStringLiteral("sh -c 'echo line {}'");
        {
            StudioSession session(path, fastOptions());
            QSignalSpy finished(session.hub(), &MonitorHub::batchFinished);
            BatchSpec spec = BatchSpec::fromTemplate(title, {QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3")});
            spec.poolName = QStringLiteral("history pool");
            const StudioSession::Launch launch = session.launch(spec);
            QVERIFY2(launch.ok(), qPrintable(launch.error));
            QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
            session.hub()->flush();
        } // the studio quits

        StudioSession session(path, fastOptions());
        MainWindow window(&session, m_languages);
        window.show();
        HistoryView *view = window.historyView();
        window.tabs()->setCurrentWidget(view);
        QTRY_VERIFY(view->batchModel()->rowCount() >= 1);
        qint64 batchId = 0;
        for (int row = 0; row < view->batchModel()->rowCount(); ++row) {
            if (view->batchModel()->batchAt(row).title == title)
                batchId = view->batchModel()->batchAt(row).id;
        }
        QVERIFY(batchId != 0);
        view->selectBatch(batchId);
        QCOMPARE(view->selectedBatchId(), batchId);
        QTRY_COMPARE(view->taskModel()->rowCount(), 3);
        QVERIFY(view->findChild<QPushButton *>(QStringLiteral("rerunButton"))->isEnabled());

        const QString joblog = m_dir.filePath(QStringLiteral("joblog.tsv"));
        QString error;
        QVERIFY2(view->exportJoblog(batchId, joblog, &error), qPrintable(error));
        QFile file(joblog);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 4);
        QVERIFY(lines.at(0).startsWith(QLatin1String("Seq\tHost\tStarttime\tJobRuntime")));
        QVERIFY2(lines.at(2).startsWith(QLatin1String("2\t:\t")), qPrintable(lines.at(2)));
        QCOMPARE(lines.at(2).split(QLatin1Char('\t')).size(), 9);
        QCOMPARE(lines.at(2).split(QLatin1Char('\t')).at(6), QStringLiteral("0")); // Exitval
        QVERIFY2(lines.at(2).endsWith(QLatin1String("sh -c 'echo line 2'")), qPrintable(lines.at(2)));

        QVERIFY(!view->exportJoblog(batchId, m_dir.filePath(QStringLiteral("no/such/dir/joblog.tsv")), &error));
        QVERIFY2(error.contains(QLatin1String("no/such/dir/joblog.tsv")), qPrintable(error));

        QSignalSpy finished(session.hub(), &MonitorHub::batchFinished);
        const StudioSession::Launch again = view->rerun(batchId);
        QVERIFY2(again.ok(), qPrintable(again.error));
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
        QCOMPARE(session.hub()->pool(again.poolId)->finishedTasks(), qint64(3));
    }

    // Re-run runs each command exactly as the history kept it, parsing nothing: a qmp run batch of
    // a shell template (`echo {} | tr a-z A-Z`) runs as that pipe again — not as the program echo
    // with the arguments `|`, `tr`, ... — and the studio's own batch of an argv template keeps
    // its arguments with spaces and quotes whole. A batch an older QMP recorded (no command
    // kept) is refused, saying why.
    void rerunRunsCommandsAsTheyRan()
    {
        const QString path = m_dir.filePath(QStringLiteral("rerun.sqlite"));
        StudioSession session(path, fastOptions());
        MainWindow window(&session, m_languages);
        HistoryView *view = window.historyView();
        qmp::HistoryStore *store = session.history();
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const auto outputsOf = [&session](int poolId) {
            QMap<qsizetype, QString> byIndex;
            const qmp::PoolState *pool = session.hub()->pool(poolId);
            for (quint64 id : pool->taskOrder())
                byIndex.insert(pool->task(id)->index, pool->task(id)->outputText(1));
            return byIndex.values();
        };

        // A qmp run batch, recorded the way RunSession records it.
        const qmp::CommandTemplate pipe(QStringLiteral("echo {} | tr a-z A-Z"));
        const qint64 runBatch = store->newBatchId();
        qmp::BatchRecord batch{runBatch, QStringLiteral("qmp run"), pipe.text(), now, now, 2, 2, 0};
        batch.commandTemplate = pipe.text();
        batch.shell = pipe.needsShell();
        store->record(batch);
        const QStringList inputs{QStringLiteral("x y"), QStringLiteral("it's")};
        for (int i = 0; i < inputs.size(); ++i) {
            qmp::CommandResult result;
            result.started = true;
            result.attempts = 1;
            result.startTimeMs = now;
            qmp::FinishedJob job = qmp::FinishedJob::fromResult(result, std::chrono::milliseconds(0));
            job.batchId = runBatch;
            job.seq = i + 1;
            job.name = pipe.expand({inputs.at(i)}, i + 1);
            job.command = pipe.toCommand(job.name);
            store->record(job.toRecord());
        }
        QVERIFY(store->flush());
        QSignalSpy finished(session.hub(), &MonitorHub::batchFinished);
        const StudioSession::Launch piped = view->rerun(runBatch);
        QVERIFY2(piped.ok(), qPrintable(piped.error));
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
        QCOMPARE(outputsOf(piped.poolId), (QStringList{QStringLiteral("X Y\n"), QStringLiteral("IT'S\n")}));
        QCOMPARE(session.hub()->pool(piped.poolId)->finishedTasks(), qint64(2));

        // The studio's own batch of an argv template, run, recorded, and run again.
        const QStringList words{QStringLiteral("it's a \"file\""), QStringLiteral("two  spaces")};
        BatchSpec spec = BatchSpec::fromTemplate(QStringLiteral("/bin/echo {}"), words);
        QVERIFY(!spec.shell);
        spec.poolName = QStringLiteral("argv pool");
        const StudioSession::Launch first = session.launch(spec);
        QVERIFY2(first.ok(), qPrintable(first.error));
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 20000);
        session.hub()->flush();
        QVERIFY(store->flush());
        QCOMPARE(store->batch(qint64(first.batchId))->commandTemplate, QStringLiteral("/bin/echo {}"));
        const StudioSession::Launch again = view->rerun(qint64(first.batchId));
        QVERIFY2(again.ok(), qPrintable(again.error));
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 3, 20000);
        const QStringList echoed{words.at(0) + QLatin1Char('\n'), words.at(1) + QLatin1Char('\n')};
        QCOMPARE(outputsOf(first.poolId), echoed);
        QCOMPARE(outputsOf(again.poolId), echoed);

        // Recorded by an older QMP: its command line only, which cannot be trusted to split.
        const qint64 old = store->newBatchId();
        store->record(qmp::BatchRecord{old, QStringLiteral("qmp run"), pipe.text(), now, now, 1, 1, 0});
        qmp::TaskRecord line;
        line.batchId = old;
        line.seq = 1;
        line.kind = qmp::TaskRecord::Kind::Command;
        line.name = QStringLiteral("echo x | tr a-z A-Z");
        store->record(line);
        QVERIFY(store->flush());
        const StudioSession::Launch refused = view->rerun(old);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error.contains(QLatin1String("older QMP")), qPrintable(refused.error));
    }

    // A history that cannot be used, or a damaged one moved aside, is said in a banner that stays
    // (the status bar's next message does not replace it) until dismissed, and comes back for
    // the next problem.
    void historyProblemsShowInABanner_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("damaged file") << "damaged";
        QTest::newRow("a directory") << "directory";
        QTest::newRow("a healthy history") << "healthy";
    }
    void historyProblemsShowInABanner()
    {
        QFETCH(QString, kind);
        const QString path = m_dir.filePath(QStringLiteral("banner-%1.sqlite").arg(kind));
        if (kind == QLatin1String("damaged")) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("this is not an SQLite database, it is a note");
        } else if (kind == QLatin1String("directory")) {
            QVERIFY(QDir().mkpath(path));
        }
        StudioSession session(path, fastOptions());
        MainWindow window(&session, m_languages);
        window.show();
        NoticeBanner *banner = window.historyBanner();
        if (kind == QLatin1String("healthy")) {
            QVERIFY(!banner->isVisible());
        } else {
            QVERIFY(banner->isVisible());
            QVERIFY2(banner->text().contains(path), qPrintable(banner->text()));
            if (kind == QLatin1String("damaged")) {
                QVERIFY(!session.history()->movedAsidePath().isEmpty());
                QVERIFY2(banner->text().contains(session.history()->movedAsidePath()), qPrintable(banner->text()));
            } else {
                QVERIFY2(banner->text().contains(QStringLiteral("not being recorded")), qPrintable(banner->text()));
            }
            window.statusBar()->showMessage(QStringLiteral("Batch started: something else"));
            QVERIFY(banner->isVisible());
            QTest::mouseClick(banner->dismissButton(), Qt::LeftButton);
            QVERIFY(!banner->isVisible());
        }
        Q_EMIT session.history()->errorOccurred(QStringLiteral("12 finished records could not be written"));
        QTRY_VERIFY(banner->isVisible());
        QVERIFY(banner->text().contains(QStringLiteral("12 finished records could not be written")));
        // It follows the language.
        QVERIFY(m_languages->setLanguage(QStringLiteral("zh_CN"), false));
        QTRY_VERIFY(banner->text().contains(QStringLiteral("任务历史")));
        QVERIFY(m_languages->setLanguage(QStringLiteral("en"), false));
    }

    // 1024×700: the summary wraps instead of running off, the task table's State column is in view,
    // a long pool name is elided, long titles are elided; Tab leaves a table; shortcuts exist.
    // A pool on Slurm brings the Slurm column into the pool list: the list's pane grows by it
    // instead of squeezing the pool names ("pri…urm").
    void theSlurmColumnLeavesThePoolNamesTheirRoom()
    {
        StudioSession session(m_dir.filePath(QStringLiteral("slurmcolumn.sqlite")), fastOptions());
        MainWindow window(&session, m_languages);
        window.resize(1360, 860);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const QString name = QStringLiteral("primes on Slurm");
        const int pool = session.hub()->addPool(name, 4);
        session.hub()->flush();
        QTableView *pools = window.poolTable();
        QHeaderView *header = pools->horizontalHeader();
        QTRY_COMPARE(pools->model()->rowCount(), 1);
        QVERIFY(pools->isColumnHidden(PoolModel::Slurm));
        QApplication::processEvents();
        const int nameBefore = header->sectionSize(PoolModel::Name);
        QVERIFY2(nameBefore >= pools->fontMetrics().horizontalAdvance(name),
                 qPrintable(QStringLiteral("%1 px").arg(nameBefore)));

        PoolEvent job;
        job.kind = PoolEvent::Kind::SlurmJob;
        job.timeNs = monotonicNs();
        job.slurmJobId = 1234567;
        job.slurmState = QStringLiteral("RUNNING");
        session.hub()->feed(pool, {job});
        session.hub()->flush();
        QTRY_VERIFY(!pools->isColumnHidden(PoolModel::Slurm));
        QTRY_VERIFY(header->sectionSize(PoolModel::Slurm) > 0);
        QApplication::processEvents();
        QTRY_VERIFY2(header->sectionSize(PoolModel::Name) >= pools->fontMetrics().horizontalAdvance(name),
                     qPrintable(QStringLiteral("%1 px for the name, %2 before the Slurm column")
                                    .arg(header->sectionSize(PoolModel::Name))
                                    .arg(nameBefore)));
        // Every column in view, none behind a scroll bar.
        const int slurmRight = pools->columnViewportPosition(PoolModel::Slurm) + pools->columnWidth(PoolModel::Slurm);
        QVERIFY2(slurmRight <= pools->viewport()->width(),
                 qPrintable(QStringLiteral("%1 > %2").arg(slurmRight).arg(pools->viewport()->width())));
    }

    void smallWindowKeyboardAndLayout()
    {
        StudioSession session(m_dir.filePath(QStringLiteral("small.sqlite")), fastOptions());
        MainWindow window(&session, m_languages);
        window.resize(1024, 700);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        BatchSpec spec = BatchSpec::fromTemplate(QStringLiteral("echo to stdout {}; echo to stderr {} >&2; sleep 60"),
                                                 {QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3")});
        spec.poolName = QStringLiteral("a pool with a very long name that would push every counter out of the list");
        spec.processes = 2;
        const StudioSession::Launch launch = session.launch(spec);
        QVERIFY2(launch.ok(), qPrintable(launch.error));
        window.selectPool(launch.poolId);
        PoolDashboard *dash = window.dashboard();
        QTRY_COMPARE(session.hub()->pool(launch.poolId)->runningTasks(), 2);
        QApplication::processEvents();
        if (const QByteArray dir = qgetenv("QMP_SCREENSHOT_DIR"); !dir.isEmpty())
            window.grab().save(QString::fromLocal8Bit(dir) + QStringLiteral("/small-1024x700.png"));

        // The summary fits the dashboard (it wraps), the State column can be seen.
        auto *summary = dash->findChild<QLabel *>(QStringLiteral("summaryLabel"));
        QVERIFY(summary->geometry().right() <= dash->width());
        QVERIFY(summary->heightForWidth(summary->width()) <= summary->height());
        QTableView *tasks = part<QTableView>(dash, "taskTable");
        const int stateRight = tasks->columnViewportPosition(TaskModel::State) + tasks->columnWidth(TaskModel::State);
        QVERIFY(tasks->columnViewportPosition(TaskModel::State) >= 0);
        QVERIFY2(stateRight <= tasks->viewport()->width(),
                 qPrintable(QStringLiteral("%1 > %2").arg(stateRight).arg(tasks->viewport()->width())));
        // The pool list: the name elided, the counters in view.
        QTableView *pools = window.poolTable();
        const int failedRight = pools->columnViewportPosition(PoolModel::Failed) + pools->columnWidth(PoolModel::Failed);
        QVERIFY(failedRight <= pools->viewport()->width());
        QCOMPARE(window.poolModel()->index(0, PoolModel::Name).data(Qt::ToolTipRole).toString(), spec.poolName);

        // The detail view's title is elided to its width; stderr shows apart (red).
        // (the models follow the hub on its next flush: the task's row may come a moment later)
        const quint64 first = session.hub()->pool(launch.poolId)->taskOrder().front();
        QTRY_VERIFY(taskModel(dash)->rowOfTask(first) >= 0);
        dash->selectTask(first);
        QTRY_COMPARE(part<TaskDetailView>(dash, "taskDetailView")->taskId(), first);
        QTRY_VERIFY2(part<OutputPane>(dash, "outputPane")->toPlainText().contains(QLatin1String("to stderr")),
                     qPrintable(QStringLiteral("task %1 shown, output '%2', kept '%3'")
                                    .arg(part<TaskDetailView>(dash, "taskDetailView")->taskId())
                                    .arg(part<OutputPane>(dash, "outputPane")->toPlainText())
                                    .arg(session.hub()->pool(launch.poolId)->task(1)->outputText())));
        QLabel *title = part<TaskDetailView>(dash, "taskDetailView")->titleLabel();
        QVERIFY(title->fontMetrics().horizontalAdvance(title->text()) <= std::max(60, title->width()));
        QVERIFY(title->toolTip().contains(QLatin1String("echo to stdout")));
        QTextCursor cursor(part<OutputPane>(dash, "outputPane")->document());
        const QString text = part<OutputPane>(dash, "outputPane")->toPlainText();
        cursor.setPosition(int(text.indexOf(QLatin1String("to stderr"))) + 1);
        QCOMPARE(cursor.charFormat().foreground().color(), QColor(190, 30, 30));
        cursor.setPosition(int(text.indexOf(QLatin1String("to stdout"))) + 1);
        QVERIFY(cursor.charFormat().foreground().color() != QColor(190, 30, 30));

        // Tab moves out of a table instead of from cell to cell, and through the dashboard in reading
        // order: the workers, the charts and their range, then the tasks.
        const auto inChart = [](const QWidget *w) {
            for (const QWidget *up = w->parentWidget(); up; up = up->parentWidget()) {
                if (qobject_cast<const PoolChartView *>(up))
                    return true;
            }
            return false;
        };
        QStringList tabOrder; // (a chart: its view inside it too)
        for (QWidget *w = part<QTableView>(dash, "workerTable"); w != tasks; w = w->nextInFocusChain()) {
            if ((w->focusPolicy() & Qt::TabFocus) && !inChart(w))
                tabOrder << (qobject_cast<PoolChartView *>(w) ? QStringLiteral("chart") : w->objectName());
        }
        QCOMPARE(tabOrder, (QStringList{QStringLiteral("workerTable"), QStringLiteral("terminateWorkerButton"),
                                        QStringLiteral("chart"), QStringLiteral("chart"), QStringLiteral("chart"),
                                        QStringLiteral("chart"), QStringLiteral("chartRangeCombo"),
                                        QStringLiteral("stateFilterCombo"), QStringLiteral("searchEdit"),
                                        QStringLiteral("cancelTaskButton")}));
        QVERIFY(!tasks->tabKeyNavigation());
        QVERIFY(!part<QTableView>(dash, "workerTable")->tabKeyNavigation());
        QVERIFY(!pools->tabKeyNavigation());
        // Shortcuts for the controls.
        QCOMPARE(dash->pauseAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_P));
        QCOMPARE(dash->resumeAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
        QCOMPARE(dash->terminateAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
        int asked = 0;
        dash->setConfirmer([&](QWidget *, const QString &title, const QString &) {
            asked += title == QLatin1String("Cancel task");
            return false;
        });
        tasks->setFocus();
        tasks->setCurrentIndex(taskFilter(dash)->index(0, 0));
        QTest::keyClick(tasks, Qt::Key_Delete); // Del on a task: cancel it (asked first)
        QCOMPARE(asked, 1);
        // Joined: join and terminate have nothing left to do; the list says joining meanwhile.
        dash->setConfirmer([](QWidget *, const QString &, const QString &) { return true; });
        for (quint64 id : session.hub()->pool(launch.poolId)->taskOrder())
            dash->cancelTask(id);
        QVERIFY(dash->startJoin());
        QCOMPARE(window.poolModel()->index(window.poolModel()->rowOfPool(launch.poolId), PoolModel::State).data().toString(),
                 QStringLiteral("joining"));
        QTRY_VERIFY_WITH_TIMEOUT(!dash->isJoining(), 20000);
        QTRY_VERIFY(session.hub()->pool(launch.poolId)->isOver());
        QTRY_VERIFY(!dash->joinAction()->isEnabled() && !dash->terminateAction()->isEnabled());
        QVERIFY(window.poolModel()->index(window.poolModel()->rowOfPool(launch.poolId), PoolModel::State).data().toString()
                != QStringLiteral("joining"));
    }

    // The selected task in full: arguments, the exception (type, message, where), timings, attempt,
    // worker; retry it; grow and shrink the pool.
    void taskDetailRetryAndResize()
    {
        StudioSession session(m_dir.filePath(QStringLiteral("detail.sqlite")), fastOptions());
        MainWindow window(&session, m_languages);
        window.show();
        BatchSpec spec;
        spec.kind = BatchSpec::Kind::Task;
        spec.task = QStringLiteral("demo.fileHash");
        spec.inputs = {QStringLiteral("/nonexistent/file.bin")};
        spec.poolName = QStringLiteral("hashes");
        spec.processes = 1;
        const StudioSession::Launch launch = session.launch(spec);
        QVERIFY2(launch.ok(), qPrintable(launch.error));
        window.selectPool(launch.poolId);
        PoolDashboard *dash = window.dashboard();
        QTRY_VERIFY_WITH_TIMEOUT(allShownAre(dash, TaskState::State::Failed, 1), 20000);
        const quint64 failed = shownTasks(dash).first()->id;
        dash->selectTask(failed);
        QTRY_COMPARE(part<TaskDetailView>(dash, "taskDetailView")->taskId(), failed);
        const QString details = part<TaskDetailView>(dash, "taskDetailView")->detailsText();
        for (const char *part : {"State", "failed", "Arguments", "('/nonexistent/file.bin')", "Exception", "Queued",
                                 "Started", "Ended", "Duration", "Attempt", "Worker"})
            QVERIFY2(details.contains(QLatin1String(part)), qPrintable(details));
        QVERIFY2(details.contains(QLatin1String("nonexistent")) && details.contains(QLatin1String("Raised in")),
                 qPrintable(details));

        // Retry: asked, then the same call runs again in the pool (and fails again, for the same reason).
        QVERIFY(part<TaskDetailView>(dash, "taskDetailView")->retryButton()->isEnabled());
        int asked = 0;
        dash->setConfirmer([&](QWidget *, const QString &, const QString &) { return ++asked > 0; });
        part<TaskDetailView>(dash, "taskDetailView")->retryButton()->click();
        QCOMPARE(asked, 1);
        QTRY_VERIFY_WITH_TIMEOUT(allShownAre(dash, TaskState::State::Failed, 2), 20000);
        QCOMPARE(shownTasks(dash).last()->name, QStringLiteral("demo.fileHash"));

        // Grow to three workers, then back to one.
        const PoolState *pool = session.hub()->pool(launch.poolId);
        QVERIFY(part<QSpinBox>(dash, "processesSpin")->isEnabled());
        QCOMPARE(part<QSpinBox>(dash, "processesSpin")->value(), 1);
        part<QSpinBox>(dash, "processesSpin")->setValue(3);
        QTRY_COMPARE(pool->processes(), 3);
        QTRY_COMPARE(pool->liveWorkers(), 3);
        part<QSpinBox>(dash, "processesSpin")->setValue(1);
        QTRY_COMPARE(pool->liveWorkers(), 1);
        QCOMPARE(session.hub()->livePool(launch.poolId)->processes(), 1);
    }

    // Charts: round ticks with units, the pool's size on the busy-workers axis, a time range to
    // choose, values under the cursor.
    void chartsReadWell()
    {
        MonitorOptions options = fastOptions();
        StudioSession session(m_dir.filePath(QStringLiteral("charts.sqlite")), options);
        MainWindow window(&session, m_languages);
        window.resize(1024, 700);
        window.show();
        const StudioSession::Launch launch = session.launch(sleepSpec(QStringLiteral("charted"), 300));
        QVERIFY2(launch.ok(), qPrintable(launch.error));
        window.selectPool(launch.poolId);
        PoolDashboard *dash = window.dashboard();
        QTRY_VERIFY_WITH_TIMEOUT(charts(dash).at(0)->pointCount(0) >= 3, 20000);
        static const QRegularExpression scientific(QStringLiteral("\\de[+-]"));
        for (PoolChartView *chart : charts(dash)) {
            for (const QString &label : chart->xLabels() + chart->yLabels())
                QVERIFY2(!scientific.match(label).hasMatch(), qPrintable(label));
            for (const QString &label : chart->xLabels()) // seconds, minutes or hours, said
                QVERIFY2(label.endsWith(QLatin1String(" s")) || label.endsWith(QLatin1String(" min"))
                             || label.endsWith(QLatin1String(" h")),
                         qPrintable(label));
        }
        QVERIFY(charts(dash).at(3)->yLabels().last().endsWith(QLatin1String(" ms"))
                || charts(dash).at(3)->yLabels().last().endsWith(QLatin1String(" s")));
        QVERIFY(charts(dash).at(2)->yMaximum() >= 1); // busy workers: up to the pool's size
        part<QComboBox>(dash, "chartRangeCombo")->setCurrentIndex(0); // the last minute
        QVERIFY(charts(dash).at(0)->xMinimum() >= -60);
        part<QComboBox>(dash, "chartRangeCombo")->setCurrentIndex(3); // all kept
        QVERIFY(!charts(dash).at(1)->valuesAt(0).isEmpty());
        QVERIFY(charts(dash).at(1)->valuesAt(0).contains(QLatin1String("/")));
    }

    void windowStateIsRemembered()
    {
        StudioSession session(m_dir.filePath(QStringLiteral("state.sqlite")), fastOptions());
        QList<int> sizes;
        {
            MainWindow window(&session, m_languages);
            window.show();
            auto *splitter = window.findChild<QSplitter *>(QStringLiteral("mainSplitter"));
            splitter->setSizes({420, 900});
            sizes = splitter->sizes();
            window.close();
        }
        MainWindow window(&session, m_languages);
        window.show();
        QCOMPARE(window.findChild<QSplitter *>(QStringLiteral("mainSplitter"))->sizes(), sizes);
    }
};

QMP_STUDIO_TEST_MAIN(TestStudio)
#include "tst_studio.moc"
