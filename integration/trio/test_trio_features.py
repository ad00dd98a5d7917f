"""Waiting and controllable awaits under trio, with no asyncio loop anywhere."""
import pytest
import trio

from asyncmock import AsyncMock


def test_wait_until_awaited_wakes_when_a_trio_task_awaits():
    mock = AsyncMock()

    async def main():
        async with trio.open_nursery() as nursery:
            async def worker():
                await trio.sleep(0.01)
                await mock("job")

            nursery.start_soon(worker)
            await mock.wait_until_awaited(timeout=5)
        mock.assert_awaited_once_with("job")

    trio.run(main)


def test_wait_until_any_await_with_times_out_under_trio():
    mock = AsyncMock(name="fetch", wait_timeout=0.01)

    async def main():
        await mock.wait_until_any_await_with("never")

    with pytest.raises(AssertionError, match="fetch was not awaited with fetch\\('never'\\) within 0.01 seconds"):
        trio.run(main)


def test_await_delay_suspends_under_trio_and_counts_the_peak():
    mock = AsyncMock(await_delay=0.01)

    async def main():
        async with trio.open_nursery() as nursery:
            for index in range(4):
                nursery.start_soon(mock, index)

    trio.run(main)
    assert mock.await_count == 4
    assert mock.max_awaits_in_flight == 4
    assert mock.awaits_in_flight == 0


def test_an_await_cancelled_under_trio_is_counted():
    mock = AsyncMock(await_delay=10)

    async def main():
        with trio.move_on_after(0.01):
            await mock("slow")

    trio.run(main)
    assert mock.cancelled_await_count == 1
    mock.assert_awaited_once_with("slow")
