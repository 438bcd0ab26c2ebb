// qmp::PoolBase — what Pool and ThreadPool share, run on both: the callback / error_callback
// of map_async / starmap_async / apply_async, as in Python: exactly one
// of them runs, once, on the thread that owns the pool; map's callback gets the whole list in
// input order, error_callback the first error.

#include "pool.h"
#include "qmptest.h"
#include "threadpool.h"

#include <QCborArray>
#include <QTest>
#include <QThread>

#include <memory>
#include <stdexcept>

namespace {

int square(int x)
{
    return x * x;
}
QMP_TASK(square);

int add(int a, int b)
{
    return a + b;
}
QMP_TASK(add);

int failOn13(int x)
{
    if (x == 13)
        throw std::invalid_argument("13 is unlucky");
    return x;
}
QMP_TASK(failOn13);

int alwaysFails(int x)
{
    throw std::runtime_error(std::to_string(x) + " failed");
}
QMP_TASK(alwaysFails);

int sleepMs(int ms)
{
    QThread::msleep(ms);
    return ms;
}
QMP_TASK(sleepMs);

std::unique_ptr<qmp::PoolBase> makePool(const QString &kind, int processes)
{
    if (kind == QLatin1String("Pool"))
        return std::make_unique<qmp::Pool>(processes);
    return std::make_unique<qmp::ThreadPool>(processes);
}

QList<int> range(int n)
{
    QList<int> out;
    for (int i = 0; i < n; ++i)
        out.append(i);
    return out;
}

// What the callbacks of one submission saw.
struct Calls
{
    int successes = 0;
    int errors = 0;
    QCborArray values;
    QString error;
    QThread *thread = nullptr;

    template <typename T>
    qmp::PoolBase::ListCallback<T> onSuccess()
    {
        return [this](const QList<T> &list) {
            ++successes;
            thread = QThread::currentThread();
            for (const T &v : list)
                values.append(qmp::toCbor(v));
        };
    }
    qmp::PoolBase::ErrorCallback onError()
    {
        return [this](const qmp::Error &e) {
            ++errors;
            thread = QThread::currentThread();
            error = e.message();
        };
    }
};

} // namespace

