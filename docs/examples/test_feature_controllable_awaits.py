"""Feature: awaits that take time, to test timeouts, cancellation and concurrency.

A plain AsyncMock answers at once and never lets another task run, so a
timeout never fires and a concurrency limit is never reached. With
await_delay, each await suspends like real I/O would.
"""
import asyncio

import pytest
from asyncmock import AsyncMock, call

import userapi
from userapi import Response

# --- a client that retries with a timeout: userapi.get_with_timeout -------------


async def test_a_server_that_never_answers_is_tried_three_times_then_given_up():
    client = AsyncMock(await_delay=60)  # each request hangs for a minute

    with pytest.raises(userapi.ServiceUnavailable):
        await userapi.get_with_timeout(client, "/users/7", timeout=0.01)
    # Python 3.6's wait_for raises TimeoutError before the cancelled request
    # has unwound (3.7+ waits for it): one turn of the loop lets it finish.
    await asyncio.sleep(0)

    assert client.get.await_args_list == [call("/users/7")] * 3
    assert client.get.cancelled_await_count == 3  # wait_for cancelled each one
    assert client.get.awaits_in_flight == 0  # and none is left running


async def test_a_slow_answer_within_the_timeout_is_not_retried():
    client = AsyncMock(await_delay=0.01)
    client.get.return_value = Response(200, {"id": 7})

    response = await userapi.get_with_timeout(client, "/users/7", timeout=5)

    assert response.json() == {"id": 7}
    client.get.assert_awaited_once_with("/users/7")
    assert client.get.cancelled_await_count == 0


# --- a concurrency-limited fetcher: userapi.fetch_users ---------------------------


@pytest.fixture
def client():
    client = AsyncMock(await_delay=0)  # each request yields to the event loop once
    client.get.return_value = Response(200, {"name": "ada"})
    return client


async def test_fetch_users_runs_at_most_limit_requests_at_a_time(client):
    users = await userapi.fetch_users(client, range(20), limit=5)

    assert len(users) == 20
    assert client.get.await_count == 20
    assert client.get.max_awaits_in_flight == 5


async def test_fetch_users_with_a_limit_of_one_runs_requests_one_by_one(client):
    await userapi.fetch_users(client, range(20), limit=1)

    assert client.get.max_awaits_in_flight == 1


async def test_without_await_delay_no_two_requests_ever_overlap():
    # Why await_delay matters: each await finishes before the next task runs,
    # so the peak is 1 with or without a semaphore, and a limit test proves nothing.
    client = AsyncMock()
    client.get.return_value = Response(200, {"name": "ada"})

    await userapi.fetch_users(client, range(20), limit=5)

    assert client.get.max_awaits_in_flight == 1
