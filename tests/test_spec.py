"""spec and spec_set on Mock, MagicMock and AsyncMock: async parts of a spec become awaitable.

CPython 3.13 turns every ``async def`` found in a spec into an AsyncMock child
and keeps sync callables sync; a spec shapes the attributes but, unlike
autospec (test_autospec.py), does not check call signatures.
"""
import inspect

import pytest

from _targets import (
    AsyncResource,
    Catalogue,
    Target,
    async_function,
    fetch,
    looping_async_function,
    looping_function,
    parse,
    sync_function,
)
from asyncmock import AsyncMock, MagicMock, Mock, NonCallableMagicMock, call


# --- Mock / MagicMock with an async function as spec ---------------------


async def test_mock_specced_on_async_function_returns_awaitable():
    """Mock(spec=async_fn) behaves as an AsyncMock: its call result can be awaited."""
    mock = Mock(spec=async_function, return_value="done")
    result = mock(1, 2)
    assert inspect.isawaitable(result)
    assert await result == "done"


async def test_mock_specced_on_async_function_records_awaits():
    """Awaits through a Mock(spec=async_fn) are recorded and assertable."""
    mock = Mock(spec=async_function)
    await mock(1, 2, c=3)
    mock.assert_awaited_once_with(1, 2, c=3)


async def test_magicmock_specced_on_async_function_returns_awaitable():
    """MagicMock(spec=async_fn) is awaitable just like Mock(spec=async_fn)."""
    mock = MagicMock(spec=async_function, return_value=7)
    assert await mock(1, 2) == 7
    mock.assert_awaited_once()


async def test_a_positional_async_spec_makes_a_magicmock_awaitable():
    mock = MagicMock(fetch)

    await mock("/a")

    mock.assert_awaited_once_with("/a")


def test_mock_specced_on_sync_function_returns_plain_value():
    """A sync spec keeps the mock sync: the call result is the return value itself."""
    mock = Mock(spec=sync_function, return_value="plain")
    result = mock(1)
    assert result == "plain"
    assert not inspect.isawaitable(result)


async def test_async_mock_spec_matches_awaits_by_signature():
    """With a function spec, positional and keyword spellings of an await match."""
    mock = AsyncMock(spec=async_function)
    await mock(1, 2)
    mock.assert_awaited_with(a=1, b=2)


async def test_async_mock_spec_mismatch_reports_both_awaits():
    """A mismatching await assertion against a spec'd mock names expected and actual."""
    mock = AsyncMock(spec=async_function)
    await mock(1, 2)
    with pytest.raises(AssertionError, match=r"Expected: mock\(1, 3\)\n  Actual: mock\(1, 2\)"):
        mock.assert_awaited_with(1, 3)


async def test_plain_spec_does_not_check_call_signature():
    """spec= (unlike autospec) only shapes attributes; any arguments are accepted."""
    mock = AsyncMock(spec=async_function, return_value=0)
    assert await mock(1, 2, 3, 4, extra=5) == 0


# --- class and instance specs ---------------------------------------------


def test_class_spec_makes_async_method_an_async_mock():
    """An ``async def`` method on the spec class becomes an AsyncMock child."""
    mock = Mock(spec=Target)
    assert isinstance(mock.async_method, AsyncMock)


def test_class_spec_keeps_sync_method_sync():
    """A plain method on the spec class stays a non-async child."""
    mock = Mock(spec=Target)
    assert not isinstance(mock.sync_method, AsyncMock)
    assert not inspect.isawaitable(mock.sync_method(1))


def test_class_spec_async_classmethod_is_async_mock():
    """An async classmethod on the spec is detected as async."""
    mock = Mock(spec=Target)
    assert isinstance(mock.async_classmethod, AsyncMock)


def test_class_spec_async_staticmethod_is_async_mock():
    """An async staticmethod on the spec is detected as async."""
    mock = Mock(spec=Target)
    assert isinstance(mock.async_staticmethod, AsyncMock)


def test_class_spec_sync_classmethod_is_not_async():
    """Sync classmethods and staticmethods stay sync."""
    mock = Mock(spec=Target)
    assert not isinstance(mock.sync_classmethod, AsyncMock)
    assert not isinstance(mock.sync_staticmethod, AsyncMock)


def test_mock_parent_gives_plain_mock_for_sync_methods():
    """Under a Mock parent the sync children are Mocks, without magic methods."""
    mock = Mock(spec=Target)
    assert isinstance(mock.sync_method, Mock)
    assert not isinstance(mock.sync_method, MagicMock)


