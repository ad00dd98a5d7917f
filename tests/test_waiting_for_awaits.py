"""wait_until_awaited and wait_until_any_await_with: waiting for awaits made by other tasks.

A waiter returns once the awaits it waits for happened, or fails after its
timeout naming the mock and the awaits it saw; by default it waits forever.
"""
import asyncio

import pytest

from _support import run
from asyncmock import AsyncMock


# --- waiting ----------------------------------------------------------------------------


async def test_wait_until_awaited_returns_once_a_background_task_awaited():
    mock = AsyncMock()

    async def worker():
        await asyncio.sleep(0.01)
        await mock("job")

    task = asyncio.ensure_future(worker())
    await mock.wait_until_awaited(timeout=5)
    mock.assert_awaited_once_with("job")
    await task


async def test_wait_until_awaited_returns_at_once_when_already_awaited():
    mock = AsyncMock()
    await mock()
    await mock.wait_until_awaited(timeout=0)


async def test_wait_until_awaited_waits_for_the_given_count():
    mock = AsyncMock()

    async def worker():
        for index in range(3):
            await asyncio.sleep(0)
            await mock(index)

    task = asyncio.ensure_future(worker())
    await mock.wait_until_awaited(count=3, timeout=5)
    assert mock.await_count == 3
    await task


async def test_two_awaits_in_one_loop_step_wake_a_waiter_once():
    mock = AsyncMock()
    waiter = asyncio.ensure_future(mock.wait_until_awaited())
    await asyncio.sleep(0)

    await mock()
    await mock()
    await waiter

    assert mock.await_count == 2


async def test_wait_until_any_await_with_waits_for_matching_arguments():
    mock = AsyncMock()

    async def worker():
        await mock("other")
        await asyncio.sleep(0.01)
        await mock("wanted", flag=True)

    task = asyncio.ensure_future(worker())
    await mock.wait_until_any_await_with("wanted", flag=True)
    mock.assert_any_await("wanted", flag=True)
    await task


# --- timeouts ---------------------------------------------------------------------------


async def test_wait_until_awaited_timeout_names_the_mock_the_timeout_and_the_awaits():
    mock = AsyncMock(name="fetch")
    await mock(1)
    with pytest.raises(AssertionError) as failure:
        await mock.wait_until_awaited(count=2, timeout=0.01)
    message = str(failure.value)
    assert "fetch was not awaited 2 times within 0.01 seconds" in message
    assert "[call(1)]" in message


async def test_wait_timeout_keyword_sets_the_default_timeout():
    mock = AsyncMock(wait_timeout=0.01)
    assert mock.wait_timeout == 0.01
    with pytest.raises(AssertionError, match="within 0.01 seconds"):
        await mock.wait_until_any_await_with("never")


async def test_default_timeout_class_attribute_applies_without_wait_timeout():
    class QuickMock(AsyncMock):
        DEFAULT_TIMEOUT = 0.01

    with pytest.raises(AssertionError, match="within 0.01 seconds"):
        await QuickMock().wait_until_awaited()


def test_default_timeout_is_none_so_waits_are_unbounded_by_default():
    assert AsyncMock.DEFAULT_TIMEOUT is None
    assert AsyncMock().wait_timeout is None


# --- event loops ------------------------------------------------------------------------


def test_waiting_in_two_loops_in_turn_works():
    mock = AsyncMock()

    async def await_then_wait():
        await mock()
        await mock.wait_until_awaited(count=mock.await_count, timeout=1)

    run(await_then_wait())
    run(await_then_wait())
    assert mock.await_count == 2


async def _start_waiting(waiting):
    """Run *waiting* up to its first suspension, on the running loop."""
    return waiting.send(None)


def test_an_await_after_a_waiters_loop_closed_still_records_the_await():
    mock = AsyncMock()
    waiting = mock.wait_until_awaited()
    abandoned_loop = asyncio.new_event_loop()
    abandoned_loop.run_until_complete(_start_waiting(waiting))
    abandoned_loop.close()
    try:
        run(mock())

        assert mock.await_count == 1
    finally:
        waiting.close()


# --- bad arguments ----------------------------------------------------------------------


@pytest.mark.parametrize("bad", [-1, "1", None, 1.5])
async def test_wait_until_awaited_refuses_a_bad_count(bad):
    with pytest.raises((TypeError, ValueError), match="count must be"):
        await AsyncMock().wait_until_awaited(count=bad)


@pytest.mark.parametrize("bad", [-0.5, "soon", float("nan")])
def test_a_bad_wait_timeout_is_refused_by_the_constructor(bad):
    with pytest.raises((TypeError, ValueError), match="wait_timeout must be"):
        AsyncMock(wait_timeout=bad)
