#pragma once
// Authenticator: the authkey handshake of a connection, both ways, as Python 3.12's
// multiprocessing.connection does it (deliver_challenge / answer_challenge with {sha256}):
//   server -> client  "#CHALLENGE#{sha256}" + 40 random bytes
//   client -> server  "{sha256}" + HMAC-SHA256(authkey, "{sha256}" + random)
//   server -> client  "#WELCOME#" or "#FAILURE#"
// then the same with the roles swapped, so each side proves it knows the key. Used by managers
// and by Listener / Client.
//
// Before the peer is authenticated it is a stranger: every handshake message may have at most
// maxMessage bytes (Python's recv_bytes(256)) — a longer one is refused unread — and the whole
// handshake must end by the deadline, however the peer spaces its bytes. Stateless.

#include "qmpcore_export.h"
#include "framesocket.h"

#include <QByteArray>
#include <QDeadlineTimer>
#include <QString>

namespace qmp {

class QMP_CORE_EXPORT Authenticator
{
public:
    static constexpr quint32 maxMessage = 256;
    static constexpr int defaultTimeoutMs = 10000;

    enum class Outcome {
        Accepted,
        Rejected, // a wrong key (either way) or a peer that does not speak the protocol
        Broken,   // the connection broke, or the deadline passed
    };
    struct Result
    {
        Outcome outcome = Outcome::Accepted;
        // Python's words first: "digest received was wrong" (the peer's key is not ours),
        // "digest sent was rejected" (ours is not the peer's), then why.
        QString error;
        bool accepted() const { return outcome == Outcome::Accepted; }
    };

    // The accepting side (a Listener, a manager server): challenges first, then answers.
    static Result serve(FrameSocket &socket, const QByteArray &authkey, QDeadlineTimer deadline);
    // The connecting side (Client, a manager's proxies): answers first, then challenges.
    static Result answer(FrameSocket &socket, const QByteArray &authkey, QDeadlineTimer deadline);

    static QByteArray randomKey(); // 32 random bytes (Python's process authkey)

private:
    static Result deliverChallenge(FrameSocket &socket, const QByteArray &authkey, QDeadlineTimer deadline);
    static Result answerChallenge(FrameSocket &socket, const QByteArray &authkey, QDeadlineTimer deadline);
};

} // namespace qmp
