// WorkerDeath::classify: how a worker's end becomes its running call's error and TaskFailed
// event — by cause, in the documented order of precedence, naming the worker, the task and (for
// a chunk) the item that was running.

#include "errors.h"
#include "workerdeath.h"

#include <QTest>

#include <csignal>

using qmp::PoolEvent;
using qmp::WorkerDeath;

Q_DECLARE_METATYPE(WorkerDeath::Cause)
Q_DECLARE_METATYPE(PoolEvent::Reason)

namespace {

enum class ErrorType { Cancelled, Process, Timeout, WorkerLost, Other };

ErrorType typeOf(const std::exception_ptr &error, QString *message)
{
    try {
        std::rethrow_exception(error);
    } catch (const qmp::CancelledError &e) {
        *message = QString::fromUtf8(e.what());
        return ErrorType::Cancelled;
    } catch (const qmp::TimeoutError &e) {
        *message = QString::fromUtf8(e.what());
        return ErrorType::Timeout;
    } catch (const qmp::WorkerLostError &e) {
        *message = QString::fromUtf8(e.what());
        return ErrorType::WorkerLost;
    } catch (const qmp::ProcessError &e) { // after its subclasses
        *message = QString::fromUtf8(e.what());
        return ErrorType::Process;
    } catch (...) {
        return ErrorType::Other;
    }
}

} // namespace

Q_DECLARE_METATYPE(ErrorType)

class tst_WorkerDeath : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void classify_data();
    void classify();
};

void tst_WorkerDeath::classify_data()
{
    QTest::addColumn<bool>("cancelled");
    QTest::addColumn<bool>("poolTerminated");
    QTest::addColumn<bool>("timedOut");
    QTest::addColumn<QString>("killedBecause");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<int>("calls");
    QTest::addColumn<int>("began");
    QTest::addColumn<WorkerDeath::Cause>("cause");
    QTest::addColumn<ErrorType>("errorType");
    QTest::addColumn<QString>("errorSays");
    QTest::addColumn<PoolEvent::Reason>("reason");
    QTest::addColumn<QCborArray>("reasonArgs");
    QTest::addColumn<QString>("eventMessage");

    using C = WorkerDeath::Cause;
    using R = PoolEvent::Reason;
    const QString killedToCancel = QStringLiteral("was killed to cancel task #12");
    const QString killedForTimeout = QStringLiteral("was killed when task #12 ran past its timeout");
    const QString terminatedByUser = QStringLiteral("was terminated by the user");

    QTest::newRow("cancelled")
        << true << false << false << killedToCancel << -SIGKILL << 1 << 1 << C::Cancelled << ErrorType::Cancelled
        << QStringLiteral("task 'work' (#12) was cancelled; its worker (pid 4242) was killed") << R::Cancelled
        << QCborArray{} << QStringLiteral("cancelled");
    QTest::newRow("cancelled wins over terminate")
        << true << true << false << killedToCancel << -SIGKILL << 1 << 1 << C::Cancelled << ErrorType::Cancelled
        << QStringLiteral("was cancelled") << R::Cancelled << QCborArray{} << QStringLiteral("cancelled");
    QTest::newRow("pool terminated")
        << false << true << false << QString() << -SIGKILL << 1 << 1 << C::PoolTerminated << ErrorType::Process
        << QStringLiteral("the pool was terminated while task 'work' ran") << R::PoolTerminated << QCborArray{}
        << QStringLiteral("worker was killed by signal 9 (SIGKILL)");
    QTest::newRow("pool terminated wins over a timeout")
        << false << true << true << killedForTimeout << -SIGKILL << 1 << 1 << C::PoolTerminated << ErrorType::Process
        << QStringLiteral("the pool was terminated") << R::PoolTerminated << QCborArray{}
        << QStringLiteral("worker ") + killedForTimeout;
    QTest::newRow("timed out")
        << false << false << true << killedForTimeout << -SIGKILL << 1 << 1 << C::TimedOut << ErrorType::Timeout
        << QStringLiteral("task 'work' (#12) ran past its timeout of 250 ms; its worker (pid 4242) was killed")
        << R::TimedOut << QCborArray{250} << QStringLiteral("worker ") + killedForTimeout;
    QTest::newRow("terminated by the user")
        << false << false << false << terminatedByUser << -SIGKILL << 1 << 1 << C::Terminated << ErrorType::WorkerLost
        << QStringLiteral("worker pid 4242 was terminated by the user while running task 'work' (#12): the call had "
                          "begun, and may have run in part or in full")
        << R::WorkerTerminated << QCborArray{} << QStringLiteral("worker ") + terminatedByUser;
    QTest::newRow("crashed")
        << false << false << false << QString() << -SIGSEGV << 1 << 1 << C::Died << ErrorType::WorkerLost
        << QStringLiteral("worker pid 4242 was killed by signal 11 (SIGSEGV) while running task 'work' (#12)")
        << R::WorkerDied << QCborArray{-SIGSEGV} << QStringLiteral("worker was killed by signal 11 (SIGSEGV)");
    QTest::newRow("exited")
        << false << false << false << QString() << 3 << 1 << 1 << C::Died << ErrorType::WorkerLost
        << QStringLiteral("worker pid 4242 exited with code 3 while running task 'work'") << R::WorkerDied
        << QCborArray{3} << QStringLiteral("worker exited with code 3");
    QTest::newRow("crashed in a chunk")
        << false << false << false << QString() << -SIGKILL << 4 << 3 << C::Died << ErrorType::WorkerLost
        << QStringLiteral("a chunk of 4 calls of task 'work' (#12, items 20-23): it was in item 22 (call 3 of the "
                          "chunk)")
        << R::WorkerDied << QCborArray{-SIGKILL} << QStringLiteral("worker was killed by signal 9 (SIGKILL)");
    QTest::newRow("a chunk: began counts past its end")
        << false << false << false << QString() << 1 << 4 << 9 << C::Died << ErrorType::WorkerLost
        << QStringLiteral("it was in item 23 (call 4 of the chunk)") << R::WorkerDied << QCborArray{1}
        << QStringLiteral("worker exited with code 1");
}

