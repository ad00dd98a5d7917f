"""Pattern: patch an async function, as a decorator or as a context manager.

patch() sees that the target is an ``async def`` and puts an AsyncMock in its
place; new_callable=AsyncMock says so explicitly. Patch the name where the
code under test looks it up: here ``userapi.fetch_user``.
"""
from asyncmock import ANY, AsyncMock, patch

import userapi
from userapi import Response

ADA = {"id": 5, "name": "ada lovelace"}


@patch("userapi.fetch_user", new_callable=AsyncMock)
async def test_new_callable_asyncmock_as_a_decorator(fetch_user):
    fetch_user.return_value = ADA

    assert await userapi.fetch_display_name(5) == "Ada Lovelace"
    fetch_user.assert_awaited_once_with(ANY, 5)


async def test_new_callable_asyncmock_as_a_context_manager():
    with patch("userapi.fetch_user", new_callable=AsyncMock) as fetch_user:
        fetch_user.return_value = ADA

        assert await userapi.fetch_display_name(5) == "Ada Lovelace"

    fetch_user.assert_awaited_once_with(ANY, 5)


@patch("userapi.fetch_user")
async def test_plain_patch_decorator_replaces_an_async_def_with_an_asyncmock(
    fetch_user,
):
    assert isinstance(fetch_user, AsyncMock)


async def test_plain_patch_context_manager_replaces_an_async_def_with_an_asyncmock():
    with patch("userapi.fetch_user", return_value=ADA) as fetch_user:
        assert isinstance(fetch_user, AsyncMock)
        assert await userapi.fetch_display_name(5) == "Ada Lovelace"


async def test_patch_object_replaces_an_async_method_with_an_asyncmock():
    turing = Response(200, {"id": 4, "name": "alan turing"})

    with patch.object(userapi.AsyncClient, "get", return_value=turing) as get:
        assert await userapi.fetch_display_name(4) == "Alan Turing"

    get.assert_awaited_once_with("/users/4")
