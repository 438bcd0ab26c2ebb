#pragma once
// ManagerAddress: where a manager listens. Two forms, as text:
//   "@name"      a local socket in Linux's abstract namespace (no file, gone with the process)
//   "host:port"  TCP ("127.0.0.1:0" picks a free port; "[::1]:5000" for IPv6)
// A value type; listen() and connect() return plain blocking socket descriptors.

#include <QString>

namespace qmp {

class ManagerAddress
{
public:
    ManagerAddress() = default;
    // Throws ValueError naming the text and the accepted forms.
    static ManagerAddress parse(const QString &text);
    // A fresh local address, unique to this process and call.
    static ManagerAddress uniqueLocal();

    bool isTcp() const { return m_tcp; }
    bool isNull() const { return m_host.isEmpty(); }
    QString host() const { return m_host; }
    quint16 port() const { return m_port; }
    QString toString() const;

    // A listening socket, or -1 with *error set. *bound is the address really bound (port 0
    // resolved).
    int listen(ManagerAddress *bound, QString *error) const;
    // A connected socket, or -1 with *error set (ECONNREFUSED and such: at once, never a hang;
    // TCP connects give up after timeoutMs).
    int connect(QString *error, int timeoutMs = 10000) const;

private:
    bool m_tcp = false;
    QString m_host; // TCP host, or the local name without '@'
    quint16 m_port = 0;
};

} // namespace qmp
