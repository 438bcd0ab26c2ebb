#include "servicegroupcontrol.h"

#include <QFutureInterface>

namespace qmp {

QFuture<void> ServiceGroupControl::join()
{
    QFutureInterface<void> none; // a group is never joined: canceled, finished
    none.reportStarted();
    none.cancel();
    none.reportFinished();
    return none.future();
}

} // namespace qmp
