#pragma once
// Authenticator: the authkey handshake of a manager connection, both ways, like Python 3.12's
// multiprocessing.connection (deliver_challenge / answer_challenge with {sha256}):
//   server -> client  "#CHALLENGE#{sha256}" + 40 random bytes
//   client -> server  "{sha256}" + HMAC-SHA256(authkey, "{sha256}" + random)
//   server -> client  "#WELCOME#" or "#FAILURE#"
// then the same with the roles swapped, so each side proves it knows the key. Stateless.

#include <QByteArray>
#include <QString>

namespace qmp {

class FrameSocket;

class Authenticator
{
public:
    // The server's side. False (with *error) on a wrong key or a broken or slow peer; the
    // caller closes the socket. Each step waits at most timeoutMs.
    static bool serve(FrameSocket &socket, const QByteArray &authkey, QString *error, int timeoutMs = 10000);
    // The client's side. Throws AuthenticationError on a wrong key, BrokenPipeError when the
    // connection breaks; address is for the messages.
    static void answer(FrameSocket &socket, const QByteArray &authkey, const QString &address, int timeoutMs = 10000);

    static QByteArray randomKey(); // 32 random bytes (Python's process authkey)

private:
    static bool deliverChallenge(FrameSocket &socket, const QByteArray &authkey, QString *error, int timeoutMs);
    static bool answerChallenge(FrameSocket &socket, const QByteArray &authkey, QString *error, bool *refused, int timeoutMs);
};

} // namespace qmp
