<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CliApplication</name>
    <message>
        <source>usage: qmp &lt;command&gt; [arguments]    (qmp --version: the version)</source>
        <translation>用法：qmp &lt;命令&gt; [参数]    （qmp --version：显示版本）</translation>
    </message>
    <message>
        <source>commands:</source>
        <translation>命令：</translation>
    </message>
    <message>
        <source>unknown command &apos;%1&apos;</source>
        <translation>未知命令“%1”</translation>
    </message>
</context>
<context>
    <name>JobInputs</name>
    <message>
        <source>cannot open input file %1: %2</source>
        <translation>无法打开输入文件 %1：%2</translation>
    </message>
    <message>
        <source>reading the inputs from the terminal, one per line: end them with Ctrl-D (or give them after ::: or ::::)</source>
        <translation>正在从终端读取输入，每行一个：用 Ctrl-D 结束输入（或者在 ::: 或 :::: 之后给出它们）</translation>
    </message>
</context>
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
    <message>
        <source>Typed list</source>
        <translation>手动输入列表</translation>
    </message>
    <message>
        <source>One input per line</source>
        <translation>每行一个输入</translation>
    </message>
    <message>
        <source>{} the input, {#} the job number, {.} without extension, {/} the file name, {//} its folder, {/.} the file name without extension — read as qmp run reads them</source>
        <translation>{} 输入，{#} 作业编号，{.} 去掉扩展名，{/} 文件名，{//} 所在文件夹，{/.} 去掉扩展名的文件名 —— 与 qmp run 的解读完全相同</translation>
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
        <source>a number field is out of range</source>
        <translation>某个数字字段超出范围</translation>
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
    <name>ProgressBar</name>
    <message>
        <source> ETA %1</source>
        <translation> 预计剩余 %1</translation>
    </message>
    <message numerus="yes">
        <source> %n failed</source>
        <translation>
            <numerusform> %n 个失败</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RunOptions</name>
    <message>
        <source>--halt %1: expected never, or now|soon,fail|success|done=N or N% (e.g. now,fail=1)</source>
        <translation>--halt %1：应为 never，或 now|soon,fail|success|done=N 或 N%（例如 now,fail=1）</translation>
    </message>
    <message>
        <source>option -j: &apos;%1&apos; is not a number of jobs: use N, 0 (as many as possible), +N or -N (the CPUs plus or minus N) or N% (that share of the CPUs)</source>
        <translation>选项 -j：“%1”不是作业数：请用 N、0（尽可能多）、+N 或 -N（CPU 数加或减 N）或 N%（CPU 数的该比例）</translation>
    </message>
    <message numerus="yes">
        <source>option -j: &apos;%1&apos; leaves no job to run on %n CPU(s)</source>
        <translation>
            <numerusform>选项 -j：在 %n 个 CPU 上，“%1”没有留下可运行的作业</numerusform>
        </translation>
    </message>
    <message>
        <source>option %1 needs a value</source>
        <translation>选项 %1 需要一个值</translation>
    </message>
    <message>
        <source>option --retries: &apos;%1&apos; is not a whole number</source>
        <translation>选项 --retries：“%1”不是整数</translation>
    </message>
    <message>
        <source>unknown option %1 (see qmp run --help)</source>
        <translation>未知选项 %1（见 qmp run --help）</translation>
    </message>
    <message>
        <source>%1 is followed by no %2</source>
        <translation>%1 后面没有%2</translation>
    </message>
    <message>
        <source>file names</source>
        <translation>文件名</translation>
    </message>
    <message>
        <source>arguments</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>--resume and --resume-failed exclude each other</source>
        <translation>--resume 与 --resume-failed 不能同时使用</translation>
    </message>
    <message>
        <source>--resume and --resume-failed need --joblog FILE</source>
        <translation>--resume 和 --resume-failed 需要 --joblog 文件</translation>
    </message>
    <message>
        <source>option -j: &apos;%1&apos; asks for more than %2 jobs at once</source>
        <translation>选项 -j：“%1”要求同时运行超过 %2 个作业</translation>
    </message>
    <message>
        <source>option %1: &apos;%2&apos; is not a number from %3 to %4</source>
        <translation>选项 %1：“%2”不是 %3 到 %4 之间的数</translation>
    </message>
    <message>
        <source>--slurm needs a number of jobs at once (-j N): it is the number of CPUs to allocate</source>
        <translation>--slurm 需要指定同时运行的作业数（-j N）：它就是要申请的 CPU 数</translation>
    </message>
    <message>
        <source>option --slurm-address: &apos;%1&apos; is not a host name or an IP address</source>
        <translation>选项 --slurm-address：“%1”不是主机名或 IP 地址</translation>
    </message>
    <message>
        <source>option %1: &apos;%2&apos; is not a whole number</source>
        <translation>选项 %1：“%2”不是整数</translation>
    </message>
    <message>
        <source>--partition, --time, --slurm-arg, --slurm-step-arg, --slurm-address and --slurm-port need --slurm</source>
        <translation>--partition、--time、--slurm-arg、--slurm-step-arg、--slurm-address 和 --slurm-port 需要与 --slurm 一起使用</translation>
    </message>
    <message>
        <source>usage: qmp run [options] &apos;command {}&apos; [::: args... | :::: files...]...
Runs the command once per input (GNU parallel&apos;s syntax); input sources combine as every
combination, {1} {2} name one source; without ::: or :::: the input is stdin, one per line.

options:
  -j, --jobs N          run N jobs at once (default: the number of CPUs); 0: as many as
                        possible; +N / -N: the CPUs plus / minus N; N%: that share of the CPUs
  -k, --keep-order      print the output of jobs in input order
  --timeout S           kill a job (its whole process tree) after S seconds
  --retries K           run a failing job up to K more times
  --joblog FILE         write GNU parallel&apos;s joblog
  --resume              skip the jobs the joblog lists
  --resume-failed       skip the jobs the joblog lists as succeeded, run the rest
  --halt WHEN,WHY=N     now|soon, fail|success|done=N or N% (e.g. now,fail=1)
  --bar                 progress bar with ETA on stderr (default when only stderr is a terminal)
  --json                one JSON object per finished job on stdout
  --dry-run             print the commands, run nothing
  --history FILE        record the run in this history (default: $QMP_HISTORY or the user&apos;s)
  --no-history          record nothing
  --slurm               run the jobs on a Slurm cluster: one allocation of -j CPUs (salloc),
                        one worker step per CPU (srun) runs the jobs; the rest works as it does here
  --partition P         the Slurm partition (default: the cluster&apos;s default)
  --time T              the allocation&apos;s time limit, in Slurm&apos;s format (e.g. 30, 2:00:00)
  --slurm-arg ARG       pass ARG to salloc (repeatable, e.g. --slurm-arg=--account=lab)
  --slurm-step-arg ARG  pass ARG to each worker&apos;s srun (repeatable, e.g. --slurm-step-arg=--mem-per-cpu=2G)
  --slurm-address HOST  the host name or address the workers connect back to (default: this
                        machine&apos;s host name, listening on every interface)
  --slurm-port N        the TCP port the workers connect back to (default: any free one)
  -h, --help            this help

replacement strings: {} {.} {/} {//} {/.} {#} {%} and {N} {N.} {N/} {N//} {N/.}
exit status: 0 all jobs succeeded; 1-100 that many failed; 101 more than 100 failed;
  with --halt ...,fail the failing job&apos;s exit status; 255 bad usage or input;
  128+N when stopped by signal N.
</source>
        <translation>用法：qmp run [选项] &apos;命令 {}&apos; [::: 参数... | :::: 文件...]...
为每个输入运行一次命令（GNU parallel 的语法）；多个输入源两两组合，{1} {2} 指某个输入源；
没有 ::: 或 :::: 时从标准输入读取，每行一个。

选项：
  -j, --jobs N          同时运行 N 个作业（默认：CPU 数）；0：尽可能多；
                        +N / -N：CPU 数加 / 减 N；N%：CPU 数的该比例
  -k, --keep-order      按输入顺序打印作业的输出
  --timeout S           作业超过 S 秒即终止（连同其整个进程树）
  --retries K           失败的作业最多再运行 K 次
  --joblog FILE         写 GNU parallel 的 joblog
  --resume              跳过 joblog 中已列出的作业
  --resume-failed       跳过 joblog 中已成功的作业，运行其余的
  --halt WHEN,WHY=N     now|soon, fail|success|done=N 或 N%（例如 now,fail=1）
  --bar                 在标准错误上显示带预计剩余时间的进度条（只有标准错误是终端时默认开启）
  --json                每个完成的作业在标准输出上输出一个 JSON 对象
  --dry-run             只打印命令，不运行
  --history FILE        把本次运行记录到该历史文件（默认：$QMP_HISTORY 或用户的历史）
  --no-history          不记录
  --slurm               在 Slurm 集群上运行作业：申请一个含 -j 个 CPU 的分配（salloc），
                        每个 CPU 一个常驻的 worker 作业步（srun）运行各作业；其余与本机运行相同
  --partition P         Slurm 分区（默认：集群的默认分区）
  --time T              分配的时间限制，使用 Slurm 的格式（例如 30、2:00:00）
  --slurm-arg ARG       把 ARG 传给 salloc（可重复，例如 --slurm-arg=--account=lab）
  --slurm-step-arg ARG  把 ARG 传给每个 worker 的 srun（可重复，例如 --slurm-step-arg=--mem-per-cpu=2G）
  --slurm-address HOST  worker 回连的主机名或地址（默认：本机的主机名，在所有网络接口上监听）
  --slurm-port N        worker 回连的 TCP 端口（默认：任一空闲端口）
  -h, --help            本帮助

替换字符串：{} {.} {/} {//} {/.} {#} {%} 以及 {N} {N.} {N/} {N//} {N/.}
退出状态：0 所有作业成功；1-100 失败作业数；101 超过 100 个失败；
  使用 --halt ...,fail 时为失败作业的退出状态；255 用法或输入错误；
  被信号 N 终止时为 128+N。
</translation>
    </message>
</context>
<context>
    <name>RunSubcommand</name>
    <message>
        <source>run a command for each input, like GNU parallel</source>
        <translation>为每个输入运行一个命令，像 GNU parallel 一样</translation>
    </message>
    <message>
        <source>no input: nothing to run</source>
        <translation>没有输入：没有要运行的内容</translation>
    </message>
    <message>
        <source>use --history FILE for another history file, or --no-history to run without recording</source>
        <translation>请用 --history 文件 指定另一个历史文件，或用 --no-history 不记录地运行</translation>
    </message>
</context>
<context>
    <name>ServicePaths</name>
    <message>
        <source>cannot create %1: %2</source>
        <translation>无法创建 %1：%2</translation>
    </message>
    <message>
        <source>%1 is not a directory</source>
        <translation>%1 不是目录</translation>
    </message>
    <message>
        <source>%1 belongs to another user (uid %2)</source>
        <translation>%1 属于另一个用户（uid %2）</translation>
    </message>
    <message>
        <source>cannot close %1 to other users: %2</source>
        <translation>无法禁止其他用户访问 %1：%2</translation>
    </message>
    <message>
        <source>cannot create %1</source>
        <translation>无法创建 %1</translation>
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
        <translation>允许控制</translation>
    </message>
    <message>
        <source>read-only: this program does not allow control (QMP_MONITOR=1)</source>
        <translation>只读：此程序不允许控制（QMP_MONITOR=1）</translation>
    </message>
    <message>
        <source>not answering</source>
        <translation>无响应</translation>
    </message>
</context>
<context>
    <name>qmp::AxisTicks</name>
    <message>
        <source>%1 M</source>
        <comment>millions</comment>
        <translation>%1 百万</translation>
    </message>
    <message>
        <source>%1 k</source>
        <comment>thousands</comment>
        <translation>%1 千</translation>
    </message>
    <message>
        <source>%1 h</source>
        <comment>hours on a time axis</comment>
        <translation>%1 小时</translation>
    </message>
    <message>
        <source>%1 min</source>
        <comment>minutes on a time axis</comment>
        <translation>%1 分</translation>
    </message>
    <message>
        <source>%1 s</source>
        <comment>seconds on a time axis</comment>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1/h</source>
        <comment>a rate per hour</comment>
        <translation>%1/时</translation>
    </message>
    <message>
        <source>%1/min</source>
        <comment>a rate per minute</comment>
        <translation>%1/分</translation>
    </message>
    <message>
        <source>%1/s</source>
        <comment>a rate per second</comment>
        <translation>%1/秒</translation>
    </message>
    <message>
        <source>%1 s</source>
        <comment>seconds of a duration</comment>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <comment>milliseconds of a duration</comment>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>%1 %</source>
        <comment>percent</comment>
        <translation>%1 %</translation>
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
        <translation>已取消</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>结束时间</translation>
    </message>
    <message>
        <source>running</source>
        <comment>batch</comment>
        <translation>运行中</translation>
    </message>
    <message>
        <source>finished</source>
        <comment>batch</comment>
        <translation>已完成</translation>
    </message>
    <message>
        <source>interrupted</source>
        <comment>batch: its program ended before it did</comment>
        <translation>已中断</translation>
    </message>
    <message>
        <source>lost</source>
        <translation>已丢失</translation>
    </message>
</context>
<context>
    <name>qmp::HistorySubcommand</name>
    <message>
        <source>list past runs and their jobs; export a run as a joblog</source>
        <translation>列出过去的运行及其作业；把一次运行导出为 joblog</translation>
    </message>
    <message>
        <source>JSON output.</source>
        <translation>JSON 输出。</translation>
    </message>
    <message>
        <source>A batch&apos;s jobs.</source>
        <translation>某个批次的作业。</translation>
    </message>
    <message>
        <source>Failed jobs only.</source>
        <translation>只列失败的作业。</translation>
    </message>
    <message>
        <source>At most N rows.</source>
        <translation>最多 N 行。</translation>
    </message>
    <message>
        <source>Export a batch as a joblog.</source>
        <translation>把一个批次导出为 joblog。</translation>
    </message>
    <message>
        <source>The history file.</source>
        <translation>历史文件。</translation>
    </message>
    <message>
        <source>This help.</source>
        <translation>本帮助。</translation>
    </message>
    <message>
        <source>unexpected argument %1</source>
        <translation>多余的参数 %1</translation>
    </message>
    <message>
        <source>--%1 needs a batch id (a number &gt;= 1), got &apos;%2&apos;</source>
        <translation>--%1 需要批次号（&gt;= 1 的数），收到的是“%2”</translation>
    </message>
    <message>
        <source>--limit needs a number &gt;= 1, got &apos;%1&apos;</source>
        <translation>--limit 需要 &gt;= 1 的数，收到的是“%1”</translation>
    </message>
    <message>
        <source>no history yet at %1</source>
        <translation>%1 还没有历史</translation>
    </message>
    <message>
        <source>no batch %1 in %2 (see qmp history)</source>
        <translation>%2 中没有批次 %1（见 qmp history）</translation>
    </message>
    <message>
        <source>SEQ</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>STATE</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>EXIT</source>
        <translation>退出码</translation>
    </message>
    <message>
        <source>START</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>SECONDS</source>
        <translation>秒数</translation>
    </message>
    <message>
        <source>COMMAND</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>BATCH</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>CREATED</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>TOTAL</source>
        <translation>总数</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>interrupted</source>
        <comment>batch: its program ended before it did</comment>
        <translation>已中断</translation>
    </message>
    <message>
        <source>finished</source>
        <comment>job state</comment>
        <translation>已完成</translation>
    </message>
    <message>
        <source>failed</source>
        <comment>job state</comment>
        <translation>失败</translation>
    </message>
    <message>
        <source>timed out</source>
        <comment>job state</comment>
        <translation>已超时</translation>
    </message>
    <message>
        <source>cancelled</source>
        <comment>job state</comment>
        <translation>已取消</translation>
    </message>
    <message>
        <source>lost</source>
        <comment>job state</comment>
        <translation>已丢失</translation>
    </message>
    <message>
        <source>usage: qmp history [--history FILE] [--json] [--limit N] [--batch ID] [--failed] [--joblog ID]
  (no option)       the newest batches (default limit 20)
  --batch ID        the jobs of batch ID
  --failed          only failed, timed-out, cancelled or lost jobs (of every batch without --batch)
  --joblog ID       batch ID as a GNU parallel joblog (for parallel --resume / qmp run --resume)
  --limit N         at most N batches or jobs
  --json            JSON: an array of batches, or of jobs
  --history FILE    the history file (default: $QMP_HISTORY, else the user&apos;s history)
</source>
        <translation>用法：qmp history [--history 文件] [--json] [--limit N] [--batch 编号] [--failed] [--joblog 编号]
  （无选项）        最新的批次（默认最多 20 个）
  --batch 编号      该批次的作业
  --failed          只列失败、超时、取消或丢失的作业（不带 --batch 时为所有批次的）
  --joblog 编号     把该批次输出为 GNU parallel 的 joblog（供 parallel --resume / qmp run --resume 使用）
  --limit N         最多 N 个批次或作业
  --json            JSON：批次或作业的数组
  --history 文件    历史文件（默认：$QMP_HISTORY，否则为用户的历史）
</translation>
    </message>
    <message>
        <source>Batch %1 was interrupted: its program (pid %2) ended after %3 of its %4 jobs.</source>
        <translation>批次 %1 已中断：它的程序（pid %2）在其 %4 个作业中的 %3 个结束后就退出了。</translation>
    </message>
    <message>
        <source>Batch %1 is running (pid %2): %3 of its %4 jobs have ended; `qmp ps %2` shows the others live.</source>
        <translation>批次 %1 正在运行（pid %2）：其 %4 个作业中已有 %3 个结束；`qmp ps %2` 可实时查看其余作业。</translation>
    </message>
    <message>
        <source>DURATION</source>
        <translation>耗时（秒）</translation>
    </message>
    <message>
        <source>CANCELLED</source>
        <translation>已取消</translation>
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
        <translation>还没有批次。

在这里启动的每个批次（文件 → 启动批次…，Ctrl+N）、所附加程序的进程池，以及本机上的每次 `qmp run`，都记录在 %1 中并列在这里，最新的在前。</translation>
    </message>
    <message>
        <source>Batch %1 was recorded by an older QMP, which did not keep its commands in a form that can run again exactly; launch it again from its template</source>
        <translation>批次 %1 由旧版 QMP 记录，旧版没有以可原样重新运行的形式保存其命令；请从它的模板重新启动</translation>
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
    <message>
        <source>lock</source>
        <translation>锁</translation>
    </message>
    <message>
        <source>reentrant lock</source>
        <translation>可重入锁</translation>
    </message>
    <message>
        <source>semaphore</source>
        <translation>信号量</translation>
    </message>
    <message>
        <source>event</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>condition</source>
        <translation>条件变量</translation>
    </message>
    <message>
        <source>barrier</source>
        <translation>屏障</translation>
    </message>
    <message>
        <source>queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>queue item (large)</source>
        <translation>队列项（大）</translation>
    </message>
    <message>
        <source>pipe</source>
        <translation>管道</translation>
    </message>
    <message>
        <source>value</source>
        <translation>共享值</translation>
    </message>
    <message>
        <source>array</source>
        <translation>共享数组</translation>
    </message>
    <message>
        <source>shared memory</source>
        <translation>共享内存</translation>
    </message>
    <message>
        <source>shareable list</source>
        <translation>共享列表</translation>
    </message>
</context>
<context>
    <name>qmp::IpcSubcommand</name>
    <message>
        <source>orphan</source>
        <comment>IPC object state: its owner is gone and nobody is attached</comment>
        <translation>孤立</translation>
    </message>
    <message>
        <source>no-segment</source>
        <comment>IPC object state: a key file without its segment</comment>
        <translation>无段</translation>
    </message>
    <message>
        <source>live</source>
        <comment>IPC object state</comment>
        <translation>使用中</translation>
    </message>
    <message>
        <source>idle</source>
        <comment>IPC object state</comment>
        <translation>空闲</translation>
    </message>
    <message>
        <source>KIND</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>OWNER</source>
        <translation>所有者</translation>
    </message>
    <message>
        <source>ALIVE</source>
        <translation>存活</translation>
    </message>
    <message>
        <source>ATTACHED</source>
        <translation>连接数</translation>
    </message>
    <message>
        <source>BYTES</source>
        <translation>字节</translation>
    </message>
    <message>
        <source>STATE</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>KEY</source>
        <translation>键</translation>
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
        <source>ls or gc</source>
        <translation>ls 或 gc</translation>
    </message>
    <message>
        <source>Key directory (default: $TMPDIR or /tmp).</source>
        <translation>键目录（默认：$TMPDIR 或 /tmp）。</translation>
    </message>
    <message>
        <source>ls: one JSON array.</source>
        <translation>ls：输出一个 JSON 数组。</translation>
    </message>
    <message>
        <source>gc: list what would be removed.</source>
        <translation>gc：列出将被删除的对象。</translation>
    </message>
    <message>
        <source>This help.</source>
        <translation>本帮助。</translation>
    </message>
    <message>
        <source>usage: qmp ipc ls|gc [--dir DIR] [--json] [--dry-run]</source>
        <translation>用法：qmp ipc ls|gc [--dir 目录] [--json] [--dry-run]</translation>
    </message>
    <message>
        <source>would remove %1 %2 (owner %3 is gone)</source>
        <translation>将删除 %1 %2（所有者 %3 已不存在）</translation>
    </message>
    <message>
        <source>removed %1 %2 (owner %3 is gone)</source>
        <translation>已删除 %1 %2（所有者 %3 已不存在）</translation>
    </message>
    <message>
        <source>would remove %1 object(s)</source>
        <translation>将删除 %1 个对象</translation>
    </message>
    <message>
        <source>removed %1 object(s)</source>
        <translation>已删除 %1 个对象</translation>
    </message>
    <message>
        <source>list (ls) and reclaim (gc) IPC objects left by libqmp programs</source>
        <translation>列出（ls）并回收（gc）libqmp 程序遗留的 IPC 对象</translation>
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
    <message>
        <source>Type the inputs, one per line</source>
        <translation>请输入要处理的输入，每行一个</translation>
    </message>
    <message>
        <source>{%} (the job slot) is only known when a job starts, and the launcher expands the batch before it runs: use {#} (the job number), or qmp run</source>
        <translation>{%}（作业槽位）要到作业启动时才知道，而启动器在运行前就展开整个批次：请改用 {#}（作业编号），或使用 qmp run</translation>
    </message>
    <message>
        <source>The command template cannot be used: %1</source>
        <translation>无法使用该命令模板：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n job(s) in this batch, each run by /bin/sh -c</source>
        <translation>
            <numerusform>此批次共 %n 个作业，每个都由 /bin/sh -c 运行</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n job(s) in this batch, each run directly (no shell)</source>
        <translation>
            <numerusform>此批次共 %n 个作业，每个都直接运行（不经过 shell）</numerusform>
        </translation>
    </message>
    <message>
        <source>Slurm allocates this many CPUs; each worker runs as a step of that allocation and connects back to the studio.</source>
        <translation>Slurm 分配这么多个 CPU；每个工作进程作为该分配中的一个作业步运行，并回连到 Studio。</translation>
    </message>
    <message>
        <source>R&amp;un on</source>
        <translation>运行位置(&amp;U)</translation>
    </message>
    <message>
        <source>Demo tasks run in the studio&apos;s own pools; the QMP service runs commands. Choose “%1” to run them.</source>
        <translation>演示任务只在工作室自己的进程池中运行；QMP 服务只运行命令。要运行它们，请选择“%1”。</translation>
    </message>
    <message>
        <source>Give the service&apos;s group a name</source>
        <translation>请为服务的组命名</translation>
    </message>
    <message>
        <source>Service &amp;group</source>
        <translation>服务组(&amp;G)</translation>
    </message>
    <message>
        <source>New pool&apos;s &amp;name</source>
        <translation>新进程池名称(&amp;N)</translation>
    </message>
    <message>
        <source>The service runs at most this many at once, each once, with no timeout.</source>
        <translation>服务同时最多运行这么多条，每条运行一次，没有超时。</translation>
    </message>
    <message>
        <source>Slurm allocates this many CPUs, a worker on each (a step of that allocation); each command runs on a free worker, as qmp run --slurm runs it; timeout and retries apply to each command.</source>
        <translation>Slurm 分配这么多个 CPU，每个 CPU 上一个 worker（该分配中的一个作业步）；每条命令在一个空闲的 worker 上运行，与 qmp run --slurm 相同；超时和重试作用于每条命令。</translation>
    </message>
</context>
<context>
    <name>qmp::JobSubcommand</name>
    <message>
        <source>queue a command in the QMP service (it runs after the terminal closes)</source>
        <translation>把命令排入 QMP 服务的队列（终端关闭后仍继续运行）</translation>
    </message>
    <message>
        <source>the service&apos;s groups and jobs</source>
        <translation>服务的分组和作业</translation>
    </message>
    <message>
        <source>a service job&apos;s output as it comes</source>
        <translation>实时显示服务作业的输出</translation>
    </message>
    <message>
        <source>end a service job, or a group&apos;s jobs</source>
        <translation>结束一个服务作业，或一个分组的所有作业</translation>
    </message>
    <message>
        <source>wait until service jobs have ended</source>
        <translation>等待服务作业结束</translation>
    </message>
    <message>
        <source>how many jobs a service group runs at once</source>
        <translation>设置服务分组同时运行的作业数</translation>
    </message>
    <message>
        <source>run an ended service job again, as a new job</source>
        <translation>把已结束的服务作业作为新作业再运行一次</translation>
    </message>
    <message>
        <source>drop a service job from the status view</source>
        <translation>从状态视图中移除一个服务作业</translation>
    </message>
    <message>
        <source>drop the ended jobs from the status view</source>
        <translation>从状态视图中移除已结束的作业</translation>
    </message>
    <message>
        <source>usage: qmp submit [--group G] [--after ID]... [--label L] [--workdir D] -- COMMAND [ARGUMENT]...
       qmp submit [options] -- TEMPLATE ::: INPUTS...   (one job per input, as qmp run)</source>
        <translation>用法：qmp submit [--group G] [--after ID]... [--label L] [--workdir D] -- 命令 [参数]...
      qmp submit [选项] -- 模板 ::: 输入...   （每个输入一个作业，与 qmp run 相同）</translation>
    </message>
    <message>
        <source>usage: qmp status [--json]</source>
        <translation>用法：qmp status [--json]</translation>
    </message>
    <message>
        <source>usage: qmp follow ID</source>
        <translation>用法：qmp follow ID</translation>
    </message>
    <message>
        <source>usage: qmp kill ID | --group G</source>
        <translation>用法：qmp kill ID | --group G</translation>
    </message>
    <message>
        <source>usage: qmp wait [ID... | --group G]</source>
        <translation>用法：qmp wait [ID... | --group G]</translation>
    </message>
    <message>
        <source>usage: qmp parallel N [--group G]</source>
        <translation>用法：qmp parallel N [--group G]</translation>
    </message>
    <message>
        <source>usage: qmp restart ID</source>
        <translation>用法：qmp restart ID</translation>
    </message>
    <message>
        <source>usage: qmp remove ID</source>
        <translation>用法：qmp remove ID</translation>
    </message>
    <message>
        <source>usage: qmp clean</source>
        <translation>用法：qmp clean</translation>
    </message>
    <message>
        <source>no input: nothing to submit</source>
        <translation>没有输入：无可提交</translation>
    </message>
    <message>
        <source>job %1 queued in group %2</source>
        <translation>作业 %1 已排入分组 %2</translation>
    </message>
    <message>
        <source>job %1 queued again as job %2</source>
        <translation>作业 %1 已作为作业 %2 重新排队</translation>
    </message>
    <message numerus="yes">
        <source>%n job(s) killed</source>
        <translation>
            <numerusform>已结束 %n 个作业</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n ended job(s) removed from the status view</source>
        <translation>
            <numerusform>已从状态视图中移除 %n 个已结束的作业</numerusform>
        </translation>
    </message>
    <message>
        <source>job %1: %2</source>
        <translation>作业 %1：%2</translation>
    </message>
    <message>
        <source>group %1: parallel %2, %3 running, %4 queued, %5 ended%6</source>
        <translation>分组 %1：并行 %2，运行中 %3，排队 %4，已结束 %5%6</translation>
    </message>
    <message>
        <source> (paused)</source>
        <translation>（已暂停）</translation>
    </message>
    <message>
        <source>no jobs</source>
        <translation>没有作业</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>GROUP</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>STATE</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>EXIT</source>
        <translation>退出码</translation>
    </message>
    <message>
        <source>START</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>END</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>COMMAND</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>warning: %1</source>
        <translation>警告：%1</translation>
    </message>
    <message>
        <source>pause a service job or group</source>
        <translation>暂停一个服务作业或分组</translation>
    </message>
    <message>
        <source>resume a paused service job or group</source>
        <translation>恢复一个已暂停的服务作业或分组</translation>
    </message>
    <message>
        <source>usage: qmp pause [ID | --group G]</source>
        <translation>用法：qmp pause [ID | --group G]</translation>
    </message>
    <message>
        <source>usage: qmp resume [ID | --group G]</source>
        <translation>用法：qmp resume [ID | --group G]</translation>
    </message>
    <message>
        <source>note: the QMP service records its jobs in %1, the history it started with, not in %2</source>
        <translation>注意：QMP 服务把作业记录在它启动时的历史 %1 中，而不是 %2</translation>
    </message>
    <message>
        <source>note: jobs run without a shell, so &apos;%1&apos; is the name of one program, and there is none by that name; give the command&apos;s words as separate arguments, or write: qmp submit -- sh -c &apos;%1&apos;</source>
        <translation>注意：作业不经过 shell 运行，因此“%1”被当作一个程序的名字，而没有这个名字的程序；请把命令的各个词作为单独的参数给出，或者写成：qmp submit -- sh -c &apos;%1&apos;</translation>
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
    <name>qmp::LaunchTarget</name>
    <message>
        <source>This machine — keeps running when the studio closes</source>
        <translation>本机 — 关闭工作室后继续运行</translation>
    </message>
    <message>
        <source>This machine — in the studio</source>
        <translation>本机 — 在工作室中运行</translation>
    </message>
</context>
<context>
    <name>qmp::LaunchTargetCombo</name>
    <message numerus="yes">
        <source>Slurm: %1 — %n node(s), %2 of %3 CPUs idle</source>
        <translation>
            <numerusform>Slurm：%1 — %n 个节点，%3 个 CPU 中 %2 个空闲</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (default)</source>
        <comment>Slurm partition</comment>
        <translation>%1（默认）</translation>
    </message>
    <message>
        <source>%1 (down)</source>
        <comment>Slurm partition</comment>
        <translation>%1（不可用）</translation>
    </message>
    <message>
        <source>Asking Slurm (sinfo) for its partitions…</source>
        <translation>正在向 Slurm（sinfo）查询分区…</translation>
    </message>
    <message>
        <source>Only this machine: %1</source>
        <translation>只能在本机运行：%1</translation>
    </message>
    <message>
        <source>This machine, or a partition of the Slurm cluster: the new pool&apos;s workers (or commands) run there as steps of one Slurm allocation</source>
        <translation>本机，或 Slurm 集群的一个分区：新进程池的工作进程（或命令）在那里作为同一个 Slurm 分配中的作业步运行</translation>
    </message>
</context>
<context>
    <name>qmp::LauncherInputs</name>
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
    <name>qmp::LogSubcommand</name>
    <message>
        <source>usage: qmp log BATCH[:SEQ] [--json] [--history FILE]
  BATCH        every ended job of the batch, each with a header line
  BATCH:SEQ    one job: its stdout on stdout, its stderr on stderr
  --json       the jobs and their output as JSON
  --history F  the history file (default: $QMP_HISTORY, else the user&apos;s history)
  (the history keeps the last 4 KiB of each stream of a job)
</source>
        <translation>用法：qmp log 批次[:序号] [--json] [--history 文件]
  批次         该批次每个已结束的作业，各带一行标题
  批次:序号    一个作业：其标准输出写到标准输出，其标准错误写到标准错误
  --json       以 JSON 给出作业及其输出
  --history F  历史文件（默认：$QMP_HISTORY，否则为用户的历史）
  （历史为每个作业的每个输出流保留最后 4 KiB）
</translation>
    </message>
    <message>
        <source>job %1: only the last %2 of the %3 bytes it wrote on %4 are kept</source>
        <translation>作业 %1：它在 %4 上写了 %3 字节，只保留了最后 %2 字节</translation>
    </message>
    <message>
        <source>show what a past (or running) batch&apos;s jobs wrote: qmp log BATCH[:SEQ]</source>
        <translation>显示过去（或正在运行）的批次中作业的输出：qmp log 批次[:序号]</translation>
    </message>
    <message>
        <source>unexpected argument %1</source>
        <translation>多余的参数 %1</translation>
    </message>
    <message>
        <source>say which batch: qmp log BATCH[:SEQ]</source>
        <translation>请指定批次：qmp log 批次[:序号]</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not BATCH or BATCH:SEQ (numbers from 1)</source>
        <translation>“%1”不是 批次 或 批次:序号（从 1 开始的数）</translation>
    </message>
    <message>
        <source>no history yet at %1</source>
        <translation>%1 还没有历史</translation>
    </message>
    <message>
        <source>no batch %1 in %2 (see qmp history)</source>
        <translation>%2 中没有批次 %1（见 qmp history）</translation>
    </message>
    <message>
        <source>batch %1 has no job %2</source>
        <translation>批次 %1 没有作业 %2</translation>
    </message>
    <message>
        <source>job %1 of batch %2 has not ended yet</source>
        <translation>批次 %2 的作业 %1 还没有结束</translation>
    </message>
    <message>
        <source>--- job %1 (%2, exit %3, %4 s): %5</source>
        <translation>--- 作业 %1（%2，退出码 %3，%4 秒）：%5</translation>
    </message>
    <message>
        <source>--- stderr of job %1:</source>
        <translation>--- 作业 %1 的标准错误：</translation>
    </message>
    <message>
        <source>(batch %1 has not finished: %2 of its %3 jobs have ended)</source>
        <translation>（批次 %1 尚未完成：其 %3 个作业中已有 %2 个结束）</translation>
    </message>
    <message>
        <source>--- job %1 (%2, never started): %3</source>
        <translation>--- 作业 %1（%2，从未开始）：%3</translation>
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
    <message>
        <source>The task history was damaged. It was renamed to %1 (kept as it was) and a new, empty history was started at %2.</source>
        <translation>任务历史已损坏。它已被重命名为 %1（原样保留），并在 %2 新建了一个空的任务历史。</translation>
    </message>
    <message>
        <source>The task history %1 cannot be used: finished tasks are not being recorded.</source>
        <translation>任务历史 %1 无法使用：已完成的任务没有被记录。</translation>
    </message>
    <message>
        <source>The task history %1 reported a problem.</source>
        <translation>任务历史 %1 报告了一个问题。</translation>
    </message>
    <message>
        <source>Details: %1</source>
        <translation>详情：%1</translation>
    </message>
    <message numerus="yes">
        <source>%1 and %2 in %n pool(s) of this studio. Quit anyway?</source>
        <translation>
            <numerusform>本工作室的 %n 个进程池中有 %1、%2。仍要退出吗？</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n task(s) running</source>
        <translation>
            <numerusform>%n 个任务正在运行</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n queued</source>
        <translation>
            <numerusform>%n 个排队中</numerusform>
        </translation>
    </message>
    <message>
        <source>Running tasks are stopped and queued ones never start; all of them are recorded as cancelled in the history.</source>
        <translation>正在运行的任务会被停止，排队的任务不会开始；它们都会在历史中记为已取消。</translation>
    </message>
    <message>
        <source>Quit QMP Studio</source>
        <translation>退出 QMP 工作室</translation>
    </message>
    <message>
        <source>%1 and %2 in the QMP service keep running after the studio quits. To see them, open the studio again or run qmp status.</source>
        <translation>QMP 服务中%1，%2；退出工作室后它们仍继续运行。要查看它们，请重新打开工作室或运行 qmp status。</translation>
    </message>
    <message numerus="yes">
        <source>%n job(s) running</source>
        <translation>
            <numerusform>%n 个作业正在运行</numerusform>
        </translation>
    </message>
    <message>
        <source>Quit?</source>
        <translation>要退出吗？</translation>
    </message>
    <message>
        <source>Batch submitted to the QMP service (group %1): it keeps running when the studio closes</source>
        <translation>批次已提交到 QMP 服务（组 %1）：关闭工作室后它继续运行</translation>
    </message>
</context>
<context>
    <name>qmp::ManagerSubcommand</name>
    <message>
        <source>serve a manager (shared dict, list, Queue...) to other programs</source>
        <translation>为其他程序提供管理器（共享的 dict、list、Queue……）</translation>
    </message>
    <message>
        <source>serve</source>
        <translation>提供服务</translation>
    </message>
    <message>
        <source>Where to listen.</source>
        <translation>监听地址。</translation>
    </message>
    <message>
        <source>The authentication key&apos;s file.</source>
        <translation>认证密钥文件。</translation>
    </message>
    <message>
        <source>This help.</source>
        <translation>本帮助。</translation>
    </message>
    <message>
        <source>qmp manager: %1</source>
        <translation>qmp manager：%1</translation>
    </message>
    <message>
        <source>qmp manager: say what to do (serve)
</source>
        <translation>qmp manager：请说明要做什么（serve）
</translation>
    </message>
    <message>
        <source>qmp manager: unknown action &apos;%1&apos; (the action is serve)
</source>
        <translation>qmp manager：未知操作“%1”（操作是 serve）
</translation>
    </message>
    <message>
        <source>qmp manager serve: --address and --authkey-file are both needed
</source>
        <translation>qmp manager serve：--address 和 --authkey-file 都需要
</translation>
    </message>
    <message>
        <source>qmp manager serve: %1
</source>
        <translation>qmp manager serve：%1
</translation>
    </message>
    <message>
        <source>qmp manager serve: cannot read the authkey file %1: %2
</source>
        <translation>qmp manager serve：无法读取认证密钥文件 %1：%2
</translation>
    </message>
    <message>
        <source>qmp manager serve: the authkey file %1 is empty (put a secret in it, e.g. `head -c 32 /dev/urandom &gt; %1`)
</source>
        <translation>qmp manager serve：认证密钥文件 %1 是空的（请放入一个密钥，例如 `head -c 32 /dev/urandom &gt; %1`）
</translation>
    </message>
    <message>
        <source>qmp manager serve: cannot listen on %1: %2
</source>
        <translation>qmp manager serve：无法在 %1 上监听：%2
</translation>
    </message>
    <message>
        <source>serving on %1</source>
        <translation>正在 %1 上提供服务</translation>
    </message>
    <message>
        <source>manager stopped</source>
        <translation>管理器已停止</translation>
    </message>
    <message>
        <source>usage: qmp manager serve --address ADDRESS --authkey-file FILE [--max-connections N]
  runs a manager server holding dict, list, Queue, Lock, Event, Value, Namespace...
  until Ctrl-C or SIGTERM; clients connect with qmp::Manager::connect(ADDRESS, key)
  --address ADDRESS      host:port for TCP (port 0 picks a free one), or @name for a
                         local socket
  --authkey-file FILE    the authentication key: the bytes of a regular file of at
                         most 64 KiB (a trailing newline is dropped); every
                         connection proves it both ways
  --max-connections N    serve at most N connections at once (default 256)
</source>
        <translation>用法：qmp manager serve --address 地址 --authkey-file 文件 [--max-connections N]
  运行一个管理器服务器，保存 dict、list、Queue、Lock、Event、Value、Namespace……
  直到按 Ctrl-C 或收到 SIGTERM；客户端用 qmp::Manager::connect(地址, 密钥) 连接
  --address 地址         TCP 的 主机:端口（端口 0 选一个空闲端口），或本地套接字的 @名字
  --authkey-file 文件    认证密钥：一个不超过 64 KiB 的普通文件的字节（去掉末尾一个换行）；
                         每个连接双向验证
  --max-connections N    同时最多服务 N 个连接（默认 256）
</translation>
    </message>
    <message>
        <source>it is not a regular file</source>
        <translation>它不是普通文件</translation>
    </message>
    <message>
        <source>it is larger than %1 bytes: a key is a short secret</source>
        <translation>它大于 %1 字节：密钥应是一段简短的秘密</translation>
    </message>
    <message>
        <source>Connections served at once.</source>
        <translation>同时服务的连接数。</translation>
    </message>
    <message>
        <source>qmp manager serve: --max-connections needs a number from 1 to 100000, not &apos;%1&apos;
</source>
        <translation>qmp manager serve：--max-connections 需要 1 到 100000 之间的数，而不是“%1”
</translation>
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
    <message>
        <source>The monitor socket @%1 is not program %2&apos;s (user %3): it is held by process %4 of user %5; ignored</source>
        <translation>监视套接字 @%1 不属于程序 %2（用户 %3）：它由用户 %5 的进程 %4 占用；已忽略</translation>
    </message>
    <message>
        <source>program %1 did not let this user attach (its monitor admits only its own user)</source>
        <translation>程序 %1 不允许此用户连接（它的监视只接受其自身的用户）</translation>
    </message>
</context>
<context>
    <name>qmp::NoticeBanner</name>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>qmp::OutputPane</name>
    <message numerus="yes">
        <source>[%n character(s) of output not kept]</source>
        <translation>
            <numerusform>[有 %n 个字符的输出未保留]</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>qmp::PoolChartView</name>
    <message>
        <source>%1: %2</source>
        <comment>line name: value</comment>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>latest</source>
        <translation>最新</translation>
    </message>
    <message>
        <source>%1 ago</source>
        <translation>%1前</translation>
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
        <source>Workers</source>
        <translation>工作进程</translation>
    </message>
    <message>
        <source>Terminate worker</source>
        <translation>终止工作进程</translation>
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
        <source>No pool selected</source>
        <translation>未选择进程池</translation>
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
        <translation>已取消</translation>
    </message>
    <message>
        <source>Timed out</source>
        <translation>已超时</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>已丢失</translation>
    </message>
    <message>
        <source>Read-only: this program does not allow control. Start it with QMP_MONITOR=control (as your user) to pause, terminate or cancel from here.</source>
        <translation>只读：此程序不允许控制。请以你的用户身份用 QMP_MONITOR=control 启动它，才能在这里暂停、终止或取消。</translation>
    </message>
    <message>
        <source>This program does not allow control: worker %1 was not terminated</source>
        <translation>此程序不允许控制：工作进程 %1 未被终止</translation>
    </message>
    <message>
        <source>It runs no task now. A new worker takes its place.</source>
        <translation>它现在没有运行任务。会有新的工作进程接替它。</translation>
    </message>
    <message>
        <source>Its command (%1) is killed and fails as terminated by the user.</source>
        <translation>它的命令（%1）会被杀死，并以“被用户终止”失败。</translation>
    </message>
    <message>
        <source>Its task (%1) runs again on another worker (retry %2 of %3); a new worker takes its place.</source>
        <translation>它的任务（%1）会在另一个工作进程上重新运行（第 %2 次重试，共 %3 次）；会有新的工作进程接替它。</translation>
    </message>
    <message>
        <source>Its task (%1) fails: the program receives a WorkerLostError for it (this pool does not retry tasks), and a program that does not catch it may stop. A new worker takes its place.</source>
        <translation>它的任务（%1）会失败：程序会因此收到 WorkerLostError（此进程池不重试任务），不捕获该错误的程序可能会停止。会有新的工作进程接替它。</translation>
    </message>
    <message>
        <source>Terminate worker %1 and every process it started?</source>
        <translation>终止工作进程 %1 及其启动的所有进程吗？</translation>
    </message>
    <message numerus="yes">
        <source>%1 now runs with %n worker(s)</source>
        <translation>
            <numerusform>%1 现在以 %n 个工作进程运行</numerusform>
        </translation>
    </message>
    <message>
        <source>Task duration</source>
        <translation>任务耗时</translation>
    </message>
    <message>
        <source>Charts &amp;show:</source>
        <translation>图表显示(&amp;S)：</translation>
    </message>
    <message>
        <source>the last minute</source>
        <translation>最近 1 分钟</translation>
    </message>
    <message>
        <source>the last 10 minutes</source>
        <translation>最近 10 分钟</translation>
    </message>
    <message>
        <source>the last hour</source>
        <translation>最近 1 小时</translation>
    </message>
    <message>
        <source>all kept</source>
        <translation>全部保留的数据</translation>
    </message>
    <message>
        <source>A queued task never runs; a running one is killed; it ends as cancelled (Del)</source>
        <translation>排队的任务不会运行；正在运行的任务会被杀死；它以“已取消”结束（Del）</translation>
    </message>
    <message>
        <source>Kills the selected worker and everything it started; its task fails with the reason and a new worker takes its place (Del)</source>
        <translation>杀死所选工作进程及其启动的所有进程；其任务会带着原因失败，并有新的工作进程接替（Del）</translation>
    </message>
    <message>
        <source>&amp;Workers:</source>
        <translation>工作进程数(&amp;W)：</translation>
    </message>
    <message>
        <source>How many worker processes the pool runs: more start at once; surplus ones leave once their task is done</source>
        <translation>进程池运行的工作进程数：增加时立即启动；多余的在完成当前任务后退出</translation>
    </message>
    <message>
        <source>Launch a batch to start one (File → Launch batch…, Ctrl+N).</source>
        <translation>启动一个批次来创建进程池（文件 → 启动批次…，Ctrl+N）。</translation>
    </message>
    <message numerus="yes">
        <source>%1, %n command(s)</source>
        <translation>
            <numerusform>%1，%n 个命令</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n command(s) running</source>
        <translation>
            <numerusform>%n 个命令正在运行</numerusform>
        </translation>
    </message>
    <message>
        <source>Throughput: calls finished per second over the last %1</source>
        <translation>吞吐量：最近 %1 内每秒完成的调用数</translation>
    </message>
    <message>
        <source>Task %1 runs again as a new call</source>
        <translation>任务 %1 作为新的调用重新运行</translation>
    </message>
    <message>
        <source>Task %1 cannot run again (its call is not known, or the pool takes no work)</source>
        <translation>任务 %1 无法重新运行（不知道它的调用，或进程池不再接受工作）</translation>
    </message>
    <message>
        <source>Retry task</source>
        <translation>重试任务</translation>
    </message>
    <message>
        <source>Run task %1 (%2) again?

It runs as a new call in the same pool; its result shows here and in the history, not in the program that made the first one.</source>
        <translation>重新运行任务 %1（%2）吗？

它会作为同一进程池中的新调用运行；其结果显示在这里和历史中，而不是在发起第一次调用的程序里。</translation>
    </message>
    <message numerus="yes">
        <source>It is a task of a map, which ends as a whole with it: the %n other task(s) of the batch that have not started are cancelled too.</source>
        <translation>
            <numerusform>这是一个 map 的任务，该 map 会随它整体结束：此批次中其余 %n 个尚未开始的任务也会被取消。</numerusform>
        </translation>
    </message>
    <message>
        <source>Stops every worker now; unfinished tasks end as cancelled</source>
        <translation>立即停止所有工作进程；未完成的任务以“已取消”结束</translation>
    </message>
    <message numerus="yes">
        <source>Terminate the pool %1 now?

Every worker stops at once; %n unfinished task(s) end as cancelled.</source>
        <translation>
            <numerusform>立即终止进程池 %1 吗？

所有工作进程会马上停止；%n 个未完成的任务将以“已取消”结束。</numerusform>
        </translation>
    </message>
    <message>
        <source>The program that runs them receives an error for each (the pool was terminated).</source>
        <translation>运行它们的程序会为每个任务收到一个错误（进程池已被终止）。</translation>
    </message>
    <message>
        <source>Slurm</source>
        <translation>Slurm</translation>
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
    <message>
        <source>joining</source>
        <comment>pool: a join waits for its workers</comment>
        <translation>等待结束</translation>
    </message>
    <message>
        <source>Slurm</source>
        <translation>Slurm</translation>
    </message>
    <message>
        <source>A pool on Slurm: its job id and state, as squeue shows them</source>
        <translation>运行在 Slurm 上的进程池：其作业号和状态，与 squeue 显示的一致</translation>
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
    <name>qmp::PsSubcommand</name>
    <message>
        <source>joining</source>
        <comment>pool state</comment>
        <translation>等待结束</translation>
    </message>
    <message>
        <source>running</source>
        <comment>pool state</comment>
        <translation>运行中</translation>
    </message>
    <message>
        <source>paused</source>
        <comment>pool state</comment>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>closed</source>
        <comment>pool state</comment>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>terminated</source>
        <comment>pool state</comment>
        <translation>已终止</translation>
    </message>
    <message>
        <source>gone</source>
        <comment>pool state</comment>
        <translation>已消失</translation>
    </message>
    <message>
        <source>idle</source>
        <comment>worker state</comment>
        <translation>空闲</translation>
    </message>
    <message>
        <source>busy</source>
        <comment>worker state</comment>
        <translation>忙碌</translation>
    </message>
    <message>
        <source>exited</source>
        <comment>worker state</comment>
        <translation>已退出</translation>
    </message>
    <message>
        <source>list running libqmp programs (QMP_MONITOR=1) with their pools, workers and queues</source>
        <translation>列出正在运行的 libqmp 程序（QMP_MONITOR=1）及其进程池、工作进程和队列</translation>
    </message>
    <message>
        <source>unknown argument &apos;%1&apos;</source>
        <translation>未知参数“%1”</translation>
    </message>
    <message>
        <source>there is no process %1</source>
        <translation>没有进程 %1</translation>
    </message>
    <message>
        <source>process %1 does not serve a monitor socket (is it a libqmp program started with QMP_MONITOR=1?)</source>
        <translation>进程 %1 没有提供监视套接字（它是用 QMP_MONITOR=1 启动的 libqmp 程序吗？）</translation>
    </message>
    <message>
        <source>No running program serves a monitor socket. Start a libqmp program with QMP_MONITOR=1 (qmp-studio always serves one).</source>
        <translation>没有正在运行的程序提供监视套接字。请用 QMP_MONITOR=1 启动 libqmp 程序（qmp-studio 总是提供）。</translation>
    </message>
    <message>
        <source>usage: qmp ps [PID...] [--json] [--watch] [--interval SECONDS]
  lists the running programs that serve a monitor socket (libqmp programs started
  with QMP_MONITOR=1, qmp-studio) with their pools, workers and queue depths
  PID...            only these programs
  --watch           stay attached and print again every 2 seconds, until Ctrl-C
  -n, --interval S  the same, every S seconds
  --json            a JSON array of programs
</source>
        <translation>用法：qmp ps [PID...] [--json] [--watch] [--interval 秒数]
  列出提供监视套接字的正在运行的程序（用 QMP_MONITOR=1 启动的 libqmp 程序、
  qmp-studio）及其进程池、工作进程和队列深度
  PID...            只列这些程序
  --watch           保持连接，每 2 秒重新打印一次，直到按 Ctrl-C
  -n, --interval S  同上，每 S 秒一次
  --json            程序的 JSON 数组
</translation>
    </message>
    <message>
        <source>QUEUE</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>STATE</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>KIND</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>DEPTH</source>
        <translation>深度</translation>
    </message>
    <message>
        <source>MAXSIZE</source>
        <translation>容量</translation>
    </message>
    <message>
        <source>UNFINISHED</source>
        <translation>未完成</translation>
    </message>
    <message>
        <source>PUTS/S</source>
        <translation>放入/秒</translation>
    </message>
    <message>
        <source>PID</source>
        <translation>PID</translation>
    </message>
    <message>
        <source>PROGRAM / POOL</source>
        <translation>程序 / 进程池</translation>
    </message>
    <message>
        <source>WORKERS</source>
        <translation>工作进程</translation>
    </message>
    <message>
        <source>BUSY</source>
        <translation>忙碌</translation>
    </message>
    <message>
        <source>QUEUED</source>
        <translation>排队</translation>
    </message>
    <message>
        <source>DONE</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>TASKS/S</source>
        <translation>任务/秒</translation>
    </message>
    <message>
        <source>(disconnected)</source>
        <translation>（已断开）</translation>
    </message>
    <message>
        <source>(controls allowed)</source>
        <translation>（允许控制）</translation>
    </message>
    <message>
        <source>command</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>worker</source>
        <translation>工作进程</translation>
    </message>
    <message>
        <source>cpu</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>rss</source>
        <translation>内存</translation>
    </message>
    <message>
        <source>stuck</source>
        <translation>卡住</translation>
    </message>
    <message>
        <source>--interval needs a number of seconds from 0.1 to 86400</source>
        <translation>--interval 需要 0.1 到 86400 之间的秒数</translation>
    </message>
    <message>
        <source>fifo</source>
        <comment>queue order: first in, first out</comment>
        <translation>先进先出</translation>
    </message>
    <message>
        <source>lifo</source>
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
        <comment>queue state</comment>
        <translation>打开</translation>
    </message>
    <message>
        <source>closed</source>
        <comment>queue state: the program closed its handle</comment>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>gone</source>
        <comment>queue state: no process holds it any more</comment>
        <translation>已消失</translation>
    </message>
    <message>
        <source>slurm job %1  %2</source>
        <translation>slurm 作业 %1  %2</translation>
    </message>
    <message>
        <source>on %1, step %2</source>
        <translation>位于 %1，作业步 %2</translation>
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
        <translation>被信号 %1（SIG%2）杀死</translation>
    </message>
    <message>
        <source>exited with code %1</source>
        <translation>以代码 %1 退出</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <comment>the task threw: exception type, message</comment>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1 of %2 calls threw; the first: %3: %4</source>
        <translation>%2 次调用中有 %1 次抛出异常；第一个：%3：%4</translation>
    </message>
    <message>
        <source>its worker %1 while running it</source>
        <translation>运行时其工作进程%1</translation>
    </message>
    <message>
        <source>the command %1</source>
        <translation>命令%1</translation>
    </message>
    <message>
        <source>timed out after %1</source>
        <translation>%1后超时</translation>
    </message>
    <message>
        <source>cancelled while it ran</source>
        <translation>运行中被取消</translation>
    </message>
    <message>
        <source>cancelled before it started</source>
        <translation>开始前被取消</translation>
    </message>
    <message>
        <source>its worker was terminated by the user</source>
        <translation>其工作进程被用户终止</translation>
    </message>
    <message>
        <source>the pool was terminated</source>
        <translation>进程池已被终止</translation>
    </message>
    <message>
        <source>not run: another task of its batch failed</source>
        <translation>未运行：同一批次的另一个任务失败了</translation>
    </message>
    <message>
        <source>not run: the program no longer wanted the result</source>
        <translation>未运行：程序不再需要该结果</translation>
    </message>
    <message>
        <source>cannot run &apos;%1&apos;: %2</source>
        <translation>无法运行“%1”：%2</translation>
    </message>
    <message>
        <source>the pool cannot run tasks any more: %1</source>
        <translation>进程池无法再运行任务：%1</translation>
    </message>
    <message>
        <source>lost: the program exited before it ended</source>
        <translation>已丢失：程序在它结束前退出了</translation>
    </message>
    <message>
        <source>lost: the pool was destroyed before it ended</source>
        <translation>已丢失：进程池在它结束前被销毁了</translation>
    </message>
</context>
<context>
    <name>qmp::RunSession</name>
    <message>
        <source>stopped reading the input: %1</source>
        <translation>停止读取输入：%1</translation>
    </message>
    <message>
        <source>no input: nothing to run</source>
        <translation>没有输入：没有要运行的内容</translation>
    </message>
    <message>
        <source>the history could not be written: %1</source>
        <translation>历史无法写入：%1</translation>
    </message>
    <message>
        <source>this job finished: %1</source>
        <translation>此作业已结束：%1</translation>
    </message>
    <message>
        <source>this job succeeded: %1</source>
        <translation>此作业已成功：%1</translation>
    </message>
    <message>
        <source>this job failed: %1</source>
        <translation>此作业失败：%1</translation>
    </message>
    <message numerus="yes">
        <source>--halt: waiting for %n running job(s) to finish</source>
        <translation>
            <numerusform>--halt：等待 %n 个正在运行的作业结束</numerusform>
        </translation>
    </message>
    <message>
        <source>job %1: %2</source>
        <translation>作业 %1：%2</translation>
    </message>
    <message>
        <source>could not run: %1</source>
        <translation>无法运行：%1</translation>
    </message>
    <message>
        <source>job %1 was killed because it timed out after %2 s: %3</source>
        <translation>作业 %1 因 %2 秒后超时被杀死：%3</translation>
    </message>
    <message numerus="yes">
        <source>stopped by signal %1: killing %n running job(s)</source>
        <translation>
            <numerusform>被信号 %1 停止：正在杀死 %n 个正在运行的作业</numerusform>
        </translation>
    </message>
    <message>
        <source>qmp ps will not see this run: %1</source>
        <translation>qmp ps 将看不到这次运行：%1</translation>
    </message>
    <message>
        <source>%1; no more jobs are started</source>
        <translation>%1；不再启动新的作业</translation>
    </message>
    <message numerus="yes">
        <source>waiting for Slurm to allocate %n CPU(s) (job %1): %2</source>
        <translation>
            <numerusform>正在等待 Slurm 分配 %n 个 CPU（作业 %1）：%2</numerusform>
        </translation>
    </message>
    <message>
        <source>Slurm job %1 is running: starting the jobs</source>
        <translation>Slurm 作业 %1 已在运行：开始启动作业</translation>
    </message>
    <message>
        <source>cannot run on Slurm: %1</source>
        <translation>无法在 Slurm 上运行：%1</translation>
    </message>
    <message>
        <source>cannot run on Slurm: the workers could not connect back to %1 (--slurm-address, --slurm-port): %2</source>
        <translation>无法在 Slurm 上运行：worker 无法回连到 %1（--slurm-address、--slurm-port）：%2</translation>
    </message>
    <message>
        <source>%1: the jobs not finished fail (--resume-failed runs them again)</source>
        <translation>%1：尚未完成的作业均失败（--resume-failed 会重新运行它们）</translation>
    </message>
</context>
<context>
    <name>qmp::ServiceClient</name>
    <message>
        <source>the socket path is too long: %1</source>
        <translation>套接字路径过长：%1</translation>
    </message>
    <message>
        <source>permission denied on %1: it is not your service (another user&apos;s socket?)</source>
        <translation>%1 拒绝访问：这不是你的服务（另一个用户的套接字？）</translation>
    </message>
    <message>
        <source>cannot connect to %1: %2</source>
        <translation>无法连接到 %1：%2</translation>
    </message>
    <message>
        <source>the QMP service is not running</source>
        <translation>QMP 服务未运行</translation>
    </message>
    <message>
        <source>the QMP service started but does not answer on %1</source>
        <translation>QMP 服务已启动，但在 %1 上没有应答</translation>
    </message>
    <message>
        <source>the QMP service cannot start: %1</source>
        <translation>QMP 服务无法启动：%1</translation>
    </message>
    <message>
        <source>the QMP service did not start within %1 s (see %2)</source>
        <translation>QMP 服务在 %1 秒内没有启动（见 %2）</translation>
    </message>
    <message>
        <source>it ended without saying why (see %1)</source>
        <translation>它退出了，但没有说明原因（见 %1）</translation>
    </message>
    <message>
        <source>not connected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <source>the QMP service closed the connection: %1</source>
        <translation>QMP 服务关闭了连接：%1</translation>
    </message>
    <message>
        <source>the QMP service closed the connection</source>
        <translation>QMP 服务关闭了连接</translation>
    </message>
    <message>
        <source>no answer from the QMP service: %1</source>
        <translation>QMP 服务没有应答：%1</translation>
    </message>
    <message>
        <source>the QMP service sent something that is not an answer</source>
        <translation>QMP 服务发来的内容不是应答</translation>
    </message>
</context>
<context>
    <name>qmp::ServiceConnection</name>
    <message>
        <source>The QMP service runs commands, not registered tasks: run this batch in the studio</source>
        <translation>QMP 服务运行命令，不运行已注册的任务：请在工作室中运行此批次</translation>
    </message>
    <message>
        <source>There is nothing to run: the batch has no commands</source>
        <translation>没有可运行的内容：该批次没有命令</translation>
    </message>
    <message>
        <source>The QMP service cannot start: the qmp program is not installed (not beside qmp-studio, not on PATH)</source>
        <translation>QMP 服务无法启动：没有安装 qmp 程序（qmp-studio 旁边和 PATH 中都找不到）</translation>
    </message>
    <message>
        <source>The QMP service refused the batch: %1</source>
        <translation>QMP 服务拒绝了该批次：%1</translation>
    </message>
    <message>
        <source>The QMP service closed the connection: %1</source>
        <translation>QMP 服务关闭了连接：%1</translation>
    </message>
    <message>
        <source>The QMP service took %1 of %2 jobs, then: %3</source>
        <translation>QMP 服务接收了 %2 个作业中的 %1 个，随后：%3</translation>
    </message>
    <message>
        <source>The QMP service cannot be reached</source>
        <translation>无法连接 QMP 服务</translation>
    </message>
</context>
<context>
    <name>qmp::ServiceDaemon</name>
    <message>
        <source>cannot open the lock file %1: %2</source>
        <translation>无法打开锁文件 %1：%2</translation>
    </message>
    <message>
        <source>a service is running already (it holds %1)</source>
        <translation>已有服务在运行（它持有 %1）</translation>
    </message>
    <message>
        <source>cannot lock %1: %2</source>
        <translation>无法锁定 %1：%2</translation>
    </message>
    <message>
        <source>the socket path is too long: %1</source>
        <translation>套接字路径过长：%1</translation>
    </message>
    <message>
        <source>cannot listen on %1: %2</source>
        <translation>无法在 %1 上监听：%2</translation>
    </message>
</context>
<context>
    <name>qmp::ServiceSubcommand</name>
    <message>
        <source>the per-user service that keeps jobs running (run | start | stop)</source>
        <translation>让作业持续运行的用户级服务（run | start | stop）</translation>
    </message>
    <message>
        <source>the QMP service is running: %1</source>
        <translation>QMP 服务正在运行：%1</translation>
    </message>
    <message>
        <source>the QMP service stopped; queued jobs wait for its next start</source>
        <translation>QMP 服务已停止；排队的作业等待它下次启动</translation>
    </message>
    <message>
        <source>usage: qmp service run | start | stop</source>
        <translation>用法：qmp service run | start | stop</translation>
    </message>
    <message>
        <source>listening on %1 (pid %2)</source>
        <translation>正在 %1 上监听（pid %2）</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
</context>
<context>
    <name>qmp::SlurmPartitions</name>
    <message>
        <source>Slurm is not installed here: sinfo was not found in PATH</source>
        <translation>本机未安装 Slurm：PATH 中找不到 sinfo</translation>
    </message>
    <message>
        <source>sinfo failed: %1</source>
        <translation>sinfo 失败：%1</translation>
    </message>
    <message>
        <source>exit status %1</source>
        <translation>退出状态 %1</translation>
    </message>
    <message>
        <source>sinfo reports no partition</source>
        <translation>sinfo 没有报告任何分区</translation>
    </message>
    <message>
        <source>sinfo could not start: %1</source>
        <translation>无法启动 sinfo：%1</translation>
    </message>
</context>
<context>
    <name>qmp::SlurmText</name>
    <message>
        <source>job %1</source>
        <comment>a Slurm job id</comment>
        <translation>作业 %1</translation>
    </message>
    <message>
        <source>no job</source>
        <comment>Slurm gave no job id</comment>
        <translation>无作业</translation>
    </message>
    <message>
        <source>%1 %2 (%3)</source>
        <comment>Slurm: job 812 PENDING (Priority)</comment>
        <translation>%1 %2（%3）</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>Slurm: job 812 RUNNING</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Slurm job %1 is waiting for its CPUs: %2</source>
        <translation>Slurm 作业 %1 正在等待分配 CPU：%2</translation>
    </message>
    <message>
        <source>Slurm job %1 is running: the workers are its steps</source>
        <translation>Slurm 作业 %1 正在运行：工作进程是它的作业步</translation>
    </message>
    <message>
        <source>Slurm gave no allocation: %1</source>
        <translation>Slurm 未给出分配：%1</translation>
    </message>
    <message>
        <source>Slurm job %1 was given back (scancel): the pool&apos;s work is over</source>
        <translation>Slurm 作业 %1 已归还（scancel）：进程池的工作已结束</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>Slurm: 812 RUNNING (job id, state)</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Slurm ended job %1 (%2): nothing more can start in it</source>
        <translation>Slurm 已结束作业 %1（%2）：其中无法再启动任何内容</translation>
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
        <translation>已取消</translation>
    </message>
    <message>
        <source>timed out</source>
        <comment>task</comment>
        <translation>已超时</translation>
    </message>
    <message>
        <source>lost</source>
        <comment>task: its program or pool went away before it ended</comment>
        <translation>已丢失</translation>
    </message>
</context>
<context>
    <name>qmp::StuckBanner</name>
    <message>
        <source>Terminate stuck worker</source>
        <translation>终止卡住的工作进程</translation>
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
        <source>(this program does not allow control: it can only be watched)</source>
        <translation>（此程序不允许控制：只能查看）</translation>
    </message>
    <message>
        <source>Terminates worker %1 and everything it started</source>
        <translation>终止工作进程 %1 及其启动的全部进程</translation>
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
        <translation>已运行 %1，超过其 %2 的超时：被杀死后仍未停止</translation>
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
        <source>Unexpected argument &apos;%1&apos; (see --help)</source>
        <translation>意外的参数“%1”（参见 --help）</translation>
    </message>
    <message>
        <source>Unknown language &apos;%1&apos;; choose one of %2</source>
        <translation>未知语言“%1”；请从 %2 中选择</translation>
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
    <message>
        <source>process %1 does not serve a monitor socket (start it with QMP_MONITOR=1)</source>
        <translation>进程 %1 没有提供监控套接字（请用 QMP_MONITOR=1 启动它）</translation>
    </message>
</context>
<context>
    <name>qmp::TaskDetailView</name>
    <message>
        <source>&amp;Retry</source>
        <translation>重试(&amp;R)</translation>
    </message>
    <message>
        <source>Runs this task again as a new call in the same pool (Ctrl+R)</source>
        <translation>在同一进程池中把此任务作为新的调用重新运行（Ctrl+R）</translation>
    </message>
    <message>
        <source>Output (stderr in red)</source>
        <translation>输出（标准错误为红色）</translation>
    </message>
    <message>
        <source>Task details</source>
        <translation>任务详情</translation>
    </message>
    <message>
        <source>Select a task to see its arguments, result or error, timings, worker and output.</source>
        <translation>选择一个任务，查看其参数、结果或错误、时间、工作进程和输出。</translation>
    </message>
    <message>
        <source>Task %1 (batch %2, #%3): %4</source>
        <translation>任务 %1（批次 %2，第 %3 个）：%4</translation>
    </message>
    <message>
        <source>%1, stuck: %2</source>
        <translation>%1，卡住：%2</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message numerus="yes">
        <source>Arguments (first of %n call(s))</source>
        <translation>
            <numerusform>参数（%n 次调用中的第一次）</numerusform>
        </translation>
    </message>
    <message>
        <source>Arguments</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Exception</source>
        <translation>异常</translation>
    </message>
    <message>
        <source>Raised in</source>
        <translation>抛出位置</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>排队时间</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>结束时间</translation>
    </message>
    <message>
        <source>Running for</source>
        <translation>已运行</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>耗时</translation>
    </message>
    <message>
        <source>Attempt</source>
        <translation>尝试次数</translation>
    </message>
    <message>
        <source>%1 (retried)</source>
        <translation>%1（已重试）</translation>
    </message>
    <message>
        <source>Process</source>
        <translation>进程</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>工作进程</translation>
    </message>
    <message>
        <source>Exit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>No output yet</source>
        <translation>还没有输出</translation>
    </message>
    <message>
        <source>A registered task&apos;s output goes to its program&apos;s terminal</source>
        <translation>已注册任务的输出写到其程序的终端</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>节点</translation>
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
    <message>
        <source>%1/min</source>
        <comment>a rate: tasks per minute</comment>
        <translation>%1/分</translation>
    </message>
    <message>
        <source>%1/h</source>
        <comment>a rate: tasks per hour</comment>
        <translation>%1/时</translation>
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
        <translation>已丢失（%1）</translation>
    </message>
    <message>
        <source>the program exited</source>
        <translation>程序已退出</translation>
    </message>
    <message>
        <source>the pool was destroyed</source>
        <translation>进程池已销毁</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>节点</translation>
    </message>
    <message>
        <source>The Slurm node the worker runs on</source>
        <translation>工作进程所在的 Slurm 节点</translation>
    </message>
    <message>
        <source>Slurm step</source>
        <translation>Slurm 作业步</translation>
    </message>
    <message>
        <source>The worker&apos;s Slurm step (job.step): Terminate worker cancels it</source>
        <translation>工作进程的 Slurm 作业步（作业.步）：“终止工作进程”会取消它</translation>
    </message>
    <message>
        <source>This worker runs on %1: CPU, memory and threads are measured only for processes on this machine</source>
        <translation>此工作进程运行在 %1 上：CPU、内存和线程只对本机上的进程进行测量</translation>
    </message>
</context>
</TS>
