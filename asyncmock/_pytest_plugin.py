"""asyncmock's pytest plugin: strict mode, virtual time for whole tests, the adoption switch.

Loaded through the ``pytest11`` entry point; the package itself never imports
pytest.  Strict mode is opt-in: ``--asyncmock-strict``, the ini option
``asyncmock_strict = true``, or ``@pytest.mark.asyncmock_strict`` on a test;
``@pytest.mark.asyncmock_strict(False)`` turns it off for one test.  Virtual
time likewise: ``--asyncmock-virtual-time`` (ini ``asyncmock_virtual_time``)
for every async test, the ``asyncmock_virtual_time`` marker or the
``asyncmock_clock`` fixture for one; it covers the whole test, the set-up and
tear-down of its fixtures included, whichever plugin runs it.
"""
import functools
import inspect
import os
import zlib
from typing import Any, Dict, FrozenSet, Iterator, List, Optional, Tuple, cast

import pytest

from ._compat import format_call_signature
from ._hygiene import CHECKS, Gate, parse_checks
from ._introspection import iscoroutinefunction
from ._names import dotted_name
from ._records import STRICT_SCOPES, TYPO_GUARDS
from ._install import install, uninstall
from ._interleavings import NestedExploration, Schedule, check_runs_and_seed, replay_line, run_seeds, start, stop
from ._virtual_runs import Window
from ._virtual_time import VirtualClock, virtual_time

__all__ = ["asyncmock_clock", "pytest_addoption", "pytest_configure", "pytest_runtest_call"]

_MARKER = "asyncmock_strict"
_VIRTUAL_TIME = "asyncmock_virtual_time"
_SYSTEM_CLOCKS = "asyncmock_system_clocks"
_INTERLEAVINGS = "asyncmock_interleavings"
#: The fixture each explored test is parametrized over: (seed, run, runs).
_RUN = "asyncmock_interleaving"


def pytest_addoption(parser: Any) -> None:
    group = parser.getgroup("asyncmock")
    # A flag, not an option with a value, which would swallow the test path after
    # it: the checks are chosen with the ini option (-o asyncmock_strict=... too).
    group.addoption(
        "--asyncmock-strict", action="store_true", default=False, dest="asyncmock_strict",
        help="fail a test for what it leaves behind, by every check: %s (choose them, or "
        "report only, with -o asyncmock_strict=CHECKS,warn)" % ", ".join(CHECKS),
    )
    parser.addini(
        _MARKER, default="",
        help="strict mode: true (every check), false, the checks named (%s), and/or warn"
        % ",".join(CHECKS),
    )
    group.addoption(
        "--asyncmock-virtual-time", action="store_true", default=False, dest="asyncmock_virtual_time",
        help="run every async test, its fixtures' set-up and tear-down included, in virtual time",
    )
    parser.addini(
        _VIRTUAL_TIME, type="bool", default=False,
        help="run every async test, its fixtures' set-up and tear-down included, in virtual time",
    )
    group.addoption(
        "--asyncmock-system-clocks", action="store_true", default=False, dest="asyncmock_system_clocks",
        help="in virtual time, time.time(), time.monotonic(), time.perf_counter() and "
        "datetime.now() follow the virtual clock",
    )
    parser.addini(
        _SYSTEM_CLOCKS, type="bool", default=False,
        help="in virtual time, time.time(), time.monotonic(), time.perf_counter() and "
        "datetime.now() follow the virtual clock",
    )
    group.addoption(
        "--asyncmock-interleavings", type=int, default=None, dest="asyncmock_interleavings", metavar="N",
        help="run every async test under N schedules of its mocks' awaits (asyncmock.interleavings)",
    )
    group.addoption(
        "--asyncmock-seed", type=int, default=None, dest="asyncmock_seed", metavar="S",
        help="replay the schedule of seed S; with --asyncmock-interleavings=N, explore N from base seed S",
    )
    group.addoption(
        "--asyncmock-replace", action="store_true", default=False, dest="asyncmock_replace",
        help="make unittest.mock (and mock) be asyncmock for this session",
    )
    parser.addini(
        "asyncmock_replace", type="bool", default=False,
        help="make unittest.mock (and mock) be asyncmock for this session",
    )


