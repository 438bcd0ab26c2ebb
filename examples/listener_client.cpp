// multiprocessing.connection between two programs: a Listener with an authkey, and a Client in
// another program (this program run again as `listener_client client ADDRESS KEY`, nothing
// shared but the address and the key). Python's documentation example, in C++:
//
//     with Listener(('localhost', 0), authkey=b'secret password') as listener:
//         with listener.accept() as conn:
//             print('connection accepted from', listener.last_accepted)
//             conn.send([2.25, None, 'junk'])
//             conn.send_bytes(b'hello')
//
//     with Client(address, authkey=b'secret password') as conn:
//         print(conn.recv())
//         print(conn.recv_bytes())
//
// Then a client with the wrong key: both sides refuse it (AuthenticationError).

#include "client.h"
#include "ipcerrors.h"
#include "listener.h"
#include "pyrepr.h"

#include <QCborArray>
#include <QCoreApplication>
#include <QProcess>

#include <cstdio>

namespace {

// The client program: prints what it receives, answers, exits 0; 3 when the key was refused.
int runClient(const QString &address, const QByteArray &key)
{
    try {
        qmp::SocketConnection conn = qmp::Client(address, std::nullopt, key);
        std::printf("client received: %s\n", qPrintable(qmp::PyRepr::repr(conn.recv())));
        std::printf("client received bytes: %s\n", conn.recvBytes().constData());
        conn.send(QStringLiteral("thanks"));
        return 0;
    } catch (const qmp::AuthenticationError &e) {
        std::printf("the client: AuthenticationError: %s\n", e.what());
        return 3;
    }
}

// Starts the client program and returns what it printed (after it ended).
struct ClientRun
{
    QProcess process;
    void start(const QString &address, const QByteArray &key)
    {
        process.start(QCoreApplication::applicationFilePath(), {QStringLiteral("client"), address, QString::fromLatin1(key)});
    }
    QByteArray finish()
    {
        process.waitForFinished(30000);
        return process.readAllStandardOutput();
    }
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() == 4 && args.at(1) == QLatin1String("client"))
        return runClient(args.at(2), args.at(3).toLatin1());

    const QByteArray key = QByteArrayLiteral("secret password");
    qmp::Listener listener(QStringLiteral("127.0.0.1:0"), std::nullopt, 1, key);
    std::printf("listening on %s\n", qPrintable(listener.address()));

    ClientRun good;
    good.start(listener.address(), key);
    {
        qmp::SocketConnection conn = listener.accept();
        std::printf("connection accepted from %s\n", qPrintable(listener.lastAccepted()));
        conn.send(QCborArray{2.25, QCborValue(nullptr), QStringLiteral("junk")});
        conn.sendBytes("hello");
        std::printf("server received: %s\n", qPrintable(conn.recv().toString()));
    }
    std::printf("%s", good.finish().constData());

    ClientRun wrong;
    wrong.start(listener.address(), "not the password");
    try {
        listener.accept();
    } catch (const qmp::AuthenticationError &e) {
        std::printf("the listener: AuthenticationError: %s\n", e.what());
    }
    std::printf("%s", wrong.finish().constData());
    std::fflush(stdout);
    return 0;
}
