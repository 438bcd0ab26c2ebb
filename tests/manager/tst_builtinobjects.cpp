// The builtin objects a manager serves, called in-process (no server): their method tables
// answer an unknown method with AttributeError and a wrong argument count with TypeError, both
// naming the type and the method; every method a proxy calls is in its object's table with
// room for the arguments the proxy sends; and the counters stay in range.

#include "arrayobject.h"
#include "builtinobjects.h"
#include "ipcerrors.h"
#include "manager.h"
#include "methodcall.h"
#include "qmpipctest.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTest>

#include <functional>
#include <limits>

namespace {

// A call with no connection behind it (never abandoned).
QCborValue callOn(qmp::ServerObject &object, const QString &method, const QCborArray &args = {})
{
    qmp::CallContext context(1, [] { return false; });
    return object.call(method, args, context);
}

// Creation arguments that fit each builtin type.
QCborArray creationArgs(const QString &typeId)
{
    if (typeId == QLatin1String("Barrier"))
        return {2};
    if (typeId == QLatin1String("Value"))
        return {QStringLiteral("i")};
    if (typeId == QLatin1String("Array"))
        return {QStringLiteral("i"), 3};
    return {};
}

// The message of the qmp::Error call() throws, with its type checked; empty when none.
template <typename ErrorType>
QString errorOf(const std::function<void()> &call)
{
    try {
        call();
    } catch (const ErrorType &e) {
        return e.message();
    } catch (const std::exception &e) {
        return QStringLiteral("another exception: %1").arg(QString::fromUtf8(e.what()));
    }
    return {};
}

} // namespace

