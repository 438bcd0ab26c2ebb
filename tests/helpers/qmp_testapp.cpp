// One helper binary hosts every child behaviour the tests need that the test binary itself
// cannot play, chosen by the first argument:
//
//   spawn-and-hang N        start N children that sleep, print their pids, then wait to be killed
//   exit-with-children FILE start a daemon child that sleeps and a non-daemon child that writes
//                           FILE after a short sleep; print both pids; return from main at once
//   exit-hooks FILE HOW     register exit hooks that append to FILE, then end HOW: "return" from
//                           main, "exit" (std::exit(4)), "qmp-exit" (qmp::exit(5)), "kill" (SIGKILL)
//   hold-allocation NAME    request a Slurm allocation (job name NAME), print "granted" when
//                           salloc says so, then wait to be killed
//   queue-and-child N [BYTES]  make a Queue holding N items (of BYTES bytes each: a large one
//                           has a block of its own) and start a child that sleeps (so the
//                           program has a forkserver); print the queue's key, then wait to be
//                           killed
//   queue-then-close-sockets MS  make a Queue holding one item and start a child that sleeps
//                           (so the program has a forkserver); close every socket we hold, our
//                           end of the forkserver's control socket among them (as the kernel
//                           closes a dying program's descriptors before the program has ended);
//                           print the queue's key, then "server-ended" if the forkserver ends
//                           within MS ms, else "server-waits"; then _exit(0), leaving the queue
//   forkserver-start HOW    construct qmp::Runtime with HOW: "at-start-up", "on-first-use", or
//                           "thread-before-runtime" (at start-up, a thread running already, as a
//                           library might start one); print whether a forkserver runs ("none" or
//                           "running"), start a child, print how the forkserver came to be
//                           ("forked" by Runtime, or "executed" anew), the child's exit code and
//                           where the server's standard input and output lead, and whether our
//                           descriptor 0 is a socket

#include "finalize.h"
#include "forkserver.h"
#include "process.h"
#include "processinfo.h"
#include "queue.h"
#include "runtime.h"
#include "slurmallocation.h"
#include "taskregistry.h"

#include <QCoreApplication>
#include <QFile>
#include <QThread>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <future>
#include <poll.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <thread>
#include <unistd.h>

namespace {

void sleepMs(int ms)
{
    QThread::msleep(ms);
}
QMP_TASK(sleepMs);

void writeFileLater(const QString &path, int ms)
{
    QThread::msleep(ms);
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(qmp::currentProcess().name().toUtf8());
}
QMP_TASK(writeFileLater);

void appendLine(const QString &path, const char *line)
{
    QFile file(path);
    if (file.open(QIODevice::Append))
        file.write(QByteArray(line) + '\n');
}

int usage()
{
    std::fprintf(stderr, "usage: qmp_testapp spawn-and-hang N | exit-with-children FILE | exit-hooks FILE HOW | hold-allocation NAME | queue-and-child N [BYTES] | queue-then-close-sockets MS | forkserver-start HOW\n");
    return 2;
}

} // namespace

