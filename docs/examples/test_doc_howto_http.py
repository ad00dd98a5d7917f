"""How-to (docs/howto/http-clients.md): aiohttp and httpx clients used with ``async with``.

The code under test is in this file, between the [start ...]/[end ...]
markers, and reads as it would with the real packages. The examples install
neither: the aiohttp code gets its session passed in, and ``httpx`` below is
a stand-in with the two names the httpx code uses.
"""
import inspect
import io

import pytest
from asyncmock import ANY, AsyncMock, MagicMock, call, patch


class httpx:  # noqa: N801 - stands in for the module
    """The part of the httpx package the code below uses."""

    class HTTPStatusError(Exception):
        """Raised by Response.raise_for_status() for a 4xx or 5xx answer."""

    class AsyncClient:
        """Opened with `async with`; its get() would go to the network."""

        def __init__(self, base_url=""):
            self.base_url = base_url

        async def __aenter__(self):
            return self

        async def __aexit__(self, *exc_info):
            return None

        async def get(self, url):
            raise RuntimeError("the examples make no network requests")


# [start aiohttp-code]
class WeatherClient:
    """Reads a weather API with an aiohttp.ClientSession."""

    def __init__(self, session, base_url="https://weather.test"):
        self.session = session
        self.base_url = base_url

    async def temperature(self, city):
        url = self.base_url + "/forecast"
        async with self.session.get(url, params={"city": city}) as response:
            response.raise_for_status()
            forecast = await response.json()
        return forecast["temperature"]

    async def save_radar_image(self, city, out):
        """Stream the radar image of city into the binary file out; return its size."""
        size = 0
        async with self.session.get(self.base_url + "/radar/" + city) as response:
            async for chunk in response.content.iter_chunked(64 * 1024):
                size += out.write(chunk)
        return size
# [end aiohttp-code]


# [start aiohttp-fixtures]
@pytest.fixture
def response():
    """What `async with session.get(...) as response` gives: sync methods, async json()."""
    response = MagicMock()
    response.json = AsyncMock(return_value={"city": "Oslo", "temperature": -3.5})
    return response


@pytest.fixture
def session(response):
    session = MagicMock()
    # session.get(...) is a plain call; `async with` then enters what it returned.
    session.get.return_value = MagicMock(aenter_return_value=response)
    return session
# [end aiohttp-fixtures]


# [start aiohttp-test]
async def test_temperature_reads_the_forecast(session, response):
    assert await WeatherClient(session).temperature("Oslo") == -3.5

    session.get.assert_called_once_with("https://weather.test/forecast", params={"city": "Oslo"})
    response.raise_for_status.assert_called_once_with()
    response.json.assert_awaited_once_with()
    session.get.return_value.__aexit__.assert_awaited_once_with(None, None, None)
# [end aiohttp-test]


# [start aiohttp-error]
class ClientResponseError(Exception):
    """Stands for aiohttp.ClientResponseError."""


async def test_an_http_error_propagates_and_the_response_is_released(session, response):
    response.raise_for_status.side_effect = ClientResponseError("503")

    with pytest.raises(ClientResponseError):
        await WeatherClient(session).temperature("Oslo")

    response.json.assert_not_awaited()
    # The exception went through __aexit__, which is where aiohttp releases the connection.
    session.get.return_value.__aexit__.assert_awaited_once_with(ClientResponseError, ANY, ANY)
# [end aiohttp-error]


# [start aiohttp-stream]
async def test_save_radar_image_writes_every_chunk(session, response):
    response.content.iter_chunked.return_value.aiter_return_value = [b"\x89PNG", b"...", b"END"]
    out = io.BytesIO()

    assert await WeatherClient(session).save_radar_image("Oslo", out) == 10

    assert out.getvalue() == b"\x89PNG...END"
    response.content.iter_chunked.assert_called_once_with(65536)
# [end aiohttp-stream]


# [start httpx-code]
async def latest_version(client, package):
    """The newest release of package, from a PyPI-style JSON API."""
    response = await client.get("/pypi/{}/json".format(package))
    response.raise_for_status()
    return response.json()["info"]["version"]


async def latest_versions(packages, index="https://pypi.test"):
    async with httpx.AsyncClient(base_url=index) as client:
        return {package: await latest_version(client, package) for package in packages}
# [end httpx-code]


# [start httpx-fixture]
def json_response(data):
    """A response whose json() gives data; raise_for_status() passes."""
    response = MagicMock()
    response.json.return_value = data
    return response


@pytest.fixture
def client():
    """The client that `async with httpx.AsyncClient(...)` gives the code under test."""
    with patch.object(httpx, "AsyncClient") as AsyncClient:
        # Its methods are awaitable; what an await returns is a plain MagicMock.
        client = AsyncMock(sync_results=True)
        AsyncClient.return_value.aenter_return_value = client
        yield client
    AsyncClient.assert_called_once_with(base_url="https://pypi.test")
    AsyncClient.return_value.__aexit__.assert_awaited_once()  # the client was closed
# [end httpx-fixture]


# [start httpx-test]
async def test_latest_versions_asks_for_each_package(client):
    client.get.side_effect = [
        json_response({"info": {"version": "8.3.5"}}),
        json_response({"info": {"version": "0.27.0"}}),
    ]

    versions = await latest_versions(["pytest", "trio"])

    assert versions == {"pytest": "8.3.5", "trio": "0.27.0"}
    assert client.get.await_args_list == [call("/pypi/pytest/json"), call("/pypi/trio/json")]


async def test_a_missing_package_raises_the_status_error(client):
    client.get.return_value.raise_for_status.side_effect = httpx.HTTPStatusError("404")

    with pytest.raises(httpx.HTTPStatusError):
        await latest_versions(["no-such-package"])
# [end httpx-test]


# [start sync-results-default]
async def test_without_sync_results_what_an_await_returns_is_async_too():
    client = AsyncMock()
    response = await client.get("/pypi/trio/json")

    data = response.json()  # an AsyncMock child: this is a coroutine, not the data

    assert inspect.iscoroutine(data)
    data.close()  # close it: a coroutine never awaited makes Python warn
# [end sync-results-default]


# [start httpx-new-callable]
async def test_patch_object_with_new_callable_and_sync_results():
    with patch.object(httpx.AsyncClient, "get", new_callable=AsyncMock, sync_results=True) as get:
        get.return_value.json.return_value = {"info": {"version": "1.0"}}

        assert await latest_versions(["demo"]) == {"demo": "1.0"}

    get.assert_awaited_once_with("/pypi/demo/json")
# [end httpx-new-callable]
