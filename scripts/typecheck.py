#!/usr/bin/env python3
"""Type-check asyncmock and its typed usage file with pinned checkers.

    python3 scripts/typecheck.py [--python PATH]

Runs ``mypy --strict`` on the package and tests/typing/usage.py with the
newest mypy (for the interpreter's Python, for 3.14, the newest CPython whose
stdlib stubs it knows, and for 3.10, the oldest target it supports) and with
mypy 1.16.1 for Python 3.8, the last release that checks
3.8 code (no mypy checks 3.6 or 3.7 code any more); then pyright on the usage
file, for 3.8 and the interpreter's Python; then runs the usage file, so its
examples are code that works.  Each checker has a virtualenv under
~/.cache/asyncmock-matrix/typing (or $ASYNCMOCK_MATRIX_CACHE/typing), made
from the newest CPython pyenv has and rebuilt when its requirements change
(requirements/typing*.txt).  A pyright that cannot be installed or started
(it needs Node.js: a wheel from PyPI, else a download) is skipped with a
note, never an error.  Exits non-zero on any error; the last line is
``typecheck: N errors``.
"""
import argparse
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Dict, NamedTuple, Optional, Sequence, Tuple

from interpreters import CACHE, REPO, Interpreter, locked, pyenv_roots
from toolbox import STEP_TIMEOUT, StepFailed, ensure_venv, step

REQUIREMENTS = REPO / "requirements"
USAGE = "tests/typing/usage.py"
TYPING = CACHE / "typing"
#: --strict, plus: no bare "type: ignore", and no code mypy skips as unreachable.
MYPY_FLAGS = ("--strict", "--enable-error-code", "ignore-without-code", "--warn-unreachable")
#: The newest --python-version the checks use: the interpreter running mypy
#: may be older (the newest that pyenv has).
NEWEST_TARGET = "3.14"


class Env(NamedTuple):
    name: str  # the virtualenv's directory under TYPING
    requirements: Path


MYPY = Env("mypy", REQUIREMENTS / "typing.txt")
MYPY_PY38 = Env("mypy-py38", REQUIREMENTS / "typing-py38.txt")
PYRIGHT = Env("pyright", REQUIREMENTS / "typing-pyright.txt")


class SetupFailed(Exception):
    """A virtualenv could not be made; the message says where its log is."""


# --- virtualenvs -----------------------------------------------------------------

def newest_cpython() -> Path:
    """The newest CPython pyenv has (3.13 here), else the interpreter running us."""
    installs = []
    for root in pyenv_roots():
        for path in (root / "versions").glob("3.*"):
            match = re.fullmatch(r"3\.(\d+)\.(\d+)", path.name)
            if match and (path / "bin" / "python").exists():
                installs.append(((int(match.group(1)), int(match.group(2))), path / "bin" / "python"))
    return max(installs)[1] if installs else Path(sys.executable)


def checker_venv(spec: Env, python: Path) -> Path:
    """Make (or reuse) the virtualenv *spec* from *python*; return its python."""
    log_path = TYPING / (spec.name + ".log")
    TYPING.mkdir(parents=True, exist_ok=True)
    with locked("typing-" + spec.name), log_path.open("w") as log:
        try:
            return ensure_venv(Interpreter(spec.name, python), TYPING / spec.name, spec.requirements, log).python
        except (StepFailed, subprocess.CalledProcessError) as error:
            raise SetupFailed("setting up {} failed ({}): see {}".format(TYPING / spec.name, error, log_path))


# --- the checks ---------------------------------------------------------------------

def show(command: Sequence[object], env: Optional[Dict[str, str]] = None) -> Tuple[int, str]:
    """Run *command* from the checkout, print its output, return (exit code, output)."""
    try:
        done = subprocess.run([str(part) for part in command], cwd=str(REPO), env=env, stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True,
                              timeout=STEP_TIMEOUT)
    except subprocess.TimeoutExpired:
        print("*** timed out after {} s".format(STEP_TIMEOUT), flush=True)
        return 124, ""
    print(done.stdout.rstrip() or "(no output)", flush=True)
    return done.returncode, done.stdout


