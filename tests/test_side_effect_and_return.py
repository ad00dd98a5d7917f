"""What awaiting an AsyncMock produces: side_effect, return_value and wraps.

Everything here happens when the coroutine is awaited, not when the mock is
called, as on CPython 3.13.  A sync mock's side_effect, where it behaves the
same, is here too.
"""
import pytest

from asyncmock import DEFAULT, AsyncMagicMock, AsyncMock, Mock, call


# --- exceptions ---------------------------------------------------------


async def test_exception_instance_is_raised_when_awaited():
    error = ValueError("boom")
    mock = AsyncMock(side_effect=error)
    with pytest.raises(ValueError, match="boom") as info:
        await mock()
    assert info.value is error


async def test_exception_class_is_raised_when_awaited():
    mock = AsyncMock(side_effect=KeyError)
    with pytest.raises(KeyError):
        await mock()


async def test_exception_is_not_raised_at_call_time():
    mock = AsyncMock(side_effect=KeyError)
    coro = mock()  # must not raise yet
    with pytest.raises(KeyError):
        await coro


async def test_exception_side_effect_raises_on_every_await():
    mock = AsyncMock(side_effect=RuntimeError)
    for _ in range(2):
        with pytest.raises(RuntimeError):
            await mock()
    assert mock.await_count == 2


# --- iterables ----------------------------------------------------------


async def test_iterable_gives_its_values_in_turn():
    mock = AsyncMock(side_effect=[1, 2, 3])
    assert [await mock(), await mock(), await mock()] == [1, 2, 3]


async def test_iterable_raises_exception_items_in_turn():
    mock = AsyncMock(side_effect=[1, ValueError("second"), 3])
    assert await mock() == 1
    with pytest.raises(ValueError, match="second"):
        await mock()
    assert await mock() == 3


async def test_iterable_raises_exception_class_items():
    mock = AsyncMock(side_effect=[IndexError])
    with pytest.raises(IndexError):
        await mock()


async def test_exhausted_iterable_raises_stop_async_iteration():
    mock = AsyncMock(side_effect=[1])
    await mock()
    with pytest.raises(StopAsyncIteration):
        await mock()


async def test_empty_iterable_raises_stop_async_iteration():
    mock = AsyncMock(side_effect=[])
    with pytest.raises(StopAsyncIteration):
        await mock()


async def test_generator_works_as_side_effect():
    mock = AsyncMock(side_effect=(n * 10 for n in range(3)))
    assert [await mock(), await mock(), await mock()] == [0, 10, 20]


async def test_iterable_values_are_handed_out_in_await_order():
    mock = AsyncMock(side_effect=["first", "second"])
    early, late = mock(), mock()
    assert await late == "first"
    assert await early == "second"


async def test_iterable_default_item_falls_through_to_return_value():
    mock = AsyncMock(side_effect=[DEFAULT], return_value="fallback")
    assert await mock() == "fallback"


async def test_side_effect_iterable_set_after_creation():
    mock = AsyncMock()
    mock.side_effect = ("a", "b")
    assert await mock() == "a"
    assert await mock() == "b"


# --- functions ----------------------------------------------------------


async def test_sync_function_result_is_the_awaited_value():
    mock = AsyncMock(side_effect=lambda x: x * 2)
    assert await mock(21) == 42


async def test_sync_function_gets_args_and_kwargs():
    seen = []

    def effect(*args, **kwargs):
        seen.append((args, kwargs))

    mock = AsyncMock(side_effect=effect)
    await mock(1, key="v")
    assert seen == [((1,), {"key": "v"})]


async def test_sync_function_runs_when_awaited_not_when_called():
    seen = []
    mock = AsyncMock(side_effect=lambda: seen.append("ran"))
    coro = mock()
    assert seen == []
    await coro
    assert seen == ["ran"]


async def test_sync_function_returning_default_gives_return_value():
    mock = AsyncMock(side_effect=lambda: DEFAULT, return_value="rv")
    assert await mock() == "rv"


async def test_sync_function_returning_none_gives_none():
    mock = AsyncMock(side_effect=lambda: None, return_value="rv")
    assert await mock() is None


async def test_sync_function_exception_propagates_when_awaited():
    def effect():
        raise LookupError("missing")

    mock = AsyncMock(side_effect=effect)
    coro = mock()
    with pytest.raises(LookupError, match="missing"):
        await coro


