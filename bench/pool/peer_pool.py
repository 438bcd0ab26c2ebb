"""Peer of bench_pool: the same figures for Python's multiprocessing.Pool, spawn start method."""
import multiprocessing as mp
import os
import sys
import time


def identity(x):
    return x


def pid_after_a_millisecond(_):
    time.sleep(0.001)
    return os.getpid()


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100000
    ctx = mp.get_context("spawn")

    start = time.perf_counter()
    with ctx.Pool(4) as pool:
        pids = pool.map(pid_after_a_millisecond, range(4), chunksize=1)
        print("ready=%.2f" % ((time.perf_counter() - start) * 1e3))

    with ctx.Pool(2) as pool:
        inputs = list(range(n))
        pool.map(identity, [1, 2, 3])
        for chunksize, key in ((1, "map_chunk1"), (None, "map_default")):
            start = time.perf_counter()
            out = pool.map(identity, inputs, chunksize=chunksize)
            seconds = time.perf_counter() - start
            assert out == inputs
            print("%s=%.0f" % (key, n / seconds))
        rounds = 3000
        for i in range(100):
            pool.apply_async(identity, (i,)).get()
        start = time.perf_counter()
        for i in range(rounds):
            pool.apply_async(identity, (i,)).get()
        print("apply_rtt=%.2f" % ((time.perf_counter() - start) * 1e6 / rounds))
