"""The Pythons the test matrix runs on (VERSIONS), found or provisioned; the cache, its locks, logged commands.

The bottom of scripts/ (scripts/README.md maps the layers): it imports
nothing of the project, and the scripts above it take the interpreter list,
the cache's path, its locks and the logged command runner from here. It is
the one place that knows where interpreters come from:

* CPython 3.6 to 3.15 from pyenv (the newest X.Y.Z) or as ``pythonX.Y`` on
  the PATH. When they are there, nothing is provisioned.
* PyPy 3 (Debian 12's ``pypy3``, Python 3.9), installed with apt-get when it
  is missing and we are root.
* CPython 3.14 and 3.15, and PyPy 3.11, when neither pyenv nor the PATH
  has them (as ``pythonX.Y``, ``pypy3.11``): Debian sid's ``python3.14``,
  ``python3.15`` and ``pypy3`` (PyPy 8.0) packages. They need a newer glibc
  than Debian 12 has, so they live in a sid chroot made once with debootstrap
  and cached under ~/.cache/asyncmock-matrix/sid (or
  $ASYNCMOCK_MATRIX_CACHE/sid). The chroot carries the stdlib test suites
  too (``/usr/lib/python3.1X/test``), so the stdlib's own mock tests can run.

A chroot's interpreter, and every virtualenv made from it, only runs inside
the chroot (its ``bin/python`` links to ``/usr/bin/python3.14``, which the host
lacks), so callers never start one directly: ``Interpreter.argv()`` turns a
command into one that runs it there, in a private mount namespace where
/proc, /dev, the temporary directory, the checkout and the cache are bound at
their own paths. The mounts vanish with the command, so nothing is left
mounted under the cache (``rm -rf`` of it stays safe), and concurrent
commands never share them.

    python3 scripts/interpreters.py              # what is found, provisioning what is missing
    python3 scripts/interpreters.py --no-provision
"""
import argparse
import contextlib
import fcntl
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, IO, Iterator, List, NamedTuple, Optional, Sequence, Tuple

REPO = Path(__file__).resolve().parent.parent
CACHE = Path(os.environ.get("ASYNCMOCK_MATRIX_CACHE", str(Path.home() / ".cache" / "asyncmock-matrix")))
LOGS = CACHE / "logs"
CPYTHONS = ("3.6", "3.7", "3.8", "3.9", "3.10", "3.11", "3.12", "3.13", "3.14", "3.15")
#: Debian 12's pypy3 (Python 3.9), and sid's (PyPy 8.0, Python 3.11).
PYPYS = ("pypy3", "pypy3.11")
#: Every interpreter of the matrix, by the matrix's name for it.
VERSIONS = CPYTHONS + PYPYS
PYPY = PYPYS[0]  # the host's: installed with apt-get when it is missing
#: What the sid chroot provides when the host lacks it: the matrix's name for
#: each interpreter, and its executable in the chroot. sid's pypy3 is PyPy 8.0
#: for Python 3.11, newer than Debian 12's PyPy 7.3 (3.9), the host's pypy3.
SID_INTERPRETERS = {"3.14": "/usr/bin/python3.14", "3.15": "/usr/bin/python3.15", "pypy3.11": "/usr/bin/pypy3.11"}
#: The chroot's packages: the interpreters, their venv modules, and the
#: CPython test suites (the stdlib's own unittest.mock tests are in
#: /usr/lib/python3.1X/test/test_unittest/testmock/).
SID_PACKAGES = ("python3.14", "python3.14-venv", "libpython3.14-testsuite",
                "python3.15", "python3.15-venv", "libpython3.15-testsuite", "pypy3", "pypy3-venv")
SID_ROOT = CACHE / "sid"
#: Bump to rebuild the chroot when the way it is made changes.
SID_RECIPE = "1 " + " ".join(SID_PACKAGES)
FALLBACK_MIRROR = "http://deb.debian.org/debian"
CA_BUNDLE = Path("/etc/ssl/certs/ca-certificates.crt")
STEP_TIMEOUT = 1800  # seconds for one apt-get or debootstrap call


def since(oldest: str) -> Tuple[str, ...]:
    """The CPython versions from *oldest* on."""
    return CPYTHONS[CPYTHONS.index(oldest):]


