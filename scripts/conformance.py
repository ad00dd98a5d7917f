#!/usr/bin/env python3
"""Run upstream's own unittest.mock test suites against asyncmock.

asyncmock claims to be a drop-in for ``unittest.mock``. This runner checks the
claim with the suites upstream wrote for it, read at run time from where they
are installed; nothing of them is copied into the repository:

* ``cpython-3.13``: CPython 3.13's ``test/test_unittest/testmock/``, from the
  3.13 interpreter's stdlib, on every interpreter;
* ``cpython-3.14``, ``cpython-3.15``: those versions' own suites (Debian's
  ``libpython3.X-testsuite``, in the sid chroot of scripts/interpreters.py),
  on their own interpreter only;
* ``mock-5.2``: the ``mock`` 5.2.0 backport's ``mock/tests/``, from its sdist
  (fetched with pip once, pinned by sha256, cached), on every interpreter.

Each suite is copied into a temporary directory, its imports are rewritten
there (the rules below), and it runs in a process of its own under plain
unittest: both suites are ``unittest.TestCase`` suites that upstream runs with
unittest (CPython's regrtest), so there is no pytest collection, assertion
rewriting, plugin or warning filter between the tests and the library. The
run fails on any failure that is not in DELIBERATE, and on any entry there
that passes (so the list stays short and true).

Rewrite rules. The rewritten imports name ``asyncmock_or_stdlib``, a module
object whose names are asyncmock's, and ``unittest.mock``'s for the names
asyncmock lacks (private ones such as ``_patch``, ``_Call``, ``_magics``,
``_get_target``, or ``CallableMixin``) unless they are in the newest
``unittest.mock.__all__`` (PUBLIC: a missing ``ThreadingMock`` must show).
asyncmock's own submodules (its ``_patch``, ``_core``...) are no names of it.
Setting or deleting a name on it does the same on the module the name comes
from, so ``patch.object(mock, 'FILTER_DIR', False)`` reaches asyncmock, and
``patch`` restores it.

* CPython's suites: ``from unittest import mock`` -> ``import
  asyncmock_or_stdlib as mock``; ``import unittest`` and ``import
  unittest.mock`` -> ``import unittest, asyncmock_or_stdlib``; then every
  other ``unittest.mock`` -> ``asyncmock_or_stdlib``, in code and in strings
  alike (``from unittest.mock import``, ``unittest.mock.patch``, patch
  targets such as ``'unittest.mock.patch.TEST_PREFIX'``, ``sys.modules`` keys,
  exec'd source). Their ``test.*`` imports stay: the suite is laid out as
  ``test.test_unittest.testmock`` in a ``test`` package that extends the
  interpreter's own, and the few helpers an older ``test.support`` lacks
  (``ALWAYS_EQ``, ``import_helper.DirsOnSysPath``, ``requires_working_*``,
  ``uncache``; PyPy ships no ``test.support`` at all) are filled in.
* mock's suite: ``import mock`` -> ``import asyncmock_or_stdlib as mock``;
  ``import mock.mock as X`` -> ``import asyncmock_or_stdlib as X``; ``from
  mock import`` and ``from mock.mock import`` -> ``from asyncmock_or_stdlib
  import`` (in exec'd strings too); patch targets ``'mock.patch.`` ->
  ``'asyncmock_or_stdlib.patch.``. Left alone: ``mock.tests.*`` (the suite's
  own package, laid out with the backport's ``mock`` package around it),
  ``mock.backports`` (its test helpers), ``from mock import IS_PYPY`` (a
  platform flag), ``sys.modules['mock...']`` and mock names in reprs.
* Scaffolding an old interpreter lacks, in the suite's process only:
  ``asyncio.run`` (3.6: a small equivalent here) and
  ``unittest.IsolatedAsyncioTestCase`` (3.6, 3.7: asyncmock's own, which
  ``mock.backports`` then picks up too; in a baseline run mock's own stand-in
  calls its ``async def`` tests without awaiting them, as upstream's does).
  mock's suite uses pytest for ``pytest.mark.skipif`` alone; a stand-in maps
  it to ``unittest.skipIf``, so no pytest is needed.
* A module whose *original* source does not compile on the interpreter
  (positional-only parameters on 3.6/3.7, say) is reported as not run
  there, an interpreter feature, and fails nothing.

``--baseline`` runs the same suites without the rewrite, against the library
they were written for (the running stdlib's ``unittest.mock``; the backport
for mock's suite): it shows what the stdlib itself passes, and never fails.

    python3 scripts/matrix.py --group conformance     # the wheel, every interpreter
    python3 scripts/conformance.py                    # the checkout (PYTHONPATH), every interpreter found
    python3 scripts/conformance.py --python 3.13 --report --tracebacks  # and the baseline, side by side

Run directly, it stages the suites (under ~/.cache/asyncmock-matrix/upstream-suites) and
keeps each interpreter's full output in ~/.cache/asyncmock-matrix/logs/conformance-dev-*.log.

The last line is ``N passed, N failed, N skipped``.
"""
import argparse
import asyncio
import concurrent.futures
import contextlib
import hashlib
import importlib
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import tempfile
import traceback
import types
import unittest
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, NamedTuple, Optional, Sequence, Tuple

