// qmp_monitor_peer: another local user's process on the monitor socket, for tst_monitorsocket
// and tst_pssubcommand (run as `nobody`):
//   qmp_monitor_peer squat NAME PID   binds the abstract NAME first and, to whoever connects, plays
//                                     program PID with a pool called "fake" (until stdin closes);
//                                     prints "ready" once it listens
//   qmp_monitor_peer connect NAME     connects to NAME and prints what came back within 10 s:
//                                     "closed 0" (refused), "got N" (N bytes), "silent", or
//                                     "cannot-connect"
#include "framedecoder.h"
#include "monitorprotocol.h"

#include <QCborMap>
#include <QCoreApplication>

#include <cstdio>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {

QCborMap message(const char *type)
{
    QCborMap m;
    m.insert(QStringLiteral("t"), QString::fromLatin1(type));
    return m;
}

bool sendAll(int fd, const QByteArray &bytes)
{
    return ::send(fd, bytes.constData(), size_t(bytes.size()), MSG_NOSIGNAL) == bytes.size();
}

int squat(const QByteArray &name, qint64 pid)
{
    QString error;
    const int listener = qmp::MonitorProtocol::listenOn(name, &error);
    if (listener < 0) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    std::printf("ready\n");
    std::fflush(stdout);
    for (;;) {
        pollfd fds[2] = {{listener, POLLIN, 0}, {0, POLLIN, 0}};
        if (::poll(fds, 2, -1) < 0)
            return 1;
        if (fds[1].revents) {
            char c;
            if (::read(0, &c, 1) <= 0)
                return 0; // stdin closed: the test is done with us
        }
        if (!(fds[0].revents & POLLIN))
            continue;
        const int fd = ::accept(listener, nullptr, nullptr);
        if (fd < 0)
            continue;
        QCborMap hello = message("hello");
        hello.insert(QStringLiteral("v"), qmp::MonitorProtocol::kVersion);
        hello.insert(QStringLiteral("pid"), pid);
        hello.insert(QStringLiteral("program"), QStringLiteral("fake"));
        hello.insert(QStringLiteral("control"), true);
        QCborMap pool = message("pool");
        pool.insert(QStringLiteral("id"), 1);
        pool.insert(QStringLiteral("name"), QStringLiteral("fake"));
        pool.insert(QStringLiteral("processes"), 1);
        pool.insert(QStringLiteral("lifecycle"), 0);
        sendAll(fd, qmp::FrameDecoder::encode(hello) + qmp::FrameDecoder::encode(pool)
                        + qmp::FrameDecoder::encode(message("ready")));
        ::shutdown(fd, SHUT_WR);
        ::close(fd);
    }
}

int connectTo(const QByteArray &name)
{
    QString error;
    const int fd = qmp::MonitorProtocol::connectTo(name, &error);
    if (fd < 0) {
        std::printf("cannot-connect\n");
        return 0;
    }
    qsizetype got = 0;
    for (;;) {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, got ? 1000 : 10000) <= 0) { // after the snapshot, a live stream follows
            std::printf(got ? "got %lld\n" : "silent\n", static_cast<long long>(got));
            return 0;
        }
        char buffer[65536];
        const ssize_t n = ::recv(fd, buffer, sizeof(buffer), 0);
        if (n <= 0) {
            std::printf(got ? "got %lld\n" : "closed 0\n", static_cast<long long>(got));
            return 0;
        }
        got += n;
    }
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() == 4 && args.at(1) == QLatin1String("squat"))
        return squat(args.at(2).toLatin1(), args.at(3).toLongLong());
    if (args.size() == 3 && args.at(1) == QLatin1String("connect"))
        return connectTo(args.at(2).toLatin1());
    std::fprintf(stderr, "usage: qmp_monitor_peer squat NAME PID | connect NAME\n");
    return 2;
}
