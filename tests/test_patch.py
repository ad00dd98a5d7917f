"""patch, patch.object and patch.multiple: what replaces the target, and for how long.

CPython 3.13 replaces an ``async def`` target with an AsyncMock and a sync one
with a MagicMock, and its decorators keep a patch active for exactly as long as
a decorated coroutine runs.  The less common paths are as 3.13's too: specs
given with ``spec_set``, autospec refusals, factories that are not mock
classes and targets inside submodules nobody imported yet.  patch.dict is in
test_patch_dict.py.
"""
import asyncio
import inspect
import os
import sys

import pytest

import _targets
from _targets import Target
from asyncmock import DEFAULT, AsyncMock, InvalidSpecError, MagicMock, NonCallableMagicMock, patch

ASYNC_FUNCTION = _targets.MODULE + ".async_function"
SYNC_FUNCTION = _targets.MODULE + ".sync_function"
ORIGINAL_ASYNC_FUNCTION = _targets.async_function
ORIGINAL_SYNC_FUNCTION = _targets.sync_function
ORIGINAL_ASYNC_METHOD = Target.__dict__["async_method"]


def documented():
    """The real docstring."""


class Plain:
    """Instances are not callable."""


class CallableInstances:
    def __call__(self):
        return "called"


class Holder:
    """Attributes for the patches below to replace."""

    Plain = Plain
    CallableInstances = CallableInstances
    text = "real text"
    number = 1
    other = 2

    def method(self, a):
        return a


# --- resolving the target ------------------------------------------------------


def test_patch_imports_a_submodule_that_its_target_path_names(tmp_path, monkeypatch):
    package = tmp_path / "asyncmock_edges_pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "service.py").write_text("def fetch():\n    return 'real'\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        with patch("asyncmock_edges_pkg.service.fetch", return_value="fake"):
            service = sys.modules["asyncmock_edges_pkg.service"]
            assert service.fetch() == "fake"
        assert service.fetch() == "real"
    finally:
        sys.modules.pop("asyncmock_edges_pkg.service", None)
        sys.modules.pop("asyncmock_edges_pkg", None)


# --- what replaces the target ------------------------------------------------


def test_patch_async_function_gives_async_mock():
    """Patching an ``async def`` installs an AsyncMock."""
    with patch(ASYNC_FUNCTION) as mocked:
        assert isinstance(mocked, AsyncMock)
        assert _targets.async_function is mocked


def test_patch_sync_function_gives_magicmock():
    """Patching a plain function installs a MagicMock, not an AsyncMock."""
    with patch(SYNC_FUNCTION) as mocked:
        assert isinstance(mocked, MagicMock)
        assert not isinstance(mocked, AsyncMock)


def test_patch_async_generator_function_gives_magicmock():
    """An async generator function is not awaitable when called, so it stays a MagicMock."""
    with patch.object(_targets, "async_generator_function") as mocked:
        assert not isinstance(mocked, AsyncMock)


def test_patch_object_async_method_gives_async_mock():
    """patch.object on an async method installs an AsyncMock."""
    with patch.object(Target, "async_method") as mocked:
        assert isinstance(mocked, AsyncMock)


def test_patch_object_sync_method_gives_magicmock():
    """patch.object on a sync method installs a non-async MagicMock."""
    with patch.object(Target, "sync_method") as mocked:
        assert not isinstance(mocked, AsyncMock)


def test_patch_object_async_classmethod_gives_async_mock():
    """An async classmethod is detected through the class attribute."""
    with patch.object(Target, "async_classmethod") as mocked:
        assert isinstance(mocked, AsyncMock)


def test_patch_object_async_staticmethod_gives_async_mock():
    """An async staticmethod is detected through the class attribute."""
    with patch.object(Target, "async_staticmethod") as mocked:
        assert isinstance(mocked, AsyncMock)


def test_patch_object_async_method_of_instance_gives_async_mock():
    """Patching a bound async method on one instance installs an AsyncMock."""
    instance = Target()
    with patch.object(instance, "async_method") as mocked:
        assert isinstance(mocked, AsyncMock)
        assert instance.async_method is mocked


def test_patch_multiple_picks_mock_class_per_target():
    """patch.multiple with DEFAULT chooses AsyncMock or MagicMock for each target."""
    with patch.multiple(_targets.MODULE, async_function=DEFAULT, sync_function=DEFAULT) as mocks:
        assert isinstance(mocks["async_function"], AsyncMock)
        assert not isinstance(mocks["sync_function"], AsyncMock)