REPO = Path(__file__).resolve().parent.parent
SCRIPT = Path(__file__).resolve()
CACHE = Path(os.environ.get("ASYNCMOCK_MATRIX_CACHE", str(Path.home() / ".cache" / "asyncmock-matrix")))
SOURCES = CACHE / "upstream-suites"  # staged where every interpreter, a chroot's too, can read them
PROXY = "asyncmock_or_stdlib"
MOCK_VERSION = "5.2.0"
MOCK_SHA256 = "4e460e818629b4b173f32d08bf30d3af8123afbb8e04bb5707a1fd4799e503f0"
REFERENCE = "3.13"  # the CPython suite that runs on every interpreter
OWN_SUITES = ("3.14", "3.15")  # CPython suites that run on their own interpreter only
SUITE_TIMEOUT = 600  # seconds for one suite on one interpreter


class Deliberate(NamedTuple):
    """Why a test fails on purpose: a fix of an upstream bug, or (with *before* or
    *implementation*) an interpreter feature that only those interpreters lack."""

    reason: str
    before: Optional[Tuple[int, int]] = None  # only on CPython/PyPy versions older than this
    implementation: Optional[str] = None  # only on this sys.implementation.name


GH_137594 = ("gh-137594: the test asserts that create_autospec of an async def records a call only "
             "once awaited; asyncmock records it when it is made, like every other mock")
REPR_COMMA = ("interpreter feature: the expected message has TypeError('...'), and before 3.7 an exception's "
              "repr ends in a comma, TypeError('...',) (bpo-30399); mock 5.2's copy of the test allows for it")
PYPY_BUILTINS = ("interpreter feature: PyPy's builtins have signatures, so the autospec of a bound time.ctime "
                 "checks its arguments; mock 5.2's copy of the test expects the TypeError on PyPy (IS_PYPY)")
PRIVATE_CALLABLE = ("interpreter's private helper: the test calls unittest.mock._callable itself, which "
                    "asyncmock neither exports nor replaces; 3.6's calls a classmethod of a non-callable "
                    "callable (asyncmock's own check is the newest one, tested in tests/)")
#: "suite:test id" -> why it fails. Every other failure fails the run, and so does an entry that passes.
DELIBERATE = dict(
    [(suite + ":testasync.AsyncAutospecTest.test_autospec_checks_signature", Deliberate(GH_137594))
     for suite in ("cpython-3.13", "cpython-3.14", "cpython-3.15", "mock-5.2")] + [
        ("cpython-3.13:testasync.AsyncMockAssert.test_assert_has_awaits_not_matching_spec_error",
         Deliberate(REPR_COMMA, before=(3, 7))),
        ("cpython-3.13:testmock.MockTest.test_assert_has_calls_not_matching_spec_error",
         Deliberate(REPR_COMMA, before=(3, 7))),
        ("cpython-3.13:testhelpers.SpecSignatureTest.test_autospec_on_bound_builtin_function",
         Deliberate(PYPY_BUILTINS, implementation="pypy")),
    ] + [
        (suite + ":testhelpers.TestCallablePredicate.test_non_callable_classmethod",
         Deliberate(PRIVATE_CALLABLE, before=(3, 7)))
        for suite in ("cpython-3.13", "mock-5.2")
    ])  # type: Dict[str, Deliberate]


# --- the rewrite ----------------------------------------------------------------

Rule = Tuple[str, str]  # a regex (multiline) and its replacement
CPYTHON_RULES = [
    (r"^([ \t]*)from unittest import mock[ \t]*$", r"\1import {} as mock".format(PROXY)),
    (r"^([ \t]*)import unittest(?:\.mock)?[ \t]*$", r"\1import unittest, {}".format(PROXY)),
    (r"\bunittest\.mock\b", PROXY),
]  # type: List[Rule]
MOCK_RULES = [
    (r"^([ \t]*)import mock[ \t]*$", r"\1import {} as mock".format(PROXY)),
    (r"^([ \t]*)import mock\.mock as (\w+)", r"\1import {} as \2".format(PROXY)),
    (r"\bfrom mock(?:\.mock)? import\b(?!\s+IS_PYPY\b)", "from {} import".format(PROXY)),
    (r"""(['"])mock\.patch\.""", r"\1{}.patch.".format(PROXY)),
]  # type: List[Rule]


