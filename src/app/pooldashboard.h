#pragma once
// PoolDashboard: one pool of the hub — its controls (pause, resume, close, join, terminate,
// remove; grow / shrink its workers), a summary line of counters, the StuckBanner, its workers
// (terminate one), live charts (queue depth, throughput, busy workers, task-duration p50/p95), its
// tasks (state filter, search, cancel one, retry one) and the selected task's details and output
// (TaskDetailView, OutputPane). The static layout is the form ui/pooldashboard.ui; the toolbar, the
// charts and the detail view are added in code. Everything comes from the hub and the models; the
// controls go to the hub. Destructive controls ask first (through the confirmer). GUI thread.
//
// Tests find its parts by object name: workerTable, taskTable, summaryLabel, accessNotice,
// stuckBanner (StuckBanner), stateFilterCombo, searchEdit, chartRangeCombo, cancelTaskButton,
// terminateWorkerButton, processesSpin, taskDetailView (TaskDetailView), outputPane (OutputPane),
// the PoolChartViews in order, and the *Splitter splitters.

#include <QFutureWatcher>
#include <QWidget>

#include <functional>
#include <memory>

class QAction;
class QLabel;
class QSpinBox;
class QToolBar;

namespace qmp {

namespace Ui {
class PoolDashboard;
}

class MonitorHub;
class PoolChartView;
class PoolSeriesModel;
class TaskDetailView;
class TaskFilterModel;
class TaskModel;
class WindowStateKeeper;
class WorkerModel;

class PoolDashboard : public QWidget
{
    Q_OBJECT
public:
    // Asked before a destructive action; true to go ahead. Default: askWithMessageBox.
    using Confirmer = std::function<bool(QWidget *parent, const QString &title, const QString &text)>;
    // A Yes / No question (No by default), its buttons worded in the studio's language.
    static bool askWithMessageBox(QWidget *parent, const QString &title, const QString &text);

    // hub is not owned and must outlive the dashboard.
    explicit PoolDashboard(MonitorHub *hub, QWidget *parent = nullptr);
    ~PoolDashboard() override;

    void setPoolId(int poolId); // 0: none
    int poolId() const { return m_poolId; }
    void setConfirmer(Confirmer confirmer) { m_confirm = std::move(confirmer); }
    // Lets keeper remember the splitters and the table columns the user arranged.
    void keepStateWith(WindowStateKeeper *keeper);

    // The controls, for the main window's menu and toolbar too.
    QAction *pauseAction() const { return m_pause; }
    QAction *resumeAction() const { return m_resume; }
    QAction *closeAction() const { return m_close; }
    QAction *joinAction() const { return m_join; }
    QAction *terminateAction() const { return m_terminate; }
    QAction *removeAction() const { return m_remove; }
    bool isJoining() const { return m_joinWatcher.isRunning(); }

    // Selects a task in the table (its output shows); nothing when it is not listed.
    void selectTask(quint64 taskId);

    // The controls without asking (the actions and buttons ask first where it matters).
    bool terminateWorker(qint64 pid);
    bool cancelTask(quint64 taskId);
    bool retryTask(quint64 taskId);
    // Closes the pool (when still running) and waits for it off the GUI thread; joinFinished()
    // when every worker has exited.
    bool startJoin();
    // For shutdown: terminates a pool being joined and waits for the join to return.
    void abortJoin();

Q_SIGNALS:
    void statusMessage(const QString &message);
    void joinFinished(int poolId);

protected:
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void createToolBar();
    void createCharts();
    void setUpTables();
    void retranslate();
    void poolChanged(int poolId);
    void updateSummary();
    void updateControls();
    void updateStuckBanner();
    void updateOutput();
    qint64 selectedWorkerPid() const;
    quint64 selectedTaskId() const;
    // What terminating worker pid would do to its task, as the confirmation asks it.
    QString terminateWorkerQuestion(qint64 pid) const;
    void askTerminateWorker(qint64 pid);
    void askCancelTask();
    void askRetryTask(quint64 taskId);
    void elideTitle();
    void askTerminatePool();
    bool confirm(const QString &title, const QString &text);

    MonitorHub *m_hub;
    int m_poolId = 0;
    int m_joiningPoolId = 0;
    Confirmer m_confirm;

    WorkerModel *m_workers;
    TaskModel *m_tasks;
    TaskFilterModel *m_filter;
    PoolSeriesModel *m_series;

    std::unique_ptr<Ui::PoolDashboard> m_ui;
    QToolBar *m_toolBar = nullptr;
    QAction *m_pause = nullptr;
    QAction *m_resume = nullptr;
    QAction *m_close = nullptr;
    QAction *m_join = nullptr;
    QAction *m_terminate = nullptr;
    QAction *m_remove = nullptr;
    QLabel *m_processesLabel = nullptr;
    QSpinBox *m_processesSpin = nullptr;
    bool m_updatingControls = false;
    QString m_fullTitle;
    QList<PoolChartView *> m_charts;
    TaskDetailView *m_detail = nullptr;
    QFutureWatcher<void> m_joinWatcher;
};

} // namespace qmp
