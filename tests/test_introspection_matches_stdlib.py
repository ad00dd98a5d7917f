"""What introspection sees of a mock (dir, callable, signature, autospecced functions) is the newest stdlib's.

Each test runs on asyncmock everywhere, and on ``unittest.mock`` too where
the interpreter's is the reference (CPython 3.13+): both must pass the same
assertions.
"""
import inspect
import sys
import unittest.mock

import pytest

import asyncmock
from _support import run
from asyncmock._features import EXTRA_NAMES

STDLIB_IS_REFERENCE = sys.version_info >= (3, 13) and sys.implementation.name == "cpython"
LIBRARIES = [asyncmock] + ([unittest.mock] if STDLIB_IS_REFERENCE else [])
FUNCTION_NAMES = ["__annotations__", "__code__", "__defaults__", "__kwdefaults__", "__name__"]

by_library = pytest.mark.parametrize("lib", LIBRARIES, ids=lambda lib: lib.__name__)


async def fetch(key, retries=1):
    return key


def plain(key):
    return key


class Client:
    def method(self, x):
        return x

    async def get(self, url):
        return url


# --- dir() ------------------------------------------------------------------

@by_library
@pytest.mark.parametrize("make", [
    lambda lib: lib.AsyncMock(),
    lambda lib: lib.MagicMock(spec=fetch),
    lambda lib: lib.NonCallableMock(spec=fetch),
], ids=["AsyncMock()", "MagicMock(spec=async def)", "NonCallableMock(spec=async def)"])
def test_dir_of_an_async_mock_lists_its_function_attributes(lib, make):
    listed = dir(make(lib))
    assert [name for name in FUNCTION_NAMES if name in listed] == FUNCTION_NAMES


@by_library
@pytest.mark.parametrize("spec", [Client().method, [].append], ids=["bound method", "bound builtin"])
def test_dir_of_a_mock_specced_on_a_bound_method_has_no_code(lib, spec):
    assert "__code__" not in dir(lib.MagicMock(spec_set=spec))
    assert "__code__" not in dir(lib.Mock(spec=spec))


# --- callable() ---------------------------------------------------------------

@by_library
@pytest.mark.parametrize("name", ["NonCallableMock", "NonCallableMagicMock"])
def test_a_non_callable_mock_with_an_async_spec_stays_non_callable(lib, name):
    mock = getattr(lib, name)(spec=fetch)
    assert not callable(mock)
    with pytest.raises(TypeError):
        mock()
    assert mock.await_count == 0  # the async records are there all the same
    mock.assert_not_awaited()


# --- inspect.signature() ------------------------------------------------------

@by_library
@pytest.mark.parametrize("make", [
    lambda lib: lib.MagicMock().anything,
    lambda lib: lib.Mock(),
    lambda lib: lib.MagicMock(),
    lambda lib: lib.AsyncMock(),
    lambda lib: lib.AsyncMock().child,
], ids=["MagicMock().anything", "Mock()", "MagicMock()", "AsyncMock()", "AsyncMock().child"])
def test_the_signature_of_a_mock_without_spec_has_no_annotations(lib, make):
    assert str(inspect.signature(make(lib))) == "(*args, **kwargs)"


# --- create_autospec(async def) ------------------------------------------------

@by_library
def test_an_autospecced_async_function_has_only_the_stdlib_copy_attributes(lib):
    function = lib.create_autospec(fetch)
    for name in ("attach_mock", "configure_mock", "mock_add_spec", "_mock_name"):
        assert not hasattr(function, name), name
    for name in ("mock", "return_value", "side_effect", "await_count", "assert_awaited_once_with"):
        assert hasattr(function, name), name


@by_library
def test_dir_of_an_autospecced_async_function_is_a_function_and_its_mock_attributes(lib):
    function = lib.create_autospec(fetch)
    real = set(dir(plain))
    assert real <= set(dir(function))
    own = set(dir(function)) - real - EXTRA_NAMES  # asyncmock's own names: new, as documented
    assert own == {
        "__signature__", "_is_coroutine", "_mock_children", "assert_any_await", "assert_any_call",
        "assert_awaited", "assert_awaited_once", "assert_awaited_once_with", "assert_awaited_with",
        "assert_called", "assert_called_once", "assert_called_once_with", "assert_called_with",
        "assert_has_awaits", "assert_has_calls", "assert_not_awaited", "assert_not_called",
        "await_args", "await_args_list", "await_count", "call_args", "call_args_list", "call_count",
        "called", "method_calls", "mock", "mock_calls", "reset_mock", "return_value", "side_effect",
    }


@by_library
def test_an_autospecced_async_function_resets_without_arguments_only(lib):
    function = lib.create_autospec(fetch)
    run(function("a"))
    with pytest.raises(TypeError):
        function.reset_mock(return_value=True)
    function.reset_mock()
    function.mock.assert_not_awaited()
    assert function.mock.call_count == 0


@by_library
def test_an_autospecced_async_function_shows_a_side_effect_list_as_set_until_awaited(lib):
    function = lib.create_autospec(fetch)
    effects = [1, 2]
    function.side_effect = effects
    assert function.side_effect is effects
    assert run(function("a")) == 1
    assert run(function("b")) == 2
    assert function.side_effect is not effects  # read by the awaits: now an iterator


@by_library
def test_an_autospecced_async_function_refuses_a_new_class_as_a_function_does(lib):
    function = lib.create_autospec(fetch)
    with pytest.raises(TypeError) as refused:
        function.__class__ = int

    def real():
        pass

    with pytest.raises(TypeError) as by_a_function:
        real.__class__ = int
    assert str(refused.value) == str(by_a_function.value)


@by_library
def test_an_autospecced_async_function_keeps_function_attributes_of_its_own(lib):
    function = lib.create_autospec(fetch)
    function.__doc__ = "set on the function"
    function.__custom__ = 1
    assert function.__doc__ == "set on the function"
    assert function.__custom__ == 1


# --- autospecced methods past a new spec ----------------------------------------

@by_library
@pytest.mark.parametrize("instance", [Client(), Client], ids=["instance", "class"])
def test_an_autospecced_method_still_checks_its_signature_after_mock_add_spec(lib, instance):
    mock = lib.create_autospec(instance)
    mock.mock_add_spec(plain)
    with pytest.raises(TypeError):
        mock.method(1, 2, 3)
    mock.method(1)
    assert "method" in vars(mock)


@by_library
def test_an_attribute_the_new_spec_lacks_is_refused_after_mock_add_spec(lib):
    mock = lib.create_autospec(Client())
    mock.mock_add_spec(plain)
    with pytest.raises(AttributeError):
        mock.other


@by_library
def test_an_autospecced_async_function_keeps_any_other_attribute_set_on_it(lib):
    function = lib.create_autospec(fetch)
    function.spy_return_list = []  # as pytest-mock's spy sets on it
    function.spy_return_list.append(1)
    assert function.spy_return_list == [1]
    assert not isinstance(getattr(function.mock, "spy_return_list", None), list)
