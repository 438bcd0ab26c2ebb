#pragma once
// qmp::Finalize — Python's multiprocessing.util.Finalize: a clean-up that runs exactly once,
// whichever comes first: the Finalize is destroyed (its owner went away: keep it as a member),
// it is called, or — when it has an exit priority — the process exits normally. qmp::atExit()
// is the plain exit hook (Python's atexit, and Finalize(None, ..., exitpriority)).
//
// "Exits normally" covers every QMP process: the main program (when its qmp::Runtime is
// destroyed at the end of main(), or on std::exit / qmp::exit) and every worker, forkserver and
// spawn alike (when its task returns or throws, when a pool worker is retired or its pool closes,
// on qmp::exit in a task). Not on a signal that kills the process (SIGKILL, SIGTERM, a crash),
// nor on _exit(), as in Python.
//
// A Finalize with static storage duration is destroyed with the other statics, in C++'s order
// (for one made after the first exit hook, before the exit hooks run): for clean-up at exit,
// use atExit() or a Finalize owned by something that lives until exit.
//
// At exit, finalizers run by descending priority, the latest first among equals. In the main
// process those with priority >= 0 run before children are joined, the others after (Python's
// order). A finalizer belongs to the process that created it: a forked worker never runs its
// forkserver's. Thread-safe; callbacks run without a lock held and may register others.

#include "qmpcore_export.h"
#include <QtGlobal>

#include <functional>
#include <memory>
#include <optional>

namespace qmp {

class QMP_CORE_EXPORT Finalize
{
public:
    Finalize() = default; // inert
    explicit Finalize(std::function<void()> callback, std::optional<int> exitPriority = std::nullopt);
    ~Finalize(); // runs the callback if it has not run
    Finalize(Finalize &&other) noexcept;
    Finalize &operator=(Finalize &&other) noexcept; // runs the one it replaces first
    Finalize(const Finalize &) = delete;
    Finalize &operator=(const Finalize &) = delete;

    // Runs the callback now, unless it ran or was cancelled.
    void operator()();
    // It will never run.
    void cancel();
    // True until it has run or was cancelled.
    bool stillActive() const;

    struct Entry;

private:
    std::shared_ptr<Entry> m_entry;
};

// Runs callback once when this process exits normally (see above); higher priority first.
QMP_CORE_EXPORT void atExit(std::function<void()> callback, int priority = 0);

namespace detail {
// Runs this process's pending finalizers whose priority is at least minimum (all of them with
// nullopt). Called by Runtime and the worker at exit; safe to call more than once.
QMP_CORE_EXPORT void runExitFinalizers(std::optional<int> minimum = std::nullopt);
} // namespace detail

} // namespace qmp
