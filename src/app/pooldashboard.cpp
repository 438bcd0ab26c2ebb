#include "pooldashboard.h"
#include "ui_pooldashboard.h"

#include "headerfit.h"
#include "monitorhub.h"
#include "poolchartview.h"
#include "poolseriesmodel.h"
#include "slurmtext.h"
#include "statetext.h"
#include "stuckbanner.h"
#include "taskdetailview.h"
#include "taskfiltermodel.h"
#include "taskmodel.h"
#include "valueformat.h"
#include "windowstatekeeper.h"
#include "workermodel.h"

#include <QAction>
#include <QComboBox>
#include <QEvent>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QStyle>
#include <QTableView>
#include <QToolBar>

#include <algorithm>

namespace qmp {

namespace {
constexpr int kStuckOnly = 100; // the state combo's "stuck only" entry
} // namespace

PoolDashboard::PoolDashboard(MonitorHub *hub, QWidget *parent)
    : QWidget(parent)
    , m_hub(hub)
    , m_workers(new WorkerModel(hub, this))
    , m_tasks(new TaskModel(hub, this))
    , m_filter(new TaskFilterModel(this))
    , m_series(new PoolSeriesModel(hub, this))
    , m_ui(std::make_unique<Ui::PoolDashboard>())
{
    m_filter->setSourceModel(m_tasks);
    m_confirm = askWithMessageBox;
    createToolBar(); // first: its controls come first in the tab order
    m_ui->setupUi(this);
    m_ui->mainLayout->insertWidget(0, m_toolBar);

    // The pool's name, larger (elided: a long name never pushes the rest away); the counters below
    // wrap between fields when the window is narrow.
    QFont big = m_ui->titleLabel->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    m_ui->titleLabel->setFont(big);
    m_ui->joinProgress->setVisible(false);
    m_ui->accessNotice->setVisible(false); // another program's pool that allows no control says so
    connect(m_ui->stuckBanner, &StuckBanner::terminateRequested, this, &PoolDashboard::askTerminateWorker);

    setUpTables();
    createCharts();

    // The selected task: its details and its output, beside the tasks.
    m_detail = new TaskDetailView(m_hub, m_tasks, this);
    connect(m_detail, &TaskDetailView::retryRequested, this, &PoolDashboard::askRetryTask);
    m_ui->bottomSplitter->addWidget(m_detail);
    m_ui->topSplitter->setStretchFactor(0, 1);
    m_ui->topSplitter->setStretchFactor(1, 1);
    m_ui->bottomSplitter->setStretchFactor(0, 3);
    m_ui->bottomSplitter->setStretchFactor(1, 2);
    m_ui->verticalSplitter->setStretchFactor(0, 1);
    m_ui->verticalSplitter->setStretchFactor(1, 1);

    // Keys.
    auto *retrySelected = new QAction(this);
    retrySelected->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    retrySelected->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(retrySelected);
    connect(retrySelected, &QAction::triggered, this, [this] {
        if (const quint64 id = selectedTaskId())
            askRetryTask(id);
    });
    auto *find = new QAction(this);
    find->setShortcut(QKeySequence::Find);
    find->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(find);
    connect(find, &QAction::triggered, this, [this] {
        m_ui->searchEdit->setFocus(Qt::ShortcutFocusReason);
        m_ui->searchEdit->selectAll();
    });

    connect(&m_joinWatcher, &QFutureWatcher<void>::finished, this, [this] {
        const int id = m_joiningPoolId;
        m_joiningPoolId = 0;
        m_hub->setJoining(id, false);
        const PoolState *pool = m_hub->pool(id);
        Q_EMIT statusMessage(tr("Joined %1: every worker has exited").arg(pool ? pool->name() : QString()));
        updateSummary();
        updateControls();
        Q_EMIT joinFinished(id);
    });
    connect(m_hub, &MonitorHub::poolChanged, this, [this](int id) {
        if (id == m_poolId || id == m_joiningPoolId)
            poolChanged(id);
    });
    connect(m_hub, &MonitorHub::stuckDetected, this, [this](int id) {
        if (id == m_poolId)
            updateStuckBanner();
    });
    connect(m_hub, &MonitorHub::poolRemoved, this, [this](int id) {
        if (id == m_poolId)
            setPoolId(0);
    });
    retranslate();
    setPoolId(0);
}

void PoolDashboard::createToolBar()
{
    m_toolBar = new QToolBar(this);
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_pause = m_toolBar->addAction(style()->standardIcon(QStyle::SP_MediaPause), QString());
    m_resume = m_toolBar->addAction(style()->standardIcon(QStyle::SP_MediaPlay), QString());
    m_close = m_toolBar->addAction(style()->standardIcon(QStyle::SP_DialogCloseButton), QString());
    m_join = m_toolBar->addAction(style()->standardIcon(QStyle::SP_BrowserReload), QString());
    m_terminate = m_toolBar->addAction(style()->standardIcon(QStyle::SP_BrowserStop), QString());
    m_remove = m_toolBar->addAction(style()->standardIcon(QStyle::SP_TrashIcon), QString());
    m_remove->setObjectName(QStringLiteral("removeAction"));
    m_pause->setObjectName(QStringLiteral("pauseAction"));
    m_resume->setObjectName(QStringLiteral("resumeAction"));
    m_close->setObjectName(QStringLiteral("closeAction"));
    m_join->setObjectName(QStringLiteral("joinAction"));
    m_terminate->setObjectName(QStringLiteral("terminateAction"));
    m_pause->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));
    m_resume->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    m_join->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_J));
    m_terminate->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
    // Grow or shrink the pool while it runs.
    m_toolBar->addSeparator();
    m_processesLabel = new QLabel(m_toolBar);
    m_processesSpin = new QSpinBox(m_toolBar);
    m_processesSpin->setObjectName(QStringLiteral("processesSpin"));
    m_processesSpin->setRange(1, 512);
    m_processesSpin->setKeyboardTracking(false); // one resize per value typed, not per digit
    m_processesLabel->setBuddy(m_processesSpin);
    m_toolBar->addWidget(m_processesLabel);
    m_toolBar->addWidget(m_processesSpin);
    connect(m_processesSpin, &QSpinBox::valueChanged, this, [this](int processes) {
        const PoolState *pool = m_hub->pool(m_poolId);
        if (!pool || m_updatingControls || processes == pool->processes())
            return;
        if (m_hub->resize(m_poolId, processes))
            Q_EMIT statusMessage(tr("%1 now runs with %n worker(s)", nullptr, processes).arg(pool->name()));
    });
    connect(m_pause, &QAction::triggered, this, [this] {
        if (m_hub->pause(m_poolId))
            Q_EMIT statusMessage(tr("Paused: no new task starts until you resume"));
    });
    connect(m_resume, &QAction::triggered, this, [this] { m_hub->resume(m_poolId); });
    connect(m_close, &QAction::triggered, this, [this] {
        if (m_hub->close(m_poolId))
            Q_EMIT statusMessage(tr("Closed: queued tasks still run, no new batch can start in this pool"));
    });
    connect(m_join, &QAction::triggered, this, [this] { startJoin(); });
    connect(m_terminate, &QAction::triggered, this, &PoolDashboard::askTerminatePool);
    connect(m_remove, &QAction::triggered, this, [this] {
        if (!m_joinWatcher.isRunning())
            m_hub->remove(m_poolId); // only offered once its work is over: nothing is lost
    });
}

