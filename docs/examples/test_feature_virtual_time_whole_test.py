"""Feature: a whole test in virtual time, its fixtures included, and the system clocks on request.

A fixture that waits for a server to come up and for it to drain costs no
real time, and a deadline read from ``time.monotonic()`` passes in virtual
time too, so the retry loop below gives up after its 300 virtual seconds.
"""
import asyncio
import time

import pytest

from asyncmock import AsyncMock


@pytest.fixture
def tear_down_took():
    """What the server's tear-down spent; checked once it has run (this is set up first)."""
    spent = []
    yield spent
    assert spent == [2 * 3600]  # the hour it drains was virtual too


# [start whole-test-fixture]
@pytest.fixture
async def server(tear_down_took):
    start = asyncio.get_event_loop().time()
    await asyncio.sleep(3600)  # comes up after an hour of retries
    yield start
    await asyncio.sleep(3600)  # drains for an hour on close
    tear_down_took.append(asyncio.get_event_loop().time() - start)


@pytest.mark.asyncmock_virtual_time
async def test_the_test_sees_the_time_its_fixtures_spent(server, asyncmock_clock):
    assert asyncmock_clock.now - server == 3600
# [end whole-test-fixture]


# [start system-clocks]
async def call_until(deadline_seconds, service):
    """Call service every 10 seconds until it answers or the monotonic deadline passes."""
    deadline = time.monotonic() + deadline_seconds
    while True:
        try:
            return await service()
        except ConnectionError:
            if time.monotonic() >= deadline:
                raise
            await asyncio.sleep(10)


@pytest.mark.asyncmock_virtual_time(system_clocks=True)
async def test_a_monotonic_deadline_passes_in_virtual_time(asyncmock_clock):
    service = AsyncMock(side_effect=ConnectionError("refused"))
    start = asyncmock_clock.now

    with pytest.raises(ConnectionError):
        await call_until(300, service)

    assert service.await_count == 31  # at 0, 10, ... 300 seconds
    assert asyncmock_clock.now - start == 300
# [end system-clocks]
