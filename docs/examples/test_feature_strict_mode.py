"""Feature: the pytest plugin's strict mode fails a test that forgets an ``await``.

The test below is green in a normal run: close_session calls cache.flush, an
async method, without awaiting it, and the test only checks the call. Under
strict mode (--asyncmock-strict, ``asyncmock_strict = true`` in the ini
file, or the asyncmock_strict marker) it fails, naming the call and its line.
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
    "*_ test_close_session_flushes_the_cache _*",
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

    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(STRICT_FAILURE)


def test_the_ini_option_turns_strict_mode_on_for_the_whole_suite(pytester, run_pytest):
    pytester.makeini("[pytest]\nasyncmock_strict = true\n")

    result = run_pytest()

    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(STRICT_FAILURE)


def test_the_marker_turns_strict_mode_on_for_one_test(run_pytest):
    result = run_pytest(mark="@pytest.mark.asyncmock_strict")

    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(STRICT_FAILURE)


MISSPELT_TEST = """
import pytest
from asyncmock import MagicMock

MARK
def test_the_order_is_logged():
    log = MagicMock(name="log")
    log.info("order-1")
    log.info.asserT_called_once_with("order-1")  # BUG: not an assertion; passes without strict mode
"""


def test_strict_mode_refuses_a_misspelt_assertion_and_names_the_one_meant(pytester, run_pytest):
    pytester.makepyfile(test_orders=MISSPELT_TEST.replace("MARK", ""))

    result = run_pytest("--asyncmock-strict", "test_orders.py")

    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines([
        "E * AttributeError: 'asserT_called_once_with' looks like a misspelling of "
        "'assert_called_once_with', which asyncmock strict mode refuses. Use a spec for the "
        "mock, or unsafe=True, if 'asserT_called_once_with' is meant to be an attribute*",
    ])


def test_the_marker_with_false_opts_one_test_out_of_a_strict_run(pytester, run_pytest):
    pytester.makepyfile(test_orders=MISSPELT_TEST.replace("MARK", "@pytest.mark.asyncmock_strict(False)"))

    result = run_pytest("--asyncmock-strict", "test_orders.py")

    result.assert_outcomes(passed=1)  # as without strict mode: the typo asserts nothing
