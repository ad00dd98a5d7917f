#!/usr/bin/env python3
"""Run real async projects' own test suites with the stdlib's mocks, then with asyncmock's switch.

asyncmock's switch (``--asyncmock-replace``, ``asyncmock.install()``) makes
``unittest.mock`` be asyncmock for a test session. This runner proves it on
the unit suites of popular async projects that mock heavily (PROJECTS): each
is taken from its sdist on the package index, pinned by version and sha256
and cached, unpacked into a temporary directory (none of their code is in
this repository) and run unmodified with pytest twice: once plain, with the
standard library's ``unittest.mock`` (the baseline), and once with
``--asyncmock-replace``. Per project it reports passed and failed tests and
the wall time of both runs, and it fails when a test that passes with the
stdlib does not pass with the switch. Tests that fail in the baseline are
reported, not counted; a test is deselected only when DESELECTED says why.

Each project gets a virtualenv per interpreter under
~/.cache/asyncmock-matrix/real-world (or $ASYNCMOCK_MATRIX_CACHE), made with
scripts/toolbox.py from integration/real_world/<project>.txt (its
test requirements, pinned per interpreter), the wheel built once from its
sdist, and the asyncmock wheel under test. Every pytest run is in a network
namespace of its own with only a loopback interface (when we may make one, as
root): the suites run offline, and concurrent runs cannot take each other's
ports. A small plugin, integration/real_world/real_world_probe.py, records
whose mocks ``unittest.mock`` hands out in each run, so a switch that did not
switch shows.

    python3 scripts/matrix.py --group real-world               # the built wheel, every interpreter
    python3 scripts/real_world.py --python 3.12 --project aiocache   # a wheel built from the checkout
    python3 scripts/real_world.py --repeat 3 --markdown out.md  # timings (benchmarks/real_world.py)

The last line is ``N passed, N failed``: the tests that pass with the switch,
and the tests that pass with the stdlib but not with the switch (a run that
broke, or got the wrong mocks, counts one).
"""
import argparse
import concurrent.futures
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from typing import Any, Dict, List, NamedTuple, Sequence, Tuple

from interpreters import CACHE, LOGS, REPO, Interpreter, find_all, locked, since
from toolbox import (StepFailed, build_dists, download_sdist, ensure_venv, install_wheel, pip, sha256, tools_venv,
                     wheel_digest)

HERE = REPO / "integration" / "real_world"
HOME = CACHE / "real-world"
SWITCH = ("--asyncmock-replace",)
RUN_TIMEOUT = 900  # seconds for one pytest run of one suite


class Project(NamedTuple):
    """One real suite: its sdist on the package index, and how its CI runs it."""

    name: str  # the distribution's name, as pip knows it
    version: str
    sha256: str  # of the sdist
    pythons: Tuple[str, ...]  # the interpreters it supports among 3.8-3.15
    why: str
    pytest_args: Tuple[str, ...] = ()  # what its CI passes pytest, less coverage

    @property
    def requirements(self) -> Path:
        return HERE / (self.name + ".txt")

    @property
    def label(self) -> str:
        return "{}-{}".format(self.name, self.version)


PROJECTS = (
    Project("python-engineio", "4.15.1", "1a412e798a90c64fabe7b20798939ae6d4a03f34da8a33d5a21a25a8bbbc3612",
            since("3.8"), "Engine.IO server and client, asyncio and threads; about 1,400 lines of "
            "unittest.mock (AsyncMock, MagicMock, patch) in 520 tests",
            ("-p", "no:logging")),  # its tox.ini
    Project("python-socketio", "5.18.1", "07ab0e7c94a52833a67af1dc05958ad6fb0de69adc87de9198a61b22588c40d4",
            since("3.8"), "Socket.IO server and client over python-engineio; about 800 lines of "
            "unittest.mock in 670 tests, some against real servers on the loopback",
            ("-p", "no:logging", "--timeout=60")),  # its tox.ini
    Project("aiocache", "0.12.3", "f528b27bf4d436b497a1d0d1a8f59a542c153ab1e37c3621713cb376d44c4713",
            since("3.8"), "asyncio caches (memory, redis, memcached) of aio-libs; pytest-mock's mocker, "
            "create_autospec and patch.object(autospec=True) of async methods in 390 unit tests",
            # Its Makefile's `unit` target; addopts would add coverage (pytest-cov), the
            # loop scope silences pytest-asyncio 0.24+'s warning, an error under its filterwarnings.
            ("tests/ut", "-o", "addopts=--strict-markers", "-o", "asyncio_default_fixture_loop_scope=function")),
)
BY_NAME = {project.name: project for project in PROJECTS}
#: Every interpreter some project runs on: the matrix group's.
PYTHONS = tuple(v for v in since("3.8") if any(v in p.pythons for p in PROJECTS))
#: "project: test id" -> why it does not run. Only tests that fail offline in the baseline, or
#: (said so) cost a run far more than the rest of the suite.
DESELECTED = {
    "python-socketio: tests/async/test_admin.py::TestAsyncAdmin::test_admin_connect_with_others":
        "passes, but takes 45 s of a 60 s suite waiting on a long-polling client to time out; "
        "a real server on the loopback, not a mock",
}  # type: Dict[str, str]


