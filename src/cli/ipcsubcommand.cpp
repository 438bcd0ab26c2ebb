#include "ipcsubcommand.h"

#include "sharedsegment.h"
#include "textcolumns.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace qmp {

namespace {

// The state's key (JSON); stateText() says it for people.
QString stateOf(const SharedSegment::Info &info)
{
    if (info.orphan)
        return QStringLiteral("orphan");
    if (info.attachments < 0)
        return QStringLiteral("no-segment");
    return info.attachments > 0 ? QStringLiteral("live") : QStringLiteral("idle");
}

QString stateText(const SharedSegment::Info &info)
{
    if (info.orphan)
        return IpcSubcommand::tr("orphan", "IPC object state: its owner is gone and nobody is attached");
    if (info.attachments < 0)
        return IpcSubcommand::tr("no-segment", "IPC object state: a key file without its segment");
    return info.attachments > 0 ? IpcSubcommand::tr("live", "IPC object state") : IpcSubcommand::tr("idle", "IPC object state");
}

// Columns line up by display width (TextColumns), also with Chinese headers.
void printTable(const QList<SharedSegment::Info> &infos, QTextStream &out)
{
    const auto line = [&out](const QStringList &c) {
        out << TextColumns::left(c.at(0), 14) << ' ' << TextColumns::right(c.at(1), 8) << ' ' << TextColumns::left(c.at(2), 5)
            << ' ' << TextColumns::right(c.at(3), 8) << ' ' << TextColumns::right(c.at(4), 10) << ' '
            << TextColumns::left(c.at(5), 10) << ' ' << c.at(6) << '\n';
    };
    line({IpcSubcommand::tr("KIND"), IpcSubcommand::tr("OWNER"), IpcSubcommand::tr("ALIVE"), IpcSubcommand::tr("ATTACHED"),
          IpcSubcommand::tr("BYTES"), IpcSubcommand::tr("STATE"), IpcSubcommand::tr("KEY")});
    for (const auto &i : infos) {
        line({i.kind, QString::number(i.creatorPid), i.creatorAlive ? IpcSubcommand::tr("yes") : IpcSubcommand::tr("no"),
              i.attachments < 0 ? QStringLiteral("-") : QString::number(i.attachments), QString::number(i.size), stateText(i),
              i.nativeKey});
    }
}

QJsonObject toJson(const SharedSegment::Info &i)
{
    return {{QStringLiteral("kind"), i.kind},
            {QStringLiteral("owner"), i.creatorPid},
            {QStringLiteral("ownerAlive"), i.creatorAlive},
            {QStringLiteral("attachments"), i.attachments},
            {QStringLiteral("bytes"), i.size},
            {QStringLiteral("state"), stateOf(i)},
            {QStringLiteral("key"), i.nativeKey}};
}

} // namespace

int IpcSubcommand::run(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(summary());
    parser.addPositionalArgument(QStringLiteral("action"), tr("ls or gc"));
    const QCommandLineOption dirOption(QStringLiteral("dir"), tr("Key directory (default: $TMPDIR or /tmp)."),
                                       QStringLiteral("DIR"));
    const QCommandLineOption jsonOption(QStringLiteral("json"), tr("ls: one JSON array."));
    const QCommandLineOption dryRunOption(QStringLiteral("dry-run"), tr("gc: list what would be removed."));
    const QCommandLineOption helpOption(QStringList{QStringLiteral("h"), QStringLiteral("help")}, tr("This help."));
    parser.addOptions({dirOption, jsonOption, dryRunOption, helpOption});
    if (!parser.parse(QStringList{QStringLiteral("qmp ipc")} + arguments)) {
        err << "qmp ipc: " << parser.errorText() << '\n';
        return 2;
    }
    const QString usage = tr("usage: qmp ipc ls|gc [--dir DIR] [--json] [--dry-run]");
    if (parser.isSet(helpOption)) {
        out << usage << '\n';
        return 0;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1 || (positional.first() != QLatin1String("ls") && positional.first() != QLatin1String("gc"))) {
        err << usage << '\n';
        return 2;
    }
    const QString dir = parser.value(dirOption);
    if (positional.first() == QLatin1String("ls")) {
        const QList<SharedSegment::Info> infos = SharedSegment::list(dir);
        if (parser.isSet(jsonOption)) {
            QJsonArray array;
            for (const auto &i : infos)
                array.append(toJson(i));
            out << QJsonDocument(array).toJson(QJsonDocument::Indented);
        } else {
            printTable(infos, out);
        }
        return 0;
    }
    QList<SharedSegment::Info> removed;
    if (parser.isSet(dryRunOption)) {
        for (const auto &i : SharedSegment::list(dir)) {
            if (i.orphan)
                removed.append(i);
        }
    } else {
        removed = SharedSegment::collectGarbage(dir);
    }
    const bool dryRun = parser.isSet(dryRunOption);
    for (const auto &i : removed) {
        out << (dryRun ? tr("would remove %1 %2 (owner %3 is gone)") : tr("removed %1 %2 (owner %3 is gone)"))
                   .arg(i.kind, i.nativeKey)
                   .arg(i.creatorPid)
            << '\n';
    }
    out << (dryRun ? tr("would remove %1 object(s)") : tr("removed %1 object(s)")).arg(removed.size()) << '\n';
    return 0;
}

} // namespace qmp
