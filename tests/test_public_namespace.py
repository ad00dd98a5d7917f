"""The public namespace of ``asyncmock``.

It mirrors ``unittest.mock``: the helper objects (call, ANY, DEFAULT,
sentinel) are the stdlib's own so they mix freely with stdlib mocks, and
everything else is ours and says so in ``__module__``.
"""
import unittest.mock

import pytest

import asyncmock

STDLIB_OBJECTS = ("ANY", "DEFAULT", "call", "sentinel")

DOCUMENTED_NAMES = {
    "ANY",
    "AsyncMagicMock",
    "AsyncMock",
    "DEFAULT",
    "FILTER_DIR",
    "MagicMock",
    "Mock",
    "NonCallableMagicMock",
    "NonCallableMock",
    "PropertyMock",
    "call",
    "create_autospec",
    "mock_open",
    "patch",
    "seal",
    "sentinel",
}

# Names whose value is a class or a function written for this package.
OWN_NAMES = sorted(DOCUMENTED_NAMES - set(STDLIB_OBJECTS) - {"FILTER_DIR"})


def test_all_is_sorted():
    assert list(asyncmock.__all__) == sorted(asyncmock.__all__)


def test_all_has_no_duplicates():
    assert len(set(asyncmock.__all__)) == len(asyncmock.__all__)


def test_all_lists_every_documented_name():
    assert DOCUMENTED_NAMES <= set(asyncmock.__all__)


def test_every_name_in_all_is_an_attribute():
    missing = [name for name in asyncmock.__all__ if not hasattr(asyncmock, name)]
    assert missing == []


def test_star_import_gives_exactly_all():
    namespace = {}
    exec("from asyncmock import *", namespace)
    namespace.pop("__builtins__")
    assert set(namespace) == set(asyncmock.__all__)


def test_all_has_no_private_names():
    assert [name for name in asyncmock.__all__ if name.startswith("_")] == []


@pytest.mark.parametrize("name", STDLIB_OBJECTS)
def test_helper_object_is_the_stdlib_object_or_compares_as_it(name):
    ours, theirs = getattr(asyncmock, name), getattr(unittest.mock, name)
    # The stdlib's own object wherever it is current; call (before 3.9) and
    # sentinel (3.6) are asyncmock's: calls compare with the stdlib's both
    # ways, and both sentinels hand out the same object for a name.
    if name == "sentinel":
        ours, theirs = ours.shared_name, theirs.shared_name
    assert ours is theirs or (ours == theirs and theirs == ours)


def test_sentinel_values_are_shared_with_stdlib():
    assert asyncmock.sentinel.token is unittest.mock.sentinel.token


def test_filter_dir_is_exported_as_a_bool():
    assert isinstance(asyncmock.FILTER_DIR, bool)


@pytest.mark.parametrize("name", OWN_NAMES)
def test_own_public_name_reports_asyncmock_module(name):
    assert getattr(asyncmock, name).__module__ == "asyncmock"


@pytest.mark.parametrize("name", ["object", "multiple", "dict", "stopall"])
def test_patch_helpers_report_asyncmock_module(name):
    assert getattr(asyncmock.patch, name).__module__ == "asyncmock"


@pytest.mark.parametrize("name", ["AsyncMock", "AsyncMagicMock"])
def test_async_class_name_matches_its_public_name(name):
    # repr() and error messages use the class name, so it must be the public one.
    assert getattr(asyncmock, name).__name__ == name


def test_dir_of_the_module_lists_every_name_in_all_the_lazy_ones_too():
    assert set(asyncmock.__all__) <= set(dir(asyncmock))
