"""A small service under test: orders reserved in a remote warehouse."""


class Unavailable(Exception):
    """The warehouse cannot reserve this much."""


class Warehouse:
    """The real warehouse connection; its methods would talk to the network."""

    async def __aenter__(self):
        return self

    async def __aexit__(self, exc_type, exc, traceback):
        return False

    async def reserve(self, sku, quantity):
        raise NotImplementedError("network access")


def connect():
    """The application's factory for connections; tests patch it."""
    return Warehouse()


async def audit(event, **details):
    """Write an audit record; would talk to the network."""
    raise NotImplementedError("network access")


async def place_order(sku, quantity):
    """Reserve the items and audit the order; return the reservation."""
    async with connect() as warehouse:
        reservation = await warehouse.reserve(sku, quantity)
    if reservation is None:
        raise Unavailable(sku)
    await audit("order", sku=sku, quantity=quantity)
    return reservation