@pytest.hookimpl(tryfirst=True)  # before pytest-mock's configure reads unittest.mock
def pytest_configure(config: Any) -> None:
    config.addinivalue_line(
        "markers",
        "%s(enabled=True): strict mode for this test: fail it if an asyncmock coroutine it "
        "creates is never awaited, or if it reads a misspelt assertion" % _MARKER,
    )
    config.addinivalue_line(
        "markers",
        "%s(enabled=True, io_timeout=1.0, system_clocks=False): run this test, its fixtures "
        "included, in virtual time (asyncmock.virtual_time); False opts it out" % _VIRTUAL_TIME,
    )
    config.addinivalue_line(
        "markers",
        "%s(runs=200, seed=None): run this async test under `runs` schedules of its mocks' "
        "awaits, or replay the schedule of `seed` (asyncmock.interleavings)" % _INTERLEAVINGS,
    )
    setting = "true" if config.getoption("asyncmock_strict") else config.getini(_MARKER)
    try:
        config._asyncmock_strict = parse_checks(setting if isinstance(setting, str) else str(setting))
    except ValueError as error:
        raise pytest.UsageError("%s: %s" % (_MARKER, error))
    config._asyncmock_findings = []
    runs = config.getoption("asyncmock_interleavings")
    if runs is not None and runs < 1:
        raise pytest.UsageError("--asyncmock-interleavings must be an int >= 1; got %d" % runs)
    if config.getoption("asyncmock_replace") or config.getini("asyncmock_replace"):
        # Before test modules are imported: their ``from unittest.mock
        # import ...`` and pytest-mock's ``mocker`` then get asyncmock's.
        install()
        config.add_cleanup(uninstall)


def _session_strict(config: Any) -> "Tuple[FrozenSet[str], bool]":
    """The session's checks and whether they only report (a config pytest_configure saw, or none)."""
    return getattr(config, "_asyncmock_strict", (frozenset(), False))


def _checks(item: Any) -> "FrozenSet[str]":
    """The checks strict mode runs for *item*: the session's, narrowed or widened by its marker.

    Raises:
        TypeError: a marker keyword that names no check.
    """
    checks = _session_strict(item.config)[0]
    marker = item.get_closest_marker(_MARKER)
    if marker is None:
        return checks
    keywords = dict(marker.kwargs)
    enabled = marker.args[0] if marker.args else keywords.pop("enabled", None)
    if enabled is not None:
        checks = frozenset(CHECKS) if enabled else frozenset()
    elif not keywords or not checks:
        checks = frozenset(CHECKS)  # the marker alone turns every check on
    wanted = set(checks)
    for name, on in keywords.items():
        check = name.replace("_", "-")
        if check not in CHECKS:
            raise TypeError(
                "@pytest.mark.%s: unknown check %r; the checks are: %s"
                % (_MARKER, name, ", ".join(check.replace("-", "_") for check in CHECKS))
            )
        if on:
            wanted.add(check)
        else:
            wanted.discard(check)
    return frozenset(wanted)


def _describe(entry: Any) -> str:
    mock, this_call, _, (filename, lineno) = entry
    name = dotted_name(mock)
    where = os.path.relpath(filename) if not filename.startswith("<") else filename
    return "%s at %s:%d" % (format_call_signature(name, *this_call), where, lineno)


#: The open strict-mode scope of each test that has one, by node id.
_SCOPES = {}  # type: Dict[str, List[Any]]


def _fail_if_forgotten(scope: "List[Any]", item: Any = None) -> None:
    """Fail with the calls in *scope* whose coroutine was never awaited, and empty *scope*.

    In report-only mode they are noted for the session's summary instead.
    """
    forgotten = [
        entry for entry in scope
        if inspect.getcoroutinestate(entry[2]) == inspect.CORO_CREATED
    ]
    del scope[:]
    for entry in forgotten:
        entry[2].close()  # reported here instead of as a RuntimeWarning later
    if forgotten and item is not None and _session_strict(item.config)[1]:
        _note(item, [("calls", "%s:%d" % entry[3]) for entry in forgotten])
        return
    if forgotten:
        pytest.fail(
            "asyncmock strict mode: %d call%s never awaited (did you forget `await`?):\n  %s"
            % (
                len(forgotten), "" if len(forgotten) == 1 else "s",
                "\n  ".join(_describe(entry) for entry in forgotten),
            ),
            pytrace=False,
        )


