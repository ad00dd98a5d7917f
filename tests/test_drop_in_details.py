"""Details real suites rely on, which must be the stdlib's (issue: a true drop-in)."""
import os

import pytest

from asyncmock import AsyncMock, MagicMock, Mock, call, create_autospec, patch


async def fetch(url):
    """An async function."""


def parse(text):
    """A sync function."""


class Catalogue:
    def __init__(self):
        pass

    def search(self, term, limit=None):
        """A method."""

    class Page:
        def __init__(self, number):
            pass

        def item(self, index, default):
            """A method of a nested class."""


def test_reset_mock_of_an_autospecced_function_clears_the_functions_records():
    parse_mock = create_autospec(parse)
    parse_mock("a")

    parse_mock.reset_mock()

    assert parse_mock.call_count == 0 and not parse_mock.called
    assert parse_mock.call_args is None and parse_mock.mock_calls == []


def test_an_autospecced_function_is_a_real_function_from_no_module():
    parse_mock = create_autospec(parse)

    assert type(parse_mock).__name__ == "function"
    assert parse_mock.__name__ == "parse" and parse_mock.__module__ is None


def test_function_attributes_of_a_function_spec_are_mocked_on_the_copy():
    def report(text):
        """A function with a helper attached."""

    report.helper = parse
    mocked = create_autospec(report)

    mocked.helper("x")

    mocked.helper.assert_called_once_with("x")
    with pytest.raises(TypeError):
        mocked.helper()


def test_calls_of_nested_spec_children_match_through_their_own_signatures():
    catalogue = create_autospec(Catalogue)()

    catalogue.Page(1).item(2, default=None)

    catalogue.assert_has_calls([call.Page(1), call.Page(1).item(2, None)])
    catalogue.Page.assert_has_calls([call(1), call().item(2, default=None)])


def test_an_attribute_of_a_spec_instance_counts_as_it_was_when_the_mock_was_made():
    target = Catalogue()
    target.later = parse
    target.now = fetch
    mock = Mock(spec_set=target)

    target.later = fetch

    assert isinstance(mock.now, AsyncMock)
    assert not isinstance(mock.later, AsyncMock)


def test_exiting_a_patch_that_was_never_entered_does_nothing():
    patcher = patch("os.getcwd")

    assert patcher.__exit__(None, None, None) is None
    assert not isinstance(os.getcwd, MagicMock)


def test_a_magic_method_set_by_the_user_survives_deleting_another():
    mock = MagicMock()
    mock.__str__ = lambda self: "kept"

    del mock.__len__

    assert str(mock) == "kept"
    with pytest.raises(TypeError):
        len(mock)


def test_a_mock_class_not_yet_bound_to_a_mock_gives_its_magic_methods_unbound():
    unbound = MagicMock.__new__(MagicMock)

    assert type(type(unbound).__len__).__name__ == "MagicMethod"


def test_a_bound_method_as_side_effect_is_called_not_iterated():
    class Source:
        def value(self, n):
            return n * 2

    mock = Mock(side_effect=Source().value)

    assert mock(4) == 8


def test_a_spec_with_eq_but_not_hash_keeps_the_hash():
    mock = MagicMock(spec=["__eq__"])

    assert hash(mock) == object.__hash__(mock)
    assert (mock == mock) is True


def test_type_of_a_mock_called_with_a_spec_keeps_the_magic_methods_of_its_class():
    # As the stdlib: the new class derives from the first mock's, whose magic
    # methods it inherits; the new spec only adds the ones it lists.
    original = MagicMock()
    twin = type(original)(spec=["__len__"])

    assert len(twin) == 0
    assert list(iter(twin)) == []


async def lookup(key, default=None):
    """An async function to autospec."""


def test_an_async_autospec_binds_as_a_method_and_reads_as_a_function_from_its_class():
    fake = create_autospec(lookup)

    class Store:
        get = fake

    assert Store.get is fake
    assert repr(fake).startswith("<function lookup at 0x")  # as the stdlib's copy
    bound = Store().get
    assert bound.__func__ is fake


def test_setting_and_deleting_on_an_async_autospec_reach_its_mock():
    fake = create_autospec(lookup)

    fake.return_value = 3
    assert fake.mock.return_value == 3
    fake.flag = True
    del fake.flag
    assert not hasattr(fake.mock, "flag")


def test_a_function_specs_other_attributes_stay_on_its_mock():
    def report(text):
        """A function with a plain attribute."""

    report.limit = 10
    mocked = create_autospec(report)

    assert "limit" not in vars(mocked)
    assert mocked.mock.limit is not None


def test_a_magic_method_set_by_the_user_survives_a_new_spec():
    mock = MagicMock()
    mock.__str__ = lambda self: "kept"

    mock.mock_add_spec(["__str__", "__len__"])

    assert str(mock) == "kept"
    with pytest.raises(TypeError):
        iter(mock)


def test_a_deleted_magic_method_comes_back_when_a_new_spec_allows_it():
    mock = MagicMock()
    del mock.__len__
    with pytest.raises(TypeError):
        len(mock)
    del mock.__len__  # as the stdlib: the second time marks it deleted

    mock.mock_add_spec(["__len__"])

    assert len(mock) == 0


def test_a_mock_that_was_called_copies_deeply_as_in_the_stdlib():
    # Found by the fuzzer: an async mock's coroutine label refused to be copied.
    mock = AsyncMock()
    mock().close()

    duplicate = __import__("copy").deepcopy(mock)

    assert duplicate == mock and duplicate.call_count == 1


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
