#include "managersession.h"

#include "authenticator.h"
#include "calldispatcher.h"
#include "framesocket.h"
#include "managererrornames.h"
#include "managerwire.h"
#include "objecttable.h"
#include "shmchannel.h"

namespace qmp {

ManagerSession::ManagerSession(qint64 id, int fd, const Server &server)
    : m_id(id), m_server(server), m_socket(std::make_shared<FrameSocket>(fd))
{
}

ManagerSession::~ManagerSession()
{
    join();
}

void ManagerSession::start()
{
    m_thread = std::thread([this] { serve(); });
}

void ManagerSession::shutdownSocket()
{
    m_socket->shutdown();
}

void ManagerSession::join()
{
    if (m_thread.joinable())
        m_thread.join();
}

void ManagerSession::serve()
{
    // Until the peer has proved it knows the key: handshake-sized messages (Authenticator's
    // cap), one deadline for the whole handshake.
    if (Authenticator::serve(*m_socket, m_server.authkey, QDeadlineTimer(m_server.handshakeTimeoutMs)).accepted())
        serveRequests();
    m_server.objects->connectionEnded(m_id);
    m_done = true;
    m_server.ended();
}

void ManagerSession::serveRequests()
{
    FrameSocket &socket = *m_socket;
    CallContext context(m_id, [this, &socket] { return m_server.stopping() || socket.peerGone(); });
    std::unique_ptr<ShmChannel> channel; // once the client moved to shared memory
    const auto send = [&](const QByteArray &frame) { return channel ? channel->sendFrame(frame) : socket.sendFrame(frame); };
    while (!m_server.stopping()) {
        const std::optional<QByteArray> payload = channel ? channel->receive() : socket.receive();
        if (!payload)
            return;
        ManagerWire::Request request;
        QString parseError;
        if (!ManagerWire::parseRequest(*payload, &request, &parseError)) {
            send(ManagerWire::errorFrame(QStringLiteral("OSError"), parseError));
            return;
        }
        if (request.objectId == 0 && request.method == QLatin1String("channel") && !channel) {
            if (m_server.tcp) { // another machine: no shared memory
                if (!socket.sendFrame(ManagerWire::errorFrame(QStringLiteral("ValueError"), QStringLiteral("no shared memory channel over TCP"))))
                    return;
                continue;
            }
            if (!socket.sendFrame(ManagerWire::okFrame(true)))
                return;
            const int memfd = socket.receiveDescriptor(10000);
            if (memfd < 0)
                return;
            QString channelError;
            channel = ShmChannel::attach(socket, memfd, &channelError);
            if (!socket.sendFrame(channel ? ManagerWire::okFrame(true) : ManagerWire::errorFrame(QStringLiteral("OSError"), channelError)))
                return;
            if (channel)
                channel->closeMemfd();
            continue;
        }
        QByteArray reply;
        try {
            reply = ManagerWire::okFrame(m_server.dispatcher->dispatch(request, context));
        } catch (const CallAbandoned &) {
            return;
        } catch (const std::exception &e) {
            reply = ManagerWire::errorFrame(ManagerErrorNames::nameOf(e), QString::fromUtf8(e.what()));
        }
        if (!send(reply))
            return;
        if (CallDispatcher::isShutdown(request))
            m_server.requestStop();
    }
}

} // namespace qmp
