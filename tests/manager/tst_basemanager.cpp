// qmp::BaseManager::start(initializer) — Python's BaseManager.start(initializer, initargs): the
// initializer runs in the manager process before it serves, with its arguments; state it sets is
// what the served objects see; an unknown or badly called initializer fails before anything starts;
// one that throws makes start() throw that error, with the server process gone, or exits with its
// code. Also the address forms a manager listens on (TCP, an abstract name, a socket file that is
// removed at shutdown).

#include "basemanager.h"
#include "manager.h"
#include "managedtyperegistry.h"
#include "process.h"
#include "qmpipctest.h"
#include "taskregistry.h"
#include "value.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <stdexcept>
#include <unistd.h>

namespace {

QString g_greeting = QStringLiteral("not initialised");

// Runs in the manager process: records where it ran, sets what the served objects read.
void setUp(qmp::Value<qint64> ranIn, const QString &greeting, int delayMs)
{
    QThread::msleep(delayMs); // start() must wait for it
    g_greeting = greeting;
    ranIn.setValue(qint64(::getpid()));
}
QMP_TASK(setUp);

void failingSetUp(const QString &why)
{
    throw std::runtime_error(why.toStdString());
}
QMP_TASK(failingSetUp);

void exitingSetUp(int code)
{
    qmp::exit(code);
}
QMP_TASK(exitingSetUp);

void setInChild(qmp::DictProxy d, const QString &key)
{
    d.set(key, QStringLiteral("set by a child"));
}
QMP_TASK(setInChild);

class Greeter
{
public:
    QString greeting() const { return g_greeting; }
};
const bool greeterRegistered = qmp::registerManagedType<Greeter>(QStringLiteral("Greeter"))
                                   .expose(QStringLiteral("greeting"), &Greeter::greeting);

} // namespace

