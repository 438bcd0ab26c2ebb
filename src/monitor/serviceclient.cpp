#include "serviceclient.h"

#include "fastcbor.h"
#include "framedecoder.h"
#include "framesocket.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

namespace qmp {

namespace {
constexpr int kStartTimeoutMs = 30000;
} // namespace

ServiceClient::ServiceClient(ServicePaths paths) : m_paths(std::move(paths)) {}

ServiceClient::~ServiceClient() = default;

ServiceClient::Attempt ServiceClient::tryConnect(QString *error)
{
    const QByteArray name = QFile::encodeName(m_paths.socketPath());
    sockaddr_un address = {};
    address.sun_family = AF_UNIX;
    if (size_t(name.size()) >= sizeof address.sun_path) {
        *error = tr("the socket path is too long: %1").arg(m_paths.socketPath());
        return Attempt::Failed;
    }
    std::memcpy(address.sun_path, name.constData(), size_t(name.size()));
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        *error = QString::fromLocal8Bit(std::strerror(errno));
        return Attempt::Failed;
    }
    if (::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0) {
        m_socket = std::make_unique<FrameSocket>(fd);
        return Attempt::Connected;
    }
    const int why = errno;
    ::close(fd);
    if (why == ENOENT || why == ECONNREFUSED)
        return Attempt::NotRunning;
    if (why == EACCES || why == EPERM)
        *error = tr("permission denied on %1: it is not your service (another user's socket?)").arg(m_paths.socketPath());
    else
        *error = tr("cannot connect to %1: %2").arg(m_paths.socketPath(), QString::fromLocal8Bit(std::strerror(why)));
    return Attempt::Failed;
}

bool ServiceClient::connect(bool startIfNeeded, QString *error)
{
    switch (tryConnect(error)) {
    case Attempt::Connected: return true;
    case Attempt::Failed: return false;
    case Attempt::NotRunning: break;
    }
    if (!startIfNeeded) {
        *error = tr("the QMP service is not running");
        return false;
    }
    if (!startService(error))
        return false;
    switch (tryConnect(error)) {
    case Attempt::Connected: return true;
    case Attempt::Failed: return false;
    case Attempt::NotRunning: break;
    }
    *error = tr("the QMP service started but does not answer on %1").arg(m_paths.socketPath());
    return false;
}

bool ServiceClient::startService(QString *error)
{
    if (!m_paths.prepareRuntimeDir(error) || !m_paths.prepareStateDir(error)) {
        *error = tr("the QMP service cannot start: %1").arg(*error);
        return false;
    }
    // Everything the children need, prepared before fork (they only call async-signal-safe functions).
    const QByteArray program = QFile::encodeName(m_program.isEmpty() ? QCoreApplication::applicationFilePath() : m_program);
    const QByteArray logPath = QFile::encodeName(m_paths.logPath());
    int ready[2];
    if (::pipe2(ready, O_CLOEXEC) != 0) {
        *error = QString::fromLocal8Bit(std::strerror(errno));
        return false;
    }
    const QByteArray readyFd = QByteArray::number(ready[1]);
    const pid_t child = ::fork();
    if (child < 0) {
        *error = tr("the QMP service cannot start: %1").arg(QString::fromLocal8Bit(std::strerror(errno)));
        ::close(ready[0]);
        ::close(ready[1]);
        return false;
    }
    if (child == 0) {
        ::setsid(); // no terminal: closing it does not end the service
        if (::fork() != 0)
            ::_exit(0);
        const int null = ::open("/dev/null", O_RDWR);
        const int log = ::open(logPath.constData(), O_WRONLY | O_CREAT | O_APPEND, 0600);
        ::dup2(null, 0);
        ::dup2(log >= 0 ? log : null, 1);
        ::dup2(log >= 0 ? log : null, 2);
        ::fcntl(ready[1], F_SETFD, 0); // the service says "ready" (or why not) on it
        ::chdir("/");
        ::execl(program.constData(), "qmp", "service", "run", "--ready-fd", readyFd.constData(), static_cast<char *>(nullptr));
        static const char message[] = "cannot run the qmp executable\n";
        [[maybe_unused]] const ssize_t n = ::write(ready[1], message, sizeof message - 1);
        ::_exit(127);
    }
    ::close(ready[1]);
    int status = 0;
    while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
    // Until the service closes its end: "ready", or why it could not start.
    QByteArray said;
    QDeadlineTimer deadline(kStartTimeoutMs);
    for (;;) {
        pollfd p{ready[0], POLLIN, 0};
        const int n = ::poll(&p, 1, int(std::max<qint64>(deadline.remainingTime(), 0)));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            ::close(ready[0]);
            *error = tr("the QMP service did not start within %1 s (see %2)").arg(kStartTimeoutMs / 1000).arg(m_paths.logPath());
            return false;
        }
        char buffer[512];
        const ssize_t got = ::read(ready[0], buffer, sizeof buffer);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            break;
        said.append(buffer, got);
    }
    ::close(ready[0]);
    said = said.trimmed();
    if (said == "ready" || said == "running")
        return true;
    *error = tr("the QMP service cannot start: %1")
                 .arg(said.isEmpty() ? tr("it ended without saying why (see %1)").arg(m_paths.logPath()) : QString::fromUtf8(said));
    return false;
}

std::optional<QCborMap> ServiceClient::request(const QCborMap &request, QString *error)
{
    if (!m_socket) {
        *error = tr("not connected");
        return std::nullopt;
    }
    // A send that fails may still have a refusal waiting to be read.
    const bool sent = m_socket->sendFrame(FrameDecoder::encode(request));
    std::optional<QCborMap> answer = receive(error, sent ? -1 : 1000);
    if (!answer && !sent)
        *error = tr("the QMP service closed the connection: %1").arg(m_socket->lastError());
    return answer;
}

bool ServiceClient::send(const QCborMap &request, QString *error)
{
    if (!m_socket) {
        *error = tr("not connected");
        return false;
    }
    if (m_socket->sendFrame(FrameDecoder::encode(request)))
        return true;
    *error = tr("the QMP service closed the connection: %1").arg(m_socket->lastError());
    return false;
}

std::optional<QCborMap> ServiceClient::receive(QString *error, int timeoutMs)
{
    const std::optional<QByteArray> payload = m_socket->receive(timeoutMs);
    if (!payload) {
        *error = m_socket->status() == FrameSocket::Status::End ? tr("the QMP service closed the connection")
                                                                : tr("no answer from the QMP service: %1").arg(m_socket->lastError());
        return std::nullopt;
    }
    QCborParserError parseError;
    const QCborValue value = FastCbor::decode(*payload, &parseError);
    if (parseError.error != QCborError::NoError || !value.isMap()) {
        *error = tr("the QMP service sent something that is not an answer");
        return std::nullopt;
    }
    return value.toMap();
}

} // namespace qmp
