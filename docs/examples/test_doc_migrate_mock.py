"""Migration guide (docs/migration/mock-backport.md): from the ``mock`` package.

The ``mock`` backport copies one CPython release's unittest.mock onto older
interpreters, as classes of its own. asyncmock builds on each interpreter's
unittest.mock instead: its mocks are unittest.mock's classes (subclasses of
them), and call, ANY, DEFAULT and sentinel are the standard library's objects.
"""
import unittest.mock

import pytest

# [start imports]
from asyncmock import ANY, AsyncMock, MagicMock, Mock, call, create_autospec, patch  # was: from mock import ...
# [end imports]

import userapi


# [start isinstance]
def test_asyncmock_mocks_are_unittest_mock_mocks():
    assert isinstance(Mock(), unittest.mock.Mock)
    assert isinstance(MagicMock(), unittest.mock.MagicMock)
    if hasattr(unittest.mock, "AsyncMock"):  # Python 3.8+
        assert isinstance(AsyncMock(), unittest.mock.AsyncMock)


def test_the_helpers_work_with_the_standard_librarys():
    assert ANY is unittest.mock.ANY
    assert call(1) == unittest.mock.call(1)  # call is the stdlib's own from 3.9
    # So code written against unittest.mock accepts asyncmock's mocks, and back:
    mock = MagicMock()
    mock(1, key="value")
    mock.assert_called_once_with(unittest.mock.ANY, key="value")
# [end isinstance]


# [start autospec]
async def test_create_autospec_of_an_async_def_checks_and_records_at_call_time():
    fetch_user = create_autospec(userapi.fetch_user)

    with pytest.raises(TypeError):
        fetch_user()  # wrong arguments: refused at once, nothing recorded

    pending = fetch_user("client", 7)
    fetch_user.assert_called_once_with("client", 7)  # recorded before the await
    await pending
    fetch_user.assert_awaited_once_with("client", 7)
# [end autospec]


# [start side-effect]
async def test_a_side_effect_of_no_usable_kind_fails_clearly_when_awaited():
    get = AsyncMock(side_effect=KeyError)
    get.side_effect = 42  # accepted, as by mock: it may be a placeholder

    with pytest.raises(TypeError, match="side_effect must be"):
        await get()  # mock: "'int' object is not an iterator"
# [end side-effect]


# [start last-await]
async def test_unawaited_calls_names_a_call_never_awaited():
    get = AsyncMock()
    await get("/users/1")
    pending = get("/users/2")  # called, not awaited

    assert get.unawaited_calls == [call("/users/2")]
    with pytest.raises(AssertionError, match=r"Never awaited: \[call\('/users/2'\)\]"):
        get.assert_all_awaited()
    await pending
# [end last-await]


# [start patch]
async def test_patch_of_an_async_def_gives_an_asyncmock_on_every_version():
    with patch("userapi.fetch_user", return_value={"name": "ada"}) as fetch_user:
        assert isinstance(fetch_user, AsyncMock)
        assert await userapi.fetch_display_name(1) == "Ada"

    fetch_user.assert_awaited_once_with(ANY, 1)
# [end patch]