def mypy(venv_python: Path, target: Optional[str]) -> int:
    """mypy on the package and the usage file; the number of errors."""
    target_args = ["--python-version", target] if target else []
    cache = TYPING / "mypy-cache" / (venv_python.parent.parent.name + "-" + (target or "default"))
    command = [venv_python, "-m", "mypy", *MYPY_FLAGS, *target_args, "--cache-dir", cache, "asyncmock", USAGE]
    version = subprocess.run([str(venv_python), "-m", "mypy", "--version"], stdout=subprocess.PIPE,
                             universal_newlines=True).stdout.split(" (")[0]
    print("\n== {} {} {}".format(version, " ".join(MYPY_FLAGS), "--python-version " + target if target
                                  else "(Python {})".format(python_version(venv_python))), flush=True)
    code, output = show(command)
    found = re.search(r"^Found (\d+) errors? in", output, re.MULTILINE)
    if found:
        return int(found.group(1))
    return 0 if code == 0 else 1  # a crash or a usage error counts as one


def python_version(python: Path) -> str:
    return subprocess.run([str(python), "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                          stdout=subprocess.PIPE, universal_newlines=True).stdout.strip()


def pyright(python: Path) -> Tuple[int, str]:
    """pyright on the usage file, for 3.8 and the venv's Python: (errors, note if skipped)."""
    try:
        venv_python = checker_venv(PYRIGHT, python)
    except SetupFailed as failure:
        return 0, "pyright skipped: {}".format(failure)
    pyright_bin = venv_python.parent / "pyright"
    # Should pyright-python ever need to download (Node.js, say), into the venv;
    # and no checks for newer releases.
    env = dict(os.environ, PYRIGHT_PYTHON_CACHE_DIR=str(venv_python.parent.parent / "pyright-cache"),
               PYRIGHT_PYTHON_IGNORE_WARNINGS="1")
    log_path = TYPING / "pyright.log"
    with log_path.open("w") as log:
        started = step(log, [pyright_bin, "--version"], env=env) == 0
    if not started:
        return 0, "pyright skipped: it could not be started: see {}".format(log_path)
    errors = 0
    for target in ("3.8", python_version(venv_python)):
        print("\n== pyright {} --pythonversion {}".format(USAGE, target), flush=True)
        code, output = show([pyright_bin, "--pythonversion", target, USAGE], env=env)
        found = re.search(r"^(\d+) errors?, ", output, re.MULTILINE)
        errors += int(found.group(1)) if found else (0 if code == 0 else 1)
    return errors, ""


def run_usage(venv_python: Path) -> int:
    """Run the usage file's examples against the checkout; 1 if they fail."""
    print("\n== python {} (its examples run)".format(USAGE), flush=True)
    env = dict(os.environ, PYTHONPATH=str(REPO), PYTHONDEVMODE="1")
    code, _ = show([venv_python, "-W", "error", USAGE], env=env)
    return 1 if code else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--python", type=Path, help="interpreter for the virtualenvs (default: newest CPython)")
    args = parser.parse_args()
    python = args.python or newest_cpython()
    errors = 0
    notes = []
    try:
        newest = checker_venv(MYPY, python)
        oldest = checker_venv(MYPY_PY38, python)
    except SetupFailed as failure:
        print(failure)
        print("typecheck: 1 error (mypy could not be installed)")
        return 1
    errors += mypy(newest, None)
    errors += mypy(newest, NEWEST_TARGET)
    errors += mypy(newest, "3.10")
    errors += mypy(oldest, "3.8")
    pyright_errors, note = pyright(python)
    errors += pyright_errors
    if note:
        notes.append(note)
    errors += run_usage(newest)
    print()
    for note in notes:
        print("note: " + note)
    print("typecheck: {} error{}".format(errors, "" if errors == 1 else "s"))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