#: A positional-only marker, ``def helper(self, func, /, *args)`` (PEP 570, 3.8).
POSITIONAL_ONLY = re.compile(r",\s*/\s*(?=[,)])")


def for_this_python(source: str) -> str:
    """*source*, without positional-only markers if this Python cannot compile it otherwise.

    The suites use the marker in their own helpers only (which are never
    given those names as keywords), so 3.6 and 3.7 can still run those
    modules; a module that needs more stays as it is and is reported.
    """
    try:
        compile(source, "<suite>", "exec")
        return source
    except SyntaxError:
        lowered = POSITIONAL_ONLY.sub("", source)
        try:
            compile(lowered, "<suite>", "exec")
        except SyntaxError:
            return source
        return lowered


def rewrite(source: str, rules: Sequence[Rule]) -> str:
    """*source* with *rules* applied in order; line numbers are kept."""
    for pattern, replacement in rules:
        source = re.sub(pattern, replacement, source, flags=re.MULTILINE)
    return source


# --- the namespace the rewritten suites import -----------------------------------

MACHINERY = {"__name__", "__file__", "__path__", "__spec__", "__loader__", "__package__", "__cached__",
             "__builtins__", "__getattr__", "__dir__"}


#: The newest CPython's unittest.mock.__all__: asyncmock must have each of these itself.
PUBLIC = frozenset(("Mock", "MagicMock", "patch", "sentinel", "DEFAULT", "ANY", "call", "create_autospec",
                    "AsyncMock", "ThreadingMock", "FILTER_DIR", "NonCallableMock", "NonCallableMagicMock",
                    "mock_open", "PropertyMock", "seal"))


def _owner(name: str) -> types.ModuleType:
    """The module *name* comes from: asyncmock if it has it (its submodules are no names of it) or
    if it is a public name (one asyncmock lacks must show), else unittest.mock."""
    import asyncmock
    import unittest.mock
    value = getattr(asyncmock, name, unittest.mock)
    own_submodule = isinstance(value, types.ModuleType) and value.__name__.startswith("asyncmock.")
    if name in PUBLIC or not (value is unittest.mock or own_submodule):
        return asyncmock
    return unittest.mock


_MISSING = object()


def _dunder(name: str) -> bool:
    return name.startswith("__") and name.endswith("__")


class Namespace(types.ModuleType):
    """asyncmock's names, then unittest.mock's; a write goes through to the name's module too."""

    def __getattr__(self, name: str) -> Any:  # only for names not set on the namespace itself
        if _dunder(name):
            raise AttributeError(name)
        return getattr(_owner(name), name)

    def __setattr__(self, name: str, value: Any) -> None:
        self.__dict__[name] = value
        if not _dunder(name):
            setattr(_owner(name), name, value)

    def __delattr__(self, name: str) -> None:
        owner = _owner(name)
        found = self.__dict__.pop(name, _MISSING) is not _MISSING
        if not _dunder(name) and name in vars(owner):
            delattr(owner, name)
            found = True
        if not found:
            raise AttributeError(name)


def install_namespace(name: str, *aliases: str) -> None:
    """Put a fresh Namespace in sys.modules as *name*: the proxy file's whole job.

    Each of *aliases* names the namespace itself (mock's ``mock.mock``, imported as
    ``from mock import mock``).
    """
    import asyncmock
    namespace = Namespace(name, asyncmock.__doc__)
    wanted = set(vars(asyncmock)) | set(asyncmock.__all__)
    namespace.__dict__.update({key: getattr(asyncmock, key) for key in wanted
                               if key not in MACHINERY and hasattr(asyncmock, key) and _owner(key) is asyncmock})
    namespace.__dict__.update(dict.fromkeys(aliases, namespace), __file__=sys.modules[name].__file__)
    sys.modules[name] = namespace


# --- scaffolding the suites need and an old interpreter lacks ---------------------

class _AlwaysEqual:
    """test.support.ALWAYS_EQ (3.9+): equal to everything."""

    def __eq__(self, other: object) -> bool:
        return True

    def __ne__(self, other: object) -> bool:
        return False


def _works_here(*, module: bool = False) -> Any:
    """test.support.requires_working_socket/threading (3.11+): both work here."""
    return None if module else (lambda test: test)


