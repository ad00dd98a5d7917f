"""Migration guide (docs/migration/asynctest.md): what asynctest code becomes.

asynctest is not installed (it does not run on Python 3.11+); each block
shows the asyncmock spelling, with the asynctest one in the guide's table.
"""
import asyncio
import itertools

import userapi
from userapi import Response

# [start coroutine-mock]
from asyncmock import AsyncMock, MagicMock  # was: from asynctest import CoroutineMock, MagicMock


async def test_asyncmock_replaces_coroutinemock():
    client = AsyncMock()  # was: asynctest.Mock(), with client.get = CoroutineMock()
    client.get.return_value = Response(200, {"id": 1, "name": "ada"})

    assert await userapi.fetch_user(client, 1) == {"id": 1, "name": "ada"}
    client.get.assert_awaited_once_with("/users/1")


async def test_a_spec_makes_async_methods_awaitable_as_in_asynctest():
    client = MagicMock(spec=userapi.AsyncClient)  # get() and post() are async def

    assert isinstance(client.get, AsyncMock)
    await client.post("/users", json={})
    client.post.assert_awaited_once_with("/users", json={})
# [end coroutine-mock]


# [start testcase]
from asyncmock import IsolatedAsyncioTestCase  # was: asynctest.TestCase


class UserServiceTest(IsolatedAsyncioTestCase):
    async def asyncSetUp(self):  # was: async def setUp(self)
        self.client = AsyncMock()
        self.client.get.return_value = Response(200, {"id": 7, "name": "ada"})
        self.addAsyncCleanup(self.client.aclose)  # was: self.addCleanup(self.client.aclose)

    async def test_fetch_user(self):
        self.assertEqual((await userapi.fetch_user(self.client, 7))["name"], "ada")

    async def test_a_network_error_propagates(self):
        self.client.get.side_effect = ConnectionError
        with self.assertRaises(ConnectionError):  # was: await self.assertAsyncRaises(...)
            await userapi.fetch_user(self.client, 7)

    async def test_the_loop_is_the_running_one(self):
        loop = asyncio.get_event_loop()  # was: self.loop; inside a coroutine, this is it
        self.assertTrue(loop.is_running())
# [end testcase]


# [start awaited]
async def test_wait_until_awaited_replaces_the_awaited_event():
    mailer = AsyncMock()
    asyncio.ensure_future(mailer.send("ada@example.com"))  # a background task

    await mailer.send.wait_until_awaited()  # was: await mailer.send.awaited.wait()

    mailer.send.assert_awaited_once_with("ada@example.com")

    asyncio.ensure_future(mailer.send("grace@example.com"))
    # was: await mailer.send.awaited.wait_next()
    await mailer.send.wait_until_awaited(count=mailer.send.await_count + 1)
    assert mailer.send.await_count == 2
# [end awaited]


# [start patch]
from asyncmock import patch  # was: from asynctest import patch


@patch("userapi.fetch_user", return_value={"name": "ada lovelace"})
async def test_a_patch_stays_active_while_the_coroutine_runs(fetch_user):
    await asyncio.sleep(0)  # suspends: asynctest.LIMITED would undo the patch here

    assert userapi.fetch_user is fetch_user  # as with asynctest.GLOBAL, the default
    assert await userapi.fetch_display_name(1) == "Ada Lovelace"
# [end patch]


# [start return-once]
async def test_a_side_effect_list_replaces_return_once():
    # was: CoroutineMock(side_effect=asynctest.return_once(b"data", then=b""))
    recv = AsyncMock(side_effect=itertools.chain([b"data"], itertools.repeat(b"")))

    assert [await recv(), await recv(), await recv()] == [b"data", b"", b""]
# [end return-once]


# [start scope]
def test_a_leftover_scope_argument_only_configures_the_mock():
    # Unknown keywords of patch() configure the mock, as in unittest.mock:
    with patch("userapi.fetch_user", scope="LIMITED") as fetch_user:
        assert fetch_user.scope == "LIMITED"  # an attribute, and no effect on the patch
# [end scope]
