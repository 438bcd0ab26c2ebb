// limit_pipe_pool N CHUNK: the least a process pool over pipes does for Pool(2).map(identity, 0..N-1):
// two forked workers, a task pipe and a result pipe each, chunks of CHUNK ints (0: Python's
// default, N / (4 * workers) rounded up), up to 512 tasks (at least two chunks) in flight per worker, each side
// reading what has arrived and answering it with one write; prints
// tasks_per_s=<x>. The floor for pool.map.chunk1 and pool.map.default.
// limit_pipe_pool N CHUNK text: the same map of 20-byte ASCII texts ("qmp text item 000042"), each
// worker upper-casing every item it gets; the floor for pool.map.text.
// limit_pipe_pool rtt ROUNDS: one int to a worker and back through its pipes, one at a time;
// prints rtt_us=<µs>. The floor for pool.apply.rtt.

#include "limitsupport.h"

#include <cstring>
#include <fcntl.h>
#include <algorithm>
#include <poll.h>
#include <sys/wait.h>
#include <vector>

namespace {

constexpr int kWorkers = 2;
// Chunks sent to a worker and not answered yet: two, or more while they hold fewer than 512 tasks.
constexpr long kInFlightTasks = 512;

// What an item is: a 4-byte int sent back as it is, or (text) a 20-byte text sent back upper-cased.
std::size_t g_itemSize = sizeof(int32_t);
bool g_upperCase = false;
constexpr std::size_t kTextSize = 20;

struct Worker
{
    pid_t pid = 0;
    int tasks = -1;   // the parent writes chunks here
    int results = -1; // and reads the replies here
    long inFlight = 0; // chunks sent and not answered yet
};

bool readFully(int fd, void *data, size_t size)
{
    auto *at = static_cast<char *>(data);
    while (size > 0) {
        const ssize_t n = ::read(fd, at, size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        at += n;
        size -= size_t(n);
    }
    return true;
}

bool writeFully(int fd, const void *data, size_t size)
{
    const auto *at = static_cast<const char *>(data);
    while (size > 0) {
        const ssize_t n = ::write(fd, at, size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        at += n;
        size -= size_t(n);
    }
    return true;
}

// A chunk on the wire: uint32 first index, uint32 count, then count items (a reply too).
constexpr size_t kHeader = 2 * sizeof(uint32_t);

// Complete chunks at the front of buffer: calls chunk(first, count, values) for each and drops them.
template <typename F>
void takeChunks(std::vector<char> &buffer, F chunk)
{
    size_t at = 0;
    for (;;) {
        if (buffer.size() - at < kHeader)
            break;
        uint32_t header[2];
        std::memcpy(header, buffer.data() + at, kHeader);
        const size_t size = kHeader + header[1] * g_itemSize;
        if (buffer.size() - at < size)
            break;
        chunk(header[0], header[1], buffer.data() + at + kHeader);
        at += size;
    }
    buffer.erase(buffer.begin(), buffer.begin() + std::ptrdiff_t(at));
}

// Appends what fd has now (at least one byte: blocks until then) to buffer; false at its end.
bool readSome(int fd, std::vector<char> &buffer)
{
    char block[65536];
    ssize_t n;
    do {
        n = ::read(fd, block, sizeof block);
    } while (n < 0 && errno == EINTR);
    if (n <= 0)
        return false;
    buffer.insert(buffer.end(), block, block + n);
    return true;
}

// A worker reads what has arrived, runs every complete chunk (identity: the reply is the chunk
// itself; text: the chunk upper-cased) and writes all their replies at once.
void serve(int tasks, int results)
{
    std::vector<char> in;
    std::vector<char> out;
    while (readSome(tasks, in)) {
        out.clear();
        takeChunks(in, [&out](uint32_t first, uint32_t count, const char *values) {
            const uint32_t header[2] = {first, count};
            out.insert(out.end(), reinterpret_cast<const char *>(header), reinterpret_cast<const char *>(header) + kHeader);
            const size_t at = out.size();
            out.insert(out.end(), values, values + count * g_itemSize);
            if (g_upperCase) {
                for (size_t k = at; k < out.size(); ++k) {
                    if (out[k] >= 'a' && out[k] <= 'z')
                        out[k] = char(out[k] - 'a' + 'A');
                }
            }
        });
        if (!out.empty() && !writeFully(results, out.data(), out.size()))
            ::_exit(1);
    }
    ::_exit(0);
}

Worker startWorker()
{
    int tasks[2];
    int results[2];
    if (::pipe2(tasks, O_CLOEXEC) != 0 || ::pipe2(results, O_CLOEXEC) != 0) {
        std::perror("pipe");
        std::exit(1);
    }
    // Room for every chunk in flight, so that neither side blocks writing while the other does.
    ::fcntl(tasks[1], F_SETPIPE_SZ, 1 << 20);
    ::fcntl(results[1], F_SETPIPE_SZ, 1 << 20);
    Worker w;
    w.pid = ::fork();
    if (w.pid < 0) {
        std::perror("fork");
        std::exit(1);
    }
    if (w.pid == 0) {
        ::close(tasks[1]);
        ::close(results[0]);
        serve(tasks[0], results[1]);
    }
    ::close(tasks[0]);
    ::close(results[1]);
    w.tasks = tasks[1];
    w.results = results[0];
    return w;
}

void stopWorkers(std::vector<Worker> &workers)
{
    for (Worker &w : workers) {
        ::close(w.tasks);
        ::close(w.results);
    }
    for (Worker &w : workers) {
        int status = 0;
        ::waitpid(w.pid, &status, 0);
    }
}

int roundTrips(long rounds)
{
    std::vector<Worker> workers{startWorker()};
    const Worker &w = workers.front();
    const long warmup = rounds / 10;
    double start = 0;
    for (long round = 0; round < rounds; ++round) {
        if (round == warmup)
            start = limits::nowSeconds();
        const uint32_t request[3] = {uint32_t(round), 1, uint32_t(round)};
        uint32_t reply[3];
        if (!writeFully(w.tasks, request, sizeof request) || !readFully(w.results, reply, sizeof reply)
            || reply[2] != uint32_t(round))
            return 1;
    }
    const double seconds = limits::nowSeconds() - start;
    stopWorkers(workers);
    std::printf("rtt_us=%.2f\n", seconds * 1e6 / double(rounds - warmup));
    return 0;
}

int map(long n, long chunk)
{
    if (chunk <= 0)
        chunk = (n + 4 * kWorkers - 1) / (4 * kWorkers);
    std::vector<char> inputs(size_t(n) * g_itemSize);
    std::vector<char> expected(inputs.size());
    for (long i = 0; i < n; ++i) {
        char *item = inputs.data() + size_t(i) * g_itemSize;
        if (g_upperCase) {
            char text[kTextSize + 1];
            std::snprintf(text, sizeof text, "qmp text item %06ld", i % 1000000);
            std::memcpy(item, text, kTextSize);
            std::snprintf(text, sizeof text, "QMP TEXT ITEM %06ld", i % 1000000);
            std::memcpy(expected.data() + size_t(i) * g_itemSize, text, kTextSize);
        } else {
            const int32_t value = int32_t(i);
            std::memcpy(item, &value, sizeof value);
            std::memcpy(expected.data() + size_t(i) * g_itemSize, &value, sizeof value);
        }
    }
    std::vector<char> outputs(inputs.size(), 0);
    std::vector<Worker> workers;
    for (int i = 0; i < kWorkers; ++i)
        workers.push_back(startWorker());
    std::vector<std::vector<char>> replies(kWorkers);
    const long inFlight = std::max(2L, kInFlightTasks / chunk);

    const double start = limits::nowSeconds();
    long next = 0; // the first index not sent yet
    long received = 0;
    std::vector<char> out;
    std::vector<pollfd> fds(kWorkers);
    while (received < n) {
        for (Worker &w : workers) {
            out.clear();
            for (; w.inFlight < inFlight && next < n; ++w.inFlight) {
                const long count = std::min(chunk, n - next);
                const uint32_t header[2] = {uint32_t(next), uint32_t(count)};
                out.insert(out.end(), reinterpret_cast<const char *>(header), reinterpret_cast<const char *>(header) + kHeader);
                const char *values = inputs.data() + size_t(next) * g_itemSize;
                out.insert(out.end(), values, values + size_t(count) * g_itemSize);
                next += count;
            }
            if (!out.empty() && !writeFully(w.tasks, out.data(), out.size()))
                return 1;
        }
        for (int i = 0; i < kWorkers; ++i)
            fds[size_t(i)] = pollfd{workers[size_t(i)].results, POLLIN, 0};
        if (::poll(fds.data(), fds.size(), -1) < 0 && errno != EINTR)
            return 1;
        for (int i = 0; i < kWorkers; ++i) {
            if (!(fds[size_t(i)].revents & (POLLIN | POLLHUP)))
                continue;
            Worker &w = workers[size_t(i)];
            if (!readSome(w.results, replies[size_t(i)]))
                return 1;
            takeChunks(replies[size_t(i)], [&](uint32_t first, uint32_t count, const char *values) {
                std::memcpy(outputs.data() + size_t(first) * g_itemSize, values, count * g_itemSize);
                received += count;
                --w.inFlight;
            });
        }
    }
    const double seconds = limits::nowSeconds() - start;
    stopWorkers(workers);
    if (outputs != expected) {
        std::fprintf(stderr, "limit_pipe_pool: wrong results\n");
        return 1;
    }
    std::printf("tasks_per_s=%.0f\n", double(n) / seconds);
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc > 1 && std::strcmp(argv[1], "rtt") == 0)
        return roundTrips(limits::argumentOr(argc, argv, 2, 20000));
    if (argc < 3) {
        std::fprintf(stderr, "usage: limit_pipe_pool N CHUNK [text] | limit_pipe_pool rtt ROUNDS\n");
        return 2;
    }
    if (argc > 3 && std::strcmp(argv[3], "text") == 0) {
        g_itemSize = kTextSize;
        g_upperCase = true;
    }
    return map(limits::argumentOr(argc, argv, 1, 100000), limits::argumentOr(argc, argv, 2, 1));
}
