#pragma once
// PoolEngine: the machinery behind qmp::Pool, living on the pool's own thread. It starts and
// replaces workers, feeds them tasks, matches results to the futures waiting for them, and
// turns every way a worker can end into a definite outcome for its task. Internal: use Pool.
//
// Every public slot runs on the pool thread (Pool posts to it); batches' callbacks run there too.

#include "poolbatch.h"
#include "pooloptions.h"

#include <QCborArray>
#include <QCborValue>
#include <QObject>
#include <QString>

#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

class QTimer;

namespace qmp {

class WorkerHandle;

namespace detail {

class Completion;

struct PoolJob
{
    quint64 chunk = 0; // consecutive jobs of one chunk go to the same worker together
    QString task;
    QCborArray args;
    qsizetype index = 0;
    std::shared_ptr<PoolBatch> batch;
    quint64 id = 0;       // set by the engine
    int attempts = 0;
    qint64 startedNs = 0; // when it became the worker's running task
};

} // namespace detail

class PoolEngine : public QObject
{
    Q_OBJECT
public:
    PoolEngine(int processes, PoolOptions options, QString name,
               std::shared_ptr<detail::Completion> stopped);
    ~PoolEngine() override;

    void startWorkers();
    void submit(std::vector<detail::PoolJob> jobs);
    // No more submissions: workers leave once the queue is done.
    void closePool();
    // Fails every unfinished task and kills the workers.
    void terminatePool();

signals:
    void workerStarted(qint64 pid);
    void workerExited(qint64 pid, int exitCode);

private:
    struct Slot
    {
        WorkerHandle *worker = nullptr;
        std::deque<detail::PoolJob> inflight; // front: the running task
        int sent = 0;
        bool timedOut = false;
        bool leaving = false;
    };
    enum class State { Running, Closed, Terminated };

    void spawn();
    void dispatch();
    int window() const;
    void onFrame(Slot *slot, const QCborValue &frame);
    void onWorkerExit(Slot *slot, int exitCode);
    void deliver(detail::PoolJob &job, const QCborValue &value);
    void failJob(detail::PoolJob &job, std::exception_ptr error);
    // Breaks the pool with error; abandonAll fails every unfinished task and kills the workers.
    void failEverything(std::exception_ptr error);
    void abandonAll(std::exception_ptr error);
    void checkTimeouts();
    void maybeStopped();
    QString describeExit(int exitCode) const;

    int m_processes;
    PoolOptions m_options;
    StartMethod m_method;
    QString m_name;
    std::shared_ptr<detail::Completion> m_stopped;
    State m_state = State::Running;
    std::deque<detail::PoolJob> m_pending;
    std::vector<std::unique_ptr<Slot>> m_slots;
    std::exception_ptr m_broken; // set when the pool cannot run tasks any more
    quint64 m_nextId = 1;
    int m_workerNumber = 0;
    int m_earlyDeaths = 0;
    double m_averageNs = 0; // moving average of the time per task, for the prefetch window
    QTimer *m_timeoutTimer = nullptr;
};

} // namespace qmp
