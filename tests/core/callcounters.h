#pragma once
// CallCounters: how often each call of a test's tasks began and finished, counted by the worker
// processes themselves in a file every one of them maps (so a count survives the worker that
// made it). The test creates the file; a task calls CallCounters::at(path) to count.

#include <QFile>
#include <QHash>
#include <QMutex>
#include <QString>

#include <atomic>
#include <sys/mman.h>

class CallCounters
{
public:
    // Creates (or opens) the file for n calls: began[n] then finished[n], 64-bit each.
    CallCounters(const QString &path, qsizetype n) : m_n(n)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadWrite) || !file.resize(n * 2 * qsizetype(sizeof(qint64))))
            qFatal("CallCounters: cannot create %s", qPrintable(path));
        void *map = ::mmap(nullptr, size_t(file.size()), PROT_READ | PROT_WRITE, MAP_SHARED, file.handle(), 0);
        if (map == MAP_FAILED)
            qFatal("CallCounters: cannot map %s", qPrintable(path));
        m_counts = static_cast<qint64 *>(map);
    }
    ~CallCounters() { ::munmap(m_counts, size_t(m_n * 2 * qsizetype(sizeof(qint64)))); }
    CallCounters(const CallCounters &) = delete;
    CallCounters &operator=(const CallCounters &) = delete;

    qint64 began(qsizetype i) const { return std::atomic_ref<qint64>(m_counts[i]).load(); }
    qint64 finished(qsizetype i) const { return std::atomic_ref<qint64>(m_counts[m_n + i]).load(); }
    void countBegin(qsizetype i) { std::atomic_ref<qint64>(m_counts[i]).fetch_add(1); }
    void countFinish(qsizetype i) { std::atomic_ref<qint64>(m_counts[m_n + i]).fetch_add(1); }

    // In a worker: the counters behind path, mapped once per process.
    static CallCounters &at(const QString &path)
    {
        static QMutex mutex;
        static QHash<QString, CallCounters *> open;
        QMutexLocker locker(&mutex);
        CallCounters *&counters = open[path];
        if (!counters)
            counters = new CallCounters(path, QFile(path).size() / qsizetype(2 * sizeof(qint64)));
        return *counters;
    }

private:
    qsizetype m_n;
    qint64 *m_counts = nullptr;
};
