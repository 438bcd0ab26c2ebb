#pragma once
// ServiceRequest: one request a client sends the QMP service, as a CBOR map with "op" naming it:
//   submit   job: a map as ServiceJob::toCbor() writes it (program, arguments, workdir,
//            environment, group, label, after; the rest is ignored); with commands (an array
//            of string arrays, program first) a batch: one job per command, the rest from job,
//            queued at once (one reply with every id, one save of the state)
//   status | clean | stop
//   log | follow | restart | remove     id
//   kill | pause | resume               id or group (pause of a job: queued, it is held; running,
//                                       its process group is stopped)
//   wait                                ids (an array; empty: every job) or group
//   parallel                            group and n (1..4096)
// parse() checks all of it — every field's type and range — and fails with a sentence for
// anything else, so the service acts only on requests it understands (a fuzz target holds it to
// that). toCbor() writes what parse() reads back as the same request.

#include "qmpmonitor_export.h"
#include "servicejob.h"

#include <QCborValue>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace qmp {

struct QMP_MONITOR_EXPORT ServiceRequest
{
    enum class Op { Submit, Status, Log, Follow, Kill, Wait, Pause, Resume, Parallel, Restart, Remove, Clean, Stop };
    static constexpr int maxParallel = 4096;

    Op op = Op::Status;
    ServiceJob job;        // submit
    QList<QStringList> commands; // submit of a batch: program and arguments of each job
    qint64 id = 0;         // > 0 when the request names a job
    QList<qint64> ids;     // wait
    QString group;         // kill, pause, resume, wait, parallel (when no id)
    int parallel = 0;      // parallel

    static QString opName(Op op);
    static std::optional<ServiceRequest> parse(const QCborValue &value, QString *error);
    QCborMap toCbor() const;
};

} // namespace qmp
