"""Pattern: a unittest.TestCase whose tests run coroutines.

unittest.IsolatedAsyncioTestCase only exists from Python 3.8; this small base
class works on every version: each test gets a fresh event loop, closed by
addCleanup even when the test fails.
"""
import asyncio
import unittest

from asyncmock import AsyncMock, patch

import userapi
from userapi import Response


class AsyncTestCase(unittest.TestCase):
    """A TestCase whose run_async() runs a coroutine on the test's own loop."""

    def setUp(self):
        super().setUp()
        self.loop = asyncio.new_event_loop()
        self.addCleanup(self.loop.close)

    def run_async(self, awaitable):
        """Run awaitable to completion and return its result."""
        return self.loop.run_until_complete(awaitable)


class FetchUserTest(AsyncTestCase):
    def test_fetch_user_returns_what_the_client_got(self):
        client = AsyncMock()
        client.get.return_value = Response(200, {"id": 7, "name": "ada"})

        user = self.run_async(userapi.fetch_user(client, 7))

        self.assertEqual(user, {"id": 7, "name": "ada"})
        client.get.assert_awaited_once_with("/users/7")

    def test_fetch_user_raises_user_not_found_on_a_404(self):
        client = AsyncMock()
        client.get.return_value = Response(404)

        with self.assertRaises(userapi.UserNotFound):
            self.run_async(userapi.fetch_user(client, 99))

    @patch("userapi.fetch_user")
    def test_patch_on_a_test_method_passes_in_an_asyncmock(self, fetch_user):
        fetch_user.return_value = {"id": 2, "name": "grace hopper"}

        name = self.run_async(userapi.fetch_display_name(2))

        self.assertEqual(name, "Grace Hopper")
        fetch_user.assert_awaited_once()
