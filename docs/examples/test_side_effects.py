"""Pattern: make an awaited mock raise, or give a different result each time."""
import pytest
from asyncmock import AsyncMock

import userapi
from userapi import Response


async def test_an_exception_side_effect_is_raised_when_the_call_is_awaited():
    get = AsyncMock(side_effect=KeyError)

    pending = get("/users/7")  # calling alone raises nothing

    with pytest.raises(KeyError):
        await pending


async def test_an_iterable_side_effect_gives_one_result_per_await():
    get = AsyncMock(side_effect=[Response(200, "first"), Response(200, "second")])

    assert (await get()).json() == "first"
    assert (await get()).json() == "second"


async def test_an_exhausted_side_effect_raises_stop_async_iteration():
    get = AsyncMock(side_effect=[Response(200)])
    await get()

    with pytest.raises(StopAsyncIteration):
        await get()


async def test_exceptions_in_an_iterable_side_effect_are_raised_in_turn():
    client = AsyncMock()
    client.get.side_effect = [ConnectionError(), ConnectionError(), Response(200)]

    response = await userapi.fetch_with_retry(client, "/health")

    assert response.status_code == 200
    assert client.get.await_count == 3


async def test_retrying_gives_up_when_every_await_raises():
    client = AsyncMock()
    client.get.side_effect = ConnectionError

    with pytest.raises(ConnectionError):
        await userapi.fetch_with_retry(client, "/health", attempts=2)
    assert client.get.await_count == 2


async def test_an_async_function_side_effect_computes_each_result():
    async def fake_get(url):
        return Response(200, {"url": url})

    client = AsyncMock()
    client.get.side_effect = fake_get

    assert await userapi.fetch_user(client, 3) == {"url": "/users/3"}
