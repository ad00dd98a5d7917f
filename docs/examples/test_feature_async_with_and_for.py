"""Feature: short ways to configure ``async with``, ``async for`` and sync results.

aenter_return_value says what ``async with mock as value`` gives,
aiter_return_value what ``async for`` yields. AsyncMock(sync_results=True)
makes what an await returns a plain MagicMock, so ``response.json()`` is
not a coroutine.
"""
from asyncmock import AsyncMock, MagicMock, patch

import userapi

EXPORT = [
    b'{"id": 1, "active": true}\n',
    b'{"id": 2, "active": false}\n',
    b'{"id": 3, "active": true}\n',
]


# --- an aiohttp-style session: async with session.get(url) as response ----------


async def test_count_active_users_reads_the_streamed_export():
    response = MagicMock()
    response.content.aiter_return_value = EXPORT
    session = MagicMock()
    session.get.return_value = MagicMock(aenter_return_value=response)

    assert await userapi.count_active_users(session) == 2

    session.get.assert_called_once_with("http://users.test/users/export")
    response.raise_for_status.assert_called_once_with()
    session.get.return_value.__aexit__.assert_awaited_once_with(None, None, None)


async def test_the_shortcuts_set_the_magic_methods_return_values():
    response = MagicMock()
    response.content.aiter_return_value = EXPORT
    context = MagicMock(aenter_return_value=response)

    # The same as the longer spellings, which keep working:
    assert context.__aenter__.return_value is response
    assert response.content.__aiter__.return_value == EXPORT


# --- an httpx-style client: response = await client.get(url) --------------------


@patch("userapi.AsyncClient")
async def test_fetch_display_name_with_a_client_whose_responses_are_sync(AsyncClient):
    client = AsyncMock(sync_results=True)
    AsyncClient.return_value.aenter_return_value = client
    response = client.get.return_value  # a MagicMock: json() returns a value
    response.status_code = 200
    response.json.return_value = {"id": 3, "name": "grace hopper"}

    assert await userapi.fetch_display_name(3) == "Grace Hopper"

    client.get.assert_awaited_once_with("/users/3")
    response.json.assert_called_once_with()


async def test_sync_results_keeps_the_client_methods_awaitable():
    client = AsyncMock(sync_results=True)

    assert isinstance(client.get, AsyncMock)
    response = client.get.return_value
    assert not isinstance(response, AsyncMock)
    assert response.json() is response.json.return_value  # a value, not a coroutine
