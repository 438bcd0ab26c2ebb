#include "remoteworker.h"

#include "authenticator.h"
#include "framesocket.h"
#include "socketaddress.h"

#include <QCborMap>

#include <cstdlib>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

namespace qmp {

QCborValue RemoteWorker::Hello::toCbor() const
{
    return QCborMap{{QStringLiteral("token"), token},
                    {QStringLiteral("pid"), pid},
                    {QStringLiteral("host"), host},
                    {QStringLiteral("step"), step}};
}

std::optional<RemoteWorker::Hello> RemoteWorker::Hello::fromCbor(const QCborValue &value)
{
    if (!value.isMap())
        return std::nullopt;
    const QCborValue token = value[QStringLiteral("token")];
    const QCborValue pid = value[QStringLiteral("pid")];
    if (!token.isByteArray() || !pid.isInteger())
        return std::nullopt;
    Hello hello;
    hello.token = token.toByteArray();
    hello.pid = pid.toInteger();
    hello.host = value[QStringLiteral("host")].toString();
    hello.step = value[QStringLiteral("step")].toString();
    return hello;
}

void RemoteWorker::enableKeepAlive(int fd)
{
    const int on = 1, idle = 10, interval = 5, count = 3;
    ::setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof on);
    ::setsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, &idle, sizeof idle);
    ::setsockopt(fd, IPPROTO_TCP, TCP_KEEPINTVL, &interval, sizeof interval);
    ::setsockopt(fd, IPPROTO_TCP, TCP_KEEPCNT, &count, sizeof count);
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
}

int RemoteWorker::connectBack(const QString &address, QString *error)
{
    const QByteArray key = QByteArray::fromHex(qgetenv(authkeyVariable));
    const QByteArray token = qgetenv(tokenVariable);
    ::unsetenv(authkeyVariable); // the task's own children have no business with it
    ::unsetenv(tokenVariable);
    if (key.isEmpty() || token.isEmpty()) {
        *error = QStringLiteral("%1 and %2 must be set").arg(QLatin1String(authkeyVariable), QLatin1String(tokenVariable));
        return -1;
    }
    SocketAddress target;
    try {
        target = SocketAddress::parse(address);
    } catch (const std::exception &e) {
        *error = QString::fromUtf8(e.what());
        return -1;
    }
    QString why;
    const int fd = target.connect(&why, 30000);
    if (fd < 0) {
        *error = QStringLiteral("cannot connect to the pool at %1: %2").arg(address, why);
        return -1;
    }
    enableKeepAlive(fd);
    const int kept = ::dup(fd); // FrameSocket closes its own
    {
        FrameSocket socket(fd);
        const Authenticator::Result result = Authenticator::answer(socket, key, QDeadlineTimer(Authenticator::defaultTimeoutMs));
        Hello hello;
        hello.token = token;
        hello.pid = qint64(::getpid());
        // Slurm's name for the node (what squeue and srun say), else this machine's host name.
        hello.host = QString::fromLocal8Bit(qgetenv("SLURMD_NODENAME"));
        if (hello.host.isEmpty()) {
            char host[256] = {};
            ::gethostname(host, sizeof host - 1);
            hello.host = QString::fromLocal8Bit(host);
        }
        const QByteArray job = qgetenv("SLURM_JOB_ID");
        if (!job.isEmpty())
            hello.step = QString::fromUtf8(job + '.' + qgetenv("SLURM_STEP_ID"));
        if (!result.accepted() || !socket.send(hello.toCbor().toCbor())) {
            *error = QStringLiteral("the pool at %1 did not accept this worker: %2")
                         .arg(address, result.accepted() ? socket.lastError() : result.error);
            ::close(kept);
            return -1;
        }
    }
    return kept;
}

} // namespace qmp