class tst_BaseManager : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cleanup()
    {
        QTRY_COMPARE(qmptest::strayWorkers(), QList<qint64>());
        QCOMPARE(qmptest::ipcLeftovers(), QStringList());
    }
    void cleanupTestCase() { QVERIFY(qmptest::shutDownAndCheckNothingLeft()); }

    void initializerRunsInTheServerBeforeItServes_data()
    {
        QTest::addColumn<bool>("viaManager"); // qmp::Manager(initializer) or BaseManager::start(initializer)
        QTest::newRow("BaseManager::start(initializer)") << false;
        QTest::newRow("Manager(initializer)") << true;
    }
    void initializerRunsInTheServerBeforeItServes()
    {
        QFETCH(bool, viaManager);
        qmp::Value<qint64> ranIn(0);
        const qmp::TaskCall init = qmp::TaskCall::of(&setUp, ranIn, QStringLiteral("hello from the initializer"), 300);
        std::unique_ptr<qmp::BaseManager> manager;
        if (viaManager) {
            manager = std::make_unique<qmp::Manager>(init);
        } else {
            manager = std::make_unique<qmp::BaseManager>();
            manager->start(init);
        }
        QCOMPARE(manager->state(), qmp::BaseManager::State::Started);
        QCOMPARE(ranIn.value(), manager->pid()); // done, in the server process, when start() returns
        const qmp::BaseProxy greeter = manager->create(QStringLiteral("Greeter"));
        QCOMPARE(greeter.call<QString>(QStringLiteral("greeting")), QStringLiteral("hello from the initializer"));
    }

    // Without an initializer the served objects see the program's own state.
    void noInitializer()
    {
        qmp::BaseManager manager;
        manager.start();
        QCOMPARE(manager.create(QStringLiteral("Greeter")).call<QString>(QStringLiteral("greeting")),
                 QStringLiteral("not initialised"));
    }

    void badInitializerFailsBeforeStarting_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QCborArray>("args");
        QTest::addColumn<QString>("error"); // the exception's class
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown task") << "noSuchTask" << QCborArray{} << "ValueError" << "noSuchTask";
        QTest::newRow("wrong argument count") << "failingSetUp" << QCborArray{1, 2} << "TypeError" << "takes 1 argument(s), 2 given";
    }
    void badInitializerFailsBeforeStarting()
    {
        QFETCH(QString, name);
        QFETCH(QCborArray, args);
        QFETCH(QString, error);
        QFETCH(QString, message);
        qmp::BaseManager manager;
        QString thrown;
        QString text;
        try {
            manager.start(qmp::TaskCall{name, args});
        } catch (const qmp::TypeError &e) {
            thrown = QStringLiteral("TypeError");
            text = e.message();
        } catch (const qmp::ValueError &e) {
            thrown = QStringLiteral("ValueError");
            text = e.message();
        }
        QCOMPARE(thrown, error);
        QVERIFY2(text.contains(message), qPrintable(text));
        QCOMPARE(manager.state(), qmp::BaseManager::State::Initial);
        QCOMPARE(manager.pid(), 0); // no server was started
    }

    // An initializer that throws: start() throws its error (type, message, where), the server
    // process has ended, and the manager can be started again.
    void throwingInitializerFailsStart_data()
    {
        QTest::addColumn<bool>("viaManager");
        QTest::newRow("BaseManager::start(initializer)") << false;
        QTest::newRow("Manager(initializer)") << true;
    }
    void throwingInitializerFailsStart()
    {
        QFETCH(bool, viaManager);
        const qmp::TaskCall init = qmp::TaskCall::of(&failingSetUp, QStringLiteral("no database"));
        qmp::BaseManager manager;
        try {
            if (viaManager) {
                qmp::Manager failing(init);
            } else {
                manager.start(init);
            }
            QFAIL("start() did not throw");
        } catch (const qmp::RemoteError &e) {
            QCOMPARE(e.type(), QStringLiteral("std::runtime_error"));
            QCOMPARE(e.remoteMessage(), QStringLiteral("no database"));
            QVERIFY2(e.context().contains(QStringLiteral("initializer 'failingSetUp' of Manager-")), qPrintable(e.context()));
        }
        QCOMPARE(qmptest::strayWorkers(), QList<qint64>()); // no server left, at once
        if (!viaManager) {
            QCOMPARE(manager.state(), qmp::BaseManager::State::Initial);
            manager.start(); // a failed start leaves it startable
            QCOMPARE(manager.state(), qmp::BaseManager::State::Started);
        }
    }

    void addressForms_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<QString>("pattern");
        QTest::newRow("TCP") << "127.0.0.1:0" << "^127\\.0\\.0\\.1:[1-9][0-9]*$";
        QTest::newRow("abstract name") << "@qmp-tst-basemanager-%1" << "^@qmp-tst-basemanager-[0-9]+$";
        QTest::newRow("socket file") << "PATH" << "/manager\\.sock$";
    }
    void addressForms()
    {
        QFETCH(QString, address);
        QFETCH(QString, pattern);
        QTemporaryDir dir(QStringLiteral("/tmp/qmp-tst-basemanager-XXXXXX"));
        const QString path = dir.filePath(QStringLiteral("manager.sock"));
        address = address == QLatin1String("PATH") ? path : address.arg(QCoreApplication::applicationPid());
        {
            qmp::Manager manager(address, QByteArrayLiteral("key"));
            QVERIFY2(QRegularExpression(pattern).match(manager.address()).hasMatch(), qPrintable(manager.address()));
            qmp::DictProxy d = manager.dict();
            qmp::Process child(&setInChild, d, QStringLiteral("k"));
            child.start();
            QVERIFY(child.join(60000));
            QCOMPARE(d.at(QStringLiteral("k")).toString(), QStringLiteral("set by a child"));
            QCOMPARE(qmp::Manager::connect(manager.address(), QByteArrayLiteral("key")).dict().size(), 0);
        }
        QVERIFY(!QFile::exists(path)); // the server removed its socket file
    }

    // qmp::exit(n) in the initializer (Python's sys.exit): the server ends with n, start() says so.
    void exitingInitializer()
    {
        qmp::BaseManager manager;
        try {
            manager.start(qmp::TaskCall::of(&exitingSetUp, 3));
            QFAIL("start() did not throw");
        } catch (const qmp::ProcessError &e) {
            QVERIFY2(e.message().contains(QStringLiteral("exited (code 3) before it listened")), qPrintable(e.message()));
        }
        QCOMPARE(manager.state(), qmp::BaseManager::State::Initial);
    }
};

QMP_IPC_TEST_MAIN(tst_BaseManager)
#include "tst_basemanager.moc"
