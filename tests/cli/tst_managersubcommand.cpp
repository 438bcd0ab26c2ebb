// `qmp manager serve` (ManagerSubcommand): a client in this program connects over 127.0.0.1
// with the key from the file and uses a dict and a list; a wrong key is refused; SIGTERM stops
// the server cleanly; bad usage (no action, no address, a malformed address, a missing or empty
// key file, a key file that is not a short regular file) exits with 2 and says why; out of
// descriptors, the server backs off instead of spinning.

#include "manager.h"
#include "socketaddress.h"
#include "qmpipctest.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

#include <vector>

#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {

struct Run
{
    int code = -1;
    QString out;
    QString err;
};

Run qmpCli(const QStringList &arguments)
{
    QProcess p;
    p.start(QStringLiteral(QMP_CLI_PATH), arguments);
    Run r;
    if (!p.waitForFinished(20000)) {
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &content)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(content) != content.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

} // namespace

class tst_ManagerSubcommand : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void usage_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("says");
        const QString missing = QStringLiteral("/nonexistent/qmp-key");
        QTest::newRow("help") << QStringList{QStringLiteral("manager"), QStringLiteral("--help")} << 0 << QStringLiteral("--authkey-file");
        QTest::newRow("no action") << QStringList{QStringLiteral("manager")} << 2 << QStringLiteral("serve");
        QTest::newRow("bad action") << QStringList{QStringLiteral("manager"), QStringLiteral("start")} << 2 << QStringLiteral("start");
        QTest::newRow("no address") << QStringList{QStringLiteral("manager"), QStringLiteral("serve"), QStringLiteral("--authkey-file"), missing}
                                    << 2 << QStringLiteral("--address");
        QTest::newRow("bad address") << QStringList{QStringLiteral("manager"), QStringLiteral("serve"), QStringLiteral("--address"),
                                                    QStringLiteral("nowhere"), QStringLiteral("--authkey-file"), missing}
                                     << 2 << QStringLiteral("nowhere");
        QTest::newRow("missing key file") << QStringList{QStringLiteral("manager"), QStringLiteral("serve"), QStringLiteral("--address"),
                                                         QStringLiteral("127.0.0.1:0"), QStringLiteral("--authkey-file"), missing}
                                          << 2 << missing;
    }
    void usage()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, code);
        QFETCH(QString, says);
        const Run r = qmpCli(arguments);
        QCOMPARE(r.code, code);
        QVERIFY2((r.out + r.err).contains(says), qPrintable(r.out + r.err));
    }

    void emptyKeyIsRefused()
    {
        QTemporaryDir dir;
        const QString key = writeFile(dir, QStringLiteral("key"), QByteArrayLiteral("\n"));
        const Run r = qmpCli({QStringLiteral("manager"), QStringLiteral("serve"), QStringLiteral("--address"),
                              QStringLiteral("127.0.0.1:0"), QStringLiteral("--authkey-file"), key});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QLatin1String("empty")), qPrintable(r.err));
    }

    // The key file is a short regular file: /dev/zero (endless), a FIFO (blocks), a directory or
    // a large file are refused at once with the reason.
    void badKeyFiles_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("reason");
        QTest::newRow("/dev/zero") << "zero" << "not a regular file";
        QTest::newRow("a FIFO") << "fifo" << "not a regular file";
        QTest::newRow("a directory") << "directory" << "not a regular file";
        QTest::newRow("1 MiB") << "large" << "larger than 65536 bytes";
    }
    void badKeyFiles()
    {
        QFETCH(QString, kind);
        QFETCH(QString, reason);
        QTemporaryDir dir;
        QString path = QStringLiteral("/dev/zero");
        if (kind == QLatin1String("fifo")) {
            path = dir.filePath(QStringLiteral("fifo"));
            QCOMPARE(::mkfifo(QFile::encodeName(path).constData(), 0600), 0);
        } else if (kind == QLatin1String("directory")) {
            path = dir.path();
        } else if (kind == QLatin1String("large")) {
            path = writeFile(dir, QStringLiteral("big"), QByteArray(1 << 20, 'k'));
        }
        const Run r = qmpCli({QStringLiteral("manager"), QStringLiteral("serve"), QStringLiteral("--address"),
                              QStringLiteral("127.0.0.1:0"), QStringLiteral("--authkey-file"), path});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(path) && r.err.contains(reason), qPrintable(r.err));
    }

    // Out of descriptors, accept() fails while connections wait in the backlog: the server backs
    // off instead of spinning on the readable listening socket.
    void acceptErrorsBackOff()
    {
        QTemporaryDir dir;
        const QString keyPath = writeFile(dir, QStringLiteral("key"), QByteArrayLiteral("backoff-secret"));
        QProcess server;
        server.setChildProcessModifier([] {
            const rlimit limit{48, 48};
            ::setrlimit(RLIMIT_NOFILE, &limit);
        });
        server.start(QStringLiteral(QMP_CLI_PATH), {QStringLiteral("manager"), QStringLiteral("serve"), QStringLiteral("--address"),
                                                    QStringLiteral("127.0.0.1:0"), QStringLiteral("--authkey-file"), keyPath,
                                                    QStringLiteral("--max-connections"), QStringLiteral("10000")});
        QVERIFY(server.waitForStarted(10000));
        QTRY_VERIFY_WITH_TIMEOUT(server.canReadLine() || server.state() == QProcess::NotRunning, 20000);
        const QString line = QString::fromUtf8(server.readLine()).trimmed();
        QVERIFY2(line.startsWith(QLatin1String("serving on ")), qPrintable(line + QString::fromUtf8(server.readAllStandardError())));
        const qmp::SocketAddress address = qmp::SocketAddress::parse(line.mid(QStringLiteral("serving on ").size()));
        std::vector<int> connections;
        const auto closeAll = qScopeGuard([&connections] {
            for (int fd : connections)
                ::close(fd);
        });
        for (int i = 0; i < 80; ++i) {
            QString error;
            const int fd = address.connect(&error);
            QVERIFY2(fd >= 0, qPrintable(error));
            connections.push_back(fd);
        }
        // The server has taken what it can; the rest wait in the backlog. Its CPU time over 2 s:
        const auto cpuSeconds = [pid = server.processId()] {
            QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
            if (!stat.open(QIODevice::ReadOnly))
                return -1.0;
            const QByteArray line = stat.readAll();
            const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
            return double(fields.value(11).toLongLong() + fields.value(12).toLongLong()) / double(::sysconf(_SC_CLK_TCK));
        };
        QTest::qWait(500);
        const double before = cpuSeconds();
        QElapsedTimer clock;
        clock.start();
        QTest::qWait(2000);
        const double used = cpuSeconds() - before;
        const double share = used / (double(clock.elapsed()) / 1000.0);
        QVERIFY2(share < 0.25, qPrintable(QStringLiteral("the server used %1% of a CPU while out of descriptors").arg(share * 100)));
        server.terminate();
        QVERIFY(server.waitForFinished(20000));
    }

    void servesClientsOverTcp()
    {
        QTemporaryDir dir;
        const QByteArray secret = QByteArrayLiteral("cli-manager-test-secret");
        const QString keyPath = writeFile(dir, QStringLiteral("key"), secret + '\n');
        QProcess server;
        server.start(QStringLiteral(QMP_CLI_PATH), {QStringLiteral("manager"), QStringLiteral("serve"), QStringLiteral("--address"),
                                                    QStringLiteral("127.0.0.1:0"), QStringLiteral("--authkey-file"), keyPath});
        QVERIFY(server.waitForStarted(10000));
        QTRY_VERIFY_WITH_TIMEOUT(server.canReadLine() || server.state() == QProcess::NotRunning, 20000);
        const QString line = QString::fromUtf8(server.readLine()).trimmed();
        QVERIFY2(line.startsWith(QLatin1String("serving on 127.0.0.1:")), qPrintable(line + QString::fromUtf8(server.readAllStandardError())));
        const QString address = line.mid(QStringLiteral("serving on ").size());
        QVERIFY(!address.endsWith(QLatin1String(":0")));
        {
            qmp::Manager client = qmp::Manager::connect(address, secret);
            qmp::DictProxy d = client.dict();
            d.set(QStringLiteral("answer"), 42);
            QCOMPARE(d.at(QStringLiteral("answer")).toInteger(), 42);
            qmp::ListProxy l = client.list(QCborArray{1, 2});
            l.append(3);
            QCOMPARE(l.toList(), (QCborArray{1, 2, 3}));
            QCOMPARE(client.objectCount(), qint64(2));
            QVERIFY_THROWS_EXCEPTION(qmp::AuthenticationError, qmp::Manager::connect(address, secret + "x"));
        }
        server.terminate();
        QVERIFY(server.waitForFinished(20000));
        QCOMPARE(server.exitStatus(), QProcess::NormalExit);
        QCOMPARE(server.exitCode(), 0);
        QVERIFY(server.readAllStandardOutput().contains("manager stopped"));
    }
};

QMP_IPC_TEST_MAIN(tst_ManagerSubcommand)
#include "tst_managersubcommand.moc"
