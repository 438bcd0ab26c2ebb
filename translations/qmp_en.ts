<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ProgressBar</name>
    <message numerus="yes">
        <source> %n failed</source>
        <translation>
            <numerusform> %n failed</numerusform>
            <numerusform> %n failed</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RunOptions</name>
    <message numerus="yes">
        <source>option -j: &apos;%1&apos; leaves no job to run on %n CPU(s)</source>
        <translation>
            <numerusform>option -j: &apos;%1&apos; leaves no job to run on %n CPU</numerusform>
            <numerusform>option -j: &apos;%1&apos; leaves no job to run on %n CPUs</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>qmp::IpcView</name>
    <message numerus="yes">
        <source>Remove %n leaked IPC object(s)? Nobody is attached to them and the programs that made them are gone.</source>
        <translation>
            <numerusform>Remove %n leaked IPC object? Nobody is attached to it and the program that made it is gone.</numerusform>
            <numerusform>Remove %n leaked IPC objects? Nobody is attached to them and the programs that made them are gone.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reclaimed %n leaked IPC object(s)</source>
        <translation>
            <numerusform>Reclaimed %n leaked IPC object</numerusform>
            <numerusform>Reclaimed %n leaked IPC objects</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n IPC object(s) of QMP programs on this computer</source>
        <translation>
            <numerusform>%n IPC object of QMP programs on this computer</numerusform>
            <numerusform>%n IPC objects of QMP programs on this computer</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n leaked (highlighted)</source>
        <translation>
            <numerusform>%n leaked (highlighted)</numerusform>
            <numerusform>%n leaked (highlighted)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>qmp::JobLauncherDialog</name>
    <message numerus="yes">
        <source>%n job(s) in this batch</source>
        <translation>
            <numerusform>%n job in this batch</numerusform>
            <numerusform>%n jobs in this batch</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n job(s) in this batch, each run by /bin/sh -c</source>
        <translation>
            <numerusform>%n job in this batch, run by /bin/sh -c</numerusform>
            <numerusform>%n jobs in this batch, each run by /bin/sh -c</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n job(s) in this batch, each run directly (no shell)</source>
        <translation>
            <numerusform>%n job in this batch, run directly (no shell)</numerusform>
            <numerusform>%n jobs in this batch, each run directly (no shell)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>qmp::JobSubcommand</name>
    <message numerus="yes">
        <source>%n job(s) killed</source>
        <translation>
            <numerusform>%n job killed</numerusform>
            <numerusform>%n jobs killed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n ended job(s) removed from the status view</source>
        <translation>
            <numerusform>%n ended job removed from the status view</numerusform>
            <numerusform>%n ended jobs removed from the status view</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>qmp::LaunchTargetCombo</name>
    <message numerus="yes">
        <source>Slurm: %1 — %n node(s), %2 of %3 CPUs idle</source>
        <translation>
            <numerusform>Slurm: %1 — %n node, %2 of %3 CPUs idle</numerusform>
            <numerusform>Slurm: %1 — %n nodes, %2 of %3 CPUs idle</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>qmp::MainWindow</name>
    <message numerus="yes">
        <source>Attached to %1 (pid %2): %n pool(s)</source>
        <translation>
            <numerusform>Attached to %1 (pid %2): %n pool</numerusform>
            <numerusform>Attached to %1 (pid %2): %n pools</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <comment>queues title: items waiting</comment>
        <translation>
            <numerusform>%n item</numerusform>
            <numerusform>%n items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Queues: %1 waiting in %n queue(s)</source>
        <translation>
            <numerusform>Queues: %1 waiting in %n queue</numerusform>
            <numerusform>Queues: %1 waiting in %n queues</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 and %2 in %n pool(s) of this studio. Quit anyway?</source>
        <translation>
            <numerusform>%1 and %2 in %n pool of this studio. Quit anyway?</numerusform>
            <numerusform>%1 and %2 in %n pools of this studio. Quit anyway?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n task(s) running</source>
        <translation>
            <numerusform>%n task running</numerusform>
            <numerusform>%n tasks running</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n queued</source>
        <translation>
            <numerusform>%n queued</numerusform>
            <numerusform>%n queued</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n job(s) running</source>
        <translation>
            <numerusform>%n job running</numerusform>
            <numerusform>%n jobs running</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>qmp::OutputPane</name>
    <message numerus="yes">
        <source>[%n character(s) of output not kept]</source>
        <translation>
            <numerusform>[%n character of output not kept]</numerusform>
            <numerusform>[%n characters of output not kept]</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>qmp::PoolDashboard</name>
    <message numerus="yes">
        <source>%1 now runs with %n worker(s)</source>
        <translation>
            <numerusform>%1 now runs with %n worker</numerusform>
            <numerusform>%1 now runs with %n workers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1, %n command(s)</source>
        <translation>
            <numerusform>%1, %n command</numerusform>
            <numerusform>%1, %n commands</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n command(s) running</source>
        <translation>
            <numerusform>%n command running</numerusform>
            <numerusform>%n commands running</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>It is a task of a map, which ends as a whole with it: the %n other task(s) of the batch that have not started are cancelled too.</source>
        <translation>
            <numerusform>It is a task of a map, which ends as a whole with it: the %n other task of the batch that has not started is cancelled too.</numerusform>
            <numerusform>It is a task of a map, which ends as a whole with it: the %n other tasks of the batch that have not started are cancelled too.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Terminate the pool %1 now?

