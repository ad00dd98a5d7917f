"""What an AsyncMock records, and when.

Calls are recorded when the mock is called; awaits are recorded only when
the returned coroutine is awaited (CPython 3.13 semantics).
"""
import asyncio
import inspect
import unittest.mock

import pytest

from asyncmock import AsyncMagicMock, AsyncMock, MagicMock, Mock, call

from _support import run


# --- what calling and awaiting give -------------------------------------


async def test_calling_returns_a_coroutine():
    mock = AsyncMock()
    coro = mock()
    assert inspect.iscoroutine(coro)
    coro.close()


async def test_awaiting_the_call_gives_return_value():
    mock = AsyncMock(return_value=42)
    assert await mock() == 42


async def test_default_return_value_is_an_async_mock_child():
    mock = AsyncMock()
    result = await mock()
    assert isinstance(result, AsyncMock)
    assert result is mock.return_value


async def test_default_return_value_is_the_same_object_on_every_await():
    mock = AsyncMock()
    assert await mock() is await mock()


async def test_each_call_returns_a_new_coroutine():
    mock = AsyncMock()
    first, second = mock(), mock()
    assert first is not second
    first.close()
    second.close()


async def test_attribute_of_async_mock_is_awaitable_too():
    mock = AsyncMock()
    mock.fetch.return_value = "page"
    assert await mock.fetch("url") == "page"


# --- calls are recorded at call time ------------------------------------


async def test_called_is_set_at_call_time():
    mock = AsyncMock()
    coro = mock()
    assert mock.called is True
    coro.close()


async def test_call_count_increments_at_call_time():
    mock = AsyncMock()
    coros = [mock(), mock()]
    assert mock.call_count == 2
    for coro in coros:
        coro.close()


# Assigning call_count once did nothing on an async mock: the stdlib's
# delegating property writes __dict__['_mock_call_count'], which an
# AsyncBehaviour._mock_call_count property shadowed.

def test_call_count_of_an_async_mock_stays_the_length_of_its_calls_after_assigning_it():
    async def main():
        mock = AsyncMock()
        mock.call_count = 5
        await mock()
        return mock.call_count
    loop = asyncio.new_event_loop()
    try:
        assert loop.run_until_complete(main()) == 1  # as 3.14: the list's length
    finally:
        loop.close()


async def test_call_args_is_set_at_call_time():
    mock = AsyncMock()
    coro = mock(1, key="v")
    assert mock.call_args == call(1, key="v")
    coro.close()


async def test_call_args_list_is_set_at_call_time():
    mock = AsyncMock()
    coros = [mock(1), mock(2)]
    assert mock.call_args_list == [call(1), call(2)]
    for coro in coros:
        coro.close()


async def test_mock_calls_is_set_at_call_time():
    mock = AsyncMock()
    coro = mock("x")
    assert mock.mock_calls == [call("x")]
    coro.close()


async def test_call_args_list_is_a_list():
    mock = AsyncMock()
    await mock()
    assert isinstance(mock.call_args_list, list)
    assert isinstance(mock.mock_calls, list)


async def test_call_args_unpacks_to_args_and_kwargs():
    mock = AsyncMock()
    await mock(1, 2, flag=True)
    args, kwargs = mock.call_args
    assert args == (1, 2)
    assert kwargs == {"flag": True}


# --- awaits are recorded at await time ----------------------------------


async def test_await_count_is_zero_before_the_await():
    mock = AsyncMock()
    coro = mock()
    assert mock.await_count == 0
    coro.close()


async def test_await_args_is_none_before_the_await():
    mock = AsyncMock()
    coro = mock(1)
    assert mock.await_args is None
    coro.close()


async def test_await_args_list_is_empty_before_the_await():
    mock = AsyncMock()
    coro = mock(1)
    assert mock.await_args_list == []
    coro.close()


async def test_await_count_increments_when_awaited():
    mock = AsyncMock()
    await mock()
    await mock()
    assert mock.await_count == 2


async def test_assigning_await_count_offsets_the_awaits_that_follow():
    mock = AsyncMock()
    mock.await_count = 5

    await mock()

    assert mock.await_count == 6
    assert len(mock.await_args_list) == 1


