"""A pretend application for the examples: a small user service over HTTP.

``AsyncClient`` is shaped like ``httpx.AsyncClient`` (open it with
``async with``, then await ``get`` and ``post``) but keeps its users in
memory, so the examples need no network and no package beyond pytest and
asyncmock.
"""
import asyncio
import json

BASE_URL = "http://users.test"


class UserNotFound(LookupError):
    """The service has no user with this id."""


class Response:
    """The part of ``httpx.Response`` the service reads."""

    def __init__(self, status_code, data=None):
        self.status_code = status_code
        self._data = data

    def json(self):
        return self._data


class AsyncClient:
    """An in-memory stand-in for ``httpx.AsyncClient``."""

    def __init__(self, base_url=BASE_URL):
        self.base_url = base_url
        self.is_closed = True
        self._users = {}

    async def __aenter__(self):
        self.is_closed = False
        return self

    async def __aexit__(self, exc_type, exc, traceback):
        self.is_closed = True

    async def get(self, url):
        self._check_open()
        user = self._users.get(url)
        if user is None:
            return Response(404)
        return Response(200, user)

    async def post(self, url, json):
        self._check_open()
        user = dict(json, id=len(self._users) + 1)
        self._users[f"{url}/{user['id']}"] = user
        return Response(201, user)

    def _check_open(self):
        # httpx refuses requests on a closed client too; the examples rely on
        # that to show why a fixture must keep the client open for the test.
        if self.is_closed:
            raise RuntimeError("open the client with 'async with' first")


async def create_user(client, name, email):
    """Create a user through client and return the new user's id."""
    response = await client.post("/users", json={"name": name, "email": email})
    return response.json()["id"]


async def fetch_user(client, user_id):
    """Return the user with user_id; raise UserNotFound if there is none."""
    response = await client.get(f"/users/{user_id}")
    if response.status_code == 404:
        raise UserNotFound(user_id)
    return response.json()


async def fetch_display_name(user_id):
    """Open a client of its own and return the user's name, title-cased."""
    async with AsyncClient() as client:
        user = await fetch_user(client, user_id)
    return user["name"].title()


async def fetch_with_retry(client, url, attempts=3):
    """GET url, trying again after a ConnectionError, at most attempts times."""
    for _ in range(attempts - 1):
        try:
            return await client.get(url)
        except ConnectionError:
            pass
    return await client.get(url)


async def count_logins(events):
    """Count the "login" entries of an async stream of event names."""
    count = 0
    async for event in events:
        if event == "login":
            count += 1
    return count


# --- used by the test_feature_* examples (docs/features.md) ------------------


class ServiceUnavailable(Exception):
    """No attempt got an answer in time."""


class Notifier:
    """Sends emails from a background task, so that no request waits for the mail server."""

    def __init__(self, mailer):
        self.mailer = mailer
        self._queue = None
        self._worker = None

    def start(self):
        """Start the worker task in the running event loop."""
        self._queue = asyncio.Queue()
        self._worker = asyncio.ensure_future(self._send_forever())

    async def stop(self):
        """Cancel the worker and wait until it has stopped."""
        self._worker.cancel()
        try:
            await self._worker
        except asyncio.CancelledError:
            pass

    def notify(self, email, text):
        """Queue an email: the worker sends it soon, the caller does not wait."""
        self._queue.put_nowait((email, text))

    async def _send_forever(self):
        while True:
            email, text = await self._queue.get()
            await self.mailer.send(email, text)


async def sign_up(client, notifier, name, email):
    """Create a user, queue a welcome email and return the new user's id."""
    user_id = await create_user(client, name, email)
    notifier.notify(email, f"Welcome, {name}!")
    return user_id


async def get_with_timeout(client, url, timeout=1.0, attempts=3):
    """GET url, giving each attempt timeout seconds; ServiceUnavailable if none answers."""
    for _ in range(attempts):
        try:
            return await asyncio.wait_for(client.get(url), timeout)
        except asyncio.TimeoutError:
            pass  # wait_for cancelled the request: try again
    raise ServiceUnavailable(url)


async def fetch_users(client, user_ids, limit=5):
    """Fetch many users concurrently, with at most limit requests in flight."""
    semaphore = asyncio.Semaphore(limit)

    async def fetch_one(user_id):
        async with semaphore:
            return await fetch_user(client, user_id)

    return await asyncio.gather(*(fetch_one(user_id) for user_id in user_ids))


async def count_active_users(session):
    """Stream the user export (one JSON object a line) and count the active users.

    session is shaped like ``aiohttp.ClientSession``: ``session.get(url)``
    is used with ``async with`` and the response body is read with
    ``async for line in response.content``.
    """
    active = 0
    async with session.get(BASE_URL + "/users/export") as response:
        response.raise_for_status()
        async for line in response.content:
            if json.loads(line)["active"]:
                active += 1
    return active



async def get_with_backoff(client, url, attempts=5, timeout=10.0, first_delay=1.0):
    """GET url; after a ConnectionError or a timeout, wait 1, 2, 4... seconds and try again."""
    delay = first_delay
    for _ in range(attempts - 1):
        try:
            return await asyncio.wait_for(client.get(url), timeout)
        except (ConnectionError, asyncio.TimeoutError):
            await asyncio.sleep(delay)
            delay *= 2
    return await asyncio.wait_for(client.get(url), timeout)
