"""The pytest plugin's strict mode, driven through pytester (one child pytest per test)."""
import os

import asyncmock

pytest_plugins = ["pytester"]

TESTS = """
import asyncio
import pytest
from asyncmock import AsyncMock

def test_forgets_await():
    fetch = AsyncMock(name="fetch")
    fetch("https://example.org", retries=3)

def test_forgets_two():
    save = AsyncMock(name="save")
    save(1)
    save(2)

def test_awaits_every_call():
    fetch = AsyncMock(name="fetch")
    loop = asyncio.new_event_loop()
    try:
        loop.run_until_complete(fetch("https://example.org"))
    finally:
        loop.close()

@pytest.mark.asyncmock_strict
def test_marked_and_forgetful():
    AsyncMock(name="marked")("x")
"""


def _run(pytester, *args):
    # The child pytest imports asyncmock from where this one did.
    home = os.path.dirname(os.path.dirname(os.path.abspath(asyncmock.__file__)))
    pytester._monkeypatch.setenv("PYTHONPATH", home)
    pytester.makepyfile(test_module=TESTS)
    plugin = []
    if not pytester.parseconfig().pluginmanager.hasplugin("asyncmock"):
        plugin = ["-p", "asyncmock._pytest_plugin"]  # running from a checkout
    return pytester.runpytest_subprocess("-W", "ignore::RuntimeWarning", *plugin, *args)


def test_strict_option_fails_each_test_that_never_awaits_a_call_and_names_it(pytester):
    result = _run(pytester, "--asyncmock-strict")
    result.assert_outcomes(passed=4, errors=3)
    result.stdout.fnmatch_lines([
        "*ERROR at teardown of test_forgets_await*",
        "*asyncmock strict mode: 1 call never awaited (did you forget `await`?):*",
        "*fetch('https://example.org', retries=3) at test_module.py:7*",
        "*ERROR at teardown of test_forgets_two*",
        "*2 calls never awaited*",
        "*save(1) at test_module.py:11*",
        "*save(2) at test_module.py:12*",
    ])


def test_without_strict_mode_only_marked_tests_are_checked(pytester):
    result = _run(pytester)
    result.assert_outcomes(passed=4, errors=1)
    result.stdout.fnmatch_lines(["*ERROR at teardown of test_marked_and_forgetful*", "*marked('x')*"])


def test_ini_option_turns_strict_mode_on(pytester):
    pytester.makeini("[pytest]\nasyncmock_strict = true\n")
    result = _run(pytester)
    result.assert_outcomes(passed=4, errors=3)