@contextlib.contextmanager
def _dirs_on_sys_path(*paths: str) -> Iterator[None]:
    """test.support.import_helper.DirsOnSysPath (3.10+): *paths* first on sys.path, for a while."""
    saved = sys.path[:]
    sys.path[:0] = paths
    try:
        yield
    finally:
        sys.path[:] = saved


@contextlib.contextmanager
def _uncache(*names: str) -> Iterator[None]:
    """test.test_importlib.util.uncache: *names* out of sys.modules before and after."""
    for name in names:
        sys.modules.pop(name, None)
    try:
        yield
    finally:
        for name in names:
            sys.modules.pop(name, None)


FILL_INS = {
    "test.support": {"ALWAYS_EQ": _AlwaysEqual(), "requires_working_socket": _works_here},
    "test.support.import_helper": {"DirsOnSysPath": _dirs_on_sys_path},
    "test.support.threading_helper": {"requires_working_threading": _works_here},
    "test.test_importlib": {},
    "test.test_importlib.util": {"uncache": _uncache},
}  # type: Dict[str, Dict[str, Any]]


def fill_in_test_package() -> None:
    """Import the test helpers the suites use; make up those this interpreter lacks."""
    for module_name, names in FILL_INS.items():
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            module = types.ModuleType(module_name)
            module.__path__ = []  # a package, as upstream's
            sys.modules[module_name] = module
            parent, _, child = module_name.rpartition(".")
            setattr(sys.modules[parent], child, module)
        for name, value in names.items():
            if not hasattr(module, name):
                setattr(module, name, value)


def _asyncio_run(main: Any, *, debug: Optional[bool] = None) -> Any:
    """asyncio.run (3.7+) for 3.6: a new loop, the coroutine, then leftover tasks cancelled."""
    loop = asyncio.new_event_loop()
    try:
        asyncio.set_event_loop(loop)
        if debug is not None:
            loop.set_debug(debug)
        return loop.run_until_complete(main)
    finally:
        pending = [task for task in getattr(asyncio.Task, "all_tasks")(loop) if not task.done()]  # 3.6's API
        for task in pending:
            task.cancel()
        loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
        loop.run_until_complete(loop.shutdown_asyncgens())
        asyncio.set_event_loop(None)
        loop.close()


class _PytestMarks:
    """pytest.mark, as far as mock's suite uses it: skipif, mapped to unittest.skipIf."""

    @staticmethod
    def skipif(condition: bool, *, reason: str = "") -> Callable[[Any], Any]:
        return unittest.skipIf(condition, reason)


def prepare_process(baseline: bool) -> None:
    """Give this process the scaffolding the suites import and this interpreter lacks."""
    if not hasattr(asyncio, "run"):
        setattr(asyncio, "run", _asyncio_run)
    if not baseline and not hasattr(unittest, "IsolatedAsyncioTestCase"):
        import asyncmock
        setattr(unittest, "IsolatedAsyncioTestCase", asyncmock.IsolatedAsyncioTestCase)
    pytest = types.ModuleType("pytest", "A stand-in: mock's suite uses pytest.mark.skipif only.")
    pytest.mark = _PytestMarks()  # type: ignore[attr-defined]
    sys.modules["pytest"] = pytest


# --- one suite, in a process of its own ------------------------------------------------

Outcome = List[str]  # [status, summary, where, traceback]; status passed/skipped/failed/error
RANK = {"passed": 0, "skipped": 1, "failed": 2, "error": 3}


class Recorder(unittest.TestResult):
    """The outcome of every test, by id without the suite's package; a failing subtest fails its test."""

    def __init__(self, package: str, root: str) -> None:
        super().__init__()
        self.package = package + "."
        self.root = root
        self.outcomes = {}  # type: Dict[str, Outcome]

    def record(self, test: unittest.TestCase, status: str, err: Any = None, note: str = "") -> None:
        key = test.id().replace(self.package, "")
        outcome = [status, note, "", ""]
        if err is not None:
            outcome = [status, note + summary(err[1]), self.where(err[2]), "".join(traceback.format_exception(*err))]
        if key not in self.outcomes or RANK[status] > RANK[self.outcomes[key][0]]:
            self.outcomes[key] = outcome

    def where(self, tb: Any) -> str:
        """file:line of the innermost frame in the suite's own files."""
        found = ""
        for frame, line in traceback.walk_tb(tb):
            if frame.f_code.co_filename.startswith(self.root):
                found = "{}:{}".format(os.path.basename(frame.f_code.co_filename), line)
        return found

    def addSuccess(self, test: unittest.TestCase) -> None:
        self.record(test, "passed")

    def addFailure(self, test: unittest.TestCase, err: Any) -> None:
        self.record(test, "failed", err)

    def addError(self, test: unittest.TestCase, err: Any) -> None:
        self.record(test, "error", err)

    def addSkip(self, test: unittest.TestCase, reason: str) -> None:
        self.record(test, "skipped", note=reason)

    def addExpectedFailure(self, test: unittest.TestCase, err: Any) -> None:
        self.record(test, "passed")  # upstream's own @expectedFailure held

    def addUnexpectedSuccess(self, test: unittest.TestCase) -> None:
        self.record(test, "failed", note="unexpected success of an @expectedFailure test")

    def addSubTest(self, test: unittest.TestCase, subtest: Any, err: Any) -> None:
        if err is not None:
            status = "failed" if issubclass(err[0], test.failureException) else "error"
            self.record(test, status, err, note=subtest._subDescription() + " ")


