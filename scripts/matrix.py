#!/usr/bin/env python3
"""Run the test suites on every supported Python, against the built wheel.

This is the project's one test command. It builds the sdist, and the
py3-none-any wheel from it, once; checks both (the "package" step); installs
the wheel into a cached virtualenv per interpreter and group (under
~/.cache/asyncmock-matrix or $ASYNCMOCK_MATRIX_CACHE, rebuilt when a
requirements file it reads changes) and runs pytest there from outside the
checkout, so the code under test is what users install. The core group runs
under coverage.py, and the data of every interpreter is combined at the end.
Interpreters come from scripts/interpreters.py: pyenv or the PATH first;
PyPy 3.9 is Debian's pypy3 package, installed here when it is missing and
apt-get can be used; CPython 3.14 and 3.15 and PyPy 3.11, when the host lacks
them, run in a Debian sid chroot made once and cached (as root). The venvs
and the wheel are made with scripts/toolbox.py; scripts/README.md maps the
scripts this one builds on.

    python3 scripts/matrix.py                            # everything
    python3 scripts/matrix.py --python 3.6 --group core -- -x -k patch

Exits non-zero when an interpreter is missing, a step or a test fails. The
last line is ``N passed, N failed``; a run that broke before pytest counted
anything adds 1 to the failures.
"""
import argparse
import concurrent.futures
import email.parser
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from pathlib import Path
from typing import IO, Any, Dict, List, NamedTuple, Optional, Sequence, Tuple

# The scripts below this one (scripts/README.md), also when this file is loaded
# by its path (as tests/test_infrastructure.py does) rather than run as a script.
sys.path.insert(0, str(Path(__file__).resolve().parent))
try:
    from interpreters import CACHE, CPYTHONS, LOGS, PYPYS, REPO, VERSIONS, Interpreter, find_all, locked, since
    # requirement_files: tests/test_infrastructure.py reads the groups' requirements with it, from here.
    from toolbox import (Dist, StepFailed, build_dists, check, ensure_venv, install_wheel, requirement_files, step,
                         tools_venv)
    import conformance
    import conformance_staging
    import real_world
finally:
    del sys.path[0]

#: Groups that run only when named with --group.
OPT_IN = ("real-world",)


class Group(NamedTuple):
    requirements: Path
    dirs: Tuple[str, ...]  # test directories; missing ones are left out
    pythons: Tuple[str, ...]  # the interpreters the group runs on
    pytest_args: Tuple[str, ...] = ()
    coverage: bool = False


INTEGRATION = REPO / "integration"
#: pytest-asyncio 0.24+ warns (an error here) unless the default fixture loop
#: scope is set; an -o option the installed release does not know is ignored.
ASYNCIO_LOOP_SCOPE = ("-o", "asyncio_default_fixture_loop_scope=function")
GROUPS = {
    "core": Group(REPO / "requirements" / "core.txt", ("tests", "docs/examples"), VERSIONS, coverage=True),
    "trio": Group(INTEGRATION / "trio" / "requirements.txt", ("integration/trio",), VERSIONS, coverage=True),
    "asyncio-strict": Group(INTEGRATION / "pytest_asyncio_strict" / "requirements.txt",
                            ("integration/pytest_asyncio_strict",), since("3.7"),
                            ASYNCIO_LOOP_SCOPE + ("-o", "asyncio_mode=strict")),
    "asyncio-auto": Group(INTEGRATION / "pytest_asyncio_auto" / "requirements.txt",
                          ("integration/pytest_asyncio_auto",), since("3.7"),
                          ASYNCIO_LOOP_SCOPE + ("-o", "asyncio_mode=auto")),
    "pytest-trio": Group(INTEGRATION / "pytest_trio" / "requirements.txt", ("integration/pytest_trio",),
                         since("3.7")),
    "anyio": Group(INTEGRATION / "anyio" / "requirements.txt", ("integration/anyio",), CPYTHONS),
    "pytest-mock": Group(INTEGRATION / "pytest_mock" / "requirements.txt", ("integration/pytest_mock",), CPYTHONS),
    # unittest.IsolatedAsyncioTestCase from 3.8, asyncmock's backport on 3.6
    # and 3.7 (integration/unittest_testcase/_bases.py): every version.
    "unittest": Group(INTEGRATION / "unittest_testcase" / "requirements.txt",
                      ("integration/unittest_testcase",), VERSIONS),
    # The whole core suite again, in two worker processes: on the oldest and
    # newest Python only, as it costs as much as the core group itself.
    "xdist": Group(INTEGRATION / "xdist" / "requirements.txt", ("tests", "docs/examples", "integration/xdist"),
                   (CPYTHONS[0], CPYTHONS[-1]), ("-n", "2")),
    # Upstream's own unittest.mock suites (CPython 3.13's everywhere, 3.14's and
    # 3.15's on their own interpreters, mock 5.2's) rewritten to import
    # asyncmock, run by scripts/conformance.py rather than pytest.
    "conformance": Group(REPO / "requirements" / "conformance.txt", (), VERSIONS, coverage=True),
    # Real async projects' own suites from their pinned sdists, with the stdlib's mocks and with
    # asyncmock's switch, run by scripts/real_world.py in a venv per project it makes itself.
    "real-world": Group(INTEGRATION / "real_world" / "requirements.txt", (), real_world.PYTHONS),
}
#: Groups whose runner is a script of ours, given the interpreter rather than a venv of the group's.
OWN_VENVS = ("real-world",)
DURATIONS = CACHE / "durations.json"  # last run's seconds per job: the longest start first
SUMMARY = LOGS / "summary.txt"
TAIL_LINES = 60