async def test_await_args_holds_the_last_await():
    mock = AsyncMock()
    await mock(1)
    await mock(2, key="v")
    assert mock.await_args == call(2, key="v")


async def test_await_args_list_holds_every_await_in_order():
    mock = AsyncMock()
    await mock(1)
    await mock(2)
    assert mock.await_args_list == [call(1), call(2)]


async def test_await_args_list_is_a_list():
    mock = AsyncMock()
    await mock()
    assert isinstance(mock.await_args_list, list)


async def test_await_args_unpacks_to_args_and_kwargs():
    mock = AsyncMock()
    await mock("a", n=3)
    args, kwargs = mock.await_args
    assert args == ("a",)
    assert kwargs == {"n": 3}


async def test_await_record_equals_plain_args_kwargs_tuple():
    mock = AsyncMock()
    await mock(1, k=2)
    assert mock.await_args == ((1,), {"k": 2})


async def test_call_never_awaited_counts_as_call_not_await():
    mock = AsyncMock()
    mock(1).close()
    assert mock.call_count == 1
    assert mock.await_count == 0
    assert mock.await_args_list == []


async def test_await_order_not_call_order_decides_await_args_list():
    mock = AsyncMock()
    first, second = mock(1), mock(2)
    await second
    await first
    assert mock.call_args_list == [call(1), call(2)]
    assert mock.await_args_list == [call(2), call(1)]


async def test_await_args_reflects_the_awaited_call_not_the_last_call():
    mock = AsyncMock()
    awaited = mock("awaited")
    mock("only called").close()
    await awaited
    assert mock.call_args == call("only called")
    assert mock.await_args == call("awaited")


async def test_await_is_recorded_even_when_side_effect_raises():
    mock = AsyncMock(side_effect=ValueError)
    with pytest.raises(ValueError):
        await mock(7)
    assert mock.await_count == 1
    assert mock.await_args == call(7)


# --- records on parents -------------------------------------------------


async def test_child_call_is_recorded_in_parent_method_calls():
    parent = AsyncMock()
    await parent.fetch(1)
    assert parent.method_calls == [call.fetch(1)]


async def test_child_call_is_recorded_in_parent_mock_calls():
    parent = AsyncMock()
    await parent.fetch(1)
    assert parent.mock_calls == [call.fetch(1)]


async def test_child_call_reaches_parent_at_call_time():
    parent = AsyncMock()
    coro = parent.fetch(1)
    assert parent.mock_calls == [call.fetch(1)]
    assert parent.method_calls == [call.fetch(1)]
    coro.close()


async def test_grandchild_call_is_recorded_with_dotted_name():
    parent = AsyncMock()
    await parent.client.get("/")
    assert parent.method_calls == [call.client.get("/")]
    assert parent.mock_calls == [call.client.get("/")]


async def test_a_child_of_a_mock_made_with_parent_and_name_records_both_names_on_the_parent():
    root = MagicMock()
    service = AsyncMock(parent=root, name="service")

    await service.fetch(1)

    assert root.method_calls == [call.service.fetch(1)]
    assert root.mock_calls == [call.fetch(1)]


async def test_child_await_is_not_counted_as_parent_await():
    parent = AsyncMock()
    await parent.fetch()
    assert parent.await_count == 0
    assert parent.fetch.await_count == 1


async def test_calls_on_the_awaited_result_are_recorded_in_mock_calls():
    mock = AsyncMock()
    result = await mock()
    await result.step(2)
    assert mock.mock_calls == [call(), call().step(2)]


async def test_attach_mock_to_our_mock_records_in_parent():
    parent = Mock()
    child = AsyncMock()
    parent.attach_mock(child, "fetch")
    await parent.fetch(1)
    assert parent.mock_calls == [call.fetch(1)]
    assert parent.method_calls == [call.fetch(1)]


async def test_attach_mock_records_at_call_time():
    parent = Mock()
    parent.attach_mock(AsyncMock(), "fetch")
    coro = parent.fetch(1)
    assert parent.mock_calls == [call.fetch(1)]
    coro.close()