class Interpreter(NamedTuple):
    """A Python to run commands with: on the host, or inside a chroot."""

    version: str  # "3.14", "pypy3": the matrix's name for it
    python: Path  # its executable, as the file system it runs in names it
    root: Optional[Path] = None  # the chroot it runs in; None for the host

    def __str__(self) -> str:
        return str(self.python) if self.root is None else "{} (in the chroot {})".format(self.python, self.root)

    def with_python(self, python: Path) -> "Interpreter":
        """The interpreter *python* (a virtualenv's, say) that runs where this one does."""
        return self._replace(python=python)

    def argv(self, command: Sequence[object], cwd: Optional[Path] = None) -> List[str]:
        """*command* as an argv that runs it where this interpreter runs, in *cwd*.

        On the host that is *command* itself (run it with cwd=*cwd*). In a
        chroot, the argv makes a private mount namespace, binds what commands
        need at the same paths, enters the chroot and changes to *cwd* there
        (by default the current directory if it is bound, else /).
        """
        words = [str(part) for part in command]
        if self.root is None:
            return words
        root = str(self.root)
        binds = bind_paths()
        if cwd is None:
            here = os.path.realpath(os.getcwd())
            cwd = Path(here if any(here == b or here.startswith(b.rstrip("/") + "/") for b in binds) else "/")
        setup = "".join("mkdir -p {1} && mount --rbind {0} {1} && ".format(
            shlex.quote(path), shlex.quote(root + path)) for path in binds)
        enter = 'cd "$1" && shift && exec "$@"'
        script = "{}exec chroot {} /bin/sh -c {} sh \"$@\"".format(setup, shlex.quote(root), shlex.quote(enter))
        return ["unshare", "--mount", "--propagation", "private", "--", "/bin/sh", "-c", script, "sh",
                str(cwd)] + words

    def run(self, command: Sequence[object], cwd: Optional[Path] = None, **kwargs: object
            ) -> "subprocess.CompletedProcess[str]":
        """subprocess.run(*command*) where this interpreter runs; keyword arguments go on to it."""
        return subprocess.run(  # type: ignore[no-any-return]
            self.argv(command, cwd), cwd=None if cwd is None else str(cwd),
            universal_newlines=True, **kwargs)  # type: ignore[call-overload]

    def host_path(self, path: Path) -> Path:
        """Where the host sees *path* of this interpreter's file system (a stdlib file, say)."""
        return path if self.root is None else self.root / path.relative_to("/")


def bind_paths() -> List[str]:
    """What a chroot command needs at its own path: devices, the temporary
    directory (pytest's and the matrix's work directories), the checkout and
    the cache (virtualenvs, logs). Nested paths are left out: --rbind takes them."""
    wanted = ["/proc", "/dev", tempfile.gettempdir(), str(REPO), str(CACHE)]
    paths = []  # type: List[str]
    for path in sorted({os.path.realpath(p) for p in wanted}):
        if not any(path == kept or path.startswith(kept.rstrip("/") + "/") for kept in paths):
            paths.append(path)
    return paths


# --- what every script shares: the cache's locks, and logged commands ----------------

@contextlib.contextmanager
def locked(name: str) -> Iterator[None]:
    """Hold the cache's lock *name*, so that concurrent runs take turns with what it guards (a venv, say)."""
    path = CACHE / "locks" / (name + ".lock")
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print("waiting for another matrix run to release {}".format(path), flush=True)
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield  # closing the file releases the lock


def logged(log: IO[str], command: Sequence[object], env: Optional[Dict[str, str]] = None,
           timeout: Optional[float] = STEP_TIMEOUT, cwd: Optional[Path] = None,
           on: Optional[Interpreter] = None) -> int:
    """Run *command* in *cwd* with its output appended to *log*; return its exit code (124 on timeout).

    With *on*, the command runs where that interpreter runs (a chroot, say).
    """
    log.write("$ " + " ".join(shlex.quote(str(part)) for part in command) + "\n")
    if on is not None and on.root is not None:
        log.write("  (in the chroot {})\n".format(on.root))
    log.flush()
    argv = on.argv(command, cwd) if on is not None else [str(part) for part in command]
    try:
        return subprocess.run(argv, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                              timeout=timeout, cwd=None if cwd is None else str(cwd), env=env).returncode
    except subprocess.TimeoutExpired:
        log.write("\n*** timed out after {} s\n".format(timeout))
        return 124


# --- discovery -----------------------------------------------------------------

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