def summary(error: BaseException) -> str:
    """'Type: first line of the message', at most 240 characters."""
    lines = str(error).strip().splitlines()
    text = type(error).__name__ + (": " + lines[0] if lines else "")
    return text if len(text) <= 240 else text[:237] + "..."


def lay_out(kind: str, source: Path, root: Path, baseline: bool) -> Tuple[str, Dict[str, str]]:
    """Copy the suite at *source* into *root*, rewritten unless *baseline*.

    Returns the suite's package and its test modules' original sources.
    """
    if kind == "cpython":
        package, rules = "test.test_unittest.testmock", CPYTHON_RULES
        real_test = os.path.join(sysconfig.get_path("stdlib"), "test")
        init = "__path__.append({!r})\n".format(real_test) if os.path.isdir(real_test) else ""
        (root / "test" / "test_unittest" / "testmock").mkdir(parents=True)
        (root / "test" / "__init__.py").write_text("# extends the interpreter's test package\n" + init)
        (root / "test" / "test_unittest" / "__init__.py").write_text("")
        shutil.copytree(str(source / "test_import_data"), str(root / "test" / "test_import" / "data"))
        files = source / "testmock"
    else:
        package, rules = "mock.tests", MOCK_RULES
        shutil.copytree(str(source / "mock"), str(root / "mock"), ignore=shutil.ignore_patterns("tests"))
        (root / "mock" / "tests").mkdir()
        files = source / "mock" / "tests"
    target = root.joinpath(*package.split("."))
    (target / "__init__.py").write_text("")
    originals = {}
    for path in sorted(files.glob("*.py")):
        if path.name in ("__init__.py", "__main__.py"):
            continue
        text = path.read_text(encoding="utf-8")
        written = for_this_python(text if baseline else rewrite(text, rules))
        (target / path.name).write_text(written, encoding="utf-8")
        if path.stem.startswith("test"):
            originals[path.stem] = text
    if not baseline:
        aliases = ', "mock"' if kind == "mock" else ""
        (root / (PROXY + ".py")).write_text(
            "import conformance\nconformance.install_namespace(__name__{})\n".format(aliases))
    return package, originals


def run_here(kind: str, source: Path, baseline: bool) -> Dict[str, Any]:
    """Lay out, load and run one suite in this process; the outcomes of its modules and tests."""
    root = Path(tempfile.mkdtemp(prefix="asyncmock-conformance-"))
    try:
        package, originals = lay_out(kind, source, root, baseline)
        sys.path[:0] = [str(root), str(SCRIPT.parent)]
        prepare_process(baseline)
        if kind == "cpython":
            fill_in_test_package()
        modules = {}  # type: Dict[str, Outcome]
        suite = unittest.TestSuite()
        for stem, text in originals.items():
            try:
                module = importlib.import_module(package + "." + stem)
            except unittest.SkipTest as skip:
                modules[stem] = ["skipped", str(skip), "", ""]
                continue
            except Exception as error:  # a module that cannot be imported: reported, and its tests are not run
                modules[stem] = ["error", summary(error), "", traceback.format_exc()]
                try:
                    compile(text, stem + ".py", "exec")
                except SyntaxError as syntax:
                    modules[stem][:2] = ["unsupported", "this Python cannot compile it: {} (line {})".format(
                        syntax.msg, syntax.lineno)]
                continue
            modules[stem] = ["ok", "", "", ""]
            suite.addTests(unittest.defaultTestLoader.loadTestsFromModule(module))
        recorder = Recorder(package, str(root))
        suite.run(recorder)
        result = {"modules": modules, "tests": recorder.outcomes}  # type: Dict[str, Any]
        if not baseline:
            import asyncmock
            result["asyncmock"] = os.path.dirname(asyncmock.__file__)
        return result
    finally:
        shutil.rmtree(str(root), ignore_errors=True)


# --- judging the outcomes ------------------------------------------------------------------

