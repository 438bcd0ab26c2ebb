#include "pooldashboard.h"

#include "headerfit.h"
#include "modelroles.h"
#include "monitorhub.h"
#include "poolchartview.h"
#include "poolseriesmodel.h"
#include "statetext.h"
#include "stucktext.h"
#include "taskdetailview.h"
#include "taskfiltermodel.h"
#include "taskmodel.h"
#include "valueformat.h"
#include "workermodel.h"

#include <QAction>
#include <QComboBox>
#include <QEvent>
#include <QFontDatabase>
#include <QLocale>
#include <QTextCursor>
#include <QTextDocumentFragment>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollBar>
#include <QSpinBox>
#include <QSplitter>
#include <QStyle>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

#include <algorithm>

namespace qmp {

namespace {
constexpr int kStuckOnly = 100; // the state combo's "stuck only" entry


QTableView *makeTable(QWidget *parent)
{
    auto *table = new QTableView(parent);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 6);
    table->horizontalHeader()->setStretchLastSection(true);
    table->horizontalHeader()->setHighlightSections(false);
    table->setWordWrap(false);
    table->setTabKeyNavigation(false); // Tab moves to the next control, arrows move in the table
    return table;
}

QWidget *titled(QLabel *label, QWidget *body, QWidget *extra = nullptr)
{
    auto *box = new QWidget;
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(3);
    auto *head = new QHBoxLayout;
    QFont bold = label->font();
    bold.setBold(true);
    label->setFont(bold);
    head->addWidget(label, 1);
    if (extra)
        head->addWidget(extra);
    layout->addLayout(head);
    layout->addWidget(body, 1);
    return box;
}
} // namespace