class Job(NamedTuple):
    version: str
    group: str
    python: Optional[Interpreter]

    @property
    def name(self) -> str:
        return "{}-{}".format(self.group, self.version)


class Result(NamedTuple):
    job: Job
    status: str  # ok, FAIL, missing, skipped
    passed: int
    failed: int
    seconds: float
    note: str = ""
    log: str = ""  # the output of a failed job


# --- the package step --------------------------------------------------------

#: The sdist carries these and every file in SDIST_DIRS, so packagers can run
#: the suites (and this script) from it.
SDIST_MUST_HAVE = ("LICENSE", "README.md", "CHANGELOG.md", "pyproject.toml", "asyncmock/__init__.py",
                   "asyncmock/py.typed", "tests/conftest.py", "integration/trio/test_trio.py")
SDIST_DIRS = ("tests", "docs", "integration", "benchmarks", "scripts", "requirements")
CLASSIFIER_CHECK = ("import sys, trove_classifiers as t\n"
                    "bad = [c for c in sys.argv[1:] if c not in t.classifiers or c in t.deprecated_classifiers]\n"
                    "print('\\n'.join(bad)); sys.exit(1 if bad else 0)")


def package_problems(dist: Dist, tools_python: Path, log: IO[str]) -> List[str]:
    """What is wrong with the sdist and wheel; empty when they are fit to publish."""
    problems = []
    if step(log, [tools_python, "-m", "twine", "check", "--strict", dist.sdist, dist.wheel]):
        problems.append("twine check failed")
    with zipfile.ZipFile(str(dist.wheel)) as archive:
        names = set(archive.namelist())
        metadata_name = next(n for n in names if n.endswith(".dist-info/METADATA"))
        metadata = email.parser.Parser().parsestr(archive.read(metadata_name).decode())
    if "asyncmock/py.typed" not in names:
        problems.append("the wheel lacks asyncmock/py.typed")
    stray = sorted(n for n in names if not n.startswith(("asyncmock/", "asyncmock-")))
    if stray:
        problems.append("the wheel carries files outside the package: " + ", ".join(stray))
    with tarfile.open(str(dist.sdist)) as archive:
        members = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    wanted = list(SDIST_MUST_HAVE) + [
        str(path.relative_to(REPO)) for top in SDIST_DIRS for path in sorted((REPO / top).rglob("*"))
        if path.is_file() and not {"__pycache__", ".pytest_cache"} & set(path.parts)]
    problems += ["the sdist lacks " + name for name in wanted if name not in members]
    if metadata["Requires-Python"] != ">=" + CPYTHONS[0]:
        problems.append("Requires-Python is {!r}, not >={}".format(metadata["Requires-Python"], CPYTHONS[0]))
    classifiers = metadata.get_all("Classifier") or []
    wanted_classifiers = ["Programming Language :: Python :: " + v for v in CPYTHONS]
    wanted_classifiers += ["Programming Language :: Python :: Implementation :: CPython",
                           "Programming Language :: Python :: Implementation :: PyPy", "Typing :: Typed"]
    problems += ["classifier missing: " + c for c in wanted_classifiers if c not in classifiers]
    if step(log, [tools_python, "-c", CLASSIFIER_CHECK] + classifiers):
        problems.append("unknown or deprecated classifiers (see log)")
    return problems


