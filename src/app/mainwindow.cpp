#include "mainwindow.h"

#include "attachdialog.h"
#include "headerfit.h"
#include "historyview.h"
#include "ipcview.h"
#include "joblauncherdialog.h"
#include "languagemanager.h"
#include "monitorclient.h"
#include "monitorhub.h"
#include "historystore.h"
#include "noticebanner.h"
#include "pooldashboard.h"
#include "poolmodel.h"
#include "poolchartview.h"
#include "queuemodel.h"
#include "queueseriesmodel.h"
#include "serviceconnection.h"
#include "studiosession.h"
#include "traynotifier.h"
#include "windowstatekeeper.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QHeaderView>
#include <QChart>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QTimer>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

#include <algorithm>
#include <climits>

namespace qmp {

MainWindow::MainWindow(StudioSession *session, LanguageManager *languages, QWidget *parent)
    : QMainWindow(parent)
    , m_session(session)
    , m_languages(languages)
    , m_pools(new PoolModel(session->hub(), this))
    , m_queues(new QueueModel(session->hub(), this))
    , m_queueSeries(new QueueSeriesModel(session->hub(), this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/qmp-studio.png")));
    // A batch submitted to the service: its group shows once the service reports it.
    connect(session->hub(), &MonitorHub::poolAdded, this, [this](int id) {
        if (!m_pendingServicePool.isEmpty() && m_session->hasService() && m_session->service()->poolOfGroup(m_pendingServicePool) == id) {
            m_pendingServicePool.clear();
            selectPool(id);
        }
    });

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    // Left: the pools above, the queues and their depths below.
    m_leftSplitter = new QSplitter(Qt::Vertical, m_splitter);
    m_leftSplitter->setObjectName(QStringLiteral("leftSplitter"));
    auto *left = new QWidget(m_leftSplitter);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(4, 4, 0, 4);
    m_poolsLabel = new QLabel(left);
    QFont bold = m_poolsLabel->font();
    bold.setBold(true);
    m_poolsLabel->setFont(bold);
    m_poolTable = new QTableView(left);
    m_poolTable->setObjectName(QStringLiteral("poolTable"));
    m_poolTable->setModel(m_pools);
    m_poolTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_poolTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_poolTable->verticalHeader()->hide();
    m_poolTable->horizontalHeader()->setStretchLastSection(true);
    m_poolTable->setWordWrap(false);
    for (int column : {PoolModel::Workers, PoolModel::Busy, PoolModel::Running, PoolModel::Throughput, PoolModel::P95})
        m_poolTable->hideColumn(column);
    // The Slurm column (job id and state) once a pool on Slurm is listed.
    m_poolTable->hideColumn(PoolModel::Slurm);
    connect(session->hub(), &MonitorHub::poolChanged, this, [this](int id) {
        const PoolState *pool = m_session->hub()->pool(id);
        if (pool && pool->isOnSlurm() && m_poolTable->isColumnHidden(PoolModel::Slurm))
            showSlurmColumn();
    });
    m_poolTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_poolTable->horizontalHeader()->setStretchLastSection(false);
    // A long pool name is elided (its tool tip has it all); the counters stay in view.
    m_poolTable->horizontalHeader()->setSectionResizeMode(PoolModel::Name, QHeaderView::Stretch);
    m_poolTable->setTextElideMode(Qt::ElideMiddle);
    m_poolTable->setTabKeyNavigation(false);
    leftLayout->addWidget(m_poolsLabel);
    leftLayout->addWidget(m_poolTable);

    auto *queuesBox = new QWidget(m_leftSplitter);
    auto *queuesLayout = new QVBoxLayout(queuesBox);
    queuesLayout->setContentsMargins(4, 4, 0, 4);
    m_queuesLabel = new QLabel(queuesBox);
    m_queuesLabel->setFont(bold);
    m_queueTable = new QTableView(queuesBox);
    m_queueTable->setObjectName(QStringLiteral("queueTable"));
    m_queueTable->setModel(m_queues);
    m_queueTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_queueTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_queueTable->verticalHeader()->hide();
    m_queueTable->setWordWrap(false);
    m_queueTable->setTabKeyNavigation(false);
    for (int column : {QueueModel::Kind, QueueModel::Fill, QueueModel::GetRate})
        m_queueTable->hideColumn(column);
    m_queueTable->setTextElideMode(Qt::ElideRight); // the queue's own name first; the tool tip has it all
    m_queueTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_queueTable->horizontalHeader()->setSectionResizeMode(QueueModel::Name, QHeaderView::Interactive);
    m_queueTable->horizontalHeader()->resizeSection(QueueModel::Name, 150);
    m_queueChart = new PoolChartView(
        m_queueSeries,
        [this] { return queueChartTitle(); },
        {{PoolState::Series::QueueDepth, [] { return tr("Items"); }, QueueSeriesModel::Depth}}, ValueUnit::Count, queuesBox);
    m_queueChart->setObjectName(QStringLiteral("queueChart"));
    queuesLayout->addWidget(m_queuesLabel);
    queuesLayout->addWidget(m_queueTable, 1);
    queuesLayout->addWidget(m_queueChart, 1);
    connect(m_queueTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        m_queueSeries->setQueueId(selectedQueueId());
        m_queueChart->chart()->setTitle(queueChartTitle());
    });
    connect(session->hub(), &MonitorHub::queueAdded, this, [this](int id) {
        if (selectedQueueId() == 0)
            selectQueue(id);
    });
    m_leftSplitter->addWidget(left);
    m_leftSplitter->addWidget(queuesBox);
    m_leftSplitter->setStretchFactor(0, 3);
    m_leftSplitter->setStretchFactor(1, 2);
    auto updateQueuesLabel = [this] {
        m_queuesLabel->setText(queuesTitle());
        m_queueChart->setVisible(m_queues->rowCount() > 0); // no empty chart while there is no queue
    };
    connect(m_queues, &QAbstractItemModel::rowsInserted, this, updateQueuesLabel);
    connect(m_queues, &QAbstractItemModel::rowsRemoved, this, updateQueuesLabel);
    connect(m_queues, &QAbstractItemModel::dataChanged, this, updateQueuesLabel);
    m_queueChart->setVisible(m_queues->rowCount() > 0);

    m_tabs = new QTabWidget(m_splitter);
    m_dashboard = new PoolDashboard(session->hub(), m_tabs);
    m_history = new HistoryView(session, m_tabs);
    m_tabs->addTab(m_dashboard, QString());
    m_tabs->addTab(m_history, QString());
    m_ipc = new IpcView(QString(), m_tabs);
    m_tabs->addTab(m_ipc, QString());
    connect(m_ipc, &IpcView::statusMessage, this, &MainWindow::showStatus);
    m_splitter->addWidget(m_leftSplitter);
    m_splitter->addWidget(m_tabs);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({360, 1040});
    auto *central = new QWidget(this);
    auto *centralLayout = new QVBoxLayout(central);
    centralLayout->setContentsMargins(0, 0, 0, 0);
    centralLayout->setSpacing(0);
    m_historyBanner = new NoticeBanner(central);
    m_historyBanner->setObjectName(QStringLiteral("historyBanner"));
    centralLayout->addWidget(m_historyBanner);
    centralLayout->addWidget(m_splitter, 1);
    setCentralWidget(central);

    m_tray = new TrayNotifier(session->hub(), windowIcon(), this);
    m_tray->setActivationTarget(this);
    connect(m_tray, &TrayNotifier::notified, this, [this](const QString &, const QString &message) {
        showStatus(message);
        m_history->refresh();
    });

    createMenus();
    connect(m_poolTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &MainWindow::poolSelected);
    connect(m_dashboard, &PoolDashboard::statusMessage, this, &MainWindow::showStatus);
    connect(session->hub(), &MonitorHub::poolAdded, this, [this](int id) {
        if (selectedPoolId() == 0)
            selectPool(id);
    });
    connect(session->hub(), &MonitorHub::poolRemoved, this, [this] {
        // The model dropped the row; show whichever pool is now current.
        m_dashboard->setPoolId(selectedPoolId());
    });
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int index) {
        if (m_tabs->widget(index) == m_history)
            m_history->refresh();
    });
    connect(session->history(), &HistoryStore::errorOccurred, this, &MainWindow::showHistoryProblem);

    m_state = new WindowStateKeeper(this, QStringLiteral("mainWindow"));
    m_state->track(m_splitter, QStringLiteral("main"));
    m_state->track(m_leftSplitter, QStringLiteral("left"));
    m_state->track(m_queueTable->horizontalHeader(), QStringLiteral("queues"));
    m_dashboard->keepStateWith(m_state);
    m_state->track(m_history->splitter(), QStringLiteral("history"));
    // (".2": these tables changed their columns; a state saved for the old ones must not apply.)
    m_state->track(m_history->batchTable()->horizontalHeader(), QStringLiteral("historyBatches.2"));
    m_state->track(m_history->taskTable()->horizontalHeader(), QStringLiteral("historyTasks.2"));
    if (!m_state->restore()) {
        resize(1360, 860);
        // The first layout decides the splitter's sizes: give the pools and queues their room then.
        QTimer::singleShot(0, this, [this] { m_splitter->setSizes({380, qMax(600, m_splitter->width() - 380)}); });
    }

    retranslate();
    if (!session->hub()->poolIds().isEmpty())
        selectPool(session->hub()->poolIds().first());
    if (!session->history()->errorString().isEmpty())
        showHistoryProblem(session->history()->errorString());
}

