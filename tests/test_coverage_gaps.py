"""Behaviours no other test reached: each found by measuring coverage across interpreters.

They are grouped by the part of asyncmock they exercise: the await hot path
and its assertions, the features beyond the stdlib (waiters, never-awaited
calls), the classes mocks live in and their magic methods, the mock classes,
the 3.6/3.7 stand-ins, and the pytest plugin.
"""
import asyncio
import copy
import gc
import unittest
import unittest.mock

import pytest

from _support import run
from asyncmock import (
    AsyncMock,
    MagicMock,
    Mock,
    NonCallableMagicMock,
    NonCallableMock,
    call,
    mock_open,
)
from asyncmock._testcase import BackportIsolatedAsyncioTestCase

pytest_plugins = ["pytester"]

STDLIB_HAS_ASYNC_MAGICS = hasattr(unittest.mock, "AsyncMock")


async def fetch(url, timeout=None):
    """An ``async def`` to use as a spec."""


def current_task():
    """The running task (``asyncio.current_task`` is 3.7+)."""
    getter = getattr(asyncio, "current_task", None)
    if getter is None:  # Python 3.6
        return asyncio.Task.current_task()
    return getter()


def running_loop():
    """The running loop (``asyncio.get_running_loop`` is 3.7+)."""
    getter = getattr(asyncio, "get_running_loop", None)
    if getter is None:  # Python 3.6
        return asyncio._get_running_loop()
    return getter()


# --- the await hot path and its assertions --------------------------------------


async def test_an_async_child_of_a_stdlib_autospec_function_records_its_calls_there():
    function = unittest.mock.create_autospec(lambda value: None)
    helper = AsyncMock()
    function.mock.attach_mock(helper, "helper")

    await helper(1)

    assert function.mock_calls == [call.helper(1)]
    assert function.mock.method_calls == [call.helper(1)]


async def test_a_child_of_a_mock_made_with_parent_and_name_records_both_names_on_the_parent():
    root = MagicMock()
    service = AsyncMock(parent=root, name="service")

    await service.fetch(1)

    assert root.method_calls == [call.service.fetch(1)]
    assert root.mock_calls == [call.fetch(1)]


async def test_assigning_await_count_offsets_the_awaits_that_follow():
    mock = AsyncMock()
    mock.await_count = 5

    await mock()

    assert mock.await_count == 6
    assert len(mock.await_args_list) == 1


async def test_assert_any_await_on_a_spec_mock_matches_keywords_against_positions():
    mock = AsyncMock(spec=fetch)

    await mock("/a", 1)
    await mock("/b", timeout=2)

    mock.assert_any_await(url="/a", timeout=1)
    mock.assert_any_await("/b", 2)


async def test_assert_any_await_on_a_spec_mock_fails_when_no_await_binds_alike():
    mock = AsyncMock(spec=fetch)
    await mock("/a")

    with pytest.raises(AssertionError, match="await not found"):
        mock.assert_any_await("/b")


async def test_assert_has_awaits_names_the_expected_await_that_does_not_fit_the_spec():
    mock = AsyncMock(spec=fetch)
    await mock("/a")

    with pytest.raises(AssertionError, match="Error processing expected awaits") as failure:
        mock.assert_has_awaits([call("/a", 1, 2, 3)])

    assert isinstance(failure.value.__cause__, TypeError)


# --- features beyond the stdlib ---------------------------------------------------------


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


def test_unawaited_calls_list_a_child_attached_under_two_names_once():
    parent, child = AsyncMock(), AsyncMock()
    parent.attach_mock(child, "first")
    parent.attach_mock(child, "second")
    coroutine = child(1)
    try:
        assert len(parent.unawaited_calls) == 1
    finally:
        coroutine.close()


def test_unawaited_calls_of_a_child_moved_to_another_parent_show_only_there():
    old_parent, new_parent, child = AsyncMock(), AsyncMock(), AsyncMock()
    old_parent.attach_mock(child, "before")
    new_parent.attach_mock(child, "after")
    coroutine = child(1)
    try:
        assert old_parent.unawaited_calls == []
        assert new_parent.unawaited_calls == [call.after(1)]
    finally:
        coroutine.close()


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


async def test_two_awaits_in_one_loop_step_wake_a_waiter_once():
    mock = AsyncMock()
    waiter = asyncio.ensure_future(mock.wait_until_awaited())
    await asyncio.sleep(0)

    await mock()
    await mock()
    await waiter

    assert mock.await_count == 2


# --- mock classes and their magic methods ---------------------------------------------


async def test_the_class_of_an_async_spec_magicmock_makes_awaitable_mocks():
    mock = MagicMock(spec=fetch)

    twin = type(mock)()

    await twin("/a")
    twin.assert_awaited_once_with("/a")


def test_the_class_of_a_magicmock_has_the_context_manager_and_iterator_methods():
    mock = MagicMock()

    for name in ("__enter__", "__exit__", "__aenter__", "__aexit__", "__aiter__", "__anext__"):
        assert hasattr(type(mock), name), name


def test_deleting_a_magic_method_keeps_the_ones_the_user_set():
    mock = MagicMock()
    mock.__str__ = lambda self: "custom"
    mock.__int__ = lambda self: 7

    del mock.__len__

    with pytest.raises(TypeError):
        len(mock)
    assert str(mock) == "custom"
    assert int(mock) == 7


async def test_a_positional_async_spec_makes_a_magicmock_awaitable():
    mock = MagicMock(fetch)

    await mock("/a")

    mock.assert_awaited_once_with("/a")


