#include "managersubcommand.h"

#include "manageraddress.h"
#include "managererrors.h"
#include "managerserver.h"
#include "signalwatcher.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QMetaObject>

#include <thread>

namespace qmp {

namespace {

QString usageText()
{
    return ManagerSubcommand::tr("usage: qmp manager serve --address ADDRESS --authkey-file FILE\n"
              "  runs a manager server holding dict, list, Queue, Lock, Event, Value, Namespace...\n"
              "  until Ctrl-C or SIGTERM; clients connect with qmp::Manager::connect(ADDRESS, key)\n"
              "  --address ADDRESS    host:port for TCP (port 0 picks a free one), or @name for a\n"
              "                       local socket\n"
              "  --authkey-file FILE  the authentication key: the file's bytes (a trailing newline\n"
              "                       is dropped); every connection proves it both ways\n");
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
    const QCommandLineOption helpOption(QStringList{QStringLiteral("h"), QStringLiteral("help")}, ManagerSubcommand::tr("This help."));
    parser.addOptions({addressOption, keyOption, helpOption});
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
    ManagerAddress address;
    try {
        address = ManagerAddress::parse(parser.value(addressOption));
    } catch (const Error &e) {
        err << ManagerSubcommand::tr("qmp manager serve: %1\n").arg(e.message());
        return 2;
    }
    const QString keyPath = parser.value(keyOption);
    QFile keyFile(keyPath);
    if (!keyFile.open(QIODevice::ReadOnly)) {
        err << ManagerSubcommand::tr("qmp manager serve: cannot read the authkey file %1: %2\n").arg(keyPath, keyFile.errorString());
        return 2;
    }
    QByteArray key = keyFile.readAll();
    if (key.endsWith('\n'))
        key.chop(key.endsWith("\r\n") ? 2 : 1);
    if (key.isEmpty()) {
        err << ManagerSubcommand::tr("qmp manager serve: the authkey file %1 is empty (put a secret in it, e.g. `head -c 32 /dev/urandom > %1`)\n")
                   .arg(keyPath);
        return 2;
    }

    ManagerServer server(key);
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
