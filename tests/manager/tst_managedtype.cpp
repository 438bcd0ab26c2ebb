// Custom types in a manager (BaseManager.register, seed 002's MathsClass): only exposed methods
// are callable (another name is a RemoteError naming the method), arguments and results
// convert, errors keep their type, and an instance's state is shared by every process.

#include "basemanager.h"
#include "managedtyperegistry.h"
#include "process.h"
#include "qmpipctest.h"
#include "taskregistry.h"

#include <QTest>

namespace {

class MathsClass
{
public:
    int add(int x, int y) const { return x + y; }
    int mul(int x, int y) const { return x * y; }
    double divide(double x, double y) const
    {
        if (y == 0)
            throw qmp::ValueError(QStringLiteral("division by zero"));
        return x / y;
    }
    // Public in C++, but not exposed: a proxy cannot call it.
    int secret() const { return 42; }
};

class Counter
{
public:
    explicit Counter(const QCborArray &args) : m_value(args.isEmpty() ? 0 : args.at(0).toInteger()) {}
    void increment(int by) { m_value += by; }
    qint64 value() const { return m_value; }
    QString describe(const QString &prefix) const { return prefix + QString::number(m_value); }

private:
    qint64 m_value = 0;
};

const bool mathsRegistered = qmp::registerManagedType<MathsClass>(QStringLiteral("Maths"))
                                 .expose(QStringLiteral("add"), &MathsClass::add)
                                 .expose(QStringLiteral("mul"), &MathsClass::mul)
                                 .expose(QStringLiteral("divide"), &MathsClass::divide);

const bool counterRegistered = qmp::registerManagedType<Counter>(QStringLiteral("Counter"))
                                   .expose(QStringLiteral("increment"), &Counter::increment)
                                   .expose(QStringLiteral("value"), &Counter::value)
                                   .expose(QStringLiteral("describe"), &Counter::describe);

void incrementMany(qmp::BaseProxy counter, int times)
{
    for (int i = 0; i < times; ++i)
        counter.call<void>(QStringLiteral("increment"), 1);
}
QMP_TASK(incrementMany);

} // namespace

class tst_ManagedType : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cleanup()
    {
        QTRY_COMPARE(qmptest::strayWorkers(), QList<qint64>());
        QCOMPARE(qmptest::ipcLeftovers(), QStringList());
    }
    void cleanupTestCase() { QVERIFY(qmptest::shutDownAndCheckNothingLeft()); }

    // Seed 002: maths = manager.Maths(); maths.add(4, 3) -> 7; maths.mul(7, 8) -> 56.
    void mathsClass()
    {
        QVERIFY(mathsRegistered && counterRegistered);
        qmp::BaseManager manager;
        manager.start();
        qmp::BaseProxy maths = manager.create(QStringLiteral("Maths"));
        QCOMPARE(maths.typeId(), QStringLiteral("Maths"));
        QCOMPARE(maths.call<int>(QStringLiteral("add"), 4, 3), 7);
        QCOMPARE(maths.call<int>(QStringLiteral("mul"), 7, 8), 56);
        QCOMPARE(maths.call<double>(QStringLiteral("divide"), 1, 4), 0.25);
    }

    void onlyExposedMethods_data()
    {
        QTest::addColumn<QString>("method");
        QTest::newRow("public but not exposed") << QStringLiteral("secret");
        QTest::newRow("unknown") << QStringLiteral("pow");
        QTest::newRow("dunder") << QStringLiteral("__del__");
    }
    void onlyExposedMethods()
    {
        QFETCH(QString, method);
        qmp::BaseManager manager;
        manager.start();
        qmp::BaseProxy maths = manager.create(QStringLiteral("Maths"));
        try {
            maths.callMethod(method, {1});
            QFAIL("a method that is not exposed was called");
        } catch (const qmp::RemoteError &e) {
            QVERIFY2(e.message().contains(QLatin1Char('\'') + method + QLatin1Char('\'')), qPrintable(e.message()));
            QVERIFY2(e.message().contains(QStringLiteral("add, mul, divide")), qPrintable(e.message()));
        }
        QCOMPARE(maths.call<int>(QStringLiteral("add"), 1, 1), 2); // the object still works
    }

    void errorsKeepTheirType()
    {
        qmp::BaseManager manager;
        manager.start();
        qmp::BaseProxy maths = manager.create(QStringLiteral("Maths"));
        QVERIFY_THROWS_EXCEPTION(qmp::ValueError, maths.call<double>(QStringLiteral("divide"), 1, 0));
        QVERIFY_THROWS_EXCEPTION(qmp::TypeError, maths.call<int>(QStringLiteral("add"), 1));
        QVERIFY_THROWS_EXCEPTION(qmp::TypeError, maths.call<int>(QStringLiteral("add"), QStringLiteral("x"), 1));
        QVERIFY_THROWS_EXCEPTION(qmp::TypeError, manager.create(QStringLiteral("Maths"), {1}));
        QVERIFY_THROWS_EXCEPTION(qmp::ValueError, qmp::registerManagedType<MathsClass>(QStringLiteral("Maths")));
        QVERIFY_THROWS_EXCEPTION(qmp::ValueError, qmp::registerManagedType<MathsClass>(QStringLiteral("dict")));
    }

    void stateSharedByProcesses()
    {
        qmp::BaseManager manager;
        manager.start();
        qmp::BaseProxy counter = manager.create(QStringLiteral("Counter"), {100});
        std::vector<std::unique_ptr<qmp::Process>> workers;
        for (int i = 0; i < 4; ++i) {
            workers.push_back(std::make_unique<qmp::Process>(&incrementMany, counter, 25));
            workers.back()->start();
        }
        for (auto &w : workers) {
            QVERIFY(w->join(30000));
            QCOMPARE(w->exitCode(), 0);
        }
        QCOMPARE(counter.call<qint64>(QStringLiteral("value")), qint64(200));
        QCOMPARE(counter.call<QString>(QStringLiteral("describe"), QStringLiteral("n=")), QStringLiteral("n=200"));
    }
};

QMP_IPC_TEST_MAIN(tst_ManagedType)
#include "tst_managedtype.moc"
