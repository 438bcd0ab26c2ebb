#pragma once
// RemoteWorkerListener: where workers on other machines (RemoteWorker) connect to their pool.
// Listens on TCP; each connection is a stranger until it has passed the authkey handshake
// (Authenticator, on a thread of its own so a slow or hostile peer never stalls the pool) and
// said who it is (RemoteWorker::Hello). A connection that fails either is closed and counted,
// nothing else: it does not disturb the pool. Lives on its creator's thread (the pool's).

#include "qmpcore_export.h"
#include "remoteworker.h"

#include <QByteArray>
#include <QObject>
#include <QString>

#include <memory>

class QSocketNotifier;

namespace qmp {

class QMP_CORE_AUTOTEST_EXPORT RemoteWorkerListener : public QObject
{
    Q_OBJECT
public:
    RemoteWorkerListener(QByteArray authkey, QObject *parent = nullptr);
    // Stops listening, breaks off handshakes still running and waits for their threads.
    ~RemoteWorkerListener() override;

    // Listens on address ("host:port", port 0: any free one). False with errorString() set.
    bool listen(const QString &address);
    // Listens on fd, a TCP socket listening already, from now on its own. False (fd closed)
    // with errorString() set when it is no such socket.
    bool adopt(int fd);
    // The port really listened on.
    quint16 port() const { return m_port; }
    QString errorString() const { return m_error; }
    // Connections refused so far (a wrong authkey, no or a malformed Hello, a broken handshake).
    int refusedCount() const;

Q_SIGNALS:
    // A worker passed the handshake: fd is its connected socket (blocking), now the receiver's.
    void workerConnected(const qmp::RemoteWorker::Hello &hello, int fd);
    // A connection was refused, and why (for a warning; the pool carries on).
    void connectionRefused(const QString &why);

private:
    struct Shared;
    void accept();
    void watch();

    QByteArray m_authkey;
    int m_fd = -1;
    quint16 m_port = 0;
    QString m_error;
    QSocketNotifier *m_notifier = nullptr;
    std::shared_ptr<Shared> m_shared;
};

} // namespace qmp
