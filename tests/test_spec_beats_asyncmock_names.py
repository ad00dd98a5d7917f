"""A spec always wins: its attributes named like asyncmock's own give the spec's children.

asyncmock's own names are EXTRA_NAMES, which lists every name it adds to a mock.
"""
import pytest

from _support import run
from asyncmock import AsyncMagicMock, AsyncMock, MagicMock, Mock, create_autospec
from asyncmock._features import EXTRA_NAMES


class Pool:
    """A spec whose attributes are named like every one of asyncmock's additions."""

    wait_timeout = 30
    DEFAULT_TIMEOUT = 5

    async def wait_until_awaited(self):
        """An async method of the spec."""

    def unawaited_calls(self):
        """A sync method of the spec."""

    async def get(self):
        """An ordinary async method."""


for _name in EXTRA_NAMES - set(vars(Pool)):
    setattr(Pool, _name, None)


# --- the names asyncmock adds to mocks ------------------------------------------------


def test_the_names_added_to_mocks_are_all_listed():
    added = {name for name in dir(AsyncMagicMock()) if not name.startswith("_")}
    stdlib_names = {name for name in dir(__import__("unittest.mock").mock.MagicMock()) if not name.startswith("_")}
    assert added - stdlib_names - {"assert_any_await", "assert_awaited", "assert_awaited_once",
                                   "assert_awaited_once_with", "assert_awaited_with",
                                   "assert_has_awaits", "assert_not_awaited", "await_args",
                                   "await_args_list", "await_count"} == EXTRA_NAMES


# --- a spec with those names ------------------------------------------------------------


@pytest.mark.parametrize("klass", [Mock, MagicMock, AsyncMock, AsyncMagicMock])
@pytest.mark.parametrize("name", sorted(EXTRA_NAMES))
def test_every_name_of_ours_gives_the_specs_child(klass, name):
    mock = klass(spec=Pool)

    child = getattr(mock, name)

    assert child is getattr(mock, name)
    assert child._mock_name == name and child._mock_parent is mock


def test_the_specs_async_methods_stay_awaitable_and_sync_ones_stay_sync():
    mock = MagicMock(spec=Pool)

    assert isinstance(mock.wait_until_awaited, AsyncMock)
    assert not isinstance(mock.unawaited_calls, AsyncMock)


def test_setting_such_a_name_sets_the_specs_attribute():
    mock = AsyncMock(spec=Pool)

    mock.wait_timeout = 1

    assert mock.wait_timeout == 1
    del mock.wait_timeout
    with pytest.raises(AttributeError):  # deleted, as any attribute of a mock
        mock.wait_timeout


def test_our_names_still_work_where_the_spec_lacks_them():
    class Other:
        async def get(self):
            """An async method."""

    mock = AsyncMock(spec=Other)
    run(mock.get())

    assert mock.get.max_awaits_in_flight == 1
    assert mock.wait_timeout is None


def test_a_new_spec_without_the_name_gives_ours_back():
    mock = AsyncMock(spec=Pool)
    assert isinstance(mock.wait_timeout, MagicMock)

    mock.mock_add_spec(["get"])

    assert mock.wait_timeout is None


def test_an_autospec_of_the_spec_has_its_attributes():
    pool = create_autospec(Pool, instance=True)

    assert isinstance(pool.wait_until_awaited, AsyncMock)
    pool.unawaited_calls()
    pool.unawaited_calls.assert_called_once_with()


def test_on_the_class_such_a_name_is_the_spec_winning_descriptor():
    mock = AsyncMock(spec=Pool)

    assert type(type(mock).__dict__["wait_timeout"]).__name__ == "SpecWins"
    assert type(mock).wait_timeout is type(mock).__dict__["wait_timeout"]
