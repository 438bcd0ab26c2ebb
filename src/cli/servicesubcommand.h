#pragma once
// `qmp service`: the per-user QMP service itself (see ServiceDaemon and README, "Jobs that
// outlive the window").
//   qmp service run      runs it in the foreground until SIGINT / SIGTERM or `qmp service stop`
//                        (what `qmp submit` and the others start, detached, when none runs)
//   qmp service start    starts it detached unless it runs; prints its socket
//   qmp service stop     stops it: running jobs are killed, the queue is kept for the next start
// Exit status: 0; 1 when it cannot start (another runs already: `run` says so) or is not running
// (`stop`); 2 for bad usage.

#include "cliapplication.h"

#include <QCoreApplication>

namespace qmp {

class ServiceSubcommand : public CliSubcommand
{
    Q_DECLARE_TR_FUNCTIONS(qmp::ServiceSubcommand)

public:
    QString name() const override { return QStringLiteral("service"); }
    QString summary() const override;
    int run(const QStringList &arguments, QTextStream &out, QTextStream &err) override;

private:
    int runService(int readyFd, QTextStream &err);
};

} // namespace qmp
