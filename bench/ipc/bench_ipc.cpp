// The ipc suite: one figure per line, "<name>=<value>", for bench/run ipc.
//   queue_64b_per_s     64-byte items a child puts and the parent gets, per second (get(): a
//                       QCborValue per item, what a reader of any kind of item calls)
//   queue_64b_bytes_per_s the same, the parent calling getBytesInto() with one reused buffer (what
//                       a C++ reader that knows its items are byte strings calls)
//   queue_1mib_mb_per_s 1 MiB items a child puts and the parent gets, MB/s
//   pipe_rtt_us         a message to a child and back over a duplex Pipe, microseconds
//   lock_pairs_per_s    uncontended Lock acquire()+release() pairs per second
//   event_rtt_us        Event ping-pong with a child (set, wait, clear), microseconds
//   shm_write_gb_per_s  writing a fresh 256 MiB SharedMemory block, GB/s (page faults included)
//   bench_ipc SCALE queue: the three queue figures only.
//
// glibc tuning: a program that moves megabyte buffers should keep them in its heap. With
// glibc's defaults every 1 MiB QByteArray comes from a fresh mmap (or a heap top that gets
// trimmed), so each item pays 256 page faults on both sides; that, not the queue, is what
// limits queue.1mib on a VM. bench_ipc raises M_MMAP_THRESHOLD and M_TRIM_THRESHOLD unless
// QMP_BENCH_DEFAULT_MALLOC is set (run both to see the difference).

#include "event.h"
#include "lock.h"
#include "pipe.h"
#include "process.h"
#include "queue.h"
#include "runtime.h"
#include "sharedmemory.h"
#include "taskregistry.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <cstdio>
#include <malloc.h>
#include <cstring>

namespace {

void putItems(qmp::Queue q, int count, int size)
{
    const QByteArray item(size, 'q');
    for (int i = 0; i < count; ++i)
        q.put(item);
}
QMP_TASK(putItems);

void echo(qmp::Connection conn, int count)
{
    for (int i = 0; i < count; ++i)
        conn.sendValue(conn.recv());
}
QMP_TASK(echo);

void pong(qmp::Event ping, qmp::Event pongEvent, int count)
{
    for (int i = 0; i < count; ++i) {
        ping.wait();
        ping.clear();
        pongEvent.set();
    }
}
QMP_TASK(pong);

double seconds(const QElapsedTimer &t)
{
    return double(t.nsecsElapsed()) / 1e9;
}

enum class Reader { Values, Bytes };

double queueRate(int count, int size, Reader reader = Reader::Values)
{
    qmp::Queue q;
    qmp::Process p(&putItems, q, count, size);
    p.start();
    q.get(); // the child runs
    QElapsedTimer t;
    t.start();
    if (reader == Reader::Values) {
        for (int i = 1; i < count; ++i)
            q.get();
    } else {
        QByteArray item;
        for (int i = 1; i < count; ++i)
            q.getBytesInto(item);
    }
    const double s = seconds(t);
    p.join();
    return (count - 1) / s;
}

} // namespace

int main(int argc, char *argv[])
{
    qmp::Runtime runtime(argc, argv);
    QCoreApplication app(argc, argv);
    const int scale = argc > 1 ? QByteArray(argv[1]).toInt() : 1;
    if (!qEnvironmentVariableIsSet("QMP_BENCH_DEFAULT_MALLOC")) {
        mallopt(M_MMAP_THRESHOLD, 64 << 20);
        mallopt(M_TRIM_THRESHOLD, 512 << 20);
    }

    std::printf("queue_64b_per_s=%.0f\n", queueRate(1000000 * scale, 64));
    std::printf("queue_64b_bytes_per_s=%.0f\n", queueRate(1000000 * scale, 64, Reader::Bytes));
    std::printf("queue_1mib_mb_per_s=%.0f\n", queueRate(2000 * scale, 1 << 20) * (1 << 20) / 1e6);
    std::fflush(stdout);
    if (argc > 2 && QByteArray(argv[2]) == "queue") // bench_ipc SCALE queue: the queue figures only
        return 0;

    {
        const int n = 20000 * scale;
        auto [a, b] = qmp::Pipe();
        qmp::Process p(&echo, b, n + 1);
        p.start();
        a.send(0);
        a.recv();
        QElapsedTimer t;
        t.start();
        for (int i = 0; i < n; ++i) {
            a.send(i);
            a.recv();
        }
        std::printf("pipe_rtt_us=%.2f\n", seconds(t) * 1e6 / n);
        p.join();
    }
    {
        const qint64 n = 50000000LL * scale;
        qmp::Lock lock;
        QElapsedTimer t;
        t.start();
        for (qint64 i = 0; i < n; ++i) {
            lock.acquire();
            lock.release();
        }
        std::printf("lock_pairs_per_s=%.0f\n", n / seconds(t));
    }
    {
        const int n = 20000 * scale;
        qmp::Event ping;
        qmp::Event pongEvent;
        qmp::Process p(&pong, ping, pongEvent, n + 1);
        p.start();
        ping.set();
        pongEvent.wait();
        pongEvent.clear();
        QElapsedTimer t;
        t.start();
        for (int i = 0; i < n; ++i) {
            ping.set();
            pongEvent.wait();
            pongEvent.clear();
        }
        std::printf("event_rtt_us=%.2f\n", seconds(t) * 1e6 / n);
        p.join();
    }
    {
        const qsizetype size = qsizetype(256) << 20;
        qmp::SharedMemory shm({}, true, size);
        QElapsedTimer t;
        t.start();
        std::memset(shm.data(), 1, size_t(size));
        std::printf("shm_write_gb_per_s=%.2f\n", double(size) / seconds(t) / 1e9);
        shm.close();
        shm.unlink();
    }
    return 0;
}
