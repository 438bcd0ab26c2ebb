// qmp_connection_peer — the other end of a Listener / Client, in another program (no qmp::Runtime,
// nothing inherited but its arguments), for tst_listener:
//   qmp_connection_peer client ADDRESS KEYHEX|-    connects, then echoes every value back with
//                                                   " (echoed)" appended, until EOF
//   qmp_connection_peer listen ADDRESS|- KEYHEX|-   prints the address it listens on, accepts one
//                                                   client, sends "hello", prints what comes back
// "-" for KEYHEX: no authkey (Python's None). Exit codes: 0 done, 2 usage,
// 3 AuthenticationError, 4 OSError / EOFError, 5 any other error.

#include "client.h"
#include "ipcerrors.h"
#include "listener.h"

#include <cstdio>
#include <optional>

int main(int argc, char *argv[])
{
    if (argc != 4) {
        std::fprintf(stderr, "usage: %s client|listen ADDRESS KEYHEX|-\n", argv[0]);
        return 2;
    }
    const QByteArray mode = argv[1];
    const QString address = QString::fromLocal8Bit(argv[2]);
    const std::optional<QByteArray> key = QByteArray(argv[3]) == "-" ? std::nullopt : std::optional(QByteArray::fromHex(argv[3]));
    try {
        if (mode == "client") {
            qmp::SocketConnection conn = qmp::Client(address, std::nullopt, key);
            for (;;) {
                QCborValue v;
                try {
                    v = conn.recv();
                } catch (const qmp::EOFError &) {
                    return 0;
                }
                conn.send(v.toString() + QStringLiteral(" (echoed)"));
            }
        }
        if (mode == "listen") {
            qmp::Listener listener(address == QLatin1String("-") ? QString() : address, std::nullopt, 1, key);
            std::printf("%s\n", qPrintable(listener.address()));
            std::fflush(stdout);
            qmp::SocketConnection conn = listener.accept();
            conn.send(QStringLiteral("hello"));
            std::printf("%s\n", qPrintable(conn.recv().toString()));
            return 0;
        }
        return 2;
    } catch (const qmp::AuthenticationError &e) {
        std::fprintf(stderr, "AuthenticationError: %s\n", e.what());
        return 3;
    } catch (const qmp::OSError &e) {
        std::fprintf(stderr, "OSError: %s\n", e.what());
        return 4;
    } catch (const qmp::EOFError &e) {
        std::fprintf(stderr, "EOFError: %s\n", e.what());
        return 4;
    } catch (const std::exception &e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 5;
    }
}