def run_package(job: Job, dist: Dist, tools_python: Path) -> Result:
    start = time.monotonic()
    log_path = LOGS / (job.name + ".log")
    with log_path.open("w") as log:
        problems = package_problems(dist, tools_python, log)
        log.write("".join("problem: {}\n".format(p) for p in problems))
    seconds = time.monotonic() - start
    if problems:
        return Result(job, "FAIL", 0, 1, seconds, "; ".join(problems), log_path.read_text())
    return Result(job, "ok", 0, 0, seconds, "{} and {}: twine check, contents, metadata".format(
        dist.sdist.name, dist.wheel.name))


def run_tool_script(job: Job, script: str) -> Result:
    """Run scripts/<script> (the type check, the docs build) as one step of the matrix."""
    start = time.monotonic()
    log_path = LOGS / (job.name + ".log")
    with log_path.open("w") as log:
        code = step(log, [sys.executable, str(REPO / "scripts" / script)], cwd=REPO)
    seconds = time.monotonic() - start
    text = log_path.read_text()
    last = text.strip().splitlines()[-1] if text.strip() else ""
    if code:
        return Result(job, "FAIL", 0, 1, seconds, last, text)
    return Result(job, "ok", 0, 0, seconds, last)


# --- test jobs ---------------------------------------------------------------

def test_dirs(group: str) -> List[Path]:
    return [REPO / d for d in GROUPS[group].dirs if (REPO / d).is_dir()]


def has_tests(dirs: Sequence[Path]) -> bool:
    return any(next(d.rglob(pattern), None) for d in dirs for pattern in ("test_*.py", "*_test.py"))


def count(log_text: str) -> Tuple[int, int]:
    """(passed, failed + errors) from pytest's closing summary line.

    That is the last ``=== ... in 1.23s ===`` line: an unframed one may come
    from a pytest run that a test started.
    """
    for line in reversed(log_text.splitlines()):
        plain = re.fullmatch(r"(\d+) passed, (\d+) failed(, \d+ skipped)?", line.strip())
        if plain:  # scripts/conformance.py's closing line
            return int(plain.group(1)), int(plain.group(2))
        if (line.startswith("=") and re.search(r"\d+ (passed|failed|errors?)\b|no tests ran", line)
                and " in " in line):
            numbers = {word.rstrip("s"): int(n) for n, word in re.findall(r"(\d+) (\w+)", line)}
            return numbers.get("passed", 0), numbers.get("failed", 0) + numbers.get("error", 0)
    return 0, 0


def job_command(job: Job, python: Path, dirs: Sequence[Path], extra: Sequence[str], suites: Dict[str, Path],
                env: Dict[str, str], workdir: Path, wheel: Path) -> List[object]:
    """What runs *job*'s tests with its venv's *python*; a coverage run sets COVERAGE_FILE in *env*."""
    group = GROUPS[job.group]
    if job.group == "real-world":  # on the host: it makes the venvs and runs the suites where *python* runs
        return [sys.executable, REPO / "scripts" / "real_world.py", "--python", job.version, "--wheel", wheel,
                "--jobs", "1", *(["--", *extra] if extra else [])]
    if job.group == "conformance":
        command = [python, REPO / "scripts" / "conformance.py", *extra]  # type: List[object]
        for name, path in conformance_staging.suites_for(job.version, suites):
            command += ["--suite", "{}={}".format(name, path)]
        if group.coverage:  # each suite's own process runs under coverage.py
            env["COVERAGE_FILE"] = str(workdir / "coverage" / ".coverage.{}-conformance".format(job.version))
            env[conformance.COVERAGE_VARIABLE] = "1"
        return command
    # The venv's own pytest script, started outside the checkout: only the
    # installed wheel can satisfy `import asyncmock` (conftest checks it).
    command = [python.parent / "pytest"]
    if group.coverage:
        # One data file per interpreter (the parallel-mode suffix makes it
        # unique), measured in site-packages; combine() maps it back.
        env["COVERAGE_FILE"] = str(workdir / "coverage" / ".coverage.{}".format(job.version))
        command = [python, "-m", "coverage", "run", "--branch", "--parallel-mode", "--source=asyncmock"] + command
    return command + ["-p", "no:cacheprovider", "-W", "error", *group.pytest_args, *dirs, *extra]