class tst_BuiltinObjects : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cleanup()
    {
        QTRY_COMPARE(qmptest::strayWorkers(), QList<qint64>());
        QCOMPARE(qmptest::ipcLeftovers(), QStringList());
    }
    void cleanupTestCase() { QVERIFY(qmptest::shutDownAndCheckNothingLeft()); }

    void everyTypeHasATable()
    {
        for (const QString &typeId : qmp::BuiltinObjects::typeIds()) {
            QVERIFY2(qmp::BuiltinObjects::create(typeId, creationArgs(typeId)), qPrintable(typeId));
            QVERIFY2(!qmp::BuiltinObjects::methods(typeId).isEmpty(), qPrintable(typeId));
        }
        QVERIFY(!qmp::BuiltinObjects::create(QStringLiteral("NoSuchType"), {}));
        QVERIFY(qmp::BuiltinObjects::methods(QStringLiteral("NoSuchType")).isEmpty());
    }

    // A method the table lacks: AttributeError naming the type and the method, as Python's.
    void unknownMethod_data()
    {
        QTest::addColumn<QString>("typeId");
        QTest::addColumn<QString>("method");
        for (const QString &typeId : qmp::BuiltinObjects::typeIds())
            QTest::newRow(qPrintable(typeId)) << typeId << QStringLiteral("no_such_method");
        // Python's Queue has neither: only a JoinableQueue counts unfinished tasks.
        QTest::newRow("Queue.task_done") << QStringLiteral("Queue") << QStringLiteral("task_done");
        QTest::newRow("Queue.join") << QStringLiteral("Queue") << QStringLiteral("join");
    }
    void unknownMethod()
    {
        QFETCH(QString, typeId);
        QFETCH(QString, method);
        const auto object = qmp::BuiltinObjects::create(typeId, creationArgs(typeId));
        QCOMPARE(errorOf<qmp::AttributeError>([&] { callOn(*object, method); }),
                 QStringLiteral("'%1' object has no method '%2'").arg(typeId, method));
    }

    // Every method of every table, called with one argument too many and (when it needs some)
    // one too few: TypeError saying how many it takes, and the object untouched.
    void wrongArgumentCount_data()
    {
        QTest::addColumn<QString>("typeId");
        QTest::addColumn<QString>("method");
        QTest::addColumn<int>("given");
        QTest::addColumn<QString>("message");
        for (const QString &typeId : qmp::BuiltinObjects::typeIds()) {
            for (const qmp::MethodSignature &m : qmp::BuiltinObjects::methods(typeId)) {
                const QString takes = m.minArgs == m.maxArgs ? QString::number(m.minArgs)
                                                             : QStringLiteral("%1 to %2").arg(m.minArgs).arg(m.maxArgs);
                const auto row = [&](qsizetype given) {
                    QTest::addRow("%s.%s(%d args)", qPrintable(typeId), qPrintable(m.name), int(given))
                        << typeId << m.name << int(given)
                        << QStringLiteral("%1.%2() takes %3 argument(s), %4 given").arg(typeId, m.name, takes).arg(given);
                };
                row(m.maxArgs + 1);
                if (m.minArgs > 0)
                    row(m.minArgs - 1);
            }
        }
        QTest::newRow("dict.keys, from before the tables") << QStringLiteral("dict") << QStringLiteral("keys") << 1
                                                           << QStringLiteral("dict.keys() takes 0 argument(s), 1 given");
    }
    void wrongArgumentCount()
    {
        QFETCH(QString, typeId);
        QFETCH(QString, method);
        QFETCH(int, given);
        QFETCH(QString, message);
        const auto object = qmp::BuiltinObjects::create(typeId, creationArgs(typeId));
        QCborArray args;
        for (int i = 0; i < given; ++i)
            args.append(0);
        QCOMPARE(errorOf<qmp::TypeError>([&] { callOn(*object, method, args); }), message);
    }

    // Creation arguments go through the same check, as "__init__".
    void wrongCreationArgumentCount()
    {
        QCOMPARE(errorOf<qmp::TypeError>([] { qmp::BuiltinObjects::create(QStringLiteral("Lock"), {1}); }),
                 QStringLiteral("Lock.__init__() takes 0 argument(s), 1 given"));
        QCOMPARE(errorOf<qmp::TypeError>([] { qmp::BuiltinObjects::create(QStringLiteral("Array"), {QStringLiteral("i")}); }),
                 QStringLiteral("Array.__init__() takes 2 argument(s), 1 given"));
    }

    // Every method name a proxy class sends (read from its source) is in the table of every
    // typeid the proxy accepts — so a proxy method can never meet AttributeError by a typo or
    // a method the server lacks. JoinableQueue-only methods are exempt for Queue (above).
    void proxyMethodsAreInTheirTables()
    {
        const QDir dir(QStringLiteral(QMP_SOURCE_DIR "/src/manager"));
        const QStringList files = dir.entryList({QStringLiteral("*proxy.h"), QStringLiteral("*proxy.cpp")}, QDir::Files);
        const QRegularExpression accepted(QStringLiteral(R"re(typeId == QLatin1String\("(\w+)"\))re"));
        const QRegularExpression called(QStringLiteral(R"re(\b(?:call(?:<[^>()]*>)?|callMethod)\(QStringLiteral\("(\w+)"\))re"));
        int proxies = 0;
        QStringList missing;
        for (const QString &name : files) {
            if (name.startsWith(QLatin1String("baseproxy")))
                continue; // _getvalue and release: for the types that have them (checked below)
            QFile file(dir.filePath(name));
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QString source = QString::fromUtf8(file.readAll());
            QStringList typeIds;
            for (const auto &m : accepted.globalMatch(source))
                typeIds.append(m.captured(1));
            QStringList methods;
            for (const auto &m : called.globalMatch(source))
                methods.append(m.captured(1));
            if (typeIds.isEmpty())
                continue; // namespaceproxy.cpp: repr only
            ++proxies;
            QVERIFY2(!methods.isEmpty(), qPrintable(name));
            for (const QString &typeId : std::as_const(typeIds)) {
                QStringList table;
                for (const qmp::MethodSignature &m : qmp::BuiltinObjects::methods(typeId))
                    table.append(m.name);
                for (const QString &method : std::as_const(methods)) {
                    const bool joinableOnly = typeId == QLatin1String("Queue")
                        && (method == QLatin1String("task_done") || method == QLatin1String("join"));
                    if (!table.contains(method) && !joinableOnly)
                        missing.append(QStringLiteral("%1: %2.%3").arg(name, typeId, method));
                }
            }
        }
        QCOMPARE(proxies, 11);
        QCOMPARE(missing, QStringList());
        for (const QString &typeId : {QStringLiteral("dict"), QStringLiteral("list"), QStringLiteral("Value"),
                                      QStringLiteral("Array"), QStringLiteral("Namespace")}) {
            bool found = false;
            for (const qmp::MethodSignature &m : qmp::BuiltinObjects::methods(typeId))
                found = found || m.name == QLatin1String("_getvalue");
            QVERIFY2(found, qPrintable(typeId));
        }
    }

    // Every public proxy method, called on a live manager with the arguments the proxy sends:
    // whatever it answers (an empty queue's Empty, an unheld lock's error), never an unknown
    // method or a wrong argument count.
    void proxyCallsFitTheirTables()
    {
        qmp::Manager manager;
        const qmp::DictProxy d = manager.dict();
        const qmp::ListProxy l = manager.list(QCborArray{3, 1, 2});
        const qmp::QueueProxy q = manager.joinableQueue();
        const qmp::LockProxy lock = manager.rlock();
        const qmp::SemaphoreProxy s = manager.boundedSemaphore(2);
        const qmp::EventProxy e = manager.event();
        const qmp::ConditionProxy c = manager.condition();
        const qmp::BarrierProxy b = manager.barrier(2);
        const qmp::ValueProxy v = manager.value('i', 1);
        const qmp::ArrayProxy a = manager.array('i', 3);
        const qmp::NamespaceProxy ns = manager.namespaceObject();
        const QList<std::pair<const char *, std::function<void()>>> calls{
            {"dict.set", [&] { d.set(1, 2); }}, {"dict.at", [&] { d.at(1); }}, {"dict.get", [&] { d.get(1); }},
            {"dict.contains", [&] { d.contains(1); }}, {"dict.pop", [&] { d.pop(1); }}, {"dict.pop fallback", [&] { d.pop(1, 0); }},
            {"dict.setDefault", [&] { d.setDefault(1); }}, {"dict.popItem", [&] { d.popItem(); }},
            {"dict.remove", [&] { d.remove(1); }}, {"dict.size", [&] { d.size(); }}, {"dict.keys", [&] { d.keys(); }},
            {"dict.values", [&] { d.values(); }}, {"dict.items", [&] { d.items(); }},
            {"dict.update", [&] { d.update(QCborMap{{1, 1}}); }}, {"dict.copy", [&] { d.copy(); }},
            {"dict.clear", [&] { d.clear(); }}, {"dict.repr", [&] { d.repr(); }},
            {"list.at", [&] { l.at(0); }}, {"list.set", [&] { l.set(0, 3); }}, {"list.append", [&] { l.append(4); }},
            {"list.extend", [&] { l.extend({5}); }}, {"list.insert", [&] { l.insert(0, 6); }},
            {"list.pop", [&] { l.pop(); }}, {"list.remove", [&] { l.remove(6); }}, {"list.index", [&] { l.index(3); }},
            {"list.count", [&] { l.count(3); }}, {"list.contains", [&] { l.contains(3); }},
            {"list.reverse", [&] { l.reverse(); }}, {"list.sort", [&] { l.sort(); }}, {"list.removeAt", [&] { l.removeAt(0); }},
            {"list.size", [&] { l.size(); }}, {"list.toList", [&] { l.toList(); }}, {"list.clear", [&] { l.clear(); }},
            {"queue.put", [&] { q.put(1); }}, {"queue.qsize", [&] { q.qsize(); }}, {"queue.empty", [&] { q.empty(); }},
            {"queue.full", [&] { q.full(); }}, {"queue.get", [&] { q.get(false); }}, {"queue.taskDone", [&] { q.taskDone(); }},
            {"queue.join", [&] { q.join(0); }}, {"queue.getNowait", [&] { q.getNowait(); }},
            {"lock.acquire", [&] { lock.acquire(false); }}, {"lock.locked", [&] { lock.locked(); }},
            {"lock.release", [&] { lock.release(); }},
            {"semaphore.acquire", [&] { s.acquire(false); }}, {"semaphore.release", [&] { s.release(); }},
            {"semaphore.value", [&] { s.value(); }},
            {"event.set", [&] { e.set(); }}, {"event.isSet", [&] { e.isSet(); }}, {"event.wait", [&] { e.wait(0); }},
            {"event.clear", [&] { e.clear(); }},
            {"condition.acquire", [&] { c.acquire(false); }}, {"condition.notify", [&] { c.notify(); }},
            {"condition.notifyAll", [&] { c.notifyAll(); }}, {"condition.wait", [&] { c.wait(0); }},
            {"condition.release", [&] { c.release(); }},
            {"barrier.parties", [&] { b.parties(); }}, {"barrier.nWaiting", [&] { b.nWaiting(); }},
            {"barrier.broken", [&] { b.broken(); }}, {"barrier.wait", [&] { b.wait(0); }}, {"barrier.reset", [&] { b.reset(); }},
            {"barrier.abort", [&] { b.abort(); }},
            {"value.get", [&] { v.get(); }}, {"value.set", [&] { v.set(2); }}, {"value.typecode", [&] { v.typecode(); }},
            {"value.getValue", [&] { v.getValue(); }},
            {"array.at", [&] { a.at(0); }}, {"array.set", [&] { a.set(0, 1); }}, {"array.size", [&] { a.size(); }},
            {"array.toList", [&] { a.toList(); }}, {"array.typecode", [&] { a.typecode(); }},
            {"array.getValue", [&] { a.getValue(); }},
            {"namespace.set", [&] { ns.set(QStringLiteral("x"), 1); }}, {"namespace.get", [&] { ns.get(QStringLiteral("x")); }},
            {"namespace.contains", [&] { ns.contains(QStringLiteral("x")); }}, {"namespace.vars", [&] { ns.vars(); }},
            {"namespace.repr", [&] { ns.repr(); }}, {"namespace.remove", [&] { ns.remove(QStringLiteral("x")); }},
        };
        QStringList misfits;
        for (const auto &[name, call] : calls) {
            try {
                call();
            } catch (const qmp::AttributeError &e) {
                misfits.append(QStringLiteral("%1: %2").arg(QLatin1String(name), e.message()));
            } catch (const qmp::Error &e) {
                if (e.message().contains(QLatin1String(" argument(s), ")))
                    misfits.append(QStringLiteral("%1: %2").arg(QLatin1String(name), e.message()));
            }
        }
        QCOMPARE(misfits, QStringList());
    }

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

    // Array(typecode, n) is refused, before anything is allocated, when its items could never
    // travel back in one reply (Array.tolist() would fail): a client cannot make the manager
    // allocate without bound by sending one small integer.
    void arrayTooLargeIsRefused_data()
    {
        QTest::addColumn<qint64>("n");
        QTest::newRow("one past the limit") << qmp::ArrayObject::maxLength + 1;
        QTest::newRow("2^40") << (qint64(1) << 40);
        QTest::newRow("2^63-1") << std::numeric_limits<qint64>::max();
    }
    void arrayTooLargeIsRefused()
    {
        QFETCH(qint64, n);
        QCOMPARE(errorOf<qmp::ValueError>([&] { qmp::BuiltinObjects::create(QStringLiteral("Array"), {QStringLiteral("d"), n}); }),
                 QStringLiteral("Array('d', %1): too many items for the manager (at most %2, what one reply can carry)")
                     .arg(n)
                     .arg(qmp::ArrayObject::maxLength));
    }
    void arrayAtTheLimitIsMade()
    {
        const auto array = qmp::BuiltinObjects::create(QStringLiteral("Array"), {QStringLiteral("b"), 1000});
        QCOMPARE(callOn(*array, QStringLiteral("__len__")).toInteger(), qint64(1000));
        QVERIFY(qmp::ArrayObject::maxLength > 1000000);
    }

    // A wait's timeout (ms) as the manager reads it: an integer or a double (rounded up, so a
    // positive timeout never becomes a poll), null or negative → forever, beyond qint64 → forever;
    // NaN is a ValueError, anything else a TypeError (never silently "forever").
    void waitTimeouts_data()
    {
        QTest::addColumn<QCborValue>("timeout");
        QTest::addColumn<QString>("expected"); // "forever", "now", "<= N ms", or the error
        QTest::newRow("null") << QCborValue(nullptr) << QStringLiteral("forever");
        QTest::newRow("-1") << QCborValue(-1) << QStringLiteral("forever");
        QTest::newRow("0") << QCborValue(0) << QStringLiteral("now");
        QTest::newRow("250") << QCborValue(250) << QStringLiteral("<= 250 ms");
        QTest::newRow("250.0") << QCborValue(250.0) << QStringLiteral("<= 250 ms");
        QTest::newRow("0.5 (rounded up)") << QCborValue(0.5) << QStringLiteral("<= 1 ms");
        QTest::newRow("-0.5") << QCborValue(-0.5) << QStringLiteral("forever");
        QTest::newRow("1e300") << QCborValue(1e300) << QStringLiteral("forever");
        QTest::newRow("+inf") << QCborValue(std::numeric_limits<double>::infinity()) << QStringLiteral("forever");
        QTest::newRow("NaN") << QCborValue(std::numeric_limits<double>::quiet_NaN())
                             << QStringLiteral("ValueError: timeout must be a number of milliseconds, not NaN");
        QTest::newRow("string") << QCborValue(QStringLiteral("10"))
                                << QStringLiteral("TypeError: timeout must be a number of milliseconds, not string");
        QTest::newRow("true") << QCborValue(true)
                              << QStringLiteral("TypeError: timeout must be a number of milliseconds, not bool");
    }
    void waitTimeouts()
    {
        QFETCH(QCborValue, timeout);
        QFETCH(QString, expected);
        QDeadlineTimer deadline;
        const qint64 before = QDeadlineTimer::current(Qt::PreciseTimer).deadlineNSecs();
        try {
            deadline = qmp::MethodCall::deadlineOf(QCborValue(true), timeout);
        } catch (const qmp::ValueError &e) {
            QCOMPARE(QStringLiteral("ValueError: ") + e.message(), expected);
            return;
        } catch (const qmp::TypeError &e) {
            QCOMPARE(QStringLiteral("TypeError: ") + e.message(), expected);
            return;
        }
        const qint64 after = QDeadlineTimer::current(Qt::PreciseTimer).deadlineNSecs();
        if (expected == QLatin1String("forever")) {
            QVERIFY(deadline.isForever());
        } else if (expected == QLatin1String("now")) {
            QVERIFY(deadline.hasExpired());
        } else { // "<= N ms": exactly N ms after the call
            const qint64 ns = expected.section(QLatin1Char(' '), 1, 1).toLongLong() * 1000000;
            QVERIFY(!deadline.isForever());
            QVERIFY2(deadline.deadlineNSecs() >= before + ns && deadline.deadlineNSecs() <= after + ns,
                     qPrintable(QString::number(deadline.deadlineNSecs() - before)));
        }
    }
};

QMP_IPC_TEST_MAIN(tst_BuiltinObjects)
#include "tst_builtinobjects.moc"
