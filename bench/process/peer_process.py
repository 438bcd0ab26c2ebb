"""Peer of bench_process: Python multiprocessing Process start()+join() per second, spawn method."""
import multiprocessing as mp
import sys
import time


def noop():
    pass


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    ctx = mp.get_context("spawn")
    for _ in range(2):
        p = ctx.Process(target=noop)
        p.start()
        p.join()
    start = time.perf_counter()
    for _ in range(count):
        p = ctx.Process(target=noop)
        p.start()
        p.join()
        if p.exitcode != 0:
            sys.exit("peer: child failed with exit code %r" % p.exitcode)
    elapsed = time.perf_counter() - start
    print("processes_per_second=%.1f count=%d" % (count / elapsed, count))
