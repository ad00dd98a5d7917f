"""trio paths the other trio tests do not reach: trio imported but idle, a waiter outliving its run."""
import asyncio

import trio

from asyncmock import AsyncMock


def test_an_asyncio_loop_is_used_when_trio_is_imported_but_not_running():
    mock = AsyncMock(await_delay=0)
    loop = asyncio.new_event_loop()
    try:
        loop.run_until_complete(mock("job"))
    finally:
        loop.close()

    mock.assert_awaited_once_with("job")


def test_an_await_after_a_waiters_trio_run_finished_still_records_the_await():
    mock = AsyncMock()
    waiting = mock.wait_until_awaited()

    async def start_waiting():
        waiting.send(None)  # registers the waiter, bound to this trio run

    trio.run(start_waiting)
    try:
        trio.run(mock, "later")

        mock.assert_awaited_once_with("later")
    finally:
        async def close_waiting():
            waiting.close()

        trio.run(close_waiting)