Every worker stops at once; %n unfinished task(s) end as cancelled.</source>
        <translation>
            <numerusform>Terminate the pool %1 now?

Every worker stops at once; %n unfinished task ends as cancelled.</numerusform>
            <numerusform>Terminate the pool %1 now?

Every worker stops at once; %n unfinished tasks end as cancelled.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>qmp::PoolModel</name>
    <message numerus="yes">
        <source>%n task(s) flagged as stuck: see the workers table</source>
        <translation>
            <numerusform>%n task flagged as stuck: see the workers table</numerusform>
            <numerusform>%n tasks flagged as stuck: see the workers table</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>qmp::RunSession</name>
    <message numerus="yes">
        <source>--halt: waiting for %n running job(s) to finish</source>
        <translation>
            <numerusform>--halt: waiting for %n running job to finish</numerusform>
            <numerusform>--halt: waiting for %n running jobs to finish</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>stopped by signal %1: killing %n running job(s)</source>
        <translation>
            <numerusform>stopped by signal %1: killing %n running job</numerusform>
            <numerusform>stopped by signal %1: killing %n running jobs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>waiting for Slurm to allocate %n CPU(s) (job %1): %2</source>
        <translation>
            <numerusform>waiting for Slurm to allocate %n CPU (job %1): %2</numerusform>
            <numerusform>waiting for Slurm to allocate %n CPUs (job %1): %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>qmp::StuckBanner</name>
    <message numerus="yes">
        <source>(%n more stuck)</source>
        <translation>
            <numerusform>(%n more stuck)</numerusform>
            <numerusform>(%n more stuck)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>qmp::TaskDetailView</name>
    <message numerus="yes">
        <source>Arguments (first of %n call(s))</source>
        <translation>
            <numerusform>Arguments (first of %n call)</numerusform>
            <numerusform>Arguments (first of %n calls)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>qmp::TaskModel</name>
    <message numerus="yes">
        <source>%1 (%n call(s) in this chunk)</source>
        <translation>
            <numerusform>%1 (%n call in this chunk)</numerusform>
            <numerusform>%1 (%n calls in this chunk)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>qmp::TrayNotifier</name>
    <message numerus="yes">
        <source>%1 in %2: %n task(s) done</source>
        <translation>
            <numerusform>%1 in %2: %n task done</numerusform>
            <numerusform>%1 in %2: %n tasks done</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n failed</source>
        <translation>
            <numerusform>, %n failed</numerusform>
            <numerusform>, %n failed</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>qmp::WorkerModel</name>
    <message numerus="yes">
        <source>%n process(es) in this worker&apos;s tree</source>
        <translation>
            <numerusform>%n process in this worker&apos;s tree</numerusform>
            <numerusform>%n processes in this worker&apos;s tree</numerusform>
        </translation>
    </message>
</context>
</TS>