def test_a_list_spec_allows_exactly_the_names_listed():
    mock = Mock(spec=["get", "post"])

    mock.get("/a")

    mock.get.assert_called_once_with("/a")
    with pytest.raises(AttributeError):
        mock.put


def test_mock_add_spec_none_keeps_configured_magic_methods():
    mock = MagicMock()
    mock.__len__.return_value = 3

    mock.mock_add_spec(None)

    assert len(mock) == 3


def test_mock_add_spec_without_a_magic_method_removes_the_configured_one():
    mock = MagicMock()
    mock.__len__.return_value = 3

    mock.mock_add_spec(["get"])

    with pytest.raises(TypeError):
        len(mock)


def test_mock_add_spec_hides_children_made_before_that_the_spec_lacks():
    mock = MagicMock()
    mock.put("/a")

    mock.mock_add_spec(["get"])

    with pytest.raises(AttributeError):
        mock.put


def test_reset_mock_ends_on_a_method_that_returns_its_own_mock():
    builder = MagicMock()
    builder.with_name.return_value = builder
    builder.with_name("ada").with_name("lovelace")

    builder.reset_mock()

    assert builder.with_name.call_count == 0
    assert builder.mock_calls == []


def test_a_shallow_copy_of_a_mock_behaves_as_the_mock():
    original = MagicMock(return_value=3)

    duplicate = copy.copy(original)

    assert duplicate() == 3
    # As the stdlib: the copy gets a class of its own, under the original's.
    assert type(duplicate) is not type(original)
    assert issubclass(type(duplicate), type(original))


def test_non_callable_magicmock_takes_attributes_as_keywords():
    mock = NonCallableMagicMock(size=3, **{"owner.name": "ada"})

    assert mock.size == 3
    assert mock.owner.name == "ada"


def test_a_child_of_a_non_callable_mock_is_a_callable_mock():
    parent = NonCallableMock()

    child = parent.child

    assert isinstance(child, Mock)
    assert not isinstance(child, MagicMock)
    child(1)
    child.assert_called_once_with(1)


def test_mock_open_configures_the_mock_it_is_given():
    opener = MagicMock(name="open")

    assert mock_open(opener, read_data="text") is opener
    with opener("file.txt") as handle:
        assert handle.read() == "text"


# --- 3.6/3.7 stand-ins --------------------------------------------------------------


if not STDLIB_HAS_ASYNC_MAGICS:
    # Where asyncmock supplies the async magic methods (3.6, 3.7), its async
    # iterator is also an async iterable, as 3.8's stdlib one is.

    async def test_the_async_iterator_of_a_magicmock_iterates_itself_before_3_8():
        mock = MagicMock()
        mock.__aiter__.return_value = [1, 2]

        iterator = mock.__aiter__()

        assert iterator.__aiter__() is iterator
        assert [item async for item in iterator] == [1, 2]


class _AwaitableWithoutClose:
    """An awaitable that is not a coroutine: nothing to close when it is refused."""

    def __await__(self):
        yield from ()


def test_backport_a_cleanup_awaitable_without_close_run_outside_the_test_run_is_refused():
    class Case(BackportIsolatedAsyncioTestCase):
        def test_it(self):
            pass

    case = Case("test_it")
    case.addCleanup(_AwaitableWithoutClose)

    assert case.doCleanups() is False


def test_backport_an_async_test_that_stops_the_loop_is_an_error_and_tear_down_still_runs():
    record = []

    class Case(BackportIsolatedAsyncioTestCase):
        async def test_it(self):
            running_loop().stop()
            await asyncio.sleep(0)
            record.append("test finished")

        async def asyncTearDown(self):
            record.append("asyncTearDown")

    result = unittest.TestResult()
    Case("test_it").run(result)

    assert len(result.errors) == 1
    assert "Event loop stopped before Future completed." in result.errors[0][1]
    assert record == ["test finished", "asyncTearDown"]


def test_backport_a_last_async_cleanup_that_cancels_its_task_still_ends_the_run():
    record = []
    loops = []

    class Case(BackportIsolatedAsyncioTestCase):
        async def test_it(self):
            loops.append(running_loop())
            self.addAsyncCleanup(self.cancel_own_task)

        async def cancel_own_task(self):
            current_task().cancel()
            record.append("cleanup")

    result = unittest.TestResult()
    Case("test_it").run(result)

    assert record == ["cleanup"]
    assert loops[0].is_closed()


# --- the pytest plugin's strict mode ----------------------------------------------------


STRICT_TESTS = """
import asyncio
import pytest
from asyncmock import AsyncMock, create_autospec

async def fetch(url):
    pass

def test_awaits_every_call():
    fake = AsyncMock(name="fake")
    loop = asyncio.new_event_loop()
    try:
        loop.run_until_complete(fake("/a"))
    finally:
        loop.close()

def test_forgets_an_autospecced_function():
    fake = create_autospec(fetch)
    fake("/b")
"""


def test_strict_mode_names_the_users_line_for_an_autospecced_function_and_passes_awaited_ones(
    pytester, pytestconfig
):
    plugin = []
    if not pytestconfig.pluginmanager.hasplugin("asyncmock"):
        plugin = ["-p", "asyncmock._pytest_plugin"]  # asyncmock not installed: a checkout
    pytester.makepyfile(test_strict=STRICT_TESTS)

    result = pytester.runpytest_inprocess(*plugin, "--asyncmock-strict")

    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines([
        "*_ test_forgets_an_autospecced_function _*",
        "*mock('/b') at test_strict.py:18",
    ])
