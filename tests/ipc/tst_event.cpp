// qmp::Event, as multiprocessing.Event: set / clear / isSet, wait(T) returning the flag with timing
// tolerances, and a set() in one process waking waiters in others (seed 002's joo_a / joo_b).

#include "event.h"
#include "process.h"
#include "qmpipctest.h"
#include "taskregistry.h"

#include <QElapsedTimer>
#include <QTest>

namespace {

bool waitFor(qmp::Event ev, int timeoutMs)
{
    return ev.wait(timeoutMs);
}
QMP_TASK(waitFor);

void setIt(qmp::Event ev)
{
    ev.set();
}
QMP_TASK(setIt);

} // namespace

class tst_Event : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cleanup()
    {
        QTRY_COMPARE(qmptest::strayWorkers(), QList<qint64>());
        QCOMPARE(qmptest::ipcLeftovers(), QStringList());
    }

    void flag()
    {
        qmp::Event ev;
        QVERIFY(!ev.isSet());
        ev.set();
        QVERIFY(ev.isSet());
        QVERIFY(ev.wait(0));
        ev.clear();
        QVERIFY(!ev.isSet());
        QVERIFY(!ev.wait(0));
    }

    void waitTimeout_data()
    {
        QTest::addColumn<int>("timeoutMs");
        QTest::newRow("0") << 0;
        QTest::newRow("300 ms") << 300;
        QTest::newRow("1 s") << 1000;
    }
    void waitTimeout()
    {
        QFETCH(int, timeoutMs);
        qmp::Event ev;
        QElapsedTimer clock;
        clock.start();
        QCOMPARE(ev.wait(timeoutMs), false);
        QVERIFY2(qmptest::endedOnTimeout(clock.elapsed(), timeoutMs), qPrintable(QString::number(clock.elapsed())));
    }

    void setWakesWaitersInOtherProcesses()
    {
        qmp::Event ev;
        qmp::Process a(&waitFor, ev, 10000);
        qmp::Process b(&waitFor, ev, 10000);
        a.start();
        b.start();
        qmp::Process setter(&setIt, ev);
        setter.start();
        QVERIFY(a.join(10000) && b.join(10000) && setter.join(10000));
        QCOMPARE(a.result().toBool(), true);
        QCOMPARE(b.result().toBool(), true);
        QVERIFY(ev.isSet());
    }

    void childTimesOut()
    {
        qmp::Event ev;
        qmp::Process a(&waitFor, ev, 200);
        a.start();
        QVERIFY(a.join(10000));
        QCOMPARE(a.result().toBool(), false);
    }
};

QMP_IPC_TEST_MAIN(tst_Event)
#include "tst_event.moc"