class Problem(NamedTuple):
    """One thing that fails the run."""

    label: str  # FAIL, ERROR, PASS (a deliberate entry that passes), STALE (one that names no test)
    test_id: str  # a test id, or a module's name
    text: str


class Verdict(NamedTuple):
    counts: Dict[str, int]  # passed, failed, errors, skipped, deliberate, unexpected, modules
    problems: List[Problem]
    notes: List[str]  # what fails nothing: modules not run for a reason of the interpreter's


def applies(entry: Deliberate) -> bool:
    """Whether *entry* is about this interpreter."""
    return ((entry.before is None or sys.version_info[:2] < entry.before)
            and entry.implementation in (None, sys.implementation.name))


def judge(suite: str, result: Dict[str, Any], baseline: bool) -> Verdict:
    """Count *result* and hold it against DELIBERATE (not in a baseline run)."""
    counts = dict.fromkeys(("passed", "failed", "errors", "skipped", "deliberate", "unexpected", "modules"), 0)
    problems, notes = [], []  # type: List[Problem], List[str]
    wanted = {} if baseline else {key.split(":", 1)[1]: entry for key, entry in DELIBERATE.items()
                                  if key.startswith(suite + ":") and applies(entry)}
    for stem, (status, text, _, _) in sorted(result["modules"].items()):
        if status == "ok":
            continue
        counts["modules"] += 1
        if status == "error" and stem not in wanted:
            problems.append(Problem("ERROR", stem, "module not run: " + text))
        else:
            notes.append("module {} not run: {}{}".format(
                stem, text, " (an interpreter feature)" if status == "unsupported" else ""))
    for test_id, (status, text, where, _) in sorted(result["tests"].items()):
        entry = wanted.get(test_id)
        if status in ("failed", "error") and entry is not None:
            counts["deliberate"] += 1
            continue
        counts["errors" if status == "error" else status] += 1
        if status in ("failed", "error"):
            label = "FAIL" if status == "failed" else "ERROR"
            problems.append(Problem(label, test_id, "[{}] {}".format(where, text) if where else text))
        elif status == "passed" and entry is not None:
            counts["unexpected"] += 1
            problems.append(Problem("PASS", test_id, "listed as deliberate ({}): take it off".format(entry.reason)))
    for test_id in sorted(set(wanted) - set(result["tests"])):
        if "." in test_id and result["modules"].get(test_id.split(".", 1)[0], ["ok"])[0] == "ok":
            counts["unexpected"] += 1
            problems.append(Problem("STALE", test_id, "listed as deliberate, but no such test ran"))
    return Verdict(counts, problems, notes)


def count_line(counts: Dict[str, int]) -> str:
    line = "{passed} passed, {failed} failed, {errors} errors, {skipped} skipped".format(**counts)
    for key, words in (("deliberate", "deliberate"), ("unexpected", "listed but passing or stale"),
                       ("modules", "modules not run")):
        if counts[key]:
            line += ", {} {}".format(counts[key], words)
    return line


# --- the worker: every suite given, on this interpreter ----------------------------------------

#: Set by the matrix: run each suite's process under coverage.py (COVERAGE_FILE given).
COVERAGE_VARIABLE = "ASYNCMOCK_CONFORMANCE_COVERAGE"


def suite_kind(name: str) -> str:
    return "mock" if name.startswith("mock-") else "cpython"


def run_one_process(name: str, source: Path, baseline: bool) -> Tuple[Optional[Dict[str, Any]], str]:
    """Run suite *name* in a new process of this interpreter: its result (None if it broke), its output."""
    with tempfile.TemporaryDirectory(prefix="asyncmock-conformance-") as tmp:
        out = Path(tmp) / "result.json"
        command = [sys.executable, str(SCRIPT), "--run-one", suite_kind(name), str(source), str(out)]
        if os.environ.get(COVERAGE_VARIABLE):  # the matrix measures what the suites exercise
            command[1:1] = ["-m", "coverage", "run", "--branch", "--parallel-mode", "--source=asyncmock"]
        try:
            done = subprocess.run(command + ["--baseline"] * baseline, stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, universal_newlines=True, timeout=SUITE_TIMEOUT)
            output = "exit code {}:\n{}".format(done.returncode, done.stdout)
        except subprocess.TimeoutExpired as expired:
            text = expired.output or ""
            output = "timed out after {} s:\n{}".format(
                SUITE_TIMEOUT, text.decode(errors="replace") if isinstance(text, bytes) else text)
        return (json.loads(out.read_text()) if out.exists() else None), output


