#include "historymodel.h"

#include "historystore.h"
#include "reasontext.h"
#include "valueformat.h"

#include <QColor>
#include <QDateTime>
#include <QScopeGuard>

namespace qmp {

namespace {

struct Column
{
    const char *header; // translated in headerData()
    ValueUnit unit;
    qmp::ChartHint hint;
};

const Column kBatchColumns[HistoryModel::BatchColumnCount] = {
    {QT_TRANSLATE_NOOP("qmp::HistoryModel", "Batch"), ValueUnit::None, ChartHint::None},
    {QT_TRANSLATE_NOOP("qmp::HistoryModel", "Pool"), ValueUnit::None, ChartHint::Category},
    {QT_TRANSLATE_NOOP("qmp::HistoryModel", "Title"), ValueUnit::None, ChartHint::None},
    {QT_TRANSLATE_NOOP("qmp::HistoryModel", "State"), ValueUnit::None, ChartHint::Category},
    {QT_TRANSLATE_NOOP("qmp::HistoryModel", "Created"), ValueUnit::EpochMilliseconds, ChartHint::Time},
    {QT_TRANSLATE_NOOP("qmp::HistoryModel", "Started"), ValueUnit::EpochMilliseconds, ChartHint::Time},
    {QT_TRANSLATE_NOOP("qmp::HistoryModel", "Finished"), ValueUnit::EpochMilliseconds, ChartHint::Time},
    {QT_TRANSLATE_NOOP("qmp::HistoryModel", "Duration"), ValueUnit::Nanoseconds, ChartHint::Measure},
    {QT_TRANSLATE_NOOP("qmp::HistoryModel", "Tasks"), ValueUnit::Count, ChartHint::Measure},
    {QT_TRANSLATE_NOOP("qmp::HistoryModel", "OK"), ValueUnit::Count, ChartHint::Measure},
    {QT_TRANSLATE_NOOP("qmp::HistoryModel", "Failed"), ValueUnit::Count, ChartHint::Measure},
    {QT_TRANSLATE_NOOP("qmp::HistoryModel", "Cancelled"), ValueUnit::Count, ChartHint::Measure},
};

const Column kTaskColumns[HistoryModel::TaskColumnCount] = {
    {QT_TRANSLATE_NOOP("qmp::HistoryModel", "Seq"), ValueUnit::None, ChartHint::None},
    {QT_TRANSLATE_NOOP("qmp::HistoryModel", "Task / command"), ValueUnit::None, ChartHint::Category},
    {QT_TRANSLATE_NOOP("qmp::HistoryModel", "State"), ValueUnit::None, ChartHint::Category},
    {QT_TRANSLATE_NOOP("qmp::HistoryModel", "Exit"), ValueUnit::None, ChartHint::Category},
    {QT_TRANSLATE_NOOP("qmp::HistoryModel", "Started"), ValueUnit::EpochMilliseconds, ChartHint::Time},
    {QT_TRANSLATE_NOOP("qmp::HistoryModel", "Ended"), ValueUnit::EpochMilliseconds, ChartHint::Time},
    {QT_TRANSLATE_NOOP("qmp::HistoryModel", "Duration"), ValueUnit::Nanoseconds, ChartHint::Measure},
    {QT_TRANSLATE_NOOP("qmp::HistoryModel", "Attempts"), ValueUnit::Count, ChartHint::Measure},
    {QT_TRANSLATE_NOOP("qmp::HistoryModel", "Worker"), ValueUnit::None, ChartHint::Category},
    {QT_TRANSLATE_NOOP("qmp::HistoryModel", "Host"), ValueUnit::None, ChartHint::Category},
    {QT_TRANSLATE_NOOP("qmp::HistoryModel", "Output"), ValueUnit::Bytes, ChartHint::Measure},
    {QT_TRANSLATE_NOOP("qmp::HistoryModel", "Message"), ValueUnit::None, ChartHint::None},
};

} // namespace

HistoryModel::HistoryModel(HistoryStore *store, QObject *parent)
    : QAbstractTableModel(parent), m_store(store)
{
    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(250);
    connect(&m_refreshTimer, &QTimer::timeout, this, &HistoryModel::refresh);
    if (m_store)
        connect(m_store, &HistoryStore::written, this, [this] {
            if (!m_refreshTimer.isActive())
                m_refreshTimer.start();
        });
    reload();
}

void HistoryModel::showBatches()
{
    m_mode = Mode::Batches;
    resetModel();
}

void HistoryModel::showTasks(const TaskQuery &filter)
{
    m_mode = Mode::Tasks;
    m_filter = filter;
    resetModel();
}

void HistoryModel::resetModel()
{
    beginResetModel();
    reload();
    // No fetchMore() from receivers of modelReset (QAbstractItemModelTester calls it there, before
    // it has seen the end of the reset): the next page is loaded when a view asks after the reset.
    m_fetching = true;
    endResetModel();
    m_fetching = false;
}

void HistoryModel::reload()
{
    m_interrupted.clear();
    m_batches.clear();
    m_tasks.clear();
    m_total = 0;
    if (!m_store)
        return;
    if (m_mode == Mode::Batches) {
        m_total = m_store->countBatches();
        m_batches = m_store->batches(kPageSize);
    } else {
        m_total = m_store->countTasks(m_filter);
        m_tasks = m_store->tasks(m_filter, kPageSize);
    }
}

int HistoryModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid())
        return 0;
    return int(m_mode == Mode::Batches ? m_batches.size() : m_tasks.size());
}

