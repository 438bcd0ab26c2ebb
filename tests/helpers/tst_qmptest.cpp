// The shared test helpers (qmptest.h) answer what the tests ask of them: once processGone() has
// seen a process gone, it never says it is back (a QTRY_VERIFY on it checks again after the loop
// and fails on a "no" that follows a "yes").

#include "qmptest.h"

#include <QScopeGuard>
#include <QTest>

#include <atomic>
#include <thread>

#include <sys/wait.h>
#include <unistd.h>

class tst_QmpTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void processGoneStaysGoneWhileTheProcessIsReaped();
};

// A child that ended (a zombie) is reaped while two threads keep asking processGone() about it:
// the reaping may come between any two of its looks at /proc (tst_studio once failed so, in
// terminateWorkerFailsItsTask: the stat file opened, then read after the pool had reaped the
// worker).
void tst_QmpTest::processGoneStaysGoneWhileTheProcessIsReaped()
{
    constexpr int children = 300;
    int answeredBack = 0;
    for (int i = 0; i < children; ++i) {
        const pid_t pid = ::fork();
        QVERIFY2(pid >= 0, "fork failed");
        if (pid == 0)
            ::_exit(0);
        siginfo_t ended{};
        QCOMPARE(::waitid(P_PID, id_t(pid), &ended, WEXITED | WNOWAIT), 0); // a zombie, not reaped
        QVERIFY(qmptest::processGone(pid));
        std::atomic<bool> stop = false;
        std::atomic<bool> back = false;
        const auto ask = [&] {
            while (!stop.load())
                back = back.load() || !qmptest::processGone(pid);
        };
        std::thread first(ask);
        std::thread second(ask);
        {
            // Stopped and joined however this block is left (a failed check returns from here).
            const auto joined = qScopeGuard([&] {
                stop = true;
                first.join();
                second.join();
            });
            ::usleep(useconds_t(i % 200)); // reaped at a different point of their looks each time
            QCOMPARE(::waitpid(pid, nullptr, 0), pid);
            ::usleep(50);
        }
        answeredBack += back ? 1 : 0;
    }
    QVERIFY2(answeredBack == 0,
             qPrintable(QStringLiteral("processGone() said a process was there again after it was gone, for %1 of %2 children")
                            .arg(answeredBack)
                            .arg(children)));
}

QMP_TEST_MAIN(tst_QmpTest)
#include "tst_qmptest.moc"