def test_patch_new_callable_async_mock_on_sync_target():
    """new_callable=AsyncMock makes even a sync target awaitable."""
    with patch(SYNC_FUNCTION, new_callable=AsyncMock) as mocked:
        assert isinstance(mocked, AsyncMock)
        assert _targets.sync_function is mocked


def test_patch_spec_true_on_async_function_gives_async_mock():
    """spec=True on an async target still produces an AsyncMock."""
    with patch(ASYNC_FUNCTION, spec=True) as mocked:
        assert isinstance(mocked, AsyncMock)


def test_patch_spec_set_true_on_async_function_refuses_new_attribute():
    """spec_set=True on an async target gives an AsyncMock limited to the function's attributes."""
    with patch(ASYNC_FUNCTION, spec_set=True) as mocked:
        assert isinstance(mocked, AsyncMock)
        with pytest.raises(AttributeError, match="unknown"):
            mocked.unknown = 1


def test_patch_class_with_spec_true_gives_async_methods_on_instances():
    """Patching a class with spec=True makes its instances' async methods AsyncMocks."""
    with patch.object(_targets, "Target", spec=True) as mocked_class:
        instance = _targets.Target()
        assert instance is mocked_class.return_value
        assert isinstance(instance.async_method, AsyncMock)
        assert not isinstance(instance.sync_method, AsyncMock)


def test_patch_names_the_mock_after_the_attribute():
    """The installed AsyncMock is named after the patched attribute."""
    with patch(ASYNC_FUNCTION) as mocked:
        assert "async_function" in repr(mocked)


# --- new_callable, unsafe and what patch.multiple returns --------------------


def test_new_callable_that_is_a_plain_factory_is_called_without_a_name():
    with patch.object(Holder, "text", new_callable=lambda: "made by a factory") as made:
        assert made == "made by a factory"
        assert Holder.text == "made by a factory"


def test_new_callable_that_is_a_non_mock_class_is_called_without_a_name():
    with patch.object(Holder, "text", new_callable=list) as made:
        assert made == []


def test_unsafe_patch_passes_typo_like_keywords_to_the_mock():
    with pytest.raises(RuntimeError):
        patch.object(Holder, "method", set_spec=1)

    with patch.object(Holder, "method", unsafe=True, set_spec=1) as mocked:
        assert mocked.set_spec == 1


def test_patch_multiple_returns_only_the_mocks_it_made():
    with patch.multiple(Holder, number=DEFAULT, other=99) as made:
        assert set(made) == {"number"}
        assert isinstance(made["number"], MagicMock)
        assert Holder.other == 99

    assert (Holder.number, Holder.other) == (1, 2)


# --- spec and spec_set ---------------------------------------------------------------


def test_spec_true_with_spec_set_true_refuses_attributes_the_original_lacks():
    with patch.object(Holder, "method", spec=True, spec_set=True) as mocked:
        with pytest.raises(AttributeError):
            mocked.not_an_attribute_of_functions = 1


def test_spec_object_with_spec_set_true_refuses_attributes_the_spec_lacks():
    with patch.object(Holder, "text", spec=Plain, spec_set=True) as mocked:
        with pytest.raises(AttributeError):
            mocked.missing = 1


def test_spec_object_without_spec_set_lets_new_attributes_be_set():
    with patch.object(Holder, "text", spec=Plain) as mocked:
        mocked.added = 1

        assert mocked.added == 1
        with pytest.raises(AttributeError):
            mocked.never_set


def test_spec_with_create_for_a_missing_attribute_is_a_type_error():
    patcher = patch.object(Holder, "missing", create=True, spec=True)

    with pytest.raises(TypeError, match="Can't use 'spec' with create=True"):
        patcher.start()
    assert not hasattr(Holder, "missing")


def test_a_list_spec_without_call_gives_a_non_callable_mock():
    with patch.object(Holder, "text", spec=["upper", "lower"]) as mocked:
        assert isinstance(mocked, NonCallableMagicMock)
        mocked.upper()
        with pytest.raises(AttributeError):
            mocked.title


def test_spec_true_on_a_non_callable_attribute_gives_a_non_callable_mock():
    with patch.object(Holder, "text", spec=True) as mocked:
        assert isinstance(mocked, NonCallableMagicMock)
        assert not callable(mocked)
        mocked.upper()


