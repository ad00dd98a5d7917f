"""The pytest plugin's strict mode, driven through pytester (one pytest run per test, most in a child process)."""
import asyncmock
from _support import child_pytest

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
    pytester.makepyfile(test_module=TESTS)
    return child_pytest(pytester, *args)


def test_strict_option_fails_each_test_that_never_awaits_a_call_and_names_it(pytester):
    result = _run(pytester, "--asyncmock-strict")
    result.assert_outcomes(passed=1, failed=3)
    result.stdout.fnmatch_lines([
        "*_ test_forgets_await _*",
        "*asyncmock strict mode: 1 call never awaited (did you forget `await`?):*",
        "*fetch('https://example.org', retries=3) at test_module.py:7*",
        "*_ test_forgets_two _*",
        "*2 calls never awaited*",
        "*save(1) at test_module.py:11*",
        "*save(2) at test_module.py:12*",
    ])
    result.stdout.no_fnmatch_line("*ERROR at teardown*")


def test_without_strict_mode_only_marked_tests_are_checked(pytester):
    result = _run(pytester)
    result.assert_outcomes(passed=3, failed=1)
    result.stdout.fnmatch_lines(["*_ test_marked_and_forgetful _*", "*marked('x') at test_module.py:*"])


def test_ini_option_turns_strict_mode_on(pytester):
    pytester.makeini("[pytest]\nasyncmock_strict = true\n")
    result = _run(pytester)
    result.assert_outcomes(passed=1, failed=3)


OPTING_OUT = """
import pytest
from asyncmock import AsyncMock

@pytest.mark.asyncmock_strict(False)
def test_opted_out():
    AsyncMock(name="quiet")("x")

@pytest.mark.asyncmock_strict(enabled=False)
def test_opted_out_by_keyword():
    AsyncMock(name="quiet")("y")

def test_still_strict():
    AsyncMock(name="loud")("z")
"""


def test_marker_with_false_opts_one_test_out_of_a_strict_session(pytester):
    pytester.makepyfile(test_opting_out=OPTING_OUT)
    result = _run(pytester, "--asyncmock-strict", "test_opting_out.py")
    result.assert_outcomes(passed=2, failed=1)
    result.stdout.fnmatch_lines(["*_ test_still_strict _*", "*loud('z') at test_opting_out.py:13*"])


FAILING_ANYWAY = """
from asyncmock import AsyncMock

def test_fails_after_forgetting():
    AsyncMock(name="lost")(1)
    assert False, "the test's own failure"
"""


def test_a_test_that_fails_anyway_still_reports_its_forgotten_calls_at_teardown(pytester):
    pytester.makepyfile(test_failing=FAILING_ANYWAY)
    result = _run(pytester, "--asyncmock-strict", "test_failing.py")
    result.assert_outcomes(failed=1, errors=1)
    result.stdout.fnmatch_lines(["*ERROR at teardown of test_fails_after_forgetting*", "*lost(1) at test_failing.py:4*"])
    result.stdout.fnmatch_lines(["*AssertionError: the test's own failure*"])


STRICT_TESTS = """
import asyncio
import pytest
from asyncmock import AsyncMock, create_autospec

async def fetch(url):
    pass

def test_awaits_every_call():
    fake = AsyncMock(name="fake")
    loop = asyncio.new_event_loop()
    try:
        loop.run_until_complete(fake("/a"))
    finally:
        loop.close()

def test_forgets_an_autospecced_function():
    fake = create_autospec(fetch)
    fake("/b")
"""


def test_strict_mode_names_the_users_line_for_an_autospecced_function_and_passes_awaited_ones(
    pytester, pytestconfig
):
    plugin = []
    if not pytestconfig.pluginmanager.hasplugin("asyncmock"):
        plugin = ["-p", "asyncmock._pytest_plugin"]  # asyncmock not installed: a checkout
    pytester.makepyfile(test_strict=STRICT_TESTS)

    result = pytester.runpytest_inprocess(*plugin, "--asyncmock-strict")

    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines([
        "*_ test_forgets_an_autospecced_function _*",
        "*mock('/b') at test_strict.py:18",
    ])


TYPOS = """
import pytest
from asyncmock import AsyncMock, MagicMock

class Gauge:
    def asset_called_once(self):
        pass

def test_case_changed():
    AsyncMock().asserT_any_await(1)

def test_one_letter_dropped():
    MagicMock().asset_called_once()

def test_denied_name_in_capitals():
    MagicMock().Called_Once_With(1)

def test_spec_with_the_name_wins():
    MagicMock(spec=Gauge).asset_called_once()

def test_unsafe_allows_it():
    MagicMock(unsafe=True).asset_called_once()

def test_ordinary_names_pass():
    MagicMock().assets.count()

def test_the_stdlib_guard_keeps_its_message():
    MagicMock().assret_called()
"""


def test_strict_mode_refuses_misspelt_assertions_and_names_the_one_meant(pytester):
    pytester.makepyfile(test_typos=TYPOS)
    result = _run(pytester, "--asyncmock-strict", "test_typos.py")
    result.assert_outcomes(passed=3, failed=4)
    result.stdout.fnmatch_lines([
        "E * AttributeError: 'asserT_any_await' looks like a misspelling of 'assert_any_await', "
        "which asyncmock strict mode refuses. Use a spec for the mock, or unsafe=True, if "
        "'asserT_any_await' is meant to be an attribute*",
        "E * AttributeError: 'asset_called_once' looks like a misspelling of 'assert_called_once'*",
        "E * AttributeError: 'Called_Once_With' looks like a misspelling of 'assert_called_once_with'*",
        "E * AttributeError: 'assret_called' is not a valid assertion*",
    ])


def test_without_strict_mode_misspelt_assertions_behave_as_in_the_stdlib(pytester):
    pytester.makepyfile(test_typos=TYPOS)
    result = _run(pytester, "test_typos.py")
    result.assert_outcomes(passed=6, failed=1)
    result.stdout.fnmatch_lines(["*_ test_the_stdlib_guard_keeps_its_message _*"])


def test_the_typo_guard_knows_every_assertion_a_mock_has():
    from asyncmock._typos import ASSERTIONS

    names = {name for cls in (asyncmock.AsyncMagicMock, asyncmock.ThreadingMock)
             for name in dir(cls) if name.startswith("assert_")}
    assert names == ASSERTIONS


def test_the_typo_guard_leaves_names_two_edits_from_any_assertion_alone():
    from asyncmock._typos import intended_assertion

    assert intended_assertion("asserted_total") is not None  # the stdlib's own prefix
    assert intended_assertion("assets_called") is None
    assert intended_assertion("wait_called_once") is None
    assert intended_assertion("ssert_awaited") == "assert_awaited"
    assert intended_assertion("Called_Once_With") == "assert_called_once_with"  # a refused name, any case
