// qmp — the command line. Each subcommand is a CliSubcommand; add new ones here.

#include "cliapplication.h"
#include "historysubcommand.h"
#include "ipcsubcommand.h"
#include "jobsubcommand.h"
#include "logsubcommand.h"
#include "managersubcommand.h"
#include "pssubcommand.h"
#include "runtime.h"
#include "runsubcommand.h"
#include "servicesubcommand.h"
#include "surrogateescape.h"
#include "translations.h"

#include <QCoreApplication>

#include <fcntl.h>
#include <unistd.h>

int main(int argc, char *argv[])
{
    // A closed stdin / stdout / stderr would be taken by the next file opened (an eventfd, the
    // history database) and read or written as if it were one: point it at /dev/null first.
    for (int fd = 0; fd < 3; ++fd) {
        if (::fcntl(fd, F_GETFD) == -1) {
            const int opened = ::open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY);
            if (opened >= 0 && opened != fd) {
                ::dup2(opened, fd);
                ::close(opened);
            }
        }
    }
    // qmp run --slurm starts this program on the nodes as its pool's workers
    // (--qmp-remote-worker=...): then it serves the pool here and exits. qmp runs commands, not
    // tasks in forked workers: no forkserver at start-up (each run would pay for its fork).
    qmp::Runtime runtime(argc, argv, qmp::Runtime::ForkServerStart::OnFirstUse);
    // The arguments as they are: bytes that are not UTF-8 (a Latin-1 file name) stay bytes
    // (QCoreApplication::arguments() would turn them into U+FFFD).
    QStringList arguments;
    for (int i = 1; i < argc; ++i)
        arguments.append(qmp::SurrogateEscape::decode(argv[i]));
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("qmp"));
    QCoreApplication::setApplicationVersion(QStringLiteral(QMP_VERSION));
    qmp::Translations::installFor(); // qmp speaks the user's language (LANG=zh_CN.UTF-8: Chinese)
    qmp::CliApplication cli;
    cli.add(std::make_unique<qmp::RunSubcommand>());
    cli.add(std::make_unique<qmp::HistorySubcommand>());
    cli.add(std::make_unique<qmp::LogSubcommand>());
    cli.add(std::make_unique<qmp::PsSubcommand>());
    cli.add(std::make_unique<qmp::IpcSubcommand>());
    cli.add(std::make_unique<qmp::ManagerSubcommand>());
    cli.add(std::make_unique<qmp::ServiceSubcommand>());
    using Verb = qmp::JobSubcommand::Verb;
    for (Verb verb : {Verb::Submit, Verb::Status, Verb::Follow, Verb::Kill, Verb::Wait, Verb::Pause, Verb::Resume,
                      Verb::Parallel, Verb::Restart, Verb::Remove, Verb::Clean})
        cli.add(std::make_unique<qmp::JobSubcommand>(verb));
    return cli.exec(arguments);
}
