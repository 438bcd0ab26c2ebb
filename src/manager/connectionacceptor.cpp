#include "connectionacceptor.h"

#include <QDateTime>

#include <algorithm>

#include <cerrno>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

namespace qmp {

ConnectionAcceptor::ConnectionAcceptor(int listenFd, bool tcp, int maxConnections, ManagerSession::Server session)
    : m_listenFd(listenFd), m_tcp(tcp), m_maxConnections(maxConnections), m_session(std::move(session))
{
}

ConnectionAcceptor::~ConnectionAcceptor()
{
    reap(true);
}

void ConnectionAcceptor::acceptOne()
{
    const int fd = ::accept4(m_listenFd, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) {
        // Out of descriptors or memory: the connection stays in the backlog and the listening
        // socket stays readable; trying again at once would spin.
        if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
            m_backoffMs = std::clamp(m_backoffMs * 2, 50, 1000);
            m_acceptAgainMs = QDateTime::currentMSecsSinceEpoch() + m_backoffMs;
        } else {
            m_backoffMs = 0; // the peer gave up while queued: nothing to wait for
        }
        return;
    }
    m_backoffMs = 0;
    const auto live = std::count_if(m_sessions.begin(), m_sessions.end(),
                                    [](const std::unique_ptr<ManagerSession> &s) { return !s->done(); });
    if (live >= m_maxConnections) {
        ::close(fd); // the client sees the connection closed during the handshake
        return;
    }
    if (m_tcp) {
        int one = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    }
    m_sessions.push_back(std::make_unique<ManagerSession>(m_nextId++, fd, m_session));
    m_sessions.back()->start();
}

void ConnectionAcceptor::reap(bool all)
{
    if (all) { // every session notices at once, then each is joined
        for (const auto &session : m_sessions)
            session->shutdownSocket();
    }
    for (auto it = m_sessions.begin(); it != m_sessions.end();) {
        if (all || (*it)->done()) {
            (*it)->join();
            it = m_sessions.erase(it);
        } else {
            ++it;
        }
    }
}

} // namespace qmp
