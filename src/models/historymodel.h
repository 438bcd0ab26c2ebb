#pragma once
// HistoryModel: the task history (HistoryStore) as a table — either its batches, newest first, or
// the tasks matching a TaskQuery (one batch, some states, a time window), in the order they
// finished. Lazy: it loads pages of kPageSize rows as a view scrolls (canFetchMore / fetchMore),
// never the whole file. When the store writes new records it picks them up (at most four times a
// second): new batches appear on top, new tasks at the end once everything before them is loaded,
// and batches that were still running are re-read.
// Roles: see modelroles.h. GUI thread (the thread the store is queried from).

#include "qmpmodels_export.h"
#include "batchrecord.h"
#include "modelroles.h"
#include "taskquery.h"
#include "taskrecord.h"

#include <QAbstractTableModel>
#include <QList>
#include <QPointer>
#include <QTimer>

namespace qmp {

class HistoryStore;

class QMP_MODELS_EXPORT HistoryModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum class Mode { Batches, Tasks };
    Q_ENUM(Mode)
    enum BatchColumn { BatchIdColumn, PoolColumn, TitleColumn, BatchStateColumn, CreatedColumn, BatchStartedColumn,
                       FinishedColumn, BatchDurationColumn, TotalColumn, OkColumn, FailedColumn, CancelledColumn,
                       BatchColumnCount };
    enum TaskColumn { SeqColumn, NameColumn, StateColumn, ExitCodeColumn, StartColumn, EndColumn, DurationColumn,
                      AttemptsColumn, WorkerColumn, HostColumn, OutputColumn, MessageColumn, TaskColumnCount };
    // A batch's state as BatchStateColumn's Value holds it.
    enum class BatchState { Running, Finished, Interrupted };
    Q_ENUM(BatchState)
    static constexpr int kPageSize = 256;

    // store is not owned and must outlive the model. Starts in Batches mode with the first page loaded.
    explicit HistoryModel(HistoryStore *store, QObject *parent = nullptr);

    Mode mode() const { return m_mode; }
    TaskQuery taskFilter() const { return m_filter; }
    void showBatches();
    void showTasks(const TaskQuery &filter); // filter.afterId, when set, is where the list starts
    // Rows in the history that match (loaded or not); rowCount() is how many are loaded.
    qint64 totalRows() const { return m_total; }

    BatchRecord batchAt(int row) const; // Batches mode; a default record when out of range
    BatchState stateOf(const BatchRecord &batch) const; // interrupted: its program is gone
    TaskRecord taskAt(int row) const;   // Tasks mode; same

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent = {}) const override;
    void fetchMore(const QModelIndex &parent = {}) override;
    QHash<int, QByteArray> roleNames() const override;

public Q_SLOTS:
    // Reads what the store wrote since the last refresh. Called by itself after the store's
    // written(); call it after HistoryStore::flush() to see the records at once.
    void refresh();

private:
    void resetModel(); // reload() between beginResetModel() and endResetModel()
    void reload();
    QVariant batchValue(const BatchRecord &b, int column) const;
    QVariant taskValue(const TaskRecord &t, int column) const;
    QString formatted(const QVariant &value, int column) const;
    ValueUnit unitOf(int column) const;
    qmp::ChartHint hintOf(int column) const;

    QPointer<HistoryStore> m_store;
    Mode m_mode = Mode::Batches;
    TaskQuery m_filter;
    QList<BatchRecord> m_batches;
    QList<TaskRecord> m_tasks;
    qint64 m_total = 0;
    bool m_fetching = false; // inside fetchMore()
    QTimer m_refreshTimer;
    mutable QHash<qint64, bool> m_interrupted; // unfinished batches' owners, checked once per refresh
};

} // namespace qmp
