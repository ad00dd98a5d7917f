"""Pattern: await a mocked async method, then assert how it was awaited."""
from asyncmock import AsyncMock, MagicMock, call

import userapi
from userapi import Response


async def test_awaiting_an_asyncmock_gives_its_return_value():
    get = AsyncMock(return_value=Response(200, {"id": 7, "name": "ada"}))

    response = await get("/users/7")

    assert response.json() == {"id": 7, "name": "ada"}


async def test_assert_awaited_with_checks_the_arguments_of_the_last_await():
    client = AsyncMock()  # its attributes are AsyncMocks too
    client.get.return_value = Response(200, {"id": 7, "name": "ada"})

    await userapi.fetch_user(client, 7)

    client.get.assert_awaited_with("/users/7")


async def test_await_args_list_records_every_await_in_order():
    client = AsyncMock()
    client.get.return_value = Response(200, {"name": "ada"})

    await userapi.fetch_user(client, 1)
    await userapi.fetch_user(client, 2)

    assert client.get.await_args_list == [call("/users/1"), call("/users/2")]


async def test_a_mock_specced_from_a_class_makes_its_async_methods_awaitable():
    client = MagicMock(spec=userapi.AsyncClient)
    client.post.return_value = Response(201, {"id": 1})

    assert await userapi.create_user(client, "Ada", "ada@example.com") == 1
    client.post.assert_awaited_once_with(
        "/users", json={"name": "Ada", "email": "ada@example.com"}
    )


async def test_a_call_counts_as_an_await_only_once_it_is_awaited():
    notify = AsyncMock()

    pending = notify("ada")
    notify.assert_called_once_with("ada")
    notify.assert_not_awaited()

    await pending
    notify.assert_awaited_once_with("ada")
