"""A small service under test, written against anyio so it runs on asyncio and trio.

``FeedClient`` is the interface of the real client (open it with
``async with``, await ``fetch``, iterate ``stream()`` with ``async for``);
the tests replace it with mocks.
"""
import anyio


class FeedClient:
    """The real client's interface; its methods would talk to the network."""

    async def __aenter__(self):
        return self

    async def __aexit__(self, exc_type, exc, traceback):
        return False

    async def fetch(self, name):
        raise NotImplementedError("network access")

    def stream(self, name):
        raise NotImplementedError("network access")


def connect():
    """The application's factory for clients; tests patch it."""
    return FeedClient()


async def fetch_all(names):
    """Fetch every feed concurrently in one task group; return them by name."""
    results = {}

    async def fetch_one(session, name):
        results[name] = await session.fetch(name)

    async with connect() as session:
        async with anyio.create_task_group() as group:
            for name in names:
                group.start_soon(fetch_one, session, name)
    return results


async def fetch_or_none(client, name, timeout):
    """The feed, or None when it takes longer than *timeout* seconds."""
    with anyio.move_on_after(timeout):
        return await client.fetch(name)
    return None


async def headlines(client, name, limit):
    """The first *limit* items of the feed's stream."""
    items = []
    async for item in client.stream(name):
        items.append(item)
        if len(items) == limit:
            break
    return items
