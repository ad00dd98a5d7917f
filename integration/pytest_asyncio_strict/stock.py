"""A small service under test: stock levels read over an httpx-style client.

``StockClient`` is the interface of the real client (open it with
``async with``, then await ``get`` and ``post``); the tests never run it,
they replace it with mocks specced from it.
"""
import asyncio


class OutOfStock(Exception):
    """The warehouse has none of this item left."""


class StockClient:
    """The real client's interface; its methods would talk to the network."""

    async def __aenter__(self):
        return self

    async def __aexit__(self, exc_type, exc, traceback):
        return False

    async def get(self, path):
        raise NotImplementedError("network access")

    async def post(self, path, payload):
        raise NotImplementedError("network access")


def open_client():
    """The application's factory for clients; tests patch it."""
    return StockClient()


async def count(client, sku):
    """How many of *sku* are in stock, asked inside ``async with``."""
    async with client as session:
        response = await session.get("/stock/" + sku)
    return response["count"]


async def reserve(sku, quantity):
    """Reserve *quantity* of *sku* with a client from :func:`open_client`."""
    client = open_client()
    if await count(client, sku) < quantity:
        raise OutOfStock(sku)
    async with client as session:
        return await session.post("/reservations", {"sku": sku, "quantity": quantity})


async def count_within(client, sku, timeout):
    """:func:`count`, given up after *timeout* seconds."""
    return await asyncio.wait_for(count(client, sku), timeout)
