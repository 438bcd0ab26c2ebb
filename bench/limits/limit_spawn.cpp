// limit_spawn [JOBS] [--with-argument]: posix_spawn + waitpid of `true`, 2 in flight, JOBS times;
// prints per_job_us=<µs> per_job_ms=<ms>. With --with-argument each job is `true <its number>`,
// as parallel, xargs and qmp run are given them in the commands suite. The machine's floor for
// cmd.per_job and cli.per_job: no pipes, no process group, no bookkeeping.

#include "limitsupport.h"

#include <cstring>
#include <spawn.h>
#include <string>
#include <sys/wait.h>

extern char **environ;

namespace {

bool spawnTrue(long number, bool withArgument)
{
    std::string argument = std::to_string(number);
    char program[] = "true";
    char *argv[] = {program, withArgument ? argument.data() : nullptr, nullptr};
    pid_t pid = 0;
    const int error = ::posix_spawnp(&pid, "true", nullptr, nullptr, argv, environ);
    if (error != 0) {
        std::fprintf(stderr, "limit_spawn: posix_spawnp: %s\n", std::strerror(error));
        return false;
    }
    return true;
}

bool reapOne()
{
    int status = 0;
    pid_t pid;
    do {
        pid = ::waitpid(-1, &status, 0);
    } while (pid < 0 && errno == EINTR);
    if (pid < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        std::fprintf(stderr, "limit_spawn: a job failed\n");
        return false;
    }
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    const long jobs = limits::argumentOr(argc, argv, 1, 1000);
    const bool withArgument = argc > 2 && std::strcmp(argv[2], "--with-argument") == 0;
    constexpr long kInFlight = 2;
    const double start = limits::nowSeconds();
    long running = 0;
    for (long job = 1; job <= jobs; ++job) {
        if (running == kInFlight) {
            if (!reapOne())
                return 1;
            --running;
        }
        if (!spawnTrue(job, withArgument))
            return 1;
        ++running;
    }
    for (; running > 0; --running) {
        if (!reapOne())
            return 1;
    }
    const double seconds = limits::nowSeconds() - start;
    std::printf("per_job_us=%.1f per_job_ms=%.3f\n", seconds * 1e6 / double(jobs), seconds * 1e3 / double(jobs));
    return 0;
}
