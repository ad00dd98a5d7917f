"""Virtual time under pytest-asyncio's auto mode: the marker alone is enough."""
import asyncio
import time

import pytest
import tenacity

from asyncmock import AsyncMock

HOUR = 3600.0


@pytest.mark.asyncmock_virtual_time
async def test_an_hour_of_backoff_in_virtual_time(asyncmock_clock):
    start = asyncmock_clock.now
    delay = 1.0
    while asyncmock_clock.now - start < HOUR:
        await asyncio.sleep(delay)
        delay *= 2
    assert asyncmock_clock.now - start == 4095


TEAR_DOWNS = []


@pytest.fixture
async def pool_that_drains():
    loop = asyncio.get_event_loop()
    start = loop.time()
    await asyncio.sleep(HOUR)
    yield start
    await asyncio.sleep(HOUR)
    TEAR_DOWNS.append(loop.time() - start)


@pytest.mark.asyncmock_virtual_time
async def test_fixtures_run_in_virtual_time_in_auto_mode(pool_that_drains, asyncmock_clock):
    assert asyncmock_clock.now - pool_that_drains == HOUR


def test_the_fixtures_tear_down_ran_in_virtual_time():
    assert TEAR_DOWNS == [2 * HOUR]


# --- the system clocks: a real retry library's deadline --------------------------

@pytest.mark.asyncmock_virtual_time(system_clocks=True)
async def test_tenacity_gives_up_on_its_monotonic_deadline_in_virtual_time(asyncmock_clock):
    fetch = AsyncMock(side_effect=ConnectionError("refused"))
    start = asyncmock_clock.now
    retrying = tenacity.AsyncRetrying(
        stop=tenacity.stop_after_delay(300), wait=tenacity.wait_fixed(10), reraise=True,
    )
    with pytest.raises(ConnectionError):
        async for attempt in retrying:
            with attempt:
                await fetch()
    assert fetch.await_count == 31  # at 0, 10, ... 300 seconds
    assert asyncmock_clock.now - start == 300
    assert time.monotonic() == asyncmock_clock.now


@pytest.mark.asyncmock_virtual_time
async def test_without_system_clocks_only_the_loop_clock_is_virtual(asyncmock_clock):
    assert isinstance(time.monotonic, type(len))  # the real, built-in clock
    assert asyncio.get_event_loop().time() == asyncmock_clock.now
