#include "managerserver.h"

#include "cborconvert.h"
#include "connectionacceptor.h"
#include "exceptioninfo.h"
#include "queue.h"
#include "taskregistry.h"

#include <QCborMap>
#include <QDateTime>

#include <algorithm>

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

namespace qmp {

namespace {

// The wake pipe of the server this process runs, for the SIGTERM handler.
int terminateFd = -1;
volatile std::sig_atomic_t terminated = 0;

void onTerminate(int)
{
    terminated = 1;
    if (terminateFd >= 0) {
        const char c = 2;
        [[maybe_unused]] const ssize_t n = ::write(terminateFd, &c, 1);
    }
}

QCborValue serveTask(const QCborArray &args)
{
    if (args.size() != 4)
        throw TypeError(QStringLiteral("%1 takes [address, authkey, report queue, initializer or null]").arg(ManagerServer::serveTaskName()));
    // Like Python's manager process: Ctrl-C in the terminal is for the program, which shuts the
    // manager down (from before the initializer runs, as Python's bpo-36368).
    std::signal(SIGINT, SIG_IGN);
    ManagerServer server(args.at(1).toByteArray());
    QString error;
    {
        // Detached before serving: a manager killed later leaves no queue segment behind.
        Queue report = CborConvert<Queue>::fromCbor(args.at(2));
        const QCborMap initializer = args.at(3).toMap();
        if (!initializer.isEmpty()) { // Python's start(initializer): before the server exists
            report.put(QCborMap{{QStringLiteral("initializing"), true}});
            const QString name = initializer.value(QStringLiteral("name")).toString();
            try {
                TaskRegistry::instance().call(name, initializer.value(QStringLiteral("args")).toArray());
            } catch (const SystemExit &) {
                throw; // qmp::exit(n): the process ends with n, start() says so
            } catch (...) {
                const detail::ExceptionInfo info = detail::describeCurrentException();
                report.put(QCborMap{{QStringLiteral("initializerError"), QCborArray{info.type, info.message}}});
                // The process ends as a failed task does (code 1, the error on its stderr).
                throw RemoteError(info.type, info.message, QStringLiteral("initializer '%1'").arg(name));
            }
        }
        try {
            server.listen(SocketAddress::parse(args.at(0).toString()), &error);
        } catch (const Error &e) {
            error = e.message();
        }
        report.put(error.isEmpty() ? QCborMap{{QStringLiteral("address"), server.address()}}
                                   : QCborMap{{QStringLiteral("error"), error}});
    }
    if (error.isEmpty()) {
        // SIGTERM (terminate(), the owner's exit) stops it cleanly, so shared memory it made is
        // still unlinked.
        terminateFd = server.wakeFd();
        struct sigaction action = {};
        action.sa_handler = onTerminate;
        ::sigaction(SIGTERM, &action, nullptr);
        server.serve();
        terminateFd = -1;
    }
    return {};
}

const bool serveTaskRegistered = registerTask(ManagerServer::serveTaskName(), TaskFunction(serveTask));

} // namespace

QString ManagerServer::serveTaskName()
{
    Q_UNUSED(serveTaskRegistered);
    return QStringLiteral("qmp.manager.serve");
}

ManagerServer::ManagerServer(const QByteArray &authkey)
    : m_authkey(authkey), m_objects(authkey), m_dispatcher(m_objects, authkey)
{
    if (::pipe2(m_wake, O_CLOEXEC | O_NONBLOCK) != 0)
        m_wake[0] = m_wake[1] = -1;
}

ManagerServer::~ManagerServer()
{
    stop();
    m_acceptor.reset(); // ends and joins every session
    m_dispatcher.releaseSharedMemory();
    if (m_listenFd >= 0) {
        ::close(m_listenFd);
        m_address.unlinkPath(); // a socket file address: ours to remove, as Python's Listener does
    }
    for (int fd : m_wake) {
        if (fd >= 0)
            ::close(fd);
    }
}

bool ManagerServer::listen(const SocketAddress &address, QString *error)
{
    m_listenFd = address.listen(&m_address, error);
    m_dispatcher.setAddressText(m_address.toString());
    return m_listenFd >= 0;
}

void ManagerServer::stop()
{
    if (m_stopping.exchange(true))
        return;
    wake(1);
}

void ManagerServer::wake(char reason)
{
    if (m_wake[1] >= 0) {
        [[maybe_unused]] const ssize_t n = ::write(m_wake[1], &reason, 1);
    }
}

void ManagerServer::serve()
{
    ManagerSession::Server session;
    session.authkey = m_authkey;
    session.handshakeTimeoutMs = m_limits.handshakeTimeoutMs;
    session.tcp = m_address.isTcp();
    session.dispatcher = &m_dispatcher;
    session.objects = &m_objects;
    session.stopping = [this] { return m_stopping.load(); };
    session.requestStop = [this] { stop(); };
    session.ended = [this] { wake(0); }; // let serve() reap its thread soon
    m_acceptor = std::make_unique<ConnectionAcceptor>(m_listenFd, m_address.isTcp(), m_limits.maxConnections, session);
    while (!m_stopping) {
        const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
        const bool acceptNow = m_acceptor->accepting(nowMs);
        pollfd fds[2] = {{m_wake[0], POLLIN, 0}, {acceptNow ? m_listenFd : -1, POLLIN, 0}};
        const int n = ::poll(fds, 2, acceptNow ? 1000 : int(std::min<qint64>(1000, m_acceptor->backoffLeftMs(nowMs))));
        if (n < 0 && errno != EINTR)
            break;
        if (n > 0 && (fds[0].revents & POLLIN)) {
            char drain[64];
            while (::read(m_wake[0], drain, sizeof(drain)) > 0) {
            }
            if (terminated)
                m_stopping = true;
        }
        m_acceptor->reap(false);
        m_objects.expireGraces();
        if (n > 0 && (fds[1].revents & POLLIN))
            m_acceptor->acceptOne();
    }
    m_stopping = true;
    m_acceptor->reap(true);
    m_dispatcher.releaseSharedMemory();
    m_objects.clear();
}

} // namespace qmp