def run_job(job: Job, dist: Dist, workdir: Path, extra: Sequence[str],
            suites: Optional[Dict[str, Path]] = None) -> Result:
    """Run *job*'s group on its interpreter; *suites* are the staged upstream suites (conformance)."""
    start = time.monotonic()
    group = GROUPS[job.group]

    def result(status: str, passed: int = 0, failed: int = 0, note: str = "", log: str = "") -> Result:
        return Result(job, status, passed, failed, time.monotonic() - start, note, log)

    if job.python is None:
        return result("missing", failed=1, note="no {} found".format(
            job.version if job.version in PYPYS else "python" + job.version))
    dirs = test_dirs(job.group)
    if job.group == "conformance" and not suites:
        return result("FAIL", failed=1, note="the upstream suites could not be staged (see the note above)")
    if job.group not in ("conformance",) + OWN_VENVS and not has_tests(dirs):
        return result("skipped", note="no test files in " + " ".join(group.dirs))
    log_path = LOGS / (job.name + ".log")
    with locked(job.name), log_path.open("w") as log:
        try:
            python = job.python
            if job.group not in OWN_VENVS:
                python = ensure_venv(job.python, CACHE / job.name, group.requirements, log)
                install_wheel(python, dist.wheel, dist.digest, log)
        except (StepFailed, subprocess.CalledProcessError) as error:
            log.flush()
            return result("FAIL", failed=1, note="setup failed: {}".format(error), log=log_path.read_text())
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
        # Dev mode (3.7+) includes asyncio debug mode. No PYTHONASYNCIODEBUG for
        # 3.6: there it wraps every coroutine in a CoroWrapper users never see.
        env.update(PYTHONDEVMODE="1", PYTHONDONTWRITEBYTECODE="1",
                   ASYNCMOCK_EXPECT_INSTALLED="1")
        command = job_command(job, python.python, dirs, extra, suites or {}, env, workdir, dist.wheel)
        code = step(log, command, cwd=workdir, env=env, on=None if job.group in OWN_VENVS else python)
        log.flush()
        output = log_path.read_text()  # still ours: a concurrent run waits for the lock
    passed, failed = count(output)
    if code:
        runner = {"conformance": "conformance.py", "real-world": "real_world.py"}.get(job.group, "pytest")
        return result("FAIL", passed, max(failed, 1), note="{} exit code {}".format(runner, code), log=output)
    return result("ok", passed, failed)


# --- coverage ----------------------------------------------------------------

def combine_coverage(tools_python: Path, dist: Dist, data_dir: Path) -> Tuple[str, Optional[Dict[str, Any]], bool]:
    """Combine the core runs' data; return the report text, coverage's JSON totals,
    and whether the total is below ``fail_under`` ([tool.coverage.report]).

    The report reads the source from the unpacked sdist, the very code the
    wheel was built from, even if the checkout changed during the run.
    """
    if not any(data_dir.glob(".coverage.*")):
        return "", None, False
    with tarfile.open(str(dist.sdist)) as archive:
        # The "data" filter (3.12, backported to 3.8.17+) spares a DeprecationWarning.
        safe = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}  # type: Dict[str, Any]
        archive.extractall(str(data_dir), **safe)
    source = data_dir / dist.sdist.name[:-len(".tar.gz")]
    env = dict(os.environ, COVERAGE_FILE=str(data_dir / ".coverage"))
    rcfile = "--rcfile={}".format(source / "pyproject.toml")
    json_path = data_dir / "coverage.json"
    with (LOGS / "coverage.log").open("w") as log:
        # [tool.coverage.paths] maps each venv's site-packages/asyncmock onto
        # ./asyncmock, relative to the unpacked sdist.
        check(log, [tools_python, "-m", "coverage", "combine", rcfile, data_dir], cwd=source, env=env)
        report = subprocess.run([str(tools_python), "-m", "coverage", "report", rcfile], cwd=str(source), env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True)
        log.write(report.stdout)
        # Both commands exit 2 when the total is below fail_under; the report says by how much.
        code = step(log, [tools_python, "-m", "coverage", "json", rcfile, "-q", "-o", json_path], cwd=source, env=env)
        if code not in (0, 2):
            raise StepFailed("coverage json")
    totals = json.loads(json_path.read_text())["totals"]
    return report.stdout, totals, report.returncode == 2


