#pragma once
// SallocGuard: the process between a program and the salloc holding its Slurm allocation, so that
// nothing of salloc outlives it. It is the program itself re-executed in a hidden mode
// (`PROGRAM --qmp-salloc-guard SALLOC ARGS...`, which qmp::Runtime runs before anything else),
// started by SlurmAllocation with SIGTERM as its parent-death signal. It
//   - runs salloc as its child and is a child subreaper (PR_SET_CHILD_SUBREAPER), so whatever
//     salloc leaves behind comes back to it: salloc's command, or a copy of salloc forked for that
//     command and stuck before its exec (Slurm 22.05's salloc forks from several threads; such a
//     copy sits in its own process group and ignores SIGTERM, so no signal to salloc's group
//     reaches it);
//   - passes SIGTERM, SIGINT, SIGHUP and SIGQUIT on to salloc and kills it (SIGKILL) if it has not
//     ended graceSeconds later (salloc sometimes deadlocks in its own SIGTERM handler after giving
//     the allocation back);
//   - once salloc ended, kills (SIGKILL) and reaps every process left as its child, then exits
//     with salloc's status (128 + the signal when a signal ended it), its output unchanged.

namespace qmp {

class SallocGuard
{
public:
    static constexpr char flag[] = "--qmp-salloc-guard";
    static constexpr int graceSeconds = 3;

    // The guard's whole life: argv is salloc's command line (argv[0] its path), null-terminated.
    // Returns the exit code for the process.
    static int run(char **argv);
};

} // namespace qmp