PoolDashboard::PoolDashboard(MonitorHub *hub, QWidget *parent)
    : QWidget(parent)
    , m_hub(hub)
    , m_workers(new WorkerModel(hub, this))
    , m_tasks(new TaskModel(hub, this))
    , m_filter(new TaskFilterModel(this))
    , m_series(new PoolSeriesModel(hub, this))
{
    m_filter->setSourceModel(m_tasks);
    m_confirm = askWithMessageBox;

    // Controls.
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

    // Summary: the pool's name (elided: a long name never pushes the rest away), then one line of
    // counters that wraps between fields when the window is narrow.
    m_title = new QLabel(this);
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    m_title->setFont(big);
    m_title->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_summaryLabel = new QLabel(this);
    m_summaryLabel->setObjectName(QStringLiteral("summaryLabel"));
    m_summaryLabel->setTextFormat(Qt::RichText);
    m_summaryLabel->setWordWrap(true);
    m_joinProgress = new QProgressBar(this);
    m_joinProgress->setMaximumWidth(220);
    m_joinProgress->setVisible(false);
    auto *titleRow = new QHBoxLayout;
    titleRow->addWidget(m_title, 1);
    titleRow->addWidget(m_joinProgress);
    auto *summary = new QVBoxLayout;
    summary->setSpacing(1);
    summary->addLayout(titleRow);
    summary->addWidget(m_summaryLabel);

    // Stuck banner.
    m_stuckBanner = new QWidget(this);
    m_stuckBanner->setObjectName(QStringLiteral("stuckBanner"));
    m_stuckBanner->setAutoFillBackground(true);
    QPalette warn = m_stuckBanner->palette();
    warn.setColor(QPalette::Window, QColor(0xff, 0xe0, 0xb2));
    warn.setColor(QPalette::WindowText, QColor(0x5d, 0x2e, 0x00));
    m_stuckBanner->setPalette(warn);
    auto *bannerLayout = new QHBoxLayout(m_stuckBanner);
    bannerLayout->setContentsMargins(8, 4, 8, 4);
    m_stuckText = new QLabel(m_stuckBanner);
    m_stuckText->setWordWrap(true);
    m_terminateStuck = new QPushButton(m_stuckBanner);
    m_terminateStuck->setObjectName(QStringLiteral("terminateStuckButton"));
    bannerLayout->addWidget(m_stuckText, 1);
    bannerLayout->addWidget(m_terminateStuck);
    m_stuckBanner->setVisible(false);
    connect(m_terminateStuck, &QPushButton::clicked, this, [this] {
        if (m_stuckPid != 0)
            askTerminateWorker(m_stuckPid);
    });

    // Workers.
    m_workersLabel = new QLabel(this);
    m_workerTable = makeTable(this);
    m_workerTable->setObjectName(QStringLiteral("workerTable"));
    m_workerTable->setModel(m_workers);
    m_workerTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents); // a few rows
    m_workerTable->horizontalHeader()->setMaximumSectionSize(240);
    m_terminateWorker = new QPushButton(this);
    m_terminateWorker->setObjectName(QStringLiteral("terminateWorkerButton"));
    connect(m_terminateWorker, &QPushButton::clicked, this, [this] {
        if (const qint64 pid = selectedWorkerPid())
            askTerminateWorker(pid);
    });
    connect(m_workerTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &PoolDashboard::updateControls);
    auto *terminateSelected = new QAction(m_workerTable);
    terminateSelected->setShortcut(QKeySequence::Delete);
    terminateSelected->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_workerTable->addAction(terminateSelected);
    connect(terminateSelected, &QAction::triggered, m_terminateWorker, &QPushButton::click);
    QWidget *workersBox = titled(m_workersLabel, m_workerTable, m_terminateWorker);

    // Charts.
    auto *chartsBox = new QWidget(this);
    auto *chartGrid = new QGridLayout(chartsBox);
    chartGrid->setContentsMargins(0, 0, 0, 0);
    chartGrid->setSpacing(4);
    using S = PoolState::Series;
    m_charts.append(new PoolChartView(m_series, [] { return tr("Queue depth"); },
                                      {{S::QueueDepth, [] { return tr("queued"); }}}, ValueUnit::Count, chartsBox));
    m_charts.append(new PoolChartView(m_series, [] { return tr("Throughput"); },
                                      {{S::Throughput, [] { return tr("tasks/s"); }}}, ValueUnit::PerSecond, chartsBox));
    auto *busy = new PoolChartView(m_series, [] { return tr("Busy workers"); },
                                   {{S::BusyWorkers, [] { return tr("busy"); }}}, ValueUnit::Count, chartsBox);
    busy->setMinimumTop([this] { // the pool's size: how full it is at a glance
        const PoolState *pool = m_hub->pool(m_poolId);
        return pool ? double(pool->processes()) : 0.0;
    });
    m_charts.append(busy);
    m_charts.append(new PoolChartView(m_series, [] { return tr("Task duration"); },
                                      {{S::P50Ms, [] { return tr("p50"); }}, {S::P95Ms, [] { return tr("p95"); }}},
                                      ValueUnit::Milliseconds, chartsBox));
    // The time the charts show: the last minute, ten minutes, hour, or all that is kept.
    m_rangeCombo = new QComboBox(chartsBox);
    m_rangeCombo->setObjectName(QStringLiteral("chartRangeCombo"));
    for (int seconds : {60, 600, 3600, 0})
        m_rangeCombo->addItem(QString(), seconds);
    m_rangeCombo->setCurrentIndex(1);
    m_rangeLabel = new QLabel(chartsBox);
    m_rangeLabel->setBuddy(m_rangeCombo);
    connect(m_rangeCombo, &QComboBox::currentIndexChanged, this, [this] {
        for (PoolChartView *chart : std::as_const(m_charts))
            chart->setRange(m_rangeCombo->currentData().toInt());
    });
    auto *rangeRow = new QHBoxLayout;
    rangeRow->addStretch();
    rangeRow->addWidget(m_rangeLabel);
    rangeRow->addWidget(m_rangeCombo);
    chartGrid->addLayout(rangeRow, 0, 0, 1, 2);
    for (int i = 0; i < m_charts.size(); ++i)
        chartGrid->addWidget(m_charts.at(i), 1 + i / 2, i % 2);

    // Tasks.
    m_tasksLabel = new QLabel(this);
    m_stateCombo = new QComboBox(this);
    m_stateCombo->setObjectName(QStringLiteral("stateFilterCombo"));
    for (int i = -1; i <= int(TaskState::State::Lost); ++i)
        m_stateCombo->addItem(QString(), i); // -1: all, else int(TaskState::State)
    m_stateCombo->addItem(QString(), kStuckOnly);
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("searchEdit"));
    m_search->setClearButtonEnabled(true);
    m_cancelTask = new QPushButton(this);
    m_cancelTask->setObjectName(QStringLiteral("cancelTaskButton"));
    m_taskTable = makeTable(this);
    m_taskTable->setObjectName(QStringLiteral("taskTable"));
    m_taskTable->setModel(m_filter);
    m_taskTable->setSortingEnabled(true);
    // Thousands of rows: fixed starting widths (the user's are remembered), not ResizeToContents.
    const int em = m_taskTable->fontMetrics().horizontalAdvance(QLatin1Char('m'));
    const QList<QPair<int, int>> widths{{TaskModel::Id, 4}, {TaskModel::Batch, 4}, {TaskModel::Index, 3},
                                        {TaskModel::Name, 22}, {TaskModel::State, 6}, {TaskModel::Worker, 6},
                                        {TaskModel::Attempt, 5}, {TaskModel::Queued, 12}, {TaskModel::Started, 12},
                                        {TaskModel::Duration, 7}, {TaskModel::ExitCode, 4}};
    for (const auto &[column, ems] : widths)
        m_taskTable->horizontalHeader()->resizeSection(column, ems * em);
    // The state before the (long) command line: in view however narrow the window.
    m_taskTable->horizontalHeader()->moveSection(m_taskTable->horizontalHeader()->visualIndex(TaskModel::State),
                                                 m_taskTable->horizontalHeader()->visualIndex(TaskModel::Name));
    m_taskTable->sortByColumn(0, Qt::DescendingOrder); // newest first
    connect(m_stateCombo, &QComboBox::currentIndexChanged, this, [this] {
        const int state = m_stateCombo->currentData().toInt();
        m_filter->setStuckOnly(state == kStuckOnly);
        m_filter->setStateFilter(state < 0 || state == kStuckOnly ? std::nullopt
                                                                  : std::optional(TaskState::State(state)));
    });
    connect(m_search, &QLineEdit::textChanged, m_filter, &TaskFilterModel::setSearchText);
    connect(m_cancelTask, &QPushButton::clicked, this, &PoolDashboard::askCancelTask);
    auto *cancelSelected = new QAction(m_taskTable);
    cancelSelected->setShortcut(QKeySequence::Delete);
    cancelSelected->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_taskTable->addAction(cancelSelected);
    connect(cancelSelected, &QAction::triggered, m_cancelTask, &QPushButton::click);
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
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });
    connect(m_taskTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        updateOutput();
        updateControls();
    });
    auto *taskBox = new QWidget(this);
    auto *taskLayout = new QVBoxLayout(taskBox);
    taskLayout->setContentsMargins(0, 0, 0, 0);
    taskLayout->setSpacing(3);
    auto *taskHead = new QHBoxLayout;
    QFont bold = m_tasksLabel->font();
    bold.setBold(true);
    m_tasksLabel->setFont(bold);
    taskHead->addWidget(m_tasksLabel);
    taskHead->addWidget(m_stateCombo);
    taskHead->addWidget(m_search, 1);
    taskHead->addWidget(m_cancelTask);
    taskLayout->addLayout(taskHead);
    taskLayout->addWidget(m_taskTable, 1);

    // The selected task: its details and its output.
    m_detail = new TaskDetailView(m_hub, m_tasks, this);
    connect(m_detail, &TaskDetailView::retryRequested, this, &PoolDashboard::askRetryTask);
    QWidget *outputBox = m_detail;

    // Layout: summary, banner, [workers | charts] over [tasks | output].
    auto *top = new QSplitter(Qt::Horizontal, this);
    top->addWidget(workersBox);
    top->addWidget(chartsBox);
    top->setStretchFactor(0, 1);
    top->setStretchFactor(1, 1);
    auto *bottom = new QSplitter(Qt::Horizontal, this);
    bottom->addWidget(taskBox);
    bottom->addWidget(outputBox);
    bottom->setStretchFactor(0, 3);
    bottom->setStretchFactor(1, 2);
    auto *vertical = new QSplitter(Qt::Vertical, this);
    vertical->addWidget(top);
    vertical->addWidget(bottom);
    vertical->setStretchFactor(0, 1);
    vertical->setStretchFactor(1, 1);
    top->setObjectName(QStringLiteral("topSplitter"));
    bottom->setObjectName(QStringLiteral("bottomSplitter"));
    vertical->setObjectName(QStringLiteral("verticalSplitter"));
    m_splitters = {top, bottom, vertical, m_detail->splitter()};

    m_accessNotice = new QLabel(this);
    m_accessNotice->setObjectName(QStringLiteral("accessNotice"));
    m_accessNotice->setWordWrap(true);
    m_accessNotice->setVisible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_toolBar);
    layout->addWidget(m_accessNotice);
    layout->addLayout(summary);
    layout->addWidget(m_stuckBanner);
    layout->addWidget(vertical, 1);

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
    m_workersLabel->setText(tr("Workers"));
    m_terminateWorker->setText(tr("Terminate worker"));
    m_terminateWorker->setToolTip(tr("Kills the selected worker and everything it started; its task fails with the reason and a new worker takes its place"));
    m_terminateStuck->setText(tr("Terminate stuck worker"));
    m_tasksLabel->setText(tr("Tasks"));
    m_rangeLabel->setText(tr("Charts &show:"));
    const QStringList ranges{tr("the last minute"), tr("the last 10 minutes"), tr("the last hour"), tr("all kept")};
    for (int i = 0; i < ranges.size(); ++i)
        m_rangeCombo->setItemText(i, ranges.at(i));
    const QStringList states{tr("All states"), tr("Queued"), tr("Running"), tr("Finished"), tr("Failed"),
                             tr("Cancelled"), tr("Timed out"), tr("Lost"), tr("Stuck only")};
    for (int i = 0; i < states.size(); ++i)
        m_stateCombo->setItemText(i, states.at(i));
    m_search->setPlaceholderText(tr("Search name, message, pid or id"));
    m_cancelTask->setText(tr("Cancel task"));
    m_cancelTask->setToolTip(tr("A queued task never runs; a running one is killed; it ends as cancelled (Del)"));
    m_terminateWorker->setToolTip(tr("Kills the selected worker and everything it started; its task fails with the "
                                     "reason and a new worker takes its place (Del)"));
    m_processesLabel->setText(tr("&Workers:"));
    m_processesSpin->setToolTip(tr("How many worker processes the pool runs: more start at once; surplus ones leave "
                                   "once their task is done"));
    updateSummary();
    updateStuckBanner();
    updateOutput();
    updateControls();
}

