"""What asyncmock adds beyond unittest.mock: waiting, never-awaited calls, controllable awaits."""
import asyncio
import gc
import platform
import warnings

import pytest
from _support import run

from asyncmock import AsyncMagicMock, AsyncMock, MagicMock, call, create_autospec
from asyncmock._extras import EXTRA_NAMES

# --- waiting for awaits --------------------------------------------------------------


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


async def test_wait_until_awaited_timeout_names_the_mock_the_timeout_and_the_awaits():
    mock = AsyncMock(name="fetch")
    await mock(1)
    with pytest.raises(AssertionError) as failure:
        await mock.wait_until_awaited(count=2, timeout=0.01)
    message = str(failure.value)
    assert "fetch was not awaited 2 times within 0.01 seconds" in message
    assert "[call(1)]" in message


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


def test_waiting_in_two_loops_in_turn_works():
    mock = AsyncMock()

    async def await_then_wait():
        await mock()
        await mock.wait_until_awaited(count=mock.await_count, timeout=1)

    run(await_then_wait())
    run(await_then_wait())
    assert mock.await_count == 2


@pytest.mark.parametrize("bad", [-1, "1", None, 1.5])
async def test_wait_until_awaited_refuses_a_bad_count(bad):
    with pytest.raises((TypeError, ValueError), match="count must be"):
        await AsyncMock().wait_until_awaited(count=bad)


@pytest.mark.parametrize("bad", [-0.5, "soon", float("nan")])
def test_a_bad_wait_timeout_is_refused_by_the_constructor(bad):
    with pytest.raises((TypeError, ValueError), match="wait_timeout must be"):
        AsyncMock(wait_timeout=bad)


# --- never-awaited calls ---------------------------------------------------------------


def test_unawaited_calls_lists_calls_whose_coroutine_never_ran():
    mock = AsyncMock()
    first, second = mock(1), mock(2)
    assert mock.unawaited_calls == [call(1), call(2)]
    run(second)
    assert mock.unawaited_calls == [call(1)]
    first.close()


def test_assert_all_awaited_lists_the_forgotten_calls():
    mock = AsyncMock(name="save")
    forgotten = mock("draft")
    with pytest.raises(AssertionError, match=r"Never awaited: \[call\('draft'\)\]. Did you forget `await`\?"):
        mock.assert_all_awaited()
    forgotten.close()


def test_assert_all_awaited_passes_when_every_call_was_awaited():
    mock = AsyncMock()
    run(mock())
    mock.assert_all_awaited()


def test_assert_any_await_hint_names_only_matching_calls():
    mock = AsyncMock(name="save")
    forgotten = mock("other")
    with pytest.raises(AssertionError) as failure:
        mock.assert_any_await("draft")
    assert "never awaited" not in str(failure.value)
    forgotten.close()


def test_unawaited_calls_of_a_parent_include_its_childrens_named_as_in_mock_calls():
    cache = AsyncMock(name="cache")
    forgotten = cache.delete("user:7")
    assert cache.unawaited_calls == [call.delete("user:7")]
    with pytest.raises(AssertionError, match=r"cache.*call\.delete\('user:7'\)"):
        cache.assert_all_awaited()
    forgotten.close()


def test_reset_mock_forgets_unawaited_calls():
    mock = AsyncMock()
    forgotten = mock()
    mock.reset_mock()
    assert mock.unawaited_calls == []
    forgotten.close()


def test_autospecced_async_functions_track_unawaited_calls_too():
    async def fetch(url):
        """An async function."""

    mocked = create_autospec(fetch)
    forgotten = mocked("/x")
    assert mocked.unawaited_calls == [call("/x")]
    forgotten.close()


# --- controllable awaits --------------------------------------------------------------


async def test_await_delay_zero_yields_to_the_event_loop_once():
    order = []
    mock = AsyncMock(await_delay=0, side_effect=lambda: order.append("mock"))

    async def other():
        order.append("other")

    task = asyncio.ensure_future(other())
    await mock()
    await task
    assert order == ["other", "mock"]


async def test_without_await_delay_an_await_does_not_suspend():
    order = []
    mock = AsyncMock(side_effect=lambda: order.append("mock"))

    async def other():
        order.append("other")

    task = asyncio.ensure_future(other())
    await mock()
    await task
    assert order == ["mock", "other"]


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


async def test_children_inherit_await_delay():
    parent = AsyncMock(await_delay=0)
    assert parent.child.await_delay == 0


@pytest.mark.parametrize("bad", [-1, "fast", True])
def test_a_bad_await_delay_is_refused(bad):
    with pytest.raises((TypeError, ValueError), match="await_delay must be"):
        AsyncMock(await_delay=bad)


# --- async with / async for, and sync children ---------------------------------------------


async def test_aenter_return_value_says_what_async_with_gives():
    session = MagicMock(aenter_return_value="connection")
    async with session as connection:
        assert connection == "connection"
    assert session.__aenter__.return_value == "connection"


async def test_aiter_return_value_says_what_async_for_yields():
    stream = AsyncMagicMock()
    stream.aiter_return_value = [1, 2, 3]
    assert [item async for item in stream] == [1, 2, 3]


async def test_sync_results_makes_what_an_await_gives_synchronous():
    client = AsyncMock(sync_results=True)
    response = await client.get("/users")
    response.json.return_value = {"id": 1}
    assert response.json() == {"id": 1}
    assert isinstance(response, MagicMock)
    assert not isinstance(response, AsyncMock)


def test_sync_results_can_be_switched_on_after_creation():
    client = AsyncMock()
    client.sync_results = True
    assert client.sync_results is True
    assert isinstance(client.return_value, MagicMock)
    assert not isinstance(client.return_value, AsyncMock)


def test_sync_results_refuses_a_non_bool():
    with pytest.raises(TypeError, match="sync_results must be True or False"):
        AsyncMock().sync_results = "yes"


async def test_sync_results_keeps_the_methods_awaitable():
    client = AsyncMock(sync_results=True)
    assert isinstance(client.get, AsyncMock)
    assert client.get.await_count == 0


async def test_without_sync_results_children_are_awaitable_as_in_the_stdlib():
    client = AsyncMock()
    result = client.get("/users")
    assert asyncio.iscoroutine(result)
    await result


def test_the_names_added_to_mocks_are_all_listed():
    added = {name for name in dir(AsyncMagicMock()) if not name.startswith("_")}
    stdlib_names = {name for name in dir(__import__("unittest.mock").mock.MagicMock()) if not name.startswith("_")}
    assert added - stdlib_names - {"assert_any_await", "assert_awaited", "assert_awaited_once",
                                   "assert_awaited_once_with", "assert_awaited_with",
                                   "assert_has_awaits", "assert_not_awaited", "await_args",
                                   "await_args_list", "await_count"} == EXTRA_NAMES


def test_the_in_flight_records_can_be_reset_by_assignment():
    mock = AsyncMock()
    mock.max_awaits_in_flight = 7
    mock.cancelled_await_count = 2

    assert (mock.max_awaits_in_flight, mock.cancelled_await_count) == (7, 2)
