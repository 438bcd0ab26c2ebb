"""Peer of bench_ipc: the same figures for Python's multiprocessing (spawn start method)."""
import multiprocessing as mp
import sys
import time
from multiprocessing import shared_memory


def put_items(q, count, size):
    item = b"q" * size
    for _ in range(count):
        q.put(item)


def echo(conn, count):
    for _ in range(count):
        conn.send(conn.recv())


def pong(ping, pong_event, count):
    for _ in range(count):
        ping.wait()
        ping.clear()
        pong_event.set()


def queue_rate(ctx, count, size):
    q = ctx.Queue()
    p = ctx.Process(target=put_items, args=(q, count, size))
    p.start()
    q.get()
    t = time.perf_counter()
    for _ in range(count - 1):
        q.get()
    s = time.perf_counter() - t
    p.join()
    return (count - 1) / s


if __name__ == "__main__":
    scale = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0
    ctx = mp.get_context("spawn")
    print("queue_64b_per_s=%.0f" % queue_rate(ctx, int(200000 * scale), 64), flush=True)
    print("queue_1mib_mb_per_s=%.0f" % (queue_rate(ctx, int(500 * scale), 1 << 20) * (1 << 20) / 1e6), flush=True)

    n = int(20000 * scale)
    a, b = ctx.Pipe()
    p = ctx.Process(target=echo, args=(b, n + 1))
    p.start()
    a.send(0)
    a.recv()
    t = time.perf_counter()
    for i in range(n):
        a.send(i)
        a.recv()
    print("pipe_rtt_us=%.2f" % ((time.perf_counter() - t) * 1e6 / n), flush=True)
    p.join()

    n = int(2000000 * scale)
    lock = ctx.Lock()
    t = time.perf_counter()
    for _ in range(n):
        lock.acquire()
        lock.release()
    print("lock_pairs_per_s=%.0f" % (n / (time.perf_counter() - t)), flush=True)

    n = int(20000 * scale)
    ping, pong_event = ctx.Event(), ctx.Event()
    p = ctx.Process(target=pong, args=(ping, pong_event, n + 1))
    p.start()
    ping.set()
    pong_event.wait()
    pong_event.clear()
    t = time.perf_counter()
    for _ in range(n):
        ping.set()
        pong_event.wait()
        pong_event.clear()
    print("event_rtt_us=%.2f" % ((time.perf_counter() - t) * 1e6 / n), flush=True)
    p.join()

    size = 256 << 20
    data = b"\x01" * size
    shm = shared_memory.SharedMemory(create=True, size=size)
    t = time.perf_counter()
    shm.buf[:] = data
    print("shm_write_gb_per_s=%.2f" % (size / (time.perf_counter() - t) / 1e9), flush=True)
    shm.close()
    shm.unlink()
