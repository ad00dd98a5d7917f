"""A small service under test: card payments through an async gateway."""


class Declined(Exception):
    """The gateway refused the card."""


class Gateway:
    """The real payment gateway; its methods would talk to the network."""

    def __init__(self, api_key):
        self.api_key = api_key

    async def authorize(self, card, amount, currency="EUR"):
        raise NotImplementedError("network access")

    async def capture(self, authorization):
        raise NotImplementedError("network access")


async def charge(card, amount):
    """A module-level coroutine function that checkout() looks up when it runs."""
    raise NotImplementedError("network access")


async def checkout(card, amount, attempts=2):
    """Charge the card, trying once more after a ConnectionError."""
    for attempt in range(attempts):
        try:
            return await charge(card, amount)
        except ConnectionError:
            if attempt == attempts - 1:
                raise


async def pay(api_key, card, amount):
    """Authorize and capture with a new Gateway."""
    gateway = Gateway(api_key)
    authorization = await gateway.authorize(card, amount)
    if authorization is None:
        raise Declined(card)
    return await gateway.capture(authorization)
