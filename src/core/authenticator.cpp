#include "authenticator.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>

namespace qmp {

namespace {

const QByteArray challengeTag = QByteArrayLiteral("#CHALLENGE#");
const QByteArray welcome = QByteArrayLiteral("#WELCOME#");
const QByteArray failure = QByteArrayLiteral("#FAILURE#");
const QByteArray digestTag = QByteArrayLiteral("{sha256}");
constexpr int messageLength = 40;

QByteArray randomBytes(int n)
{
    QByteArray out(n, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(out.data()), n / 4);
    return out;
}

QByteArray digest(const QByteArray &key, const QByteArray &message)
{
    return digestTag + QMessageAuthenticationCode::hash(message, key, QCryptographicHash::Sha256);
}

// Compares in time independent of where the first difference is.
bool sameBytes(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return diff == 0;
}

} // namespace

QByteArray Authenticator::randomKey()
{
    return randomBytes(32);
}

namespace {

// Why a handshake message did not arrive, as a Result.
Authenticator::Result notReceived(const FrameSocket &socket, const char *what)
{
    using Outcome = Authenticator::Outcome;
    switch (socket.status()) {
    case FrameSocket::Status::TooLarge:
        return {Outcome::Rejected, QStringLiteral("%1 is too long for a handshake (%2)").arg(QLatin1String(what), socket.lastError())};
    case FrameSocket::Status::TimedOut:
        return {Outcome::Broken, QStringLiteral("no %1 before the handshake deadline").arg(QLatin1String(what))};
    default:
        return {Outcome::Broken, QStringLiteral("no %1: %2").arg(QLatin1String(what), socket.lastError())};
    }
}

Authenticator::Result sendFailed(const FrameSocket &socket)
{
    return {Authenticator::Outcome::Broken, QStringLiteral("cannot send: %1").arg(socket.lastError())};
}

} // namespace

Authenticator::Result Authenticator::deliverChallenge(FrameSocket &socket, const QByteArray &authkey, QDeadlineTimer deadline)
{
    const QByteArray message = digestTag + randomBytes(messageLength);
    if (!socket.send(challengeTag + message))
        return sendFailed(socket);
    const std::optional<QByteArray> response = socket.receive(deadline, maxMessage);
    if (!response)
        return notReceived(socket, "answer to the challenge");
    if (!sameBytes(*response, digest(authkey, message))) {
        socket.send(failure);
        return {Outcome::Rejected, QStringLiteral("digest received was wrong (the peer does not know this authkey)")};
    }
    if (!socket.send(welcome))
        return sendFailed(socket);
    return {};
}

Authenticator::Result Authenticator::answerChallenge(FrameSocket &socket, const QByteArray &authkey, QDeadlineTimer deadline)
{
    const std::optional<QByteArray> challenge = socket.receive(deadline, maxMessage);
    if (!challenge)
        return notReceived(socket, "challenge");
    if (!challenge->startsWith(challengeTag + digestTag))
        return {Outcome::Rejected, QStringLiteral("the peer sent no {sha256} challenge")};
    if (!socket.send(digest(authkey, challenge->mid(challengeTag.size()))))
        return sendFailed(socket);
    const std::optional<QByteArray> verdict = socket.receive(deadline, maxMessage);
    if (!verdict)
        return notReceived(socket, "verdict on our digest");
    if (*verdict != welcome)
        return {Outcome::Rejected, QStringLiteral("digest sent was rejected (the peer does not accept this authkey)")};
    return {};
}

Authenticator::Result Authenticator::serve(FrameSocket &socket, const QByteArray &authkey, QDeadlineTimer deadline)
{
    const Result first = deliverChallenge(socket, authkey, deadline);
    return first.accepted() ? answerChallenge(socket, authkey, deadline) : first;
}

Authenticator::Result Authenticator::answer(FrameSocket &socket, const QByteArray &authkey, QDeadlineTimer deadline)
{
    const Result first = answerChallenge(socket, authkey, deadline);
    return first.accepted() ? deliverChallenge(socket, authkey, deadline) : first;
}

} // namespace qmp