void PoolDashboard::setUpTables()
{
    for (QTableView *table : {m_ui->workerTable, m_ui->taskTable})
        table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 6);

    // Workers: a few rows, their columns fit their contents.
    m_ui->workerTable->setModel(m_workers);
    // A Slurm worker's node and step next to its pid (the columns show for a pool on Slurm only).
    m_ui->workerTable->horizontalHeader()->moveSection(WorkerModel::Node, 1);
    m_ui->workerTable->horizontalHeader()->moveSection(WorkerModel::SlurmStep, 2);
    m_ui->workerTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_ui->workerTable->horizontalHeader()->setMaximumSectionSize(240);
    connect(m_ui->terminateWorkerButton, &QPushButton::clicked, this, [this] {
        if (const qint64 pid = selectedWorkerPid())
            askTerminateWorker(pid);
    });
    connect(m_ui->workerTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &PoolDashboard::updateControls);
    auto *terminateSelected = new QAction(m_ui->workerTable);
    terminateSelected->setShortcut(QKeySequence::Delete);
    terminateSelected->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_ui->workerTable->addAction(terminateSelected);
    connect(terminateSelected, &QAction::triggered, m_ui->terminateWorkerButton, &QPushButton::click);

    // Tasks: the state filter's entries are TaskState::State's, in order, between "all" and "stuck only".
    QComboBox *states = m_ui->stateFilterCombo;
    Q_ASSERT(states->count() == int(TaskState::State::Lost) + 3);
    for (int i = 0; i < states->count(); ++i)
        states->setItemData(i, i == states->count() - 1 ? kStuckOnly : i - 1); // -1: all, else int(TaskState::State)
    connect(states, &QComboBox::currentIndexChanged, this, [this] {
        const int state = m_ui->stateFilterCombo->currentData().toInt();
        m_filter->setStuckOnly(state == kStuckOnly);
        m_filter->setStateFilter(state < 0 || state == kStuckOnly ? std::nullopt
                                                                  : std::optional(TaskState::State(state)));
    });
    connect(m_ui->searchEdit, &QLineEdit::textChanged, m_filter, &TaskFilterModel::setSearchText);
    connect(m_ui->cancelTaskButton, &QPushButton::clicked, this, &PoolDashboard::askCancelTask);
    QTableView *tasks = m_ui->taskTable;
    tasks->setModel(m_filter);
    // Thousands of rows: fixed starting widths (the user's are remembered), not ResizeToContents.
    const int em = tasks->fontMetrics().horizontalAdvance(QLatin1Char('m'));
    const QList<QPair<int, int>> widths{{TaskModel::Id, 4}, {TaskModel::Batch, 4}, {TaskModel::Index, 3},
                                        {TaskModel::Name, 22}, {TaskModel::State, 6}, {TaskModel::Worker, 6},
                                        {TaskModel::Attempt, 5}, {TaskModel::Queued, 12}, {TaskModel::Started, 12},
                                        {TaskModel::Duration, 7}, {TaskModel::ExitCode, 4}};
    for (const auto &[column, ems] : widths)
        tasks->horizontalHeader()->resizeSection(column, ems * em);
    // The state before the (long) command line: in view however narrow the window.
    tasks->horizontalHeader()->moveSection(tasks->horizontalHeader()->visualIndex(TaskModel::State),
                                           tasks->horizontalHeader()->visualIndex(TaskModel::Name));
    tasks->sortByColumn(0, Qt::DescendingOrder); // newest first
    auto *cancelSelected = new QAction(tasks);
    cancelSelected->setShortcut(QKeySequence::Delete);
    cancelSelected->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    tasks->addAction(cancelSelected);
    connect(cancelSelected, &QAction::triggered, m_ui->cancelTaskButton, &QPushButton::click);
    connect(tasks->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        updateOutput();
        updateControls();
    });
}

