#pragma once
// MainWindow: the studio's window — the hub's pools and queues (with their depths) on the left,
// the selected pool's dashboard and the task history on the right, the job launcher, the language menu, a tray notice when a
// batch finishes, and its geometry remembered. Works on a StudioSession it does not own.
// GUI thread.

#include <QMainWindow>
#include <QPointer>

#include <functional>

class QAction;
class QActionGroup;
class QLabel;
class QMenu;
class QSplitter;
class QTabWidget;
class QTableView;

namespace qmp {

class HistoryView;
class IpcView;
class JobLauncherDialog;
class LanguageManager;
class NoticeBanner;
class PoolDashboard;
class PoolModel;
class PoolChartView;
class QueueModel;
class QueueSeriesModel;
class StudioSession;
class TrayNotifier;
class WindowStateKeeper;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    // session and languages are not owned and must outlive the window.
    MainWindow(StudioSession *session, LanguageManager *languages, QWidget *parent = nullptr);
    ~MainWindow() override;

    PoolDashboard *dashboard() const { return m_dashboard; }
    HistoryView *historyView() const { return m_history; }
    IpcView *ipcView() const { return m_ipc; }
    // Problems with the task history (it cannot be used, a damaged file was moved aside): shown
    // above the content until dismissed.
    NoticeBanner *historyBanner() const { return m_historyBanner; }
    QTableView *poolTable() const { return m_poolTable; }
    PoolModel *poolModel() const { return m_pools; }
    QTableView *queueTable() const { return m_queueTable; }
    QueueModel *queueModel() const { return m_queues; }
    // The depth over time of the queue selected in the queue table.
    PoolChartView *queueChart() const { return m_queueChart; }
    QueueSeriesModel *queueSeriesModel() const { return m_queueSeries; }
    void selectQueue(int queueId);
    int selectedQueueId() const;
    QTabWidget *tabs() const { return m_tabs; }
    TrayNotifier *trayNotifier() const { return m_tray; }
    // The open launcher (after openLauncher()), else nullptr.
    JobLauncherDialog *launcherDialog() const { return m_launcher; }
    QAction *languageAction(const QString &code) const;

    void selectPool(int poolId);
    int selectedPoolId() const;
    // Asked before destructive actions (quitting with work running; the dashboard's controls).
    void setConfirmer(std::function<bool(QWidget *, const QString &, const QString &)> confirmer);
    // The question Quit asks while this studio's pools have work (they stop), or the QMP service
    // has jobs (they keep running: it says so and how to see them); empty when there is neither.
    QString quitQuestion() const;

public Q_SLOTS:
    // Opens the job launcher (window-modal, not blocking); OK starts the batch.
    void openLauncher();
    // File > Attach to program…: picks a program serving a monitor socket and shows its pools.
    void openAttachDialog();

protected:
    void changeEvent(QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void showSlurmColumn();
    void retranslate();
    QString queuesTitle() const; // "Queues: 12 items waiting in 2 queues"
    QString queueChartTitle() const; // "Depth of jobs"
    void createMenus();
    void launchFromDialog();
    void poolSelected();
    void showStatus(const QString &message);
    // Shows the history's problem (detail: the store's message) in the banner.
    void showHistoryProblem(const QString &detail);
    QString historyProblemText() const;

    StudioSession *m_session;
    LanguageManager *m_languages;
    PoolModel *m_pools;
    QueueModel *m_queues;
    QSplitter *m_splitter;
    QSplitter *m_leftSplitter;
    QTableView *m_poolTable;
    QLabel *m_poolsLabel;
    QTableView *m_queueTable;
    QLabel *m_queuesLabel;
    QueueSeriesModel *m_queueSeries;
    PoolChartView *m_queueChart;
    QTabWidget *m_tabs;
    PoolDashboard *m_dashboard;
    HistoryView *m_history;
    IpcView *m_ipc;
    NoticeBanner *m_historyBanner;
    QString m_historyProblem; // the store's last message; empty when none was shown
    TrayNotifier *m_tray;
    WindowStateKeeper *m_state;
    QPointer<JobLauncherDialog> m_launcher;
    QString m_pendingServicePool; // the service group selected when it appears (a batch just submitted there)
    std::function<bool(QWidget *, const QString &, const QString &)> m_confirm;

    QMenu *m_fileMenu;
    QMenu *m_poolMenu;
    QMenu *m_viewMenu;
    QMenu *m_languageMenu;
    QMenu *m_helpMenu;
    QToolBar *m_toolBar;
    QAction *m_launch;
    QAction *m_attach;
    QAction *m_quit;
    QAction *m_about;
    QActionGroup *m_languageGroup;
};

} // namespace qmp
