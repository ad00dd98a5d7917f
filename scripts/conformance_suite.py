#!/usr/bin/env python3
"""One upstream unittest.mock suite, in a process of its own: laid out afresh, its imports rewritten to
name asyncmock (the rules scripts/conformance.py's docstring describes), run under plain unittest.

    python3 scripts/conformance_suite.py KIND DIR OUT [--baseline]   # as scripts/conformance.py starts it

Writes every module's and test's outcome to OUT as JSON, for conformance.py to judge. Runs on
every interpreter of the matrix (3.6 and PyPy too): it needs the standard library and asyncmock only.
"""
import argparse
import asyncio
import contextlib
import importlib
import json
import os
import re
import shutil
import sys
import sysconfig
import tempfile
import traceback
import types
import unittest
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Optional, Sequence, Tuple

HERE = Path(__file__).resolve().parent
PROXY = "asyncmock_or_stdlib"


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
            "import conformance_suite\nconformance_suite.install_namespace(__name__{})\n".format(aliases))
    return package, originals


def run_here(kind: str, source: Path, baseline: bool) -> Dict[str, Any]:
    """Lay out, load and run one suite in this process; the outcomes of its modules and tests."""
    root = Path(tempfile.mkdtemp(prefix="asyncmock-conformance-"))
    try:
        package, originals = lay_out(kind, source, root, baseline)
        sys.path[:0] = [str(root), str(HERE)]  # the proxy imports this module
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=("cpython", "mock"), help="whose layout the suite has")
    parser.add_argument("source", type=Path, help="the staged suite (scripts/conformance_staging.py)")
    parser.add_argument("out", type=Path, help="where to write the outcomes, as JSON")
    parser.add_argument("--baseline", action="store_true", help="not rewritten: against the suite's own library")
    args = parser.parse_args()
    args.out.write_text(json.dumps(run_here(args.kind, args.source, args.baseline)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