def run_suites(suites: Sequence[Tuple[str, Path]], baseline: bool, tracebacks: bool,
               json_path: Optional[Path]) -> int:
    """Run each suite in a process of its own and print what it did; 1 when something unexpected failed."""
    label = "baseline: each suite against its own library, not rewritten" if baseline else "asyncmock"
    print("{} {} ({})".format(sys.implementation.name, sys.version.split()[0], label), flush=True)
    totals = dict.fromkeys(("passed", "failed", "skipped"), 0)
    report = {}  # type: Dict[str, Any]
    for name, source in suites:
        result, output = run_one_process(name, source, baseline)
        if result is None:
            print("  {}: the suite's process broke, {}".format(name, output[-3000:]))
            totals["failed"] += 1
            continue
        verdict = judge(name, result, baseline)
        if "asyncmock" in result:
            print("  asyncmock from {}".format(result["asyncmock"]))
            if os.environ.get("ASYNCMOCK_EXPECT_INSTALLED") and result["asyncmock"].startswith(str(REPO)):
                verdict.problems.append(Problem("ERROR", "asyncmock", "the checkout's, not the installed wheel"))
        print("  {}: {}".format(name, count_line(verdict.counts)))
        for note in verdict.notes:
            print("    " + note)
        for problem in verdict.problems:
            print("    {:<5} {}  {}".format(*problem))
            trace = (result["tests"].get(problem.test_id) or result["modules"].get(problem.test_id) or [""] * 4)[3]
            if tracebacks and trace:
                print("      " + trace.rstrip().replace("\n", "\n      "))
        totals["passed"] += verdict.counts["passed"]
        totals["skipped"] += verdict.counts["skipped"]
        totals["failed"] += len(verdict.problems)
        report[name] = dict(verdict.counts, problems=[list(p) for p in verdict.problems], notes=verdict.notes)
    if json_path is not None:
        json_path.write_text(json.dumps({"python": sys.version.split()[0], "suites": report}, indent=1))
    print("{passed} passed, {failed} failed, {skipped} skipped".format(**totals), flush=True)
    return 1 if totals["failed"] and not baseline else 0


# --- staging the sources (on the host) ------------------------------------------------------------

def _publish(partial: Path, dest: Path) -> Path:
    """Move the complete *partial* to *dest*, unless a concurrent run got there first."""
    try:
        partial.rename(dest)
    except OSError:
        shutil.rmtree(str(partial), ignore_errors=True)
        if not dest.is_dir():
            raise
    return dest


def stage_cpython(interpreter: Any) -> Tuple[str, Path]:
    """Copy *interpreter*'s testmock suite (and the data packages testpatch imports) into the cache.

    *interpreter* is an interpreters.Interpreter; it may run in a chroot.
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
        requirement = partial / "requirement.txt"
        requirement.write_text("mock=={} --hash=sha256:{}\n".format(MOCK_VERSION, MOCK_SHA256))
        done = subprocess.run([str(pip_python), "-m", "pip", "download", "-q", "--no-deps", "--no-binary", ":all:",
                               "--require-hashes", "-r", str(requirement), "-d", str(partial)],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True)
        if done.returncode:
            shutil.rmtree(str(partial), ignore_errors=True)
            raise RuntimeError("pip download of mock {} failed:\n{}".format(MOCK_VERSION, done.stdout[-2000:]))
        sdist = partial / "mock-{}.tar.gz".format(MOCK_VERSION)
        if hashlib.sha256(sdist.read_bytes()).hexdigest() != MOCK_SHA256:
            raise RuntimeError("{} does not have the pinned sha256".format(sdist))
        prefix = "mock-{}/mock/".format(MOCK_VERSION)
        with tarfile.open(str(sdist)) as archive:
            for member in archive.getmembers():
                if member.isfile() and member.name.startswith(prefix) and member.name.endswith(".py"):
                    target = partial / "mock" / member.name[len(prefix):]
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(archive.extractfile(member).read())  # type: ignore[union-attr]
        requirement.unlink()
        sdist.unlink()
        _publish(partial, dest)
    return "mock-" + MOCK_VERSION.rsplit(".", 1)[0], dest


def suites_for(version: str, staged: Dict[str, Path]) -> List[Tuple[str, Path]]:
    """The suites that run on *version* ("3.6", "pypy3"...): the reference, its own, mock's."""
    names = ["cpython-" + REFERENCE] + (["cpython-" + version] if version in OWN_SUITES else [])
    names += [name for name in staged if name.startswith("mock-")]
    return [(name, staged[name]) for name in names if name in staged]


def stage_all(interpreters: Dict[str, Any], pip_python: Path) -> Dict[str, Path]:
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


# --- the driver: every interpreter, from the checkout ---------------------------------------------