def coverage_line(totals: Dict[str, Any], versions: Sequence[str]) -> str:
    return ("coverage of asyncmock, lines and branches combined over {}: {:.2f}% "
            "({}/{} lines, {}/{} branches)").format(
        " ".join(versions), totals["percent_covered"], totals["covered_lines"], totals["num_statements"],
        totals["covered_branches"], totals["num_branches"])


# --- the run -------------------------------------------------------------------

def parse_args() -> Tuple[argparse.Namespace, List[str]]:
    argv = sys.argv[1:]
    extra = argv[argv.index("--") + 1:] if "--" in argv else []
    argv = argv[:argv.index("--")] if "--" in argv else argv
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0], epilog="Arguments after -- go to pytest.")
    parser.add_argument("--python", action="append", choices=VERSIONS,
                        help="run only this X.Y, pypy3 or pypy3.11 (repeatable)")
    parser.add_argument("--group", action="append", choices=sorted(GROUPS), help="run only this group (repeatable)")
    parser.add_argument("--jobs", type=int, default=2, help="runs at a time (default: 2)")
    parser.add_argument("--no-provision", action="store_true",
                        help="install nothing as root (no apt-get, no sid chroot); missing interpreters fail the run")
    return parser.parse_args(argv), extra


def longest_first(jobs: List[Job]) -> List[Job]:
    """Order jobs by last run's duration, unknown ones first, so two workers finish together."""
    try:
        seconds = json.loads(DURATIONS.read_text())
    except (OSError, ValueError):
        seconds = {}
    return sorted(jobs, key=lambda job: -seconds.get(job.name, 1000.0))


def save_durations(results: Sequence[Result]) -> None:
    try:
        seconds = json.loads(DURATIONS.read_text())
    except (OSError, ValueError):
        seconds = {}
    seconds.update({r.job.name: round(r.seconds, 1) for r in results if r.status in ("ok", "FAIL")})
    DURATIONS.write_text(json.dumps(seconds, indent=0, sort_keys=True))


def table(results: Sequence[Result]) -> str:
    order = {name: i for i, name in enumerate(["package", "typecheck", "docs"] + list(GROUPS) + ["coverage"])}
    rows = ["{:<7} {:<14} {:<8} {:>6} {:>6} {:>8}  {}".format(
        "python", "group", "result", "passed", "failed", "seconds", "note")]
    for r in sorted(results, key=lambda r: (order[r.job.group], VERSIONS.index(r.job.version)
                                            if r.job.version in VERSIONS else -1)):
        rows.append("{:<7} {:<14} {:<8} {:>6} {:>6} {:>8.1f}  {}".format(
            r.job.version, r.job.group, r.status, r.passed, r.failed, r.seconds, r.note).rstrip())
    return "\n".join(rows)


def print_failure_logs(results: Sequence[Result]) -> None:
    for r in results:
        if r.status == "FAIL" and r.log:
            tail = r.log.splitlines()[-TAIL_LINES:]
            print("\n---- {} (last {} lines) ----".format(LOGS / (r.job.name + ".log"), len(tail)))
            print("\n".join(tail))