def test_patching_a_class_with_a_non_callable_instance_spec_makes_nothing_callable():
    with patch.object(Holder, "Plain", spec=Plain()) as mocked:
        assert not callable(mocked)
        assert not callable(mocked.return_value)


def test_patching_a_class_with_a_callable_instance_spec_makes_callable_instances():
    with patch.object(Holder, "Plain", spec=CallableInstances()):
        instance = Holder.Plain()

        instance()
        instance.assert_called_once_with()


def test_patching_a_class_whose_instances_are_callable_makes_callable_instances():
    with patch.object(Holder, "CallableInstances", spec=True):
        instance = Holder.CallableInstances()

        assert callable(instance)
        instance()
        instance.assert_called_once_with()


# --- the mock stands in for the target while code awaits it ----------------


async def test_patched_async_function_returns_configured_value():
    """Code that awaits the patched function gets the configured return value."""
    with patch(ASYNC_FUNCTION, return_value="mocked"):
        assert await _targets.await_async_function(1, 2) == "mocked"


async def test_patched_async_function_records_awaits():
    """Awaits made by code under test are recorded on the patch's mock."""
    with patch(ASYNC_FUNCTION) as mocked:
        await _targets.await_async_function(1, b=2)
    mocked.assert_awaited_once_with(1, b=2)


async def test_patched_async_function_raises_side_effect():
    """An exception side_effect surfaces in the code that awaits the target."""
    with patch(ASYNC_FUNCTION, side_effect=ConnectionError("down")):
        with pytest.raises(ConnectionError, match="down"):
            await _targets.await_async_function(1, 2)


async def test_patch_new_callable_async_mock_makes_sync_target_awaitable():
    """After new_callable=AsyncMock the former sync target must be awaited."""
    with patch(SYNC_FUNCTION, new_callable=AsyncMock, return_value=5) as mocked:
        assert await _targets.sync_function(1) == 5
    mocked.assert_awaited_once_with(1)


async def test_patch_with_explicit_new_async_mock():
    """new= installs exactly the object given."""
    replacement = AsyncMock(return_value="explicit")
    with patch(ASYNC_FUNCTION, new=replacement) as installed:
        assert installed is replacement
        assert await _targets.await_async_function() == "explicit"


async def test_patch_object_async_method_is_awaited_without_self():
    """A class-level AsyncMock is not a descriptor: instances await it without self."""
    with patch.object(Target, "async_method", return_value=1) as mocked:
        instance = Target()
        assert await instance.async_method(2) == 1
    mocked.assert_awaited_once_with(2)


async def test_patch_object_async_classmethod_is_awaitable():
    """The AsyncMock that replaces an async classmethod can be awaited through the class."""
    with patch.object(Target, "async_classmethod", return_value="cm") as mocked:
        assert await Target.async_classmethod(1) == "cm"
    mocked.assert_awaited_once_with(1)


async def test_patch_multiple_async_target_is_awaitable():
    """The AsyncMock made by patch.multiple can be awaited through the module."""
    with patch.multiple(_targets.MODULE, async_function=DEFAULT) as mocks:
        mocks["async_function"].return_value = 4
        assert await _targets.await_async_function() == 4


def test_patch_restores_async_function_after_context():
    """Leaving the with block puts the real coroutine function back."""
    with patch(ASYNC_FUNCTION):
        pass
    assert _targets.async_function is ORIGINAL_ASYNC_FUNCTION


def test_patch_object_restores_async_method():
    """patch.object puts the original async method back in the class dict."""
    with patch.object(Target, "async_method"):
        pass
    assert Target.__dict__["async_method"] is ORIGINAL_ASYNC_METHOD


def test_patching_a_function_docstring_puts_the_original_back():
    with patch.object(documented, "__doc__", "temporary"):
        assert documented.__doc__ == "temporary"

    assert documented.__doc__ == "The real docstring."


# --- autospec: True, an object to mock instead, and what it refuses -----------


def test_patch_autospec_async_function_is_coroutine_function():
    """patch(autospec=True) of an async function installs a coroutine function."""
    with patch(ASYNC_FUNCTION, autospec=True) as mocked:
        assert inspect.iscoroutinefunction(_targets.async_function)
        assert _targets.async_function is mocked


async def test_patch_autospec_async_function_checks_signature():
    """The autospecced replacement refuses arguments the real function would refuse."""
    with patch(ASYNC_FUNCTION, autospec=True):
        with pytest.raises(TypeError, match="missing a required argument: 'a'"):
            await _targets.await_async_function()