void PoolDashboard::createCharts()
{
    QWidget *box = m_ui->chartsBox;
    using S = PoolState::Series;
    m_charts.append(new PoolChartView(m_series, [] { return tr("Queue depth"); },
                                      {{S::QueueDepth, [] { return tr("queued"); }}}, ValueUnit::Count, box));
    m_charts.append(new PoolChartView(m_series, [] { return tr("Throughput"); },
                                      {{S::Throughput, [] { return tr("tasks/s"); }}}, ValueUnit::PerSecond, box));
    auto *busy = new PoolChartView(m_series, [] { return tr("Busy workers"); },
                                   {{S::BusyWorkers, [] { return tr("busy"); }}}, ValueUnit::Count, box);
    busy->setMinimumTop([this] { // the pool's size: how full it is at a glance
        const PoolState *pool = m_hub->pool(m_poolId);
        return pool ? double(pool->processes()) : 0.0;
    });
    m_charts.append(busy);
    m_charts.append(new PoolChartView(m_series, [] { return tr("Task duration"); },
                                      {{S::P50Ms, [] { return tr("p50"); }}, {S::P95Ms, [] { return tr("p95"); }}},
                                      ValueUnit::Milliseconds, box));
    QWidget *previous = m_ui->terminateWorkerButton; // Tab: the workers, the charts, their range
    for (int i = 0; i < m_charts.size(); ++i) {
        m_ui->chartGrid->addWidget(m_charts.at(i), 1 + i / 2, i % 2);
        setTabOrder(previous, m_charts.at(i));
        previous = m_charts.at(i);
    }
    setTabOrder(previous, m_ui->chartRangeCombo);
    // The time the charts show: the last minute, ten minutes, hour, or all that is kept.
    QComboBox *range = m_ui->chartRangeCombo;
    const QList<int> seconds{60, 600, 3600, 0};
    Q_ASSERT(range->count() == seconds.size());
    for (int i = 0; i < seconds.size(); ++i)
        range->setItemData(i, seconds.at(i));
    range->setCurrentIndex(1);
    connect(range, &QComboBox::currentIndexChanged, this, [this] {
        for (PoolChartView *chart : std::as_const(m_charts))
            chart->setRange(m_ui->chartRangeCombo->currentData().toInt());
    });
}

