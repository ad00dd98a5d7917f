#!/usr/bin/env python3
"""Build the documentation site with Sphinx, failing on any warning.

    python3 scripts/docs.py                     # into ~/.cache/asyncmock-matrix/docs-html
    python3 scripts/docs.py --out docs/_build   # anywhere else

Makes (or reuses) a virtualenv on Python 3.11 under
~/.cache/asyncmock-matrix/docs (or $ASYNCMOCK_MATRIX_CACHE/docs) with
requirements/docs.txt, rebuilt when that file or the interpreter changes
(the log: logs/docs-setup.log in that cache); installs asyncmock from the
checkout into it, so that the API reference is generated from the code as
it is; then runs a full ``sphinx-build -W --keep-going -n -b html``.
Exits non-zero on any warning.
The last line is ``docs: built with 0 warnings`` or ``docs: N warnings``.
The HTML goes outside the checkout by default: the sdist packs all of docs/.
"""
import argparse
import hashlib
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import IO, List, Optional

from interpreters import CACHE, LOGS, REPO, Interpreter, find_on_host, locked, pyenv_roots
from toolbox import StepFailed, check, ensure_venv

REQUIREMENTS = REPO / "requirements" / "docs.txt"
VENV = CACHE / "docs"
SETUP_LOG = LOGS / "docs-setup.log"
HTML = CACHE / "docs-html"
PYTHON_VERSION = "3.11"
#: What the installed asyncmock is built from: a change reinstalls it.
PACKAGE_FILES = ("pyproject.toml", "README.md", "LICENSE")


def find_python() -> Optional[Interpreter]:
    """Python 3.11: this interpreter, else the newest pyenv 3.11.x or python3.11 on PATH."""
    if "{}.{}".format(*sys.version_info[:2]) == PYTHON_VERSION:
        return Interpreter(PYTHON_VERSION, Path(sys.executable))
    return find_on_host(PYTHON_VERSION, pyenv_roots())


def digest(parts: List[bytes]) -> str:
    return hashlib.sha256(b"\0".join(parts)).hexdigest()


def install_checkout(venv_python: Path, log: IO[str]) -> None:
    """Install asyncmock from the checkout, unless this very source is installed."""
    sources = sorted((REPO / "asyncmock").rglob("*"))
    files = [path for path in sources if path.is_file() and "__pycache__" not in path.parts]
    files += [REPO / name for name in PACKAGE_FILES if (REPO / name).exists()]
    key = digest([str(path.relative_to(REPO)).encode() + b"\0" + path.read_bytes() for path in files])
    stamp = VENV / "docs-asyncmock"
    if stamp.exists() and stamp.read_text() == key:
        return
    check(log, [venv_python, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation",
                "--force-reinstall", REPO])
    stamp.write_text(key)


def build(venv_python: Path, out: Path) -> int:
    """Build the whole site afresh; print Sphinx's warnings; return how many there were."""
    command = [str(venv_python), "-m", "sphinx", "-W", "--keep-going", "-n", "-E", "-a", "-q",
               "-b", "html", str(REPO / "docs"), str(out)]
    print("docs: " + " ".join(command[2:]), flush=True)
    done = subprocess.run(command, cwd=str(REPO), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True)
    output = done.stdout.rstrip()
    if output:
        print(output, flush=True)
    warnings = len(re.findall(r"\b(WARNING|ERROR|CRITICAL|SEVERE):", output))
    if done.returncode and not warnings:
        warnings = 1  # Sphinx failed without saying why in a warning line
    return warnings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=HTML,
                        help="where to write the HTML (default: {})".format(HTML))
    args = parser.parse_args()
    python = find_python()
    if python is None:
        print("docs: Python {} not found (pyenv or python{} on PATH)".format(
            PYTHON_VERSION, PYTHON_VERSION), flush=True)
        return 2
    started = time.monotonic()
    LOGS.mkdir(parents=True, exist_ok=True)
    with locked("docs"):  # concurrent runs take turns with the venv and the HTML
        try:
            with SETUP_LOG.open("w") as log:
                venv_python = ensure_venv(python, VENV, REQUIREMENTS, log).python
                install_checkout(venv_python, log)
        except (StepFailed, subprocess.CalledProcessError) as error:
            print(SETUP_LOG.read_text()[-3000:], flush=True)
            print("docs: setting up {} failed ({}): see {}".format(VENV, error, SETUP_LOG))
            return 1
        warnings = build(venv_python, args.out.resolve())
    seconds = time.monotonic() - started
    if warnings:
        print("docs: {} warning{} ({:.1f} s)".format(warnings, "" if warnings == 1 else "s", seconds))
        return 1
    print("docs: {} ({:.1f} s)".format(args.out.resolve() / "index.html", seconds))
    print("docs: built with 0 warnings")
    return 0


if __name__ == "__main__":
    sys.exit(main())
