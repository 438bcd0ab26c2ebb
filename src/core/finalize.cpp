#include "finalize.h"

#include <QMutex>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <unistd.h>
#include <vector>

namespace qmp {

struct Finalize::Entry
{
    std::function<void()> callback;
    std::optional<int> priority;
    quint64 order = 0;    // creation order: the latest runs first among equal priorities
    pid_t owner = 0;      // the process that created it
    std::atomic<bool> done{false};

    void run()
    {
        if (owner == ::getpid() && !done.exchange(true)) {
            std::function<void()> fn = std::move(callback);
            callback = nullptr;
            if (fn)
                fn();
        }
    }
};

namespace {

struct Registry
{
    QMutex mutex;
    std::vector<std::shared_ptr<Finalize::Entry>> atExit; // the ones with an exit priority
    quint64 nextOrder = 0;
    bool hooked = false; // std::atexit installed
};

Registry &registry()
{
    static Registry *instance = new Registry; // never destroyed: finalizers may run during static teardown
    return *instance;
}

extern "C" void runRemainingAtExit()
{
    detail::runExitFinalizers();
}

std::shared_ptr<Finalize::Entry> makeEntry(std::function<void()> callback, std::optional<int> priority)
{
    auto entry = std::make_shared<Finalize::Entry>();
    entry->callback = std::move(callback);
    entry->priority = priority;
    entry->owner = ::getpid();
    Registry &r = registry();
    QMutexLocker locker(&r.mutex);
    entry->order = r.nextOrder++;
    if (priority) {
        r.atExit.push_back(entry);
        if (!r.hooked) {
            r.hooked = true;
            std::atexit(runRemainingAtExit); // std::exit() and qmp::exit() outside a worker
        }
    }
    return entry;
}

} // namespace

Finalize::Finalize(std::function<void()> callback, std::optional<int> exitPriority)
    : m_entry(makeEntry(std::move(callback), exitPriority))
{
}

Finalize::~Finalize()
{
    if (m_entry)
        m_entry->run();
}

Finalize::Finalize(Finalize &&other) noexcept
    : m_entry(std::move(other.m_entry))
{
}

Finalize &Finalize::operator=(Finalize &&other) noexcept
{
    if (this != &other) {
        if (m_entry)
            m_entry->run();
        m_entry = std::move(other.m_entry);
    }
    return *this;
}

void Finalize::operator()()
{
    if (m_entry)
        m_entry->run();
}

void Finalize::cancel()
{
    if (m_entry && !m_entry->done.exchange(true))
        m_entry->callback = nullptr;
}

bool Finalize::stillActive() const
{
    return m_entry && !m_entry->done;
}

void atExit(std::function<void()> callback, int priority)
{
    makeEntry(std::move(callback), priority); // the registry keeps it until exit
}

namespace detail {

void runExitFinalizers(std::optional<int> minimum)
{
    Registry &r = registry();
    for (;;) {
        // One at a time, choosing afresh: a callback may register or run others.
        std::shared_ptr<Finalize::Entry> next;
        {
            QMutexLocker locker(&r.mutex);
            std::erase_if(r.atExit, [](const auto &e) { return e->done || e->owner != ::getpid(); });
            for (const auto &e : r.atExit) {
                if (minimum && *e->priority < *minimum)
                    continue;
                if (!next || *e->priority > *next->priority || (*e->priority == *next->priority && e->order > next->order))
                    next = e;
            }
            if (!next)
                return;
            std::erase(r.atExit, next);
        }
        next->run();
    }
}

} // namespace detail

} // namespace qmp
