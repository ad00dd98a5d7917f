"""asyncmock's pytest plugin: strict mode fails tests that forget an ``await``.

Loaded through the ``pytest11`` entry point; the package itself never imports
pytest.  Strict mode is opt-in: ``--asyncmock-strict``, the ini option
``asyncmock_strict = true``, or ``@pytest.mark.asyncmock_strict`` on a test.
"""
import inspect
import os
from typing import Any, Iterator, List

import pytest

from ._core import STRICT_SCOPES
from ._names import dotted_name
from ._compat import format_call_signature
from ._install import install, uninstall

__all__ = ["pytest_addoption", "pytest_configure"]

_MARKER = "asyncmock_strict"


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
        "%s: fail the test if an asyncmock coroutine it creates is never awaited" % _MARKER,
    )
    if config.getoption("asyncmock_replace") or config.getini("asyncmock_replace"):
        # Before test modules are imported: their ``from unittest.mock
        # import ...`` and pytest-mock's ``mocker`` then get asyncmock's.
        install()
        config.add_cleanup(uninstall)


def _strict(request: Any) -> bool:
    config = request.config
    return bool(
        config.getoption("asyncmock_strict")
        or config.getini(_MARKER)
        or request.node.get_closest_marker(_MARKER) is not None
    )


def _describe(entry: Any) -> str:
    mock, this_call, _, (filename, lineno) = entry
    name = dotted_name(mock)
    where = os.path.relpath(filename) if not filename.startswith("<") else filename
    return "%s at %s:%d" % (format_call_signature(name, *this_call), where, lineno)


@pytest.fixture(autouse=True)
def _asyncmock_strict_mode(request: Any) -> "Iterator[None]":
    """In strict mode, collect the test's async mock calls and check each was awaited."""
    if not _strict(request):
        yield
        return
    scope = []  # type: List[Any]
    STRICT_SCOPES.append(scope)
    try:
        yield
    finally:
        STRICT_SCOPES.remove(scope)
    forgotten = [
        entry for entry in scope
        if inspect.getcoroutinestate(entry[2]) == inspect.CORO_CREATED
    ]
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
