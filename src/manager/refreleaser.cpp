#include "refreleaser.h"

#include "managerconnection.h"
#include "managererrors.h"

#include <QCborArray>
#include <QHash>
#include <QList>
#include <QPair>
#include <QRandomGenerator>

#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <mutex>
#include <thread>

namespace qmp {

namespace {

using Key = QPair<QString, QByteArray>; // address, authkey

struct Releaser
{
    std::mutex mutex;
    std::condition_variable wake;
    std::condition_variable stopped;
    QHash<Key, QCborArray> pending; // ids or [id, keepMs]; an empty list: only open the connection
    QHash<Key, bool> anchored;
    std::thread thread;
    bool started = false;
    bool exiting = false;
    bool done = false;

    void run()
    {
        std::unique_lock lock(mutex);
        for (;;) {
            wake.wait(lock, [this] { return exiting || !pending.isEmpty(); });
            if (exiting)
                break;
            QHash<Key, QCborArray> batch;
            batch.swap(pending);
            lock.unlock();
            for (auto it = batch.constBegin(); it != batch.constEnd(); ++it) {
                QCborArray args{RefReleaser::clientId()};
                for (const QCborValue &id : it.value())
                    args.append(id);
                try {
                    ManagerConnection::forThread(it.key().first, it.key().second).call(0, QStringLiteral("decref"), args);
                } catch (const std::exception &) {
                    // The manager is gone (or refused): it holds nothing of ours any more.
                }
            }
            lock.lock();
        }
        done = true;
        stopped.notify_all();
    }
};

// Never destroyed: proxies may be dropped during static destruction.
Releaser &releaser()
{
    static Releaser *r = new Releaser;
    return *r;
}

void stopAtExit()
{
    Releaser &r = releaser();
    std::unique_lock lock(r.mutex);
    r.exiting = true;
    r.wake.notify_all();
    if (r.stopped.wait_for(lock, std::chrono::milliseconds(500), [&] { return r.done; })) {
        lock.unlock();
        r.thread.join(); // its connections close as it ends
    } else {
        r.thread.detach(); // stuck on an unresponsive manager: leave it to the process's end
    }
}

// Starts the thread if needed; needs r.mutex.
void start(Releaser &r)
{
    if (r.started || r.exiting)
        return;
    r.started = true;
    r.thread = std::thread([&r] { r.run(); });
    std::atexit(stopAtExit);
}

} // namespace

qint64 RefReleaser::clientId()
{
    static const qint64 id = qint64(QRandomGenerator::system()->generate64() >> 2);
    return id;
}

void RefReleaser::anchor(const QString &address, const QByteArray &authkey)
{
    Releaser &r = releaser();
    std::lock_guard guard(r.mutex);
    const Key key(address, authkey);
    if (r.anchored.contains(key) || r.exiting)
        return;
    r.anchored.insert(key, true);
    r.pending[key]; // the thread connects and introduces this client
    start(r);
    r.wake.notify_one();
}

void RefReleaser::decref(const QString &address, const QByteArray &authkey, qint64 id, int keepMs)
{
    Releaser &r = releaser();
    std::lock_guard guard(r.mutex);
    if (r.exiting)
        return; // the connections close with the process: the manager drops the rest
    r.pending[Key(address, authkey)].append(keepMs > 0 ? QCborValue(QCborArray{id, keepMs}) : QCborValue(id));
    start(r);
    r.wake.notify_one();
}

} // namespace qmp