def main() -> int:
    started = time.monotonic()
    args, extra = parse_args()
    versions = args.python or list(VERSIONS)
    # The real-world suites (--group real-world) run when asked for: they
    # download and run other projects' suites, twice each.
    groups = args.group or [g for g in GROUPS if g not in OPT_IN]
    LOGS.mkdir(parents=True, exist_ok=True)
    wanted = [v for v in versions if any(v in GROUPS[g].pythons for g in groups)]
    if "conformance" in groups and conformance_staging.REFERENCE not in wanted:
        wanted.append(conformance_staging.REFERENCE)  # its suite runs on every interpreter
    # Finds each interpreter, and provisions the missing ones it can (as root).
    found, notes = find_all(wanted, provision=not args.no_provision)
    for note in notes:
        print("note: " + note, flush=True)
    jobs = [Job(v, g, found.get(v)) for g in groups for v in versions if v in GROUPS[g].pythons]
    tools_python = tools_venv()
    suites = {}  # type: Dict[str, Path]
    if "conformance" in groups:
        try:
            suites = conformance_staging.stage_all(found, tools_python)
        except (OSError, RuntimeError, subprocess.CalledProcessError) as error:
            print("note: the conformance group's upstream suites could not be staged: {}".format(error), flush=True)
    with tempfile.TemporaryDirectory(prefix="asyncmock-matrix-") as tmp:
        workdir = Path(tmp)
        dist = build_dists(tools_python, workdir / "dist")
        print("built {} and {} in {:.1f}s; logs in {}".format(
            dist.sdist.name, dist.wheel.name, time.monotonic() - started, LOGS), flush=True)
        package_job = Job("tools", "package", Interpreter("tools", tools_python))
        with concurrent.futures.ThreadPoolExecutor(max(1, args.jobs)) as pool:
            futures = [pool.submit(run_package, package_job, dist, tools_python)]
            if args.group is None and args.python is None:  # the full run only
                futures += [pool.submit(run_tool_script, Job("tools", name, None), script)
                            for name, script in (("typecheck", "typecheck.py"), ("docs", "docs.py"))]
            futures += [pool.submit(run_job, job, dist, workdir, extra, suites) for job in longest_first(jobs)]
            for future in concurrent.futures.as_completed(futures):
                r = future.result()
                print("[{} {}] {}: {} passed, {} failed in {:.1f}s {}".format(
                    r.job.version, r.job.group, r.status, r.passed, r.failed, r.seconds, r.note).rstrip(), flush=True)
        results = [f.result() for f in futures]
        measured = [v for v in VERSIONS if any(r.job.version == v and GROUPS[r.job.group].coverage and r.passed
                                               for r in results if r.job.group in GROUPS)]
        try:
            coverage_report, totals, below_threshold = combine_coverage(tools_python, dist, workdir / "coverage")
        except StepFailed as error:
            coverage_report, totals, below_threshold = "", None, False
            results.append(Result(Job("tools", "coverage", None), "FAIL", 0, 1, 0.0,
                                  "combining failed: {} (see {})".format(error, LOGS / "coverage.log")))
        if below_threshold and args.group is None and args.python is None and not extra:
            # The full run measures every interpreter: below fail_under there is a failure.
            results.append(Result(Job("tools", "coverage", None), "FAIL", 0, 1, 0.0,
                                  coverage_report.rstrip().splitlines()[-1]))
        elif below_threshold:
            # Not a failure here: leave out coverage's own "Coverage failure" line.
            coverage_report = "".join(line for line in coverage_report.splitlines(True)
                                      if not line.startswith("Coverage failure"))
            coverage_report += "(a partial run: fail_under is enforced on the full run only)\n"
    save_durations(results)
    summary = [table(results)]
    if totals is not None:
        summary += ["", coverage_report.rstrip(), "", coverage_line(totals, measured)]
    passed = sum(r.passed for r in results)
    failed = sum(r.failed for r in results)
    summary += ["", "matrix wall time: {:.1f}s".format(time.monotonic() - started)]
    print()
    print("\n".join(summary[:1]))
    print_failure_logs(results)
    print("\n".join(summary[1:]))
    SUMMARY.write_text("\n".join(summary + ["{} passed, {} failed".format(passed, failed)]) + "\n")
    print("\n{} passed, {} failed".format(passed, failed))
    return 1 if failed or any(r.status in ("FAIL", "missing") for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
