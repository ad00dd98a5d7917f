"""A small service under test: a mailer that retries, and a background worker.

``MailServer`` is the interface of the real connection (open it with
``async with``, then await ``send``); the tests replace it with mocks.
"""


class MailServer:
    """The real connection's interface; its methods would talk to the network."""

    def __init__(self, host):
        self.host = host

    async def __aenter__(self):
        return self

    async def __aexit__(self, exc_type, exc, traceback):
        return False

    async def send(self, to, body):
        raise NotImplementedError("network access")


async def send_with_retries(server, to, body, attempts=3):
    """Send, trying again after a ConnectionError, at most *attempts* times."""
    for attempt in range(1, attempts + 1):
        try:
            return await server.send(to, body)
        except ConnectionError:
            if attempt == attempts:
                raise


async def notify(to, body, host="mail.test"):
    """Open a connection to *host* and send one message."""
    async with MailServer(host) as server:
        return await send_with_retries(server, to, body)


async def drain(queue, server):
    """Background worker: send every (to, body) put on *queue*, forever."""
    while True:
        to, body = await queue.get()
        try:
            await server.send(to, body)
        finally:
            queue.task_done()
