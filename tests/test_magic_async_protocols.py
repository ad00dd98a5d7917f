"""``async with`` and ``async for`` on MagicMock, AsyncMagicMock and AsyncMock.

As in CPython 3.13: ``__aenter__``, ``__aexit__`` and ``__anext__`` are
AsyncMocks, ``__aiter__`` is a sync mock whose ``return_value`` is any
iterable (empty by default) and ``__aexit__`` returns False unless configured.
asyncmock adds two shortcuts, ``aenter_return_value`` and ``aiter_return_value``.
"""
import unittest.mock

import pytest

from asyncmock import AsyncMagicMock, AsyncMock, MagicMock, Mock, call

STDLIB_HAS_ASYNC_MAGICS = hasattr(unittest.mock, "AsyncMock")


# --- which magic methods are async --------------------------------------------


def test_magicmock_aenter_and_aexit_are_async_mocks():
    """The async context manager methods of a MagicMock are AsyncMocks."""
    mock = MagicMock()
    assert isinstance(mock.__aenter__, AsyncMock)
    assert isinstance(mock.__aexit__, AsyncMock)


def test_magicmock_anext_is_async_mock():
    """__anext__ is awaited by ``async for``, so it is an AsyncMock."""
    assert isinstance(MagicMock().__anext__, AsyncMock)


def test_magicmock_aiter_is_sync():
    """__aiter__ is called without awaiting, so it is a plain MagicMock."""
    mock = MagicMock()
    assert isinstance(mock.__aiter__, MagicMock)
    assert not isinstance(mock.__aiter__, AsyncMock)


def test_async_magicmock_aenter_is_async_mock():
    """AsyncMagicMock has the same async magic methods as MagicMock."""
    mock = AsyncMagicMock()
    assert isinstance(mock.__aenter__, AsyncMock)
    assert isinstance(mock.__aexit__, AsyncMock)
    assert not isinstance(mock.__aiter__, AsyncMock)


# --- async with ----------------------------------------------------------------


async def test_async_with_binds_aenter_return_value():
    """``async with mock as x`` binds the awaited result of __aenter__."""
    mock = MagicMock()
    async with mock as entered:
        pass
    assert entered is mock.__aenter__.return_value


async def test_async_with_uses_configured_aenter_return_value():
    """__aenter__.return_value is what the ``as`` target receives."""
    mock = MagicMock()
    mock.__aenter__.return_value = "session"
    async with mock as entered:
        assert entered == "session"


async def test_aenter_return_value_says_what_async_with_gives():
    session = MagicMock(aenter_return_value="connection")
    async with session as connection:
        assert connection == "connection"
    assert session.__aenter__.return_value == "connection"


async def test_async_with_can_return_the_mock_itself():
    """A common set-up: __aenter__ returns the context manager itself."""
    mock = MagicMock()
    mock.__aenter__.return_value = mock
    async with mock as entered:
        assert entered is mock


async def test_async_with_awaits_aenter_once():
    """Entering awaits __aenter__ exactly once with no arguments."""
    mock = MagicMock()
    async with mock:
        pass
    mock.__aenter__.assert_awaited_once_with()


async def test_async_with_awaits_aexit_with_none_on_success():
    """A clean exit awaits __aexit__ with three Nones."""
    mock = MagicMock()
    async with mock:
        pass
    mock.__aexit__.assert_awaited_once_with(None, None, None)


async def test_async_with_passes_exception_details_to_aexit():
    """An exception in the body reaches __aexit__ as type, value and traceback."""
    mock = MagicMock()
    error = KeyError("body")
    with pytest.raises(KeyError):
        async with mock:
            raise error
    exc_type, exc_value, traceback = mock.__aexit__.await_args[0]
    assert (exc_type, exc_value) == (KeyError, error)
    assert traceback is error.__traceback__


async def test_aexit_returns_false_by_default():
    """By default __aexit__ returns False, so body exceptions propagate."""
    mock = MagicMock()
    with pytest.raises(ValueError, match="propagates"):
        async with mock:
            raise ValueError("propagates")


