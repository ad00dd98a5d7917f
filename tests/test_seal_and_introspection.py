"""How async mocks look to introspection, and how seal() limits them.

Frameworks decide how to call something from ``inspect.iscoroutinefunction``,
``asyncio.iscoroutinefunction`` and ``inspect.isawaitable``; ``dir()`` shows
what the stdlib's shows; sealed mocks must refuse to grow new attributes, async
children included.
"""
import asyncio
import inspect
import sys

import pytest

from _support import is_coroutine_function_asyncio
from _targets import Target, async_function
from asyncmock import AsyncMagicMock, AsyncMock, MagicMock, Mock, create_autospec, patch, seal


def _running_loop():
    """The running loop; ``asyncio.get_running_loop`` is 3.7+, 3.6 has only the private twin."""
    getter = getattr(asyncio, "get_running_loop", None) or asyncio._get_running_loop
    return getter()


# --- recognised as coroutine functions ------------------------------------


if sys.version_info >= (3, 10):
    # Before 3.10, inspect.iscoroutinefunction only accepts real function
    # objects (isinstance(obj, types.FunctionType)), so no mock can pass.

    def test_inspect_sees_async_mock_as_coroutine_function():
        """inspect.iscoroutinefunction(AsyncMock()) is true."""
        assert inspect.iscoroutinefunction(AsyncMock())

    def test_inspect_sees_async_magicmock_as_coroutine_function():
        """inspect.iscoroutinefunction(AsyncMagicMock()) is true."""
        assert inspect.iscoroutinefunction(AsyncMagicMock())

    def test_inspect_sees_async_child_of_spec_as_coroutine_function():
        """The AsyncMock child made for an async method is a coroutine function."""
        assert inspect.iscoroutinefunction(MagicMock(spec=Target).async_method)

    def test_inspect_sees_mock_specced_on_async_function_as_coroutine_function():
        """Mock(spec=async_fn) is recognised as a coroutine function too."""
        assert inspect.iscoroutinefunction(Mock(spec=async_function))


def test_inspect_does_not_see_magicmock_as_coroutine_function():
    """A plain MagicMock is not a coroutine function."""
    assert not inspect.iscoroutinefunction(MagicMock())


def test_inspect_does_not_see_sync_child_as_coroutine_function():
    """The sync child of a class spec is not a coroutine function."""
    assert not inspect.iscoroutinefunction(MagicMock(spec=Target).sync_method)


def test_asyncio_sees_async_mock_as_coroutine_function():
    """asyncio.iscoroutinefunction(AsyncMock()) is true."""
    assert is_coroutine_function_asyncio(AsyncMock())


def test_asyncio_sees_async_magicmock_as_coroutine_function():
    """asyncio.iscoroutinefunction(AsyncMagicMock()) is true."""
    assert is_coroutine_function_asyncio(AsyncMagicMock())


def test_asyncio_does_not_see_magicmock_as_coroutine_function():
    """asyncio.iscoroutinefunction(MagicMock()) is false."""
    assert not is_coroutine_function_asyncio(MagicMock())


def test_asyncio_sees_autospec_of_async_function_as_coroutine_function():
    """The autospec of an async function is a coroutine function for asyncio as well."""
    assert is_coroutine_function_asyncio(create_autospec(async_function))


# --- call results are awaitable coroutines --------------------------------


async def test_async_mock_call_result_is_awaitable():
    """inspect.isawaitable holds for what calling an AsyncMock returns."""
    result = AsyncMock()()
    assert inspect.isawaitable(result)
    await result


async def test_async_magicmock_call_result_is_awaitable():
    """inspect.isawaitable holds for what calling an AsyncMagicMock returns."""
    result = AsyncMagicMock()()
    assert inspect.isawaitable(result)
    await result


def test_magicmock_call_result_is_not_awaitable():
    """A MagicMock call returns a MagicMock, which is not awaitable."""
    assert not inspect.isawaitable(MagicMock()())


def test_async_mock_itself_is_not_awaitable():
    """The AsyncMock is a coroutine function, not an awaitable."""
    assert not inspect.isawaitable(AsyncMock())


async def test_async_mock_call_result_can_be_scheduled_as_task():
    """The call result is a real coroutine: the loop accepts it as a task."""
    mock = AsyncMock(return_value="task result")
    task = _running_loop().create_task(mock())
    assert await task == "task result"
    mock.assert_awaited_once_with()


async def test_async_mock_call_results_can_be_gathered():
    """Several pending call results can be awaited together with gather()."""
    mock = AsyncMock(side_effect=lambda value: value * 10)
    results = await asyncio.gather(mock(1), mock(2))
    assert results == [10, 20]
    assert mock.await_count == 2


async def test_async_mock_works_with_wait_for():
    """asyncio.wait_for accepts the call result."""
    mock = AsyncMock(return_value=1)
    assert await asyncio.wait_for(mock(), timeout=5) == 1


# --- dir() -------------------------------------------------------------------