@pytest.hookimpl(trylast=True)  # after pytest's own, which runs the test
def pytest_runtest_call(item: Any) -> None:
    """Fail the test itself (not its teardown) for calls it made and never awaited.

    Also fail an async test that was to run in virtual time and ran no loop
    asyncmock could put there: its runner is one virtual time cannot reach.
    """
    scope = _SCOPES.get(item.nodeid)
    if scope is not None:
        _fail_if_forgotten(scope, item)
    clock = _CLOCKS.get(item.nodeid)
    if isinstance(clock, VirtualClock) and isinstance(clock._driver, Window) and _is_async_test(item):
        pytest.fail(
            "asyncmock virtual time: this async test ran on no event loop that asyncmock can put in "
            "virtual time (its runner starts loops asyncmock does not reach: uvloop, a proactor loop, "
            "a loop in another thread?). Run it on asyncio's default selector loop, or opt it out "
            "with @pytest.mark.%s(False)" % _VIRTUAL_TIME,
            pytrace=False,
        )


@pytest.fixture(autouse=True)
def _asyncmock_strict_mode(request: Any) -> "Iterator[None]":
    """In strict mode, collect the test's async mock calls and check each was awaited.

    The test fails when its body returns; calls made later, by fixture
    teardown, or left by a test that failed anyway are reported at teardown.
    """
    try:
        checks = _checks(request.node)
    except TypeError as error:
        pytest.fail(str(error), pytrace=False)
    report_only = _session_strict(request.config)[1]
    guard = [] if report_only else object()  # type: Any
    if "typos" in checks:
        TYPO_GUARDS.append(guard)
    scope = None  # type: Optional[List[Any]]
    if "calls" in checks:
        scope = []
        STRICT_SCOPES.append(scope)
        _SCOPES[request.node.nodeid] = scope
    try:
        yield
    finally:
        if any(entry is guard for entry in TYPO_GUARDS):
            TYPO_GUARDS[:] = [entry for entry in TYPO_GUARDS if entry is not guard]
        if scope is not None:
            STRICT_SCOPES.remove(scope)
            del _SCOPES[request.node.nodeid]
    if report_only and guard:
        _note(request.node, [("typos", "%s (meant %s)" % typo) for typo in guard])
    if scope is not None:
        _fail_if_forgotten(scope, request.node)


def _note(item: Any, found: "List[Tuple[str, str]]") -> None:
    """Keep (check, place) findings of *item* for the report-only summary."""
    item.config._asyncmock_findings.extend((item.nodeid, check, place) for check, place in found)


#: The hygiene gate of each test that has one, by node id.
_GATES = {}  # type: Dict[str, Gate]


def _open_gate(item: Any) -> "Optional[Gate]":
    try:
        checks = _checks(item) - {"calls", "typos"}
    except TypeError:
        return None  # the test's error, from its strict-mode fixture
    if not checks:
        return None
    gate = Gate(checks, silent=_session_strict(item.config)[1])
    gate.start()
    _GATES[item.nodeid] = gate
    return gate


@pytest.hookimpl(trylast=True)  # after the test's fixtures are torn down
def pytest_runtest_teardown(item: Any, nextitem: Any) -> None:
    """Fail the test (as an error of its tear-down) for what its hygiene gate found."""
    gate = _GATES.pop(item.nodeid, None)
    if gate is None:
        return
    findings = gate.finish()
    if not findings:
        return
    if gate.silent:
        _note(item, [(finding.check, finding.site) for finding in findings])
        return
    pytest.fail(
        "asyncmock strict mode: %d problem%s in this test:\n%s"
        % (len(findings), "" if len(findings) == 1 else "s", "\n".join(finding.render() for finding in findings)),
        pytrace=False,
    )


def pytest_generate_tests(metafunc: Any) -> None:
    """An explored test runs once per schedule: one item per seed, so each run has fresh fixtures."""
    config = metafunc.config
    marker = metafunc.definition.get_closest_marker(_INTERLEAVINGS)
    runs_option = config.getoption("asyncmock_interleavings")
    seed_option = config.getoption("asyncmock_seed")
    if marker is None and runs_option is None and seed_option is None:
        return
    if not iscoroutinefunction(metafunc.function):
        return  # the marker on a sync test: its error, at set-up
    runs = marker.kwargs.get("runs") if marker is not None else None
    seed = marker.kwargs.get("seed") if marker is not None else None
    try:
        check_runs_and_seed(runs, seed, "@pytest.mark.%s" % _INTERLEAVINGS)
    except (TypeError, ValueError):
        return  # reported at set-up
    if seed_option is not None:  # the command line replays (or explores from) its seed
        runs, seed = runs_option, seed_option
    elif runs_option is not None:
        runs = runs_option
    # The same seeds in every process (xdist's workers collect alike), from the test's id.
    base = zlib.crc32(metafunc.definition.nodeid.encode("utf-8"))
    seeds = run_seeds(runs, seed, base)
    metafunc.fixturenames.append(_RUN)
    metafunc.parametrize(
        _RUN, [(run_seed, run, len(seeds)) for run, run_seed in enumerate(seeds)], indirect=True,
        ids=["seed=%d" % run_seed for run_seed in seeds],
    )


