"""asyncmock as a typed test suite uses it, checked by ``mypy --strict`` and pyright.

Not a test module (pytest collects ``test_*.py`` only) and importing it runs
nothing; ``python tests/typing/usage.py`` runs every example once, so the
code type-checked here is also code that works.  See README.md.
"""
import asyncio
import io
import os
import sys
import unittest
from typing import TYPE_CHECKING, Any, Awaitable, Callable, Coroutine, Dict, Iterable, List, Optional, Union

from asyncmock import (
    ANY,
    DEFAULT,
    AsyncMagicMock,
    AsyncMock,
    IsolatedAsyncioTestCase,
    MagicMock,
    Mock,
    call,
    create_autospec,
    mock_open,
    patch,
    seal,
    sentinel,
)

if TYPE_CHECKING:
    from typing_extensions import assert_type  # both checkers fail unless the type is exactly this
else:
    def assert_type(value: Any, expected: Any) -> Any:
        return value

HERE = __name__  # patch targets below name this module, run or imported
RETRIES = 3


# --- the code under test: a small HTTP client and what uses it ---------------

class Response:
    def __init__(self, status: int, body: Optional[Dict[str, Any]] = None) -> None:
        self.status = status
        self.body = body or {}


class Client:
    async def get(self, path: str) -> Response:
        raise NotImplementedError("network access")

    async def close(self) -> None:
        """Release the connection."""


async def fetch_user(client: Client, user_id: int) -> Dict[str, Any]:
    response = await client.get("/users/%d" % user_id)
    return response.body


async def load_user(user_id: int) -> Dict[str, Any]:
    raise NotImplementedError("patched in the examples")


async def display_name(user_id: int) -> str:
    user = await load_user(user_id)
    return str(user["name"]).title()


async def process_all(handle: Callable[[int], Awaitable[None]], items: Iterable[int]) -> None:
    for item in items:
        await handle(item)


async def fetch_all(fetch: Callable[[str], Awaitable[Response]], paths: List[str]) -> List[Response]:
    return list(await asyncio.gather(*(fetch(path) for path in paths)))


def read_config(path: str) -> str:
    with open(path) as config:
        return config.read()


def api_url() -> str:
    return os.environ.get("API_URL", "https://example.invalid")


# --- awaiting and asserting ----------------------------------------------------

async def assert_awaits() -> None:
    client = AsyncMock(spec=Client)
    client.get.return_value = Response(200, {"id": 7, "name": "ada"})

    assert await fetch_user(client, 7) == {"id": 7, "name": "ada"}

    client.get.assert_awaited_once_with("/users/7")
    client.close.assert_not_awaited()

    get = AsyncMock(return_value=Response(404))
    response: Response = await get("/users/1")
    assert response.status == 404
    get.assert_awaited_with("/users/1")
    get.assert_any_await(ANY)
    get.assert_has_awaits([call("/users/1")])
    assert get.await_count == 1
    assert get.await_args == call("/users/1")
    assert get.await_args_list == [call("/users/1")]


async def side_effects() -> None:
    get = AsyncMock(side_effect=[ConnectionError(), Response(200)])
    try:
        await get("/")
    except ConnectionError:
        pass
    assert (await get("/")).status == 200

    async def echo(path: str) -> Response:
        return Response(200, {"path": path})

    get.side_effect = echo
    assert (await get("/x")).body == {"path": "/x"}


# --- the extras: waiting, never-awaited calls, controllable awaits -------------

async def wait_for_a_background_task() -> None:
    handle = AsyncMock(return_value=None)
    task = asyncio.ensure_future(process_all(handle, [1, 2]))

    await handle.wait_until_awaited(count=2, timeout=5.0)
    await handle.wait_until_any_await_with(2)
    await task
    handle.assert_has_awaits([call(1), call(2)])


async def find_a_forgotten_await() -> None:
    save = AsyncMock(wait_timeout=5.0)
    pending: Coroutine[Any, Any, Any] = save({"id": 1})
    assert save.unawaited_calls == [call({"id": 1})]
    await pending
    assert save.unawaited_calls == []
    save.assert_all_awaited()