int HistoryModel::columnCount(const QModelIndex &parent) const
{
    if (parent.isValid())
        return 0;
    return m_mode == Mode::Batches ? int(BatchColumnCount) : int(TaskColumnCount);
}

bool HistoryModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_store && !m_fetching && rowCount() < m_total;
}

void HistoryModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    // A view (or QAbstractItemModelTester) may call fetchMore() again from rowsAboutToBeInserted.
    m_fetching = true;
    const auto done = qScopeGuard([this] { m_fetching = false; });
    if (m_mode == Mode::Batches) {
        const QList<BatchRecord> page = m_store->batches(kPageSize, m_batches.isEmpty() ? 0 : m_batches.last().id);
        if (page.isEmpty()) {
            m_total = m_batches.size(); // some were removed behind our back
            return;
        }
        beginInsertRows({}, int(m_batches.size()), int(m_batches.size() + page.size() - 1));
        m_batches += page;
        endInsertRows();
    } else {
        TaskQuery next = m_filter;
        if (!m_tasks.isEmpty())
            next.afterId = m_tasks.last().id;
        const QList<TaskRecord> page = m_store->tasks(next, kPageSize);
        if (page.isEmpty()) {
            m_total = m_tasks.size();
            return;
        }
        beginInsertRows({}, int(m_tasks.size()), int(m_tasks.size() + page.size() - 1));
        m_tasks += page;
        endInsertRows();
    }
}

