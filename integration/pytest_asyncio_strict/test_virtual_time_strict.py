"""Virtual time under pytest-asyncio's strict mode: marker, fixture and decorator on its loop."""
import asyncio

import pytest

from asyncmock import AsyncMock, virtual_time

HOUR = 3600.0


@pytest.mark.asyncio
@pytest.mark.asyncmock_virtual_time
async def test_the_marker_runs_the_test_on_pytest_asyncios_loop_in_virtual_time():
    loop = asyncio.get_event_loop()
    start = loop.time()
    await asyncio.sleep(HOUR)
    assert loop.time() - start == HOUR


@pytest.mark.asyncio
async def test_the_fixture_gives_the_clock_of_the_tests_loop(asyncmock_clock):
    fetch = AsyncMock(side_effect=[TimeoutError, "ok"], await_delay=5)
    start = asyncmock_clock.now
    with pytest.raises(TimeoutError):
        await fetch()
    assert await fetch() == "ok"
    assert asyncmock_clock.now - start == 10


@pytest.mark.asyncio
@virtual_time
async def test_the_decorator_under_pytest_asyncio():
    with pytest.raises(asyncio.TimeoutError):
        await asyncio.wait_for(asyncio.sleep(HOUR), timeout=60)


# --- the whole test: fixtures' set-up and tear-down ------------------------------

import pytest_asyncio  # noqa: E402

TEAR_DOWNS = []


@pytest_asyncio.fixture
async def server_with_backoff():
    """Comes up after an hour of retries, and drains for an hour on close."""
    loop = asyncio.get_event_loop()
    start = loop.time()
    await asyncio.sleep(HOUR)
    yield start
    await asyncio.sleep(HOUR)
    TEAR_DOWNS.append(loop.time() - start)


@pytest.mark.asyncio
@pytest.mark.asyncmock_virtual_time
async def test_the_marker_puts_an_async_fixtures_set_up_in_virtual_time(server_with_backoff):
    assert asyncio.get_event_loop().time() - server_with_backoff == HOUR


def test_and_its_tear_down():
    assert TEAR_DOWNS == [2 * HOUR]


@pytest.mark.asyncio
async def test_the_clock_fixture_sees_what_the_fixtures_spent(server_with_backoff, asyncmock_clock):
    assert asyncmock_clock.now - server_with_backoff == HOUR