# --- staging: the sdists and the project wheels, on the host -------------------

def stage(project: Project, pip_python: Path) -> Tuple[Path, Path]:
    """The project's sdist (downloaded with pip once, hash-checked) and the wheel built from it, cached."""
    home = HOME / "dists" / project.label
    with locked("real-world-dists"):
        if not (home / "complete").exists():
            home.parent.mkdir(parents=True, exist_ok=True)
            partial = Path(tempfile.mkdtemp(prefix=project.label + ".", dir=str(home.parent)))
            try:
                sdist = download_sdist(pip_python, project.name, project.version, project.sha256, partial)
                # Built by the sdist's own backend in an isolated build, on the host: a py3 wheel that
                # installs on every interpreter (a 3.8 build env may lack a backend new enough).
                pip(pip_python, "wheel", "--no-deps", "-w", partial, sdist)
                (partial / "complete").write_text(project.sha256)
                shutil.rmtree(str(home), ignore_errors=True)
                partial.rename(home)
            finally:
                shutil.rmtree(str(partial), ignore_errors=True)
    sdist, wheel = next(home.glob("*.tar.gz")), next(home.glob("*.whl"))
    if sha256(sdist) != project.sha256:
        raise RuntimeError("{} does not have the pinned sha256 {}".format(sdist, project.sha256))
    return sdist, wheel


# --- one suite, one interpreter ---------------------------------------------------

class Run(NamedTuple):
    """One pytest run of a suite."""

    seconds: float
    outcomes: Dict[str, Tuple[str, str]]  # test id -> (passed/failed/error/skipped, first line of the error)
    mocks: str  # whose mocks unittest.mock handed out: stdlib, asyncmock, or what was mixed
    broken: str  # why the run counted nothing ("" when pytest ran and wrote its report)

    def count(self, status: str) -> int:
        return sum(1 for outcome, _ in self.outcomes.values() if outcome == status)


class Outcome(NamedTuple):
    """A project on one interpreter: its runs with the stdlib and with the switch."""

    project: str
    version: str
    baseline: List[Run]
    switch: List[Run]
    setup: str = ""  # why no run happened ("" when they did)

    @property
    def regressions(self) -> Dict[str, str]:
        """Tests that passed in every baseline run and not in some switch run -> what they did."""
        if self.setup or not self.baseline or any(run.broken for run in self.baseline):
            return {}
        stable = set.intersection(*[{test for test, (status, _) in run.outcomes.items() if status == "passed"}
                                    for run in self.baseline])
        found = {}  # type: Dict[str, str]
        for run in [run for run in self.switch if not run.broken]:  # a broken run is one of the problems
            for test in sorted(stable):
                status, message = run.outcomes.get(test, ("missing", "not reported"))
                if status != "passed":
                    found.setdefault(test, "{}: {}".format(status, message).rstrip(": "))
        return found

    @property
    def problems(self) -> List[str]:
        """What fails the run, besides the regressions."""
        if self.setup:
            return ["setup failed: " + self.setup]
        found = ["the switch run broke: " + run.broken for run in self.switch if run.broken]
        found += ["a baseline run broke: " + run.broken for run in self.baseline if run.broken]
        found += ["the switch run got {} mocks".format(run.mocks) for run in self.switch
                  if not run.broken and run.mocks != "asyncmock"]
        found += ["the baseline run got {} mocks".format(run.mocks) for run in self.baseline
                  if not run.broken and run.mocks != "stdlib"]
        return found


