#include "batchrecord.h"

#include "procreader.h"

#include <unistd.h>

namespace qmp {

bool BatchRecord::isInterrupted() const
{
    if (isFinished() || ownerPid <= 0)
        return false; // records from before schema 2 name no owner: nothing is known
    const ProcReader::Result owner = ProcReader().read(ownerPid);
    return owner.status != ProcReader::Status::Ok || owner.sample.startTicks != ownerStartTicks;
}

void BatchRecord::setOwnerToThisProcess()
{
    static const ProcReader::Result self = ProcReader().read(qint64(::getpid()));
    ownerPid = qint64(::getpid());
    ownerStartTicks = self.status == ProcReader::Status::Ok ? self.sample.startTicks : 0;
}

void BatchRecord::setOwner(qint64 pid)
{
    const ProcReader::Result owner = ProcReader().read(pid);
    ownerPid = pid;
    ownerStartTicks = owner.status == ProcReader::Status::Ok ? owner.sample.startTicks : 0;
}

} // namespace qmp