void PoolDashboard::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        for (QTableView *table : {m_workerTable, m_taskTable})
            HeaderFit::growToFit(table->horizontalHeader()); // the new headers fit
    }
    QWidget::changeEvent(event);
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
        m_joinProgress->setRange(0, int(qMax<qint64>(total, 1)));
        m_joinProgress->setValue(int(total == 0 ? 1 : done));
    }
}

QString PoolDashboard::summaryText() const
{
    return QTextDocumentFragment::fromHtml(m_summaryLabel->text()).toPlainText().replace(QChar(0x00a0), QLatin1Char(' '));
}

void PoolDashboard::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    elideTitle();
}

void PoolDashboard::elideTitle()
{
    m_title->setText(m_title->fontMetrics().elidedText(m_fullTitle, Qt::ElideMiddle, std::max(60, m_title->width())));
    m_title->setToolTip(m_fullTitle);
}

void PoolDashboard::updateSummary()
{
    const PoolState *pool = m_hub->pool(m_poolId);
    if (!pool) {
        m_fullTitle = tr("No pool selected");
        elideTitle();
        m_summaryLabel->setText(tr("Launch a batch to start one (File → Launch batch…, Ctrl+N)."));
        return;
    }
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
    m_summaryLabel->setText(fields.join(QStringLiteral("&nbsp;&nbsp; ")));
    m_summaryLabel->setToolTip(tr("Throughput: calls finished per second over the last %1").arg(
        ValueFormat::duration(pool->throughputWindowMs() * 1'000'000)));
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
    m_terminateWorker->setEnabled(live && worker && worker->state != WorkerState::State::Exited);
    const quint64 taskId = selectedTaskId();
    const TaskState *task = pool && taskId ? pool->task(taskId) : nullptr;
    m_cancelTask->setEnabled(live && task && !task->isDone());
    m_joinProgress->setVisible(joining && m_joiningPoolId == m_poolId);
    // Another program's pool that may only be watched says so, instead of offering dead buttons.
    const bool readOnly = pool && pool->isMirrored() && !live && lifecycle != PoolState::Lifecycle::Gone;
    m_accessNotice->setVisible(readOnly);
    if (readOnly)
        m_accessNotice->setText(tr("Read-only: this program does not allow control. Start it with "
                                   "QMP_MONITOR=control (as your user) to pause, terminate or cancel from here."));
}