async def test_patch_autospec_async_function_records_awaits():
    """Awaits through an autospecced patch are assertable."""
    with patch(ASYNC_FUNCTION, autospec=True) as mocked:
        mocked.return_value = "auto"
        assert await _targets.await_async_function(1, 2) == "auto"
    mocked.assert_awaited_once_with(1, 2)


async def test_patch_object_autospec_async_method_receives_self():
    """An autospecced method patched on the class is bound: it sees the instance."""
    with patch.object(Target, "async_method", autospec=True) as mocked:
        instance = Target()
        await instance.async_method(3)
    mocked.assert_awaited_once_with(instance, 3)


async def test_patch_object_autospec_async_method_checks_signature():
    """The bound autospecced method enforces the real method's signature."""
    with patch.object(Target, "async_method", autospec=True):
        with pytest.raises(TypeError):
            await Target().async_method()


async def test_patch_autospec_class_gives_async_methods_on_instances():
    """patch(autospec=True) of a class: instance async methods are awaitable AsyncMocks."""
    with patch.object(_targets, "Target", autospec=True):
        instance = _targets.Target()
        await instance.async_method(1)
        instance.async_method.assert_awaited_once_with(1)
        assert not isinstance(instance.sync_method, AsyncMock)


def test_patch_autospec_class_checks_constructor_signature():
    """The autospecced class refuses constructor arguments __init__ would refuse."""
    with patch.object(_targets, "Target", autospec=True):
        with pytest.raises(TypeError):
            _targets.Target("name", "extra")


def test_autospec_given_an_object_mocks_that_object_instead_of_the_original():
    def replacement(x, y):
        pass

    with patch.object(Holder, "method", autospec=replacement) as mocked:
        Holder.method(1, 2)

        mocked.assert_called_once_with(1, 2)
        with pytest.raises(TypeError):
            Holder.method(1)


def test_autospec_refuses_a_target_that_is_already_a_mock():
    patcher = patch.object(MagicMock(), "attribute", autospec=True)

    with pytest.raises(InvalidSpecError, match="patch target has already been mocked out"):
        patcher.start()


def test_autospec_refuses_a_mock_as_the_spec():
    patcher = patch.object(Holder, "method", autospec=MagicMock())

    with pytest.raises(InvalidSpecError, match="has already been mocked out"):
        patcher.start()
    assert Holder.method is vars(Holder)["method"]


# --- patch as a decorator of coroutine functions ----------------------------


def test_patch_decorator_keeps_coroutine_function():
    """Decorating an ``async def`` yields a coroutine function."""

    @patch(ASYNC_FUNCTION)
    async def decorated(mocked):
        return mocked

    assert inspect.iscoroutinefunction(decorated)


async def test_patch_decorator_is_active_while_coroutine_runs():
    """Inside the decorated coroutine the target is the mock passed in."""

    @patch(ASYNC_FUNCTION)
    async def decorated(mocked):
        return mocked, _targets.async_function

    mocked, seen = await decorated()
    assert seen is mocked
    assert isinstance(mocked, AsyncMock)


async def test_patch_decorator_not_active_before_coroutine_runs():
    """Merely calling the decorated function does not patch: running it does."""
    seen = []

    @patch(ASYNC_FUNCTION)
    async def decorated(mocked):
        seen.append(_targets.async_function is mocked)

    pending = decorated()
    assert _targets.async_function is ORIGINAL_ASYNC_FUNCTION
    await pending
    assert seen == [True]


async def test_patch_decorator_stays_active_across_suspension():
    """The patch survives the coroutine yielding to the event loop."""

    @patch(ASYNC_FUNCTION)
    async def decorated(mocked):
        await asyncio.sleep(0)
        return _targets.async_function is mocked

    assert await decorated() is True


async def test_patch_decorator_removed_after_coroutine_returns():
    """The original comes back once the decorated coroutine finishes."""

    @patch(ASYNC_FUNCTION)
    async def decorated(mocked):
        pass

    await decorated()
    assert _targets.async_function is ORIGINAL_ASYNC_FUNCTION


async def test_patch_decorator_removed_after_coroutine_raises():
    """The original comes back even when the decorated coroutine raises."""

    @patch(ASYNC_FUNCTION)
    async def decorated(mocked):
        raise KeyError("inside")

    with pytest.raises(KeyError):
        await decorated()
    assert _targets.async_function is ORIGINAL_ASYNC_FUNCTION


