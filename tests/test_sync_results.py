"""sync_results=True: what an await gives is a sync MagicMock, while the methods stay awaitable.

Without it, as in the stdlib, every child of an AsyncMock is awaitable.
"""
import asyncio

import pytest

from asyncmock import AsyncMock, MagicMock


async def test_sync_results_makes_what_an_await_gives_synchronous():
    client = AsyncMock(sync_results=True)
    response = await client.get("/users")
    response.json.return_value = {"id": 1}
    assert response.json() == {"id": 1}
    assert isinstance(response, MagicMock)
    assert not isinstance(response, AsyncMock)


def test_sync_results_can_be_switched_on_after_creation():
    client = AsyncMock()
    client.sync_results = True
    assert client.sync_results is True
    assert isinstance(client.return_value, MagicMock)
    assert not isinstance(client.return_value, AsyncMock)


def test_sync_results_refuses_a_non_bool():
    with pytest.raises(TypeError, match="sync_results must be True or False"):
        AsyncMock().sync_results = "yes"


async def test_sync_results_keeps_the_methods_awaitable():
    client = AsyncMock(sync_results=True)
    assert isinstance(client.get, AsyncMock)
    assert client.get.await_count == 0


async def test_without_sync_results_children_are_awaitable_as_in_the_stdlib():
    client = AsyncMock()
    result = client.get("/users")
    assert asyncio.iscoroutine(result)
    await result
