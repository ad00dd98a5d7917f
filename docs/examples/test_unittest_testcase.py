"""Pattern: unittest test cases with async tests, on every version.

asyncmock.IsolatedAsyncioTestCase is the standard library's class from 3.8
on and asyncmock's backport on 3.6 and 3.7: each test runs in a fresh event
loop, with asyncSetUp/asyncTearDown and async cleanups.
"""
from asyncmock import AsyncMock, IsolatedAsyncioTestCase, patch

import userapi
from userapi import Response


class FetchUserTest(IsolatedAsyncioTestCase):
    async def test_fetch_user_returns_what_the_client_got(self):
        client = AsyncMock()
        client.get.return_value = Response(200, {"id": 7, "name": "ada"})

        user = await userapi.fetch_user(client, 7)

        self.assertEqual(user, {"id": 7, "name": "ada"})
        client.get.assert_awaited_once_with("/users/7")

    async def test_fetch_user_raises_user_not_found_on_a_404(self):
        client = AsyncMock()
        client.get.return_value = Response(404)

        with self.assertRaises(userapi.UserNotFound):
            await userapi.fetch_user(client, 99)

    @patch("userapi.fetch_user")
    async def test_patch_on_a_test_method_passes_in_an_asyncmock(self, fetch_user):
        fetch_user.return_value = {"id": 2, "name": "grace hopper"}

        name = await userapi.fetch_display_name(2)

        self.assertEqual(name, "Grace Hopper")
        fetch_user.assert_awaited_once()
