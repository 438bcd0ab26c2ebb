#pragma once
// WorkerModel: the workers of one pool (and the processes of its running commands), one row per
// pid in pid order: state, current task, CPU, RSS, threads and processes of its whole tree, how
// long the task has run, uptime, tasks done / failed, and why the hub thinks it is stuck. Exited
// workers stay listed (greyed by their state) until the hub forgets them.
// The hub is not owned and must outlive the model. GUI thread (the hub's).

#include "qmpmodels_export.h"
#include "hubtablemodel.h"

namespace qmp {

struct WorkerState;

class QMP_MODELS_EXPORT WorkerModel : public HubTableModel
{
    Q_OBJECT
public:
    enum Column { Pid, State, Task, Cpu, Rss, Threads, TaskRuntime, Uptime, TasksDone, TasksFailed, Stuck,
                  Node, SlurmStep, // a worker on Slurm: its node and step ("job.step"); empty here
                  ColumnCount };
    Q_ENUM(Column)

    explicit WorkerModel(MonitorHub *hub, QObject *parent = nullptr);

    // Shows pool poolId's workers (0 or an unknown id: none).
    void setPoolId(int poolId);
    int poolId() const { return m_poolId; }

    qint64 pidAt(int row) const;       // 0 when out of range
    int rowOfPid(qint64 pid) const;    // -1 when not listed
    const WorkerState *workerAt(int row) const; // nullptr when out of range

    int rowCount(const QModelIndex &parent = {}) const override;

protected:
    QVariant value(int row, int column) const override;
    QString text(int row, int column, const QVariant &value) const override;
    qint64 rowId(int row) const override { return pidAt(row); }
    bool rowIsStuck(int row) const override;
    bool rowIsFailed(int row) const override;
    bool rowIsMuted(int row) const override;
    QString toolTip(int row, int column) const override;

private:
    void sync(); // rows follow the pool's worker map: removals, insertions, then every row changed
    // A live worker on another machine (a Slurm node): not measured here.
    static bool isElsewhere(const WorkerState &worker);

    int m_poolId = 0;
    QList<qint64> m_pids; // sorted, as the pool's QMap
};

} // namespace qmp
