#include "managerconnection.h"

#include "authenticator.h"
#include "framesocket.h"
#include "socketaddress.h"
#include "managererrornames.h"
#include "managererrors.h"
#include "managerwire.h"
#include "shmchannel.h"

#include <string>
#include <unordered_map>

namespace qmp {

namespace {

using ConnectionMap = std::unordered_map<std::string, std::unique_ptr<ManagerConnection>>;

ConnectionMap &threadConnections()
{
    thread_local ConnectionMap connections;
    return connections;
}

} // namespace

ManagerConnection::ManagerConnection(const QString &address, const QByteArray &authkey)
    : m_address(address), m_authkey(authkey)
{
    const SocketAddress where = SocketAddress::parse(address);
    QString error;
    const int fd = where.connect(&error);
    if (fd < 0)
        throw BrokenPipeError(QStringLiteral("cannot reach the manager at %1: %2 (is it running? it may have been shut down or died)")
                                  .arg(address, error));
    m_socket = std::make_unique<FrameSocket>(fd);
    const Authenticator::Result handshake = Authenticator::answer(*m_socket, authkey, QDeadlineTimer(Authenticator::defaultTimeoutMs));
    if (handshake.outcome == Authenticator::Outcome::Rejected)
        throw AuthenticationError(QStringLiteral("the manager at %1 and this client do not share the authkey: %2").arg(address, handshake.error));
    if (handshake.outcome == Authenticator::Outcome::Broken)
        throw BrokenPipeError(QStringLiteral("the manager at %1 broke the connection during the authkey handshake: %2")
                                  .arg(address, handshake.error));
    if (!where.isTcp())
        openChannel();
}

void ManagerConnection::openChannel()
{
    QString error;
    std::unique_ptr<ShmChannel> channel = ShmChannel::create(*m_socket, &error);
    if (!channel)
        return; // no memfd here: the socket works as well, only slower
    if (!m_socket->sendFrame(ManagerWire::requestFrame(0, QStringLiteral("channel"), {})))
        throwGone(m_socket->lastError());
    ManagerWire::Reply reply;
    std::optional<QByteArray> payload = m_socket->receive();
    if (!payload || !ManagerWire::parseReply(*payload, &reply, &error))
        throwGone(payload ? error : m_socket->lastError());
    if (!reply.ok)
        return; // a manager without channels: stay on the socket
    if (!m_socket->sendDescriptor(channel->memfd()))
        throwGone(m_socket->lastError());
    payload = m_socket->receive();
    if (!payload || !ManagerWire::parseReply(*payload, &reply, &error))
        throwGone(payload ? error : m_socket->lastError());
    if (!reply.ok)
        return; // the manager could not map it: stay on the socket
    channel->closeMemfd();
    m_channel = std::move(channel);
}

ManagerConnection::~ManagerConnection() = default;

ManagerConnection &ManagerConnection::forThread(const QString &address, const QByteArray &authkey)
{
    ConnectionMap &map = threadConnections();
    const std::string key = address.toStdString();
    const auto it = map.find(key);
    if (it != map.end() && it->second->m_authkey == authkey)
        return *it->second;
    auto connection = std::make_unique<ManagerConnection>(address, authkey);
    ManagerConnection &ref = *connection;
    map[key] = std::move(connection);
    return ref;
}

void ManagerConnection::closeForThread(const QString &address)
{
    threadConnections().erase(address.toStdString());
}

void ManagerConnection::throwGone(const QString &what)
{
    const QString message = QStringLiteral("the manager at %1 is gone: %2 (its process died or it was shut down)")
                                .arg(m_address, what);
    // This object dies here when it is a thread's cached connection: copy what we need first.
    closeForThread(m_address);
    throw BrokenPipeError(message);
}

QCborValue ManagerConnection::call(qint64 objectId, const QString &method, const QCborArray &args)
{
    const QByteArray request = ManagerWire::requestFrame(objectId, method, args);
    if (!(m_channel ? m_channel->sendFrame(request) : m_socket->sendFrame(request)))
        throwGone(m_channel ? m_channel->lastError() : m_socket->lastError());
    const std::optional<QByteArray> payload = m_channel ? m_channel->receive() : m_socket->receive();
    if (!payload)
        throwGone(m_channel ? m_channel->lastError() : m_socket->lastError());
    ManagerWire::Reply reply;
    QString error;
    if (!ManagerWire::parseReply(*payload, &reply, &error))
        throwGone(QStringLiteral("protocol error: ") + error);
    if (!reply.ok)
        ManagerErrorNames::raise(reply.errorType, reply.message, QStringLiteral("manager at %1").arg(m_address));
    return reply.value;
}

} // namespace qmp
