// Fuzz target: the monitor protocol — what `qmp ps` and the studio read from a program they
// attach to, and from /proc/net/unix. Byte 0 picks the mode, the rest is the input:
//   0  /proc/net/unix text for MonitorProtocol::discover()
//   1  a CBOR value for MonitorProtocol::decodeEvent()
//   2  frames a program sends: a MonitorClient attaches over a real socket to this process, gets a
//      hello, then the input as messages (u16 big-endian length + a CBOR value each, framed as
//      on the wire), then end of stream; it mirrors them into a MonitorHub
// Checked: discover() lists only well-formed listening endpoints; an event decodes or is
// refused, and what decodes encodes to an event that decodes equal; the client either keeps the
// messages or disconnects with a reason — and never crashes, hangs or leaves its hub with a pool
// or queue id it cannot look up.

#include "framedecoder.h"
#include "fuzzcheck.h"
#include "monitorclient.h"
#include "monitorhub.h"
#include "monitorprotocol.h"

#include <QCborMap>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QtEndian>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <poll.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

using qmp::MonitorProtocol;

namespace {

void discover(const QByteArray &text)
{
    const int fd = ::memfd_create("fuzz-proc-net-unix", MFD_CLOEXEC);
    if (fd < 0)
        return;
    if (::write(fd, text.constData(), size_t(text.size())) == text.size()) {
        const QList<qmp::MonitorEndpoint> found = MonitorProtocol::discover(QStringLiteral("/proc/self/fd/%1").arg(fd));
        for (const qmp::MonitorEndpoint &endpoint : found) {
            QMP_FUZZ_CHECK(endpoint.pid > 0);
            QMP_FUZZ_CHECK(endpoint.name.startsWith("qmp-monitor."));
        }
    }
    ::close(fd);
}

void decodeEvent(const QByteArray &bytes)
{
    const std::optional<QCborValue> value =
        qmpfuzz::cborOf(reinterpret_cast<const uint8_t *>(bytes.constData()), size_t(bytes.size()));
    if (!value)
        return;
    const std::optional<qmp::PoolEvent> event = MonitorProtocol::decodeEvent(*value);
    if (!event)
        return;
    const std::optional<qmp::PoolEvent> again = MonitorProtocol::decodeEvent(MonitorProtocol::encode(*event));
    QMP_FUZZ_CHECK(again.has_value());
    QMP_FUZZ_CHECK(qmpfuzz::sameCbor(MonitorProtocol::encode(*again), MonitorProtocol::encode(*event)));
}

void attach(const QByteArray &input)
{
    static int serial = 0;
    const qint64 pid = QCoreApplication::applicationPid();
    const QByteArray name = "qmp-fuzz-monitor." + QByteArray::number(pid) + '.' + QByteArray::number(++serial);
    QString error;
    const int listener = MonitorProtocol::listenOn(name, &error);
    QMP_FUZZ_CHECK(listener >= 0);
    qmp::MonitorOptions options;
    options.coalesceMs = 1;
    qmp::MonitorHub hub(options);
    {
        qmp::MonitorClient client(&hub);
        qmp::MonitorEndpoint endpoint;
        endpoint.pid = pid;
        endpoint.uid = uint(::geteuid());
        endpoint.name = name;
        QMP_FUZZ_CHECK(client.attach(endpoint));
        pollfd p{listener, POLLIN, 0};
        QMP_FUZZ_CHECK(::poll(&p, 1, 5000) == 1);
        const int fd = ::accept(listener, nullptr, nullptr);
        QMP_FUZZ_CHECK(fd >= 0);

        QCborMap hello;
        hello.insert(QStringLiteral("t"), QStringLiteral("hello"));
        hello.insert(QStringLiteral("v"), MonitorProtocol::kVersion);
        hello.insert(QStringLiteral("pid"), pid);
        hello.insert(QStringLiteral("program"), QStringLiteral("fuzz"));
        hello.insert(QStringLiteral("control"), true);
        QByteArray stream = qmp::FrameDecoder::encode(hello);
        for (qsizetype at = 0; at + 2 <= input.size();) {
            const qsizetype length = qFromBigEndian<quint16>(input.constData() + at);
            at += 2;
            const QByteArray payload = input.mid(at, length);
            at += length;
            QByteArray header(4, Qt::Uninitialized);
            qToBigEndian<quint32>(quint32(payload.size()), header.data());
            stream += header + payload;
        }
        // Written as the socket takes it, while the client reads on this thread.
        qsizetype written = 0;
        bool commanded = false;
        QElapsedTimer clock;
        clock.start();
        while (client.isConnected() && clock.elapsed() < 10000) {
            if (written < stream.size()) {
                const ssize_t n = ::send(fd, stream.constData() + written, size_t(stream.size() - written),
                                         MSG_NOSIGNAL | MSG_DONTWAIT);
                if (n > 0)
                    written += n;
                else if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
                    written = stream.size();
                if (written == stream.size())
                    ::shutdown(fd, SHUT_WR); // end of stream: the client detaches
            }
            QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
            if (written == stream.size() && !commanded) {
                commanded = true; // controls travel back as commands while the connection lasts
                for (int id : hub.poolIds())
                    hub.pause(id, false);
            }
        }
        QMP_FUZZ_CHECK(!client.isConnected()); // it saw the end of the stream (or refused the input)
        for (int id : hub.poolIds())
            QMP_FUZZ_CHECK(hub.pool(id) != nullptr);
        for (int id : hub.queueIds())
            QMP_FUZZ_CHECK(hub.queue(id) != nullptr);
        ::close(fd);
    }
    ::close(listener);
    QCoreApplication::processEvents();
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    static QCoreApplication app(*argc, *argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const QByteArray input(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    switch (data[0] % 3) {
    case 0: discover(input); break;
    case 1: decodeEvent(input); break;
    default: attach(input); break;
    }
    return 0;
}