def find_on_host(version: str, roots: Sequence[Path]) -> Optional[Interpreter]:
    """The newest pyenv X.Y.Z for *version*, else pythonX.Y (or pypy3, pypy3.11) on PATH."""
    if version.startswith("pypy"):
        found = shutil.which(version)
        return Interpreter(version, Path(found)) if found else None
    for root in roots:
        installs = [p for p in (root / "versions").glob(version + ".*")
                    if re.fullmatch(re.escape(version) + r"\.\d+", p.name) and (p / "bin" / "python").exists()]
        if installs:
            newest = max(installs, key=lambda p: int(p.name.rsplit(".", 1)[1]))
            return Interpreter(version, newest / "bin" / "python")
    found = shutil.which("python" + version)
    return Interpreter(version, Path(found)) if found else None


def find_in_sid(version: str) -> Optional[Interpreter]:
    """*version* from the provisioned sid chroot, if it is there."""
    if version not in SID_INTERPRETERS or not sid_ready():
        return None
    python = Path(SID_INTERPRETERS[version])
    return Interpreter(version, python, SID_ROOT) if (SID_ROOT / python.relative_to("/")).exists() else None


def find_all(versions: Sequence[str], provision: bool = True) -> Tuple[Dict[str, Interpreter], List[str]]:
    """An interpreter for each of *versions* that can be had, and notes on the rest.

    With *provision*, installs pypy3 and makes the sid chroot when they are
    wanted and missing (as root only); a version none of that gives is
    missing from the result, and the notes say why.
    """
    notes = []  # type: List[str]
    roots = pyenv_roots()
    if provision:
        announce_provisioning(versions, roots)
    if provision and PYPY in versions and find_on_host(PYPY, roots) is None:
        note = install_pypy()
        if note:
            notes.append(note)
    found = {}  # type: Dict[str, Interpreter]
    for version in versions:
        interpreter = find_on_host(version, roots) or find_in_sid(version)
        if interpreter:
            found[version] = interpreter
    from_sid = [v for v in versions if v in SID_INTERPRETERS and v not in found]
    if from_sid and provision:
        note = provision_sid()
        if note:
            notes.append(note)
        for version in from_sid:
            interpreter = find_in_sid(version)
            if interpreter:
                found[version] = interpreter
    return found, notes


# --- provisioning ----------------------------------------------------------------


def announce_provisioning(versions: Sequence[str], roots: Sequence[Path]) -> None:
    """Say which privileged steps are about to run, before any of them does."""
    if can_provision() is not None:
        return
    steps = []
    if PYPY in versions and find_on_host(PYPY, roots) is None:
        steps.append("apt-get install pypy3 on this host")
    from_sid = [v for v in versions if v in SID_INTERPRETERS
                and find_on_host(v, roots) is None and find_in_sid(v) is None]
    if from_sid:
        steps.append("debootstrap a Debian sid chroot for {} in {} (apt-get install debootstrap first "
                     "if it is missing)".format(", ".join(from_sid), SID_ROOT))
    if steps:
        print("as root, this run will now: {}. Pass --no-provision to skip that (the missing "
              "interpreters then fail the run).".format("; ".join(steps)), flush=True)


def can_provision() -> Optional[str]:
    """None when we may install Debian packages and chroot; else why not."""
    if os.geteuid() != 0:
        return "not root"
    if not shutil.which("apt-get"):
        return "no apt-get (not a Debian host)"
    return None


def apt_install(packages: Sequence[str], log: IO[str]) -> bool:
    """apt-get install *packages* on the host; True when it worked."""
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    return all(logged(log, command, env) == 0 for command in (
        ["apt-get", "update"], ["apt-get", "install", "-y", "--no-install-recommends"] + list(packages)))


def install_pypy() -> Optional[str]:
    """Install Debian's pypy3 on the host when we may; None, or a note on why it stays missing."""
    reason = can_provision()
    if reason:
        return "pypy3 not installed: " + reason
    LOGS.mkdir(parents=True, exist_ok=True)
    log_path = LOGS / "apt-pypy3.log"
    print("installing pypy3 with apt-get (log: {})".format(log_path), flush=True)
    with log_path.open("w") as log:
        if not apt_install([PYPY], log):
            return "apt-get install pypy3 failed: see " + str(log_path)
    return None


def debian_mirror() -> str:
    """The Debian mirror the host's apt sources name (deb822 or one-line), else deb.debian.org."""
    uris = []  # type: List[str]
    sources = Path("/etc/apt/sources.list.d")
    for path in sorted(sources.glob("*.sources")) if sources.is_dir() else []:
        uris += re.findall(r"^URIs:\s*(\S+)", path.read_text(errors="replace"), re.MULTILINE)
    for path in [Path("/etc/apt/sources.list")] + (sorted(sources.glob("*.list")) if sources.is_dir() else []):
        if path.is_file():
            uris += re.findall(r"^deb\s+(?:\[[^]]*\]\s+)?(\S+)", path.read_text(errors="replace"), re.MULTILINE)
    mirrors = [uri for uri in uris if uri.rstrip("/").endswith("/debian")]
    return mirrors[0] if mirrors else FALLBACK_MIRROR