MainWindow::~MainWindow()
{
    m_dashboard->abortJoin();
}

void MainWindow::createMenus()
{
    m_launch = new QAction(style()->standardIcon(QStyle::SP_FileDialogNewFolder), QString(), this);
    m_launch->setObjectName(QStringLiteral("launchAction"));
    m_launch->setShortcut(QKeySequence::New);
    connect(m_launch, &QAction::triggered, this, &MainWindow::openLauncher);
    m_attach = new QAction(style()->standardIcon(QStyle::SP_ComputerIcon), QString(), this);
    m_attach->setObjectName(QStringLiteral("attachAction"));
    m_attach->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    connect(m_attach, &QAction::triggered, this, &MainWindow::openAttachDialog);
    connect(m_session, &StudioSession::programAttached, this, [this](MonitorClient *client) {
        showStatus(tr("Attached to %1 (pid %2): %n pool(s)", nullptr, int(client->poolIds().size()))
                       .arg(client->program())
                       .arg(client->pid()));
        if (!client->poolIds().isEmpty())
            selectPool(client->poolIds().first());
    });
    connect(m_session, &StudioSession::programRefused, this, [this](MonitorClient *client, const QString &error) {
        showStatus(tr("%1 (pid %2) did not carry out the command: %3").arg(client->program()).arg(client->pid()).arg(error));
    });
    connect(m_session, &StudioSession::programDetached, this, [this](MonitorClient *client, const QString &reason) {
        showStatus(tr("%1 (pid %2) is gone: its pools stay listed with their last state (%3)")
                       .arg(client->program())
                       .arg(client->pid())
                       .arg(reason));
    });
    m_quit = new QAction(this);
    m_quit->setShortcut(QKeySequence::Quit);
    connect(m_quit, &QAction::triggered, this, &QWidget::close);
    m_about = new QAction(this);
    connect(m_about, &QAction::triggered, this, [this] {
        QMessageBox::about(this, tr("About QMP Studio"),
                           tr("<h3>QMP Studio %1</h3><p>Launch batches of commands or registered tasks into "
                              "process pools, watch their workers, queues and timings live, and stop what is "
                              "stuck.</p><p>History: %2</p>")
                               .arg(QCoreApplication::applicationVersion(),
                                    m_session->history()->path().toHtmlEscaped()));
    });

    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->addAction(m_launch);
    m_fileMenu->addAction(m_attach);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_quit);
    m_poolMenu = menuBar()->addMenu(QString());
    m_poolMenu->addAction(m_dashboard->pauseAction());
    m_poolMenu->addAction(m_dashboard->resumeAction());
    m_poolMenu->addSeparator();
    m_poolMenu->addAction(m_dashboard->closeAction());
    m_poolMenu->addAction(m_dashboard->joinAction());
    m_poolMenu->addAction(m_dashboard->terminateAction());
    m_poolMenu->addAction(m_dashboard->removeAction());
    m_viewMenu = menuBar()->addMenu(QString());
    m_languageMenu = m_viewMenu->addMenu(QString());
    m_languageGroup = new QActionGroup(this);
    for (const QString &code : LanguageManager::available()) {
        QAction *action = m_languageMenu->addAction(LanguageManager::nativeName(code));
        action->setData(code);
        action->setCheckable(true);
        action->setChecked(code == m_languages->current());
        m_languageGroup->addAction(action);
        connect(action, &QAction::triggered, this, [this, code] {
            if (!m_languages->setLanguage(code))
                QMessageBox::warning(this, tr("Language"), m_languages->errorString());
        });
    }
    connect(m_languages, &LanguageManager::languageChanged, this, [this](const QString &code) {
        if (QAction *action = languageAction(code))
            action->setChecked(true);
    });
    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->addAction(m_about);

    m_toolBar = addToolBar(QString());
    m_toolBar->setObjectName(QStringLiteral("mainToolBar"));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toolBar->setMovable(false);
    m_toolBar->addAction(m_launch);
    m_toolBar->addAction(m_attach);
}

