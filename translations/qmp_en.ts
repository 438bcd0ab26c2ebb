<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>JobLauncherDialog</name>
    <message>
        <source>Launch a batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What to run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Command template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. gzip -k {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{} the input, {#} the job number, {.} the input without extension, {/} the file name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Demo task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inputs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lines of a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Numeric range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add files…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A text file: one input per line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How and where</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New pool&apos;s &amp;name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;arallel jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Timeout per job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Retries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JobLog</name>
    <message>
        <source>line %1 is not a joblog line (%2): %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 fields, expected 9</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a number field is not a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seq must be 1 or more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read joblog %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>joblog %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write joblog %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qmp::AttachDialog</name>
    <message>
        <source>yours: controls if it allows them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>another user&apos;s: read-only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach to a running program</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Programs on this computer that serve a monitor socket. Their pools appear beside the studio&apos;s own; controls work when the program was started with QMP_MONITOR=control and runs as you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Program</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No program serves a monitor socket right now. Start a libqmp program with QMP_MONITOR=1 (it needs a qmp::AppMonitor in main()), then press Refresh.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Attach</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qmp::DemoTasks</name>
    <message>
        <source>Keeps one CPU busy for the given number of milliseconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sleeps for the given number of milliseconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counts the prime numbers below the given number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computes the SHA-256 of the given file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writes a 128-pixel PNG thumbnail of the given image to the temporary folder</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qmp::HistoryModel</name>
    <message>
        <source>Batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seq</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task / command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Worker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>timed out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>signal %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>local</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qmp::HistoryView</name>
    <message>
        <source>Batches (newest first)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tasks of the selected batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Re-run batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs the selected batch&apos;s commands again in a new pool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export joblog…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saves the selected batch&apos;s tasks as a GNU parallel joblog (TSV)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch %1 is not in the history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch %1 has no finished tasks to run again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-run of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only batches of commands can run again: the history does not keep the arguments of task &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task %1 of the batch cannot run again: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-run batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the commands of “%1” again in a new pool?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started again as a new batch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export joblog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Joblog (*.tsv *.log);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Joblog written to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qmp::IpcObjectModel</name>
    <message>
        <source>leaked: nobody attached, owner gone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>key file without a segment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>idle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner PID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner alive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qmp::IpcView</name>
    <message>
        <source>Reclaim leaked IPC objects</source>
        <translation type="unfinished"></translation>
    </message>
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
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reclaim &amp;leaks…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the objects nobody is attached to whose owner is gone (like `qmp ipc gc`)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qmp::JobLauncherDialog</name>
    <message>
        <source>Batch pool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New pool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the input files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a text file with one input per line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add at least one input file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the text file whose lines are the inputs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file %1 has no lines to use as inputs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 takes a whole number, but one input is &apos;%2&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the new pool a name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The batch runs with the existing pool&apos;s workers; timeout and retries apply to each command.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tasks run with the existing pool&apos;s workers, timeout and retries.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commands run at most this many at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new pool starts this many worker processes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n job(s) in this batch</source>
        <translation>
            <numerusform>%n job in this batch</numerusform>
            <numerusform>%n jobs in this batch</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qmp::JobTemplate</name>
    <message>
        <source>The command template is empty: write the program to run, e.g. gzip -k {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A single quote at position %1 is never closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A double quote at position %1 is never closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The line ends with a backslash that escapes nothing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The command line is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the input file %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The input file %1 has more than %2 lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The step %1 never gets from %2 to %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The range gives %1 inputs; at most %2 are allowed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qmp::LanguageManager</name>
    <message>
        <source>Unknown language &apos;%1&apos;; the studio speaks %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The translation for %1 is missing from this build</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qmp::MainWindow</name>
    <message>
        <source>About QMP Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;QMP Studio %1&lt;/h3&gt;&lt;p&gt;Launch batches of commands or registered tasks into process pools, watch their workers, queues and timings live, and stop what is stuck.&lt;/p&gt;&lt;p&gt;History: %2&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>QMP Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Launch batch…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a batch of commands or demo tasks in a new or an existing pool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About QMP Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Launch a batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch started: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Attached to %1 (pid %2): %n pool(s)</source>
        <translation>
            <numerusform>Attached to %1 (pid %2): %n pool</numerusform>
            <numerusform>Attached to %1 (pid %2): %n pools</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (pid %2) is gone: its pools stay listed with their last state (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach to a running program</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Attach to program…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the pools of another running libqmp program (started with QMP_MONITOR=1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IPC objects</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qmp::MonitorClient</name>
    <message>
        <source>Program %1 does not serve a monitor socket (start it with QMP_MONITOR=1): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>program %1 closed the monitor connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>program %1 sent a malformed monitor message (%2); disconnected</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qmp::PoolDashboard</name>
    <message>
        <source>Paused: no new task starts until you resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed: queued tasks still run, no new batch can start in this pool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Joined %1: every worker has exited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue depth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Throughput (tasks/s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tasks/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Busy workers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>busy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task duration (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p50</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p95</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No new task starts until you resume; running tasks go on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starts queued tasks again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;lose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Takes no more batches; what is queued still runs, then the workers exit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Join</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closes the pool and waits until every worker has exited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Terminate pool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stops every worker now; unfinished tasks fail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Terminate worker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kills the selected worker and everything it started; its task fails with the reason and a new worker takes its place</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Terminate stuck worker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All states</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search name, message, pid or id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A queued task never runs; a running one is killed. It fails as cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No pool selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Launch a batch to start one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>joining</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 busy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Worker %1 (%2) is stuck: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>(%n more stuck)</source>
        <translation>
            <numerusform>(%n more stuck)</numerusform>
            <numerusform>(%n more stuck)</numerusform>
        </translation>
    </message>
    <message>
        <source>Terminates worker %1 and everything it started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a task to follow its output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output of task %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[%1]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No output yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A registered task&apos;s output goes to the studio&apos;s terminal; errors show here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Worker %1 terminated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Worker %1 is not running any more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task %1 cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task %1 has already ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Terminate worker %1 and every process it started?

Its task (%2) fails, or runs again when the pool retries, and a new worker takes its place.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel task %1 (%2)?

A queued task never runs; a running one is killed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Terminate pool</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Terminate the pool %1 now?

Every worker stops at once; %n unfinished task(s) fail.</source>
        <translation>
            <numerusform>Terminate the pool %1 now?

Every worker stops at once; %n unfinished task fail.</numerusform>
            <numerusform>Terminate the pool %1 now?

Every worker stops at once; %n unfinished tasks fail.</numerusform>
        </translation>
    </message>
    <message>
        <source>Terminated %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Joining %1: waiting for its tasks to finish and its workers to exit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stuck only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removes a pool whose work is over from the list (its tasks stay in the history)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qmp::PoolModel</name>
    <message>
        <source>Pool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live worker processes / the pool&apos;s size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Busy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tasks waiting for a worker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calls finished per second, over the last tick</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p95</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>95% of recent tasks took at most this long</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stuck</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tasks the monitor flagged as stuck</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <comment>live workers / pool size</comment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n task(s) flagged as stuck: see the workers table</source>
        <translation>
            <numerusform>%n task flagged as stuck: see the workers table</numerusform>
            <numerusform>%n tasks flagged as stuck: see the workers table</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>qmp::PoolSeriesModel</name>
    <message>
        <source>%1 s</source>
        <comment>seconds before the newest sample</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seconds ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue depth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Busy workers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p50 task time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p95 task time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qmp::StateText</name>
    <message>
        <source>running</source>
        <comment>pool</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>paused</source>
        <comment>pool</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closed</source>
        <comment>pool: takes no new work</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>terminated</source>
        <comment>pool</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gone</source>
        <comment>pool: the program let it go</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>queued</source>
        <comment>task</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running</source>
        <comment>task</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>finished</source>
        <comment>task</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <comment>task</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>idle</source>
        <comment>worker</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>busy</source>
        <comment>worker</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exited</source>
        <comment>worker</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qmp::StuckText</name>
    <message>
        <source>running for %1, past the %2 limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running for %1, more than %2× the pool&apos;s p95 task time (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no CPU used for %1 while running a task</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qmp::StudioOptions</name>
    <message>
        <source>QMP Studio: launch batches into process pools and watch them run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the task history in FILE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FILE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do not start the demo pool.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use this language (%1) for this run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CODE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save a picture of the window to FILE, then quit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait MS milliseconds before the screenshot (default 8000).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With --screenshot: also save a picture of the job launcher to FILE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected argument &apos;%1&apos; (see --help)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown language &apos;%1&apos;; choose one of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--screenshot-after wants milliseconds (a whole number &gt;= 0), not &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--launcher-screenshot goes with --screenshot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open on the History tab.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qmp::StudioSession</name>
    <message>
        <source>There is no task named &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 takes a whole number, but one input is &apos;%2&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is nothing to run: the batch has no inputs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is nothing to run: the batch has no commands</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The pool is gone; choose another pool or a new one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The pool %1 is closed and takes no more work; choose another pool or a new one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The batch could not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo: prime counts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo: sleeps</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qmp::TaskModel</name>
    <message>
        <source>ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Position of the task&apos;s first input in its batch, from 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task / command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Worker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stuck</source>
        <comment>task</comment>
        <translation type="unfinished"></translation>
    </message>
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
    <message>
        <source>Batch finished with failures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch finished</source>
        <translation type="unfinished"></translation>
    </message>
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
    <name>qmp::ValueFormat</name>
    <message>
        <source>%1 ns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 µs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 B</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 KiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 MiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 GiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 TiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1/s</source>
        <comment>a rate: tasks per second</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qmp::WorkerModel</name>
    <message>
        <source>PID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU of the worker and its child processes, in % of one core</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resident memory of the worker and its child processes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Threads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How long the current task has been running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uptime</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stuck</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exited (%1)</source>
        <comment>worker; the reason, e.g. killed by signal 9</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (command)</source>
        <comment>worker state of a command&apos;s process</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stuck: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n process(es) in this worker&apos;s tree</source>
        <translation>
            <numerusform>%n process in this worker&apos;s tree</numerusform>
            <numerusform>%n processes in this worker&apos;s tree</numerusform>
        </translation>
    </message>
</context>
</TS>