void HistoryModel::refresh()
{
    if (!m_store)
        return;
    if (m_mode == Mode::Tasks) {
        const bool allLoaded = m_tasks.size() >= m_total;
        m_total = m_store->countTasks(m_filter);
        if (allLoaded)
            fetchMore(); // new tasks come in id order after the last one: appended, a page at a time
        return;
    }
    const qint64 total = m_store->countBatches();
    const qint64 topId = m_batches.isEmpty() ? 0 : m_batches.first().id;
    QList<BatchRecord> newer;
    if (total > m_total) {
        const qint64 added = total - m_total;
        if (added > kPageSize) { // too many to insert: start over
            resetModel();
            return;
        }
        for (const BatchRecord &b : m_store->batches(int(added)))
            if (b.id > topId)
                newer.append(b);
        if (newer.size() < added && !m_batches.isEmpty()) {
            // A batch was recorded below the top one (its id was taken before that one's, and
            // recorded after it): its place is among the rows shown. Rare: read them again.
            resetModel();
            return;
        }
    }
    m_total = total;
    if (!newer.isEmpty()) {
        beginInsertRows({}, 0, int(newer.size() - 1));
        m_batches = newer + m_batches;
        endInsertRows();
    }
    // Batches that were running when read may have finished since (or lost their program).
    m_interrupted.clear();
    for (int row = int(newer.size()); row < m_batches.size(); ++row) {
        if (m_batches[row].isFinished())
            continue;
        const std::optional<BatchRecord> now = m_store->batch(m_batches[row].id);
        if (now && !(*now == m_batches[row]))
            m_batches[row] = *now;
        Q_EMIT dataChanged(index(row, 0), index(row, BatchColumnCount - 1)); // its duration grows
    }
}

BatchRecord HistoryModel::batchAt(int row) const
{
    return m_mode == Mode::Batches && row >= 0 && row < m_batches.size() ? m_batches.at(row) : BatchRecord{};
}

HistoryModel::BatchState HistoryModel::stateOf(const BatchRecord &batch) const
{
    if (batch.isFinished())
        return BatchState::Finished;
    auto known = m_interrupted.constFind(batch.id);
    if (known == m_interrupted.cend())
        known = m_interrupted.insert(batch.id, batch.isInterrupted());
    return *known ? BatchState::Interrupted : BatchState::Running;
}

TaskRecord HistoryModel::taskAt(int row) const
{
    return m_mode == Mode::Tasks && row >= 0 && row < m_tasks.size() ? m_tasks.at(row) : TaskRecord{};
}

QVariant HistoryModel::batchValue(const BatchRecord &b, int column) const
{
    switch (column) {
    case BatchIdColumn: return b.id;
    case PoolColumn: return b.pool;
    case TitleColumn: return b.title;
    case BatchStateColumn: return int(stateOf(b));
    case CreatedColumn: return b.createdMs;
    case BatchStartedColumn: return b.startedMs;
    case FinishedColumn: return b.finishedMs;
    case BatchDurationColumn: {
        if (b.createdMs == 0 || stateOf(b) == BatchState::Interrupted)
            return qint64(0);
        const qint64 end = b.isFinished() ? b.finishedMs : QDateTime::currentMSecsSinceEpoch();
        return std::max<qint64>(0, end - b.createdMs) * 1'000'000;
    }
    case TotalColumn: return b.total;
    case OkColumn: return b.ok;
    case FailedColumn: return b.failed;
    case CancelledColumn: return b.cancelled;
    }
    return {};
}

QVariant HistoryModel::taskValue(const TaskRecord &t, int column) const
{
    switch (column) {
    case SeqColumn: return t.seq;
    case NameColumn: return t.kind == TaskRecord::Kind::Task ? t.name + t.arguments : t.name;
    case StateColumn: return int(t.state);
    // A task that never started (cancelled while queued) has neither: no value, shown as "–".
    case ExitCodeColumn: return t.started() ? QVariant(t.exitCode) : QVariant();
    case StartColumn: return t.startMs;
    case EndColumn: return t.endMs;
    case DurationColumn: return t.started() ? QVariant(t.durationNs) : QVariant();
    case AttemptsColumn: return t.attempts;
    case WorkerColumn: return t.workerPid;
    case HostColumn: return t.host;
    case OutputColumn: return t.stdoutBytes;
    case MessageColumn: return ReasonText::describe(PoolEvent::Reason(t.reason), t.reasonArgs, t.message);
    }
    return {};
}

ValueUnit HistoryModel::unitOf(int column) const
{
    return m_mode == Mode::Batches ? kBatchColumns[column].unit : kTaskColumns[column].unit;
}

ChartHint HistoryModel::hintOf(int column) const
{
    return m_mode == Mode::Batches ? kBatchColumns[column].hint : kTaskColumns[column].hint;
}

