"""How much two processes gain on this machine for pure CPU work, the ceiling against which the
pipeline's 2-worker speed-up is read (virtual cores shared with other tenants rarely give 2×)."""
from __future__ import annotations

import multiprocessing
import time

LOOP = 10_000_000


def _spin(_: int = 0) -> float:
    started = time.perf_counter()
    total = 0
    for i in range(LOOP):
        total += i * i
    return time.perf_counter() - started


def two_process_speedup(repeats: int = 3) -> dict:
    """Best of `repeats`: one loop alone, then two loops in two processes at once."""
    one = min(_spin() for _ in range(repeats))
    with multiprocessing.get_context("fork").Pool(2) as pool:
        two = []
        for _ in range(repeats):
            started = time.perf_counter()
            pool.map(_spin, [0, 1], chunksize=1)
            two.append(time.perf_counter() - started)
    return {"one_process_seconds": round(one, 3), "two_processes_seconds": round(min(two), 3),
            "speedup": round(2 * one / min(two), 2)}
