#pragma once
// RefReleaser: this process's side of the manager's reference counting (Python's
// BaseProxy._incref / _decref). A process is one client of each manager, named by clientId();
// its proxies' references are counted under that id. Dropping the last copy of a proxy queues
// a decref here; a background thread (started on first use) sends the queue in batches on a
// connection of its own, so a proxy's destructor never waits for the network, and a manager
// that is gone only makes the decref a no-op. That connection stays open while the process
// lives: the manager keeps the process's references until it exits (or is killed), even when
// the thread that made them has ended.
//
// Thread-safe. At exit the thread stops after the batch it is sending (waiting at most 0.5 s).

#include "qmpmanager_export.h"
#include <QByteArray>
#include <QString>

namespace qmp {

class QMP_MANAGER_AUTOTEST_EXPORT RefReleaser
{
public:
    // This process's client id (random, fixed for the process's lifetime).
    static qint64 clientId();
    // Makes sure the background connection to address is (being) opened.
    static void anchor(const QString &address, const QByteArray &authkey);
    // Queues one decref of object id at address; returns at once. With keepMs > 0 the manager
    // keeps the object that long even when this was its last reference (a proxy lent to a
    // child that has not counted its own yet).
    static void decref(const QString &address, const QByteArray &authkey, qint64 id, int keepMs = 0);
};

} // namespace qmp