QString HistoryModel::formatted(const QVariant &value, int column) const
{
    if (m_mode == Mode::Batches) {
        switch (column) {
        case BatchStateColumn:
            switch (BatchState(value.toInt())) {
            case BatchState::Running: return tr("running", "batch");
            case BatchState::Finished: return tr("finished", "batch");
            case BatchState::Interrupted: return tr("interrupted", "batch: its program ended before it did");
            }
            return QString();
        case BatchStartedColumn:
        case FinishedColumn:
        case BatchDurationColumn:
            if (value.toLongLong() == 0)
                return QString();
            break;
        default:
            break;
        }
    }
    if (m_mode == Mode::Tasks) {
        switch (column) {
        case StateColumn:
            switch (TaskRecord::State(value.toInt())) {
            case TaskRecord::State::Finished: return tr("finished");
            case TaskRecord::State::Failed: return tr("failed");
            case TaskRecord::State::TimedOut: return tr("timed out");
            case TaskRecord::State::Cancelled: return tr("cancelled");
            case TaskRecord::State::Lost: return tr("lost");
            }
            return QString();
        case StartColumn:
        case EndColumn:
            if (value.toLongLong() == 0)
                return QString();
            break;
        case ExitCodeColumn:
            if (!value.isValid())
                return ValueFormat::none();
            return value.toInt() < 0 ? tr("signal %1").arg(-value.toInt()) : value.toString();
        case DurationColumn:
            if (!value.isValid())
                return ValueFormat::none();
            break;
        case WorkerColumn:
            return value.toLongLong() > 0 ? value.toString() : QString();
        case HostColumn:
            return value.toString().isEmpty() ? tr("local") : value.toString();
        default:
            break;
        }
    }
    return ValueFormat::format(value, unitOf(column));
}

QVariant HistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
    case ModelRoles::FormattedValue:
    case ModelRoles::Value: {
        const QVariant value = m_mode == Mode::Batches ? batchValue(m_batches.at(index.row()), column)
                                                       : taskValue(m_tasks.at(index.row()), column);
        return role == ModelRoles::Value ? value : QVariant(formatted(value, column));
    }
    case ModelRoles::Unit:
        return int(unitOf(column));
    case ModelRoles::ChartHint:
        return int(hintOf(column));
    case Qt::TextAlignmentRole:
        return unitOf(column) == ValueUnit::None || unitOf(column) == ValueUnit::EpochMilliseconds
            ? QVariant(int(Qt::AlignLeft | Qt::AlignVCenter))
            : QVariant(int(Qt::AlignRight | Qt::AlignVCenter));
    case Qt::ToolTipRole:
        if (m_mode == Mode::Tasks && (column == MessageColumn || column == NameColumn))
            return taskValue(m_tasks.at(index.row()), column);
        if (m_mode == Mode::Batches && column == TitleColumn)
            return m_batches.at(index.row()).title;
        return {};
    case Qt::ForegroundRole:
        if (m_mode == Mode::Tasks) {
            const TaskRecord::State state = m_tasks.at(index.row()).state;
            if (state == TaskRecord::State::Cancelled)
                return QColor(120, 120, 120);
            if (state != TaskRecord::State::Finished)
                return QColor(190, 30, 30);
        }
        return {};
    default:
        return {};
    }
}

QVariant HistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= columnCount())
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (role) {
    case Qt::DisplayRole:
        return tr(m_mode == Mode::Batches ? kBatchColumns[section].header : kTaskColumns[section].header);
    case ModelRoles::Unit:
        return int(unitOf(section));
    case ModelRoles::ChartHint:
        return int(hintOf(section));
    default:
        return {};
    }
}

QHash<int, QByteArray> HistoryModel::roleNames() const
{
    return ModelRoles::withNames(QAbstractTableModel::roleNames());
}

} // namespace qmp
