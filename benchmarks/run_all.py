#!/usr/bin/env python3
"""Run benchmarks/bench.py on every supported Python, one interpreter at a time.

Builds the asyncmock wheel once, installs it into a cached virtualenv per
interpreter (<matrix cache>/bench/X.Y, with benchmarks/requirements.txt: the
``mock`` backport, the 3.6/3.7 baseline; matplotlib too in the 3.11 one, for
the plot), runs the benchmark there from outside the checkout, writes benchmarks/results/X.Y.json,
prints the ratios of every interpreter side by side and, where matplotlib
installed, draws them into benchmarks/results/ratios.png.  Interpreters are
found, or provisioned, as the test matrix finds them (scripts/interpreters.py:
3.14 and 3.15 may run in a chroot); the wheel and the venvs are made as the
matrix makes its own (scripts/toolbox.py).

    python3 benchmarks/run_all.py [--python 3.11 ...] [--quick]

Interpreters run strictly one after another: benchmarks need a quiet machine.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from collections import OrderedDict
from typing import Any, Dict, List, Tuple

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
# The test matrix's interpreters and tools, from scripts/ by their path.
sys.path.insert(0, str(HERE.parent / "scripts"))
try:
    import interpreters
    from interpreters import CPYTHONS, Interpreter
    from toolbox import Dist, StepFailed, build_dists, check, ensure_venv, install_wheel, tools_venv
finally:
    del sys.path[0]
#: Under the matrix cache, which a chroot interpreter sees at the same path.
CACHE = Path(os.environ.get("ASYNCMOCK_BENCH_CACHE", str(interpreters.CACHE / "bench")))
REQUIREMENTS = HERE / "requirements.txt"
PLOT_VERSION = "3.11"  # the venv that also gets matplotlib, for ratios.png
PLOT_REQUIREMENT = "matplotlib"
# Variables that would slow one implementation or change what gets imported.
NOISY_ENV = ("PYTHONPATH", "PYTHONHOME", "PYTHONDEVMODE", "PYTHONASYNCIODEBUG", "PYTHONTRACEMALLOC",
             "PYTHONMALLOC", "PYTHONDONTWRITEBYTECODE", "PYTHONWARNINGS")


def has_matplotlib(python: Interpreter) -> bool:
    return python.run([python.python, "-c", "import matplotlib"], stdout=subprocess.DEVNULL,
                      stderr=subprocess.DEVNULL).returncode == 0


def bench_venv(version: str, python: Interpreter) -> Interpreter:
    """Create or reuse the benchmark venv of *version*, matplotlib in PLOT_VERSION's; return its python."""
    venv_python = ensure_venv(python, CACHE / version, REQUIREMENTS, sys.stdout)
    if version == PLOT_VERSION and not has_matplotlib(venv_python):
        try:
            check(sys.stdout, [venv_python.python, "-m", "pip", "install", "-q", PLOT_REQUIREMENT], on=venv_python)
        except StepFailed:
            print("matplotlib did not install on {}: no plot".format(version))
    return venv_python


def bench(version: str, python: Interpreter, dist: Dist, workdir: Path, quick: bool) -> Dict[str, Any]:
    """Install the wheel into the venv of *version*, run bench.py there and return its JSON."""
    venv_python = bench_venv(version, python)
    install_wheel(venv_python, dist.wheel, dist.digest, sys.stdout)
    out = RESULTS / "{}.json".format(version)
    env = {k: v for k, v in os.environ.items() if k not in NOISY_ENV}
    command = [venv_python.python, HERE / "bench.py", "--installed", "--json", out] + (["--quick"] if quick else [])
    # Outside the checkout: only the wheel is importable. No time limit: a benchmark takes what it takes.
    check(sys.stdout, command, cwd=workdir, env=env, on=venv_python, timeout=None)
    result = json.loads(out.read_text())  # type: Dict[str, Any]
    return result


def cell(row: Dict[str, Any]) -> str:
    verdict = {True: " PASS", False: " FAIL", None: ""}[row["passed"]]
    return str(row["score"]) + verdict


def combined(results: Dict[str, Dict[str, Any]]) -> Tuple[List[List[str]], Dict[str, str]]:
    """Rows: scenarios; columns: interpreters; cells: ratio (or growth, or added ms) and verdict.

    Returns the table, header first, and the title of each scenario key.
    """
    versions = list(results)
    titles, targets = OrderedDict(), {}  # type: Dict[str, str], Dict[str, str]
    cells = {}  # type: Dict[str, Dict[str, str]]
    for version, result in results.items():
        for row in result["rows"]:
            titles.setdefault(row["key"], row["title"])
            targets.setdefault(row["key"], row["target"])
            cells.setdefault(row["key"], {})[version] = cell(row)
    table = [["scenario", "target"] + versions]
    table += [[key, targets[key]] + [cells[key].get(v, "-") for v in versions] for key in titles]
    table.append(["targets missed", ""] + [
        str(sum(r["passed"] is False for r in results[v]["rows"])) for v in versions])
    table.append(["baseline", ""] + [results[v]["meta"]["baseline"] for v in versions])
    return table, titles


