"""The magic methods of a MagicMock, as in the stdlib: on its class, deleted, set, and under a new spec.

Also with an async spec, which puts asyncmock's async classes first in the
mock's MRO: deleting a magic method, a new spec and ``type(mock)()`` must
still build on MagicMock.
"""
import asyncio
import contextlib

import pytest

from _targets import fetch
from asyncmock import MagicMock


# --- found on the class of the mock ----------------------------------------------------


def test_the_class_of_a_magicmock_has_the_context_manager_and_iterator_methods():
    mock = MagicMock()

    for name in ("__enter__", "__exit__", "__aenter__", "__aexit__", "__aiter__", "__anext__"):
        assert hasattr(type(mock), name), name


def test_a_mock_class_not_yet_bound_to_a_mock_gives_its_magic_methods_unbound():
    unbound = MagicMock.__new__(MagicMock)

    assert type(type(unbound).__len__).__name__ == "MagicMethod"


# ExitStack and AsyncExitStack read the magic methods from the class
# (type(cm).__enter__): what they find there must be callable.

def test_exit_stack_enters_a_magicmock():
    with contextlib.ExitStack() as stack:
        entered = stack.enter_context(MagicMock())
    assert entered is not None


if hasattr(contextlib, "AsyncExitStack"):  # 3.7+

    def test_async_exit_stack_enters_a_magicmock():
        async def main():
            async with contextlib.AsyncExitStack() as stack:
                return await stack.enter_async_context(MagicMock())
        loop = asyncio.new_event_loop()
        try:
            assert loop.run_until_complete(main()) is not None
        finally:
            loop.close()


# --- deleting one -----------------------------------------------------------------------


def test_deleting_a_magic_method_keeps_the_ones_the_user_set():
    mock = MagicMock()
    mock.__str__ = lambda self: "custom"
    mock.__int__ = lambda self: 7

    del mock.__len__

    with pytest.raises(TypeError):
        len(mock)
    assert str(mock) == "custom"
    assert int(mock) == 7


def test_a_magic_method_set_by_the_user_survives_deleting_another():
    mock = MagicMock()
    mock.__str__ = lambda self: "kept"

    del mock.__len__

    assert str(mock) == "kept"
    with pytest.raises(TypeError):
        len(mock)


def test_a_magic_method_of_an_async_spec_magicmock_can_be_deleted():
    mock = MagicMock(spec=fetch)
    del mock.__str__  # used to raise TypeError from super()
    assert "MagicMock" in repr(mock)


# --- a new spec (mock_add_spec), or a spec listing them ----------------------------------


def test_mock_add_spec_none_keeps_configured_magic_methods():
    mock = MagicMock()
    mock.__len__.return_value = 3

    mock.mock_add_spec(None)

    assert len(mock) == 3


def test_mock_add_spec_without_a_magic_method_removes_the_configured_one():
    mock = MagicMock()
    mock.__len__.return_value = 3

    mock.mock_add_spec(["get"])

    with pytest.raises(TypeError):
        len(mock)


def test_a_magic_method_set_by_the_user_survives_a_new_spec():
    mock = MagicMock()
    mock.__str__ = lambda self: "kept"

    mock.mock_add_spec(["__str__", "__len__"])

    assert str(mock) == "kept"
    with pytest.raises(TypeError):
        iter(mock)


# As the stdlib, a new spec makes a fresh magic method where one was deleted.

def test_magic_method_deleted_then_spec_reset_works_again():
    mock = MagicMock()
    del mock.__len__
    mock.mock_add_spec(None)
    assert len(mock) == 0  # as the stdlib


def test_a_deleted_magic_method_comes_back_when_a_new_spec_allows_it():
    mock = MagicMock()
    del mock.__len__
    with pytest.raises(TypeError):
        len(mock)
    del mock.__len__  # as the stdlib: the second time marks it deleted

    mock.mock_add_spec(["__len__"])

    assert len(mock) == 0


def test_mock_add_spec_on_an_async_spec_magicmock_gives_the_magic_methods_listed():
    mock = MagicMock(spec=fetch)
    mock.mock_add_spec(["x", "__len__"])
    assert len(mock) == 0


def test_a_spec_with_eq_but_not_hash_keeps_the_hash():
    mock = MagicMock(spec=["__eq__"])

    assert hash(mock) == object.__hash__(mock)
    assert (mock == mock) is True


# --- a mock made from a mock's class: type(mock)() -------------------------------------


async def test_the_class_of_an_async_spec_magicmock_makes_awaitable_mocks():
    mock = MagicMock(spec=fetch)

    twin = type(mock)()

    await twin("/a")
    twin.assert_awaited_once_with("/a")


def test_type_of_an_async_spec_magicmock_makes_mocks_without_magic_methods():
    twin = type(MagicMock(spec=fetch))()
    assert len(twin) == 0  # as the stdlib


def test_type_of_a_mock_called_with_a_spec_keeps_the_magic_methods_of_its_class():
    # As the stdlib: the new class derives from the first mock's, whose magic
    # methods it inherits; the new spec only adds the ones it lists.
    original = MagicMock()
    twin = type(original)(spec=["__len__"])

    assert len(twin) == 0
    assert list(iter(twin)) == []
