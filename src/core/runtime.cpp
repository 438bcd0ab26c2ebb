#include "runtime.h"

#include "errors.h"
#include "process.h"
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

QString resolveHostExecutable(const char *argv0)
{
    const QString self = QFileInfo(QStringLiteral("/proc/self/exe")).symLinkTarget();
    if (!self.isEmpty() && !self.endsWith(QLatin1String(" (deleted)")))
        return self;
    return QFileInfo(QString::fromLocal8Bit(argv0)).absoluteFilePath();
}
} // namespace

Runtime::Runtime(int &argc, char **argv)
{
    if (argc >= 2 && std::strncmp(argv[1], workerFlag, sizeof workerFlag - 1) == 0) {
        char *end = nullptr;
        const long fd = std::strtol(argv[1] + sizeof workerFlag - 1, &end, 10);
        if (!end || *end != '\0' || fd < 0) {
            std::fprintf(stderr, "qmp worker: bad argument '%s'\n", argv[1]);
            std::exit(2);
        }
        g_isWorker = true;
        g_runtime = this;
        m_hostExecutable = resolveHostExecutable(argv[0]);
        std::exit(WorkerMain::run(int(fd), argc, argv));
    }
    Runtime *expected = nullptr;
    if (!g_runtime.compare_exchange_strong(expected, this)) {
        std::fprintf(stderr, "qmp::Runtime: constructed twice; keep one, first in main()\n");
        std::abort();
    }
    m_hostExecutable = resolveHostExecutable(argc > 0 ? argv[0] : "");
}

Runtime::~Runtime()
{
    for (Process *child : activeChildren()) {
        if (child->daemon())
            child->terminate();
        child->join();
    }
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
