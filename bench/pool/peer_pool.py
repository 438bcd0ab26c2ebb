"""Peer of bench_pool: the same figures for Python's multiprocessing.Pool, spawn start method."""
import multiprocessing as mp
import os
import sys
import time


def identity(x):
    return x


def upper(text):
    return text.upper()


def scaled(n, factor):
    return n * factor


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
        texts = ["qmp text item %06d" % (i % 1000000) for i in range(n)]  # 20 characters
        pool.map(upper, ["a", "b", "c"])
        start = time.perf_counter()
        out = pool.map(upper, texts)
        seconds = time.perf_counter() - start
        assert out == [t.upper() for t in texts]
        print("map_text=%.0f" % (n / seconds))
        lists = [(i, 0.5) for i in range(n)]
        pool.starmap(scaled, [(1, 2.0), (3, 4.0)])
        start = time.perf_counter()
        out = pool.starmap(scaled, lists)
        seconds = time.perf_counter() - start
        assert out == [i * 0.5 for i in range(n)]
        print("starmap_default=%.0f" % (n / seconds))
        rounds = 3000
        for i in range(100):
            pool.apply_async(identity, (i,)).get()
        start = time.perf_counter()
        for i in range(rounds):
            pool.apply_async(identity, (i,)).get()
        print("apply_rtt=%.2f" % ((time.perf_counter() - start) * 1e6 / rounds))
