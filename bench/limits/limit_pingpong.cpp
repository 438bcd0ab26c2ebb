// limit_pingpong MODE [ROUNDS]: two processes ping-pong through one word of shared memory;
// prints rtt_us=<µs per round trip>. MODE block: each side sleeps on the futex at once (every
// round trip is two wake-ups); spin: each side spins on the word (with a free core each, no
// sleep at all; it yields the CPU every 1000 looks, so a busy machine still ends the run). The machine's floor for a cross-process round trip (pipe.rtt, event.rtt, pool.apply.rtt).

#include "limitsupport.h"

#include <cstring>
#include <sched.h>
#include <sys/wait.h>

namespace {

// The word holds the round's number: odd when it is the child's turn, even for the parent's.
void waitFor(std::atomic<uint32_t> *word, uint32_t value, bool spin)
{
    unsigned looks = 0;
    for (uint32_t seen = word->load(std::memory_order_acquire); seen != value;
         seen = word->load(std::memory_order_acquire)) {
        if (!spin)
            limits::futexWait(word, seen);
        else if (++looks % 1000 == 0)
            ::sched_yield();
        else
            limits::cpuRelax();
    }
}

void pass(std::atomic<uint32_t> *word, uint32_t value, bool spin)
{
    word->store(value, std::memory_order_release);
    if (!spin)
        limits::futexWakeAll(word);
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 2 || (std::strcmp(argv[1], "block") != 0 && std::strcmp(argv[1], "spin") != 0)) {
        std::fprintf(stderr, "usage: limit_pingpong block|spin [ROUNDS]\n");
        return 2;
    }
    const bool spin = std::strcmp(argv[1], "spin") == 0;
    const auto rounds = uint32_t(limits::argumentOr(argc, argv, 2, spin ? 100000 : 50000));
    auto *word = new (limits::sharedMemory(4096)) std::atomic<uint32_t>(0);

    const pid_t child = ::fork();
    if (child < 0) {
        std::perror("fork");
        return 1;
    }
    if (child == 0) {
        for (uint32_t round = 0; round < rounds; ++round) {
            waitFor(word, 2 * round + 1, spin);
            pass(word, 2 * round + 2, spin);
        }
        ::_exit(0);
    }
    const uint32_t warmup = rounds / 10;
    double start = 0;
    for (uint32_t round = 0; round < rounds; ++round) {
        if (round == warmup)
            start = limits::nowSeconds();
        pass(word, 2 * round + 1, spin);
        waitFor(word, 2 * round + 2, spin);
    }
    const double seconds = limits::nowSeconds() - start;
    int status = 0;
    ::waitpid(child, &status, 0);
    std::printf("rtt_us=%.3f\n", seconds * 1e6 / double(rounds - warmup));
    return 0;
}
