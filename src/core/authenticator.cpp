#include "authenticator.h"

#include "framesocket.h"
#include "managererrors.h"

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

bool Authenticator::deliverChallenge(FrameSocket &socket, const QByteArray &authkey, QString *error, int timeoutMs)
{
    const QByteArray message = digestTag + randomBytes(messageLength);
    if (!socket.send(challengeTag + message)) {
        *error = socket.lastError();
        return false;
    }
    const std::optional<QByteArray> response = socket.receive(timeoutMs);
    if (!response || response->size() > 256) {
        *error = response ? QStringLiteral("the answer to the challenge is too long") : socket.lastError();
        return false;
    }
    if (!sameBytes(*response, digest(authkey, message))) {
        socket.send(failure);
        *error = QStringLiteral("digest received was wrong (wrong authkey)");
        return false;
    }
    if (!socket.send(welcome)) {
        *error = socket.lastError();
        return false;
    }
    return true;
}

bool Authenticator::answerChallenge(FrameSocket &socket, const QByteArray &authkey, QString *error, bool *refused, int timeoutMs)
{
    *refused = false;
    const std::optional<QByteArray> challenge = socket.receive(timeoutMs);
    if (!challenge) {
        *error = socket.lastError();
        return false;
    }
    if (!challenge->startsWith(challengeTag + digestTag) || challenge->size() > 256) {
        *refused = true;
        *error = QStringLiteral("the peer sent no {sha256} challenge");
        return false;
    }
    if (!socket.send(digest(authkey, challenge->mid(challengeTag.size())))) {
        *error = socket.lastError();
        return false;
    }
    const std::optional<QByteArray> verdict = socket.receive(timeoutMs);
    if (!verdict) {
        *error = socket.lastError();
        return false;
    }
    if (*verdict != welcome) {
        *refused = true;
        *error = QStringLiteral("digest sent was rejected (wrong authkey)");
        return false;
    }
    return true;
}

bool Authenticator::serve(FrameSocket &socket, const QByteArray &authkey, QString *error, int timeoutMs)
{
    if (!deliverChallenge(socket, authkey, error, timeoutMs))
        return false;
    bool refused = false;
    return answerChallenge(socket, authkey, error, &refused, timeoutMs);
}

void Authenticator::answer(FrameSocket &socket, const QByteArray &authkey, const QString &address, int timeoutMs)
{
    QString error;
    bool refused = false;
    if (!answerChallenge(socket, authkey, &error, &refused, timeoutMs)) {
        if (refused)
            throw AuthenticationError(QStringLiteral("the manager at %1 refused this authkey: %2").arg(address, error));
        throw BrokenPipeError(QStringLiteral("the manager at %1 closed the connection during the authkey handshake: %2")
                                  .arg(address, error));
    }
    if (!deliverChallenge(socket, authkey, &error, timeoutMs)) {
        if (error.contains(QLatin1String("wrong authkey")))
            throw AuthenticationError(QStringLiteral("the manager at %1 does not know this authkey: %2").arg(address, error));
        throw BrokenPipeError(QStringLiteral("the manager at %1 closed the connection during the authkey handshake: %2")
                                  .arg(address, error));
    }
}

} // namespace qmp
