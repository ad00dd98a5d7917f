"""await_delay and the in-flight records: awaits that suspend, overlap and get cancelled.

With ``await_delay`` an await suspends (``0``: yields to the loop once); the
mock counts the awaits in flight, their peak, and those cancelled mid-way.
"""
import asyncio

import pytest

from asyncmock import AsyncMock


# --- await_delay ------------------------------------------------------------------------


async def test_await_delay_zero_yields_to_the_event_loop_once():
    order = []
    mock = AsyncMock(await_delay=0, side_effect=lambda: order.append("mock"))

    async def other():
        order.append("other")

    task = asyncio.ensure_future(other())
    await mock()
    await task
    assert order == ["other", "mock"]


async def test_await_delay_set_after_creation_makes_each_await_yield_to_the_loop():
    mock = AsyncMock()
    mock.await_delay = 0
    order = []

    async def other():
        order.append("other task")

    task = asyncio.ensure_future(other())
    await mock()
    order.append("mock awaited")
    await task

    assert order == ["other task", "mock awaited"]


async def test_without_await_delay_an_await_does_not_suspend():
    order = []
    mock = AsyncMock(side_effect=lambda: order.append("mock"))

    async def other():
        order.append("other")

    task = asyncio.ensure_future(other())
    await mock()
    await task
    assert order == ["mock", "other"]


async def test_children_inherit_await_delay():
    parent = AsyncMock(await_delay=0)
    assert parent.child.await_delay == 0


@pytest.mark.parametrize("bad", [-1, "fast", True])
def test_a_bad_await_delay_is_refused(bad):
    with pytest.raises((TypeError, ValueError), match="await_delay must be"):
        AsyncMock(await_delay=bad)


# --- awaits in flight, and cancelled ones ----------------------------------------------


async def test_awaits_in_flight_and_their_peak_are_counted():
    mock = AsyncMock(await_delay=0.01)
    limiter = asyncio.Semaphore(3)

    async def limited(index):
        async with limiter:
            await mock(index)

    await asyncio.gather(*(limited(index) for index in range(10)))
    assert mock.max_awaits_in_flight == 3
    assert mock.awaits_in_flight == 0
    assert mock.await_count == 10


async def test_an_await_cancelled_during_its_delay_is_counted_and_recorded():
    mock = AsyncMock(await_delay=10)
    with pytest.raises(asyncio.TimeoutError):
        await asyncio.wait_for(mock("slow"), timeout=0.01)
    await asyncio.sleep(0)  # 3.6's wait_for returns before the cancelled await unwinds
    assert mock.cancelled_await_count == 1
    mock.assert_awaited_once_with("slow")
    assert mock.awaits_in_flight == 0


def test_the_in_flight_records_can_be_reset_by_assignment():
    mock = AsyncMock()
    mock.max_awaits_in_flight = 7
    mock.cancelled_await_count = 2

    assert (mock.max_awaits_in_flight, mock.cancelled_await_count) == (7, 2)