def print_combined(results: Dict[str, Dict[str, Any]]) -> None:
    table, titles = combined(results)
    widths = [max(len(line[i]) for line in table) for i in range(len(table[0]))]
    print()
    for line in table:
        padded = [c.ljust(w) if i < 2 else c.rjust(w) for i, (c, w) in enumerate(zip(line, widths))]
        print("  ".join(padded).rstrip())
    print()
    for key, title in titles.items():
        print("{:<15} {}".format(key, title))


def write_markdown(results: Dict[str, Dict[str, Any]], path: Path, command: str) -> None:
    """The combined table as Markdown, with what a reader needs to reproduce it."""
    table, titles = combined(results)
    first = next(iter(results.values()))["meta"]
    lines = ["Command: `{}`, started {} on {} ({} CPUs); asyncmock {} from checkout {}; mock {}.".format(
        command, first["date"], first["machine"]["platform"], first["machine"]["cpus"],
        first["asyncmock"]["version"], first["asyncmock"]["checkout"], first["mock"]), "",
        "Interpreters: " + ", ".join(r["meta"]["interpreter"].split()[0] for r in results.values()) + ".", ""]
    header = ["key", "scenario", "target"] + table[0][2:]
    table = [header] + [[line[0], titles.get(line[0], "")] + line[1:] for line in table[1:]]
    for n, line in enumerate(table):
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in line) + " |")
        if n == 0:
            lines.append("|" + " --- |" * len(line))
    path.write_text("\n".join(lines) + "\n")


def plot(results: Dict[str, Dict[str, Any]]) -> None:
    venv_python = Interpreter(PLOT_VERSION, CACHE / PLOT_VERSION / "bin" / "python")  # a host interpreter's venv
    if not venv_python.python.exists() or not has_matplotlib(venv_python):
        print("no matplotlib in {}: ratios.png not written".format(CACHE / PLOT_VERSION))
        return
    files = [RESULTS / "{}.json".format(v) for v in results]
    check(sys.stdout, [venv_python.python, HERE / "plot.py", RESULTS / "ratios.png"] + files)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", action="append", choices=CPYTHONS, help="only this X.Y (repeatable)")
    parser.add_argument("--quick", action="store_true", help="pass --quick to bench.py")
    parser.add_argument("--report", action="store_true",
                        help="run nothing: table, ratios.md and plot from the JSON files already in results/")
    args = parser.parse_args()
    versions = [v for v in CPYTHONS if not args.python or v in args.python]
    RESULTS.mkdir(exist_ok=True)
    start = time.monotonic()
    results = {}  # type: Dict[str, Dict[str, Any]]
    seconds = {}  # type: Dict[str, float]
    failed = []  # type: List[str]
    if args.report:
        results = {v: json.loads((RESULTS / (v + ".json")).read_text())
                   for v in versions if (RESULTS / (v + ".json")).exists()}
        versions = []
    found, notes = interpreters.find_all(versions) if versions else ({}, [])
    for note in notes:
        print(note)
    if versions:
        with tempfile.TemporaryDirectory(prefix="asyncmock-bench-") as tmp:
            dist = build_dists(tools_venv(), Path(tmp))
            for version in versions:  # one at a time, never in parallel
                python = found.get(version)
                if python is None:
                    print("python{} not found: skipped".format(version))
                    continue
                print("\n==== Python {} ({})".format(version, python), flush=True)
                began = time.monotonic()
                try:
                    results[version] = bench(version, python, dist, Path(tmp), args.quick)
                except (StepFailed, subprocess.CalledProcessError) as error:
                    failed.append(version)
                    print("Python {}: failed: {}".format(version, error))
                seconds[version] = time.monotonic() - began
    if not results:
        sys.exit("no benchmark ran")
    print_combined(results)
    command = " ".join(["python3", "benchmarks/run_all.py"] + [a for a in sys.argv[1:] if a != "--report"])
    write_markdown(results, RESULTS / "ratios.md", command)
    plot(results)
    print("\n" + ", ".join("{} {:.0f} s".format(v, s) for v, s in seconds.items()))
    print("total {:.0f} s".format(time.monotonic() - start))
    if failed:
        print("failed: " + ", ".join(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
