#pragma once
// A test's child process that dies with the test, even when ctest kills the test on a timeout
// (PR_SET_PDEATHSIG): a failed or killed test leaves no `qmp run` and no job of it behind.

#include <QProcess>

#include <csignal>
#include <sys/prctl.h>

namespace qmptest {

// Call before process.start(); replaces any other child process modifier.
inline void tieToTest(QProcess &process)
{
    process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
}

} // namespace qmptest