async def limit_concurrency() -> None:
    fetch = AsyncMock(await_delay=0, return_value=Response(200))

    responses = await fetch_all(fetch, ["/a", "/b", "/c"])

    assert [response.status for response in responses] == [200, 200, 200]
    assert fetch.max_awaits_in_flight == 3
    assert fetch.awaits_in_flight == 0
    assert fetch.cancelled_await_count == 0
    fetch.await_delay = None
    assert fetch.wait_timeout is None
    assert AsyncMock.DEFAULT_TIMEOUT is None


async def keep_results_synchronous() -> None:
    get = AsyncMock(sync_results=True)
    get.return_value.json.return_value = {"id": 1}

    response = await get("/users/1")

    assert response.json() == {"id": 1}  # a plain method: nothing to await
    get.reset_mock(return_value=True)
    get.assert_not_awaited()


# --- async with and async for --------------------------------------------------

async def async_with_and_for() -> None:
    session = MagicMock()
    session.aenter_return_value = Response(200)
    async with session as response:
        assert response.status == 200

    stream = AsyncMagicMock()
    stream.aiter_return_value = [b"a", b"b"]
    chunks = [chunk async for chunk in stream]
    assert chunks == [b"a", b"b"]


# --- patch and create_autospec ---------------------------------------------------

@patch(HERE + ".load_user", new_callable=AsyncMock)
async def patch_as_a_decorator(load: AsyncMock) -> None:
    load.return_value = {"name": "ada lovelace"}

    assert await display_name(5) == "Ada Lovelace"
    load.assert_awaited_once_with(5)


async def patch_as_a_context_manager() -> str:
    with patch(HERE + ".load_user") as load:
        assert isinstance(load, AsyncMock)
        load.return_value = {"name": "grace"}
        return await display_name(1)


async def patch_an_object() -> None:
    with patch.object(Client, "get", autospec=True) as get:
        get.return_value = Response(204)
        client = Client()
        assert (await client.get("/ping")).status == 204
        get.assert_awaited_once_with(client, "/ping")


@patch.dict(os.environ, {"API_URL": "http://localhost"})
def patch_a_dict() -> None:
    assert api_url() == "http://localhost"


def patch_started_and_stopped() -> None:
    patcher = patch(HERE + ".read_config", return_value="debug = true")
    read = patcher.start()
    try:
        assert read_config("app.toml") == "debug = true"
    finally:
        patcher.stop()
    with patch.multiple(HERE, read_config=MagicMock(return_value=""), api_url=Mock()):
        assert read_config("app.toml") == ""
    patch.object(os, "getcwd", return_value="/").start()
    patch.stopall()
    assert patch.TEST_PREFIX == "test"


# Each returns what patching gave, under its declared type: with ``--strict``,
# mypy refuses to return an ``Any`` there, so these check patch's types.
def patch_gives_the_type_of_new() -> int:
    with patch(HERE + ".RETRIES", 5) as retries:
        assert RETRIES == 5
        return retries


def patch_gives_what_new_callable_makes() -> AsyncMock:
    patcher = patch.object(Client, "close", new_callable=AsyncMock)
    try:
        return patcher.start()
    finally:
        patcher.stop()


def patch_gives_a_magicmock_or_an_asyncmock() -> "Union[MagicMock, AsyncMock]":
    with patch(HERE + ".RETRIES") as retries:
        return retries