async def test_patch_decorator_gives_fresh_mock_per_run():
    """Each run of a decorated coroutine gets its own mock."""

    @patch(ASYNC_FUNCTION)
    async def decorated(mocked):
        return mocked

    assert await decorated() is not await decorated()


async def test_stacked_patch_decorators_pass_mocks_bottom_up():
    """The decorator nearest the function supplies the first mock argument."""

    @patch(SYNC_FUNCTION)
    @patch(ASYNC_FUNCTION)
    async def decorated(async_mock, sync_mock):
        return async_mock, sync_mock

    async_mock, sync_mock = await decorated()
    assert isinstance(async_mock, AsyncMock)
    assert not isinstance(sync_mock, AsyncMock)


async def test_patch_object_decorator_with_new_passes_no_argument():
    """With an explicit new= the decorated coroutine gets no extra argument."""
    replacement = AsyncMock(return_value="new")

    @patch.object(_targets, "async_function", replacement)
    async def decorated():
        return await _targets.await_async_function()

    assert await decorated() == "new"


async def test_patch_multiple_decorator_passes_keywords():
    """patch.multiple decorating a coroutine passes the mocks as keywords."""

    @patch.multiple(_targets.MODULE, async_function=DEFAULT)
    async def decorated(async_function):
        return isinstance(async_function, AsyncMock) and _targets.async_function is async_function

    assert await decorated() is True


async def test_patch_decorator_passes_through_caller_arguments():
    """Arguments given by the caller come before the mock argument."""

    @patch(ASYNC_FUNCTION)
    async def decorated(value, mocked):
        return value, isinstance(mocked, AsyncMock)

    assert await decorated("given") == ("given", True)


@patch(ASYNC_FUNCTION, return_value="from decorator")
async def test_patch_decorator_on_async_test_function(mocked):
    """A patch-decorated ``async def`` test receives the mock and sees it installed."""
    assert await _targets.await_async_function(1) == "from decorator"
    mocked.assert_awaited_once_with(1)


@patch(ASYNC_FUNCTION)
class TestPatchClassDecorator(object):
    """A class decorator patches every ``test``-prefixed method, async ones included."""

    async def test_async_method_receives_async_mock(self, mocked):
        assert isinstance(mocked, AsyncMock)
        assert _targets.async_function is mocked

    def test_sync_method_receives_the_mock_too(self, mocked):
        assert _targets.async_function is mocked


async def test_class_decorator_patches_only_while_method_runs():
    """A patched class's async test method patches only while it runs."""

    @patch(ASYNC_FUNCTION)
    class Case(object):
        async def test_method(self, mocked):
            return _targets.async_function is mocked

        async def helper(self):
            return _targets.async_function

    case = Case()
    assert await case.test_method() is True
    assert await case.helper() is ORIGINAL_ASYNC_FUNCTION
    assert _targets.async_function is ORIGINAL_ASYNC_FUNCTION


def test_class_decorator_leaves_non_callable_test_attributes_alone():
    @patch.object(Holder, "text", "patched")
    class Tests:
        test_data = ["not", "a", "test"]

        def test_it(self):
            return Holder.text

    assert Tests.test_data == ["not", "a", "test"]
    assert Tests().test_it() == "patched"


# --- start / stop -----------------------------------------------------------


async def test_patch_start_installs_async_mock_until_stop():
    """start() installs the AsyncMock and stop() removes it."""
    patcher = patch(ASYNC_FUNCTION)
    mocked = patcher.start()
    try:
        assert isinstance(mocked, AsyncMock)
        await _targets.await_async_function(1)
        mocked.assert_awaited_once_with(1)
    finally:
        patcher.stop()
    assert _targets.async_function is ORIGINAL_ASYNC_FUNCTION


def test_patch_stopall_removes_started_patches():
    """patch.stopall() undoes every patch started with start()."""
    patch(ASYNC_FUNCTION).start()
    patch.object(Target, "async_method").start()
    patch.stopall()
    assert _targets.async_function is ORIGINAL_ASYNC_FUNCTION
    assert Target.__dict__["async_method"] is ORIGINAL_ASYNC_METHOD


def test_stopping_a_patch_that_was_never_started_does_nothing():
    patcher = patch.object(Holder, "text", "patched")

    assert patcher.stop() is None
    assert Holder.text == "real text"


def test_exiting_a_patch_that_was_never_entered_does_nothing():
    patcher = patch("os.getcwd")

    assert patcher.__exit__(None, None, None) is None
    assert not isinstance(os.getcwd, MagicMock)
