#include "ipcsubcommand.h"

#include "sharedsegment.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace qmp {

namespace {

QString stateOf(const SharedSegment::Info &info)
{
    if (info.orphan)
        return QStringLiteral("orphan");
    if (info.attachments < 0)
        return QStringLiteral("no-segment");
    return info.attachments > 0 ? QStringLiteral("live") : QStringLiteral("idle");
}

void printTable(const QList<SharedSegment::Info> &infos, QTextStream &out)
{
    out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7\n")
               .arg(QStringLiteral("KIND"), -14).arg(QStringLiteral("OWNER"), 8).arg(QStringLiteral("ALIVE"), -5)
               .arg(QStringLiteral("ATTACHED"), 8).arg(QStringLiteral("BYTES"), 10).arg(QStringLiteral("STATE"), -10)
               .arg(QStringLiteral("KEY"));
    for (const auto &i : infos) {
        out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7\n")
                   .arg(i.kind, -14).arg(i.creatorPid, 8).arg(i.creatorAlive ? QStringLiteral("yes") : QStringLiteral("no"), -5)
                   .arg(i.attachments < 0 ? QStringLiteral("-") : QString::number(i.attachments), 8)
                   .arg(i.size, 10).arg(stateOf(i), -10).arg(i.nativeKey);
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
    parser.addPositionalArgument(QStringLiteral("action"), QStringLiteral("ls or gc"));
    const QCommandLineOption dirOption(QStringLiteral("dir"), QStringLiteral("Key directory (default: $TMPDIR or /tmp)."),
                                       QStringLiteral("DIR"));
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("ls: one JSON array."));
    const QCommandLineOption dryRunOption(QStringLiteral("dry-run"), QStringLiteral("gc: list what would be removed."));
    const QCommandLineOption helpOption(QStringList{QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("This help."));
    parser.addOptions({dirOption, jsonOption, dryRunOption, helpOption});
    if (!parser.parse(QStringList{QStringLiteral("qmp ipc")} + arguments)) {
        err << "qmp ipc: " << parser.errorText() << '\n';
        return 2;
    }
    if (parser.isSet(helpOption)) {
        out << "usage: qmp ipc ls|gc [--dir DIR] [--json] [--dry-run]\n";
        return 0;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1 || (positional.first() != QLatin1String("ls") && positional.first() != QLatin1String("gc"))) {
        err << "usage: qmp ipc ls|gc [--dir DIR] [--json] [--dry-run]\n";
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
    for (const auto &i : removed)
        out << (parser.isSet(dryRunOption) ? "would remove " : "removed ") << i.kind << ' ' << i.nativeKey << " (owner "
            << i.creatorPid << " is gone)\n";
    out << (parser.isSet(dryRunOption) ? "would remove " : "removed ") << removed.size() << " object(s)\n";
    return 0;
}

} // namespace qmp
