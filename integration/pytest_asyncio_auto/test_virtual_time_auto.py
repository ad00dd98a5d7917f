"""Virtual time under pytest-asyncio's auto mode: the marker alone is enough."""
import asyncio

import pytest

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