class tst_PoolBase : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cleanup() { QTRY_COMPARE(qmptest::strayWorkers(), QList<qint64>()); }
    void cleanupTestCase() { QVERIFY(qmptest::shutDownAndCheckNothingLeft()); }

    void mapCallbacksRunExactlyOnce_data()
    {
        QTest::addColumn<QString>("pool");
        QTest::addColumn<QString>("call");
        QTest::addColumn<QCborArray>("expected"); // the list callback gets
        QTest::addColumn<QString>("error");       // or what error_callback gets
        for (const QString &pool : {QStringLiteral("Pool"), QStringLiteral("ThreadPool")}) {
            const auto row = [&](const char *name) -> QTestData & {
                return QTest::addRow("%s: %s", qPrintable(pool), name) << pool << QString::fromLatin1(name);
            };
            row("map") << QCborArray{0, 1, 4, 9, 16, 25, 36} << QString();
            row("map chunksize 3") << QCborArray{0, 1, 4, 9, 16, 25, 36} << QString();
            row("map untyped") << QCborArray{4, 9} << QString();
            row("map empty input") << QCborArray{} << QString();
            row("map one item fails") << QCborArray{} << QStringLiteral("13 is unlucky");
            row("map every item fails") << QCborArray{} << QStringLiteral(" failed");
            row("starmap") << QCborArray{3, 7, 11} << QString();
            row("starmap fails") << QCborArray{} << QStringLiteral("13 is unlucky");
            row("apply") << QCborArray{81} << QString();
            row("apply fails") << QCborArray{} << QStringLiteral("13 is unlucky");
        }
    }

    void mapCallbacksRunExactlyOnce()
    {
        QFETCH(QString, pool);
        QFETCH(QString, call);
        QFETCH(QCborArray, expected);
        QFETCH(QString, error);
        auto p = makePool(pool, 2);
        Calls calls;
        std::function<bool()> wait; // the result's wait()
        const auto keep = [&](const auto &result) { wait = [result] { return result.wait(60000); }; };
        if (call == QLatin1String("map"))
            keep(p->mapAsync(&square, range(7), 1, calls.onSuccess<int>(), calls.onError()));
        else if (call == QLatin1String("map chunksize 3"))
            keep(p->mapAsync(&square, range(7), 3, calls.onSuccess<int>(), calls.onError()));
        else if (call == QLatin1String("map untyped"))
            keep(p->mapAsync(QStringLiteral("square"), QCborArray{2, 3}, 0, calls.onSuccess<QCborValue>(), calls.onError()));
        else if (call == QLatin1String("map empty input"))
            keep(p->mapAsync(&square, QList<int>{}, 0, calls.onSuccess<int>(), calls.onError()));
        else if (call == QLatin1String("map one item fails"))
            keep(p->mapAsync(&failOn13, QList<int>{1, 13, 2}, 1, calls.onSuccess<int>(), calls.onError()));
        else if (call == QLatin1String("map every item fails"))
            keep(p->mapAsync(&alwaysFails, range(20), 1, calls.onSuccess<int>(), calls.onError()));
        else if (call == QLatin1String("starmap"))
            keep(p->starmapAsync(&add, {{1, 2}, {3, 4}, {5, 6}}, 0, calls.onSuccess<int>(), calls.onError()));
        else if (call == QLatin1String("starmap fails"))
            keep(p->starmapAsync(&failOn13, {{1}, {13}}, 0, calls.onSuccess<int>(), calls.onError()));
        else if (call == QLatin1String("apply"))
            keep(p->applyAsync(qmp::TaskCall{QStringLiteral("square"), {9}},
                               [&](const QCborValue &v) { calls.onSuccess<QCborValue>()({v}); }, calls.onError()));
        else if (call == QLatin1String("apply fails"))
            keep(p->applyAsync(qmp::TaskCall{QStringLiteral("failOn13"), {13}},
                               [&](const QCborValue &v) { calls.onSuccess<QCborValue>()({v}); }, calls.onError()));
        QVERIFY(wait());
        // The callbacks are queued before the result is ready: one pass of the event loop runs
        // every one there is.
        QCOMPARE(calls.successes + calls.errors, 0); // never inside the submitting call or wait()
        QCoreApplication::processEvents();
        QCOMPARE(calls.thread, QThread::currentThread());
        if (error.isEmpty()) {
            QCOMPARE(calls.errors, 0);
            QCOMPARE(calls.successes, 1);
            QCOMPARE(calls.values, expected);
        } else {
            QCOMPARE(calls.successes, 0);
            QCOMPARE(calls.errors, 1);
            QVERIFY2(calls.error.contains(error), qPrintable(calls.error));
        }
    }

    // A continuation the user attaches to future() does not replace the callbacks (a QFuture
    // holds one continuation), and the callbacks do not take the user's place.
    void callbacksAndUserContinuationBothRun_data()
    {
        QTest::addColumn<QString>("pool");
        QTest::newRow("Pool") << QStringLiteral("Pool");
        QTest::newRow("ThreadPool") << QStringLiteral("ThreadPool");
    }
    void callbacksAndUserContinuationBothRun()
    {
        QFETCH(QString, pool);
        auto p = makePool(pool, 1);
        int applied = 0;
        int mapped = 0;
        int continued = 0;
        auto gate = p->applyAsync(&sleepMs, 200); // keeps the next two queued while we attach
        auto one = p->applyAsync(qmp::TaskCall{QStringLiteral("square"), {3}}, [&](const QCborValue &) { ++applied; });
        one.future().then([&](const QCborValue &) { ++continued; });
        auto many = p->mapAsync(&square, range(3), 1, [&](const QList<int> &) { ++mapped; });
        many.future().then([&](QFuture<int>) { ++continued; });
        QVERIFY(gate.wait(60000) && one.wait(60000) && many.wait(60000));
        QTRY_COMPARE(continued, 2);
        QTRY_COMPARE(applied, 1);
        QTRY_COMPARE(mapped, 1);
    }

    // terminate() fails every unfinished result: its error_callback runs once with ProcessError.
    void terminateRunsTheErrorCallback_data() { callbacksAndUserContinuationBothRun_data(); }
    void terminateRunsTheErrorCallback()
    {
        QFETCH(QString, pool);
        auto p = makePool(pool, 1);
        Calls calls;
        auto result = p->mapAsync(&sleepMs, QList<int>{100, 100, 100, 100}, 1, calls.onSuccess<int>(), calls.onError());
        p->terminate();
        QVERIFY(result.wait(60000));
        QCoreApplication::processEvents();
        QCOMPARE(calls.successes, 0);
        QCOMPARE(calls.errors, 1);
        p->join();
    }

    // A callback that throws is reported and changes nothing else.
    void aThrowingCallbackIsReported_data() { callbacksAndUserContinuationBothRun_data(); }
    void aThrowingCallbackIsReported()
    {
        QFETCH(QString, pool);
        auto p = makePool(pool, 1);
        auto result = p->mapAsync(&square, range(2), 1, [](const QList<int> &) { throw std::runtime_error("oops"); });
        QVERIFY(result.wait(60000));
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("a callback of .* threw: oops")));
        QCoreApplication::processEvents();
        QCOMPARE(p->map(&square, range(3)), (QList<int>{0, 1, 4}));
    }
};

QMP_TEST_MAIN(tst_PoolBase)
#include "tst_poolbase.moc"
