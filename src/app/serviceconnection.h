#pragma once
// ServiceConnection: the studio as a client of the user's QMP service (`qmp service`). It submits
// batches of commands to the service — starting it when it does not run, through the qmp
// executable (qmpExecutable()) — and keeps the studio attached to the service's monitor socket,
// so the service's groups join the pool list like any pool: at once when the service runs, and
// within a poll interval when it starts later or again. Quitting the studio ends none of the
// service's jobs. The session owns it. GUI thread; every request is a short blocking exchange on a
// local socket (starting the service waits until it is ready, a few hundred ms).

#include "batchspec.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include <optional>

class QTimer;

namespace qmp {

class MonitorClient;
class StudioSession;

class ServiceConnection : public QObject
{
    Q_OBJECT
public:
    static constexpr int kPollMs = 2000;

    explicit ServiceConnection(StudioSession *session, QObject *parent = nullptr);

    // The qmp executable that runs the service: beside this program, the build tree's, else on
    // PATH; empty when there is none.
    static QString qmpExecutable();

    struct Submitted
    {
        QList<qint64> jobIds; // the service's (= the history's batch ids), in order
        QString error;        // a sentence when nothing (or not all) was submitted
    };
    // Submits spec's commands to the service as one job each in group spec.poolName (its parallel
    // set to spec.processes first), starting the service when needed. Registered tasks cannot
    // go there (the service runs commands): an error says so.
    Submitted submit(const BatchSpec &spec);

    // Unfinished jobs of the service now (nullopt: no service runs, or it does not answer).
    struct Work
    {
        int running = 0;
        int queued = 0;
    };
    std::optional<Work> unfinishedWork() const;

    // The client attached to the service's monitor socket (nullptr: not attached).
    MonitorClient *client() const;
    // Whether pool id (of the session's hub) is one of the service's groups.
    bool isServicePool(int poolId) const;
    // The pool of the service's group `group` in the session's hub (0 while it is not there).
    int poolOfGroup(const QString &group) const;
    // Attaches to the running service now if not attached (what the poll timer does).
    void refresh();

Q_SIGNALS:
    // The studio attached to the service (at start, after a submit, or when it started later).
    void attached();

private:
    StudioSession *m_session;
    QPointer<MonitorClient> m_client;
    QTimer *m_poll = nullptr;
};

} // namespace qmp
