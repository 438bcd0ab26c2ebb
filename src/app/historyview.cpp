#include "historyview.h"

#include "headerfit.h"
#include "historymodel.h"
#include "historystore.h"
#include "joblog.h"
#include "runtime.h"

#include <QEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QStackedLayout>
#include <QDir>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace qmp {

namespace {
QTableView *makeTable(QWidget *parent)
{
    auto *table = new QTableView(parent);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    table->setTabKeyNavigation(false); // Tab moves on; arrows move in the table
    return table;
}
} // namespace

HistoryView::HistoryView(StudioSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_batches(new HistoryModel(session->history(), this))
    , m_tasks(new HistoryModel(session->history(), this))
{
    m_batchesLabel = new QLabel(this);
    m_tasksLabel = new QLabel(this);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_rerunButton = new QPushButton(this);
    m_exportButton = new QPushButton(this);
    m_refreshButton = new QPushButton(this);
    m_rerunButton->setObjectName(QStringLiteral("rerunButton"));
    m_exportButton->setObjectName(QStringLiteral("exportButton"));

    m_splitter = new QSplitter(Qt::Vertical, this);
    auto *top = new QWidget(m_splitter);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    m_batchTable = makeTable(top);
    m_batchTable->setModel(m_batches);
    m_emptyText = new QLabel(top);
    m_emptyText->setObjectName(QStringLiteral("historyEmptyText"));
    m_emptyText->setWordWrap(true);
    m_emptyText->setAlignment(Qt::AlignCenter);
    m_emptyText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_emptyText->setContentsMargins(24, 24, 24, 24);
    auto *batchPages = new QStackedLayout;
    batchPages->addWidget(m_batchTable);
    batchPages->addWidget(m_emptyText);
    topLayout->addWidget(m_batchesLabel);
    topLayout->addLayout(batchPages, 1);
    const auto showEmpty = [this, batchPages] {
        batchPages->setCurrentWidget(m_batches->rowCount() == 0 ? static_cast<QWidget *>(m_emptyText) : m_batchTable);
    };
    connect(m_batches, &QAbstractItemModel::modelReset, this, showEmpty);
    connect(m_batches, &QAbstractItemModel::rowsInserted, this, showEmpty);
    connect(m_batches, &QAbstractItemModel::rowsRemoved, this, showEmpty);
    showEmpty();
    auto *bottom = new QWidget(m_splitter);
    auto *bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    m_taskTable = makeTable(bottom);
    m_taskTable->setModel(m_tasks);
    bottomLayout->addWidget(m_tasksLabel);
    bottomLayout->addWidget(m_taskTable);
    m_splitter->addWidget(top);
    m_splitter->addWidget(bottom);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_rerunButton);
    buttons->addWidget(m_exportButton);
    buttons->addWidget(m_refreshButton);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(m_splitter, 1);
    layout->addWidget(m_status);

    const int em = fontMetrics().horizontalAdvance(QLatin1Char('m'));
    const QList<QPair<int, int>> batchWidths{{HistoryModel::BatchIdColumn, 4}, {HistoryModel::PoolColumn, 10},
                                             {HistoryModel::TitleColumn, 26}, {HistoryModel::BatchStateColumn, 7},
                                             {HistoryModel::CreatedColumn, 12}, {HistoryModel::BatchStartedColumn, 12},
                                             {HistoryModel::FinishedColumn, 12}, {HistoryModel::BatchDurationColumn, 7},
                                             {HistoryModel::TotalColumn, 5}, {HistoryModel::OkColumn, 5},
                                             {HistoryModel::FailedColumn, 5}};
    for (const auto &[column, ems] : batchWidths)
        m_batchTable->horizontalHeader()->resizeSection(column, ems * em);
    const QList<QPair<int, int>> taskWidths{{HistoryModel::SeqColumn, 4}, {HistoryModel::NameColumn, 30},
                                            {HistoryModel::StateColumn, 7}, {HistoryModel::ExitCodeColumn, 4},
                                            {HistoryModel::StartColumn, 12}, {HistoryModel::EndColumn, 12},
                                            {HistoryModel::DurationColumn, 7},
                                            {HistoryModel::AttemptsColumn, 5}, {HistoryModel::WorkerColumn, 6},
                                            {HistoryModel::HostColumn, 6}, {HistoryModel::OutputColumn, 16}};
    for (const auto &[column, ems] : taskWidths)
        m_taskTable->horizontalHeader()->resizeSection(column, ems * em);

    // Tasks mode with a batch that does not exist: empty until one is selected.
    TaskQuery none;
    none.batchId = -1;
    m_tasks->showTasks(none);

    connect(m_batchTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &HistoryView::batchSelected);
    connect(m_rerunButton, &QPushButton::clicked, this, &HistoryView::askRerun);
    connect(m_exportButton, &QPushButton::clicked, this, &HistoryView::askExport);
    connect(m_refreshButton, &QPushButton::clicked, this, &HistoryView::refresh);
    retranslate();
    batchSelected();
}

void HistoryView::retranslate()
{
    m_batchesLabel->setText(tr("Batches (newest first)"));
    m_tasksLabel->setText(tr("Tasks of the selected batch"));
    m_rerunButton->setText(tr("&Re-run batch"));
    m_rerunButton->setToolTip(tr("Runs the selected batch's commands again in a new pool"));
    m_exportButton->setText(tr("&Export joblog…"));
    m_exportButton->setToolTip(tr("Saves the selected batch's tasks as a GNU parallel joblog (TSV)"));
    m_refreshButton->setText(tr("Re&fresh"));
    m_emptyText->setText(tr("No batches yet.\n\nEvery batch you launch here (File → Launch batch…, Ctrl+N), the "
                            "pools of programs you attach to, and every `qmp run` on this computer are recorded in "
                            "%1 and listed here, newest first.")
                             .arg(QDir::toNativeSeparators(m_session->history()->path())));
}