def patch_types_are_pinned() -> None:
    """What each form of patch gives, as typeshed's stubs give it for unittest.mock, or better."""
    with patch(HERE + ".RETRIES") as default:
        assert_type(default, Union[MagicMock, AsyncMock])
    with patch(HERE + ".RETRIES", new=5) as new:
        assert_type(new, int)
    with patch(HERE + ".read_config", new_callable=AsyncMock) as made:
        if sys.version_info >= (3, 9):  # mypy 1.16 (3.8 code) types AsyncMock() as a base class
            assert_type(made, AsyncMock)
    with patch(HERE + ".read_config", autospec=True) as autospecced:
        assert_type(autospecced, Union[MagicMock, AsyncMock])
    patcher = patch(HERE + ".RETRIES")
    assert_type(patcher.start(), Union[MagicMock, AsyncMock])
    patcher.stop()
    with patch.object(Client, "close") as method:
        assert_type(method, Union[MagicMock, AsyncMock])
    with patch.object(Client, "close", new_callable=AsyncMock) as close:
        if sys.version_info >= (3, 9):
            assert_type(close, AsyncMock)
    with patch.object(os, "sep", new="/") as sep:
        assert_type(sep, str)
    settings = {"debug": "false"}
    with patch.dict(settings, debug="true") as patched:  # typeshed: Any
        assert_type(patched, Dict[str, str])
    with patch.dict("os.environ", API_URL="http://localhost") as environ:
        assert_type(environ, Any)
    with patch.multiple(HERE, read_config=DEFAULT) as mocks:  # typeshed: Any
        assert_type(mocks, Dict[str, Any])

    @patch(HERE + ".RETRIES", new=7)
    def uses_new(times: int, /) -> str:
        return str(RETRIES * times)

    assert_type(uses_new, Callable[[int], str])
    assert uses_new(2) == "14"

    @patch.dict(settings, debug="true")
    def reads_settings(key: str, /) -> str:
        return settings[key]

    assert_type(reads_settings, Callable[[str], str])
    assert reads_settings("debug") == "true"


def open_a_file() -> None:
    with patch("builtins.open", mock_open(read_data="debug = true")):
        assert read_config("app.toml") == "debug = true"


async def autospec_a_function() -> None:
    fake_fetch = create_autospec(fetch_user, return_value={"id": 3})
    client = Client()

    assert await fake_fetch(client, 3) == {"id": 3}
    fake_fetch.assert_awaited_once_with(client, 3)


async def autospec_an_instance() -> None:
    client = create_autospec(Client, instance=True)
    client.get.return_value = Response(200, {"id": 4})

    assert await fetch_user(client, 4) == {"id": 4}
    client.get.assert_awaited_once_with("/users/4")
    try:
        await client.get()  # the spec's signature is checked
    except TypeError:
        pass


def seal_and_sentinel() -> None:
    config = Mock(token=sentinel.token)
    seal(config)
    assert config.token is sentinel.token


# --- unittest -------------------------------------------------------------------

@patch.object(Client, "close", new_callable=AsyncMock)
class ClientTests(IsolatedAsyncioTestCase):
    async def asyncSetUp(self) -> None:
        self.client = AsyncMock(spec=Client)
        self.addAsyncCleanup(self.client.close)

    async def test_fetch_user(self, close: AsyncMock) -> None:
        self.client.get.return_value = Response(200, {"id": 1})
        self.assertEqual(await fetch_user(self.client, 1), {"id": 1})
        close.assert_not_awaited()


def run_testcase() -> None:
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(ClientTests)
    result = unittest.TextTestRunner(stream=io.StringIO()).run(suite)
    assert result.testsRun == 1 and result.wasSuccessful(), result.errors + result.failures


# --- running the examples --------------------------------------------------------

async def main() -> None:
    await assert_awaits()
    await side_effects()
    await wait_for_a_background_task()
    await find_a_forgotten_await()
    await limit_concurrency()
    await keep_results_synchronous()
    await async_with_and_for()
    await patch_as_a_decorator()
    assert await patch_as_a_context_manager() == "Grace"
    await patch_an_object()
    await autospec_a_function()
    await autospec_an_instance()
    patch_a_dict()
    patch_started_and_stopped()
    assert patch_gives_the_type_of_new() == 5
    assert isinstance(patch_gives_what_new_callable_makes(), AsyncMock)
    assert isinstance(patch_gives_a_magicmock_or_an_asyncmock(), MagicMock)
    patch_types_are_pinned()
    open_a_file()
    seal_and_sentinel()


if __name__ == "__main__":
    loop = asyncio.new_event_loop()
    try:
        loop.run_until_complete(main())
    finally:
        loop.close()
    run_testcase()
    print("usage.py: every example ran")
