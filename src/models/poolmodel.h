#pragma once
// PoolModel: every pool the hub knows, one row each in the hub's order (oldest first), with its
// lifecycle, workers, queue, counters, throughput, p95 and stuck count. Rows come and go with
// MonitorHub::poolAdded / poolRemoved; a row changes at most once per coalescing tick.
// The hub is not owned and must outlive the model. GUI thread (the hub's).

#include "qmpmodels_export.h"
#include "hubtablemodel.h"

namespace qmp {

class QMP_MODELS_EXPORT PoolModel : public HubTableModel
{
    Q_OBJECT
public:
    enum Column { Name, State, Workers, Busy, Queued, Running, Finished, Failed, Throughput, P95, Stuck,
                  Slurm, // a pool on Slurm: its job and state; empty for this machine's
                  ColumnCount };
    Q_ENUM(Column)

    explicit PoolModel(MonitorHub *hub, QObject *parent = nullptr);

    int poolIdAt(int row) const; // 0 when out of range
    int rowOfPool(int poolId) const; // -1 when not listed

    int rowCount(const QModelIndex &parent = {}) const override;

protected:
    QVariant value(int row, int column) const override;
    QString text(int row, int column, const QVariant &value) const override;
    qint64 rowId(int row) const override { return poolIdAt(row); }
    bool rowIsStuck(int row) const override;
    QString toolTip(int row, int column) const override;

private:
    QList<int> m_ids;
};

} // namespace qmp
