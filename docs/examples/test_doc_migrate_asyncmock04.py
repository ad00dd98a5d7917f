"""Migration guide (docs/migration/asyncmock-0.4.md): from the asyncmock 0.4 package.

asyncmock 0.4 (2020) had one class of its own, AsyncMock: a mock built from
the ``mock`` backport's NonCallableMock whose calls returned a coroutine,
recorded only once awaited; ``not_async`` made a mock sync, and ``async with`` gave the mock
itself (``aenter_return_value``). Each block shows what that code does now.
"""
import inspect

from asyncmock import AsyncMock, MagicMock


# [start same]
async def test_awaiting_a_mock_and_its_methods_works_as_before():
    my_mock = AsyncMock()

    await my_mock("foo", bar=123)
    await my_mock.my_method("foo", bar=123)

    my_mock.assert_called_with("foo", bar=123)
    my_mock.my_method.assert_called_with("foo", bar=123)
    # New: assertions about the awaits themselves.
    my_mock.my_method.assert_awaited_once_with("foo", bar=123)
# [end same]


# [start recorded-when-called]
async def test_a_call_is_recorded_when_it_is_made():
    my_mock = AsyncMock()

    pending = my_mock("foo")  # 0.4 recorded nothing until the await

    my_mock.assert_called_once_with("foo")
    my_mock.assert_not_awaited()
    await pending
    my_mock.assert_awaited_once_with("foo")
# [end recorded-when-called]


# [start not-async]
class Client:
    def url_for(self, path):
        return "https://api.test" + path

    async def get(self, url):
        raise RuntimeError("no network in the examples")


async def test_a_sync_method_is_a_magicmock():
    client = AsyncMock()
    client.url_for = MagicMock(return_value="https://api.test/users")  # was: .not_async = True

    assert client.url_for("/users") == "https://api.test/users"


async def test_a_spec_makes_each_method_sync_or_async_like_the_class():
    client = AsyncMock(spec=Client)

    assert client.url_for("/users") is client.url_for.return_value  # sync, as in Client
    await client.get("https://api.test/users")  # async, as in Client
    client.get.assert_awaited_once_with("https://api.test/users")


def test_a_sync_mock_is_a_magicmock():
    callback = MagicMock(return_value=42)  # was: AsyncMock(not_async=True)

    assert callback() == 42
# [end not-async]


# [start not-async-trap]
async def test_not_async_is_now_just_an_attribute():
    my_mock = AsyncMock(not_async=True)  # no error: it configures an attribute

    assert my_mock.not_async is True
    pending = my_mock()
    assert inspect.iscoroutine(pending)  # still async
    await pending
# [end not-async-trap]


# [start sync-results]
async def test_sync_results_for_what_an_await_returns():
    client = AsyncMock(sync_results=True)
    client.get.return_value.json.return_value = {"id": 1}

    response = await client.get("/users/1")

    assert response.json() == {"id": 1}  # 0.4: a coroutine, as json was an AsyncMock
# [end sync-results]


# [start aenter]
async def test_async_with_gives_aenter_return_value():
    connection = AsyncMock()
    pool = AsyncMock(aenter_return_value=connection)  # the same name as in 0.4

    async with pool as conn:
        assert conn is connection

    pool.__aexit__.assert_awaited_once_with(None, None, None)  # now recorded


async def test_async_with_no_longer_gives_the_mock_itself():
    pool = AsyncMock()
    async with pool as conn:
        assert conn is not pool  # 0.4: conn was pool
        assert conn is pool.aenter_return_value  # a mock of its own

    pool.aenter_return_value = pool  # to get 0.4's behaviour back
    async with pool as conn:
        assert conn is pool
# [end aenter]
