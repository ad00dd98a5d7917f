"""create_autospec on the less common specs: instances, descriptors, odd callables.

Each case is what CPython 3.13's ``create_autospec`` does with the same spec:
which attributes the mock has, which calls it refuses, and how the function
it returns passes for the spec.
"""
import pytest

from _support import is_coroutine_function_asyncio
from asyncmock import DEFAULT, AsyncMock, MagicMock, Mock, create_autospec, seal


def sync_function(a, b=None):
    return (a, b)


async def async_function(a, b=None):
    return (a, b)


def looping_function(a):
    """A function whose ``__wrapped__`` chain never ends: its signature cannot be read."""


looping_function.__wrapped__ = looping_function


async def looping_async_function(a):
    """The same loop on an ``async def``."""


looping_async_function.__wrapped__ = looping_async_function


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


def test_attribute_deleted_from_an_autospec_function_is_gone():
    fake = create_autospec(sync_function)
    fake.note = "temporary"

    del fake.note

    assert not hasattr(fake, "note")


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