def test_a_bound_method_as_side_effect_is_called_not_iterated():
    class Source:
        def value(self, n):
            return n * 2

    mock = Mock(side_effect=Source().value)

    assert mock(4) == 8


async def test_async_function_is_awaited_and_its_result_returned():
    async def effect():
        return "from coroutine"

    mock = AsyncMock(side_effect=effect)
    assert await mock() == "from coroutine"


async def test_async_function_gets_args_and_kwargs():
    async def effect(a, b=0):
        return a + b

    mock = AsyncMock(side_effect=effect)
    assert await mock(1, b=2) == 3


async def test_async_function_returning_default_gives_return_value():
    async def effect():
        return DEFAULT

    mock = AsyncMock(side_effect=effect, return_value="rv")
    assert await mock() == "rv"


async def test_async_function_exception_propagates():
    async def effect():
        raise ConnectionError("down")

    mock = AsyncMock(side_effect=effect)
    with pytest.raises(ConnectionError, match="down"):
        await mock()


async def test_side_effect_beats_return_value():
    mock = AsyncMock(side_effect=lambda: "effect", return_value="rv")
    assert await mock() == "effect"


async def test_side_effect_none_restores_return_value():
    mock = AsyncMock(side_effect=KeyError, return_value="rv")
    mock.side_effect = None
    assert await mock() == "rv"


# --- return_value -------------------------------------------------------


async def test_return_value_given_at_creation():
    mock = AsyncMock(return_value=[1, 2])
    assert await mock() == [1, 2]


async def test_return_value_set_after_creation():
    mock = AsyncMock()
    mock.return_value = "later"
    assert await mock() == "later"


async def test_return_value_is_the_same_object_each_await():
    value = object()
    mock = AsyncMock(return_value=value)
    assert await mock() is value
    assert await mock() is value


async def test_return_value_async_function_is_returned_not_awaited():
    async def handler():
        return "never awaited here"

    mock = AsyncMock(return_value=handler)
    assert await mock() is handler


async def test_return_value_none_is_returned():
    mock = AsyncMock(return_value=None)
    assert await mock() is None


# --- wraps --------------------------------------------------------------


async def test_wraps_sync_function_returns_its_result():
    mock = AsyncMock(wraps=lambda x: x + 1)
    assert await mock(1) == 2


async def test_wraps_sync_function_gets_args_and_kwargs():
    def target(a, b=0):
        return (a, b)

    mock = AsyncMock(wraps=target)
    assert await mock(1, b=5) == (1, 5)


async def test_wraps_async_function_is_awaited():
    async def target(x):
        return x * 3

    mock = AsyncMock(wraps=target)
    assert await mock(2) == 6


async def test_wraps_still_records_calls_and_awaits():
    async def target(x):
        return x

    mock = AsyncMock(wraps=target)
    await mock(9)
    assert mock.call_args_list == [call(9)]
    assert mock.await_args_list == [call(9)]


async def test_return_value_beats_wraps():
    mock = AsyncMock(wraps=lambda: "wrapped", return_value="rv")
    assert await mock() == "rv"


async def test_side_effect_beats_wraps():
    mock = AsyncMock(wraps=lambda: "wrapped", side_effect=lambda: "effect")
    assert await mock() == "effect"


async def test_side_effect_default_falls_through_to_wraps():
    mock = AsyncMock(wraps=lambda: "wrapped", side_effect=lambda: DEFAULT)
    assert await mock() == "wrapped"


async def test_wraps_exception_propagates_when_awaited():
    def target():
        raise OSError("disk")

    mock = AsyncMock(wraps=target)
    coro = mock()
    with pytest.raises(OSError, match="disk"):
        await coro


# --- AsyncMagicMock behaves the same ------------------------------------


async def test_async_magic_mock_exception_side_effect_raised_when_awaited():
    mock = AsyncMagicMock(side_effect=KeyError)
    coro = mock()
    with pytest.raises(KeyError):
        await coro


async def test_async_magic_mock_iterable_side_effect_exhausts():
    mock = AsyncMagicMock(side_effect=["only"])
    assert await mock() == "only"
    with pytest.raises(StopAsyncIteration):
        await mock()


async def test_async_magic_mock_async_side_effect_is_awaited():
    async def effect(x):
        return -x

    mock = AsyncMagicMock(side_effect=effect)
    assert await mock(4) == -4


async def test_async_magic_mock_wraps_async_function():
    async def target():
        return "wrapped"

    mock = AsyncMagicMock(wraps=target)
    assert await mock() == "wrapped"
