// Fuzz target: the frames of ShmChannel, the shared-memory fast path of a local manager
// connection: a client writes frames into the segment, the server reassembles them from 64 KiB
// chunks. The frames come from the input and need not be honest: their 4-byte length may claim
// more or less than follows, or more than any frame may hold.
//
// Input: records [flags][u16 big-endian length][bytes]. The frame sent is the bytes; flags bit 0
// writes the true payload length over its first 4 bytes (an honest frame), bit 1 repeats the
// bytes up to 200 KiB first (a frame of many chunks).
// Checked, with the two sides on two threads over a real segment and socket pair: the server
// gets every honest frame's payload, in order, as long as every frame before it was honest; it
// never returns a payload longer than its frame declared; a lying frame ends the connection or
// is read as what its length says — and nothing hangs (each side sees the other hang up).

#include "framesocket.h"
#include "fuzzcheck.h"
#include "shmchannel.h"

#include <QtEndian>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <thread>
#include <vector>

#include <sys/socket.h>
#include <unistd.h>

using qmp::FrameSocket;
using qmp::ShmChannel;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct Frame
    {
        QByteArray bytes;
        bool honest = false;
    };
    std::vector<Frame> frames;
    for (size_t at = 0; at + 3 <= size && frames.size() < 64;) {
        const uint8_t flags = data[at];
        const size_t length = qFromBigEndian<quint16>(data + at + 1);
        at += 3;
        QByteArray bytes(reinterpret_cast<const char *>(data + at), qsizetype(std::min(length, size - at)));
        at += size_t(bytes.size());
        if ((flags & 2) && !bytes.isEmpty()) {
            const qsizetype target = 200 * 1024;
            bytes = bytes.repeated(target / bytes.size() + 1).left(target);
        }
        if (bytes.size() < 4)
            bytes.append(QByteArray(4 - bytes.size(), '\0'));
        const bool honest = flags & 1;
        if (honest)
            qToBigEndian<quint32>(quint32(bytes.size() - 4), bytes.data());
        frames.push_back(Frame{bytes, honest});
    }

    int pair[2];
    QMP_FUZZ_CHECK(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) == 0);
    FrameSocket clientSocket(pair[0]);
    FrameSocket serverSocket(pair[1]);
    QString error;
    std::unique_ptr<ShmChannel> client = ShmChannel::create(clientSocket, &error);
    QMP_FUZZ_CHECK(client != nullptr);
    std::unique_ptr<ShmChannel> server = ShmChannel::attach(serverSocket, ::dup(client->memfd()), &error);
    QMP_FUZZ_CHECK(server != nullptr);

    std::thread sender([&] {
        for (const Frame &frame : frames) {
            if (!client->sendFrame(frame.bytes))
                break; // the server hung up
        }
        clientSocket.shutdown();
    });
    std::vector<QByteArray> received;
    while (std::optional<QByteArray> payload = server->receive())
        received.push_back(*payload);
    serverSocket.shutdown();
    sender.join();

    // Every honest frame before the first lying one arrived as it was sent.
    size_t honestPrefix = 0;
    while (honestPrefix < frames.size() && frames[honestPrefix].honest)
        ++honestPrefix;
    QMP_FUZZ_CHECK(received.size() >= honestPrefix);
    for (size_t i = 0; i < honestPrefix; ++i)
        QMP_FUZZ_CHECK(received[i] == frames[i].bytes.mid(4));
    for (const QByteArray &payload : received)
        QMP_FUZZ_CHECK(payload.size() <= qsizetype(FrameSocket::maxFrame));
    return 0;
}
