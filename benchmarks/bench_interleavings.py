#!/usr/bin/env python3
"""What race exploration costs: a run of the cache example explored, against the same run unexplored.

    python benchmarks/bench_interleavings.py [--quick]

Both are timed in one process, taking turns, as CPU time (``time.process_time``)
per run of ``two_requests_fetch_once`` from docs/howto/finding-races.md on a
fresh event loop; the explored run has its schedule and its virtual time, as
each run of ``interleavings()`` does. Prints the medians and their ratio
(target: at most 3x). Compare the ratio, not the times.
"""
import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path
from typing import Any, Callable, List

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the checkout's asyncmock

from asyncmock import AsyncMock, virtual_time  # noqa: E402
from asyncmock._interleavings import Schedule, start, stop  # noqa: E402

TARGET = 3.0


async def get_user(cache: Any, db: Any, uid: int) -> Any:
    if uid not in cache:
        cache[uid] = await db.fetch(uid)
    return cache[uid]


async def two_requests() -> None:
    db = AsyncMock()
    cache = {}  # type: dict
    await asyncio.gather(get_user(cache, db, 1), get_user(cache, db, 1))


async def explored(seed: int) -> None:
    schedule = Schedule(seed)
    start(schedule)
    try:
        async with virtual_time():
            await two_requests()
    finally:
        stop(schedule)


def per_run(loop: Any, make: "Callable[[int], Any]", runs: int) -> float:
    """CPU seconds per run of *runs* runs of ``make(seed)`` on *loop*."""
    began = time.process_time()
    for seed in range(runs):
        loop.run_until_complete(make(seed))
    return (time.process_time() - began) / runs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats")
    options = parser.parse_args()
    repeats, runs = (5, 200) if options.quick else (11, 1000)
    loop = asyncio.new_event_loop()
    try:
        plain = []  # type: List[float]
        exploring = []  # type: List[float]
        per_run(loop, lambda seed: two_requests(), runs)  # warm-up
        per_run(loop, explored, runs)
        for _ in range(repeats):
            plain.append(per_run(loop, lambda seed: two_requests(), runs))
            exploring.append(per_run(loop, explored, runs))
    finally:
        loop.close()
    unexplored_us, explored_us = statistics.median(plain) * 1e6, statistics.median(exploring) * 1e6
    ratio = explored_us / unexplored_us
    print("Python %s" % sys.version.split()[0])
    print("unexplored run: %.1f us" % unexplored_us)
    print("explored run:   %.1f us" % explored_us)
    print("ratio explored / unexplored: %.2fx (target: at most %.0fx) %s"
          % (ratio, TARGET, "ok" if ratio <= TARGET else "MISSED"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
