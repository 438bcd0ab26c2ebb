"""Peer of bench_slurm's apply_rtt: Python's remote manager round trip over TCP — a
BaseManager serving an object on 127.0.0.1 with an authkey (its server in another process, as
a worker on a node would be), and a method call on its proxy, one at a time. µs per call."""
import sys
import time
from multiprocessing.managers import BaseManager


class Echo:
    def identity(self, x):
        return x


class EchoManager(BaseManager):
    pass


EchoManager.register("Echo", Echo)

if __name__ == "__main__":
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    with EchoManager(address=("127.0.0.1", 0), authkey=b"qmp-bench") as manager:
        echo = manager.Echo()
        for i in range(200):  # warm-up, like the C++ side
            echo.identity(i)
        t = time.perf_counter()
        for i in range(rounds):
            if echo.identity(i) != i:
                raise ValueError("a wrong result")
        us = (time.perf_counter() - t) * 1e6 / rounds
    print("call_us=%.2f" % us, flush=True)
