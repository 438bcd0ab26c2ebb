#pragma once
// ConnectionAcceptor: takes connections off a manager's listening socket and starts a
// ManagerSession for each, at most maxConnections at once (more are accepted and closed at
// once, so none waits in the backlog). When accept() fails for lack of descriptors or memory
// it leaves the socket alone for a while (50 ms, doubling to 1 s) instead of spinning. Finished
// sessions are joined by reap().
//
// Used by the server's accepting thread only (reap(true) also from its destructor).

#include "qmpmanager_export.h"
#include "managersession.h"

#include <functional>
#include <list>
#include <memory>

namespace qmp {

class QMP_MANAGER_AUTOTEST_EXPORT ConnectionAcceptor
{
public:
    ConnectionAcceptor(int listenFd, bool tcp, int maxConnections, ManagerSession::Server session);
    ~ConnectionAcceptor();

    // Whether the listening socket is to be watched at nowMs (false while backing off), and
    // how long until it is again.
    bool accepting(qint64 nowMs) const { return nowMs >= m_acceptAgainMs; }
    qint64 backoffLeftMs(qint64 nowMs) const { return m_acceptAgainMs - nowMs; }
    // Accepts one pending connection (the listening socket was readable).
    void acceptOne();
    // Joins finished sessions; all: ends and joins every session.
    void reap(bool all);

private:
    const int m_listenFd;
    const bool m_tcp;
    const int m_maxConnections;
    const ManagerSession::Server m_session;
    std::list<std::unique_ptr<ManagerSession>> m_sessions;
    qint64 m_nextId = 1;
    int m_backoffMs = 0;        // after accept() ran out of resources: how long to leave it alone
    qint64 m_acceptAgainMs = 0; // ... until then (ms since the epoch)
};

} // namespace qmp