def drive(versions: Sequence[str], modes: Sequence[bool], tracebacks: bool) -> int:
    """Run the worker on each interpreter found, on the checkout (the matrix group tests the wheel)."""
    from interpreters import find_all
    from matrix import VERSIONS
    wanted = list(versions or VERSIONS)
    found, notes = find_all(sorted(set(wanted) | {REFERENCE} | set(OWN_SUITES)), provision=False)
    staged = stage_all(found, Path(sys.executable))
    logs = CACHE / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, PYTHONPATH=str(REPO), PYTHONDONTWRITEBYTECODE="1")

    def one(version: str, baseline: bool) -> Tuple[int, str, Dict[str, Any]]:
        interpreter = found[version]
        with tempfile.TemporaryDirectory(prefix="asyncmock-conformance-") as tmp:
            out = Path(tmp) / "report.json"
            command = [interpreter.python, SCRIPT, "--json", out] + ["--baseline"] * baseline
            command += ["--tracebacks"] * tracebacks
            for name, path in suites_for(version, staged):
                command += ["--suite", "{}={}".format(name, path)]
            done = interpreter.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)
            report = json.loads(out.read_text()) if out.exists() else {"suites": {}}
        name = "conformance-dev-{}{}.log".format(version, "-baseline" if baseline else "")
        (logs / name).write_text(done.stdout)
        return done.returncode, done.stdout, report["suites"]

    jobs = [(version, baseline) for version in wanted if version in found for baseline in modes]
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        results = dict(zip(jobs, pool.map(lambda job: one(*job), jobs)))
    code = 0
    for (version, baseline), (returncode, output, _) in results.items():
        print("=== {}{}".format(version, " (baseline)" if baseline else ""))
        lines = output.rstrip().splitlines()
        brief = [line for line in lines if re.match(r"  \S+: ", line)] + lines[-1:]
        print("\n".join(lines if tracebacks or len(modes) == 1 else brief))
        code = code or returncode
    if len(modes) == 2:
        print("\n{:<9} {:<13} {:>14} {:>14}".format("python", "suite", "asyncmock", "baseline"))
        for version in [v for v in wanted if v in found]:
            ours, theirs = results[(version, False)][2], results[(version, True)][2]
            for suite in [name for name, _ in suites_for(version, staged)]:
                print("{:<9} {:<13} {:>14} {:>14}".format(version, suite, ratio(ours.get(suite)),
                                                          ratio(theirs.get(suite))))
        print("(passed/total; +Nm: N modules that did not load, their tests not in the total)")
    for version in wanted:
        if version not in found:
            print("{}: no interpreter found".format(version))
            code = 1
    for note in notes:
        print("note: " + note)
    runs = [counts for (_, baseline), (_, _, report) in results.items() if not baseline
            for counts in report.values()]
    print("{} passed, {} failed, {} skipped".format(sum(c["passed"] for c in runs),
                                                   sum(len(c["problems"]) for c in runs),
                                                   sum(c["skipped"] for c in runs)))
    return code


def ratio(counts: Optional[Dict[str, int]]) -> str:
    """passed/total of one suite (tests in modules that did not load are not in the total)."""
    if counts is None:
        return "-"
    total = sum(counts[key] for key in ("passed", "failed", "errors", "skipped", "deliberate"))
    more = " +{}m".format(counts["modules"]) if counts["modules"] else ""
    return "{}/{}{}".format(counts["passed"], total, more)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--suite", action="append", metavar="NAME=DIR",
                        help="run this staged suite on this interpreter (repeatable; the matrix's way)")
    parser.add_argument("--python", action="append", help="driver: only this X.Y or pypy3 (repeatable)")
    parser.add_argument("--baseline", action="store_true", help="the suites against their own library")
    parser.add_argument("--report", action="store_true", help="driver: asyncmock and baseline side by side")
    parser.add_argument("--tracebacks", action="store_true", help="print the traceback of every failure")
    parser.add_argument("--json", type=Path, help="write the counts and problems there too")
    parser.add_argument("--run-one", nargs=3, metavar=("KIND", "DIR", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run_one:
        kind, source, out = args.run_one
        result = run_here(kind, Path(source), args.baseline)
        Path(out).write_text(json.dumps(result))
        return 0
    if args.suite:
        suites = [(spec.split("=", 1)[0], Path(spec.split("=", 1)[1])) for spec in args.suite]
        return run_suites(suites, args.baseline, args.tracebacks, args.json)
    modes = [False, True] if args.report else [args.baseline]
    return drive(args.python or [], modes, args.tracebacks)


if __name__ == "__main__":
    sys.exit(main())
