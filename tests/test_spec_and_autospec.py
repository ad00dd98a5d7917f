"""spec, spec_set and create_autospec: async parts of a spec become awaitable.

CPython 3.13 turns every ``async def`` found in a spec into an AsyncMock child,
keeps sync callables sync, and (with autospec) checks call signatures.
"""
import inspect

import pytest

from _targets import AsyncResource, CallableTarget, Target, async_function, sync_function
from asyncmock import AsyncMock, MagicMock, Mock, NonCallableMagicMock, call, create_autospec


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


async def test_spec_with_async_dunder_methods_supports_async_with():
    """A spec that is an async context manager gives awaitable __aenter__/__aexit__."""
    mock = NonCallableMagicMock(spec=AsyncResource)
    async with mock as entered:
        pass
    assert entered is mock.__aenter__.return_value
    mock.__aexit__.assert_awaited_once_with(None, None, None)


# --- create_autospec of an async function ---------------------------------


def test_autospec_of_async_function_is_coroutine_function():
    """create_autospec(async_fn) is recognised as a coroutine function."""
    assert inspect.iscoroutinefunction(create_autospec(async_function))


def test_autospec_of_async_function_keeps_signature():
    """The autospec exposes the original function's signature."""
    mocked = create_autospec(async_function)
    assert inspect.signature(mocked) == inspect.signature(async_function)


async def test_autospec_of_async_function_call_is_awaitable():
    """Calling the autospec gives an awaitable that yields the return value."""
    mocked = create_autospec(async_function)
    mocked.return_value = "configured"
    result = mocked(1, 2)
    assert inspect.isawaitable(result)
    assert await result == "configured"


async def test_autospec_of_async_function_accepts_return_value_keyword():
    """Extra keywords to create_autospec configure the mock."""
    mocked = create_autospec(async_function, return_value=3)
    assert await mocked(1, 2) == 3


async def test_autospec_of_async_function_asserts_awaits():
    """assert_awaited_once_with works on the autospec itself."""
    mocked = create_autospec(async_function)
    await mocked(1, 2, c=3)
    mocked.assert_awaited_once_with(1, 2, c=3)


async def test_autospec_of_async_function_asserts_calls():
    """Sync call assertions are available on the autospec too."""
    mocked = create_autospec(async_function)
    await mocked(1, 2)
    mocked.assert_called_once_with(1, 2)


async def test_autospec_of_async_function_matches_by_signature():
    """Awaits are compared through the signature: keywords match positionals."""
    mocked = create_autospec(async_function)
    await mocked(1, 2)
    mocked.assert_awaited_with(a=1, b=2)


async def test_autospec_of_async_function_assert_awaited_fails_before_await():
    """assert_awaited reports a never-awaited autospec, by its name."""
    mocked = create_autospec(async_function, name="fetch")
    with pytest.raises(AssertionError, match="Expected fetch to have been awaited."):
        mocked.assert_awaited()


async def test_autospec_of_async_function_rejects_missing_argument():
    """Leaving out a required argument raises TypeError."""
    mocked = create_autospec(async_function)
    with pytest.raises(TypeError, match="missing a required argument: 'b'"):
        await mocked(1)


async def test_autospec_of_async_function_rejects_unknown_keyword():
    """An unknown keyword argument raises TypeError."""
    mocked = create_autospec(async_function)
    with pytest.raises(TypeError, match="unexpected keyword argument 'd'"):
        await mocked(1, 2, d=3)


async def test_autospec_of_async_function_does_not_record_rejected_call():
    """A call refused by the signature check is neither a call nor an await."""
    mocked = create_autospec(async_function)
    with pytest.raises(TypeError):
        await mocked()
    mocked.assert_not_called()
    mocked.assert_not_awaited()


async def test_autospec_of_async_function_raises_side_effect():
    """An exception side_effect is raised when the autospec is awaited."""
    mocked = create_autospec(async_function)
    mocked.side_effect = ValueError("boom")
    with pytest.raises(ValueError, match="boom"):
        await mocked(1, 2)


async def test_autospec_of_async_function_reset_clears_awaits():
    """reset_mock on the autospec forgets earlier awaits."""
    mocked = create_autospec(async_function)
    await mocked(1, 2)
    mocked.reset_mock()
    mocked.assert_not_awaited()


def test_autospec_of_async_function_refuses_instance_true():
    """An async function has no instances: instance=True is a RuntimeError."""
    with pytest.raises(RuntimeError, match="Instance can not be True"):
        create_autospec(async_function, instance=True)


# --- create_autospec of a class ---------------------------------------------


