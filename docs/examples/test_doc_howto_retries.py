"""How-to (docs/howto/retries-and-timeouts.md): retries, back-off and timeouts.

The code under test gives each request a timeout, retries after a timeout,
a connection error or a 503, and waits longer between each attempt. The
tests make the server fail in turn with side_effect lists, hang with
await_delay, and take the back-off sleep as a parameter so that no test
really waits.
"""
import asyncio

import pytest
from asyncmock import AsyncMock, call

from userapi import Response


# [start code]
class ServiceUnavailable(Exception):
    pass


BACKOFF = (0.5, 1.0, 2.0)  # seconds to wait before the 2nd, 3rd and 4th attempt


async def get_json(client, url, timeout=5.0, sleep=asyncio.sleep):
    """GET url and return its JSON, trying up to four times."""
    for delay in BACKOFF + (None,):
        try:
            response = await asyncio.wait_for(client.get(url), timeout)
            if response.status_code != 503:
                return response.json()
        except (asyncio.TimeoutError, ConnectionError):
            pass
        if delay is None:
            raise ServiceUnavailable(url)
        await sleep(delay)
# [end code]


# [start side-effect-list]
async def test_errors_then_success_returns_the_third_answer():
    client = AsyncMock()
    client.get.side_effect = [
        ConnectionError("reset by peer"),  # raised by the 1st await
        Response(503),  # returned by the 2nd
        Response(200, {"status": "ok"}),  # returned by the 3rd
    ]
    sleep = AsyncMock()

    assert await get_json(client, "/health", sleep=sleep) == {"status": "ok"}

    assert client.get.await_count == 3
    assert sleep.await_args_list == [call(0.5), call(1.0)]  # the back-off, not waited for
# [end side-effect-list]


# [start give-up]
async def test_it_gives_up_after_four_attempts():
    client = AsyncMock()
    client.get.return_value = Response(503)
    sleep = AsyncMock()

    with pytest.raises(ServiceUnavailable):
        await get_json(client, "/health", sleep=sleep)

    assert client.get.await_args_list == [call("/health")] * 4
    assert sleep.await_args_list == [call(0.5), call(1.0), call(2.0)]
# [end give-up]


# [start await-delay]
async def test_a_server_that_never_answers_times_out_every_attempt():
    client = AsyncMock(await_delay=60)  # each request would take a minute

    with pytest.raises(ServiceUnavailable):
        await get_json(client, "/health", timeout=0.01, sleep=AsyncMock())
    await asyncio.sleep(0)  # Python 3.6: let the last cancelled request unwind

    assert client.get.await_count == 4
    assert client.get.cancelled_await_count == 4  # wait_for cancelled each one
    assert client.get.awaits_in_flight == 0
# [end await-delay]


# [start slow-once]
async def test_a_slow_first_answer_is_retried():
    client = AsyncMock()

    async def answer(url):
        if client.get.await_count == 1:  # the first attempt hangs
            await asyncio.sleep(60)
        return Response(200, {"attempt": client.get.await_count})

    client.get.side_effect = answer

    assert await get_json(client, "/health", timeout=0.01, sleep=AsyncMock()) == {"attempt": 2}
    await asyncio.sleep(0)  # Python 3.6: let the cancelled request unwind
    assert client.get.cancelled_await_count == 1
# [end slow-once]