async def test_aexit_default_return_value_is_false():
    """Awaiting __aexit__ directly gives False."""
    assert await MagicMock().__aexit__(None, None, None) is False


async def test_aexit_returning_true_suppresses_exception():
    """A truthy __aexit__ result swallows the body's exception."""
    mock = MagicMock()
    mock.__aexit__.return_value = True
    async with mock:
        raise ValueError("suppressed")
    mock.__aexit__.assert_awaited_once()


async def test_aenter_side_effect_is_raised_and_skips_aexit():
    """If __aenter__ raises, the body and __aexit__ never run."""
    mock = MagicMock()
    mock.__aenter__.side_effect = ConnectionError("refused")
    with pytest.raises(ConnectionError, match="refused"):
        async with mock:
            pytest.fail("body must not run")
    mock.__aexit__.assert_not_awaited()


async def test_aexit_side_effect_is_raised_on_exit():
    """An exception side_effect on __aexit__ surfaces when the block ends."""
    mock = MagicMock()
    mock.__aexit__.side_effect = OSError("close failed")
    with pytest.raises(OSError, match="close failed"):
        async with mock:
            pass


async def test_async_with_records_mock_calls():
    """Entering and leaving are recorded on the parent's mock_calls."""
    mock = MagicMock()
    async with mock:
        pass
    assert mock.mock_calls == [call.__aenter__(), call.__aexit__(None, None, None)]


async def test_async_with_can_be_entered_repeatedly():
    """The same mock can be entered several times, even nested."""
    mock = MagicMock()
    async with mock:
        async with mock:
            pass
    assert mock.__aenter__.await_count == 2
    assert mock.__aexit__.await_count == 2


async def test_aenter_can_be_replaced_by_async_mock():
    """Assigning an AsyncMock as __aenter__ makes ``async with`` use it."""
    mock = MagicMock()
    mock.__aenter__ = AsyncMock(return_value="replacement")
    async with mock as entered:
        assert entered == "replacement"


async def test_aenter_can_be_replaced_by_async_function():
    """Assigning an ``async def`` as __aenter__ calls it with the mock as self."""
    mock = MagicMock()

    async def fake_enter(self):
        return ("entered", self)

    mock.__aenter__ = fake_enter
    async with mock as entered:
        assert entered == ("entered", mock)


async def test_aenter_configurable_through_configure_mock():
    """configure_mock reaches the async magic methods by dotted name."""
    mock = MagicMock()
    mock.configure_mock(**{"__aenter__.return_value": "configured"})
    async with mock as entered:
        assert entered == "configured"


async def test_async_magicmock_supports_async_with():
    """AsyncMagicMock works as an async context manager."""
    mock = AsyncMagicMock()
    mock.__aenter__.return_value = "resource"
    async with mock as entered:
        assert entered == "resource"
    mock.__aexit__.assert_awaited_once_with(None, None, None)


async def test_async_mock_supports_async_with():
    """AsyncMock also supports the async context manager protocol."""
    mock = AsyncMock()
    async with mock as entered:
        pass
    assert entered is mock.__aenter__.return_value


async def test_plain_mock_does_not_support_async_with():
    """Mock has no magic methods, so ``async with`` on it fails."""
    # 3.11+ raise TypeError; older interpreters raise AttributeError.
    with pytest.raises((TypeError, AttributeError)):
        async with Mock():
            pass


# --- async for -----------------------------------------------------------------


async def test_async_for_is_empty_by_default():
    """Without configuration ``async for`` over a MagicMock yields nothing."""
    items = [item async for item in MagicMock()]
    assert items == []


async def test_async_for_yields_aiter_return_value_list():
    """__aiter__.return_value = [..] makes ``async for`` yield those items."""
    mock = MagicMock()
    mock.__aiter__.return_value = [1, 2, 3]
    items = []
    async for item in mock:
        items.append(item)
    assert items == [1, 2, 3]


async def test_aiter_return_value_says_what_async_for_yields():
    stream = AsyncMagicMock()
    stream.aiter_return_value = [1, 2, 3]
    assert [item async for item in stream] == [1, 2, 3]


