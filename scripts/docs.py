#!/usr/bin/env python3
"""Build the documentation site with Sphinx, failing on any warning.

    python3 scripts/docs.py                     # into ~/.cache/asyncmock-matrix/docs-html
    python3 scripts/docs.py --out docs/_build   # anywhere else

Makes (or reuses) a virtualenv on Python 3.11 under
~/.cache/asyncmock-matrix/docs (or $ASYNCMOCK_MATRIX_CACHE/docs) with
requirements/docs.txt, rebuilt when that file or the interpreter changes;
installs asyncmock from the checkout into it, so that the API reference is
generated from the code as it is; then runs a full
``sphinx-build -W --keep-going -n -b html``. Exits non-zero on any warning.
The last line is ``docs: built with 0 warnings`` or ``docs: N warnings``.
The HTML goes outside the checkout by default: the sdist packs all of docs/.
"""
import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import List, Optional

REPO = Path(__file__).resolve().parent.parent
REQUIREMENTS = REPO / "requirements" / "docs.txt"
CACHE = Path(os.environ.get("ASYNCMOCK_MATRIX_CACHE", "~/.cache/asyncmock-matrix")).expanduser()
VENV = CACHE / "docs"
HTML = CACHE / "docs-html"
PYTHON_VERSION = "3.11"
#: What the installed asyncmock is built from: a change reinstalls it.
PACKAGE_FILES = ("pyproject.toml", "README.md", "LICENSE")


def find_python() -> Optional[Path]:
    """Python 3.11: this interpreter, the newest pyenv 3.11.x, or python3.11 on PATH."""
    if sys.version_info[:2] == (3, 11):
        return Path(sys.executable)
    roots = [Path(os.environ.get("PYENV_ROOT", "~/.pyenv")).expanduser()]
    try:
        root = subprocess.run(["pyenv", "root"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                              universal_newlines=True, check=True).stdout.strip()
        roots.insert(0, Path(root))
    except (OSError, subprocess.CalledProcessError):
        pass
    for root in roots:
        installs = [path for path in (root / "versions").glob(PYTHON_VERSION + ".*")
                    if re.fullmatch(r"3\.11\.\d+", path.name) and (path / "bin" / "python").exists()]
        if installs:
            newest = max(installs, key=lambda path: int(path.name.rsplit(".", 1)[1]))
            return newest / "bin" / "python"
    found = shutil.which("python" + PYTHON_VERSION)
    return Path(found) if found else None


def digest(parts: List[bytes]) -> str:
    return hashlib.sha256(b"\0".join(parts)).hexdigest()


def run(command: List[object]) -> None:
    """Run a setup command quietly; show its output and stop if it fails."""
    done = subprocess.run([str(part) for part in command], stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, universal_newlines=True)
    if done.returncode:
        print(done.stdout, flush=True)
        raise SystemExit("docs: failed: " + " ".join(str(part) for part in command))


def ensure_venv(python: Path) -> Path:
    """Create the docs virtualenv, or reuse it if made from the same Python and requirements."""
    version = subprocess.run([str(python), "-c", "import sys; print(sys.version)"],
                             stdout=subprocess.PIPE, universal_newlines=True, check=True).stdout
    key = digest([str(python).encode(), version.encode(), REQUIREMENTS.read_bytes()])
    stamp = VENV / "docs-key"
    venv_python = VENV / "bin" / "python"
    if stamp.exists() and stamp.read_text() == key:
        return venv_python
    print("docs: creating {} ({})".format(VENV, version.split()[0]), flush=True)
    shutil.rmtree(str(VENV), ignore_errors=True)
    run([python, "-m", "venv", VENV])
    run([venv_python, "-m", "pip", "install", "-q", "-r", REQUIREMENTS])
    stamp.write_text(key)  # last: a half-made venv is made again next time
    return venv_python


def install_checkout(venv_python: Path) -> None:
    """Install asyncmock from the checkout, unless this very source is installed."""
    sources = sorted((REPO / "asyncmock").rglob("*"))
    files = [path for path in sources if path.is_file() and "__pycache__" not in path.parts]
    files += [REPO / name for name in PACKAGE_FILES if (REPO / name).exists()]
    key = digest([str(path.relative_to(REPO)).encode() + b"\0" + path.read_bytes() for path in files])
    stamp = VENV / "docs-asyncmock"
    if stamp.exists() and stamp.read_text() == key:
        return
    run([venv_python, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation",
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
    venv_python = ensure_venv(python)
    install_checkout(venv_python)
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
