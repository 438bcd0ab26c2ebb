#include "monitorprotocol.h"

#include "cborconvert.h"

#include <QCborArray>
#include <QCborMap>
#include <QDeadlineTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QtEndian>

#include <algorithm>
#include <vector>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <dirent.h>
#include <grp.h>
#include <pwd.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

namespace qmp {

namespace {
constexpr char kPrefix[] = "qmp-monitor.";

// An abstract sockaddr_un for name; len receives its length.
sockaddr_un address(const QByteArray &name, socklen_t *len)
{
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    const qsizetype n = std::min<qsizetype>(name.size(), qsizetype(sizeof(addr.sun_path)) - 1);
    std::memcpy(addr.sun_path + 1, name.constData(), size_t(n)); // sun_path[0] = 0: abstract
    *len = socklen_t(offsetof(sockaddr_un, sun_path) + 1 + size_t(n));
    return addr;
}

QString errnoText(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

enum class Owner { Yes, No, Unknown };

// Whether process pid of user uid holds the socket with this inode, as far as /proc shows this
// user: the process's owner is the uid the name claims, and one of its descriptors is that socket.
Owner ownsSocket(qint64 pid, uint uid, const QByteArray &inode)
{
    struct stat info = {};
    const QByteArray proc = "/proc/" + QByteArray::number(pid);
    if (::stat(proc.constData(), &info) != 0)
        return Owner::Unknown;
    if (info.st_uid != uid)
        return Owner::No;
    DIR *fds = ::opendir((proc + "/fd").constData());
    if (!fds)
        return Owner::Unknown; // another user's process: not ours to look at
    const QByteArray target = "socket:[" + inode + ']';
    Owner owner = Owner::No;
    while (const dirent *fd = ::readdir(fds)) {
        char link[64] = {};
        const QByteArray path = proc + "/fd/" + fd->d_name;
        const ssize_t n = ::readlink(path.constData(), link, sizeof(link) - 1);
        if (n > 0 && QByteArray(link, n) == target) {
            owner = Owner::Yes;
            break;
        }
    }
    ::closedir(fds);
    return owner;
}
} // namespace

QByteArray MonitorProtocol::endpointName(qint64 pid)
{
    return QByteArray(kPrefix) + QByteArray::number(uint(::geteuid())) + '.' + QByteArray::number(pid);
}

QByteArray MonitorProtocol::fallbackName(qint64 pid)
{
    return endpointName(pid) + '.' + QByteArray::number(QRandomGenerator::system()->generate64(), 16);
}

QList<MonitorEndpoint> MonitorProtocol::discover(const QString &procNetUnix)
{
    QList<MonitorEndpoint> found;
    QFile file(procNetUnix);
    if (!file.open(QIODevice::ReadOnly))
        return found;
    // "Num RefCount Protocol Flags Type St Inode Path"; a listening socket has __SO_ACCEPTCON (0x10000).
    const QList<QByteArray> lines = file.readAll().split('\n');
    for (const QByteArray &line : lines) {
        const QList<QByteArray> fields = line.simplified().split(' ');
        if (fields.size() < 8 || !fields.at(7).startsWith(QByteArray("@") + kPrefix))
            continue;
        bool ok = false;
        const uint flags = fields.at(3).toUInt(&ok, 16);
        if (!ok || !(flags & 0x10000))
            continue;
        const QByteArray name = fields.at(7).mid(1);
        const QList<QByteArray> parts = name.mid(int(sizeof(kPrefix)) - 1).split('.');
        if (parts.size() != 2 && parts.size() != 3)
            continue;
        MonitorEndpoint endpoint;
        bool uidOk = false, pidOk = false;
        endpoint.uid = parts.at(0).toUInt(&uidOk);
        endpoint.pid = parts.at(1).toLongLong(&pidOk);
        if (!uidOk || !pidOk || endpoint.pid <= 0)
            continue;
        const bool real = procNetUnix == QStringLiteral("/proc/net/unix");
        if (real && ::kill(pid_t(endpoint.pid), 0) != 0 && errno == ESRCH)
            continue; // a socket left by a process that is gone (cannot happen for abstract ones, but cheap)
        if (real && ownsSocket(endpoint.pid, endpoint.uid, fields.at(6)) == Owner::No)
            continue; // a name bound by another process: an impostor
        QFile comm(QStringLiteral("/proc/%1/comm").arg(endpoint.pid));
        if (comm.open(QIODevice::ReadOnly))
            endpoint.program = QString::fromLocal8Bit(comm.readAll().trimmed());
        endpoint.name = name;
        const bool duplicate = std::any_of(found.begin(), found.end(),
                                           [&](const MonitorEndpoint &e) { return e.name == endpoint.name; });
        if (!duplicate)
            found.append(endpoint);
    }
    std::sort(found.begin(), found.end(), [](const MonitorEndpoint &a, const MonitorEndpoint &b) { return a.pid < b.pid; });
    return found;
}

QCborValue MonitorProtocol::encode(const PoolEvent &e)
{
    return QCborArray{int(e.kind), e.timeNs, qint64(e.taskId), qint64(e.batchId), qint64(e.index), e.isCommand,
                      e.task, e.items, e.attempt, e.workerPid, e.durationNs, e.exitCode, e.channel, e.message};
}

QCborArray MonitorProtocol::encode(const QList<PoolEvent> &events)
{
    QCborArray array;
    for (const PoolEvent &event : events)
        array.append(encode(event));
    return array;
}

std::optional<PoolEvent> MonitorProtocol::decodeEvent(const QCborValue &value)
{
    if (!value.isArray())
        return std::nullopt;
    const QCborArray a = value.toArray();
    if (a.size() != 14 || !a.at(0).isInteger() || !a.at(1).isInteger())
        return std::nullopt;
    const qint64 kind = cborInteger(a.at(0));
    if (kind < 0 || kind > int(PoolEvent::Kind::WorkerPlaced))
        return std::nullopt;
    PoolEvent e;
    e.kind = PoolEvent::Kind(kind);
    e.timeNs = cborInteger(a.at(1));
    e.taskId = quint64(cborInteger(a.at(2)));
    e.batchId = quint64(cborInteger(a.at(3)));
    e.index = qsizetype(cborInteger(a.at(4)));
    e.isCommand = a.at(5).toBool();
    e.task = a.at(6).toString();
    e.items = int(cborInteger(a.at(7)));
    e.attempt = int(cborInteger(a.at(8)));
    e.workerPid = cborInteger(a.at(9));
    e.durationNs = cborInteger(a.at(10));
    e.exitCode = int(cborInteger(a.at(11)));
    e.channel = int(cborInteger(a.at(12)));
    e.message = a.at(13).toString();
    return e;
}

QCborMap MonitorProtocol::encodeExtras(const QList<PoolEvent> &events)
{
    QCborMap extras;
    for (qsizetype i = 0; i < events.size(); ++i) {
        const PoolEvent &e = events.at(i);
        if (!e.single && !e.failsTogether && e.reason == PoolEvent::Reason::None && !e.arguments.isArray()
            && e.result.isUndefined() && e.host.isEmpty() && e.slurmJobId == 0 && e.slurmState.isEmpty()
            && e.slurmStep.isEmpty())
            continue;
        QCborMap x;
        if (e.single)
            x.insert(QStringLiteral("s"), true);
        if (e.failsTogether)
            x.insert(QStringLiteral("w"), true);
        if (e.reason != PoolEvent::Reason::None) {
            x.insert(QStringLiteral("r"), int(e.reason));
            x.insert(QStringLiteral("ra"), e.reasonArgs);
        }
        if (e.arguments.isArray())
            x.insert(QStringLiteral("a"), e.arguments);
        if (!e.result.isUndefined())
            x.insert(QStringLiteral("v"), e.result);
        if (!e.host.isEmpty())
            x.insert(QStringLiteral("h"), e.host);
        if (e.slurmJobId != 0)
            x.insert(QStringLiteral("sj"), e.slurmJobId);
        if (!e.slurmState.isEmpty())
            x.insert(QStringLiteral("ss"), e.slurmState);
        if (!e.slurmStep.isEmpty())
            x.insert(QStringLiteral("st"), e.slurmStep);
        extras.insert(i, x);
    }
    return extras;
}

void MonitorProtocol::applyExtras(const QCborMap &extras, QList<PoolEvent> *events)
{
    for (auto it = extras.begin(); it != extras.end(); ++it) {
        const qint64 i = it.key().toInteger(-1);
        if (i < 0 || i >= events->size() || !it.value().isMap())
            continue; // a peer's mistake costs that detail, not the connection
        const QCborMap x = it.value().toMap();
        PoolEvent &e = (*events)[i];
        e.single = x.value(QStringLiteral("s")).toBool();
        e.failsTogether = x.value(QStringLiteral("w")).toBool();
        const qint64 reason = cborInteger(x.value(QStringLiteral("r")));
        if (reason > 0 && reason <= int(PoolEvent::Reason::PoolGone)) {
            e.reason = PoolEvent::Reason(reason);
            e.reasonArgs = x.value(QStringLiteral("ra")).toArray();
        }
        if (x.contains(QStringLiteral("a")))
            e.arguments = x.value(QStringLiteral("a"));
        if (x.contains(QStringLiteral("v")))
            e.result = x.value(QStringLiteral("v"));
        e.host = x.value(QStringLiteral("h")).toString();
        e.slurmJobId = cborInteger(x.value(QStringLiteral("sj")));
        e.slurmState = x.value(QStringLiteral("ss")).toString();
        e.slurmStep = x.value(QStringLiteral("st")).toString();
    }
}

QCborArray MonitorProtocol::encode(const StuckReason &reason)
{
    return {int(reason.kind), reason.runningMs, reason.limitMs, reason.factor, reason.idleMs};
}

std::optional<StuckReason> MonitorProtocol::decodeStuck(const QCborValue &value)
{
    const QCborArray a = value.toArray();
    if (a.size() < 5 || !a.at(0).isInteger())
        return std::nullopt;
    const qint64 kind = cborInteger(a.at(0));
    if (kind < 0 || kind > int(StuckReason::Kind::PastTimeout))
        return std::nullopt;
    StuckReason reason;
    reason.kind = StuckReason::Kind(kind);
    reason.runningMs = cborInteger(a.at(1));
    reason.limitMs = cborInteger(a.at(2));
    reason.factor = a.at(3).toDouble();
    reason.idleMs = cborInteger(a.at(4));
    return reason;
}

std::optional<MonitorProtocol::Hello> MonitorProtocol::probe(const MonitorEndpoint &endpoint, int timeoutMs)
{
    QString error;
    const int fd = connectTo(endpoint.name, &error);
    if (fd < 0)
        return std::nullopt;
    // The first frame is the hello: a 4-byte big-endian length, then one CBOR map.
    QByteArray buffer;
    QDeadlineTimer deadline(timeoutMs);
    std::optional<Hello> hello;
    while (!deadline.hasExpired()) {
        pollfd pfd{fd, POLLIN, 0};
        const int ready = ::poll(&pfd, 1, int(std::max<qint64>(1, deadline.remainingTime())));
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready <= 0)
            break;
        char chunk[4096];
        const ssize_t got = ::read(fd, chunk, sizeof chunk);
        if (got <= 0)
            break;
        buffer.append(chunk, got);
        if (buffer.size() < 4)
            continue;
        const quint32 length = qFromBigEndian<quint32>(buffer.constData());
        if (length > 65536)
            break; // not a hello
        if (buffer.size() < qsizetype(4 + length))
            continue;
        const QCborMap m = QCborValue::fromCbor(buffer.mid(4, length)).toMap();
        if (m.value(QStringLiteral("t")).toString() == QStringLiteral("hello")) {
            hello = Hello{cborInteger(m.value(QStringLiteral("pid"))), m.value(QStringLiteral("program")).toString(),
                          m.value(QStringLiteral("control")).toBool()};
        }
        break;
    }
    ::close(fd);
    return hello;
}

int MonitorProtocol::connectTo(const QByteArray &name, QString *error)
{
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        *error = QStringLiteral("socket: %1").arg(errnoText(errno));
        return -1;
    }
    socklen_t len = 0;
    const sockaddr_un addr = address(name, &len);
    if (::connect(fd, reinterpret_cast<const sockaddr *>(&addr), len) != 0) {
        *error = QStringLiteral("cannot connect to the monitor socket @%1: %2")
                     .arg(QString::fromLatin1(name), errnoText(errno));
        ::close(fd);
        return -1;
    }
    return fd;
}

