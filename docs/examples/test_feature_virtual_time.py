"""Feature: virtual time, so backoff, timeouts and delays take no real time.

get_with_backoff (userapi.py) waits 1, 2, 4... seconds between attempts and
gives each attempt 10 seconds. In real time these tests would take minutes;
in virtual time they take milliseconds, and the clock says exactly when each
attempt started.
"""
import asyncio

import pytest

import userapi
from asyncmock import AsyncMock, call, virtual_time


async def test_an_hour_of_sleep_in_no_time():
    async with virtual_time() as clock:
        start = clock.now
        await asyncio.sleep(3600)  # no real time passes
        assert clock.now == start + 3600  # loop.time() is an hour later
        clock.advance(60)  # moves time on by hand
    assert asyncio.get_event_loop().time() < start + 3600  # real time again


def flaky_client(clock, failures):
    """A client whose get fails `failures` times, then answers; it notes when each call came."""
    client = AsyncMock(spec=userapi.AsyncClient)
    client.attempted_at = []

    def get(url):
        client.attempted_at.append(clock.now)
        if len(client.attempted_at) <= failures:
            raise ConnectionError("connection reset")
        return userapi.Response(200, {"id": 1})

    client.get.side_effect = get
    return client


async def test_backoff_doubles_the_wait_between_attempts():
    async with virtual_time() as clock:
        start = clock.now
        client = flaky_client(clock, failures=3)

        response = await userapi.get_with_backoff(client, "/users/1")

    assert response.json() == {"id": 1}
    assert [at - start for at in client.attempted_at] == [0, 1, 3, 7]
    assert client.get.await_args_list == [call("/users/1")] * 4


@pytest.mark.asyncmock_virtual_time
async def test_a_server_that_never_answers_costs_five_timeouts_and_four_waits(asyncmock_clock):
    client = AsyncMock(spec=userapi.AsyncClient)
    client.get.await_delay = 3600  # the server hangs for an hour
    start = asyncmock_clock.now

    with pytest.raises(asyncio.TimeoutError):
        await userapi.get_with_backoff(client, "/users/1")

    assert asyncmock_clock.now - start == 5 * 10 + (1 + 2 + 4 + 8)
    assert client.get.await_count == 5


@virtual_time
async def test_the_decorator_puts_a_whole_test_in_virtual_time():
    loop = asyncio.get_event_loop()
    start = loop.time()
    await asyncio.sleep(24 * 3600)
    assert loop.time() - start == 24 * 3600
