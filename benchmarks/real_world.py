#!/usr/bin/env python3
"""Time whole real test suites with the stdlib's mocks and with asyncmock's switch.

The suites are scripts/real_world.py's (real async projects' own unit suites
from their pinned sdists, run unmodified with pytest); this runs each one
*--repeat* times each way, alternately and one suite at a time (benchmarks
need a quiet machine), on a wheel built from the checkout, and writes the
fastest wall times and their ratios, measured in this one run, to
benchmarks/results/real_world.md.

    python3 benchmarks/real_world.py [--python 3.12 ...] [--project aiocache ...] [--repeat 3]

Exits non-zero, as the runner does, when a test that passes with the stdlib
fails with the switch: the times of such a run are still written.
"""
import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
RUNNER = HERE.parent / "scripts" / "real_world.py"
RESULTS = HERE / "results" / "real_world.md"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", action="append", default=[], help="only this X.Y (repeatable)")
    parser.add_argument("--project", action="append", default=[], help="only this project (repeatable)")
    parser.add_argument("--repeat", type=int, default=3, help="runs each way (default: 3)")
    parser.add_argument("--output", type=Path, default=RESULTS, help="the page to write")
    args = parser.parse_args()
    command = [sys.executable, str(RUNNER), "--jobs", "1", "--repeat", str(args.repeat),
               "--markdown", str(args.output)]
    for version in args.python:
        command += ["--python", version]
    for project in args.project:
        command += ["--project", project]
    code = subprocess.run(command).returncode
    print("wrote {}".format(args.output) if args.output.exists() else "wrote nothing")
    return code


if __name__ == "__main__":
    sys.exit(main())
