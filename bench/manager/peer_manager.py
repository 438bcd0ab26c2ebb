"""Peer of bench_manager: manager.dict set + get from a child process, µs per round."""
import multiprocessing as mp
import sys
import time


def set_get(d, rounds, out):
    for i in range(200):  # warm-up, like the C++ side
        d[i % 100] = i
        d[i % 100]
    t = time.perf_counter()
    for i in range(rounds):
        d[i % 100] = i
        if d[i % 100] != i:
            raise ValueError("read back a wrong value")
    out.put((time.perf_counter() - t) * 1e6 / rounds)


if __name__ == "__main__":
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    ctx = mp.get_context("spawn")
    with ctx.Manager() as manager:
        d = manager.dict()
        out = ctx.Queue()
        p = ctx.Process(target=set_get, args=(d, rounds, out))
        p.start()
        us = out.get()
        p.join()
    print("dict_us=%.2f" % us, flush=True)
