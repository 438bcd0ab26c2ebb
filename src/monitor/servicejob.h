#pragma once
// ServiceJob: one job the QMP service (`qmp service`) owns — a command submitted with
// `qmp submit`, from queued to its end. Its id is also its batch id in the history (one job,
// one batch), so `qmp log ID` and `qmp history --batch ID` name the same job. Plain value; the
// service's state file and its replies carry it as CBOR (toCbor / fromCbor, which never throws:
// missing or mistyped fields read as their defaults).

#include "qmpmonitor_export.h"
#include <QCborMap>
#include <QList>
#include <QString>
#include <QStringList>

namespace qmp {

struct QMP_MONITOR_EXPORT ServiceJob
{
    enum class State { Queued, Running, Succeeded, Failed, Killed, Lost, FailedDependency };

    qint64 id = 0;
    QString group;
    QString label;
    QString program;
    QStringList arguments;
    QString workingDirectory;
    QStringList environment;  // NAME=value, the submitter's; empty: the service's
    QList<qint64> after;      // starts when these succeeded
    bool paused = false;      // qmp pause ID: queued, it does not start; running, it is stopped (SIGSTOP)
    State state = State::Queued;
    int exitCode = 0;         // -N: killed by signal N
    QString error;            // why it failed, in English (empty when it ran and exited)
    qint64 pid = 0;           // while running: its process (the leader of its process group)
    qint64 createdMs = 0;     // ms since the Unix epoch
    qint64 startedMs = 0;
    qint64 endedMs = 0;

    bool isFinished() const { return state != State::Queued && state != State::Running; }
    // The command as a shell would spell it.
    QString commandLine() const;
    // "queued", "running", "succeeded", "failed", "killed", "lost", "failed-dependency".
    static QString stateName(State state);
    static State stateFromName(const QString &name);

    // withEnvironment false: no "environment" field (status replies, the state file's own table).
    QCborMap toCbor(bool withEnvironment = true) const;
    static ServiceJob fromCbor(const QCborMap &map);
};

} // namespace qmp
