<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>JobLauncherDialog</name>
    <message>
        <source>Launch a batch</source>
        <translation>启动批处理</translation>
    </message>
    <message>
        <source>What to run</source>
        <translation>运行什么</translation>
    </message>
    <message>
        <source>&amp;Command template</source>
        <translation>命令模板(&amp;C)</translation>
    </message>
    <message>
        <source>e.g. gzip -k {}</source>
        <translation>例如 gzip -k {}</translation>
    </message>
    <message>
        <source>{} the input, {#} the job number, {.} the input without extension, {/} the file name</source>
        <translation>{} 为输入，{#} 为作业序号，{.} 为去掉扩展名的输入，{/} 为文件名</translation>
    </message>
    <message>
        <source>&amp;Demo task</source>
        <translation>演示任务(&amp;D)</translation>
    </message>
    <message>
        <source>Inputs</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Lines of a file</source>
        <translation>文件中的各行</translation>
    </message>
    <message>
        <source>Numeric range</source>
        <translation>数值范围</translation>
    </message>
    <message>
        <source>&amp;Add files…</source>
        <translation>添加文件(&amp;A)…</translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation>清空(&amp;L)</translation>
    </message>
    <message>
        <source>A text file: one input per line</source>
        <translation>文本文件：每行一个输入</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>到</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步长</translation>
    </message>
    <message>
        <source>How and where</source>
        <translation>方式与位置</translation>
    </message>
    <message>
        <source>&amp;Pool</source>
        <translation>进程池(&amp;P)</translation>
    </message>
    <message>
        <source>New pool&apos;s &amp;name</source>
        <translation>新进程池名称(&amp;N)</translation>
    </message>
    <message>
        <source>P&amp;arallel jobs</source>
        <translation>并行作业数(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Timeout per job</source>
        <translation>单个作业超时(&amp;T)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>&amp;Retries</source>
        <translation>重试次数(&amp;R)</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
</context>
<context>
    <name>JobLog</name>
    <message>
        <source>line %1 is not a joblog line (%2): %3</source>
        <translation>第 %1 行不是作业日志行（%2）：%3</translation>
    </message>
    <message>
        <source>%1 fields, expected 9</source>
        <translation>有 %1 个字段，应为 9 个</translation>
    </message>
    <message>
        <source>a number field is not a number</source>
        <translation>某个数字字段不是数字</translation>
    </message>
    <message>
        <source>Seq must be 1 or more</source>
        <translation>Seq 必须不小于 1</translation>
    </message>
    <message>
        <source>cannot read joblog %1: %2</source>
        <translation>无法读取作业日志 %1：%2</translation>
    </message>
    <message>
        <source>joblog %1: %2</source>
        <translation>作业日志 %1：%2</translation>
    </message>
    <message>
        <source>cannot write joblog %1: %2</source>
        <translation>无法写入作业日志 %1：%2</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>process %1 does not serve a monitor socket (start it with QMP_MONITOR=1)</source>
        <translation>进程 %1 没有提供监控套接字（请用 QMP_MONITOR=1 启动它）</translation>
    </message>
</context>
<context>
    <name>qmp::AttachDialog</name>
    <message>
        <source>another user&apos;s: read-only</source>
        <translation>其他用户的程序：只读</translation>
    </message>
    <message>
        <source>Attach to a running program</source>
        <translation>连接到正在运行的程序</translation>
    </message>
    <message>
        <source>Programs on this computer that serve a monitor socket. Their pools appear beside the studio&apos;s own; controls work when the program was started with QMP_MONITOR=control and runs as you.</source>
        <translation>本机上提供监控套接字的程序。它们的进程池会显示在工作室自己的进程池旁边；当程序以 QMP_MONITOR=control 启动并以你的身份运行时，可以控制它们。</translation>
    </message>
    <message>
        <source>PID</source>
        <translation>PID</translation>
    </message>
    <message>
        <source>Program</source>
        <translation>程序</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Access</source>
        <translation>权限</translation>
    </message>
    <message>
        <source>No program serves a monitor socket right now. Start a libqmp program with QMP_MONITOR=1 (it needs a qmp::AppMonitor in main()), then press Refresh.</source>
        <translation>目前没有程序提供监控套接字。请用 QMP_MONITOR=1 启动一个 libqmp 程序（它的 main() 中需要有 qmp::AppMonitor），然后点击“刷新”。</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Attach</source>
        <translation>连接(&amp;A)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>controls allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read-only: this program does not allow control (QMP_MONITOR=1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not answering</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qmp::DemoTasks</name>
    <message>
        <source>Keeps one CPU busy for the given number of milliseconds</source>
        <translation>让一个 CPU 忙碌指定的毫秒数</translation>
    </message>
    <message>
        <source>Sleeps for the given number of milliseconds</source>
        <translation>休眠指定的毫秒数</translation>
    </message>
    <message>
        <source>Counts the prime numbers below the given number</source>
        <translation>统计小于给定数的素数个数</translation>
    </message>
    <message>
        <source>Computes the SHA-256 of the given file</source>
        <translation>计算给定文件的 SHA-256</translation>
    </message>
    <message>
        <source>Writes a 128-pixel PNG thumbnail of the given image to the temporary folder</source>
        <translation>把给定图片的 128 像素 PNG 缩略图写入临时文件夹</translation>
    </message>
</context>
<context>
    <name>qmp::HistoryModel</name>
    <message>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Pool</source>
        <translation>进程池</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>完成时间</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>任务数</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Seq</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Task / command</source>
        <translation>任务 / 命令</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Exit</source>
        <translation>退出码</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>耗时</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>尝试次数</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>工作进程</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>主机</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>timed out</source>
        <translation>超时</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>signal %1</source>
        <translation>信号 %1</translation>
    </message>
    <message>
        <source>local</source>
        <translation>本机</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running</source>
        <comment>batch</comment>
        <translation type="unfinished">运行中</translation>
    </message>
    <message>
        <source>finished</source>
        <comment>batch</comment>
        <translation type="unfinished">已完成</translation>
    </message>
    <message>
        <source>interrupted</source>
        <comment>batch: its program ended before it did</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lost</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qmp::HistoryView</name>
    <message>
        <source>Batches (newest first)</source>
        <translation>批次（最新在前）</translation>
    </message>
    <message>
        <source>Tasks of the selected batch</source>
        <translation>所选批次的任务</translation>
    </message>
    <message>
        <source>&amp;Re-run batch</source>
        <translation>重新运行批次(&amp;R)</translation>
    </message>
    <message>
        <source>Runs the selected batch&apos;s commands again in a new pool</source>
        <translation>在新的进程池中重新运行所选批次的命令</translation>
    </message>
    <message>
        <source>&amp;Export joblog…</source>
        <translation>导出作业日志(&amp;E)…</translation>
    </message>
    <message>
        <source>Saves the selected batch&apos;s tasks as a GNU parallel joblog (TSV)</source>
        <translation>把所选批次的任务保存为 GNU parallel 作业日志（TSV）</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>刷新(&amp;F)</translation>
    </message>
    <message>
        <source>Batch %1 is not in the history</source>
        <translation>历史记录中没有批次 %1</translation>
    </message>
    <message>
        <source>Batch %1 has no finished tasks to run again</source>
        <translation>批次 %1 没有可重新运行的已结束任务</translation>
    </message>
    <message>
        <source>Re-run of %1</source>
        <translation>重新运行：%1</translation>
    </message>
    <message>
        <source>Only batches of commands can run again: the history does not keep the arguments of task &apos;%1&apos;</source>
        <translation>只有命令批次可以重新运行：历史记录不保存任务“%1”的参数</translation>
    </message>
    <message>
        <source>Task %1 of the batch cannot run again: %2</source>
        <translation>批次中的任务 %1 无法重新运行：%2</translation>
    </message>
    <message>
        <source>Re-run batch</source>
        <translation>重新运行批次</translation>
    </message>
    <message>
        <source>Run the commands of “%1” again in a new pool?</source>
        <translation>在新的进程池中重新运行“%1”的命令吗？</translation>
    </message>
    <message>
        <source>Started again as a new batch.</source>
        <translation>已作为新批次重新开始。</translation>
    </message>
    <message>
        <source>Export joblog</source>
        <translation>导出作业日志</translation>
    </message>
    <message>
        <source>Joblog (*.tsv *.log);;All files (*)</source>
        <translation>作业日志 (*.tsv *.log);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Joblog written to %1</source>
        <translation>作业日志已写入 %1</translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation>是(&amp;Y)</translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation>否(&amp;N)</translation>
    </message>
    <message>
        <source>No batches yet.

Every batch you launch here (File → Launch batch…, Ctrl+N), the pools of programs you attach to, and every `qmp run` on this computer are recorded in %1 and listed here, newest first.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qmp::IpcObjectModel</name>
    <message>
        <source>leaked: nobody attached, owner gone</source>
        <translation>已泄漏：无进程连接，创建者已退出</translation>
    </message>
    <message>
        <source>key file without a segment</source>
        <translation>只有键文件，没有共享段</translation>
    </message>
    <message>
        <source>in use</source>
        <translation>使用中</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Owner PID</source>
        <translation>创建者 PID</translation>
    </message>
    <message>
        <source>Owner alive</source>
        <translation>创建者存活</translation>
    </message>
    <message>
        <source>Attached</source>
        <translation>连接数</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>键</translation>
    </message>
</context>
<context>
    <name>qmp::IpcView</name>
    <message>
        <source>Reclaim leaked IPC objects</source>
        <translation>回收泄漏的 IPC 对象</translation>
    </message>
    <message numerus="yes">
        <source>Remove %n leaked IPC object(s)? Nobody is attached to them and the programs that made them are gone.</source>
        <translation>
            <numerusform>要删除 %n 个泄漏的 IPC 对象吗？没有进程连接它们，创建它们的程序也已退出。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reclaimed %n leaked IPC object(s)</source>
        <translation>
            <numerusform>已回收 %n 个泄漏的 IPC 对象</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n IPC object(s) of QMP programs on this computer</source>
        <translation>
            <numerusform>本机 QMP 程序的 IPC 对象共 %n 个</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n leaked (highlighted)</source>
        <translation>
            <numerusform>%n 个已泄漏（高亮显示）</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>Reclaim &amp;leaks…</source>
        <translation>回收泄漏(&amp;L)…</translation>
    </message>
    <message>
        <source>Remove the objects nobody is attached to whose owner is gone (like `qmp ipc gc`)</source>
        <translation>删除没有进程连接且创建者已退出的对象（同 `qmp ipc gc`）</translation>
    </message>
</context>
<context>
    <name>qmp::JobLauncherDialog</name>
    <message>
        <source>Batch pool</source>
        <translation>批处理进程池</translation>
    </message>
    <message>
        <source>New pool</source>
        <translation>新建进程池</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>开始(&amp;S)</translation>
    </message>
    <message>
        <source>Choose the input files</source>
        <translation>选择输入文件</translation>
    </message>
    <message>
        <source>Choose a text file with one input per line</source>
        <translation>选择每行一个输入的文本文件</translation>
    </message>
    <message>
        <source>Add at least one input file</source>
        <translation>请至少添加一个输入文件</translation>
    </message>
    <message>
        <source>Choose the text file whose lines are the inputs</source>
        <translation>请选择以各行作为输入的文本文件</translation>
    </message>
    <message>
        <source>The file %1 has no lines to use as inputs</source>
        <translation>文件 %1 中没有可作为输入的行</translation>
    </message>
    <message>
        <source>%1 takes a whole number, but one input is &apos;%2&apos;</source>
        <translation>%1 需要整数，但有一个输入是“%2”</translation>
    </message>
    <message>
        <source>Give the new pool a name</source>
        <translation>请为新进程池命名</translation>
    </message>
    <message>
        <source>The batch runs with the existing pool&apos;s workers; timeout and retries apply to each command.</source>
        <translation>批次使用现有进程池的工作进程运行；超时和重试适用于每条命令。</translation>
    </message>
    <message>
        <source>Tasks run with the existing pool&apos;s workers, timeout and retries.</source>
        <translation>任务使用现有进程池的工作进程、超时和重试设置运行。</translation>
    </message>
    <message>
        <source>Commands run at most this many at once.</source>
        <translation>最多同时运行这么多条命令。</translation>
    </message>
    <message>
        <source>The new pool starts this many worker processes.</source>
        <translation>新进程池启动这么多个工作进程。</translation>
    </message>
    <message numerus="yes">
        <source>%n job(s) in this batch</source>
        <translation>
            <numerusform>本批次共 %n 个作业</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>qmp::JobTemplate</name>
    <message>
        <source>The command template is empty: write the program to run, e.g. gzip -k {}</source>
        <translation>命令模板为空：请写出要运行的程序，例如 gzip -k {}</translation>
    </message>
    <message>
        <source>A single quote at position %1 is never closed</source>
        <translation>位置 %1 处的单引号没有闭合</translation>
    </message>
    <message>
        <source>A double quote at position %1 is never closed</source>
        <translation>位置 %1 处的双引号没有闭合</translation>
    </message>
    <message>
        <source>The line ends with a backslash that escapes nothing</source>
        <translation>该行以反斜杠结尾，没有可转义的字符</translation>
    </message>
    <message>
        <source>The command line is empty</source>
        <translation>命令行为空</translation>
    </message>
    <message>
        <source>Cannot read the input file %1: %2</source>
        <translation>无法读取输入文件 %1：%2</translation>
    </message>
    <message>
        <source>The input file %1 has more than %2 lines</source>
        <translation>输入文件 %1 超过 %2 行</translation>
    </message>
    <message>
        <source>The step %1 never gets from %2 to %3</source>
        <translation>步长 %1 无法从 %2 到达 %3</translation>
    </message>
    <message>
        <source>The range gives %1 inputs; at most %2 are allowed</source>
        <translation>该范围产生 %1 个输入；最多允许 %2 个</translation>
    </message>
</context>
<context>
    <name>qmp::LanguageManager</name>
    <message>
        <source>Unknown language &apos;%1&apos;; the studio speaks %2</source>
        <translation>未知语言“%1”；工作室支持 %2</translation>
    </message>
    <message>
        <source>The translation for %1 is missing from this build</source>
        <translation>此版本缺少 %1 的翻译</translation>
    </message>
</context>
<context>
    <name>qmp::MainWindow</name>
    <message>
        <source>About QMP Studio</source>
        <translation>关于 QMP 工作室</translation>
    </message>
    <message>
        <source>&lt;h3&gt;QMP Studio %1&lt;/h3&gt;&lt;p&gt;Launch batches of commands or registered tasks into process pools, watch their workers, queues and timings live, and stop what is stuck.&lt;/p&gt;&lt;p&gt;History: %2&lt;/p&gt;</source>
        <translation>&lt;h3&gt;QMP 工作室 %1&lt;/h3&gt;&lt;p&gt;把批量命令或已注册任务投入进程池，实时观察其工作进程、队列和耗时，并终止卡住的任务。&lt;/p&gt;&lt;p&gt;历史记录：%2&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>QMP Studio</source>
        <translation>QMP 工作室</translation>
    </message>
    <message>
        <source>Pools</source>
        <translation>进程池</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>仪表盘</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Pool</source>
        <translation>进程池(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>&amp;Launch batch…</source>
        <translation>启动批处理(&amp;L)…</translation>
    </message>
    <message>
        <source>Start a batch of commands or demo tasks in a new or an existing pool</source>
        <translation>在新的或现有的进程池中启动一批命令或演示任务</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;About QMP Studio</source>
        <translation>关于 QMP 工作室(&amp;A)</translation>
    </message>
    <message>
        <source>Launch a batch</source>
        <translation>启动批处理</translation>
    </message>
    <message>
        <source>Batch started: %1</source>
        <translation>批处理已启动：%1</translation>
    </message>
    <message numerus="yes">
        <source>Attached to %1 (pid %2): %n pool(s)</source>
        <translation>
            <numerusform>已连接到 %1（pid %2）：%n 个进程池</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (pid %2) is gone: its pools stay listed with their last state (%3)</source>
        <translation>%1（pid %2）已退出：它的进程池仍以最后的状态列出（%3）</translation>
    </message>
    <message>
        <source>Attach to a running program</source>
        <translation>连接到正在运行的程序</translation>
    </message>
    <message>
        <source>&amp;Attach to program…</source>
        <translation>连接到程序(&amp;A)…</translation>
    </message>
    <message>
        <source>Show the pools of another running libqmp program (started with QMP_MONITOR=1)</source>
        <translation>显示另一个正在运行的 libqmp 程序（以 QMP_MONITOR=1 启动）的进程池</translation>
    </message>
    <message>
        <source>IPC objects</source>
        <translation>IPC 对象</translation>
    </message>
    <message>
        <source>%1 (pid %2) did not carry out the command: %3</source>
        <translation>%1（pid %2）没有执行该命令：%3</translation>
    </message>
    <message>
        <source>The queues of this studio and of the programs it is attached to, with their depths (read on every tick); red: a bounded queue that is full</source>
        <translation>本工作室及其已附加程序的队列和队列深度（每个采样周期读取一次）；红色：已满的有界队列</translation>
    </message>
    <message>
        <source>Queues</source>
        <translation>队列</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <comment>queues title: items waiting</comment>
        <translation>
            <numerusform>%n 个项目</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Queues: %1 waiting in %n queue(s)</source>
        <translation>
            <numerusform>队列：%n 个队列中有 %1等待</numerusform>
        </translation>
    </message>
    <message>
        <source>Items</source>
        <translation>项目数</translation>
    </message>
    <message>
        <source>Depth of %1</source>
        <translation>%1 的深度</translation>
    </message>
    <message>
        <source>Queue depth</source>
        <translation>队列深度</translation>
    </message>
    <message numerus="yes">
        <source>%1 and %2 in %n pool(s) of this studio. Quit anyway?</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n task(s) running</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n queued</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Running tasks are stopped and queued ones never start; all of them are recorded as cancelled in the history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit QMP Studio</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qmp::MonitorClient</name>
    <message>
        <source>Program %1 does not serve a monitor socket (start it with QMP_MONITOR=1): %2</source>
        <translation>程序 %1 没有提供监视套接字（请用 QMP_MONITOR=1 启动它）：%2</translation>
    </message>
    <message>
        <source>program %1 closed the monitor connection</source>
        <translation>程序 %1 关闭了监视连接</translation>
    </message>
    <message>
        <source>program %1 sent a malformed monitor message (%2); disconnected</source>
        <translation>程序 %1 发送了格式错误的监视消息（%2）；已断开连接</translation>
    </message>
</context>
<context>
    <name>qmp::PoolDashboard</name>
    <message>
        <source>Paused: no new task starts until you resume</source>
        <translation>已暂停：恢复之前不会启动新任务</translation>
    </message>
    <message>
        <source>Closed: queued tasks still run, no new batch can start in this pool</source>
        <translation>已关闭：排队的任务仍会运行，此进程池不再接受新批次</translation>
    </message>
    <message>
        <source>Joined %1: every worker has exited</source>
        <translation>已等待 %1 结束：所有工作进程均已退出</translation>
    </message>
    <message>
        <source>Queue depth</source>
        <translation>队列深度</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>排队</translation>
    </message>
    <message>
        <source>Throughput (tasks/s)</source>
        <translation>吞吐量（任务/秒）</translation>
    </message>
    <message>
        <source>tasks/s</source>
        <translation>任务/秒</translation>
    </message>
    <message>
        <source>Busy workers</source>
        <translation>忙碌的工作进程</translation>
    </message>
    <message>
        <source>busy</source>
        <translation>忙碌</translation>
    </message>
    <message>
        <source>Task duration (ms)</source>
        <translation>任务耗时（毫秒）</translation>
    </message>
    <message>
        <source>p50</source>
        <translation>p50</translation>
    </message>
    <message>
        <source>p95</source>
        <translation>p95</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <source>No new task starts until you resume; running tasks go on</source>
        <translation>恢复之前不启动新任务；正在运行的任务继续</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>恢复(&amp;R)</translation>
    </message>
    <message>
        <source>Starts queued tasks again</source>
        <translation>重新开始启动排队的任务</translation>
    </message>
    <message>
        <source>C&amp;lose</source>
        <translation>关闭(&amp;L)</translation>
    </message>
    <message>
        <source>Takes no more batches; what is queued still runs, then the workers exit</source>
        <translation>不再接受新批次；排队的任务仍会运行，之后工作进程退出</translation>
    </message>
    <message>
        <source>&amp;Join</source>
        <translation>等待结束(&amp;J)</translation>
    </message>
    <message>
        <source>Closes the pool and waits until every worker has exited</source>
        <translation>关闭进程池并等待所有工作进程退出</translation>
    </message>
    <message>
        <source>&amp;Terminate pool</source>
        <translation>终止进程池(&amp;T)</translation>
    </message>
    <message>
        <source>Stops every worker now; unfinished tasks fail</source>
        <translation>立即停止所有工作进程；未完成的任务失败</translation>
    </message>
    <message>
        <source>Workers</source>
        <translation>工作进程</translation>
    </message>
    <message>
        <source>Terminate worker</source>
        <translation>终止工作进程</translation>
    </message>
    <message>
        <source>Kills the selected worker and everything it started; its task fails with the reason and a new worker takes its place</source>
        <translation>杀死所选工作进程及其启动的全部进程；其任务以相应原因失败，并由新的工作进程接替</translation>
    </message>
    <message>
        <source>Terminate stuck worker</source>
        <translation>终止卡住的工作进程</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Search name, message, pid or id</source>
        <translation>搜索名称、消息、PID 或 ID</translation>
    </message>
    <message>
        <source>Cancel task</source>
        <translation>取消任务</translation>
    </message>
    <message>
        <source>A queued task never runs; a running one is killed. It fails as cancelled</source>
        <translation>排队中的任务不再运行；正在运行的任务被杀死。任务以“已取消”失败</translation>
    </message>
    <message>
        <source>No pool selected</source>
        <translation>未选择进程池</translation>
    </message>
    <message>
        <source>Launch a batch to start one.</source>
        <translation>启动一个批处理即可创建进程池。</translation>
    </message>
    <message>
        <source>joining</source>
        <translation>等待结束中</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>%1 of %2 busy</source>
        <translation>%2 个中 %1 个忙碌</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation>吞吐量</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/秒</translation>
    </message>
    <message>
        <source>Worker %1 (%2) is stuck: %3</source>
        <translation>工作进程 %1（%2）卡住了：%3</translation>
    </message>
    <message numerus="yes">
        <source>(%n more stuck)</source>
        <translation>
            <numerusform>（另有 %n 个卡住）</numerusform>
        </translation>
    </message>
    <message>
        <source>Terminates worker %1 and everything it started</source>
        <translation>终止工作进程 %1 及其启动的全部进程</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Select a task to follow its output</source>
        <translation>选择一个任务以跟踪其输出</translation>
    </message>
    <message>
        <source>Output of task %1: %2</source>
        <translation>任务 %1 的输出：%2</translation>
    </message>
    <message>
        <source>[%1]</source>
        <translation>【%1】</translation>
    </message>
    <message>
        <source>No output yet</source>
        <translation>尚无输出</translation>
    </message>
    <message>
        <source>A registered task&apos;s output goes to the studio&apos;s terminal; errors show here</source>
        <translation>已注册任务的输出写到工作室的终端；错误显示在这里</translation>
    </message>
    <message>
        <source>Worker %1 terminated</source>
        <translation>工作进程 %1 已终止</translation>
    </message>
    <message>
        <source>Worker %1 is not running any more</source>
        <translation>工作进程 %1 已不在运行</translation>
    </message>
    <message>
        <source>Task %1 cancelled</source>
        <translation>任务 %1 已取消</translation>
    </message>
    <message>
        <source>Task %1 has already ended</source>
        <translation>任务 %1 已经结束</translation>
    </message>
    <message>
        <source>Cancel task %1 (%2)?

A queued task never runs; a running one is killed.</source>
        <translation>取消任务 %1（%2）吗？

排队中的任务不再运行；正在运行的任务会被杀死。</translation>
    </message>
    <message>
        <source>Terminate pool</source>
        <translation>终止进程池</translation>
    </message>
    <message numerus="yes">
        <source>Terminate the pool %1 now?

Every worker stops at once; %n unfinished task(s) fail.</source>
        <translation>
            <numerusform>立即终止进程池 %1 吗？

所有工作进程会马上停止；%n 个未完成的任务将失败。</numerusform>
        </translation>
    </message>
    <message>
        <source>Terminated %1</source>
        <translation>已终止 %1</translation>
    </message>
    <message>
        <source>Joining %1: waiting for its tasks to finish and its workers to exit…</source>
        <translation>正在等待 %1 结束：等待其任务完成、工作进程退出…</translation>
    </message>
    <message>
        <source>Stuck only</source>
        <translation>仅卡住的</translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation>是(&amp;Y)</translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation>否(&amp;N)</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>移除(&amp;M)</translation>
    </message>
    <message>
        <source>Removes a pool whose work is over from the list (its tasks stay in the history)</source>
        <translation>从列表中移除已结束工作的进程池（其任务仍保留在历史中）</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timed out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read-only: this program does not allow control. Start it with QMP_MONITOR=control (as your user) to pause, terminate or cancel from here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(this program does not allow control: it can only be watched)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This program does not allow control: worker %1 was not terminated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It runs no task now. A new worker takes its place.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its command (%1) is killed and fails as terminated by the user.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its task (%1) runs again on another worker (retry %2 of %3); a new worker takes its place.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its task (%1) fails: the program receives a WorkerLostError for it (this pool does not retry tasks), and a program that does not catch it may stop. A new worker takes its place.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Terminate worker %1 and every process it started?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qmp::PoolModel</name>
    <message>
        <source>Pool</source>
        <translation>进程池</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Workers</source>
        <translation>工作进程</translation>
    </message>
    <message>
        <source>Live worker processes / the pool&apos;s size</source>
        <translation>存活的工作进程数 / 进程池大小</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>忙碌</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>排队数</translation>
    </message>
    <message>
        <source>Tasks waiting for a worker</source>
        <translation>等待工作进程的任务</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>运行数</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成数</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败数</translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation>吞吐量</translation>
    </message>
    <message>
        <source>Calls finished per second, over the last tick</source>
        <translation>上一个采样周期内每秒完成的调用数</translation>
    </message>
    <message>
        <source>p95</source>
        <translation>p95</translation>
    </message>
    <message>
        <source>95% of recent tasks took at most this long</source>
        <translation>最近 95% 的任务耗时不超过此值</translation>
    </message>
    <message>
        <source>Stuck</source>
        <translation>卡住</translation>
    </message>
    <message>
        <source>Tasks the monitor flagged as stuck</source>
        <translation>被监视器标记为卡住的任务</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <comment>live workers / pool size</comment>
        <translation>%1 / %2</translation>
    </message>
    <message numerus="yes">
        <source>%n task(s) flagged as stuck: see the workers table</source>
        <translation>
            <numerusform>%n 个任务被标记为卡住：请查看工作进程表</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>qmp::PoolSeriesModel</name>
    <message>
        <source>%1 s</source>
        <comment>seconds before the newest sample</comment>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>Seconds ago</source>
        <translation>秒前</translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation>吞吐量</translation>
    </message>
    <message>
        <source>Queue depth</source>
        <translation>队列深度</translation>
    </message>
    <message>
        <source>Busy workers</source>
        <translation>忙碌的工作进程</translation>
    </message>
    <message>
        <source>p50 task time</source>
        <translation>p50 任务耗时</translation>
    </message>
    <message>
        <source>p95 task time</source>
        <translation>p95 任务耗时</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
</context>
<context>
    <name>qmp::QueueModel</name>
    <message>
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>The order get() takes items in; joinable queues count unfinished tasks</source>
        <translation>get() 取出项目的顺序；可 join 的队列会统计未完成的任务</translation>
    </message>
    <message>
        <source>Depth</source>
        <translation>深度</translation>
    </message>
    <message>
        <source>Items in the queue now (exact, read on every tick)</source>
        <translation>队列中当前的项目数（精确值，每个采样周期读取一次）</translation>
    </message>
    <message>
        <source>Max size</source>
        <translation>最大容量</translation>
    </message>
    <message>
        <source>put() waits while the queue holds this many items; 0: unbounded</source>
        <translation>队列中有这么多项目时 put() 会等待；0 表示无上限</translation>
    </message>
    <message>
        <source>Fill</source>
        <translation>填充率</translation>
    </message>
    <message>
        <source>Depth as a share of the max size (bounded queues)</source>
        <translation>深度占最大容量的比例（有界队列）</translation>
    </message>
    <message>
        <source>Unfinished</source>
        <translation>未完成</translation>
    </message>
    <message>
        <source>Joinable queues: items put and not yet marked done (taskDone)</source>
        <translation>可 join 的队列：已放入但尚未标记完成（taskDone）的项目</translation>
    </message>
    <message>
        <source>Puts</source>
        <translation>放入</translation>
    </message>
    <message>
        <source>Items put per second, over the last tick</source>
        <translation>上一个采样周期内每秒放入的项目数</translation>
    </message>
    <message>
        <source>Gets</source>
        <translation>取出</translation>
    </message>
    <message>
        <source>Items taken per second, over the last tick</source>
        <translation>上一个采样周期内每秒取出的项目数</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>FIFO</source>
        <comment>queue order: first in, first out</comment>
        <translation>先进先出</translation>
    </message>
    <message>
        <source>LIFO</source>
        <comment>queue order: last in, first out</comment>
        <translation>后进先出</translation>
    </message>
    <message>
        <source>priority</source>
        <comment>queue order: lowest priority first</comment>
        <translation>优先级</translation>
    </message>
    <message>
        <source>%1, joinable</source>
        <comment>queue kind: order, and it counts unfinished tasks</comment>
        <translation>%1，可 join</translation>
    </message>
    <message>
        <source>open</source>
        <comment>queue</comment>
        <translation>打开</translation>
    </message>
    <message>
        <source>closed</source>
        <comment>queue: the program closed its handle</comment>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>gone</source>
        <comment>queue: no process holds it any more</comment>
        <translation>已消失</translation>
    </message>
    <message>
        <source>unbounded</source>
        <comment>queue max size</comment>
        <translation>无上限</translation>
    </message>
    <message>
        <source>IPC key: %1</source>
        <translation>IPC 键：%1</translation>
    </message>
    <message>
        <source>Full: put() waits until an item is taken</source>
        <translation>已满：put() 会等待，直到有项目被取出</translation>
    </message>
</context>
<context>
    <name>qmp::QueueSeriesModel</name>
    <message>
        <source>%1 s</source>
        <comment>seconds before the newest sample</comment>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>Seconds ago</source>
        <translation>秒前</translation>
    </message>
    <message>
        <source>Depth</source>
        <translation>深度</translation>
    </message>
</context>
<context>
    <name>qmp::ReasonText</name>
    <message>
        <source>was killed by signal %1 (SIG%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exited with code %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <comment>the task threw: exception type, message</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 calls threw; the first: %3: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its worker %1 while running it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the command %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>timed out after %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancelled while it ran</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancelled before it started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its worker was terminated by the user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the pool was terminated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not run: another task of its batch failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not run: the program no longer wanted the result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot run &apos;%1&apos;: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the pool cannot run tasks any more: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lost: the program exited before it ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lost: the pool was destroyed before it ended</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qmp::StateText</name>
    <message>
        <source>running</source>
        <comment>pool</comment>
        <translation>运行中</translation>
    </message>
    <message>
        <source>paused</source>
        <comment>pool</comment>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>closed</source>
        <comment>pool: takes no new work</comment>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>terminated</source>
        <comment>pool</comment>
        <translation>已终止</translation>
    </message>
    <message>
        <source>gone</source>
        <comment>pool: the program let it go</comment>
        <translation>已消失</translation>
    </message>
    <message>
        <source>queued</source>
        <comment>task</comment>
        <translation>排队中</translation>
    </message>
    <message>
        <source>running</source>
        <comment>task</comment>
        <translation>运行中</translation>
    </message>
    <message>
        <source>finished</source>
        <comment>task</comment>
        <translation>已完成</translation>
    </message>
    <message>
        <source>failed</source>
        <comment>task</comment>
        <translation>失败</translation>
    </message>
    <message>
        <source>idle</source>
        <comment>worker</comment>
        <translation>空闲</translation>
    </message>
    <message>
        <source>busy</source>
        <comment>worker</comment>
        <translation>忙碌</translation>
    </message>
    <message>
        <source>exited</source>
        <comment>worker</comment>
        <translation>已退出</translation>
    </message>
    <message>
        <source>cancelled</source>
        <comment>task</comment>
        <translation type="unfinished">已取消</translation>
    </message>
    <message>
        <source>timed out</source>
        <comment>task</comment>
        <translation type="unfinished">超时</translation>
    </message>
    <message>
        <source>lost</source>
        <comment>task: its program or pool went away before it ended</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qmp::StuckText</name>
    <message>
        <source>running for %1, past the %2 limit</source>
        <translation>已运行 %1，超过 %2 的上限</translation>
    </message>
    <message>
        <source>running for %1, more than %2× the pool&apos;s p95 task time (%3)</source>
        <translation>已运行 %1，超过进程池 p95 任务耗时（%3）的 %2 倍</translation>
    </message>
    <message>
        <source>no CPU used for %1 while running a task</source>
        <translation>运行任务期间已有 %1 未使用 CPU</translation>
    </message>
    <message>
        <source>running for %1, past its %2 timeout: it did not stop when killed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qmp::StudioOptions</name>
    <message>
        <source>QMP Studio: launch batches into process pools and watch them run.</source>
        <translation>QMP 工作室：把批处理投入进程池并观察其运行。</translation>
    </message>
    <message>
        <source>Keep the task history in FILE.</source>
        <translation>把任务历史保存在 FILE 中。</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Do not start the demo pool.</source>
        <translation>不启动演示进程池。</translation>
    </message>
    <message>
        <source>Use this language (%1) for this run.</source>
        <translation>本次运行使用此语言（%1）。</translation>
    </message>
    <message>
        <source>CODE</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Save a picture of the window to FILE, then quit.</source>
        <translation>把窗口截图保存到 FILE，然后退出。</translation>
    </message>
    <message>
        <source>Wait MS milliseconds before the screenshot (default 8000).</source>
        <translation>截图前等待 MS 毫秒（默认 8000）。</translation>
    </message>
    <message>
        <source>MS</source>
        <translation>毫秒</translation>
    </message>
    <message>
        <source>With --screenshot: also save a picture of the job launcher to FILE.</source>
        <translation>与 --screenshot 一起使用：同时把作业启动器的截图保存到 FILE。</translation>
    </message>
    <message>
        <source>Unexpected argument &apos;%1&apos; (see --help)</source>
        <translation>意外的参数“%1”（参见 --help）</translation>
    </message>
    <message>
        <source>Unknown language &apos;%1&apos;; choose one of %2</source>
        <translation>未知语言“%1”；请从 %2 中选择</translation>
    </message>
    <message>
        <source>--screenshot-after wants milliseconds (a whole number &gt;= 0), not &apos;%1&apos;</source>
        <translation>--screenshot-after 需要毫秒数（不小于 0 的整数），而不是“%1”</translation>
    </message>
    <message>
        <source>--launcher-screenshot goes with --screenshot</source>
        <translation>--launcher-screenshot 需要与 --screenshot 一起使用</translation>
    </message>
    <message>
        <source>Open on the History tab.</source>
        <translation>启动时打开“历史”标签页。</translation>
    </message>
    <message>
        <source>Attach to the running program PID (started with QMP_MONITOR=1) and show its pools and queues; may be repeated.</source>
        <translation>附加到正在运行的程序 PID（以 QMP_MONITOR=1 启动），显示它的进程池和队列；可重复使用。</translation>
    </message>
    <message>
        <source>PID</source>
        <translation>PID</translation>
    </message>
    <message>
        <source>--attach wants a process id (a whole number &gt; 0), not &apos;%1&apos;</source>
        <translation>--attach 需要一个进程号（大于 0 的整数），而不是“%1”</translation>
    </message>
</context>
<context>
    <name>qmp::StudioSession</name>
    <message>
        <source>There is no task named &apos;%1&apos;</source>
        <translation>没有名为“%1”的任务</translation>
    </message>
    <message>
        <source>%1 takes a whole number, but one input is &apos;%2&apos;</source>
        <translation>%1 需要整数，但有一个输入是“%2”</translation>
    </message>
    <message>
        <source>There is nothing to run: the batch has no inputs</source>
        <translation>没有可运行的内容：该批次没有输入</translation>
    </message>
    <message>
        <source>There is nothing to run: the batch has no commands</source>
        <translation>没有可运行的内容：该批次没有命令</translation>
    </message>
    <message>
        <source>Pool</source>
        <translation>进程池</translation>
    </message>
    <message>
        <source>The pool is gone; choose another pool or a new one</source>
        <translation>该进程池已不存在；请选择其他进程池或新建一个</translation>
    </message>
    <message>
        <source>The pool %1 is closed and takes no more work; choose another pool or a new one</source>
        <translation>进程池 %1 已关闭，不再接受任务；请选择其他进程池或新建一个</translation>
    </message>
    <message>
        <source>The batch could not start: %1</source>
        <translation>批处理无法启动：%1</translation>
    </message>
    <message>
        <source>Demo: prime counts</source>
        <translation>演示：统计素数</translation>
    </message>
    <message>
        <source>Demo</source>
        <translation>演示</translation>
    </message>
    <message>
        <source>Demo: sleeps</source>
        <translation>演示：休眠</translation>
    </message>
</context>
<context>
    <name>qmp::TaskModel</name>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>#</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Position of the task&apos;s first input in its batch, from 1</source>
        <translation>任务的第一个输入在批次中的位置（从 1 开始）</translation>
    </message>
    <message>
        <source>Task / command</source>
        <translation>任务 / 命令</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>工作进程</translation>
    </message>
    <message>
        <source>Attempt</source>
        <translation>尝试次数</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>入队时间</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>耗时</translation>
    </message>
    <message>
        <source>Exit</source>
        <translation>退出码</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>stuck</source>
        <comment>task</comment>
        <translation>卡住</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n call(s) in this chunk)</source>
        <translation>
            <numerusform>%1（本块含 %n 次调用）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>qmp::TrayNotifier</name>
    <message>
        <source>Batch finished with failures</source>
        <translation>批处理已结束，有失败</translation>
    </message>
    <message>
        <source>Batch finished</source>
        <translation>批处理已结束</translation>
    </message>
    <message numerus="yes">
        <source>%1 in %2: %n task(s) done</source>
        <translation>
            <numerusform>%2 中的 %1：完成 %n 个任务</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n failed</source>
        <translation>
            <numerusform>，失败 %n 个</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>qmp::ValueFormat</name>
    <message>
        <source>%1 ns</source>
        <translation>%1 纳秒</translation>
    </message>
    <message>
        <source>%1 µs</source>
        <translation>%1 微秒</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <source>%1 B</source>
        <translation>%1 字节</translation>
    </message>
    <message>
        <source>%1 KiB</source>
        <translation>%1 KiB</translation>
    </message>
    <message>
        <source>%1 MiB</source>
        <translation>%1 MiB</translation>
    </message>
    <message>
        <source>%1 GiB</source>
        <translation>%1 GiB</translation>
    </message>
    <message>
        <source>%1 TiB</source>
        <translation>%1 TiB</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>%1/s</source>
        <comment>a rate: tasks per second</comment>
        <translation>%1/秒</translation>
    </message>
</context>
<context>
    <name>qmp::WorkerModel</name>
    <message>
        <source>PID</source>
        <translation>PID</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Current task</source>
        <translation>当前任务</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>CPU of the worker and its child processes, in % of one core</source>
        <translation>工作进程及其子进程的 CPU 占用（占单核的百分比）</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>内存</translation>
    </message>
    <message>
        <source>Resident memory of the worker and its child processes</source>
        <translation>工作进程及其子进程的常驻内存</translation>
    </message>
    <message>
        <source>Threads</source>
        <translation>线程</translation>
    </message>
    <message>
        <source>Task time</source>
        <translation>任务耗时</translation>
    </message>
    <message>
        <source>How long the current task has been running</source>
        <translation>当前任务已运行的时间</translation>
    </message>
    <message>
        <source>Uptime</source>
        <translation>运行时长</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成数</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败数</translation>
    </message>
    <message>
        <source>Stuck</source>
        <translation>卡住</translation>
    </message>
    <message>
        <source>exited (%1)</source>
        <comment>worker; the reason, e.g. killed by signal 9</comment>
        <translation>已退出（%1）</translation>
    </message>
    <message>
        <source>%1 (command)</source>
        <comment>worker state of a command&apos;s process</comment>
        <translation>%1（命令）</translation>
    </message>
    <message>
        <source>Stuck: %1</source>
        <translation>卡住：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n process(es) in this worker&apos;s tree</source>
        <translation>
            <numerusform>该工作进程树中有 %n 个进程</numerusform>
        </translation>
    </message>
    <message>
        <source>lost (%1)</source>
        <comment>worker whose program or pool went away</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the program exited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the pool was destroyed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