void MainWindow::openAttachDialog()
{
    QList<qint64> exclude{QCoreApplication::applicationPid()};
    for (MonitorClient *client : m_session->attachedPrograms()) {
        if (client->isConnected())
            exclude.append(client->pid());
    }
    AttachDialog dialog(exclude, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const std::optional<MonitorEndpoint> endpoint = dialog.selectedEndpoint();
    if (!endpoint)
        return;
    QString error;
    if (!m_session->attach(*endpoint, &error))
        QMessageBox::warning(this, tr("Attach to a running program"), error);
}

QAction *MainWindow::languageAction(const QString &code) const
{
    for (QAction *action : m_languageGroup->actions()) {
        if (action->data().toString() == code)
            return action;
    }
    return nullptr;
}

void MainWindow::retranslate()
{
    // The display name is what Qt adds to window titles: one name, in the current language.
    QGuiApplication::setApplicationDisplayName(tr("QMP Studio"));
    setWindowTitle(tr("QMP Studio"));
    HeaderFit::growToFit(m_queueTable->horizontalHeader());
    m_poolsLabel->setText(tr("Pools"));
    m_queuesLabel->setText(queuesTitle());
    m_queuesLabel->setToolTip(tr("The queues of this studio and of the programs it is attached to, with their depths "
                                 "(read on every tick); red: a bounded queue that is full"));
    m_tabs->setTabText(m_tabs->indexOf(m_dashboard), tr("Dashboard"));
    m_tabs->setTabText(m_tabs->indexOf(m_history), tr("History"));
    m_tabs->setTabText(m_tabs->indexOf(m_ipc), tr("IPC objects"));
    m_fileMenu->setTitle(tr("&File"));
    m_poolMenu->setTitle(tr("&Pool"));
    m_viewMenu->setTitle(tr("&View"));
    m_languageMenu->setTitle(tr("&Language"));
    m_helpMenu->setTitle(tr("&Help"));
    m_toolBar->setWindowTitle(tr("Main toolbar"));
    m_launch->setText(tr("&Launch batch…"));
    m_attach->setText(tr("&Attach to program…"));
    m_attach->setToolTip(tr("Show the pools of another running libqmp program (started with QMP_MONITOR=1)"));
    m_launch->setToolTip(tr("Start a batch of commands or demo tasks in a new or an existing pool"));
    m_quit->setText(tr("&Quit"));
    m_about->setText(tr("&About QMP Studio"));
    if (!m_historyProblem.isEmpty() && m_historyBanner->isVisibleTo(this))
        m_historyBanner->showNotice(historyProblemText());
}

QString MainWindow::queuesTitle() const
{
    qint64 items = 0;
    int open = 0;
    for (int id : m_session->hub()->queueIds()) {
        const QueueState *queue = m_session->hub()->queue(id);
        if (queue->lifecycle() == QueueState::Lifecycle::Gone)
            continue;
        ++open;
        items += queue->depth();
    }
    if (open == 0)
        return tr("Queues");
    const QString waiting = tr("%n item(s)", "queues title: items waiting", int(std::min<qint64>(items, INT_MAX)));
    return tr("Queues: %1 waiting in %n queue(s)", nullptr, open).arg(waiting);
}

QString MainWindow::queueChartTitle() const
{
    const QueueState *queue = m_session->hub()->queue(m_queueSeries->queueId());
    return queue ? tr("Depth of %1").arg(queue->name().section(QStringLiteral(" · "), 0, 0)) : tr("Queue depth");
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QMainWindow::changeEvent(event);
}

void MainWindow::setConfirmer(std::function<bool(QWidget *, const QString &, const QString &)> confirmer)
{
    m_confirm = confirmer;
    m_dashboard->setConfirmer(std::move(confirmer));
}

QString MainWindow::quitQuestion() const
{
    int pools = 0;
    qint64 running = 0;
    qint64 queued = 0;
    const MonitorHub *hub = m_session->hub();
    for (int id : hub->poolIds()) {
        const PoolState *pool = hub->pool(id);
        if (!hub->isLocal(id) || !pool || pool->queuedTasks() + pool->runningTasks() == 0)
            continue; // only this studio's own pools stop with it
        ++pools;
        running += pool->runningTasks();
        queued += pool->queuedTasks();
    }
    // The service's jobs go on: say so, and where to find them again.
    QString service;
    if (m_session->hasService()) {
        const std::optional<ServiceConnection::Work> work = m_session->service()->unfinishedWork();
        if (work && work->running + work->queued > 0)
            service = tr("%1 and %2 in the QMP service keep running after the studio quits. To see them, open the "
                         "studio again or run qmp status.")
                          .arg(tr("%n job(s) running", nullptr, work->running), tr("%n queued", nullptr, work->queued));
    }
    if (pools == 0 && service.isEmpty())
        return QString();
    if (pools == 0)
        return service + QStringLiteral("\n\n") + tr("Quit?");
    QString question = tr("%1 and %2 in %n pool(s) of this studio. Quit anyway?", nullptr, pools)
                           .arg(tr("%n task(s) running", nullptr, int(running)), tr("%n queued", nullptr, int(queued)))
        + QStringLiteral("\n\n")
        + tr("Running tasks are stopped and queued ones never start; all of them are recorded as cancelled in the "
             "history.");
    if (!service.isEmpty())
        question += QStringLiteral("\n\n") + service;
    return question;
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    const QString question = quitQuestion();
    if (!question.isEmpty()) {
        const auto confirm = m_confirm ? m_confirm : PoolDashboard::askWithMessageBox;
        if (!confirm(this, tr("Quit QMP Studio"), question)) {
            event->ignore();
            return;
        }
    }
    m_dashboard->abortJoin();
    m_state->save();
    QMainWindow::closeEvent(event);
}

void MainWindow::showStatus(const QString &message)
{
    statusBar()->showMessage(message, 10000);
}

void MainWindow::showHistoryProblem(const QString &detail)
{
    m_historyProblem = detail;
    m_historyBanner->showNotice(historyProblemText());
}

QString MainWindow::historyProblemText() const
{
    const HistoryStore *history = m_session->history();
    QString lead;
    if (!history->movedAsidePath().isEmpty())
        lead = tr("The task history was damaged. It was renamed to %1 (kept as it was) and a new, empty history "
                  "was started at %2.").arg(history->movedAsidePath(), history->path());
    else if (!history->isOpen())
        lead = tr("The task history %1 cannot be used: finished tasks are not being recorded.").arg(history->path());
    else
        lead = tr("The task history %1 reported a problem.").arg(history->path());
    return lead + QLatin1Char('\n') + tr("Details: %1").arg(m_historyProblem);
}

void MainWindow::showSlurmColumn()
{
    m_poolTable->showColumn(PoolModel::Slurm);
    // The pane grows by the column (from the dashboard, as far as its own minimum allows), so the
    // pool names keep their room.
    m_poolTable->horizontalHeader()->resizeSections(QHeaderView::ResizeToContents);
    const int wanted = m_poolTable->horizontalHeader()->sectionSize(PoolModel::Slurm);
    QList<int> sizes = m_splitter->sizes();
    if (sizes.size() != 2)
        return;
    const int spare = sizes.at(1) - m_splitter->widget(1)->minimumSizeHint().width();
    const int grow = std::min(wanted, spare);
    if (grow <= 0)
        return;
    sizes[0] += grow;
    sizes[1] -= grow;
    m_splitter->setSizes(sizes);
}

void MainWindow::selectPool(int poolId)
{
    const int row = m_pools->rowOfPool(poolId);
    if (row < 0)
        return;
    m_poolTable->setCurrentIndex(m_pools->index(row, 0));
    m_poolTable->selectRow(row);
}

int MainWindow::selectedPoolId() const
{
    const QModelIndex current = m_poolTable->selectionModel()->currentIndex();
    return current.isValid() ? m_pools->poolIdAt(current.row()) : 0;
}

void MainWindow::selectQueue(int queueId)
{
    const int row = m_queues->rowOfQueue(queueId);
    if (row < 0)
        return;
    m_queueTable->setCurrentIndex(m_queues->index(row, 0));
    m_queueTable->selectRow(row);
}

int MainWindow::selectedQueueId() const
{
    const QModelIndex current = m_queueTable->selectionModel()->currentIndex();
    return current.isValid() ? m_queues->queueIdAt(current.row()) : 0;
}

void MainWindow::poolSelected()
{
    m_dashboard->setPoolId(selectedPoolId());
}

void MainWindow::openLauncher()
{
    if (m_launcher) {
        m_launcher->raise();
        return;
    }
    m_launcher = new JobLauncherDialog(m_session->hub(), this);
    m_launcher->setAttribute(Qt::WA_DeleteOnClose);
    // A pool of this studio selected: the batch goes there by default; otherwise to the service.
    if (m_session->hub()->isLocal(selectedPoolId()))
        m_launcher->setTargetPool(selectedPoolId());
    connect(m_launcher, &QDialog::accepted, this, &MainWindow::launchFromDialog);
    m_launcher->open();
}

void MainWindow::launchFromDialog()
{
    auto *dialog = qobject_cast<JobLauncherDialog *>(sender());
    if (!dialog)
        return;
    QString error;
    const std::optional<BatchSpec> spec = dialog->spec(&error);
    const StudioSession::Launch launch = spec ? m_session->launch(*spec) : StudioSession::Launch{0, 0, error};
    if (!launch.ok()) {
        QMessageBox::warning(this, tr("Launch a batch"), launch.error);
        return;
    }
    if (spec->target == LaunchTarget::Kind::Service) {
        m_pendingServicePool.clear();
        if (launch.poolId != 0)
            selectPool(launch.poolId);
        else
            m_pendingServicePool = spec->poolName;
        m_tabs->setCurrentWidget(m_dashboard);
        showStatus(tr("Batch submitted to the QMP service (group %1): it keeps running when the studio closes").arg(spec->poolName));
        return;
    }
    selectPool(launch.poolId);
    m_tabs->setCurrentWidget(m_dashboard);
    showStatus(tr("Batch started: %1").arg(spec->title));
}

} // namespace qmp
