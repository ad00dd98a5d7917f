#!/usr/bin/env python3
"""Differential fuzzing at scale: asyncmock against CPython 3.13's unittest.mock.

The test suite runs a couple of hundred programs (tests/fuzz/); this command
runs as many as asked, each one replayable from its seed:

    python3.13 scripts/fuzz.py --programs 20000 --seed 7
    ~/.cache/asyncmock-matrix/core-3.13/bin/python scripts/fuzz.py --programs 20000

It tests this checkout's asyncmock (put first on sys.path), needs nothing but
Python 3.13, and prints each mismatch shrunk to a short program.  Exits 1 if
any program disagrees, 2 if not run on 3.13.
"""
import argparse
import multiprocessing
import random
import sys
import time
from pathlib import Path
from typing import List, Optional, Sequence, Tuple

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tests" / "fuzz")]

import unittest.mock  # noqa: E402

import asyncmock  # noqa: E402
import fuzzer  # noqa: E402


def parse_args(argv: Optional[Sequence[str]] = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--programs", type=int, default=20000, help="programs to run (default: 20000)")
    parser.add_argument("--seed", type=int, default=None, help="run seed (default: a random one, printed)")
    parser.add_argument("--ops", type=int, default=15, help="operations per program (default: 15)")
    parser.add_argument("--jobs", type=int, default=1, help="processes to run programs in (default: 1)")
    parser.add_argument("--max-reports", type=int, default=10, help="mismatches to print in full (default: 10)")
    return parser.parse_args(argv)


def _run_slice(job: Tuple[int, int, int, int]) -> List[str]:
    """Run the programs start..stop-1 of the run *seed*: the mismatches, described."""
    seed, start, stop, n_ops = job
    found = fuzzer.fuzz(seed, range(start, stop), n_ops, unittest.mock, asyncmock)
    return [mismatch.describe() for mismatch in found]


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = parse_args(argv)
    if sys.version_info[:2] != (3, 13):
        print("the reference is CPython 3.13's unittest.mock; this is %s" % sys.version.split()[0])
        return 2
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(10 ** 9)
    print("asyncmock from %s" % Path(asyncmock.__file__).parent)
    print("seed %d: %d programs of %d operations, %d job(s)" % (seed, args.programs, args.ops, args.jobs),
          flush=True)
    start = time.monotonic()
    chunk = 500
    jobs = [(seed, first, min(first + chunk, args.programs), args.ops)
            for first in range(0, args.programs, chunk)]
    found = []  # type: List[str]
    done = 0
    with multiprocessing.Pool(max(1, args.jobs)) as pool:
        for descriptions in pool.imap(_run_slice, jobs):
            found += descriptions
            done = min(done + chunk, args.programs)
            print("  %d/%d programs, %d mismatch(es), %.0f s"
                  % (done, args.programs, len(found), time.monotonic() - start), flush=True)
    for description in found[:args.max_reports]:
        print("\n" + description)
    print("\n%d programs, %d mismatch(es) in %.1f s (seed %d)"
          % (args.programs, len(found), time.monotonic() - start, seed))
    if found:
        print("replay one in the suite: ASYNCMOCK_FUZZ_PROGRAM=<seed:index> ASYNCMOCK_FUZZ_OPS=%d "
              "python3.13 -m pytest tests/fuzz" % args.ops)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
