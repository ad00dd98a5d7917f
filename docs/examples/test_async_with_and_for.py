"""Pattern: mocks used with ``async with`` and ``async for``.

A MagicMock's __aenter__ and __aexit__ are AsyncMocks and its __aiter__ walks
its return_value, so one can stand in for a client or a stream. AsyncMagicMock
adds what AsyncMock has: it is awaited when called.
"""
import unittest.mock

import pytest
from asyncmock import ANY, AsyncMagicMock, MagicMock, patch

import userapi
from userapi import Response


async def test_a_magicmock_works_as_an_async_context_manager():
    lock = MagicMock()

    async with lock as held:
        assert held is lock.__aenter__.return_value

    lock.__aenter__.assert_awaited_once()
    lock.__aexit__.assert_awaited_once_with(None, None, None)


async def test_an_exception_inside_async_with_reaches_aexit_and_propagates():
    lock = MagicMock()

    with pytest.raises(KeyError):
        async with lock:
            raise KeyError("boom")

    lock.__aexit__.assert_awaited_once_with(KeyError, ANY, ANY)


@patch("userapi.AsyncClient")
async def test_a_patched_client_class_gives_its_mock_to_async_with(AsyncClient):
    # AsyncClient() returns AsyncClient.return_value; `async with` then gives
    # whatever its __aenter__ returns.
    client = AsyncClient.return_value.__aenter__.return_value
    client.get.return_value = Response(200, {"id": 3, "name": "grace hopper"})

    assert await userapi.fetch_display_name(3) == "Grace Hopper"
    client.get.assert_awaited_once_with("/users/3")
    AsyncClient.return_value.__aexit__.assert_awaited_once()


async def test_a_magicmock_works_with_async_for():
    events = MagicMock()
    events.__aiter__.return_value = ["login", "view", "login"]

    assert await userapi.count_logins(events) == 2


async def test_an_asyncmagicmock_is_a_magicmock_awaited_when_called():
    fetch_events = AsyncMagicMock(return_value=["login"])

    assert isinstance(fetch_events, unittest.mock.MagicMock)
    assert await fetch_events(page=1) == ["login"]
    fetch_events.assert_awaited_once_with(page=1)


async def test_an_asyncmagicmock_works_with_async_for():
    events = AsyncMagicMock()
    events.__aiter__.return_value = ["login", "login"]

    assert await userapi.count_logins(events) == 2
