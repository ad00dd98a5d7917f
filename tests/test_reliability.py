"""Nothing lost: threads, tasks, cancellation, garbage collection, fixed stdlib bugs."""
import asyncio
import functools
import gc
import inspect
import sys
import threading
import weakref

import pytest
from _support import run, second_thread_during

from asyncmock import AsyncMock, MagicMock, Mock, call, create_autospec, patch

THREADS = 4
AWAITS_PER_THREAD = 3000


def _await_in_own_loop(mock, count, results):
    async def body():
        for index in range(count):
            await mock(index)

    run(body())
    results.append(count)


# --- exact records under concurrency ---------------------------------------------


def test_awaits_from_threads_each_with_its_own_loop_are_all_counted():
    mock = AsyncMock()
    done = []
    threads = [
        threading.Thread(target=_await_in_own_loop, args=(mock, AWAITS_PER_THREAD, done))
        for _ in range(THREADS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    expected = THREADS * AWAITS_PER_THREAD
    assert sum(done) == expected
    assert mock.call_count == mock.await_count == expected
    assert len(mock.call_args_list) == len(mock.await_args_list) == expected
    assert len(mock.mock_calls) == expected


def test_child_awaits_from_threads_agree_with_the_parents_lists():
    parent = MagicMock()
    child = parent.fetch = AsyncMock()
    parent.attach_mock(child, "fetch")
    threads = [
        threading.Thread(target=_await_in_own_loop, args=(child, 1000, []))
        for _ in range(THREADS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert child.call_count == child.await_count == THREADS * 1000
    assert len(parent.method_calls) == len(parent.mock_calls) == THREADS * 1000


def test_threads_reaching_a_new_attribute_at_once_share_one_child():
    # As the stdlib since gh-98624: otherwise one thread's calls land on a lost child.
    first, second = second_thread_during(
        Mock, "_get_child_mock", lambda kwargs: kwargs.get("_new_name") == "send", lambda mock: mock.send
    )
    assert first is second


@pytest.fixture
def threads_switch_often():
    """Threads switch every microsecond, so that a race between two statements shows."""
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(interval)


@pytest.mark.parametrize("attempt", range(3))
def test_each_threads_awaits_keep_their_order_in_mock_awaits(attempt, threads_switch_often):
    mock = AsyncMock()
    fetch = mock.fetch  # made before the threads start: this test is about the await records

    def await_in_order(thread):
        async def body():
            for index in range(500):
                await fetch(thread, index)

        run(body())

    threads = [threading.Thread(target=await_in_order, args=(thread,)) for thread in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for thread in range(THREADS):
        own = [entry for entry in mock.mock_awaits if entry.args[0] == thread]
        assert own == [call.fetch(thread, index) for index in range(500)]


async def test_awaits_from_many_tasks_in_one_loop_are_all_recorded():
    mock = AsyncMock(side_effect=lambda index: index * 2)
    results = await asyncio.gather(*(mock(index) for index in range(500)))
    assert results == [index * 2 for index in range(500)]
    assert mock.await_count == 500
    mock.assert_has_awaits([call(index) for index in range(500)], any_order=True)


def test_a_mock_with_a_class_of_its_own_can_be_made_again_from_its_type():
    mock = MagicMock()
    mock.__len__ = lambda self: 3  # gives the mock a class of its own
    twin = type(mock)(name="twin")  # the stdlib allows it too
    twin("call")
    assert twin.call_count == 1
    assert mock.call_count == 0
    assert repr(twin).startswith("<MagicMock name='twin'")


# --- cancellation -----------------------------------------------------------------


async def test_a_call_whose_task_is_cancelled_before_it_runs_is_a_call_not_an_await():
    mock = AsyncMock()
    task = asyncio.ensure_future(mock("never run"))
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    mock.assert_called_once_with("never run")
    mock.assert_not_awaited()


async def test_an_await_cancelled_while_suspended_is_recorded_as_an_await():
    async def slow(*args):
        await asyncio.sleep(10)

    mock = AsyncMock(side_effect=slow)
    with pytest.raises(asyncio.TimeoutError):
        await asyncio.wait_for(mock("slow"), timeout=0.01)
    mock.assert_awaited_once_with("slow")
    assert mock.call_count == 1


async def test_records_stay_consistent_when_a_gather_is_cancelled():
    async def slow(*args):
        await asyncio.sleep(10)

    mock = AsyncMock(side_effect=slow)
    gathered = asyncio.gather(*(mock(index) for index in range(5)))
    await asyncio.sleep(0)  # let every await start
    gathered.cancel()
    with pytest.raises(asyncio.CancelledError):
        await gathered
    assert mock.call_count == mock.await_count == 5


# --- no leaks ---------------------------------------------------------------------------


def test_an_unused_mock_is_collected():
    mock = AsyncMock()
    ref = weakref.ref(mock)
    del mock
    gc.collect()
    assert ref() is None


def test_an_awaited_mock_with_children_and_magic_methods_is_collected():
    mock = MagicMock()
    mock.child.fetch = AsyncMock(return_value=1)
    mock.__len__.return_value = 3  # a magic method gives the mock a class of its own
    mock.__aenter__ = AsyncMock()
    assert run(mock.child.fetch()) == 1
    ref = weakref.ref(mock)
    del mock
    gc.collect()
    assert ref() is None


def test_a_spec_is_not_kept_alive_by_the_library():
    class Spec:
        async def fetch(self):
            """Async method."""

    instance = Spec()
    ref = weakref.ref(instance)
    MagicMock(spec=instance)
    del instance
    gc.collect()
    assert ref() is None


def test_reset_mock_drops_references_to_recorded_arguments():
    class Payload:
        pass

    payload = Payload()
    ref = weakref.ref(payload)
    mock = AsyncMock()
    run(mock(payload))
    del payload
    mock.reset_mock()
    gc.collect()
    assert ref() is None


# --- stdlib bugs fixed --------------------------------------------------------------


def test_a_magic_method_another_thread_is_configuring_is_not_seen_half_made():
    # gh-70787, open upstream (pinned in tests/differential/test_fixed_stdlib_bugs.py).
    # The mock's repr is __str__'s return value: the second thread calls str()
    # while the first one is computing it.
    first, second = second_thread_during(MagicMock, "__repr__", lambda kwargs: True, str)
    assert first == second
    assert first.startswith("<Racing id=")


async def test_an_awaitable_side_effect_is_awaited():
    # gh-116055: CPython returns the Future itself.
    future = asyncio.get_running_loop().create_future() if hasattr(
        asyncio, "get_running_loop"
    ) else asyncio.Future()
    future.set_result("resolved")
    mock = AsyncMock(side_effect=future)
    assert await mock() == "resolved"
    assert await mock() == "resolved"


async def test_an_object_with_async_call_as_side_effect_is_awaited():
    class Handler:
        async def __call__(self, value):
            return value * 2

    mock = AsyncMock(side_effect=Handler())
    assert await mock(21) == 42


async def test_a_partial_of_an_async_function_as_side_effect_is_awaited():
    async def add(a, b):
        return a + b

    mock = AsyncMock(side_effect=functools.partial(add, 1))
    assert await mock(2) == 3


def sync_function(value):
    """A sync function to use as a spec."""


class Service:
    def sync_method(self, value):
        """Sync."""

    async def async_method(self, value):
        """Async."""


@pytest.mark.parametrize(
    "make",
    [
        lambda: MagicMock(spec=sync_function),
        lambda: Mock(spec=sync_function),
        lambda: create_autospec(Service).sync_method,
        lambda: create_autospec(Service, instance=True).sync_method,
        lambda: create_autospec(sync_function),
    ],
    ids=["MagicMock(spec)", "Mock(spec)", "autospec class", "autospec instance", "autospec function"],
)
def test_a_mock_of_a_sync_function_is_not_a_coroutine_function(make):
    # gh-85794: CPython says True for the first and third, and fails on the second.
    assert not inspect.iscoroutinefunction(make())


def test_a_mock_of_an_async_method_is_a_coroutine_function():
    assert inspect.iscoroutinefunction(create_autospec(Service).async_method)


async def _numbers(count):
    for index in range(count):
        yield (index, _targets_value())


def _targets_value():
    return TARGET.value


class _Target:
    value = "real"


TARGET = _Target()


async def test_patch_stays_active_while_a_decorated_async_generator_runs():
    # gh-88893: CPython undoes the patch before the first item.
    decorated = patch.object(TARGET, "value", "patched")(_numbers)
    items = [item async for item in decorated(3)]
    assert items == [(0, "patched"), (1, "patched"), (2, "patched")]
    assert TARGET.value == "real"


async def test_a_decorated_async_generator_passes_sent_values_on():
    async def echo():
        received = yield "ready"
        while True:
            received = yield (received, TARGET.value)

    generator = patch.object(TARGET, "value", "patched")(echo)()
    assert await generator.asend(None) == "ready"
    assert await generator.asend("ping") == ("ping", "patched")
    await generator.aclose()
    assert TARGET.value == "real"


async def test_a_decorated_async_generator_passes_thrown_exceptions_on():
    async def guarded():
        try:
            yield "first"
        except KeyError:
            yield "caught"

    generator = patch.object(TARGET, "value", "patched")(guarded)()
    assert await generator.asend(None) == "first"
    assert await generator.athrow(KeyError("boom")) == "caught"
    await generator.aclose()


def test_patch_stays_active_while_a_decorated_generator_runs():
    def numbers(count):
        for index in range(count):
            yield TARGET.value

    decorated = patch.object(TARGET, "value", "patched")(numbers)
    assert list(decorated(2)) == ["patched", "patched"]
    assert TARGET.value == "real"


async def test_patch_dict_stays_active_while_a_decorated_async_generator_runs():
    settings = {"mode": "real"}

    async def read(count):
        for _ in range(count):
            yield settings["mode"]

    decorated = patch.dict(settings, mode="patched")(read)
    assert [item async for item in decorated(2)] == ["patched", "patched"]
    assert settings == {"mode": "real"}
