#!/usr/bin/env python3
"""Run the test suites on every supported Python, against the built wheel.

This is the project's one test command. It builds a py3-none-any wheel once,
installs it into a cached virtualenv per interpreter and group (under
~/.cache/asyncmock-matrix, rebuilt when a requirements file changes) and runs
pytest there from outside the checkout, so the code under test is what users
install. Groups: ``core`` runs tests/ (and docs/examples/), ``trio`` runs
integration/trio/ with trio installed.

    python3 scripts/matrix.py                            # everything
    python3 scripts/matrix.py --python 3.6 --group core -- -x -k patch

Exits non-zero when an interpreter is missing or a run fails. The last line is
``N passed, N failed``; a run that broke before pytest counted anything adds 1
to the failures.
"""
import argparse
import concurrent.futures
import hashlib
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import IO, Dict, List, NamedTuple, Optional, Sequence, Tuple

REPO = Path(__file__).resolve().parent.parent
VERSIONS = ("3.6", "3.7", "3.8", "3.9", "3.10", "3.11", "3.12", "3.13")
CORE_REQUIREMENTS = REPO / "requirements" / "core.txt"
# group -> (requirements file, test directories; missing directories are left out)
GROUPS = {
    "core": (CORE_REQUIREMENTS, ("tests", "docs/examples")),
    "trio": (REPO / "integration" / "trio" / "requirements.txt", ("integration/trio",)),
}
CACHE = Path(os.environ.get("ASYNCMOCK_MATRIX_CACHE", str(Path.home() / ".cache" / "asyncmock-matrix")))
LOGS = CACHE / "logs"
STEP_TIMEOUT = 900  # seconds for one pip or pytest call: a hang must not eat CI's time
TAIL_LINES = 60


class Job(NamedTuple):
    version: str
    group: str
    python: Optional[Path]


class Result(NamedTuple):
    job: Job
    status: str  # ok, FAIL, missing, skipped
    passed: int
    failed: int
    seconds: float
    note: str = ""


class StepFailed(Exception):
    """A setup command failed; its output is in the job's log."""


def pyenv_roots() -> List[Path]:
    """Where pyenv keeps interpreters: `pyenv root`, then the usual fallbacks."""
    roots = []
    try:
        out = subprocess.run(["pyenv", "root"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                             universal_newlines=True, check=True).stdout.strip()
        roots.append(Path(out))
    except (OSError, subprocess.CalledProcessError):
        pass
    roots += [Path(os.environ.get("PYENV_ROOT", "~/.pyenv")).expanduser(), Path("~/.pyenv").expanduser()]
    return roots


def find_interpreter(version: str, roots: Sequence[Path]) -> Optional[Path]:
    """The newest pyenv X.Y.Z for *version*, else pythonX.Y on PATH."""
    for root in roots:
        installs = [p for p in (root / "versions").glob(version + ".*")
                    if re.fullmatch(re.escape(version) + r"\.\d+", p.name) and (p / "bin" / "python").exists()]
        if installs:
            newest = max(installs, key=lambda p: int(p.name.rsplit(".", 1)[1]))
            return newest / "bin" / "python"
    found = shutil.which("python" + version)
    return Path(found) if found else None


def build_wheel(dest: Path) -> Path:
    """Build the one wheel every interpreter installs."""
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dest), str(REPO)],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True)
    wheels = sorted(dest.glob("asyncmock-*-py3-none-any.whl"))
    if proc.returncode or len(wheels) != 1:
        sys.exit("wheel build failed:\n" + proc.stdout)
    return wheels[0]


def step(log: IO[str], command: Sequence[object], cwd: Optional[Path] = None,
         env: Optional[Dict[str, str]] = None) -> int:
    """Run *command* with its output appended to *log*; return its exit code."""
    log.write("$ " + " ".join(shlex.quote(str(part)) for part in command) + "\n")
    log.flush()
    try:
        return subprocess.run([str(part) for part in command], stdout=log, stderr=subprocess.STDOUT,
                              stdin=subprocess.DEVNULL, timeout=STEP_TIMEOUT, cwd=cwd, env=env).returncode
    except subprocess.TimeoutExpired:
        log.write("\n*** timed out after {} s\n".format(STEP_TIMEOUT))
        return 124


def check(log: IO[str], command: Sequence[object]) -> None:
    if step(log, command):
        raise StepFailed(" ".join(str(part) for part in command[:4]))


def ensure_venv(job: Job, log: IO[str]) -> Path:
    """Create or reuse the job's virtualenv; return its directory."""
    assert job.python is not None
    requirements = GROUPS[job.group][0]
    interpreter = subprocess.run([str(job.python), "-c", "import sys; print(sys.version)"],
                                 stdout=subprocess.PIPE, universal_newlines=True, check=True).stdout
    key = hashlib.sha256("\0".join([str(job.python), interpreter, CORE_REQUIREMENTS.read_text(),
                                    requirements.read_text()]).encode()).hexdigest()
    venv = CACHE / "{}-{}".format(job.group, job.version)
    stamp = venv / "matrix-key"
    if stamp.exists() and stamp.read_text() == key:
        log.write("reusing {}\n".format(venv))
        return venv
    shutil.rmtree(str(venv), ignore_errors=True)
    check(log, [job.python, "-m", "venv", venv])
    python = venv / "bin" / "python"
    if job.version == "3.6":
        # ensurepip's pip 18 has no resolver and ignores Requires-Python; 21.3.1 is the last for 3.6.
        check(log, [python, "-m", "pip", "install", "-q", "pip==21.3.1"])
    check(log, [python, "-m", "pip", "install", "-q", "-r", requirements])
    stamp.write_text(key)  # written last, so a half-built venv is rebuilt next time
    return venv


