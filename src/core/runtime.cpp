#include "runtime.h"

#include "errors.h"
#include "finalize.h"
#include "forkserver.h"
#include "process.h"
#include "remoteworker.h"
#include "sallocguard.h"
#include "workermain.h"

#include <QFileInfo>
#include <QThread>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <sched.h>
#include <unistd.h>

namespace qmp {

namespace {
std::atomic<Runtime *> g_runtime{nullptr};
std::atomic<bool> g_isWorker{false};
constexpr const char workerFlag[] = "--qmp-worker=";
constexpr const char forkServerFlag[] = "--qmp-forkserver=";

// The numbers after flag in arg ("flag=N" or "flag=N,M"; M is -1 when absent), or {-1, -1}
// when arg is not that flag.
WorkerDescriptors flagValues(const char *arg, const char *flag, std::size_t flagLength)
{
    if (std::strncmp(arg, flag, flagLength) != 0)
        return {};
    const char *text = arg + flagLength;
    char *end = nullptr;
    const long first = std::strtol(text, &end, 10);
    long second = -1;
    bool ok = end && end != text && first >= 0;
    if (ok && *end == ',') {
        const char *rest = end + 1;
        second = std::strtol(rest, &end, 10);
        ok = end && end != rest && second >= 0;
    }
    if (!ok || *end != '\0') {
        std::fprintf(stderr, "qmp: bad argument '%s'\n", arg);
        std::exit(2);
    }
    return {int(first), int(second), false};
}

QString resolveHostExecutable(const char *argv0)
{
    const QString self = QFileInfo(QStringLiteral("/proc/self/exe")).symLinkTarget();
    if (!self.isEmpty() && !self.endsWith(QLatin1String(" (deleted)")))
        return self;
    return QFileInfo(QString::fromLocal8Bit(argv0)).absoluteFilePath();
}
} // namespace

Runtime::Runtime(int &argc, char **argv, ForkServerStart forkServer)
{
    if (argc >= 2 && std::strcmp(argv[1], SallocGuard::flag) == 0) // between a SlurmAllocation and its salloc
        std::exit(SallocGuard::run(argv + 2));
    const WorkerDescriptors worker = argc >= 2 ? flagValues(argv[1], workerFlag, sizeof workerFlag - 1) : WorkerDescriptors{};
    // --qmp-forkserver=FD,PID: the server's control socket and the program it serves.
    const WorkerDescriptors serverValues = argc >= 2 ? flagValues(argv[1], forkServerFlag, sizeof forkServerFlag - 1) : WorkerDescriptors{};
    const int serverFd = serverValues.channel;
    const qint64 servedProgram = serverValues.lane >= 0 ? serverValues.lane : ::getppid();
    if (worker.channel >= 0 || serverFd >= 0) {
        g_runtime = this;
        m_hostExecutable = resolveHostExecutable(argv[0]);
        // A forkserver returns from serve() only inside each worker it forks.
        const WorkerDescriptors channels = serverFd >= 0 ? ForkServer::serve(serverFd, servedProgram) : worker;
        g_isWorker = true;
        std::exit(WorkerMain::run(channels, argc, argv,
                                  serverFd >= 0 ? WorkerMain::Exit::Fast : WorkerMain::Exit::Normal));
    }
    if (argc >= 2 && std::strncmp(argv[1], RemoteWorker::flag, sizeof RemoteWorker::flag - 1) == 0) {
        // A pool worker on another node (a Slurm task): it connects back to its pool over TCP.
        g_runtime = this;
        m_hostExecutable = resolveHostExecutable(argv[0]);
        g_isWorker = true;
        QString error;
        const int fd = RemoteWorker::connectBack(QString::fromLocal8Bit(argv[1] + sizeof RemoteWorker::flag - 1), &error);
        if (fd < 0) {
            std::fprintf(stderr, "qmp remote worker (pid %d): %s\n", int(::getpid()), qPrintable(error));
            std::exit(2);
        }
        std::exit(WorkerMain::run(WorkerDescriptors{fd, -1, true}, argc, argv, WorkerMain::Exit::Normal));
    }
    Runtime *expected = nullptr;
    if (!g_runtime.compare_exchange_strong(expected, this)) {
        std::fprintf(stderr, "qmp::Runtime: constructed twice; keep one, first in main()\n");
        std::abort();
    }
    m_hostExecutable = resolveHostExecutable(argc > 0 ? argv[0] : "");
    if (forkServer == ForkServerStart::OnFirstUse)
        return;
    // The forkserver, forked now while this program has one thread; it returns in its workers.
    if (const std::optional<WorkerDescriptors> channels = ForkServer::startEarly()) {
        g_isWorker = true;
        std::exit(WorkerMain::run(*channels, argc, argv, WorkerMain::Exit::Fast));
    }
}

Runtime::~Runtime()
{
    detail::runExitFinalizers(0); // Python's order: priority >= 0, then the children, then the rest
    for (Process *child : activeChildren()) {
        if (child->daemon())
            child->terminate();
        child->join();
    }
    detail::runExitFinalizers();
    ForkServer::shutdown();
    g_runtime = nullptr;
}

Runtime *Runtime::instance()
{
    return g_runtime;
}

bool Runtime::isWorker()
{
    return g_isWorker;
}

void exit(int code)
{
    if (Runtime::isWorker())
        throw SystemExit(code);
    std::exit(code);
}

int cpuCount()
{
    const long n = ::sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? int(n) : 1;
}

int processCpuCount()
{
    cpu_set_t set;
    CPU_ZERO(&set);
    if (::sched_getaffinity(0, sizeof set, &set) == 0) {
        const int n = CPU_COUNT(&set);
        if (n > 0)
            return n;
    }
    return cpuCount();
}

} // namespace qmp