@pytest.fixture
def asyncmock_interleaving(request: Any) -> "Tuple[int, int, int]":
    """This run's (seed, run, runs) when the test is explored under several schedules."""
    return cast("Tuple[int, int, int]", request.param)


def _failed_seeds(config: Any) -> "Dict[str, int]":
    """The first failing seed of each explored test of this session, by its id without parameters."""
    seeds = getattr(config, "_asyncmock_failed_seeds", None)
    if seeds is None:
        seeds = config._asyncmock_failed_seeds = {}
    return cast("Dict[str, int]", seeds)


def _explored(test: Any, schedule: Schedule, run: int, runs: int, nodeid: str, failed: "Dict[str, int]") -> Any:
    """*test*, raising :class:`~asyncmock.InterleavingFailure` for what it raises under *schedule*."""
    @functools.wraps(test)
    async def explored(*args: Any, **kwargs: Any) -> Any:
        __tracebackhide__ = True
        try:
            return await test(*args, **kwargs)
        except NestedExploration:
            raise
        except Exception as error:
            failed.setdefault(nodeid, schedule.seed)
            raise schedule.failure(error, run, runs, replay_line(schedule.seed, nodeid)) from error

    return explored


def _switched_on(config: Any, name: str) -> bool:
    return bool(config.getoption(name) or config.getini(name))


def _is_async_test(item: Any) -> bool:
    """An ``async def`` test: a function, or a method of an ``IsolatedAsyncioTestCase``."""
    return iscoroutinefunction(getattr(item, "obj", None))


def _virtual_time_settings(item: Any) -> "Optional[Dict[str, Any]]":
    """``virtual_time()``'s keywords for *item*, or None when it runs in real time.

    The marker decides (``False`` opts out); else the ``asyncmock_clock``
    fixture, or the suite's switch for an ``async def`` test, turns it on.
    """
    config = item.config
    settings = {"system_clocks": _switched_on(config, _SYSTEM_CLOCKS)}  # type: Dict[str, Any]
    marker = item.get_closest_marker(_VIRTUAL_TIME)
    if marker is not None:
        keywords = dict(marker.kwargs)
        enabled = marker.args[0] if marker.args else keywords.pop("enabled", True)
        if not enabled:
            return None
        settings.update(keywords)
        return settings
    if "asyncmock_clock" in getattr(item, "fixturenames", ()):
        return settings
    if _switched_on(config, _VIRTUAL_TIME) and _is_async_test(item):
        return settings
    return None


#: The clock of each test running in virtual time, by node id; or why it cannot.
_CLOCKS = {}  # type: Dict[str, Any]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: Any, nextitem: Any) -> "Iterator[None]":
    """Run the whole test in virtual time when asked: set-up, call and tear-down."""
    gate = _open_gate(item)
    try:
        callspec = getattr(item, "callspec", None)
        explored = callspec.params.get(_RUN) if callspec is not None else None
        if explored is not None:
            yield from _run_explored(item, explored)
        else:
            yield from _run_in_virtual_time(item, _virtual_time_settings(item))
    finally:
        if gate is not None and _GATES.pop(item.nodeid, None) is gate:  # pragma: no cover - interrupted
            gate.finish()  # the tear-down did not run (an interrupted run): nothing to fail


def _run_explored(item: Any, explored: "Tuple[int, int, int]") -> "Iterator[None]":
    """One run of an explored test: its schedule, in virtual time, failures reported with their seed."""
    seed, run, runs = explored
    schedule = Schedule(seed)
    start(schedule)
    test = item.obj
    item.obj = _explored(test, schedule, run, runs, item.nodeid.split("[")[0], _failed_seeds(item.config))
    try:
        yield from _run_in_virtual_time(item, _virtual_time_settings(item) or {})
    finally:
        item.obj = test
        stop(schedule)