int MonitorProtocol::listenOn(const QByteArray &name, QString *error)
{
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0) {
        *error = QStringLiteral("socket: %1").arg(errnoText(errno));
        return -1;
    }
    socklen_t len = 0;
    const sockaddr_un addr = address(name, &len);
    if (::bind(fd, reinterpret_cast<const sockaddr *>(&addr), len) != 0 || ::listen(fd, 16) != 0) {
        *error = QStringLiteral("cannot listen on the monitor socket @%1: %2")
                     .arg(QString::fromLatin1(name), errnoText(errno));
        ::close(fd);
        return -1;
    }
    return fd;
}

std::optional<MonitorProtocol::Credentials> MonitorProtocol::peerCredentials(int fd)
{
    ucred cred{};
    socklen_t len = sizeof(cred);
    if (::getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) != 0 || len != sizeof(cred) || cred.pid <= 0)
        return std::nullopt;
    return Credentials{qint64(cred.pid), qint64(cred.uid), qint64(cred.gid)};
}

bool MonitorProtocol::inGroup(qint64 uid, qint64 gid, qint64 group)
{
    if (group < 0)
        return false;
    if (gid == group)
        return true;
    // Supplementary groups: the user's entry in the group database.
    std::vector<char> buffer(16384);
    passwd entry = {};
    passwd *found = nullptr;
    if (::getpwuid_r(uid_t(uid), &entry, buffer.data(), buffer.size(), &found) != 0 || !found)
        return false;
    int count = 64;
    std::vector<gid_t> groups;
    groups.resize(size_t(count));
    if (::getgrouplist(found->pw_name, gid_t(gid), groups.data(), &count) < 0) {
        groups.resize(size_t(count));
        if (::getgrouplist(found->pw_name, gid_t(gid), groups.data(), &count) < 0)
            return false;
    }
    groups.resize(size_t(count));
    return std::find(groups.begin(), groups.end(), gid_t(group)) != groups.end();
}

} // namespace qmp
