#include "remoteworkerlistener.h"

#include "authenticator.h"
#include "framesocket.h"
#include "socketaddress.h"

#include <QCborValue>
#include <QSocketNotifier>

#include <cerrno>
#include <fcntl.h>
#include <list>
#include <mutex>
#include <set>
#include <netinet/in.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

namespace qmp {

// What the handshake threads share with the listener, which may be gone before they end.
struct RemoteWorkerListener::Shared
{
    std::mutex mutex;
    bool alive = true;
    RemoteWorkerListener *listener = nullptr;
    std::set<int> handshaking; // sockets in a handshake: shut down when the listener goes
    std::list<std::thread> threads;
    int refused = 0;
};


RemoteWorkerListener::RemoteWorkerListener(QByteArray authkey, QObject *parent)
    : QObject(parent), m_authkey(std::move(authkey)), m_shared(std::make_shared<Shared>())
{
    m_shared->listener = this;
    qRegisterMetaType<qmp::RemoteWorker::Hello>();
}

RemoteWorkerListener::~RemoteWorkerListener()
{
    std::list<std::thread> threads;
    {
        const std::lock_guard lock(m_shared->mutex);
        m_shared->alive = false;
        for (int fd : m_shared->handshaking)
            ::shutdown(fd, SHUT_RDWR);
        threads.swap(m_shared->threads);
    }
    for (std::thread &thread : threads)
        thread.join();
    if (m_fd >= 0)
        ::close(m_fd);
}

bool RemoteWorkerListener::listen(const QString &address)
{
    SocketAddress bound;
    try {
        m_fd = SocketAddress::parse(address).listen(&bound, &m_error);
    } catch (const std::exception &e) {
        m_error = QString::fromUtf8(e.what());
        return false;
    }
    if (m_fd < 0)
        return false;
    m_port = bound.port();
    watch();
    return true;
}

bool RemoteWorkerListener::adopt(int fd)
{
    sockaddr_storage address{};
    socklen_t size = sizeof address;
    int listening = 0;
    socklen_t flagSize = sizeof listening;
    if (::getsockname(fd, reinterpret_cast<sockaddr *>(&address), &size) != 0
        || (address.ss_family != AF_INET && address.ss_family != AF_INET6)
        || ::getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &flagSize) != 0 || !listening) {
        m_error = QStringLiteral("descriptor %1 is no listening TCP socket").arg(fd);
        ::close(fd);
        return false;
    }
    m_fd = fd;
    m_port = address.ss_family == AF_INET ? ntohs(reinterpret_cast<const sockaddr_in &>(address).sin_port)
                                          : ntohs(reinterpret_cast<const sockaddr_in6 &>(address).sin6_port);
    watch();
    return true;
}

void RemoteWorkerListener::watch()
{
    // accept() must never block the pool thread (a connection reset before we take it).
    ::fcntl(m_fd, F_SETFL, ::fcntl(m_fd, F_GETFL) | O_NONBLOCK);
    m_notifier = new QSocketNotifier(qintptr(m_fd), QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &RemoteWorkerListener::accept);
}

int RemoteWorkerListener::refusedCount() const
{
    const std::lock_guard lock(m_shared->mutex);
    return m_shared->refused;
}

void RemoteWorkerListener::accept()
{
    const int fd = ::accept4(m_fd, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0)
        return; // EAGAIN, a connection reset before we took it...
    RemoteWorker::enableKeepAlive(fd);
    const std::lock_guard lock(m_shared->mutex);
    m_shared->handshaking.insert(fd);
    m_shared->threads.emplace_back([shared = m_shared, key = m_authkey, fd] {
        const int kept = ::dup(fd); // the worker's channel, once it has passed
        FrameSocket socket(fd);
        const Authenticator::Result result = Authenticator::serve(socket, key, QDeadlineTimer(Authenticator::defaultTimeoutMs));
        std::optional<RemoteWorker::Hello> hello;
        QString why = result.error;
        if (result.accepted()) {
            const std::optional<QByteArray> bytes = socket.receive(QDeadlineTimer(Authenticator::defaultTimeoutMs), 1024);
            hello = bytes ? RemoteWorker::Hello::fromCbor(QCborValue::fromCbor(*bytes)) : std::nullopt;
            if (!hello)
                why = QStringLiteral("no valid hello after the handshake");
        }
        const std::lock_guard lock(shared->mutex);
        shared->handshaking.erase(fd);
        if (!shared->alive || !hello || kept < 0) {
            if (kept >= 0)
                ::close(kept);
            if (shared->alive) {
                ++shared->refused;
                RemoteWorkerListener *listener = shared->listener;
                QMetaObject::invokeMethod(listener, [listener, why] { Q_EMIT listener->connectionRefused(why); },
                                          Qt::QueuedConnection);
            }
            return;
        }
        RemoteWorkerListener *listener = shared->listener;
        QMetaObject::invokeMethod(listener, [listener, hello = *hello, kept] { Q_EMIT listener->workerConnected(hello, kept); },
                                  Qt::QueuedConnection);
    });
}

} // namespace qmp