def netns(argv: List[str]) -> List[str]:
    """*argv* in a new network namespace with only the loopback up, when we may make one."""
    if os.geteuid() != 0 or not (shutil.which("unshare") and shutil.which("ip")):
        return argv
    return ["unshare", "--net", "--", "/bin/sh", "-c", 'ip link set lo up && exec "$@"', "sh"] + argv


def parse_junit(path: Path) -> Dict[str, Tuple[str, str]]:
    """test id (path-like classname::name) -> (status, the first line of its error)."""
    rank = {"passed": 0, "skipped": 1, "failed": 2, "error": 3}
    outcomes = {}  # type: Dict[str, Tuple[str, str]]
    for case in ElementTree.parse(str(path)).iter("testcase"):
        test = "{}::{}".format(case.get("classname", ""), case.get("name", "")).lstrip(":")
        found = ("passed", "")
        for child in case:
            status = {"failure": "failed", "error": "error", "skipped": "skipped"}.get(child.tag)
            if status and rank[status] > rank[found[0]]:
                text = (child.get("message") or child.text or "").strip().splitlines()
                found = (status, text[0][:300] if text else "")
        if test not in outcomes or rank[found[0]] > rank[outcomes[test][0]]:
            outcomes[test] = found
    return outcomes


def mocks_of(path: Path) -> str:
    """stdlib or asyncmock, from the probe's record; else what it saw."""
    if not path.exists():
        return "unknown (the probe wrote nothing)"
    owners = json.loads(path.read_text())
    kinds = {"asyncmock" if module.split(".")[0] == "asyncmock" else "stdlib" if module == "unittest.mock"
             else module for module in owners.values()}
    if len(kinds) == 1:
        return kinds.pop()
    return "mixed (" + ", ".join("{}={}".format(name, module) for name, module in sorted(owners.items())) + ")"


def run_suite(project: Project, python: Interpreter, sdist: Path, switch: bool, extra: Sequence[str],
              log_path: Path) -> Run:
    """Unpack *sdist* afresh and run the suite once with *python* (the project's venv)."""
    with tempfile.TemporaryDirectory(prefix="asyncmock-real-world-") as tmp:
        work = Path(tmp)
        # The "data" filter (3.12, backported to 3.8.17+) spares a DeprecationWarning.
        safe = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}  # type: Dict[str, Any]
        with tarfile.open(str(sdist)) as archive:
            archive.extractall(str(work), **safe)
        source = next(path for path in work.iterdir() if path.is_dir())
        report, probe = work / "junit.xml", work / "probe.json"
        deselect = []  # type: List[str]
        for key in DESELECTED:
            name, _, test = key.partition(": ")
            if name == project.name:
                deselect += ["--deselect", test]
        command = [python.python.parent / "pytest", "-p", "no:cacheprovider", "-p", "real_world_probe",
                   "-rfE", "--junitxml", report, *project.pytest_args, *deselect, *(SWITCH if switch else ()),
                   *extra]  # type: List[object]
        env = {k: v for k, v in os.environ.items()
               if k not in ("PYTHONPATH", "PYTHONHOME", "PYTHONDEVMODE", "PYTHONASYNCIODEBUG", "PYTHONWARNINGS",
                            "PYTHONTRACEMALLOC", "PYTHONMALLOC", "ASYNCMOCK_EXPECT_INSTALLED")}
        env.update(PYTHONPATH=str(HERE), PYTHONDONTWRITEBYTECODE="1", ASYNCMOCK_REAL_WORLD_PROBE=str(probe))
        with log_path.open("a") as log:
            log.write("\n==== {} on {} {}\n".format(project.label, python.version,
                                                    "with " + " ".join(SWITCH) if switch else "(baseline)"))
            log.flush()
            start = time.monotonic()
            try:
                code = subprocess.run(netns(python.argv(command, source)), cwd=str(source), env=env,
                                      stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                      timeout=RUN_TIMEOUT).returncode
            except subprocess.TimeoutExpired:
                code = -1
            seconds = time.monotonic() - start
            log.write("exit code {} after {:.1f} s\n".format(code, seconds))
        if code == -1:
            return Run(seconds, {}, "", "timed out after {} s".format(RUN_TIMEOUT))
        if not report.exists() or code not in (0, 1):
            return Run(seconds, {}, "", "pytest exit code {} (see {})".format(code, log_path))
        return Run(seconds, parse_junit(report), mocks_of(probe), "")