bool PoolDashboard::askWithMessageBox(QWidget *parent, const QString &title, const QString &text)
{
    QMessageBox box(QMessageBox::Question, title, text, QMessageBox::Yes | QMessageBox::No, parent);
    box.setDefaultButton(QMessageBox::No);
    // Qt's own translations are often not installed: word the buttons ourselves.
    box.button(QMessageBox::Yes)->setText(tr("&Yes"));
    box.button(QMessageBox::No)->setText(tr("&No"));
    return box.exec() == QMessageBox::Yes;
}

PoolDashboard::~PoolDashboard()
{
    abortJoin();
}

void PoolDashboard::retranslate()
{
    m_pause->setText(tr("&Pause"));
    m_pause->setToolTip(tr("No new task starts until you resume; running tasks go on"));
    m_resume->setText(tr("&Resume"));
    m_resume->setToolTip(tr("Starts queued tasks again"));
    m_close->setText(tr("C&lose"));
    m_close->setToolTip(tr("Takes no more batches; what is queued still runs, then the workers exit"));
    m_join->setText(tr("&Join"));
    m_join->setToolTip(tr("Closes the pool and waits until every worker has exited"));
    m_terminate->setText(tr("&Terminate pool"));
    m_terminate->setToolTip(tr("Stops every worker now; unfinished tasks end as cancelled"));
    m_remove->setText(tr("Re&move"));
    m_remove->setToolTip(tr("Removes a pool whose work is over from the list (its tasks stay in the history)"));
    m_processesLabel->setText(tr("&Workers:"));
    m_processesSpin->setToolTip(tr("How many worker processes the pool runs: more start at once; surplus ones leave "
                                   "once their task is done"));
    updateSummary();
    updateControls();
}

void PoolDashboard::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        retranslate();
        for (QTableView *table : {m_ui->workerTable, m_ui->taskTable})
            HeaderFit::growToFit(table->horizontalHeader()); // the new headers fit
    }
    QWidget::changeEvent(event);
}

void PoolDashboard::keepStateWith(WindowStateKeeper *keeper)
{
    for (QSplitter *splitter : {m_ui->topSplitter, m_ui->bottomSplitter, m_ui->verticalSplitter, m_detail->splitter()})
        keeper->track(splitter, splitter->objectName());
    // (".2": the Slurm node and step columns were added.)
    keeper->track(m_ui->workerTable->horizontalHeader(), QStringLiteral("workers.2"));
    // (".2": the task table changed its columns; a state saved for the old ones must not apply.)
    keeper->track(m_ui->taskTable->horizontalHeader(), QStringLiteral("tasks.2"));
}

void PoolDashboard::setPoolId(int poolId)
{
    m_poolId = m_hub->pool(poolId) ? poolId : 0;
    m_workers->setPoolId(m_poolId);
    m_tasks->setPoolId(m_poolId);
    m_series->setPoolId(m_poolId);
    updateSummary();
    updateStuckBanner();
    updateOutput();
    updateControls();
}

void PoolDashboard::poolChanged(int poolId)
{
    if (poolId == m_poolId) {
        updateSummary();
        updateStuckBanner();
        updateControls();
    }
    if (poolId == m_joiningPoolId && poolId == m_poolId) {
        const PoolState *pool = m_hub->pool(poolId);
        const qint64 done = pool->finishedTasks() + pool->failedTasks();
        const qint64 total = done + pool->queuedTasks() + pool->runningTasks();
        m_ui->joinProgress->setRange(0, int(qMax<qint64>(total, 1)));
        m_ui->joinProgress->setValue(int(total == 0 ? 1 : done));
    }
}

void PoolDashboard::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    elideTitle();
}

void PoolDashboard::elideTitle()
{
    m_ui->titleLabel->setText(m_ui->titleLabel->fontMetrics().elidedText(m_fullTitle, Qt::ElideMiddle, std::max(60, m_ui->titleLabel->width())));
    m_ui->titleLabel->setToolTip(m_fullTitle);
}

