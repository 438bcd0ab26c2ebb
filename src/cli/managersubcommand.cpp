#include "managersubcommand.h"

#include "socketaddress.h"
#include "managererrors.h"
#include "managerserver.h"
#include "signalwatcher.h"
#include "surrogateescape.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QMetaObject>
#include <QScopeGuard>

#include <cerrno>
#include <cstring>
#include <optional>
#include <thread>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace qmp {

namespace {

QString usageText()
{
    return ManagerSubcommand::tr("usage: qmp manager serve --address ADDRESS --authkey-file FILE [--max-connections N]\n"
              "  runs a manager server holding dict, list, Queue, Lock, Event, Value, Namespace...\n"
              "  until Ctrl-C or SIGTERM; clients connect with qmp::Manager::connect(ADDRESS, key)\n"
              "  --address ADDRESS      host:port for TCP (port 0 picks a free one), or @name for a\n"
              "                         local socket\n"
              "  --authkey-file FILE    the authentication key: the bytes of a regular file of at\n"
              "                         most 64 KiB (a trailing newline is dropped); every\n"
              "                         connection proves it both ways\n"
              "  --max-connections N    serve at most N connections at once (default 256)\n");
}

constexpr qint64 kMaxKeyBytes = 64 * 1024;

// The key file's bytes: a regular file, read without blocking (a FIFO would wait for a writer)
// and only up to kMaxKeyBytes (/dev/zero never ends). nullopt and *error otherwise.
std::optional<QByteArray> readKeyFile(const QString &path, QString *error)
{
    const QByteArray name = SurrogateEscape::encode(path);
    const int fd = ::open(name.constData(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    if (fd < 0) {
        *error = QString::fromLocal8Bit(std::strerror(errno));
        return std::nullopt;
    }
    const auto closeFd = qScopeGuard([fd] { ::close(fd); });
    struct stat info = {};
    if (::fstat(fd, &info) != 0) {
        *error = QString::fromLocal8Bit(std::strerror(errno));
        return std::nullopt;
    }
    if (!S_ISREG(info.st_mode)) {
        *error = ManagerSubcommand::tr("it is not a regular file");
        return std::nullopt;
    }
    if (info.st_size > kMaxKeyBytes) {
        *error = ManagerSubcommand::tr("it is larger than %1 bytes: a key is a short secret").arg(kMaxKeyBytes);
        return std::nullopt;
    }
    QByteArray key(qsizetype(info.st_size) + 1, Qt::Uninitialized);
    qsizetype got = 0;
    while (got < key.size()) {
        const ssize_t n = ::read(fd, key.data() + got, size_t(key.size() - got));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            *error = QString::fromLocal8Bit(std::strerror(errno));
            return std::nullopt;
        }
        if (n == 0)
            break;
        got += n;
    }
    if (got > kMaxKeyBytes) {
        *error = ManagerSubcommand::tr("it is larger than %1 bytes: a key is a short secret").arg(kMaxKeyBytes);
        return std::nullopt;
    }
    key.truncate(got);
    return key;
}

} // namespace

QString ManagerSubcommand::summary() const
{
    return ManagerSubcommand::tr("serve a manager (shared dict, list, Queue...) to other programs");
}

int ManagerSubcommand::run(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("action"), ManagerSubcommand::tr("serve"));
    const QCommandLineOption addressOption(QStringLiteral("address"), ManagerSubcommand::tr("Where to listen."), QStringLiteral("ADDRESS"));
    const QCommandLineOption keyOption(QStringLiteral("authkey-file"), ManagerSubcommand::tr("The authentication key's file."), QStringLiteral("FILE"));
    const QCommandLineOption connectionsOption(QStringLiteral("max-connections"), ManagerSubcommand::tr("Connections served at once."),
                                               QStringLiteral("N"));
    const QCommandLineOption helpOption(QStringList{QStringLiteral("h"), QStringLiteral("help")}, ManagerSubcommand::tr("This help."));
    parser.addOptions({addressOption, keyOption, connectionsOption, helpOption});
    if (!parser.parse(QStringList{QStringLiteral("qmp manager")} + arguments)) {
        err << ManagerSubcommand::tr("qmp manager: %1").arg(parser.errorText()) << '\n' << usageText();
        return 2;
    }
    if (parser.isSet(helpOption)) {
        out << usageText();
        return 0;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional != QStringList{QStringLiteral("serve")}) {
        err << (positional.isEmpty() ? ManagerSubcommand::tr("qmp manager: say what to do (serve)\n")
                                     : ManagerSubcommand::tr("qmp manager: unknown action '%1' (the action is serve)\n").arg(positional.join(QLatin1Char(' '))))
            << usageText();
        return 2;
    }
    if (!parser.isSet(addressOption) || !parser.isSet(keyOption)) {
        err << ManagerSubcommand::tr("qmp manager serve: --address and --authkey-file are both needed\n") << usageText();
        return 2;
    }
    SocketAddress address;
    try {
        address = SocketAddress::parse(parser.value(addressOption));
    } catch (const Error &e) {
        err << ManagerSubcommand::tr("qmp manager serve: %1\n").arg(e.message());
        return 2;
    }
    ManagerServer::Limits limits;
    if (parser.isSet(connectionsOption)) {
        bool ok = false;
        limits.maxConnections = parser.value(connectionsOption).toInt(&ok);
        if (!ok || limits.maxConnections < 1 || limits.maxConnections > 100000) {
            err << ManagerSubcommand::tr("qmp manager serve: --max-connections needs a number from 1 to 100000, not '%1'\n")
                       .arg(parser.value(connectionsOption));
            return 2;
        }
    }
    const QString keyPath = parser.value(keyOption);
    QString keyError;
    const std::optional<QByteArray> keyBytes = readKeyFile(keyPath, &keyError);
    if (!keyBytes) {
        err << ManagerSubcommand::tr("qmp manager serve: cannot read the authkey file %1: %2\n").arg(keyPath, keyError);
        return 2;
    }
    QByteArray key = *keyBytes;
    if (key.endsWith('\n'))
        key.chop(key.endsWith("\r\n") ? 2 : 1);
    if (key.isEmpty()) {
        err << ManagerSubcommand::tr("qmp manager serve: the authkey file %1 is empty (put a secret in it, e.g. `head -c 32 /dev/urandom > %1`)\n")
                   .arg(keyPath);
        return 2;
    }

    ManagerServer server(key);
    server.setLimits(limits);
    QString error;
    if (!server.listen(address, &error)) {
        err << ManagerSubcommand::tr("qmp manager serve: cannot listen on %1: %2\n").arg(address.toString(), error);
        return 1;
    }
    out << ManagerSubcommand::tr("serving on %1").arg(server.address()) << Qt::endl;

    // The server blocks its thread; this one waits for a signal (or for the server to stop
    // by itself) in an event loop.
    QEventLoop loop;
    SignalWatcher watcher;
    QObject::connect(&watcher, &SignalWatcher::signalled, &loop, [&server] { server.stop(); });
    std::thread serving([&server, &loop] {
        server.serve();
        QMetaObject::invokeMethod(&loop, &QEventLoop::quit, Qt::QueuedConnection);
    });
    loop.exec();
    serving.join();
    out << ManagerSubcommand::tr("manager stopped") << Qt::endl;
    return 0;
}

} // namespace qmp