def sid_ready() -> bool:
    """Whether the sid chroot is complete and made by the current recipe."""
    stamp = SID_ROOT / "asyncmock-matrix-recipe"
    return stamp.is_file() and stamp.read_text() == SID_RECIPE


def mounted_under(path: Path) -> List[str]:
    """Mount points at or below *path*: never delete a tree that has any."""
    prefix = os.path.realpath(str(path))
    with open("/proc/self/mountinfo") as info:
        points = [line.split()[4] for line in info]
    return [p for p in points if p == prefix or p.startswith(prefix + "/")]


def remove_tree(path: Path) -> None:
    """rm -rf *path*, refusing when something is mounted in it (a bound /work, say)."""
    if not path.exists():
        return
    mounts = mounted_under(path)
    if mounts:
        raise RuntimeError("refusing to delete {}: mounted there: {}".format(path, " ".join(mounts)))
    shutil.rmtree(str(path))


def refresh_host_files(root: Path) -> None:
    """Copy the host's CA bundle and resolv.conf into *root* when they differ.

    pip in the chroot reaches the package index only with the host's CA
    bundle (the host may trust a proxy's CA that sid's bundle lacks).
    """
    for source in (CA_BUNDLE, Path("/etc/resolv.conf")):
        target = root / source.relative_to("/")
        if source.is_file() and (not target.is_file() or target.read_bytes() != source.read_bytes()):
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.is_symlink():
                target.unlink()
            shutil.copyfile(str(source), str(target))


def provision_sid() -> Optional[str]:
    """Make the sid chroot with CPython 3.14, 3.15 and PyPy 3.11 once; None, or a note on why not.

    Under a lock, so that concurrent runs debootstrap once. The chroot is
    built beside its final place and renamed there when complete, and its
    stamp is written last, so a run that was stopped leaves nothing half made
    that looks usable.
    """
    reason = can_provision()
    if reason:
        return "no sid chroot for {}: {}".format(" ".join(SID_INTERPRETERS), reason)
    LOGS.mkdir(parents=True, exist_ok=True)
    log_path = LOGS / "provision-sid.log"
    with locked("sid"):
        if sid_ready():
            refresh_host_files(SID_ROOT)
            return None
        started = time.monotonic()
        print("making a Debian sid chroot for {} in {} (a few minutes; log: {})".format(
            " ".join(SID_INTERPRETERS), SID_ROOT, log_path), flush=True)
        partial = SID_ROOT.with_name(SID_ROOT.name + ".partial")
        with log_path.open("w") as log:
            if not shutil.which("debootstrap") and not apt_install(["debootstrap"], log):
                return "apt-get install debootstrap failed: see " + str(log_path)
            remove_tree(partial)
            command = ["debootstrap", "--variant=minbase", "--include=" + ",".join(SID_PACKAGES),
                       "sid", partial, debian_mirror()]
            if logged(log, command):
                return "debootstrap of sid failed: see " + str(log_path)
            refresh_host_files(partial)
            (partial / "asyncmock-matrix-recipe").write_text(SID_RECIPE)
            remove_tree(SID_ROOT)
            partial.rename(SID_ROOT)
            log.write("made {} in {:.0f} s\n".format(SID_ROOT, time.monotonic() - started))
        print("made the sid chroot in {:.0f} s".format(time.monotonic() - started), flush=True)
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("versions", nargs="*", default=list(SID_INTERPRETERS),
                        help="X.Y, pypy3 or pypy3.11 (default: 3.14 3.15 pypy3.11)")
    parser.add_argument("--no-provision", action="store_true", help="only look, install nothing")
    args = parser.parse_args()
    found, notes = find_all(args.versions, provision=not args.no_provision)
    for version in args.versions:
        interpreter = found.get(version)
        if interpreter is None:
            print("{:<7} missing".format(version))
            continue
        done = interpreter.run([interpreter.python, "-c", "import sys; print(sys.version.split()[0])"],
                               stdout=subprocess.PIPE)
        print("{:<7} {} {}".format(version, done.stdout.strip() or "(does not start)", interpreter))
    for note in notes:
        print("note: " + note)
    return 0 if len(found) == len(args.versions) else 1


if __name__ == "__main__":
    sys.exit(main())