def test_autospec_class_async_method_is_async_mock():
    """On an autospecced instance, async methods are AsyncMocks."""
    instance = create_autospec(Target)()
    assert isinstance(instance.async_method, AsyncMock)


def test_autospec_class_sync_method_stays_sync():
    """On an autospecced instance, sync methods give plain (non-awaitable) results."""
    instance = create_autospec(Target)()
    assert not isinstance(instance.sync_method, AsyncMock)
    assert not inspect.isawaitable(instance.sync_method(1))


async def test_autospec_async_method_records_awaits():
    """An autospecced async method is awaitable and its awaits are assertable."""
    instance = create_autospec(Target)()
    instance.async_method.return_value = "ok"
    assert await instance.async_method(1, b=2) == "ok"
    instance.async_method.assert_awaited_once_with(1, b=2)


async def test_autospec_async_method_matches_awaits_by_signature():
    """Await assertions on an autospecced method bind through its signature."""
    instance = create_autospec(Target)()
    await instance.async_method(1, 2)
    instance.async_method.assert_awaited_with(a=1, b=2)


def test_autospec_async_method_rejects_wrong_arguments_at_call_time():
    """The signature of an autospecced async method is checked when it is called."""
    instance = create_autospec(Target)()
    with pytest.raises(TypeError, match="missing a required argument: 'a'"):
        instance.async_method()


def test_autospec_async_method_rejects_too_many_arguments():
    """Extra positional arguments to an autospecced async method are refused."""
    instance = create_autospec(Target)()
    with pytest.raises(TypeError, match="too many positional arguments"):
        instance.async_method(1, 2, 3)


async def test_autospec_async_classmethod_is_awaitable():
    """An async classmethod on an autospecced class can be awaited and asserted."""
    mocked = create_autospec(Target)
    await mocked.async_classmethod(1)
    mocked.async_classmethod.assert_awaited_once_with(1)


def test_autospec_async_classmethod_checks_signature():
    """The classmethod's signature (without cls) is enforced."""
    mocked = create_autospec(Target)
    with pytest.raises(TypeError, match="too many positional arguments"):
        mocked.async_classmethod(1, 2)


async def test_autospec_async_staticmethod_is_awaitable():
    """An async staticmethod on an autospecced class can be awaited and asserted."""
    mocked = create_autospec(Target)
    await mocked.async_staticmethod(1, 2)
    mocked.async_staticmethod.assert_awaited_once_with(1, 2)


def test_autospec_async_staticmethod_checks_signature():
    """The staticmethod's full signature is enforced."""
    mocked = create_autospec(Target)
    with pytest.raises(TypeError, match="missing a required argument: 'b'"):
        mocked.async_staticmethod(1)


def test_autospec_instance_true_is_not_callable():
    """instance=True on a class whose instances are not callable gives a non-callable mock."""
    instance = create_autospec(Target, instance=True)
    with pytest.raises(TypeError, match="not callable"):
        instance()


async def test_autospec_instance_true_has_async_methods():
    """instance=True keeps async methods awaitable."""
    instance = create_autospec(Target, instance=True)
    await instance.async_method(5)
    instance.async_method.assert_awaited_once_with(5)


def test_autospec_instance_true_checks_method_signature():
    """instance=True skips self when checking method signatures."""
    instance = create_autospec(Target, instance=True)
    with pytest.raises(TypeError, match="too many positional arguments"):
        instance.async_method(1, 2, 3)


async def test_autospec_instance_true_of_callable_class():
    """instance=True on a callable class checks __call__'s signature and keeps async methods."""
    instance = create_autospec(CallableTarget, instance=True)
    with pytest.raises(TypeError, match="missing a required argument: 'value'"):
        instance()
    await instance.fetch("key")
    instance.fetch.assert_awaited_once_with("key")


def test_autospec_refuses_unknown_attribute():
    """An autospecced class refuses attributes the class lacks."""
    mocked = create_autospec(Target)
    with pytest.raises(AttributeError, match="missing"):
        mocked.missing


def test_autospec_spec_set_refuses_setting_unknown_attribute():
    """create_autospec(spec_set=True) refuses assigning unknown attributes."""
    mocked = create_autospec(Target, spec_set=True)
    with pytest.raises(AttributeError, match="missing"):
        mocked.missing = 1


async def test_autospec_of_async_context_manager_class_supports_async_with():
    """Instances of an autospecced async context manager class work in ``async with``."""
    instance = create_autospec(AsyncResource)()
    async with instance:
        pass
    instance.__aenter__.assert_awaited_once_with()
    instance.__aexit__.assert_awaited_once_with(None, None, None)