void PoolDashboard::updateSummary()
{
    const PoolState *pool = m_hub->pool(m_poolId);
    if (!pool) {
        m_fullTitle = tr("No pool selected");
        elideTitle();
        m_ui->summaryLabel->setText(tr("Launch a batch to start one (File → Launch batch…, Ctrl+N)."));
        return;
    }
    // A worker's node and Slurm step: only for a pool on Slurm.
    for (int column : {int(WorkerModel::Node), int(WorkerModel::SlurmStep)})
        m_ui->workerTable->setColumnHidden(column, !pool->isOnSlurm());
    m_fullTitle = pool->name();
    elideTitle();
    QString state = StateText::lifecycle(pool->lifecycle());
    if (pool->isJoining() || (m_joiningPoolId == m_poolId && m_joinWatcher.isRunning()))
        state = tr("joining");
    // Fields do not break inside (non-breaking spaces), the line breaks between them.
    const auto field = [](const QString &name, const QString &value) {
        return QStringLiteral("%1&nbsp;<b>%2</b>").arg(name.toHtmlEscaped(), value.toHtmlEscaped().replace(QLatin1Char(' '), QStringLiteral("&nbsp;")));
    };
    QStringList fields;
    fields << field(tr("State"), state);
    if (pool->isOnSlurm())
        fields << field(tr("Slurm"), SlurmText::job(pool->slurmJob()));
    QString workers = tr("%1 of %2 busy").arg(pool->busyWorkers() - pool->runningCommands()).arg(pool->liveWorkers());
    if (pool->runningCommands() > 0)
        workers = pool->liveWorkers() > 0 ? tr("%1, %n command(s)", nullptr, pool->runningCommands()).arg(workers)
                                          : tr("%n command(s) running", nullptr, pool->runningCommands());
    fields << field(tr("Workers"), workers);
    fields << field(tr("Queued"), ValueFormat::count(pool->queuedTasks()));
    fields << field(tr("Running"), ValueFormat::count(pool->runningTasks()));
    fields << field(tr("Done"), ValueFormat::count(pool->finishedTasks()));
    fields << field(tr("Failed"), ValueFormat::count(pool->failedTasks()));
    if (pool->cancelledTasks() > 0)
        fields << field(tr("Cancelled"), ValueFormat::count(pool->cancelledTasks()));
    fields << field(tr("Throughput"), ValueFormat::rate(pool->throughput()));
    fields << field(tr("p95"), pool->finishedTasks() > 0 ? ValueFormat::duration(pool->p95Ns()) : QStringLiteral("–"));
    m_ui->summaryLabel->setText(fields.join(QStringLiteral("&nbsp;&nbsp; ")));
    QString tip = tr("Throughput: calls finished per second over the last %1").arg(
        ValueFormat::duration(pool->throughputWindowMs() * 1'000'000));
    if (pool->isOnSlurm())
        tip = SlurmText::describe(pool->slurmJob()) + QLatin1Char('\n') + tip;
    m_ui->summaryLabel->setToolTip(tip);
}

void PoolDashboard::updateControls()
{
    const PoolState *pool = m_hub->pool(m_poolId);
    // Controls work on this studio's pools and on an attached program's that allows them; join
    // waits for the workers to exit, which only this studio's pools tell (the hub's canJoin).
    const bool live = pool && m_hub->canControl(m_poolId);
    const bool own = pool && m_hub->canJoin(m_poolId);
    const auto lifecycle = pool ? pool->lifecycle() : PoolState::Lifecycle::Gone;
    const bool joining = m_joinWatcher.isRunning();
    const bool over = pool && pool->isOver(); // joined, terminated with every worker gone, or gone
    m_pause->setEnabled(live && lifecycle == PoolState::Lifecycle::Running);
    m_resume->setEnabled(live && lifecycle == PoolState::Lifecycle::Paused);
    m_close->setEnabled(live && (lifecycle == PoolState::Lifecycle::Running || lifecycle == PoolState::Lifecycle::Paused));
    m_join->setEnabled(own && !joining && !over && lifecycle != PoolState::Lifecycle::Gone);
    m_terminate->setEnabled(live && !over && lifecycle != PoolState::Lifecycle::Terminated);
    const bool removable = pool
        && (lifecycle == PoolState::Lifecycle::Terminated || lifecycle == PoolState::Lifecycle::Gone
            || (lifecycle == PoolState::Lifecycle::Closed && pool->liveWorkers() == 0));
    m_remove->setEnabled(removable && !joining);
    m_updatingControls = true;
    m_processesSpin->setEnabled(live && (lifecycle == PoolState::Lifecycle::Running || lifecycle == PoolState::Lifecycle::Paused));
    if (pool && !m_processesSpin->hasFocus())
        m_processesSpin->setValue(pool->processes());
    m_updatingControls = false;
    const qint64 pid = selectedWorkerPid();
    const WorkerState *worker = pool && pid ? pool->worker(pid) : nullptr;
    m_ui->terminateWorkerButton->setEnabled(live && worker && worker->state != WorkerState::State::Exited);
    const quint64 taskId = selectedTaskId();
    const TaskState *task = pool && taskId ? pool->task(taskId) : nullptr;
    m_ui->cancelTaskButton->setEnabled(live && task && !task->isDone());
    m_ui->joinProgress->setVisible(joining && m_joiningPoolId == m_poolId);
    // Another program's pool that may only be watched says so, instead of offering dead buttons.
    const bool readOnly = pool && pool->isMirrored() && !live && lifecycle != PoolState::Lifecycle::Gone;
    m_ui->accessNotice->setVisible(readOnly);
    if (readOnly)
        m_ui->accessNotice->setText(tr("Read-only: this program does not allow control. Start it with "
                                   "QMP_MONITOR=control (as your user) to pause, terminate or cancel from here."));
}

