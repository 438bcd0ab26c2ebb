// limit_tcp_pingpong [ROUNDS] [session]: the local socket round trip — a process and its forked
// child send 64 bytes there and back over one TCP connection on 127.0.0.1 (TCP_NODELAY, blocking
// reads, nothing else); prints rtt_us=<µs per round trip>. The floor for a call to a worker
// connected over TCP (slurm.apply.rtt). session: the child starts a session of its own (setsid),
// as slurmstepd starts each task of a step: with the kernel's autogroup scheduling
// (/proc/sys/kernel/sched_autogroup_enabled) the two then are scheduled in different groups, as
// a pool and its worker on a local Slurm cluster are.

#include "limitsupport.h"

#include <arpa/inet.h>
#include <cstring>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/wait.h>

namespace {

void fail(const char *what)
{
    std::perror(what);
    std::exit(1);
}

void exchange(int fd, char *buffer, size_t size, bool sendFirst)
{
    const auto readAll = [&] {
        for (size_t got = 0; got < size;) {
            const ssize_t n = ::read(fd, buffer + got, size - got);
            if (n <= 0)
                fail("read");
            got += size_t(n);
        }
    };
    if (!sendFirst)
        readAll();
    if (::write(fd, buffer, size) != ssize_t(size))
        fail("write");
    if (sendFirst)
        readAll();
}

} // namespace

int main(int argc, char **argv)
{
    const long rounds = limits::argumentOr(argc, argv, 1, 20000);
    const bool ownSession = argc > 2 && std::strcmp(argv[2], "session") == 0;
    const int listener = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (listener < 0 || ::bind(listener, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0
        || ::listen(listener, 1) != 0 || ::getsockname(listener, reinterpret_cast<sockaddr *>(&address), &length) != 0)
        fail("listen");
    const pid_t child = ::fork();
    if (child < 0)
        fail("fork");
    const int on = 1;
    char buffer[64] = {};
    if (child == 0) {
        if (ownSession)
            ::setsid();
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        if (fd < 0 || ::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0)
            fail("connect");
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
        for (long i = 0; i < rounds + 200; ++i)
            exchange(fd, buffer, sizeof buffer, false);
        ::_exit(0);
    }
    const int fd = ::accept(listener, nullptr, nullptr);
    if (fd < 0)
        fail("accept");
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    for (int i = 0; i < 200; ++i) // warm-up
        exchange(fd, buffer, sizeof buffer, true);
    const double start = limits::nowSeconds();
    for (long i = 0; i < rounds; ++i)
        exchange(fd, buffer, sizeof buffer, true);
    const double us = (limits::nowSeconds() - start) * 1e6 / double(rounds);
    ::waitpid(child, nullptr, 0);
    std::printf("rtt_us=%.2f\n", us);
    return 0;
}
