"""create_autospec: every call's signature is checked, and the async parts of a spec become awaitable.

Each case is what CPython 3.13's ``create_autospec`` does with the same spec,
from functions and classes to instances, descriptors and odd callables:
which attributes the mock has, which calls it refuses, and how the function
it returns passes for the spec.
"""
import inspect

import pytest

from _support import is_coroutine_function_asyncio
from _targets import (
    AsyncResource,
    CallableTarget,
    Catalogue,
    Target,
    async_function,
    looping_function,
    parse,
    sync_function,
)
from asyncmock import DEFAULT, AsyncMock, MagicMock, call, create_autospec, seal


class Calculator:
    def add(self, a, b):
        return a + b

    @staticmethod
    def double(x):
        return 2 * x

    @classmethod
    def named(cls, name):
        return name


class ScientificCalculator(Calculator):
    def power(self, base, exponent):
        return base ** exponent


class DynamicHelpers:
    """Instances offer ``helper`` through ``__getattr__``, listed by ``__dir__``."""

    def __dir__(self):
        return ["helper"]

    def __getattr__(self, name):
        if name == "helper":
            return sync_function
        raise AttributeError(name)


class BrokenProperty:
    @property
    def unavailable(self):
        raise AttributeError("computed on demand, not now")

    def method(self, a):
        return a


class WithProperty:
    @property
    def size(self):
        return 3


async def lookup(key, default=None):
    """An async function to autospec."""


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


# --- the function create_autospec returns -------------------------------------


def test_autospec_of_a_sync_function_carries_no_asyncio_coroutine_marker():
    fake = create_autospec(sync_function)

    assert not hasattr(fake, "_is_coroutine")
    assert is_coroutine_function_asyncio(fake) is False


def test_autospec_function_read_from_the_class_it_is_set_on_is_itself():
    fake = create_autospec(sync_function)

    class Holder:
        method = fake

    assert Holder.method is fake


def test_an_async_autospec_binds_as_a_method_and_reads_as_a_function_from_its_class():
    fake = create_autospec(lookup)

    class Store:
        get = fake

    assert Store.get is fake
    assert repr(fake).startswith("<function lookup at 0x")  # as the stdlib's copy
    bound = Store().get
    assert bound.__func__ is fake


def test_attribute_deleted_from_an_autospec_function_is_gone():
    fake = create_autospec(sync_function)
    fake.note = "temporary"

    del fake.note

    assert not hasattr(fake, "note")


def test_setting_and_deleting_on_an_async_autospec_reach_its_mock():
    fake = create_autospec(lookup)

    fake.return_value = 3
    assert fake.mock.return_value == 3
    fake.flag = True
    del fake.flag
    assert not hasattr(fake.mock, "flag")


def test_function_attributes_of_a_function_spec_are_mocked_on_the_copy():
    def report(text):
        """A function with a helper attached."""

    report.helper = parse
    mocked = create_autospec(report)

    mocked.helper("x")

    mocked.helper.assert_called_once_with("x")
    with pytest.raises(TypeError):
        mocked.helper()


def test_a_function_specs_other_attributes_stay_on_its_mock():
    def report(text):
        """A function with a plain attribute."""

    report.limit = 10
    mocked = create_autospec(report)

    assert "limit" not in vars(mocked)
    assert mocked.mock.limit is not None


def test_an_autospecced_function_is_a_real_function_from_no_module():
    parse_mock = create_autospec(parse)

    assert type(parse_mock).__name__ == "function"
    assert parse_mock.__name__ == "parse" and parse_mock.__module__ is None


def test_autospec_function_repr_reads_like_the_function():
    fake = create_autospec(sync_function)

    assert repr(fake).startswith("<function sync_function at 0x")


def test_autospec_of_a_bound_method_checks_the_arguments_after_self():
    fake = create_autospec(Calculator().add)

    fake(1, 2)

    fake.assert_called_once_with(1, 2)
    with pytest.raises(TypeError):
        fake(1)


def test_autospec_of_a_function_whose_signature_cannot_be_read_accepts_any_call():
    fake = create_autospec(looping_function)

    fake(1, 2, three=3)

    fake.assert_called_once_with(1, 2, three=3)