def run_project(project: Project, base: Interpreter, staged: Tuple[Path, Path], wheel: Path, repeat: int,
                extra: Sequence[str]) -> Outcome:
    """Make (or reuse) the project's venv on *base*, then run its suite *repeat* times each way, alternately."""
    name = "real-world-{}-{}".format(project.name, base.version)
    log_path = LOGS / (name + ".log")
    venv = HOME / "venvs" / "{}-{}".format(project.label, base.version)
    sdist, project_wheel = staged
    with locked(name):
        with log_path.open("w") as log:
            # The venv's key covers this file, so a new pin or project wheel rebuilds it.
            requirements = HOME / "requirements" / "{}-{}.txt".format(project.label, base.version)
            requirements.parent.mkdir(parents=True, exist_ok=True)
            requirements.write_text("-r {}\n{}  # from the sdist, sha256 {}\n".format(
                project.requirements, project_wheel, project.sha256))
            try:
                python = ensure_venv(base, venv, requirements, log)
                install_wheel(python, wheel, wheel_digest(wheel), log)
            except (StepFailed, subprocess.CalledProcessError) as error:
                return Outcome(project.name, base.version, [], [], "{} (see {})".format(error, log_path))
        baseline, switch = [], []  # type: List[Run], List[Run]
        for _ in range(repeat):
            baseline.append(run_suite(project, python, sdist, False, extra, log_path))
            switch.append(run_suite(project, python, sdist, True, extra, log_path))
    return Outcome(project.name, base.version, baseline, switch)


# --- the report -------------------------------------------------------------------------

def best(runs: Sequence[Run]) -> float:
    return min(run.seconds for run in runs) if runs else float("nan")


def cells(runs: Sequence[Run]) -> str:
    """passed/failed(+errors) of the first run, and the fastest time."""
    if not runs:
        return "-"
    first = runs[0]
    if first.broken:
        return "broke"
    return "{}/{} {:.1f}s".format(first.count("passed"), first.count("failed") + first.count("error"), best(runs))


def table(outcomes: Sequence[Outcome]) -> List[str]:
    rows = ["{:<16} {:<6} {:>18} {:>18} {:>7}  {}".format(
        "project", "python", "stdlib pass/fail", "switch pass/fail", "ratio", "note")]
    for o in outcomes:
        note = "; ".join(o.problems + (["{} regressions".format(len(o.regressions))] if o.regressions else []))
        ratio = best(o.baseline) / best(o.switch) if o.baseline and o.switch else float("nan")
        rows.append("{:<16} {:<6} {:>18} {:>18} {:>6.2f}x  {}".format(
            o.project, o.version, cells(o.baseline), cells(o.switch), ratio, note).rstrip())
    return rows


def markdown(outcomes: Sequence[Outcome], repeat: int, wheel: Path) -> str:
    """The benchmark page: the projects, then per project and interpreter the runs and the ratio."""
    lines = ["# Whole real suites, with and without the switch", "",
             "{} (files sha256 {}), {}, {} cores.".format(
                 wheel.name, wheel_digest(wheel)[:12], time.strftime("%Y-%m-%d"), os.cpu_count()), "",
             "Written by `benchmarks/real_world.py` (scripts/real_world.py --repeat {}): each project's own".format(
                 repeat),
             "test suite from its pinned sdist, run unmodified with pytest, once with the standard library's",
             "`unittest.mock` and once with `--asyncmock-replace`, alternately, {} time(s) each; the times".format(
                 repeat),
             "are the fastest wall time of each (pytest's start-up and collection included). The ratio is",
             "stdlib time / switch time: above 1 the suite runs faster with asyncmock. Failed counts",
             "failures and errors; a test that passes with the stdlib only makes the runner fail.", "",
             "| project | version | why |", "| --- | --- | --- |"]
    lines += ["| {} | {} | {} |".format(p.name, p.version, p.why) for p in PROJECTS]
    lines += ["", "| project | python | stdlib passed/failed | stdlib s | switch passed/failed | switch s | ratio |",
              "| --- | --- | --- | ---: | --- | ---: | ---: |"]
    for o in outcomes:
        if o.setup or not o.baseline:
            lines.append("| {} | {} | setup failed | | | | |".format(o.project, o.version))
            continue
        b, s = o.baseline[0], o.switch[0]
        lines.append("| {} | {} | {}/{} | {:.2f} | {}/{} | {:.2f} | {:.2f}x |".format(
            o.project, o.version, b.count("passed"), b.count("failed") + b.count("error"), best(o.baseline),
            s.count("passed"), s.count("failed") + s.count("error"), best(o.switch),
            best(o.baseline) / best(o.switch)))
    if DESELECTED:
        lines += ["", "Deselected: " + "; ".join("`{}` ({})".format(k, v) for k, v in DESELECTED.items()) + "."]
    return "\n".join(lines) + "\n"


