#pragma once
// PoolDashboard: everything about one pool of the hub — summary counters, the pool's controls
// (pause, resume, close, join, terminate), its workers (terminate one; stuck ones stand out with
// their reason and a one-click terminate), live charts (queue depth, throughput, busy workers,
// task-duration p50/p95), its tasks (state filter, search, cancel one) and the live output of the
// selected task (its details, TaskDetailView), grow / shrink its workers, retry one task. Everything
// comes from the hub and the models; the controls go to the hub.
// Destructive controls ask first (through the confirmer). GUI thread.

#include <QFutureWatcher>
#include <QWidget>

#include <functional>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QSplitter;
class QTableView;
class QToolBar;

namespace qmp {

class MonitorHub;
class PoolChartView;
class PoolSeriesModel;
class TaskDetailView;
class TaskFilterModel;
class TaskModel;
class WorkerModel;

class PoolDashboard : public QWidget
{
    Q_OBJECT
public:
    // Asked before a destructive action; true to go ahead. Default: askWithMessageBox.
    using Confirmer = std::function<bool(QWidget *parent, const QString &title, const QString &text)>;
    // A Yes / No question (No by default), its buttons worded in the studio's language.
    static bool askWithMessageBox(QWidget *parent, const QString &title, const QString &text);

    explicit PoolDashboard(MonitorHub *hub, QWidget *parent = nullptr);
    ~PoolDashboard() override;

    void setPoolId(int poolId); // 0: none
    int poolId() const { return m_poolId; }
    void setConfirmer(Confirmer confirmer) { m_confirm = std::move(confirmer); }

    // The controls, for the main window's menu and toolbar too.
    QAction *pauseAction() const { return m_pause; }
    QAction *resumeAction() const { return m_resume; }
    QAction *closeAction() const { return m_close; }
    QAction *joinAction() const { return m_join; }
    QAction *terminateAction() const { return m_terminate; }
    QAction *removeAction() const { return m_remove; }

    // For tests and the window state keeper.
    WorkerModel *workerModel() const { return m_workers; }
    TaskModel *taskModel() const { return m_tasks; }
    TaskFilterModel *taskFilter() const { return m_filter; }
    PoolSeriesModel *seriesModel() const { return m_series; }
    QTableView *workerTable() const { return m_workerTable; }
    QTableView *taskTable() const { return m_taskTable; }
    QPlainTextEdit *outputPane() const;
    TaskDetailView *detailView() const { return m_detail; }
    QSpinBox *processesSpin() const { return m_processesSpin; }
    QComboBox *stateFilterCombo() const { return m_stateCombo; }
    QLineEdit *searchEdit() const { return m_search; }
    QPushButton *terminateWorkerButton() const { return m_terminateWorker; }
    QPushButton *terminateStuckButton() const { return m_terminateStuck; }
    QPushButton *cancelTaskButton() const { return m_cancelTask; }
    QLabel *accessNotice() const { return m_accessNotice; }
    QWidget *stuckBanner() const { return m_stuckBanner; }
    QList<PoolChartView *> charts() const { return m_charts; }
    QComboBox *chartRangeCombo() const { return m_rangeCombo; }
    QList<QSplitter *> splitters() const { return m_splitters; }
    QString summaryText() const; // the summary line as text
    bool isJoining() const { return m_joinWatcher.isRunning(); }

    // Selects a task in the table (its output shows); nothing when it is not listed.
    void selectTask(quint64 taskId);

    // What terminating worker pid would do to its task, as the confirmation asks it.
    QString terminateWorkerQuestion(qint64 pid) const;
    // The controls without asking (the actions ask first where it matters).
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
    void retranslate();
    void poolChanged(int poolId);
    void updateSummary();
    void updateControls();
    void updateStuckBanner();
    void updateOutput();
    qint64 selectedWorkerPid() const;
    quint64 selectedTaskId() const;
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

    QToolBar *m_toolBar;
    QAction *m_pause;
    QAction *m_resume;
    QAction *m_close;
    QAction *m_join;
    QAction *m_terminate;
    QAction *m_remove;

    QLabel *m_title;
    QString m_fullTitle;
    QLabel *m_summaryLabel;
    QLabel *m_processesLabel;
    QSpinBox *m_processesSpin;
    bool m_updatingControls = false;
    QLabel *m_accessNotice; // another program's pool that allows no control says so
    QProgressBar *m_joinProgress;
    QWidget *m_stuckBanner;
    QLabel *m_stuckText;
    QPushButton *m_terminateStuck;
    qint64 m_stuckPid = 0;

    QLabel *m_workersLabel;
    QTableView *m_workerTable;
    QPushButton *m_terminateWorker;
    QList<PoolChartView *> m_charts;
    QLabel *m_rangeLabel;
    QComboBox *m_rangeCombo;

    QLabel *m_tasksLabel;
    QComboBox *m_stateCombo;
    QLineEdit *m_search;
    QTableView *m_taskTable;
    QPushButton *m_cancelTask;

    TaskDetailView *m_detail;

    QList<QSplitter *> m_splitters;
    QFutureWatcher<void> m_joinWatcher;
};

} // namespace qmp