void tst_WorkerDeath::classify()
{
    QFETCH(bool, cancelled);
    QFETCH(bool, poolTerminated);
    QFETCH(bool, timedOut);
    QFETCH(QString, killedBecause);
    QFETCH(int, exitCode);
    QFETCH(int, calls);
    QFETCH(int, began);
    QFETCH(WorkerDeath::Cause, cause);
    QFETCH(ErrorType, errorType);
    QFETCH(QString, errorSays);
    QFETCH(PoolEvent::Reason, reason);
    QFETCH(QCborArray, reasonArgs);
    QFETCH(QString, eventMessage);

    WorkerDeath::Facts facts;
    facts.workerPid = 4242;
    facts.exitCode = exitCode;
    facts.task = QStringLiteral("work");
    facts.taskId = 12;
    facts.firstIndex = 20;
    facts.calls = calls;
    facts.began = quint64(began);
    facts.cancelled = cancelled;
    facts.poolTerminated = poolTerminated;
    facts.timedOut = timedOut;
    facts.timeoutMs = 250;
    facts.killedBecause = killedBecause;

    const WorkerDeath death = WorkerDeath::classify(facts);
    QCOMPARE(death.cause, cause);
    QVERIFY(death.error);
    QString message;
    QCOMPARE(typeOf(death.error, &message), errorType);
    QVERIFY2(message.contains(errorSays), qPrintable(message));
    QCOMPARE(death.reason, reason);
    QCOMPARE(death.reasonArgs, reasonArgs);
    QCOMPARE(death.eventMessage, eventMessage);
}

QTEST_GUILESS_MAIN(tst_WorkerDeath)
#include "tst_workerdeath.moc"
