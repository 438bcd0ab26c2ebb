#pragma once
// TaskModel: the tasks of one pool the hub keeps in memory (MonitorOptions::keptFinishedTasks
// finished ones plus every unfinished one), oldest first — queued, running, finished, failed,
// with batch, position, worker, attempt, times and the failure message. Follows the hub's
// coalesced changes: new tasks are appended, forgotten ones removed, changed rows updated in
// contiguous runs, running rows' durations refreshed on every tick — never a reset while a pool
// is shown, so selections in views survive.
// The hub is not owned and must outlive the model. GUI thread (the hub's).

#include "qmpmodels_export.h"
#include "hubtablemodel.h"
#include "poolstate.h"

#include <QHash>

namespace qmp {

class QMP_MODELS_EXPORT TaskModel : public HubTableModel
{
    Q_OBJECT
public:
    enum Column { Id, Batch, Index, Name, State, Worker, Attempt, Queued, Started, Duration, ExitCode, Message,
                  ColumnCount };
    Q_ENUM(Column)

    explicit TaskModel(MonitorHub *hub, QObject *parent = nullptr);

    // Shows pool poolId's tasks (0 or an unknown id: none).
    void setPoolId(int poolId);
    int poolId() const { return m_poolId; }

    quint64 taskIdAt(int row) const;       // 0 when out of range
    int rowOfTask(quint64 taskId) const;   // -1 when not listed
    const TaskState *taskAt(int row) const; // nullptr when out of range
    // A command's captured output (its last TaskState::outputLimit characters); empty for tasks.
    QString outputOf(quint64 taskId) const;
    // "demo.sleep(150)": a registered task with its (first call's) arguments; a command's line.
    static QString displayName(const TaskState &task);

    int rowCount(const QModelIndex &parent = {}) const override;

Q_SIGNALS:
    // Task taskId changed (new output, a new state); at most once per coalescing tick per task.
    void outputChanged(quint64 taskId);

protected:
    QVariant value(int row, int column) const override;
    QString text(int row, int column, const QVariant &value) const override;
    qint64 rowId(int row) const override { return qint64(taskIdAt(row)); }
    bool rowIsStuck(int row) const override;
    bool rowIsFailed(int row) const override;
    bool rowIsMuted(int row) const override;
    QString toolTip(int row, int column) const override;

private:
    void apply(const PoolState &pool, const PoolState::Changes &changes);
    void reindex(int fromRow);

    int m_poolId = 0;
    QList<quint64> m_ids;           // rows, as the pool's taskOrder()
    QHash<quint64, int> m_rowOf;
};

} // namespace qmp
