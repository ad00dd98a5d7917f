"""Virtualenvs, wheels, pinned sdists, and the logged steps that make them: the one copy of each.

The matrix, the docs build, the type check, the real-world runner, the
conformance staging and the benchmarks make their venvs, build and install
asyncmock's wheel and fetch other projects' sdists with these. Imports
interpreters.py only.
"""
import hashlib
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import IO, Dict, List, NamedTuple, Optional, Sequence

from interpreters import CACHE, LOGS, REPO, Interpreter, locked, logged

STEP_TIMEOUT = 900  # seconds for one pip or pytest call: a hang must not eat CI's time
#: Bump to rebuild every cached virtualenv, when the way they are made changes.
VENV_RECIPE = "2"
#: The tools' venv: build, twine, coverage (requirements/tools.txt), on the Python running the script.
TOOLS_REQUIREMENTS = REPO / "requirements" / "tools.txt"


# --- steps ------------------------------------------------------------------------

class StepFailed(Exception):
    """A command failed; its output is in the log it was given."""


def step(log: IO[str], command: Sequence[object], cwd: Optional[Path] = None,
         env: Optional[Dict[str, str]] = None, on: Optional[Interpreter] = None,
         timeout: Optional[float] = STEP_TIMEOUT) -> int:
    """Run *command* with its output appended to *log* (where *on* runs, if given); its exit code."""
    return logged(log, command, env, timeout, cwd, on)


def check(log: IO[str], command: Sequence[object], cwd: Optional[Path] = None,
          env: Optional[Dict[str, str]] = None, on: Optional[Interpreter] = None,
          timeout: Optional[float] = STEP_TIMEOUT) -> None:
    """step(), raising StepFailed when the command fails."""
    if step(log, command, cwd, env, on, timeout):
        raise StepFailed(" ".join(str(part) for part in command[:4]))


# --- virtualenvs --------------------------------------------------------------------

def requirement_files(path: Path) -> List[Path]:
    """*path* and every file it pulls in with -r or -c, recursively."""
    files = [path]
    for line in path.read_text().splitlines():
        match = re.match(r"\s*(?:-r|-c|--requirement|--constraint)\s*=?\s*(\S+)", line)
        if match:
            files += requirement_files((path.parent / match.group(1)).resolve())
    return files


def ensure_venv(base: Interpreter, venv: Path, requirements: Path, log: IO[str]) -> Interpreter:
    """Create *venv* from *base* with *requirements*, or reuse it; return its python.

    Reused while the recipe, the interpreter and every requirements file it
    reads are the same. The venv's python runs where *base* does: in its
    chroot, if it has one. Callers hold a lock for *venv* (interpreters.locked).
    """
    interpreter = base.run([base.python, "-c", "import sys; print(sys.version)"],
                           stdout=subprocess.PIPE, check=True).stdout
    parts = [VENV_RECIPE, str(base), interpreter] + [p.read_text() for p in requirement_files(requirements)]
    key = hashlib.sha256("\0".join(parts).encode()).hexdigest()
    stamp = venv / "matrix-key"  # the matrix's name, from before it was shared: a new one rebuilds every venv
    venv_python = base.with_python(venv / "bin" / "python")
    if stamp.exists() and stamp.read_text() == key:
        log.write("reusing {}\n".format(venv))
        return venv_python
    shutil.rmtree(str(venv), ignore_errors=True)
    # Works for CPython and for Debian's pypy3, which ships ensurepip.
    check(log, [base.python, "-m", "venv", venv], on=base)
    if interpreter.startswith("3.6."):
        # ensurepip's pip 18 has no resolver and ignores Requires-Python; 21.3.1 is the last for 3.6.
        check(log, [venv_python.python, "-m", "pip", "install", "-q", "pip==21.3.1"], on=venv_python)
    check(log, [venv_python.python, "-m", "pip", "install", "-q", "-r", requirements], on=venv_python)
    stamp.write_text(key)  # written last, so a half-built venv is rebuilt next time
    return venv_python


def tools_venv() -> Path:
    """The python of the tools' venv (TOOLS_REQUIREMENTS), made or reused; exits if it cannot be made."""
    LOGS.mkdir(parents=True, exist_ok=True)
    with locked("tools"), (LOGS / "tools.log").open("w") as log:
        try:
            return ensure_venv(Interpreter("tools", Path(sys.executable)), CACHE / "tools",
                               TOOLS_REQUIREMENTS, log).python
        except (StepFailed, subprocess.CalledProcessError) as error:
            sys.exit("setting up the tools venv failed ({}): see {}".format(error, LOGS / "tools.log"))


# --- asyncmock's sdist and wheel ------------------------------------------------------

class Dist(NamedTuple):
    sdist: Path
    wheel: Path
    digest: str  # wheel_digest() of the wheel


def build_dists(tools_python: Path, dest: Path) -> Dist:
    """Build the checkout's sdist, then the wheel from the unpacked sdist, on the tools' Python."""
    with (LOGS / "build.log").open("w") as log:
        code = step(log, [tools_python, "-m", "build", "--no-isolation", "--outdir", dest, REPO])
    sdists = sorted(dest.glob("asyncmock-*.tar.gz"))
    wheels = sorted(dest.glob("asyncmock-*-py3-none-any.whl"))
    if code or len(sdists) != 1 or len(wheels) != 1:
        sys.exit("building the sdist and wheel failed:\n" + (LOGS / "build.log").read_text())
    return Dist(sdists[0], wheels[0], wheel_digest(wheels[0]))


def wheel_digest(wheel: Path) -> str:
    """A digest of the wheel's files, the same for every build of the same source."""
    digest = hashlib.sha256()
    with zipfile.ZipFile(str(wheel)) as archive:
        for name in sorted(archive.namelist()):
            digest.update(name.encode() + b"\0" + archive.read(name) + b"\0")
    return digest.hexdigest()


def install_wheel(venv_python: Interpreter, wheel: Path, digest: str, log: IO[str]) -> None:
    """Install *wheel* (whose wheel_digest() is *digest*), unless that very content is installed already."""
    stamp = venv_python.python.parent.parent / "matrix-wheel"
    if stamp.exists() and stamp.read_text() == digest:
        log.write("{} is installed already\n".format(wheel.name))
        return
    check(log, [venv_python.python, "-m", "pip", "install", "-q", "--force-reinstall", "--no-deps", wheel],
          on=venv_python)
    stamp.write_text(digest)


# --- other projects' pinned sdists -----------------------------------------------------

def pip(python: Path, *args: object) -> None:
    """python -m pip *args*, quietly; RuntimeError with its output if it fails."""
    done = subprocess.run([str(python), "-m", "pip", str(args[0]), "-q"] + [str(arg) for arg in args[1:]],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True)
    if done.returncode:
        raise RuntimeError("pip {} failed:\n{}".format(args[0], done.stdout[-2000:]))


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def download_sdist(pip_python: Path, name: str, version: str, digest: str, dest: Path) -> Path:
    """Download the sdist of *name*==*version* into *dest* with pip, checked against its sha256 *digest*."""
    requirement = dest / "requirement.txt"
    requirement.write_text("{}=={} --hash=sha256:{}\n".format(name, version, digest))
    try:
        pip(pip_python, "download", "--no-deps", "--no-binary", ":all:", "--require-hashes",
            "-r", requirement, "-d", dest)
    finally:
        requirement.unlink()
    sdist = next(dest.glob("*.tar.gz"))
    if sha256(sdist) != digest:
        raise RuntimeError("{} does not have the pinned sha256 {}".format(sdist, digest))
    return sdist
