#include "taskdetailview.h"

#include "cbortext.h"
#include "monitorhub.h"
#include "outputpane.h"
#include "reasontext.h"
#include "statetext.h"
#include "stucktext.h"
#include "taskmodel.h"
#include "valueformat.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QDateTime>
#include <QScrollArea>
#include <QSplitter>
#include <QTextDocumentFragment>
#include <QVBoxLayout>

namespace qmp {

TaskDetailView::TaskDetailView(MonitorHub *hub, TaskModel *tasks, QWidget *parent)
    : QWidget(parent), m_hub(hub), m_tasks(tasks)
{
    setObjectName(QStringLiteral("taskDetailView"));
    m_title = new QLabel(this);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_title->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // elided, never widening the pane
    m_retry = new QPushButton(this);
    m_retry->setObjectName(QStringLiteral("retryTaskButton"));
    m_details = new QLabel(this);
    m_details->setObjectName(QStringLiteral("taskDetails"));
    m_details->setTextFormat(Qt::RichText);
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_details->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_outputLabel = new QLabel(this);
    m_output = new OutputPane(this);

    auto *head = new QHBoxLayout;
    head->addWidget(m_title, 1);
    head->addWidget(m_retry);
    // The details above (scrolling when long), the output below; the user moves the border.
    auto *detailsArea = new QScrollArea(this);
    detailsArea->setWidget(m_details);
    detailsArea->setWidgetResizable(true);
    detailsArea->setFrameShape(QFrame::NoFrame);
    auto *outputBox = new QWidget(this);
    auto *outputLayout = new QVBoxLayout(outputBox);
    outputLayout->setContentsMargins(0, 0, 0, 0);
    outputLayout->setSpacing(2);
    outputLayout->addWidget(m_outputLabel);
    outputLayout->addWidget(m_output, 1);
    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->setObjectName(QStringLiteral("detailSplitter"));
    m_splitter->addWidget(detailsArea);
    m_splitter->addWidget(outputBox);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({140, 160}); // in proportion: the details' rows in view, the output below
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(3);
    layout->addLayout(head);
    layout->addWidget(m_splitter, 1);

    connect(m_retry, &QPushButton::clicked, this, [this] {
        if (m_taskId != 0)
            Q_EMIT retryRequested(m_taskId);
    });
    connect(tasks, &TaskModel::outputChanged, this, [this](quint64 taskId) {
        if (taskId == m_taskId)
            refresh();
    });
    connect(hub, &MonitorHub::poolRemoved, this, [this](int id) {
        if (id == m_poolId)
            showTask(0, 0);
    });
    retranslate();
}

void TaskDetailView::showTask(int poolId, quint64 taskId)
{
    const bool other = poolId != m_poolId || taskId != m_taskId;
    m_poolId = poolId;
    m_taskId = taskId;
    if (other)
        m_output->reset();
    refresh();
}

QString TaskDetailView::detailsText() const
{
    return QTextDocumentFragment::fromHtml(m_details->text()).toPlainText();
}

void TaskDetailView::retranslate()
{
    m_retry->setText(tr("&Retry"));
    m_retry->setToolTip(tr("Runs this task again as a new call in the same pool (Ctrl+R)"));
    m_outputLabel->setText(tr("Output (stderr in red)"));
    refresh();
}

void TaskDetailView::elideTitle()
{
    m_title->setText(m_title->fontMetrics().elidedText(m_fullTitle, Qt::ElideMiddle, std::max(40, m_title->width())));
    m_title->setToolTip(m_fullTitle);
}

void TaskDetailView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    elideTitle();
}

void TaskDetailView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void TaskDetailView::refresh()
{
    const PoolState *pool = m_hub->pool(m_poolId);
    const TaskState *task = pool && m_taskId ? pool->task(m_taskId) : nullptr;
    m_retry->setEnabled(task && m_hub->canRetry(m_poolId, m_taskId));
    if (!task) {
        m_fullTitle = tr("Task details");
        elideTitle();
        m_details->setText(tr("Select a task to see its arguments, result or error, timings, worker and output."));
        m_output->reset();
        m_output->setPlaceholderText(QString());
        return;
    }
    m_fullTitle = tr("Task %1 (batch %2, #%3): %4").arg(task->id).arg(task->batchId).arg(task->index + 1)
                      .arg(TaskModel::displayName(*task));
    elideTitle();

    QList<QPair<QString, QString>> rows;
    QString state = StateText::task(task->state);
    if (task->stuck.isStuck() && !task->isDone())
        state = tr("%1, stuck: %2").arg(state, StuckText::describe(task->stuck));
    rows.append({tr("State"), state});
    if (task->isCommand) {
        rows.append({tr("Command"), task->name});
    } else {
        rows.append({tr("Task"), task->name});
        if (task->arguments.isArray())
            rows.append({task->items > 1 ? tr("Arguments (first of %n call(s))", nullptr, task->items) : tr("Arguments"),
                         CborText::arguments(task->arguments, 400)});
    }
    if (task->reason == PoolEvent::Reason::Error) {
        rows.append({tr("Exception"), task->reasonArgs.at(0).toString() + QStringLiteral(": ") + task->reasonArgs.at(1).toString()});
        if (!task->reasonArgs.at(2).toString().isEmpty())
            rows.append({tr("Raised in"), task->reasonArgs.at(2).toString()});
    } else if (task->isDone() && task->state != TaskState::State::Finished) {
        rows.append({tr("Why"), ReasonText::describe(task->reason, task->reasonArgs, task->message)});
    }
    if (!task->result.isUndefined() && !task->result.isInvalid())
        rows.append({tr("Result"), CborText::brief(task->result, 400)});
    rows.append({tr("Queued"), ValueFormat::timestamp(task->queuedMs)});
    if (task->startedMs)
        rows.append({tr("Started"), ValueFormat::timestamp(task->startedMs)});
    if (task->isDone() && task->endedMs)
        rows.append({tr("Ended"), ValueFormat::timestamp(task->endedMs)});
    if (task->state == TaskState::State::Running && task->startedMs)
        rows.append({tr("Running for"), ValueFormat::duration((QDateTime::currentMSecsSinceEpoch() - task->startedMs) * 1'000'000)});
    else if (task->isDone() && task->startedMs)
        rows.append({tr("Duration"), ValueFormat::duration(task->durationNs)});
    rows.append({tr("Attempt"), task->attempt > 1 ? tr("%1 (retried)").arg(task->attempt) : QString::number(task->attempt)});
    if (task->workerPid)
        rows.append({task->isCommand ? tr("Process") : tr("Worker"), QString::number(task->workerPid)});
    if (!task->host.isEmpty())
        rows.append({tr("Node"), task->host}); // a Slurm node
    if (task->isCommand && task->isDone() && task->startedMs)
        rows.append({tr("Exit"), ReasonText::exit(task->exitCode)});

    QString html = QStringLiteral("<table cellspacing=\"0\" cellpadding=\"1\">");
    for (const auto &[name, value] : std::as_const(rows)) {
        html += QStringLiteral("<tr><td style=\"padding-right:8px; color:palette(mid)\"><b>%1</b></td><td>%2</td></tr>")
                    .arg(name.toHtmlEscaped(), value.toHtmlEscaped());
    }
    html += QStringLiteral("</table>");
    m_details->setText(html);
    m_output->setPlaceholderText(task->isCommand ? tr("No output yet")
                                                 : tr("A registered task's output goes to its program's terminal"));
    m_output->follow(*task);
}

} // namespace qmp
