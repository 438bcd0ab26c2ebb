#pragma once
// DemoTasks: the registered tasks the studio offers out of the box (the job launcher's "demo
// task" list and the startup demo). Registered at static-initialisation time in demotasks.cpp,
// so workers (the studio re-run) find them; names() lives in the same file, which keeps the
// registrations linked into every program that lists them.

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace qmp {

class DemoTasks
{
    Q_DECLARE_TR_FUNCTIONS(qmp::DemoTasks)
public:
    enum class Input { Number, File };

    // "demo.cpuBurn", "demo.sleep", "demo.primeCount", "demo.fileHash", "demo.thumbnail".
    static QStringList names();
    // What the task's one argument is: a number (ms, a limit) or a file path.
    static Input inputOf(const QString &name);
    // One line for people, translated.
    static QString describe(const QString &name);
    static bool isDemoTask(const QString &name) { return names().contains(name); }

    // The tasks themselves (also callable directly, e.g. in tests).
    static qint64 cpuBurn(qint64 milliseconds);       // spins for that long; returns loop count
    static qint64 sleep(qint64 milliseconds);         // sleeps; returns the milliseconds
    static qint64 primeCount(qint64 below);           // primes < below (sieve)
    static QString fileHash(const QString &path);     // SHA-256 hex; throws std::runtime_error
    static QString thumbnail(const QString &path);    // 128 px PNG in the temp dir; its path
};

} // namespace qmp
