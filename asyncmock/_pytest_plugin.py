"""asyncmock's pytest plugin: strict mode fails tests that forget an ``await``.

Loaded through the ``pytest11`` entry point; the package itself never imports
pytest.  Strict mode is opt-in: ``--asyncmock-strict``, the ini option
``asyncmock_strict = true``, or ``@pytest.mark.asyncmock_strict`` on a test;
``@pytest.mark.asyncmock_strict(False)`` turns it off for one test.
"""
import inspect
import os
import unittest
from typing import Any, Dict, Iterator, List

import pytest

from ._compat import format_call_signature
from ._introspection import iscoroutinefunction
from ._names import dotted_name
from ._records import STRICT_SCOPES
from ._install import install, uninstall
from ._virtual_time import VirtualClock, virtual_time

__all__ = ["asyncmock_clock", "pytest_addoption", "pytest_configure", "pytest_runtest_call"]

_MARKER = "asyncmock_strict"
_VIRTUAL_TIME = "asyncmock_virtual_time"


def pytest_addoption(parser: Any) -> None:
    group = parser.getgroup("asyncmock")
    group.addoption(
        "--asyncmock-strict", action="store_true", default=False, dest="asyncmock_strict",
        help="fail a test if an asyncmock coroutine it creates is never awaited",
    )
    parser.addini(
        _MARKER, type="bool", default=False,
        help="fail a test if an asyncmock coroutine it creates is never awaited",
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
        "%s(io_timeout=1.0): run this async test in virtual time (asyncmock.virtual_time)"
        % _VIRTUAL_TIME,
    )
    if config.getoption("asyncmock_replace") or config.getini("asyncmock_replace"):
        # Before test modules are imported: their ``from unittest.mock
        # import ...`` and pytest-mock's ``mocker`` then get asyncmock's.
        install()
        config.add_cleanup(uninstall)


def _strict(request: Any) -> bool:
    """Whether strict mode is on for this test: its marker decides, else the session's options."""
    marker = request.node.get_closest_marker(_MARKER)
    if marker is not None:
        return bool(marker.args[0]) if marker.args else bool(marker.kwargs.get("enabled", True))
    config = request.config
    return bool(config.getoption("asyncmock_strict") or config.getini(_MARKER))


def _describe(entry: Any) -> str:
    mock, this_call, _, (filename, lineno) = entry
    name = dotted_name(mock)
    where = os.path.relpath(filename) if not filename.startswith("<") else filename
    return "%s at %s:%d" % (format_call_signature(name, *this_call), where, lineno)


#: The open strict-mode scope of each test that has one, by node id.
_SCOPES = {}  # type: Dict[str, List[Any]]


def _fail_if_forgotten(scope: "List[Any]") -> None:
    """Fail with the calls in *scope* whose coroutine was never awaited, and empty *scope*."""
    forgotten = [
        entry for entry in scope
        if inspect.getcoroutinestate(entry[2]) == inspect.CORO_CREATED
    ]
    del scope[:]
    for entry in forgotten:
        entry[2].close()  # reported here instead of as a RuntimeWarning later
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
    """Fail the test itself (not its teardown) for calls it made and never awaited."""
    scope = _SCOPES.get(item.nodeid)
    if scope is not None:
        _fail_if_forgotten(scope)


@pytest.fixture(autouse=True)
def _asyncmock_strict_mode(request: Any) -> "Iterator[None]":
    """In strict mode, collect the test's async mock calls and check each was awaited.

    The test fails when its body returns; calls made later, by fixture
    teardown, or left by a test that failed anyway are reported at teardown.
    """
    if not _strict(request):
        yield
        return
    scope = []  # type: List[Any]
    STRICT_SCOPES.append(scope)
    _SCOPES[request.node.nodeid] = scope
    try:
        yield
    finally:
        STRICT_SCOPES.remove(scope)
        del _SCOPES[request.node.nodeid]
    _fail_if_forgotten(scope)


@pytest.fixture
def asyncmock_clock(request: Any) -> "Iterator[VirtualClock]":
    """Run this async test in virtual time (``asyncmock.virtual_time``); the clock it runs on.

    The test function is wrapped for the duration of the test, so whichever
    plugin runs it (pytest-asyncio, anyio) runs it in virtual time, inside its
    own loop.  The ``asyncmock_virtual_time`` marker's keywords are
    ``virtual_time()``'s.
    """
    item = request.node
    test = getattr(item, "obj", None)  # type: Any
    if isinstance(request.instance, unittest.TestCase) or not iscoroutinefunction(test):
        pytest.fail(
            "asyncmock_clock and @pytest.mark.%s apply to `async def` test functions; in a "
            "unittest.TestCase, decorate the test method with @asyncmock.virtual_time "
            "instead" % _VIRTUAL_TIME,
            pytrace=False,
        )
    marker = item.get_closest_marker(_VIRTUAL_TIME)
    clock = VirtualClock()
    item.obj = virtual_time(clock=clock, **(marker.kwargs if marker is not None else {}))(test)
    try:
        yield clock
    finally:
        item.obj = test


@pytest.fixture(autouse=True)
def _asyncmock_virtual_time_marker(request: Any) -> None:
    """``@pytest.mark.asyncmock_virtual_time``: the test gets the ``asyncmock_clock`` fixture."""
    if request.node.get_closest_marker(_VIRTUAL_TIME) is not None:
        request.getfixturevalue("asyncmock_clock")
