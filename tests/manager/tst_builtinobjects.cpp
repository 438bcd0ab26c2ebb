// The builtin objects a manager serves, called in-process (no server): their method tables
// answer an unknown method with AttributeError and a wrong argument count with TypeError, both
// naming the type and the method; every method a proxy calls is in its object's table with
// room for the arguments the proxy sends; and the counters stay in range.

#include "builtinobjects.h"
#include "ipcerrors.h"
#include "qmpipctest.h"

#include <QTest>

#include <limits>

namespace {

// A call with no connection behind it (never abandoned).
QCborValue callOn(qmp::ServerObject &object, const QString &method, const QCborArray &args = {})
{
    qmp::CallContext context(1, [] { return false; });
    return object.call(method, args, context);
}

} // namespace

class tst_BuiltinObjects : public QObject
{
    Q_OBJECT
private slots:
    // A release by more than the value can hold is refused and leaves the value as it was
    // (n near 2^63 used to overflow the sum, so the checks passed and the value went negative).
    void semaphoreReleaseBeyondRange_data()
    {
        QTest::addColumn<QString>("typeId");
        QTest::addColumn<qint64>("n");
        QTest::newRow("Semaphore, 2^63-1") << QStringLiteral("Semaphore") << std::numeric_limits<qint64>::max();
        QTest::newRow("Semaphore, 2^31") << QStringLiteral("Semaphore") << (qint64(1) << 31);
        QTest::newRow("BoundedSemaphore, 2^63-1") << QStringLiteral("BoundedSemaphore") << std::numeric_limits<qint64>::max();
    }
    void semaphoreReleaseBeyondRange()
    {
        QFETCH(QString, typeId);
        QFETCH(qint64, n);
        const auto semaphore = qmp::BuiltinObjects::create(typeId, {1});
        QVERIFY_THROWS_EXCEPTION(qmp::ValueError, callOn(*semaphore, QStringLiteral("release"), {n}));
        QCOMPARE(callOn(*semaphore, QStringLiteral("get_value")).toInteger(), qint64(1));
    }
};

QMP_IPC_TEST_MAIN(tst_BuiltinObjects)
#include "tst_builtinobjects.moc"
