"""Strict mode's hygiene gate under pytest-asyncio: leaks fail their own test, clean tests pass."""
pytest_plugins = ["pytester"]

LEAKY = """
import asyncio
import pytest
import pytest_asyncio

async def serve_forever():
    await asyncio.sleep(3600)

@pytest_asyncio.fixture
async def server_that_forgets_its_task():
    asyncio.ensure_future(serve_forever())
    yield

@pytest_asyncio.fixture
async def server_that_stops_its_task():
    task = asyncio.ensure_future(serve_forever())
    yield
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task

@pytest.mark.asyncio
async def test_leaks_through_its_fixture(server_that_forgets_its_task):
    await asyncio.sleep(0)

@pytest.mark.asyncio
async def test_is_clean(server_that_stops_its_task):
    await asyncio.sleep(0)

@pytest.mark.asyncio
async def test_forgets_an_await():
    asyncio.sleep(1)
"""


def test_a_leak_of_a_test_or_its_fixtures_is_an_error_of_that_test(pytester):
    pytester.makepyfile(test_leaky=LEAKY)
    result = pytester.runpytest_subprocess(
        "--asyncmock-strict", "-o", "asyncio_mode=strict", "-o", "asyncio_default_fixture_loop_scope=function",
    )
    result.assert_outcomes(passed=3, errors=2)
    result.stdout.fnmatch_lines_random([
        "*ERROR at teardown of test_leaks_through_its_fixture*",
        "*ERROR at teardown of test_forgets_an_await*",
        "*[[]tasks] task*serve_forever* was still running*",
        "*created at *test_leaky.py:* in server_that_forgets_its_task*",
        "*[[]coroutines] coroutine 'sleep' was never awaited*",
    ])


def test_report_only_counts_them_and_fails_nothing(pytester):
    pytester.makepyfile(test_leaky=LEAKY)
    result = pytester.runpytest_subprocess(
        "-o", "asyncmock_strict=warn", "-o", "asyncio_mode=strict", "-o", "asyncio_default_fixture_loop_scope=function",
        "-W", "default::RuntimeWarning",
    )
    result.assert_outcomes(passed=3)
    result.stdout.fnmatch_lines(["*asyncmock strict mode (report only)*", "coroutines*1", "tasks*1"])