def test_reset_mock_of_an_autospecced_function_clears_the_functions_records():
    parse_mock = create_autospec(parse)
    parse_mock("a")

    parse_mock.reset_mock()

    assert parse_mock.call_count == 0 and not parse_mock.called
    assert parse_mock.call_args is None and parse_mock.mock_calls == []


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


def test_calls_of_nested_spec_children_match_through_their_own_signatures():
    catalogue = create_autospec(Catalogue)()

    catalogue.Page(1).item(2, default=None)

    catalogue.assert_has_calls([call.Page(1), call.Page(1).item(2, None)])
    catalogue.Page.assert_has_calls([call(1), call().item(2, default=None)])


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


# --- specs that are not functions ------------------------------------------------


def test_autospec_of_a_staticmethod_object_checks_its_signature():
    fake = create_autospec(vars(Calculator)["double"])

    fake(4)

    fake.assert_called_once_with(4)
    with pytest.raises(TypeError):
        fake(4, 5)


def test_autospec_of_a_classmethod_object_leaves_out_cls():
    fake = create_autospec(vars(Calculator)["named"])

    fake("ada")

    fake.assert_called_once_with("ada")
    with pytest.raises(TypeError):
        fake()


def test_autospec_of_a_list_instance_mocks_the_list_type():
    fake = create_autospec([1, 2])

    fake.append(3)

    fake.append.assert_called_once_with(3)
    assert not hasattr(fake, "no_such_method")


def test_autospec_of_none_is_a_mock_without_a_spec():
    fake = create_autospec(None)

    fake.anything.at_all(1)

    fake.anything.at_all.assert_called_once_with(1)


def test_autospec_of_a_property_object_is_a_mock_without_a_spec():
    fake = create_autospec(vars(WithProperty)["size"])

    assert fake.whatever is fake.whatever
    assert isinstance(fake, MagicMock)


def test_property_of_an_autospecced_instance_is_a_mock_without_a_spec():
    fake = create_autospec(WithProperty, instance=True)

    fake.size.anything(1)

    fake.size.anything.assert_called_once_with(1)


def test_autospec_keeps_a_typo_like_keyword_when_unsafe():
    with pytest.raises(RuntimeError):
        create_autospec(sync_function, set_spec=1)

    fake = create_autospec(sync_function, unsafe=True, set_spec=1)

    assert fake.mock.set_spec == 1  # on the mock behind the function, as the stdlib


# --- methods of instance specs ------------------------------------------------------


def test_autospec_of_an_instance_checks_its_methods_without_self():
    fake = create_autospec(Calculator())

    fake.add(1, 2)

    fake.add.assert_called_once_with(1, 2)
    with pytest.raises(TypeError):
        fake.add(1)


def test_autospec_of_an_instance_checks_a_function_stored_on_it_with_every_argument():
    calculator = Calculator()
    calculator.callback = sync_function

    fake = create_autospec(calculator)

    fake.callback(1)
    fake.callback.assert_called_once_with(1)
    with pytest.raises(TypeError):
        fake.callback()


def test_autospec_of_a_subclass_instance_checks_inherited_methods_without_self():
    fake = create_autospec(ScientificCalculator, instance=True)

    fake.add(1, 2)
    fake.power(2, 8)

    fake.add.assert_called_once_with(1, 2)
    with pytest.raises(TypeError):
        fake.add(1)


def test_autospec_of_an_instance_checks_a_function_it_provides_dynamically():
    fake = create_autospec(DynamicHelpers())

    fake.helper(1)

    fake.helper.assert_called_once_with(1)
    with pytest.raises(TypeError):
        fake.helper()


def test_autospec_skips_an_attribute_that_raises_attribute_error_when_read():
    fake = create_autospec(BrokenProperty())

    fake.method(1)

    fake.method.assert_called_once_with(1)
    with pytest.raises(TypeError):
        fake.method()


def test_autospec_with_wraps_calls_through_a_static_method_whose_return_value_is_default():
    fake = create_autospec(Calculator, wraps=Calculator())
    double = fake.return_value.double

    double.return_value = DEFAULT

    assert double(21) == 42


def test_seal_reaches_autospecced_methods_not_used_before_sealing():
    fake = create_autospec(Calculator, instance=True)

    seal(fake)

    assert fake.add(1, 2) is fake.add.return_value
    with pytest.raises(AttributeError):
        fake.add.not_there
