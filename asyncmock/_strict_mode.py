"""``@strict_mode`` on a ``unittest.TestCase`` class: strict mode's checks for each test, without pytest.

Each test of the class runs with the checks chosen (``"true"``: all of
them, or a comma list), and what they find is added to the test's result as
a failure, after the test's own outcome: the test's ``setUp``, ``tearDown``,
``asyncSetUp``, ``asyncTearDown`` and cleanups are all inside.
"""
import functools
import inspect
import sys
import unittest
from typing import Any, List, Optional, TypeVar, cast

from ._checks import refuse
from ._compat import format_call_signature
from ._hygiene import Finding, Gate, parse_checks
from ._names import dotted_name
from ._records import STRICT_SCOPES, TYPO_GUARDS

__all__ = ["forgotten_calls", "strict_mode"]

_C = TypeVar("_C", bound=type)


def forgotten_calls(scope: "List[Any]") -> "List[Finding]":
    """The calls in a strict-mode *scope* whose coroutine never started, closed, as findings."""
    found = []
    for mock, this_call, coroutine, (filename, lineno) in scope:
        if inspect.getcoroutinestate(coroutine) != inspect.CORO_CREATED:
            continue
        coroutine.close()  # told here, not as a RuntimeWarning later
        found.append(Finding(
            "calls", "%s was called and never awaited" % format_call_signature(dotted_name(mock), *this_call),
            "%s:%d" % (filename, lineno), "await the call (did you forget `await`?)",
        ))
    del scope[:]
    return found


def strict_mode(case: "Optional[_C]" = None, *, checks: str = "true") -> Any:
    """Run each test of the decorated ``unittest.TestCase`` class under strict mode's *checks*.

    *checks* is what the pytest ini option ``asyncmock_strict`` takes:
    ``"true"`` for every check, or their names, comma-separated.

    Raises:
        TypeError: what is decorated is not a ``unittest.TestCase`` class.
        ValueError: a check that does not exist, naming those that do.
    """
    if not isinstance(checks, str):
        refuse("strict_mode() checks", 'a str ("true", or check names, comma-separated)', checks)
    selected, warn = parse_checks(checks)
    if warn:
        raise ValueError("strict_mode() checks: 'warn' is for pytest's summary; name the checks to fail on")

    def decorate(case: _C) -> _C:
        if not (isinstance(case, type) and issubclass(case, unittest.TestCase)):
            refuse("strict_mode() decorates a unittest.TestCase class; its argument", "one", case)
        run = getattr(case, "run")

        @functools.wraps(run)
        def run_strictly(test: Any, result: Any = None) -> Any:
            if result is None:
                result = test.defaultTestResult()
            guard, scope = object(), []  # type: Any, List[Any]
            if "typos" in selected:
                TYPO_GUARDS.append(guard)
            if "calls" in selected:
                STRICT_SCOPES.append(scope)
            gate = Gate(selected - {"calls", "typos"}, silent=False)
            gate.start()
            try:
                outcome = run(test, result)
            finally:
                findings = gate.finish()
                if scope in STRICT_SCOPES:
                    STRICT_SCOPES.remove(scope)
                if guard in TYPO_GUARDS:
                    TYPO_GUARDS.remove(guard)
            findings = forgotten_calls(scope) + findings
            if findings:
                message = "asyncmock strict mode: %d problem%s in this test:\n%s" % (
                    len(findings), "" if len(findings) == 1 else "s",
                    "\n".join(finding.render() for finding in findings),
                )
                try:
                    raise AssertionError(message)
                except AssertionError:
                    result.addFailure(test, sys.exc_info())
            return outcome

        setattr(case, "run", run_strictly)
        return cast(_C, case)

    return decorate if case is None else decorate(case)


strict_mode.__module__ = "asyncmock"
