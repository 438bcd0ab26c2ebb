#pragma once
// ManagerSession: one accepted connection to a manager, served on a thread of its own (so a call
// that blocks — Queue.get, Lock.acquire — holds up only its caller): the authkey handshake
// (Authenticator, handshake-sized messages only, one deadline for all of it), then requests
// one at a time through the CallDispatcher, each answered before the next is read; a local
// client may move the connection to shared memory (the "channel" request, ShmChannel). When the
// connection ends — the peer hung up or sent garbage, the server stops — the ObjectTable hears
// it (the clients it spoke for let go, locks it held are released) and ended() is called.
// A blocked call whose caller hung up is dropped without a reply.
//
// Created and joined by the accepting thread; done() may be read from any thread.

#include "qmpmanager_export.h"
#include "serverobject.h"

#include <QByteArray>

#include <atomic>
#include <functional>
#include <memory>
#include <thread>

namespace qmp {

class CallDispatcher;
class FrameSocket;
class ObjectTable;

class QMP_MANAGER_AUTOTEST_EXPORT ManagerSession
{
public:
    // What a session needs of its server.
    struct Server
    {
        QByteArray authkey;
        int handshakeTimeoutMs = 10000;
        bool tcp = false; // another machine may be on the other end: no shared memory
        CallDispatcher *dispatcher = nullptr;
        ObjectTable *objects = nullptr;
        std::function<bool()> stopping;    // the server is stopping: end now
        std::function<void()> requestStop; // a client asked for shutdown (after its reply)
        std::function<void()> ended;       // this session is done (wake the accepting thread)
    };

    // Takes fd; start() begins serving it.
    ManagerSession(qint64 id, int fd, const Server &server);
    ~ManagerSession();
    ManagerSession(const ManagerSession &) = delete;
    ManagerSession &operator=(const ManagerSession &) = delete;

    qint64 id() const { return m_id; }
    void start();
    // Set once the connection ended and the table heard it.
    bool done() const { return m_done; }
    // Makes a blocked receive return (server shutdown).
    void shutdownSocket();
    void join();

private:
    void serve();
    // The request loop after the handshake.
    void serveRequests();

    const qint64 m_id;
    Server m_server;
    std::shared_ptr<FrameSocket> m_socket;
    std::thread m_thread;
    std::atomic<bool> m_done{false};
};

} // namespace qmp