async def test_async_for_over_list_can_repeat():
    """A list return value is iterated afresh on every ``async for``."""
    mock = MagicMock()
    mock.__aiter__.return_value = ["a", "b"]
    first = [item async for item in mock]
    second = [item async for item in mock]
    assert first == second == ["a", "b"]


async def test_async_for_over_iterator_is_consumed_once():
    """An iterator return value is exhausted after the first ``async for``."""
    mock = MagicMock()
    mock.__aiter__.return_value = iter([1, 2])
    assert [item async for item in mock] == [1, 2]
    assert [item async for item in mock] == []


async def test_async_for_accepts_any_iterable():
    """Tuples, generators and dicts all work as __aiter__.return_value."""
    mock = MagicMock()
    mock.__aiter__.return_value = (value * 2 for value in (1, 2))
    assert [item async for item in mock] == [2, 4]
    mock.__aiter__.return_value = {"key": 1}
    assert [item async for item in mock] == ["key"]


async def test_async_for_records_aiter_call():
    """Each ``async for`` calls __aiter__ once, with no arguments."""
    mock = MagicMock()
    async for _ in mock:
        pass
    mock.__aiter__.assert_called_once_with()
    assert mock.mock_calls == [call.__aiter__()]


async def test_aiter_result_anext_can_be_awaited_directly():
    """The object __aiter__ returns yields items via an awaitable __anext__."""
    mock = MagicMock()
    mock.__aiter__.return_value = ["only"]
    iterator = mock.__aiter__()
    assert await iterator.__anext__() == "only"
    with pytest.raises(StopAsyncIteration):
        await iterator.__anext__()


if not STDLIB_HAS_ASYNC_MAGICS:
    # Where asyncmock supplies the async magic methods (3.6, 3.7), its async
    # iterator is also an async iterable, as 3.8's stdlib one is.

    async def test_the_async_iterator_of_a_magicmock_iterates_itself_before_3_8():
        mock = MagicMock()
        mock.__aiter__.return_value = [1, 2]

        iterator = mock.__aiter__()

        assert iterator.__aiter__() is iterator
        assert [item async for item in iterator] == [1, 2]


async def test_anext_return_value_is_awaitable():
    """__anext__ is an AsyncMock whose return_value comes back when awaited."""
    mock = MagicMock()
    mock.__anext__.return_value = "next item"
    assert await mock.__anext__() == "next item"


async def test_anext_exhausted_side_effect_raises_stop_async_iteration():
    """An exhausted side_effect iterable on __anext__ ends with StopAsyncIteration."""
    mock = MagicMock()
    mock.__anext__.side_effect = ["first"]
    assert await mock.__anext__() == "first"
    with pytest.raises(StopAsyncIteration):
        await mock.__anext__()


async def test_async_magicmock_supports_async_for():
    """AsyncMagicMock iterates its __aiter__.return_value."""
    mock = AsyncMagicMock()
    mock.__aiter__.return_value = [1, 2]
    assert [item async for item in mock] == [1, 2]


async def test_async_magicmock_is_awaitable_when_called():
    """AsyncMagicMock is an awaitable mock as well as a magic one."""
    mock = AsyncMagicMock(return_value="called")
    assert await mock() == "called"
    mock.assert_awaited_once_with()


async def test_async_mock_supports_async_for():
    """AsyncMock iterates its __aiter__.return_value too."""
    mock = AsyncMock()
    mock.__aiter__.return_value = "xy"
    assert [item async for item in mock] == ["x", "y"]


async def test_async_iteration_inside_async_with():
    """The usual stream pattern: enter, iterate the entered object, exit."""
    stream = MagicMock()
    stream.__aiter__.return_value = [b"chunk1", b"chunk2"]
    client = MagicMock()
    client.__aenter__.return_value = stream
    async with client as entered:
        chunks = [chunk async for chunk in entered]
    assert chunks == [b"chunk1", b"chunk2"]
    client.__aexit__.assert_awaited_once_with(None, None, None)
