"""Pattern: an async fixture that opens a client with ``async with`` and yields it.

The fixture and the test share one event loop (see conftest.py). The client
stays open while the test runs and is closed by the fixture's teardown, as an
httpx.AsyncClient must be.
"""
import pytest
from asyncmock import AsyncMock

import userapi


@pytest.fixture
async def client():
    async with userapi.AsyncClient(base_url="http://test") as client:
        yield client
    assert client.is_closed  # reached after the test: the teardown ran


async def test_the_fixture_yields_an_open_client(client):
    assert not client.is_closed


async def test_a_user_created_through_the_client_can_be_fetched_back(client):
    user_id = await userapi.create_user(client, "Ada", "ada@example.com")

    user = await userapi.fetch_user(client, user_id)

    assert user == {"id": user_id, "name": "Ada", "email": "ada@example.com"}


async def test_fetching_an_unknown_user_raises_user_not_found(client):
    with pytest.raises(userapi.UserNotFound):
        await userapi.fetch_user(client, 404)


async def test_wraps_records_the_awaits_of_a_real_client(client):
    # The real post still runs; the AsyncMock around it only records.
    client.post = AsyncMock(wraps=client.post)

    user_id = await userapi.create_user(client, "Grace", "grace@example.com")

    assert (await userapi.fetch_user(client, user_id))["name"] == "Grace"
    client.post.assert_awaited_once_with(
        "/users", json={"name": "Grace", "email": "grace@example.com"}
    )
