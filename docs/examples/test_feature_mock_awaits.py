"""Feature: mock_awaits, the awaits of a whole mock tree in order.

sync_profile below must connect, fetch, then close, in that order; a test
asserts the sequence of *awaits*, which mock_calls cannot: it also lists
coroutines made and never awaited.
"""
import gc

import pytest

from asyncmock import AsyncMock, MagicMock, call


class Session:
    async def get(self, path):
        """Fetch a path."""


class Client:
    async def connect(self):
        """Open the connection."""

    def session(self) -> Session:
        """A session on the open connection."""

    async def close(self):
        """Close the connection."""


async def sync_profile(client, user_id):
    """Connect, fetch the user's profile, close: the order matters."""
    await client.connect()
    profile = await client.session().get(f"/users/{user_id}")
    await client.close()
    return profile


async def sync_profile_buggy(client, user_id):
    """The same, but the close is never awaited."""
    await client.connect()
    profile = await client.session().get(f"/users/{user_id}")
    client.close()  # BUG: missing await
    return profile


def make_client():
    client = MagicMock(spec=Client)
    client.session.return_value = AsyncMock(spec=Session)
    return client


async def test_mock_awaits_lists_every_await_of_the_tree_in_order():
    client = make_client()

    await sync_profile(client, 7)

    assert client.mock_awaits == [
        call.connect(),
        call.session().get("/users/7"),
        call.close(),
    ]


async def test_mock_awaits_leaves_out_the_forgotten_await_that_mock_calls_shows():
    client = make_client()

    # The forgotten coroutine warns when it is collected: here, not later.
    with pytest.warns(RuntimeWarning, match="never awaited"):
        await sync_profile_buggy(client, 7)
        gc.collect()

    assert call.close() in client.mock_calls  # called...
    assert client.mock_awaits == [call.connect(), call.session().get("/users/7")]  # ...never awaited