void PoolDashboard::updateStuckBanner()
{
    m_ui->stuckBanner->showStuckOf(m_hub->pool(m_poolId), m_hub->canControl(m_poolId));
}

void PoolDashboard::updateOutput()
{
    m_detail->showTask(m_poolId, selectedTaskId());
}

qint64 PoolDashboard::selectedWorkerPid() const
{
    const QModelIndex current = m_ui->workerTable->selectionModel()->currentIndex();
    return current.isValid() ? m_workers->pidAt(current.row()) : 0;
}

void PoolDashboard::selectTask(quint64 taskId)
{
    const int row = m_tasks->rowOfTask(taskId);
    if (row < 0)
        return;
    const QModelIndex index = m_filter->mapFromSource(m_tasks->index(row, 0));
    if (!index.isValid())
        return;
    m_ui->taskTable->setCurrentIndex(index);
    m_ui->taskTable->scrollTo(index);
    updateOutput(); // also when it was the current row already
    updateControls();
}

quint64 PoolDashboard::selectedTaskId() const
{
    const QModelIndex current = m_ui->taskTable->selectionModel()->currentIndex();
    return current.isValid() ? m_tasks->taskIdAt(m_filter->mapToSource(current).row()) : 0;
}

bool PoolDashboard::confirm(const QString &title, const QString &text)
{
    return !m_confirm || m_confirm(this, title, text);
}

bool PoolDashboard::terminateWorker(qint64 pid)
{
    if (!m_hub->canControl(m_poolId)) {
        Q_EMIT statusMessage(tr("This program does not allow control: worker %1 was not terminated").arg(pid));
        return false;
    }
    const bool done = m_hub->terminateWorker(m_poolId, pid);
    Q_EMIT statusMessage(done ? tr("Worker %1 terminated").arg(pid)
                            : tr("Worker %1 is not running any more").arg(pid));
    return done;
}

bool PoolDashboard::cancelTask(quint64 taskId)
{
    const bool done = m_hub->cancelTask(m_poolId, taskId);
    Q_EMIT statusMessage(done ? tr("Task %1 cancelled").arg(taskId) : tr("Task %1 has already ended").arg(taskId));
    return done;
}

QString PoolDashboard::terminateWorkerQuestion(qint64 pid) const
{
    const PoolState *pool = m_hub->pool(m_poolId);
    const WorkerState *worker = pool ? pool->worker(pid) : nullptr;
    const TaskState *task = worker && worker->taskId ? pool->task(worker->taskId) : nullptr;
    QString outcome;
    if (!task) {
        outcome = tr("It runs no task now. A new worker takes its place.");
    } else if (worker->isCommand) {
        outcome = tr("Its command (%1) is killed and fails as terminated by the user.").arg(task->name.left(120));
    } else if (task->attempt <= pool->retries()) {
        outcome = tr("Its task (%1) runs again on another worker (retry %2 of %3); a new worker takes its place.")
                      .arg(TaskModel::displayName(*task).left(120))
                      .arg(task->attempt)
                      .arg(pool->retries());
    } else {
        outcome = tr("Its task (%1) fails: the program receives a WorkerLostError for it (this pool does not "
                     "retry tasks), and a program that does not catch it may stop. A new worker takes its place.")
                      .arg(TaskModel::displayName(*task).left(120));
    }
    return tr("Terminate worker %1 and every process it started?").arg(pid) + QStringLiteral("\n\n") + outcome;
}