def test_dirs(group: str) -> List[Path]:
    return [REPO / d for d in GROUPS[group][1] if (REPO / d).is_dir()]


def has_tests(dirs: Sequence[Path]) -> bool:
    return any(next(d.rglob(pattern), None) for d in dirs for pattern in ("test_*.py", "*_test.py"))


def count(log_text: str) -> Tuple[int, int]:
    """(passed, failed + errors) from pytest's closing summary line."""
    for line in reversed(log_text.splitlines()):
        if re.search(r"\d+ (passed|failed|errors?)\b|no tests ran", line) and " in " in line:
            numbers = {word.rstrip("s"): int(n) for n, word in re.findall(r"(\d+) (\w+)", line)}
            return numbers.get("passed", 0), numbers.get("failed", 0) + numbers.get("error", 0)
    return 0, 0


def run_job(job: Job, wheel: Path, workdir: Path, extra: Sequence[str]) -> Result:
    start = time.monotonic()

    def result(status: str, passed: int = 0, failed: int = 0, note: str = "") -> Result:
        return Result(job, status, passed, failed, time.monotonic() - start, note)

    if job.python is None:
        return result("missing", failed=1, note="no python{} found".format(job.version))
    dirs = test_dirs(job.group)
    if not has_tests(dirs):
        return result("skipped", note="no test files in " + " ".join(GROUPS[job.group][1]))
    log_path = LOGS / "{}-{}.log".format(job.group, job.version)
    with log_path.open("w") as log:
        try:
            venv = ensure_venv(job, log)
            check(log, [venv / "bin" / "python", "-m", "pip", "install", "-q", "--force-reinstall", "--no-deps", wheel])
            if job.group == "trio" and step(log, [venv / "bin" / "python", "-c", "import trio"]):
                return result("skipped", note="no trio release installs on " + job.version)
        except (StepFailed, subprocess.CalledProcessError) as error:
            return result("FAIL", failed=1, note="setup failed: {}".format(error))
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
        # Dev mode (3.7+) includes asyncio debug mode. No PYTHONASYNCIODEBUG for
        # 3.6: there it wraps every coroutine in a CoroWrapper users never see.
        env.update(PYTHONDEVMODE="1", PYTHONDONTWRITEBYTECODE="1",
                   ASYNCMOCK_EXPECT_INSTALLED="1")
        # The venv's own pytest script, started outside the checkout: only the
        # installed wheel can satisfy `import asyncmock` (conftest checks it).
        code = step(log, [venv / "bin" / "pytest", "-p", "no:cacheprovider", "-W", "error", *dirs, *extra],
                    cwd=workdir, env=env)
    passed, failed = count(log_path.read_text())
    if code:
        return result("FAIL", passed, max(failed, 1), note="pytest exit code {}".format(code))
    return result("ok", passed, failed)


def parse_args() -> Tuple[argparse.Namespace, List[str]]:
    argv = sys.argv[1:]
    extra = argv[argv.index("--") + 1:] if "--" in argv else []
    argv = argv[:argv.index("--")] if "--" in argv else argv
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0], epilog="Arguments after -- go to pytest.")
    parser.add_argument("--python", action="append", choices=VERSIONS, help="run only this X.Y (repeatable)")
    parser.add_argument("--group", action="append", choices=sorted(GROUPS), help="run only this group (repeatable)")
    parser.add_argument("--jobs", type=int, default=2, help="runs at a time (default: 2)")
    return parser.parse_args(argv), extra


def report(results: Sequence[Result]) -> None:
    print("\n{:<7} {:<5} {:<8} {:>6} {:>6} {:>8}  {}".format("python", "group", "result", "passed", "failed", "seconds", "note"))
    for r in results:
        print("{:<7} {:<5} {:<8} {:>6} {:>6} {:>8.1f}  {}".format(
            r.job.version, r.job.group, r.status, r.passed, r.failed, r.seconds, r.note))
    for r in results:
        log_path = LOGS / "{}-{}.log".format(r.job.group, r.job.version)
        if r.status == "FAIL" and log_path.exists():
            tail = log_path.read_text().splitlines()[-TAIL_LINES:]
            print("\n---- {} (last {} lines) ----".format(log_path, len(tail)))
            print("\n".join(tail))


def main() -> int:
    args, extra = parse_args()
    versions = args.python or list(VERSIONS)
    groups = args.group or list(GROUPS)
    roots = pyenv_roots()
    jobs = [Job(v, g, find_interpreter(v, roots)) for v in versions for g in groups]
    LOGS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="asyncmock-matrix-") as tmp:
        start = time.monotonic()
        wheel = build_wheel(Path(tmp))
        print("built {} in {:.1f}s; logs in {}".format(wheel.name, time.monotonic() - start, LOGS), flush=True)
        with concurrent.futures.ThreadPoolExecutor(max(1, args.jobs)) as pool:
            futures = [pool.submit(run_job, job, wheel, Path(tmp), extra) for job in jobs]
            for future in concurrent.futures.as_completed(futures):
                r = future.result()
                print("[{} {}] {}: {} passed, {} failed in {:.1f}s {}".format(
                    r.job.version, r.job.group, r.status, r.passed, r.failed, r.seconds, r.note).rstrip(), flush=True)
        results = [f.result() for f in futures]
    report(results)
    passed = sum(r.passed for r in results)
    failed = sum(r.failed for r in results)
    print("\n{} passed, {} failed".format(passed, failed))
    return 1 if failed or any(r.status in ("FAIL", "missing") for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
