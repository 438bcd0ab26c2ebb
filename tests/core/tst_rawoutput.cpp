// RawOutput::writeAll: every byte arrives, across partial writes and a write interrupted by a
// signal whose handler does not restart system calls (EINTR); a failing descriptor says so.

#include "qmptempdirs.h"
#include "rawoutput.h"

#include <QFile>
#include <QTest>

#include <atomic>
#include <csignal>
#include <thread>

#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace {

std::atomic<int> g_interruptions{0};

void countInterruption(int)
{
    g_interruptions.fetch_add(1);
}

// The system call thread `tid` of this process is blocked in now (-1: running or unknown).
long blockedSyscall(pid_t tid)
{
    QFile file(QStringLiteral("/proc/self/task/%1/syscall").arg(tid));
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    bool ok = false;
    const long number = file.readAll().split(' ').value(0).toLong(&ok);
    return ok ? number : -1;
}

int bytesWaiting(int fd)
{
    int n = 0;
    return ::ioctl(fd, FIONREAD, &n) == 0 ? n : -1;
}

} // namespace

class TestRawOutput : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyByteArrivesAcrossInterruptedWrites()
    {
        if (!QFile::exists(QStringLiteral("/proc/self/task/%1/syscall").arg(::gettid())))
            QSKIP("this kernel has no /proc/<pid>/task/<tid>/syscall to see a thread blocked in write");
        struct sigaction action = {};
        action.sa_handler = &countInterruption;
        sigemptyset(&action.sa_mask);
        action.sa_flags = 0; // no SA_RESTART: a blocked write returns EINTR
        struct sigaction previous = {};
        QCOMPARE(::sigaction(SIGUSR1, &action, &previous), 0);

        int pipeFds[2];
        QCOMPARE(::pipe2(pipeFds, O_CLOEXEC), 0);
        const int capacity = ::fcntl(pipeFds[1], F_GETPIPE_SZ);
        QVERIFY(capacity > 0);
        QByteArray bytes(capacity * 4, Qt::Uninitialized);
        for (qsizetype i = 0; i < bytes.size(); ++i)
            bytes[i] = char(i * 7);

        std::atomic<pid_t> writerTid{0};
        std::atomic<bool> wrote{false};
        std::thread writer([&] {
            writerTid = ::gettid();
            wrote = qmp::RawOutput::writeAll(pipeFds[1], bytes);
            ::close(pipeFds[1]);
        });
        // The pipe fills and the writer blocks: interrupted with part of a write done (a short
        // count) and then, blocked again with nothing written, with EINTR.
        for (int interruption = 1; interruption <= 2; ++interruption) {
            QTRY_COMPARE(bytesWaiting(pipeFds[0]), capacity);
            QTRY_COMPARE(blockedSyscall(writerTid), long(SYS_write));
            ::pthread_kill(writer.native_handle(), SIGUSR1);
            QTRY_COMPARE(g_interruptions.load(), interruption);
        }
        QByteArray received;
        char chunk[4096];
        ssize_t n = 0;
        while ((n = ::read(pipeFds[0], chunk, sizeof chunk)) > 0)
            received.append(chunk, n);
        writer.join();
        ::close(pipeFds[0]);
        ::sigaction(SIGUSR1, &previous, nullptr);
        QVERIFY(wrote);
        QCOMPARE(received.size(), bytes.size());
        QVERIFY(received == bytes);
    }

    void aFailingDescriptorSaysSo()
    {
        int pipeFds[2];
        QCOMPARE(::pipe2(pipeFds, O_CLOEXEC), 0);
        ::close(pipeFds[0]);
        const auto previous = std::signal(SIGPIPE, SIG_IGN);
        errno = 0;
        QVERIFY(!qmp::RawOutput::writeAll(pipeFds[1], "lost"));
        QCOMPARE(errno, EPIPE);
        std::signal(SIGPIPE, previous);
        ::close(pipeFds[1]);
        errno = 0;
        QVERIFY(!qmp::RawOutput::writeAll(-1, "x"));
        QCOMPARE(errno, EBADF);
        QVERIFY(qmp::RawOutput::writeAll(-1, ""));
    }
};

QMP_GUILESS_TEST_MAIN(TestRawOutput)
#include "tst_rawoutput.moc"
