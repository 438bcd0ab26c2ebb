// Tasks by name: typed registration, argument conversion and its errors, lookups by address.

#include "errors.h"
#include "taskcall.h"
#include "taskregistry.h"

#include <QTest>

namespace {
int square(int x)
{
    return x * x;
}
QMP_TASK(square);

QString greet(const QString &who, int times)
{
    return QStringLiteral("hi %1").arg(who).repeated(times);
}
QMP_TASK(greet);

double mean(const std::vector<double> &values)
{
    double sum = 0;
    for (double v : values)
        sum += v;
    return values.empty() ? 0 : sum / double(values.size());
}
QMP_TASK(mean);

void nothing() {}
QMP_TASK(nothing);

short narrow(short x)
{
    return x;
}
QMP_TASK(narrow);

float half(float x)
{
    return x / 2;
}
QMP_TASK(half);

int notRegistered(int x)
{
    return x;
}
} // namespace

class tst_TaskRegistry : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void call_data();
    void call();
    void badCalls_data();
    void badCalls();
    void untypedTask();
    void duplicateNameIsRejected();
    void lookupByAddress();
};

void tst_TaskRegistry::call_data()
{
    QTest::addColumn<QString>("task");
    QTest::addColumn<QCborArray>("args");
    QTest::addColumn<QCborValue>("expected");
    QTest::newRow("int") << "square" << QCborArray{7} << QCborValue(49);
    QTest::newRow("string and int") << "greet" << QCborArray{QStringLiteral("世界"), 2}
                                    << QCborValue(QStringLiteral("hi 世界hi 世界"));
    QTest::newRow("vector<double> from ints and doubles") << "mean" << QCborArray{QCborArray{1, 2.5, 2.5}}
                                                          << QCborValue(2.0);
    QTest::newRow("void returns null") << "nothing" << QCborArray{} << QCborValue(nullptr);
    QTest::newRow("float") << "half" << QCborArray{3.0} << QCborValue(1.5);
    QTest::newRow("float infinity") << "half" << QCborArray{qInf()} << QCborValue(qInf());
}

void tst_TaskRegistry::call()
{
    QFETCH(QString, task);
    QFETCH(QCborArray, args);
    QFETCH(QCborValue, expected);
    QCOMPARE(qmp::TaskRegistry::instance().call(task, args), expected);
}

void tst_TaskRegistry::badCalls_data()
{
    QTest::addColumn<QString>("task");
    QTest::addColumn<QCborArray>("args");
    QTest::addColumn<QString>("errorType");
    QTest::addColumn<QString>("expectedMessage");
    QTest::newRow("unknown task") << "cube" << QCborArray{} << "ValueError"
                                  << "unknown task 'cube': register it with QMP_TASK(cube)";
    QTest::newRow("too many arguments") << "square" << QCborArray{1, 2} << "TypeError"
                                        << "task 'square' takes 1 argument(s), 2 given";
    QTest::newRow("too few arguments") << "greet" << QCborArray{QStringLiteral("x")} << "TypeError"
                                       << "task 'greet' takes 2 argument(s), 1 given";
    QTest::newRow("string for int") << "square" << QCborArray{QStringLiteral("7")} << "TypeError"
                                    << "task 'square', argument 1: expected an integer, got string";
    QTest::newRow("double for int") << "square" << QCborArray{7.5} << "TypeError"
                                    << "argument 1: expected an integer, got double";
    QTest::newRow("out of range") << "narrow" << QCborArray{100000} << "TypeError"
                                  << "argument 1: expected an integer in range, got integer";
    QTest::newRow("second argument") << "greet" << QCborArray{QStringLiteral("x"), true} << "TypeError"
                                     << "task 'greet', argument 2: expected an integer, got bool";
    QTest::newRow("list item") << "mean" << QCborArray{QCborArray{1, QStringLiteral("two")}} << "TypeError"
                               << "argument 1: expected a number, got string";
    // Found by fuzz_cborconvert: a double beyond a float's range made an undefined conversion.
    QTest::newRow("double beyond float") << "half" << QCborArray{1e300} << "TypeError"
                                         << "argument 1: expected a number in range, got double";
}

void tst_TaskRegistry::badCalls()
{
    QFETCH(QString, task);
    QFETCH(QCborArray, args);
    QFETCH(QString, errorType);
    QFETCH(QString, expectedMessage);
    try {
        qmp::TaskRegistry::instance().call(task, args);
        QFAIL("no exception");
    } catch (const qmp::TypeError &e) {
        QCOMPARE(errorType, QStringLiteral("TypeError"));
        QVERIFY2(e.message().contains(expectedMessage), qPrintable(e.message()));
    } catch (const qmp::ValueError &e) {
        QCOMPARE(errorType, QStringLiteral("ValueError"));
        QVERIFY2(e.message().contains(expectedMessage), qPrintable(e.message()));
    }
}

void tst_TaskRegistry::untypedTask()
{
    qmp::registerTask(QStringLiteral("count"), [](const QCborArray &args) { return QCborValue(args.size()); });
    QCOMPARE(qmp::TaskRegistry::instance().call(QStringLiteral("count"), {1, 2, 3}), QCborValue(3));
    QCOMPARE(qmp::TaskRegistry::instance().call(QStringLiteral("count"), {}), QCborValue(0));
}

void tst_TaskRegistry::duplicateNameIsRejected()
{
    QVERIFY_THROWS_EXCEPTION(qmp::ValueError, qmp::registerTask(QStringLiteral("square"), &notRegistered));
    QVERIFY_THROWS_EXCEPTION(qmp::ValueError, qmp::registerTask(QString(), &notRegistered));
}

void tst_TaskRegistry::lookupByAddress()
{
    const qmp::TaskCall call = qmp::TaskCall::of(&greet, "you", 3);
    QCOMPARE(call.name, QStringLiteral("greet"));
    QCOMPARE(call.args, (QCborArray{QStringLiteral("you"), 3}));
    QVERIFY_THROWS_EXCEPTION(qmp::ValueError, qmp::TaskCall::of(&notRegistered, 1));
    QVERIFY(qmp::TaskRegistry::instance().names().contains(QStringLiteral("square")));
}

QTEST_APPLESS_MAIN(tst_TaskRegistry)
#include "tst_taskregistry.moc"
