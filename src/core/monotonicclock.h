#pragma once
// The clock PoolEvent::timeNs is read from: CLOCK_MONOTONIC in nanoseconds. The same clock in
// every process of one machine, so events compare across the monitor socket. Any thread.

#include <QtGlobal>

#include <time.h>

namespace qmp {

inline qint64 monotonicNs()
{
    timespec ts;
    ::clock_gettime(CLOCK_MONOTONIC, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

} // namespace qmp
