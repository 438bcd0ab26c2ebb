"""Peer of bench_monitor, in Python.

events SECONDS [TASKS]: the same synthetic pool event stream (TASKS tasks, default 200, queued /
started / finished every 10 ms) absorbed into a dict-based monitor state (tasks, workers, counters, the last 5000 finished
tasks kept, like Flower's in-memory state) on an asyncio loop, with the same 5 ms probe timer.

history N: N finished tasks kept in memory as dicts, the way Flower (the Celery monitor) keeps its
task history; prints the RSS.
"""
import asyncio
import collections
import sys
import time


def rss_mib():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    return -1.0


async def events(seconds, tasks_per_tick=200):
    tasks = collections.OrderedDict()
    workers = {1000000 + w: {"state": "idle", "done": 0} for w in range(8)}
    counts = {"queued": 0, "running": 0, "finished": 0}
    lateness = []
    fed = 0
    next_task = 1
    loop = asyncio.get_running_loop()
    end = loop.time() + seconds

    def apply(kind, task_id, pid, duration):
        if kind == "queued":
            tasks[task_id] = {"id": task_id, "state": "queued", "name": "square", "pid": 0, "duration": 0}
            counts["queued"] += 1
        elif kind == "started":
            t = tasks[task_id]
            t["state"] = "running"
            t["pid"] = pid
            counts["queued"] -= 1
            counts["running"] += 1
            workers[pid]["state"] = "busy"
        else:
            t = tasks[task_id]
            t["state"] = "finished"
            t["duration"] = duration
            counts["running"] -= 1
            counts["finished"] += 1
            workers[pid]["state"] = "idle"
            workers[pid]["done"] += 1
            while len(tasks) > 5000:
                tasks.popitem(last=False)

    async def feeder():
        nonlocal fed, next_task
        while loop.time() < end:
            for _ in range(tasks_per_tick):
                pid = 1000000 + next_task % 8
                apply("queued", next_task, 0, 0)
                apply("started", next_task, pid, 0)
                apply("finished", next_task, pid, 50000 + (next_task % 97) * 1000)
                next_task += 1
                fed += 3
            await asyncio.sleep(0.010)

    async def probe():
        last = time.perf_counter()
        while loop.time() < end:
            await asyncio.sleep(0.005)
            now = time.perf_counter()
            lateness.append(max(0.0, (now - last) * 1e3 - 5.0))
            last = now

    start = time.perf_counter()
    await asyncio.gather(feeder(), probe())
    elapsed = time.perf_counter() - start
    lateness.sort()
    p95 = lateness[int((len(lateness) - 1) * 0.95)] if lateness else 0.0
    print("events_per_s=%.0f" % (fed / elapsed))
    print("loop_p95_ms=%.2f" % p95)


def history(n):
    kept = []
    t0 = 1700000000000
    for i in range(n):
        kept.append({
            "id": i + 1, "batch": 1 + i // 10000, "seq": i % 10000 + 1, "kind": "command",
            "name": "convert img%d.png img%d.jpg" % (i % 10000, i % 10000), "state": "finished",
            "host": "", "pid": 1000 + i % 8, "exit": 0, "start": t0 + i // 10,
            "duration": 1000000 + i, "attempts": 1, "message": "", "stdout_bytes": 120,
            "stdout_tail": b"converted\n",
        })
    print("history_tasks=%d" % len(kept))
    print("history_rss_mib=%.1f" % rss_mib())


if __name__ == "__main__":
    what = sys.argv[1]
    amount = int(sys.argv[2])
    if what == "events":
        asyncio.run(events(amount, int(sys.argv[3]) if len(sys.argv) > 3 else 200))
    else:
        history(amount)
