"""Upstream's unittest.mock suites, staged in the cache on the host: CPython's testmock from each
interpreter's stdlib, mock's from its pinned sdist; which of them run on which interpreter.

scripts/conformance.py runs them (and the matrix stages them once for all its jobs).
Imports interpreters.py and toolbox.py.
"""
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import Dict, List, Tuple

from interpreters import CACHE, Interpreter
from toolbox import download_sdist

SOURCES = CACHE / "upstream-suites"  # staged where every interpreter, a chroot's too, can read them
MOCK_VERSION = "5.2.0"
MOCK_SHA256 = "4e460e818629b4b173f32d08bf30d3af8123afbb8e04bb5707a1fd4799e503f0"
REFERENCE = "3.13"  # the CPython suite that runs on every interpreter
OWN_SUITES = ("3.14", "3.15")  # CPython suites that run on their own interpreter only


def _publish(partial: Path, dest: Path) -> Path:
    """Move the complete *partial* to *dest*, unless a concurrent run got there first."""
    try:
        partial.rename(dest)
    except OSError:
        shutil.rmtree(str(partial), ignore_errors=True)
        if not dest.is_dir():
            raise
    return dest


def stage_cpython(interpreter: Interpreter) -> Tuple[str, Path]:
    """Copy *interpreter*'s testmock suite (and the data packages testpatch imports) into the cache.

    *interpreter* may run in a chroot.
    """
    probe = "import sys, sysconfig; print('%d.%d' % sys.version_info[:2], sys.version.split()[0], " \
            "sysconfig.get_path('stdlib'))"
    done = interpreter.run([interpreter.python, "-c", probe], stdout=subprocess.PIPE, check=True)
    minor, full, stdlib = done.stdout.split()
    dest = SOURCES / ("cpython-" + full)
    if not dest.is_dir():
        test = interpreter.host_path(Path(stdlib) / "test")
        testmock = test / "test_unittest" / "testmock"
        if not testmock.is_dir():
            raise RuntimeError("{} has no {} (Debian: libpython{}-testsuite)".format(interpreter, testmock, minor))
        partial = Path(tempfile.mkdtemp(prefix=dest.name + ".", dir=str(SOURCES)))
        shutil.copytree(str(testmock), str(partial / "testmock"), ignore=shutil.ignore_patterns("__pycache__"))
        (partial / "test_import_data").mkdir()
        for package in sorted((test / "test_import" / "data").glob("package*")):
            shutil.copytree(str(package), str(partial / "test_import_data" / package.name),
                            ignore=shutil.ignore_patterns("__pycache__"))
        _publish(partial, dest)
    return "cpython-" + minor, dest


def stage_mock(pip_python: Path) -> Tuple[str, Path]:
    """Download mock's sdist with pip (hash-checked) once, and unpack its package into the cache."""
    dest = SOURCES / ("mock-" + MOCK_VERSION)
    if not dest.is_dir():
        partial = Path(tempfile.mkdtemp(prefix=dest.name + ".", dir=str(SOURCES)))
        try:
            sdist = download_sdist(pip_python, "mock", MOCK_VERSION, MOCK_SHA256, partial)
            prefix = "mock-{}/mock/".format(MOCK_VERSION)
            with tarfile.open(str(sdist)) as archive:
                for member in archive.getmembers():
                    if member.isfile() and member.name.startswith(prefix) and member.name.endswith(".py"):
                        target = partial / "mock" / member.name[len(prefix):]
                        target.parent.mkdir(parents=True, exist_ok=True)
                        target.write_bytes(archive.extractfile(member).read())  # type: ignore[union-attr]
            sdist.unlink()
            _publish(partial, dest)
        finally:
            shutil.rmtree(str(partial), ignore_errors=True)  # gone already once published
    return "mock-" + MOCK_VERSION.rsplit(".", 1)[0], dest


def suites_for(version: str, staged: Dict[str, Path]) -> List[Tuple[str, Path]]:
    """The suites that run on *version* ("3.6", "pypy3"...): the reference, its own, mock's."""
    names = ["cpython-" + REFERENCE] + (["cpython-" + version] if version in OWN_SUITES else [])
    names += [name for name in staged if name.startswith("mock-")]
    return [(name, staged[name]) for name in names if name in staged]


def stage_all(interpreters: Dict[str, Interpreter], pip_python: Path) -> Dict[str, Path]:
    """Stage every suite the found *interpreters* can give: suite name -> directory."""
    if REFERENCE not in interpreters:
        raise RuntimeError("no Python {} to take the reference suite from".format(REFERENCE))
    SOURCES.mkdir(parents=True, exist_ok=True)
    staged = dict([stage_mock(pip_python)])
    for version in (REFERENCE,) + OWN_SUITES:
        if version in interpreters:
            name, path = stage_cpython(interpreters[version])
            staged[name] = path
    return staged