void PoolDashboard::askTerminateWorker(qint64 pid)
{
    if (confirm(tr("Terminate worker"), terminateWorkerQuestion(pid)))
        terminateWorker(pid);
}

void PoolDashboard::askCancelTask()
{
    const quint64 taskId = selectedTaskId();
    if (taskId == 0)
        return;
    const PoolState *pool = m_hub->pool(m_poolId);
    const TaskState *task = pool ? pool->task(taskId) : nullptr;
    QString question = tr("Cancel task %1 (%2)?\n\nA queued task never runs; a running one is killed.")
                           .arg(taskId)
                           .arg(task ? task->name.left(120) : QString());
    if (task && task->failsTogether) {
        // A map ends as a whole (as Python's does): the tasks of its batch that have not started
        // never run.
        const auto others = std::count_if(pool->taskOrder().cbegin(), pool->taskOrder().cend(), [&](quint64 id) {
            const TaskState *other = pool->task(id);
            return id != taskId && other && other->batchId == task->batchId && other->state == TaskState::State::Queued;
        });
        if (others > 0)
            question += QStringLiteral("\n\n")
                + tr("It is a task of a map, which ends as a whole with it: the %n other task(s) of the batch that have "
                     "not started are cancelled too.", nullptr, int(others));
    }
    if (confirm(tr("Cancel task"), question))
        cancelTask(taskId);
}

bool PoolDashboard::retryTask(quint64 taskId)
{
    const bool done = m_hub->retryTask(m_poolId, taskId);
    Q_EMIT statusMessage(done ? tr("Task %1 runs again as a new call").arg(taskId)
                            : tr("Task %1 cannot run again (its call is not known, or the pool takes no work)").arg(taskId));
    return done;
}

void PoolDashboard::askRetryTask(quint64 taskId)
{
    const PoolState *pool = m_hub->pool(m_poolId);
    const TaskState *task = pool ? pool->task(taskId) : nullptr;
    if (!task || !m_hub->canRetry(m_poolId, taskId))
        return;
    if (confirm(tr("Retry task"), tr("Run task %1 (%2) again?\n\nIt runs as a new call in the same pool; its result "
                                     "shows here and in the history, not in the program that made the first one.")
                                      .arg(taskId)
                                      .arg(TaskModel::displayName(*task).left(120))))
        retryTask(taskId);
}

void PoolDashboard::askTerminatePool()
{
    const PoolState *pool = m_hub->pool(m_poolId);
    if (!pool)
        return;
    QString question = tr("Terminate the pool %1 now?\n\nEvery worker stops at once; %n unfinished task(s) end as "
                          "cancelled.", nullptr, pool->queuedTasks() + pool->runningTasks())
                           .arg(pool->name());
    if (pool->isMirrored() && pool->queuedTasks() + pool->runningTasks() > 0)
        question += QLatin1Char(' ') + tr("The program that runs them receives an error for each (the pool was terminated).");
    if (confirm(tr("Terminate pool"), question)) {
        m_hub->terminate(m_poolId);
        Q_EMIT statusMessage(tr("Terminated %1").arg(pool->name()));
    }
}

bool PoolDashboard::startJoin()
{
    if (!m_hub->canJoin(m_poolId) || m_joinWatcher.isRunning())
        return false;
    m_joiningPoolId = m_poolId;
    m_hub->setJoining(m_poolId, true); // the pool list says "joining" too
    m_ui->joinProgress->setRange(0, 0);
    Q_EMIT statusMessage(tr("Joining %1: waiting for its tasks to finish and its workers to exit…")
                           .arg(m_hub->pool(m_poolId)->name()));
    m_joinWatcher.setFuture(m_hub->join(m_poolId)); // closes the pool first when it still takes work
    updateSummary();
    updateControls();
    poolChanged(m_poolId);
    return true;
}

void PoolDashboard::abortJoin()
{
    if (!m_joinWatcher.isRunning())
        return;
    m_hub->terminate(m_joiningPoolId);
    m_joinWatcher.waitForFinished();
}

} // namespace qmp