def report(outcomes: Sequence[Outcome]) -> Tuple[int, int]:
    """Print the table, the baseline's own failures and the regressions; (passed, failed) for the closing line."""
    print("\n".join(table(outcomes)))
    for key, why in DESELECTED.items():
        print("deselected {}: {}".format(key, why))
    for o in outcomes:
        for run in o.baseline[:1]:
            failing = sorted(test for test, (status, _) in run.outcomes.items() if status in ("failed", "error"))
            if failing:
                print("{} on {}: {} tests fail with the stdlib too, not counted: {}".format(
                    o.project, o.version, len(failing), " ".join(failing)))
    passed = failed = 0
    for o in outcomes:
        passed += o.switch[0].count("passed") if o.switch else 0
        failed += len(o.regressions) + len(o.problems)
        for problem in o.problems:
            print("FAIL {} on {}: {}".format(o.project, o.version, problem))
        for test, what in o.regressions.items():
            print("FAIL {} on {}: {} passes with the stdlib, with the switch {}".format(o.project, o.version, test,
                                                                                        what))
    return passed, failed


def main() -> int:
    argv = sys.argv[1:]
    extra = argv[argv.index("--") + 1:] if "--" in argv else []
    argv = argv[:argv.index("--")] if "--" in argv else argv
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0], epilog="Arguments after -- go to pytest.")
    parser.add_argument("--python", action="append", choices=PYTHONS, help="only this X.Y (repeatable)")
    parser.add_argument("--project", action="append", choices=sorted(BY_NAME), help="only this one (repeatable)")
    parser.add_argument("--wheel", type=Path, help="the asyncmock wheel to test (default: build the checkout's)")
    parser.add_argument("--repeat", type=int, default=1, help="runs each way, alternately; times are the fastest")
    parser.add_argument("--jobs", type=int, default=2, help="suites at a time (1 for timings)")
    parser.add_argument("--markdown", type=Path, help="write the results as a benchmark page there")
    parser.add_argument("--json", type=Path, help="write the results there too")
    args = parser.parse_args(argv)
    projects = [BY_NAME[name] for name in args.project] if args.project else list(PROJECTS)
    versions = args.python or list(PYTHONS)
    LOGS.mkdir(parents=True, exist_ok=True)
    found, notes = find_all(versions)
    for note in notes:
        print("note: " + note, flush=True)
    try:
        staged = {project.name: stage(project, Path(sys.executable)) for project in projects}
    except RuntimeError as error:
        print("FAIL staging the sdists: {}".format(error))
        print("0 passed, 1 failed")
        return 1
    with tempfile.TemporaryDirectory(prefix="asyncmock-real-world-wheel-") as tmp:
        # Outside the matrix (which passes the wheel it built): the checkout's, built as the matrix builds it.
        wheel = args.wheel or build_dists(tools_venv(), Path(tmp)).wheel
        jobs = [(project, found[v]) for v in versions if v in found for project in projects if v in project.pythons]
        with concurrent.futures.ThreadPoolExecutor(max(1, args.jobs)) as pool:
            outcomes = list(pool.map(lambda job: run_project(job[0], job[1], staged[job[0].name], wheel,
                                                             max(1, args.repeat), extra), jobs))
        if args.markdown:
            args.markdown.write_text(markdown(outcomes, max(1, args.repeat), wheel))
    passed, failed = report(outcomes)
    missing = [v for v in versions if v not in found]
    for version in missing:
        print("FAIL python{}: not found".format(version))
    if args.json:
        args.json.write_text(json.dumps([{"project": o.project, "python": o.version, "setup": o.setup,
                                          "problems": o.problems, "regressions": o.regressions,
                                          "baseline": [r._asdict() for r in o.baseline],
                                          "switch": [r._asdict() for r in o.switch]} for o in outcomes], indent=1))
    failed += len(missing)
    print("{} passed, {} failed".format(passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
