"""A pretend application for the examples: a small user service over HTTP.

``AsyncClient`` is shaped like ``httpx.AsyncClient`` (open it with
``async with``, then await ``get`` and ``post``) but keeps its users in
memory, so the examples need no network and no package beyond pytest and
asyncmock.
"""

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