async def test_attach_mock_keeps_await_records_on_the_child():
    parent = MagicMock()
    child = AsyncMock()
    parent.attach_mock(child, "fetch")
    await parent.fetch(1)
    assert child.await_args_list == [call(1)]


async def test_our_async_mock_attached_to_stdlib_mock_records_in_parent():
    parent = unittest.mock.Mock()
    parent.attach_mock(AsyncMock(), "fetch")
    await parent.fetch("a")
    assert parent.mock_calls == [call.fetch("a")]
    assert parent.method_calls == [call.fetch("a")]


async def test_our_async_magic_mock_attached_to_stdlib_magic_mock_records():
    parent = unittest.mock.MagicMock()
    parent.attach_mock(AsyncMagicMock(), "fetch")
    await parent.fetch(2)
    assert parent.mock_calls == [call.fetch(2)]


async def test_stdlib_mock_attached_to_our_async_mock_records_in_parent():
    parent = AsyncMock()
    parent.attach_mock(unittest.mock.Mock(), "sync_helper")
    parent.sync_helper(3)
    assert parent.mock_calls == [call.sync_helper(3)]
    assert parent.method_calls == [call.sync_helper(3)]


async def test_stdlib_and_our_children_interleave_in_parent_mock_calls():
    parent = AsyncMock()
    parent.attach_mock(unittest.mock.Mock(), "sync_helper")
    parent.sync_helper(1)
    await parent.fetch(2)
    assert parent.mock_calls == [call.sync_helper(1), call.fetch(2)]


async def test_an_async_child_of_a_stdlib_autospec_function_records_its_calls_there():
    function = unittest.mock.create_autospec(lambda value: None)
    helper = AsyncMock()
    function.mock.attach_mock(helper, "helper")

    await helper(1)

    assert function.mock_calls == [call.helper(1)]
    assert function.mock.method_calls == [call.helper(1)]


# --- class relationships ------------------------------------------------


def test_async_mock_is_a_stdlib_mock():
    assert isinstance(AsyncMock(), unittest.mock.Mock)


def test_async_mock_is_a_stdlib_async_mock_wherever_the_stdlib_has_one():
    stdlib_async_mock = getattr(unittest.mock, "AsyncMock", None)
    if stdlib_async_mock is None:  # 3.6, 3.7: the backport is a magic-aware Mock
        assert isinstance(AsyncMock(), unittest.mock.MagicMixin)
    else:
        assert isinstance(AsyncMock(), stdlib_async_mock)


def test_async_magic_mock_is_a_stdlib_magic_mock():
    assert isinstance(AsyncMagicMock(), unittest.mock.MagicMock)


def test_async_magic_mock_supports_magic_methods():
    mock = AsyncMagicMock()
    mock.__len__.return_value = 3
    assert len(mock) == 3


async def test_async_magic_mock_call_returns_a_coroutine():
    mock = AsyncMagicMock()
    coro = mock()
    assert inspect.iscoroutine(coro)
    coro.close()


async def test_async_magic_mock_awaiting_gives_return_value():
    mock = AsyncMagicMock(return_value="v")
    assert await mock() == "v"


async def test_async_magic_mock_records_calls_and_awaits_separately():
    mock = AsyncMagicMock()
    mock(1).close()
    await mock(2)
    assert mock.call_args_list == [call(1), call(2)]
    assert mock.await_args_list == [call(2)]


# --- event loops --------------------------------------------------------


def test_mock_created_outside_any_loop_works_inside_one():
    mock = AsyncMock(return_value="ok")

    async def use():
        return await mock("x")

    assert run(use()) == "ok"
    assert mock.await_args_list == [call("x")]


def test_same_mock_works_in_two_event_loops_in_turn():
    mock = AsyncMock(return_value=5)

    async def use(arg):
        return await mock(arg)

    assert run(use(1)) == 5
    assert run(use(2)) == 5
    assert mock.await_args_list == [call(1), call(2)]
    assert mock.call_count == 2


def test_async_magic_mock_works_in_two_event_loops_in_turn():
    mock = AsyncMagicMock(side_effect=[1, 2])

    async def use():
        return await mock()

    assert run(use()) == 1
    assert run(use()) == 2
    assert mock.await_count == 2
