#pragma once
// SocketAddress: where a stream socket listens or connects — Python's multiprocessing.connection
// addresses, as text:
//   "host:port"    AF_INET: TCP ("127.0.0.1:0" picks a free port; "[::1]:5000" for IPv6)
//   "@name"        AF_UNIX in Linux's abstract namespace: no file, gone with the process
//                  (Python's "\0name", also accepted)
//   "/path/sock"   AF_UNIX, a socket file (any text with a '/'; "./sock" for a relative one)
// A value type; listen() and connect() return plain blocking socket descriptors (close-on-exec).
// Used by managers and by Listener / Client.

#include "qmpcore_export.h"
#include <QString>

namespace qmp {

class QMP_CORE_EXPORT SocketAddress
{
public:
    enum class Family { Unix, Inet }; // Python's 'AF_UNIX' (a path or an abstract name), 'AF_INET'

    SocketAddress() = default;
    // Throws ValueError naming the text and the accepted forms.
    static SocketAddress parse(const QString &text);
    // A fresh abstract address, unique to this process and call: "@<prefix>-<pid>-<n>-<random>".
    static SocketAddress uniqueLocal(const QString &prefix);

    Family family() const { return m_tcp ? Family::Inet : Family::Unix; }
    bool isTcp() const { return m_tcp; }
    bool isAbstract() const { return !m_tcp && !m_path; }
    bool isPath() const { return m_path; }
    bool isNull() const { return m_host.isEmpty(); }
    QString host() const { return m_host; } // TCP host, abstract name (without '@') or file path
    quint16 port() const { return m_port; }
    QString toString() const;

    // A listening socket, or -1 with *error set. *bound is the address really bound (port 0
    // resolved). A socket file that already exists is an error ("address in use"), as in
    // Python; whoever listens on a path removes the file when done (unlinkPath()).
    int listen(SocketAddress *bound, QString *error, int backlog = 128) const;
    // A connected socket, or -1 with *error set and *errorCode (when given) the errno:
    // ECONNREFUSED, ENOENT (no such socket file)... at once, never a hang; TCP connects give up
    // after timeoutMs (ETIMEDOUT).
    int connect(QString *error, int timeoutMs = 10000, int *errorCode = nullptr) const;
    // Removes the socket file of a path address (nothing for the others).
    void unlinkPath() const;
    // The address of the peer of a connected or accepted socket fd, in this notation ("" for
    // an unnamed Unix socket, as Python's last_accepted).
    static QString peerOf(int fd);

private:
    bool m_tcp = false;
    bool m_path = false;
    QString m_host;
    quint16 m_port = 0;
};

} // namespace qmp