@pytest.mark.parametrize("kind", [Mock, MagicMock, AsyncMock])
def test_dir_without_filter_shows_what_the_stdlib_shows_and_no_private_machinery(kind):
    import unittest.mock

    import asyncmock

    with patch.object(asyncmock, "FILTER_DIR", False):
        ours = set(dir(kind()))
    with patch.object(unittest.mock, "FILTER_DIR", False):
        theirs = set(dir(getattr(unittest.mock, kind.__name__, unittest.mock.MagicMock)()))

    assert not [name for name in ours if name.startswith("_asyncmock")]
    # Every public name of the stdlib's (its private state is its own business).
    assert {name for name in theirs if not name.startswith("_")} <= ours


# --- seal --------------------------------------------------------------------


def test_sealed_async_mock_refuses_new_attribute():
    """After seal(), reading an unset attribute raises AttributeError naming it."""
    mock = AsyncMock()
    seal(mock)
    with pytest.raises(AttributeError, match=r"mock\.unknown"):
        mock.unknown


async def test_sealed_async_mock_keeps_configured_child():
    """Children configured before seal() keep working, awaitable as before."""
    mock = AsyncMock()
    mock.child.return_value = "child result"
    seal(mock)
    assert await mock.child() == "child result"


def test_seal_reaches_async_children():
    """seal() is recursive: an existing async child refuses new attributes too."""
    mock = AsyncMock()
    mock.child.return_value = None
    seal(mock)
    with pytest.raises(AttributeError, match=r"mock\.child\.grandchild"):
        mock.child.grandchild


def test_seal_reaches_async_magic_children():
    """An async magic method created before seal() is sealed as well."""
    mock = MagicMock()
    mock.__aenter__.return_value = "entered"
    seal(mock)
    with pytest.raises(AttributeError, match="extra"):
        mock.__aenter__.extra


async def test_sealed_async_mock_with_return_value_can_be_awaited():
    """A sealed AsyncMock with a configured return_value still awaits fine."""
    mock = AsyncMock(return_value=42)
    seal(mock)
    assert await mock() == 42
    mock.assert_awaited_once_with()


async def test_sealed_async_mock_without_return_value_refuses_await():
    """Awaiting a sealed AsyncMock would create a return_value mock, so it raises."""
    mock = AsyncMock()
    seal(mock)
    with pytest.raises(AttributeError, match="return_value"):
        await mock()


async def test_sealed_async_mock_side_effect_still_applies():
    """A side_effect set before seal() keeps deciding the awaited result."""
    mock = AsyncMock(side_effect=[1, 2])
    seal(mock)
    assert [await mock(), await mock()] == [1, 2]


def test_sealed_async_mock_refuses_assigning_new_attribute():
    """A sealed mock cannot be given new attributes by assignment either."""
    mock = AsyncMock()
    seal(mock)
    with pytest.raises(AttributeError, match=r"Cannot set mock\.assigned"):
        mock.assigned = "value"


async def test_sealed_async_mock_return_value_can_be_reassigned():
    """Existing settings such as return_value stay assignable after seal()."""
    mock = AsyncMock(return_value=1)
    seal(mock)
    mock.return_value = 2
    assert await mock() == 2


async def test_sealed_magicmock_refuses_async_with_when_unconfigured():
    """Unused async magic methods are not created after seal(), so ``async with`` fails."""
    mock = MagicMock()
    seal(mock)
    # Interpreters before 3.9 look up __aexit__ first, later ones __aenter__.
    with pytest.raises(AttributeError, match=r"mock\.__a(enter|exit)__"):
        async with mock:
            pass


async def test_sealed_magicmock_allows_async_with_configured_before_seal():
    """Configuring __aenter__ and __aexit__ before seal() keeps ``async with`` working."""
    mock = MagicMock()
    mock.__aenter__.return_value = "entered"
    mock.__aexit__.return_value = False
    seal(mock)
    async with mock as entered:
        assert entered == "entered"


async def test_sealed_spec_mock_keeps_configured_async_method():
    """With a spec, a configured async method stays awaitable after seal()."""
    mock = MagicMock(spec=Target)
    mock.async_method.return_value = "specced"
    seal(mock)
    assert await mock.async_method(1) == "specced"


def test_sealed_spec_mock_refuses_unknown_attribute():
    """A sealed spec'd mock still refuses names the spec lacks."""
    mock = MagicMock(spec=Target)
    seal(mock)
    with pytest.raises(AttributeError, match="missing"):
        mock.missing


def test_sealed_spec_mock_refuses_untouched_spec_attribute():
    """seal() also stops creation of attributes the spec has but nobody configured."""
    mock = MagicMock(spec=Target)
    seal(mock)
    with pytest.raises(AttributeError, match=r"mock\.async_method"):
        mock.async_method


async def test_sealed_autospec_keeps_async_method():
    """A sealed autospec instance keeps its configured async methods awaitable."""
    instance = create_autospec(Target, instance=True)
    instance.async_method.return_value = "auto"
    seal(instance)
    assert await instance.async_method(1) == "auto"
    with pytest.raises(AttributeError):
        instance.async_method.unknown