def test_magicmock_parent_gives_magicmock_for_sync_methods():
    """Under a MagicMock parent the sync children are MagicMocks."""
    mock = MagicMock(spec=Target)
    assert isinstance(mock.sync_method, MagicMock)
    assert not isinstance(mock.sync_method, AsyncMock)


def test_async_mock_parent_gives_magicmock_for_sync_methods():
    """An AsyncMock specced on a class still gives sync children for sync methods."""
    mock = AsyncMock(spec=Target)
    assert isinstance(mock.sync_method, MagicMock)
    assert not isinstance(mock.sync_method, AsyncMock)


def test_instance_spec_makes_async_method_an_async_mock():
    """An instance used as spec is inspected like its class."""
    mock = Mock(spec=Target("instance"))
    assert isinstance(mock.async_method, AsyncMock)


def test_an_attribute_of_a_spec_instance_counts_as_it_was_when_the_mock_was_made():
    target = Catalogue()
    target.later = parse
    target.now = fetch
    mock = Mock(spec_set=target)

    target.later = fetch

    assert isinstance(mock.now, AsyncMock)
    assert not isinstance(mock.later, AsyncMock)


def test_spec_set_makes_async_method_an_async_mock():
    """spec_set detects async methods just like spec."""
    mock = MagicMock(spec_set=Target)
    assert isinstance(mock.async_method, AsyncMock)


async def test_async_child_from_class_spec_records_awaits():
    """The AsyncMock child of a class spec records what it was awaited with."""
    mock = MagicMock(spec=Target)
    mock.async_method.return_value = "child"
    assert await mock.async_method(1, b=2) == "child"
    mock.async_method.assert_awaited_once_with(1, b=2)


async def test_async_child_await_is_listed_in_parent_mock_calls():
    """Calling an async child is recorded on the parent's mock_calls."""
    mock = MagicMock(spec=Target)
    await mock.async_method(1)
    assert mock.mock_calls == [call.async_method(1)]


def test_class_spec_passes_isinstance():
    """A class-specced AsyncMock passes isinstance checks for that class."""
    assert isinstance(AsyncMock(spec=Target), Target)


def test_spec_refuses_unknown_attribute():
    """Reading an attribute the spec lacks raises AttributeError."""
    mock = Mock(spec=Target)
    with pytest.raises(AttributeError, match="missing"):
        mock.missing


def test_spec_allows_setting_unknown_attribute():
    """spec (not spec_set) still lets a test assign new attributes."""
    mock = Mock(spec=Target)
    mock.added = 1
    assert mock.added == 1


def test_spec_set_refuses_setting_unknown_attribute():
    """spec_set also refuses assigning an attribute the spec lacks."""
    mock = MagicMock(spec_set=Target)
    with pytest.raises(AttributeError, match="missing"):
        mock.missing = 1


def test_spec_set_allows_configuring_existing_async_method():
    """spec_set still lets the async child be configured."""
    mock = MagicMock(spec_set=Target)
    mock.async_method.return_value = 3
    assert mock.async_method.return_value == 3


def test_a_list_spec_allows_exactly_the_names_listed():
    mock = Mock(spec=["get", "post"])

    mock.get("/a")

    mock.get.assert_called_once_with("/a")
    with pytest.raises(AttributeError):
        mock.put


def test_mock_add_spec_hides_children_made_before_that_the_spec_lacks():
    mock = MagicMock()
    mock.put("/a")

    mock.mock_add_spec(["get"])

    with pytest.raises(AttributeError):
        mock.put


async def test_spec_with_async_dunder_methods_supports_async_with():
    """A spec that is an async context manager gives awaitable __aenter__/__aexit__."""
    mock = NonCallableMagicMock(spec=AsyncResource)
    async with mock as entered:
        pass
    assert entered is mock.__aenter__.return_value
    mock.__aexit__.assert_awaited_once_with(None, None, None)


# --- specs whose __wrapped__ chain loops ---------------------------------------------


def test_a_mock_of_a_function_with_a_looping_wrapped_chain_accepts_any_call():
    fake = Mock(spec=looping_function)

    fake(1, 2)

    fake.assert_called_once_with(1, 2)


async def test_an_async_method_whose_wrapped_chain_loops_still_gives_an_async_child():
    class Service:
        fetch = looping_async_function

    service = Mock(spec=Service)

    assert isinstance(service.fetch, AsyncMock)
    await service.fetch(1)
    service.fetch.assert_awaited_once_with(1)
