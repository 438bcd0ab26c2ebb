#pragma once
// SlurmStepSignals: signals to one Slurm step ("job.step"), through `scancel --signal`, one at a
// time and in the order given (each scancel starts once the one before it has ended: two run at
// once may reach the node in either order, and a SIGSTOP overtaking its SIGCONT would leave the
// step stopped for good). A SIGSTOP / SIGCONT still waiting is dropped with the opposite one that
// follows it. Lives in its creator's thread (an event loop there runs the scancels); not
// thread-safe.

#include <QObject>
#include <QString>

#include <deque>

class QProcess;

namespace qmp {

class SlurmStepSignals : public QObject
{
    Q_OBJECT
public:
    explicit SlurmStepSignals(QString step, QObject *parent = nullptr);
    // Gives a running scancel a moment to end; those still waiting are not sent.
    ~SlurmStepSignals() override;

    // Queues sig for the step.
    void send(int sig);
    // No signal waiting or being sent.
    bool isIdle() const { return !m_running && m_waiting.empty(); }

private:
    void startNext();

    const QString m_step;
    std::deque<int> m_waiting;
    QProcess *m_running = nullptr;
};

} // namespace qmp