void HistoryView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        for (QTableView *table : {m_batchTable, m_taskTable})
            HeaderFit::growToFit(table->horizontalHeader()); // the new headers fit
    }
    QWidget::changeEvent(event);
}

qint64 HistoryView::selectedBatchId() const
{
    const QModelIndex current = m_batchTable->selectionModel()->currentIndex();
    return current.isValid() ? m_batches->batchAt(current.row()).id : 0;
}

void HistoryView::selectBatch(qint64 batchId)
{
    for (int row = 0; row < m_batches->rowCount(); ++row) {
        if (m_batches->batchAt(row).id == batchId) {
            m_batchTable->selectRow(row);
            m_batchTable->setCurrentIndex(m_batches->index(row, 0));
            return;
        }
    }
}

void HistoryView::refresh()
{
    const qint64 selected = selectedBatchId();
    m_session->history()->flush();
    m_batches->refresh();
    m_tasks->refresh();
    if (selected != 0)
        selectBatch(selected);
    else if (m_batches->rowCount() > 0)
        selectBatch(m_batches->batchAt(0).id); // the newest, so its tasks show
}

void HistoryView::batchSelected()
{
    const qint64 id = selectedBatchId();
    TaskQuery query;
    query.batchId = id == 0 ? -1 : id;
    m_tasks->showTasks(query);
    m_rerunButton->setEnabled(id != 0);
    m_exportButton->setEnabled(id != 0);
}

QList<TaskRecord> HistoryView::tasksOf(qint64 batchId) const
{
    TaskQuery query;
    query.batchId = batchId;
    const qint64 count = m_session->history()->countTasks(query);
    QList<TaskRecord> tasks = m_session->history()->tasks(query, int(qBound(qint64(1), count, qint64(10000000))));
    std::stable_sort(tasks.begin(), tasks.end(), [](const TaskRecord &a, const TaskRecord &b) { return a.seq < b.seq; });
    return tasks;
}

StudioSession::Launch HistoryView::rerun(qint64 batchId)
{
    StudioSession::Launch result;
    const std::optional<BatchRecord> batch = m_session->history()->batch(batchId);
    if (!batch) {
        result.error = tr("Batch %1 is not in the history").arg(batchId);
        return result;
    }
    const QList<TaskRecord> tasks = tasksOf(batchId);
    if (tasks.isEmpty()) {
        result.error = tr("Batch %1 has no finished tasks to run again").arg(batchId);
        return result;
    }
    // Each command as the history kept it — its program and arguments, or its shell line — so
    // nothing is parsed again (a line with a pipe stays a pipe).
    BatchSpec spec;
    spec.kind = BatchSpec::Kind::Commands;
    spec.title = batch->title;
    spec.commandTemplate = batch->commandTemplate;
    spec.shell = batch->shell;
    spec.poolName = tr("Re-run of %1").arg(batch->title.left(40));
    spec.processes = qMax(1, processCpuCount());
    for (const TaskRecord &task : tasks) {
        if (task.kind != TaskRecord::Kind::Command) {
            result.error = tr("Only batches of commands can run again: the history does not keep the arguments of task '%1'")
                               .arg(task.name);
            return result;
        }
        const std::optional<Command> command = task.command();
        if (!command) {
            result.error = tr("Batch %1 was recorded by an older QMP, which did not keep its commands in a form that "
                              "can run again exactly; launch it again from its template")
                               .arg(batchId);
            return result;
        }
        spec.commands.append(*command);
        spec.lines.append(task.name);
    }
    return m_session->launch(spec);
}

bool HistoryView::exportJoblog(qint64 batchId, const QString &path, QString *error)
{
    JobLog log; // GNU parallel's format, byte for byte (qmp run and parallel --resume read it)
    bool ok = log.open(path, false);
    for (const TaskRecord &task : tasksOf(batchId)) {
        if (!ok)
            break;
        ok = log.write(JobLog::fromTask(task));
    }
    log.close();
    if (!ok && error)
        *error = log.errorString();
    return ok;
}

void HistoryView::askRerun()
{
    const qint64 id = selectedBatchId();
    if (id == 0)
        return;
    const std::optional<BatchRecord> batch = m_session->history()->batch(id);
    const QString title = batch ? batch->title : QString::number(id);
    QMessageBox box(QMessageBox::Question, tr("Re-run batch"),
                    tr("Run the commands of “%1” again in a new pool?").arg(title), QMessageBox::Yes | QMessageBox::No,
                    this);
    box.button(QMessageBox::Yes)->setText(tr("&Yes"));
    box.button(QMessageBox::No)->setText(tr("&No"));
    if (box.exec() != QMessageBox::Yes)
        return;
    const StudioSession::Launch launch = rerun(id);
    m_status->setText(launch.ok() ? tr("Started again as a new batch.") : launch.error);
    if (!launch.ok())
        QMessageBox::warning(this, tr("Re-run batch"), launch.error);
}

void HistoryView::askExport()
{
    const qint64 id = selectedBatchId();
    if (id == 0)
        return;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export joblog"),
                                                      QStringLiteral("joblog-%1.tsv").arg(id),
                                                      tr("Joblog (*.tsv *.log);;All files (*)"));
    if (path.isEmpty())
        return;
    QString error;
    if (exportJoblog(id, path, &error))
        m_status->setText(tr("Joblog written to %1").arg(path));
    else
        QMessageBox::warning(this, tr("Export joblog"), error);
}

} // namespace qmp
