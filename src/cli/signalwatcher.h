#pragma once
// SignalWatcher: turns SIGINT, SIGTERM and SIGHUP into a Qt signal on the thread that owns it
// (self-pipe + QSocketNotifier), so `qmp run` can stop its jobs and write its logs instead of
// dying mid-write. One at a time per process; the previous handlers are restored on destruction.

#include <QObject>

#include <csignal>

class QSocketNotifier;

namespace qmp {

class SignalWatcher : public QObject
{
    Q_OBJECT
public:
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;

Q_SIGNALS:
    // Once per delivered signal.
    void signalled(int signal);

private:
    static void handler(int signal);
    QSocketNotifier *m_notifier = nullptr;
    int m_pipe[2] = {-1, -1};
    struct sigaction m_previous[3];
};

} // namespace qmp
