"""The tutorial (docs/tutorial.md), step by step: each [start ...]/[end ...] block is shown there.

The code under test is userapi.py: fetch_user, create_user, fetch_display_name
and fetch_with_retry over an httpx-style AsyncClient.
"""
import unittest

# [start imports]
import pytest

import userapi
from userapi import Response
# [end imports]

# [start first-test]
from asyncmock import AsyncMock


async def test_fetch_user_returns_what_the_client_got():
    client = AsyncMock()
    client.get.return_value = Response(200, {"id": 7, "name": "ada"})

    user = await userapi.fetch_user(client, 7)

    assert user == {"id": 7, "name": "ada"}
    client.get.assert_awaited_once_with("/users/7")
# [end first-test]


# [start call-versus-await]
async def test_a_call_counts_as_an_await_only_once_it_is_awaited():
    client = AsyncMock()

    pending = client.get("/users/7")  # a coroutine: nothing has run yet

    client.get.assert_called_once_with("/users/7")
    client.get.assert_not_awaited()

    await pending

    client.get.assert_awaited_once_with("/users/7")
    assert client.get.await_count == 1
# [end call-versus-await]


# [start await-records]
from asyncmock import call


async def test_every_await_is_recorded_in_order():
    client = AsyncMock()
    client.get.return_value = Response(200, {"name": "ada"})

    await userapi.fetch_user(client, 1)
    await userapi.fetch_user(client, 2)

    client.get.assert_awaited_with("/users/2")  # the last await
    client.get.assert_any_await("/users/1")
    assert client.get.await_args_list == [call("/users/1"), call("/users/2")]
# [end await-records]


# [start side-effect-exception]
async def test_a_404_raises_user_not_found():
    client = AsyncMock()
    client.get.return_value = Response(404)

    with pytest.raises(userapi.UserNotFound):
        await userapi.fetch_user(client, 99)


async def test_a_network_error_reaches_the_caller():
    client = AsyncMock()
    client.get.side_effect = ConnectionError("connection reset")

    with pytest.raises(ConnectionError, match="connection reset"):
        await userapi.fetch_user(client, 7)

    client.get.assert_awaited_once_with("/users/7")  # the failed await counts
# [end side-effect-exception]


# [start side-effect-list]
async def test_fetch_with_retry_tries_again_after_connection_errors():
    client = AsyncMock()
    client.get.side_effect = [ConnectionError(), ConnectionError(), Response(200, "ok")]

    response = await userapi.fetch_with_retry(client, "/health", attempts=3)

    assert response.json() == "ok"
    assert client.get.await_count == 3
# [end side-effect-list]


# [start side-effect-function]
USERS = {"/users/1": {"id": 1, "name": "ada"}}


async def fake_get(url):
    """Answer like the real service would, from USERS."""
    if url in USERS:
        return Response(200, USERS[url])
    return Response(404)


async def test_a_fake_server_answers_each_url():
    client = AsyncMock()
    client.get.side_effect = fake_get

    assert await userapi.fetch_user(client, 1) == {"id": 1, "name": "ada"}
    with pytest.raises(userapi.UserNotFound):
        await userapi.fetch_user(client, 2)
# [end side-effect-function]


# [start patch-decorator]
from asyncmock import ANY, patch


@patch("userapi.fetch_user", new_callable=AsyncMock)
async def test_fetch_display_name_title_cases_the_name(fetch_user):
    fetch_user.return_value = {"id": 5, "name": "ada lovelace"}

    assert await userapi.fetch_display_name(5) == "Ada Lovelace"

    # ANY stands for the client that fetch_display_name opened itself.
    fetch_user.assert_awaited_with(ANY, 5)
# [end patch-decorator]


# [start patch-context-manager]
async def test_plain_patch_of_an_async_def_gives_an_asyncmock():
    with patch("userapi.fetch_user", return_value={"name": "grace hopper"}) as fetch_user:
        assert isinstance(fetch_user, AsyncMock)
        assert await userapi.fetch_display_name(3) == "Grace Hopper"

    fetch_user.assert_awaited_once_with(ANY, 3)
# [end patch-context-manager]


# [start async-fixture]
@pytest.fixture
async def client():
    async with userapi.AsyncClient() as client:
        await userapi.create_user(client, "Ada", "ada@example.com")
        yield client
    # Back here after the test: `async with` has closed the client.
    assert client.is_closed


async def test_the_fixture_yields_an_open_client_with_a_user(client):
    assert await userapi.fetch_user(client, 1) == {
        "id": 1, "name": "Ada", "email": "ada@example.com",
    }


async def test_wraps_spies_on_the_real_client(client):
    client.post = AsyncMock(wraps=client.post)  # the real post still runs

    user_id = await userapi.create_user(client, "Grace", "grace@example.com")

    assert (await userapi.fetch_user(client, user_id))["name"] == "Grace"
    client.post.assert_awaited_once_with(
        "/users", json={"name": "Grace", "email": "grace@example.com"}
    )
# [end async-fixture]


# [start mocked-client-fixture]
@pytest.fixture
def mock_client():
    """The client that `async with AsyncClient() as client` gives the code under test."""
    with patch("userapi.AsyncClient") as AsyncClient:
        client = AsyncMock()
        AsyncClient.return_value.aenter_return_value = client
        yield client
    # The code under test left the `async with` block: the client was closed.
    AsyncClient.return_value.__aexit__.assert_awaited_once()


async def test_fetch_display_name_uses_its_own_client(mock_client):
    mock_client.get.return_value = Response(200, {"id": 3, "name": "grace hopper"})

    assert await userapi.fetch_display_name(3) == "Grace Hopper"

    mock_client.get.assert_awaited_once_with("/users/3")
# [end mocked-client-fixture]


# [start unittest]
from asyncmock import IsolatedAsyncioTestCase


class FetchUserTest(IsolatedAsyncioTestCase):
    async def asyncSetUp(self):
        self.client = AsyncMock()
        self.client.get.return_value = Response(200, {"id": 7, "name": "ada"})
        # Awaited after the test, on the test's own event loop.
        self.addAsyncCleanup(self.client.aclose)

    async def test_fetch_user_returns_what_the_client_got(self):
        user = await userapi.fetch_user(self.client, 7)

        self.assertEqual(user, {"id": 7, "name": "ada"})
        self.client.get.assert_awaited_once_with("/users/7")

    async def test_fetch_user_raises_on_a_network_error(self):
        self.client.get.side_effect = ConnectionError

        with self.assertRaises(ConnectionError):
            await userapi.fetch_user(self.client, 7)

    @patch("userapi.fetch_user", new_callable=AsyncMock)
    async def test_patch_works_on_async_test_methods(self, fetch_user):
        fetch_user.return_value = {"name": "ada lovelace"}

        self.assertEqual(await userapi.fetch_display_name(7), "Ada Lovelace")
        fetch_user.assert_awaited_once_with(ANY, 7)
# [end unittest]


def test_the_unittest_cleanup_awaits_aclose_after_each_test():
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(FetchUserTest)
    cases = list(suite)
    result = unittest.TestResult()
    suite.run(result)

    assert result.wasSuccessful(), result.errors + result.failures
    assert [case.client.aclose.await_count for case in cases] == [1, 1, 1]
