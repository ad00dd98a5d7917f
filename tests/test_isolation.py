"""Every mock has a class of its own: what is set on one mock's class stays on that mock.

One test per way a user reaches a mock's class: ``type(m)``, a patch's
``return_value``, a child, a copy, ``type(m)()``, an attached mock, a new
spec, a sealed mock.  Each sets a property, ``__call__`` and ``__str__`` on
that class and checks that a fresh mock of every kind is untouched.  Copies,
shallow and deep, behave as the mock they copy, as in the stdlib.
"""
import copy

import pytest

from asyncmock import (
    AsyncMagicMock,
    AsyncMock,
    MagicMock,
    Mock,
    NonCallableMagicMock,
    PropertyMock,
    ThreadingMock,
    patch,
    seal,
)

KINDS = [Mock, MagicMock, AsyncMock, AsyncMagicMock, NonCallableMagicMock, ThreadingMock]


def _reach_type(mock):
    return type(mock)


def _reach_patch(_):
    with patch("os.getcwd") as patched:
        return type(patched.return_value)


def _reach_child(mock):
    return type(mock.child)


def _reach_copy(mock):
    return type(copy.copy(mock))


def _reach_type_call(mock):
    return type(type(mock)())


def _reach_attached(mock):
    other = MagicMock()
    mock.attach_mock(other, "attached")
    return type(mock.attached)


def _reach_new_spec(mock):
    mock.mock_add_spec(["status"])
    return type(mock)


def _reach_sealed(mock):
    mock.status
    seal(mock)
    return type(mock)


WAYS = [_reach_type, _reach_patch, _reach_child, _reach_copy, _reach_type_call,
        _reach_attached, _reach_new_spec, _reach_sealed]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("reach", WAYS, ids=lambda way: way.__name__[len("_reach_"):])
def test_what_is_set_on_a_mocks_class_stays_on_that_mock(kind, reach):
    klass = reach(kind())
    klass.status = PropertyMock(return_value=500)
    klass.__str__ = lambda self: "changed"
    klass.__call__ = lambda self, *args: "called"

    for other_kind in KINDS:
        fresh = other_kind()
        fresh.status = 200
        assert fresh.status == 200
        assert str(fresh) != "changed"
        if other_kind is not NonCallableMagicMock:
            result = fresh()
            assert result != "called"
            if hasattr(result, "close"):  # an async mock's coroutine
                result.close()


# --- copies --------------------------------------------------------------------------


def test_a_shallow_copy_of_a_mock_behaves_as_the_mock():
    original = MagicMock(return_value=3)

    duplicate = copy.copy(original)

    assert duplicate() == 3
    # As the stdlib: the copy gets a class of its own, under the original's.
    assert type(duplicate) is not type(original)
    assert issubclass(type(duplicate), type(original))


def test_a_copy_compares_equal_to_its_original_as_in_the_stdlib():
    original = MagicMock()
    first, second = copy.copy(original), copy.copy(original)

    assert first == original and second == original and original == first
    assert copy.deepcopy(original) == original


def test_a_magic_method_set_on_a_copy_stays_on_the_copy():
    original = MagicMock()
    duplicate = copy.copy(original)

    duplicate.__str__ = lambda self: "copy"

    assert str(duplicate) == "copy"
    assert str(original) != "copy"


def test_a_mock_that_was_called_copies_deeply_as_in_the_stdlib():
    # An async mock's label for its coroutines must copy too (it once refused to).
    mock = AsyncMock()
    mock().close()

    duplicate = __import__("copy").deepcopy(mock)

    assert duplicate == mock and duplicate.call_count == 1