void PoolDashboard::updateStuckBanner()
{
    const PoolState *pool = m_hub->pool(m_poolId);
    m_stuckPid = 0;
    int stuck = 0;
    QString reason;
    if (pool) {
        for (const WorkerState &worker : pool->workers()) {
            if (worker.state == WorkerState::State::Exited || !worker.stuck.isStuck())
                continue;
            if (++stuck == 1) {
                m_stuckPid = worker.pid;
                reason = tr("Worker %1 (%2) is stuck: %3")
                             .arg(worker.pid)
                             .arg(worker.taskName, StuckText::describe(worker.stuck));
            }
        }
    }
    if (stuck > 1)
        reason += QLatin1Char(' ') + tr("(%n more stuck)", nullptr, stuck - 1);
    // Only what this pool allows: another program's pool may be read-only.
    const bool control = pool && m_hub->canControl(m_poolId);
    if (m_stuckPid != 0 && !control)
        reason += QLatin1Char(' ') + tr("(this program does not allow control: it can only be watched)");
    m_stuckText->setText(QStringLiteral("⚠ ") + reason);
    m_stuckBanner->setVisible(m_stuckPid != 0);
    m_terminateStuck->setVisible(control);
    m_terminateStuck->setEnabled(control);
    m_terminateStuck->setToolTip(m_stuckPid ? tr("Terminates worker %1 and everything it started").arg(m_stuckPid) : QString());
}

QPlainTextEdit *PoolDashboard::outputPane() const
{
    return m_detail->outputPane();
}

void PoolDashboard::updateOutput()
{
    m_detail->showTask(m_poolId, selectedTaskId());
}

qint64 PoolDashboard::selectedWorkerPid() const
{
    const QModelIndex current = m_workerTable->selectionModel()->currentIndex();
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
    m_taskTable->setCurrentIndex(index);
    m_taskTable->scrollTo(index);
    updateOutput(); // also when it was the current row already
    updateControls();
}

quint64 PoolDashboard::selectedTaskId() const
{
    const QModelIndex current = m_taskTable->selectionModel()->currentIndex();
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
    m_joinProgress->setRange(0, 0);
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