int main(int argc, char *argv[])
{
    const bool forkServerStart = argc == 3 && std::strcmp(argv[1], "forkserver-start") == 0;
    std::promise<void> release;
    std::thread early;
    if (forkServerStart && std::strcmp(argv[2], "thread-before-runtime") == 0)
        early = std::thread([waiting = release.get_future()] { waiting.wait(); });
    qmp::Runtime runtime(argc, argv,
                         forkServerStart && std::strcmp(argv[2], "on-first-use") == 0
                             ? qmp::Runtime::ForkServerStart::OnFirstUse
                             : qmp::Runtime::ForkServerStart::AtStartUp);
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (forkServerStart) {
        std::printf("%s\n", qmp::ForkServer::runningPid() == 0 ? "none" : "running");
        qmp::Process child(qmp::TaskCall::of(&sleepMs, 0));
        child.start();
        child.join();
        QFile commandLine(QStringLiteral("/proc/%1/cmdline").arg(qmp::ForkServer::runningPid()));
        const bool executed = commandLine.open(QIODevice::ReadOnly) && commandLine.readAll().contains("--qmp-forkserver=");
        // Where the server's standard input and output lead: not to ours (the test reads our
        // stdout through a pipe).
        const auto target = [](int fd) {
            return QFile::symLinkTarget(QStringLiteral("/proc/%1/fd/%2").arg(qmp::ForkServer::runningPid()).arg(fd))
                .section(u'/', -1);
        };
        // And whether our descriptor 0 is a socket: when the program started with stdin closed,
        // the next descriptor it opened took that number, and it must not be the forkserver's.
        const QString input = QFile::symLinkTarget(QStringLiteral("/proc/self/fd/0")).section(u'/', -1).startsWith(u"socket:")
                                  ? QStringLiteral("socket")
                                  : QStringLiteral("no socket");
        std::printf("%s\n%d\n%s %s\n%s\n", executed ? "executed" : "forked", child.exitCode().value_or(-1000),
                    qPrintable(target(0)), qPrintable(target(1)), qPrintable(input));
        if (early.joinable()) {
            release.set_value();
            early.join();
        }
        return 0;
    }
    if (args.size() < 3)
        return usage();

    if (args.at(1) == QLatin1String("spawn-and-hang")) {
        for (int i = 0; i < args.at(2).toInt(); ++i) {
            auto *child = new qmp::Process(qmp::TaskCall::of(&sleepMs, 60000), &app);
            child->start();
            std::printf("%lld\n", child->pid());
        }
        std::fflush(stdout);
        QThread::sleep(60); // the test kills us long before
        return 0;
    }
    if (args.at(1) == QLatin1String("exit-with-children")) {
        auto *daemonChild = new qmp::Process(qmp::TaskCall::of(&sleepMs, 60000), &app);
        daemonChild->setDaemon(true);
        daemonChild->start();
        auto *child = new qmp::Process(qmp::TaskCall::of(&writeFileLater, args.at(2), 300), &app);
        child->start();
        std::printf("%lld\n%lld\n", daemonChild->pid(), child->pid());
        std::fflush(stdout);
        return 0; // ~Runtime: terminates the daemon child, joins the other
    }
    if (args.at(1) == QLatin1String("exit-hooks") && args.size() == 4) {
        const QString path = args.at(2);
        qmp::atExit([path] { appendLine(path, "after the children"); }, -1);
        qmp::atExit([path] { appendLine(path, "first registered"); });
        qmp::atExit([path] { appendLine(path, "urgent"); }, 100);
        // An object alive at exit (never destroyed) whose clean-up has an exit priority.
        static auto *owned = new qmp::Finalize([path] { appendLine(path, "owned"); }, 0);
        Q_UNUSED(owned);
        qmp::Finalize noPriority([path] { appendLine(path, "scope end"); }); // not an exit hook
        const QString how = args.at(3);
        if (how == QLatin1String("exit"))
            std::exit(4);
        if (how == QLatin1String("qmp-exit"))
            qmp::exit(5);
        if (how == QLatin1String("kill"))
            ::kill(::getpid(), SIGKILL);
        return 0;
    }
    if (args.at(1) == QLatin1String("queue-and-child")) {
        static qmp::Queue queue; // never destroyed: the test ends us with a signal
        const QByteArray item = args.size() > 3 ? QByteArray(args.at(3).toInt(), 'x') : QByteArray("item");
        for (int i = 0; i < args.at(2).toInt(); ++i)
            queue.put(item);
        auto *child = new qmp::Process(qmp::TaskCall::of(&sleepMs, 60000), &app);
        child->start();
        std::printf("%s\n", qPrintable(queue.handle().key));
        std::fflush(stdout);
        QThread::sleep(60); // the test ends us long before
        return 0;
    }
    if (args.at(1) == QLatin1String("queue-then-close-sockets")) {
        static qmp::Queue queue; // never destroyed: we end with _exit()
        queue.put(QByteArray("item"));
        auto *child = new qmp::Process(qmp::TaskCall::of(&sleepMs, 60000), &app);
        child->start();
        const int serverPidfd = int(::syscall(SYS_pidfd_open, pid_t(qmp::ForkServer::runningPid()), 0));
        if (serverPidfd < 0) {
            std::perror("pidfd_open");
            return 2;
        }
        QList<int> sockets;
        if (DIR *fds = ::opendir("/proc/self/fd")) {
            while (const dirent *entry = ::readdir(fds)) {
                struct stat info {};
                const int fd = std::atoi(entry->d_name);
                if (entry->d_name[0] != '.' && ::fstat(fd, &info) == 0 && S_ISSOCK(info.st_mode))
                    sockets.append(fd);
            }
            ::closedir(fds);
        }
        for (int fd : sockets)
            ::close(fd);
        pollfd serverEnd{serverPidfd, POLLIN, 0};
        const bool ended = ::poll(&serverEnd, 1, args.at(2).toInt()) == 1;
        std::printf("%s\n%s\n", qPrintable(queue.handle().key), ended ? "server-ended" : "server-waits");
        std::fflush(stdout);
        ::_exit(0);
    }
    if (args.at(1) == QLatin1String("hold-allocation")) {
        auto *allocation = new qmp::SlurmAllocation(&app);
        QObject::connect(allocation, &qmp::SlurmAllocation::granted, &app, [] {
            std::printf("granted\n");
            std::fflush(stdout);
        });
        QObject::connect(allocation, &qmp::SlurmAllocation::failed, &app, [](const QString &why) {
            std::fprintf(stderr, "%s\n", qPrintable(why));
            QCoreApplication::exit(1);
        });
        qmp::SlurmAllocation::Request request;
        request.name = args.at(2);
        allocation->request(request);
        return app.exec(); // the test kills us
    }
    return usage();
}
