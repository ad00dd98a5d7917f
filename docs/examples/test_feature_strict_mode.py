"""Feature: the pytest plugin's strict mode fails a test that forgets an ``await``.

The test below is green in a normal run: close_session calls cache.flush, an
async method, without awaiting it, and the test only checks the call. Under
strict mode (--asyncmock-strict, ``asyncmock_strict = true`` in the ini
file, or the asyncmock_strict marker) it errors, naming the call and its line.
These examples run that test in a pytest of its own, with pytester.
"""
import pytest

pytest_plugins = ["pytester"]

FORGETFUL_TEST = """
import pytest
from asyncmock import AsyncMock

def close_session(cache):
    cache.flush()  # BUG: cache.flush is async; this only makes a coroutine

MARK
def test_close_session_flushes_the_cache():
    cache = AsyncMock(name="cache")
    close_session(cache)
    cache.flush.assert_called_once_with()
"""

STRICT_FAILURE = [
    "*ERROR at teardown of test_close_session_flushes_the_cache*",
    "asyncmock strict mode: 1 call never awaited (did you forget `await`?):",
    "  cache.flush() at test_cache.py:5",
]


@pytest.fixture
def run_pytest(pytester, pytestconfig):
    """Run pytest on FORGETFUL_TEST, with mark above the test; return its result."""
    plugin = []
    if not pytestconfig.pluginmanager.hasplugin("asyncmock"):
        plugin = ["-p", "asyncmock._pytest_plugin"]  # asyncmock not installed: a checkout

    def run(*args, mark=""):
        pytester.makepyfile(test_cache=FORGETFUL_TEST.replace("MARK", mark))
        return pytester.runpytest(*plugin, *args)

    return run


def test_the_strict_option_fails_the_test_and_names_the_forgotten_call(run_pytest):
    result = run_pytest("--asyncmock-strict")

    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines(STRICT_FAILURE)


def test_the_ini_option_turns_strict_mode_on_for_the_whole_suite(pytester, run_pytest):
    pytester.makeini("[pytest]\nasyncmock_strict = true\n")

    result = run_pytest()

    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines(STRICT_FAILURE)


def test_the_marker_turns_strict_mode_on_for_one_test(run_pytest):
    result = run_pytest(mark="@pytest.mark.asyncmock_strict")

    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines(STRICT_FAILURE)
