#pragma once
// multiprocessing.connection.Client and connection.wait(), for the connections of a Listener.
//
//     qmp::SocketConnection conn = qmp::Client(QStringLiteral("127.0.0.1:6000"), std::nullopt, QByteArray("secret"));
//     conn.send(QCborArray{1, 2, 3});
//     QCborValue reply = conn.recv();

#include "qmpipc_export.h"
#include "socketaddress.h"
#include "socketconnection.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace qmp {

// Python's Client(address, family=None, authkey=None): connects to a Listener (the family
// follows from the address; one given must match, ValueError otherwise) and, with an authkey,
// runs the HMAC-SHA256 challenge both ways (see Listener). Throws FileNotFoundError for a socket
// file that does not exist, OSError when nobody listens (connection refused...) — at once —
// and AuthenticationError when the keys differ ("digest sent was rejected": the listener
// refused ours; "digest received was wrong": the listener does not know it) or the listener
// does not complete the handshake within handshakeTimeoutMs (negative: wait as long as it
// takes, as Python does: the listener may accept() later).
QMP_IPC_EXPORT SocketConnection Client(const QString &address, std::optional<SocketAddress::Family> family = std::nullopt,
                        const std::optional<QByteArray> &authkey = std::nullopt, int handshakeTimeoutMs = -1);

// connection.wait(object_list, timeout) for socket connections: those that have something to
// read (or EOF), waiting up to timeoutMs (negative: forever) until at least one has; empty on
// timeout. Connections already closed here are never ready.
QMP_IPC_EXPORT QList<SocketConnection> wait(const QList<SocketConnection> &connections, int timeoutMs = -1);

} // namespace qmp