def _run_in_virtual_time(item: Any, settings: "Optional[Dict[str, Any]]") -> "Iterator[None]":
    if settings is None:
        yield
        return
    try:
        manager = virtual_time(**settings)
    except (TypeError, ValueError) as error:  # the marker's keywords: the test's error
        _CLOCKS[item.nodeid] = error
        try:
            yield
        finally:
            del _CLOCKS[item.nodeid]
        return
    with manager as clock:
        _CLOCKS[item.nodeid] = clock
        try:
            yield
        finally:
            del _CLOCKS[item.nodeid]


@pytest.fixture
def asyncmock_clock(request: Any) -> VirtualClock:
    """The virtual clock this test runs on: asking for it puts the whole test in virtual time.

    Fixtures and the test share it, whichever plugin runs them (pytest-asyncio,
    anyio, pytest-trio, unittest): ``asyncmock_clock.now`` and ``advance()``.
    """
    clock = _CLOCKS.get(request.node.nodeid)
    if not isinstance(clock, VirtualClock):
        _refuse_virtual_time(request, clock)
    return cast(VirtualClock, clock)


def _refuse_virtual_time(request: Any, error: Any) -> None:
    if error is None:
        pytest.fail(
            "asyncmock_clock is set up before the test starts: name it as an argument of the "
            "test (or of its fixtures), or use @pytest.mark.%s, rather than getfixturevalue()"
            % _VIRTUAL_TIME,
            pytrace=False,
        )
    pytest.fail("@pytest.mark.%s: %s" % (_VIRTUAL_TIME, error), pytrace=False)


@pytest.fixture(autouse=True)
def _asyncmock_marker_errors(request: Any) -> None:
    """A marker given what it refuses is the test's error, named."""
    error = _CLOCKS.get(request.node.nodeid)
    if error is not None and not isinstance(error, VirtualClock):
        _refuse_virtual_time(request, error)
    callspec = getattr(request.node, "callspec", None)
    if callspec is not None and _RUN in callspec.params:
        failed = _failed_seeds(request.config).get(request.node.nodeid.split("[")[0])
        if failed is not None:  # one failure per explored test: the rest would only repeat it
            pytest.skip("asyncmock.interleavings: this test already failed under seed %d; replay that "
                        "schedule with --asyncmock-seed=%d" % (failed, failed))
    marker = request.node.get_closest_marker(_INTERLEAVINGS)
    if marker is not None:
        if not iscoroutinefunction(getattr(request.node, "obj", None)):
            pytest.fail(
                "@pytest.mark.%s applies to async def tests; %s is not one"
                % (_INTERLEAVINGS, request.node.name), pytrace=False,
            )
        try:
            check_runs_and_seed(marker.kwargs.get("runs"), marker.kwargs.get("seed"), "@pytest.mark.%s" % _INTERLEAVINGS)
        except (TypeError, ValueError) as refused:
            pytest.fail(str(refused), pytrace=False)


# --- report only: the session's summary ------------------------------------------------

def pytest_sessionfinish(session: Any) -> None:
    """An xdist worker hands what it found to the controller, which adds up every worker's."""
    config = session.config
    output = getattr(config, "workeroutput", None)
    if output is not None:
        output["asyncmock_findings"] = list(getattr(config, "_asyncmock_findings", ()))


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: Any) -> None:
    found = getattr(node, "workeroutput", {}).get("asyncmock_findings", ())
    node.config._asyncmock_findings.extend(tuple(entry) for entry in found)


def pytest_terminal_summary(terminalreporter: Any, exitstatus: Any, config: Any) -> None:
    """In report-only mode: how many problems each check found, and the tests and places with most."""
    checks, warn = _session_strict(config)
    if not warn or not checks or getattr(config, "workeroutput", None) is not None:
        return
    findings = getattr(config, "_asyncmock_findings", [])
    write = terminalreporter.write_line
    terminalreporter.section("asyncmock strict mode (report only)")
    if not findings:
        write("no problems found by: %s" % ", ".join(check for check in CHECKS if check in checks))
        return
    for check in CHECKS:
        if check in checks:
            write("%-16s %d" % (check, sum(1 for _, found, _ in findings if found == check)))
    for title, key in (("tests with the most", 0), ("places with the most", 2)):
        counts = {}  # type: Dict[str, int]
        for entry in findings:
            counts[entry[key]] = counts.get(entry[key], 0) + 1
        write("%s:" % title)
        for name, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:5]:
            write("  %4d  %s" % (count, name))
